"""The council whose minutes these are, as the first lines name it, and whether a body's name is
that council's ("the Fenwater Town Council", "FENWATER TOWN COUNCIL"). Read without spaCy.
"""
from __future__ import annotations

import re

from extractors.names import straighten

_HOME = re.compile(r"(?P<name>(?:[A-Z][\w'’-]*[ \t]+(?:(?:and|&)[ \t]+)?){1,5})Council\b(?![ \t]+[A-Z])")
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
    (None when the first lines name no council of their own)."""
    head = [ln for ln in text[:3000].splitlines() if ln.strip()][:lines]
    for line in head:
        line = re.sub(r"\b[A-Z][A-Z'’-]+\b", lambda w: w.group(0).lower() if w.group(0) in _SMALL_WORDS
                      else w.group(0).capitalize(), line)  # "FENWATER COUNTY COUNCIL" -> "Fenwater County Council"
        for m in _HOME.finditer(line):
            if len(line.strip()) > 100 and not re.search(r"\bof[ \t]+(?:the[ \t]+)?$", line[:m.start()]):
                continue  # a council named in running prose, not the heading
            words = m.group("name").split()
            lead = [k for k, w in enumerate(words) if w in _HOME_LEAD]
            words = words[lead[-1] + 1:] if lead else words
            while words and words[0] in ("and", "&"):
                words = words[1:]
            generic = {"County", "City", "Town", "Borough", "District", "Parish", "Community", "Full", "The",
                       "Regional", "New", "Shire", "Island", "Islands"}
            if words and not all(w in generic for w in words):
                return " ".join(words + ["Council"])
    return None
