"""The council whose minutes these are, as the first lines name it, and whether a body's name is
that council's ("the Fenwater Town Council", "FENWATER TOWN COUNCIL"). Read without spaCy.
"""
from __future__ import annotations

import re

from extractors.names import straighten

# "Fenwater Town Council", "St. Orlan's Parish Council", "FENWATER COUNCIL MEETING"; not "the Council Tax", "Town Council Offices"
_HOME = re.compile(r"(?P<name>(?:(?:St|Ste|Mt)\.[ \t]+|[A-Z][\w'’-]*[ \t]+(?:(?:and|&)[ \t]+)?){1,5})Council\b"
                   r"(?![ \t]+(?!(?:Meeting|Minutes)\b)[A-Z])")
_HOME_LEAD = frozenset({"The", "Minutes", "Minute", "Meeting", "Special", "Ordinary", "Annual", "General", "Extraordinary",
                        "Full", "Agenda", "Of", "A", "At", "Page"})
_SMALL_WORDS = frozenset({"OF", "AND", "THE", "AT", "IN", "ON", "HELD", "FOR", "BY", "TO", "A"})


def initials(name: str) -> str:
    """"Fenwater Community Council" -> "FCC"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", straighten(name).lower().replace("&", " and ")).strip()


def same_body(norm: str, home: str) -> bool:
    """The name is the home council's ("the Fenwater Town Council", "FENWATER TOWN COUNCIL")."""
    a, b = _fold(norm), _fold(home)
    a = a[4:] if a.startswith("the ") else a
    b = b[4:] if b.startswith("the ") else b
    return a == b


def home_council(text: str, lines: int = 12) -> str | None:
    """The council whose minutes these are, as its first lines name it: "Minutes of a meeting
    of Fenwater Town Council", a heading "FENWATER COMMUNITY COUNCIL", "the Fenwater Council"
    else the council the whole text names again and again (`most_named_council`); None when
    neither says."""
    head = [ln for ln in text[:3000].splitlines() if ln.strip()][:lines]
    for line in head:
        line = _title_caps(line)
        for m in _HOME.finditer(line):
            if len(line.strip()) > 100 and line[:m.start()].strip() and not re.search(r"\bof[ \t]+(?:the[ \t]+)?$", line[:m.start()]):
                continue  # a council named in running prose, not the heading (nor a heading a PDF runs into its paragraph)
            name = _council_name(m)
            if name:
                return name
    own = _OWN_KIND.search(_title_caps(text[:3000]))
    named = most_named_council(text)
    if own and named and own.group(1) not in named.split():
        return None  # "the meeting of the Parish Council": not the County Council its minutes write to
    return named


def kind_named(norm: str) -> str | None:
    """The kind of council a name ends by naming a council by its kind alone ("Overview of the
    County Council" -> "County"): the council of that kind the text is about, not a body of its
    own; None for any other name."""
    m = _BY_KIND.search(norm)
    return m.group(1) if m else None


def most_named_council(text: str, at_least: int = 1) -> str | None:
    """The council a text names most often (and `at_least` times): by its whole name
    ("Fenwater Town Council", "FENWATER TOWN COUNCIL") or by its kind ("the Town Council"), the
    one named first when two are named as often; None when no council is. Minutes name
    their own council over and over (its officers, its decisions, its land), others now and
    then. Only a name that says what kind of council it is ("Town", "County", "Borough") counts:
    "the Youth Council", "the Children in Care Council" are a council's own forums."""
    if "Council" not in text and "COUNCIL" not in text:
        return None
    text = _title_caps(text)
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for m in _HOME.finditer(text):
        name = _council_name(m)
        if name:
            key = _fold(name)
            counts[key] = counts.get(key, 0) + 1
            names.setdefault(key, name)
    for m in _KIND_ONLY.finditer(text):  # "the County Council": each council of that kind the text names
        for key in counts:
            if m.group(1) in names[key].split():
                counts[key] += 1
    pool = [k for k in counts if any(w in _KINDS for w in names[k].split())]
    best = max((counts[k] for k in pool), default=0)
    if best < max(at_least, 1):
        return None
    return next(names[k] for k in pool if counts[k] == best)  # in the order of first naming


def _title_caps(text: str) -> str:
    """"FENWATER COUNTY COUNCIL" -> "Fenwater County Council" (small words lower), same length."""
    return re.sub(r"\b[A-Z][A-Z'’-]+\b", lambda w: w.group(0).lower() if w.group(0) in _SMALL_WORDS
                  else w.group(0).capitalize(), text)


#: the words that say what kind of council a name is
_KINDS = frozenset({"County", "City", "Town", "Borough", "District", "Parish", "Community", "Regional", "Metropolitan",
                    "Shire", "Municipal", "Island", "Islands"})
_BY_KIND = re.compile(r"(?:^|\s)the\s+(" + "|".join(sorted(_KINDS)) + r")\s+Council$", re.IGNORECASE)
# "Minutes of the meeting of the Parish Council": the minutes name their own council by its kind
_OWN_KIND = re.compile(r"\b(?:[Mm]eeting|[Mm]inutes?)[ \t]+of[ \t]+the[ \t]+(?:[A-Z]\w+[ \t]+){0,3}?("
                       + "|".join(sorted(_KINDS)) + r")[ \t]+Council\b(?![ \t]+(?!(?:Meeting|Minutes)\b)[A-Z])")
_KIND_ONLY = re.compile(r"\b[Tt]he[ \t]+(" + "|".join(sorted(_KINDS)) + r")[ \t]+Council\b(?![ \t]+[A-Z])")
_GENERIC = frozenset({"County", "City", "Town", "Borough", "District", "Parish", "Community", "Full", "The",
                      "Regional", "New", "Shire", "Island", "Islands"})


def _council_name(m: re.Match) -> str | None:
    """The council a `_HOME` match names, without the words that lead into it ("Minutes of the");
    None when what is left is only a kind of council ("the County Council")."""
    words = m.group("name").split()
    lead = [k for k, w in enumerate(words) if w in _HOME_LEAD]
    words = words[lead[-1] + 1:] if lead else words
    while words and words[0] in ("and", "&"):
        words = words[1:]
    if words and not all(w in _GENERIC for w in words):
        return " ".join(words + ["Council"])
    return None
