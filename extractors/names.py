"""Names as minutes write them: people, posts and outside bodies.

Pure Python (no spaCy): the builder and `kg.identity` use these to decide when two surface
forms are one person, one post or one organisation.

People
    "Mrs. H. J. Quarrie CC" → PersonName(honorific="Mrs", initials=("H", "J"), surname="Quarrie",
    postnominals=("CC",)). Given names written in full count as initials too ("Jane Moorcroft" and
    "Mrs J Moorcroft" are compatible).

Posts (one rule, applied everywhere)
    * whitespace squashed, curly apostrophes straightened, leading "the" and trailing
      punctuation dropped;
    * an all-capitals post is title-cased: small words (of, and, for, the, ...) lowercase,
      known acronyms (SEND, IRO, ...) and vowel-less words uppercase;
    * "Of", "And", "For" inside a post are lowercased ("Head Of Service" → "Head of Service");
    * a plain **Director** joins its area with "of": "Director - X", "Director- X",
      "Director: X", "Director, X", "Director X" → "Director of X";
    * a **compound head** ("Assistant Director", "Deputy Director", "Interim Director",
      "Head of Service") joins its area with a comma: "Assistant Director – X",
      "Assistant Director X", "Assistant Director of X", "Head Of Service: SEND"
      → "Assistant Director, X", "Head of Service, SEND".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractors.titles import HONORIFICS, POSTNOMINALS, RANK_PATTERN, RANKS

__all__ = [
    "PersonName", "parse_person", "person_key", "compatible", "fullness",
    "normalise_post", "normalise_org", "squash", "straighten",
    "HONORIFICS", "POSTNOMINALS", "RANKS", "RANK_PATTERN",
]

# --------------------------------------------------------------------------- helpers

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "\u00a0": " "})


def straighten(text: str) -> str:
    """Curly quotes and dashes → ASCII ones."""
    return text.translate(_QUOTES)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- people

#: words that may stand before "Councillor": "County Councillor A Davies" is Cllr A Davies
_CIVIC_PREFIX = {"county", "borough", "district", "town", "city", "parish", "community", "deputy"}
# police ranks ("Detective Inspector Jane Smith") are the name's honorific, never forenames
_RANK = re.compile(rf"^({RANK_PATTERN})\s+(?=\S)", re.IGNORECASE)
_RANK_FORM = {r.lower(): r for r in RANKS}

_MALE = {"Mr", "Sir", "Lord"}
_FEMALE = {"Mrs", "Ms", "Miss", "Dame", "Lady"}

_POSTNOMINAL_SET = {p.upper() for p in POSTNOMINALS}

_SURNAME = re.compile(r"^(?:[A-Z][a-z]?'?)?[A-Z][A-Za-z'\-]*[a-z][A-Za-z'\-]*$|^[A-Z][A-Z'\-]{2,}$")
_GIVEN = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


@dataclass(frozen=True)
class PersonName:
    """A person's name split into its parts, as a council minute writes it."""

    honorific: str | None
    given: tuple[str, ...]
    initials: tuple[str, ...]
    surname: str
    postnominals: tuple[str, ...] = ()

    @property
    def letters(self) -> tuple[str, ...]:
        """First letters of the forenames in order, from full given names or initials."""
        return self.initials

    @property
    def display(self) -> str:
        """A clean rendering: "Mrs H. J. Quarrie CC", "Jane Moorcroft"."""
        parts: list[str] = []
        if self.honorific:
            parts.append(self.honorific)
        if self.given:
            parts.extend(self.given)
            parts.extend(f"{i}." for i in self.initials[len(self.given):])
        else:
            parts.extend(f"{i}." for i in self.initials)
        parts.append(self.surname)
        parts.extend(self.postnominals)
        return " ".join(parts)


def parse_person(text: str) -> PersonName | None:
    """Split a written name into its parts; None when it does not look like one name.

    Never raises. "Mrs. H. J. Quarrie CC", "Mr T. Brindle CC", "Jane Moorcroft", "Cllr Smith",
    "Mrs Penelope Yarrow" parse; "the Director", "Mr Chairman", "" do not.
    """
    return _parse_person(text) if isinstance(text, str) else None


@lru_cache(maxsize=8192)  # a PersonName is frozen: one may be shared
def _parse_person(text: str) -> PersonName | None:
    s = squash(straighten(unicodedata.normalize("NFC", text)))
    if not s or len(s) > 120 or any(ch.isdigit() for ch in s):
        return None
    s = re.sub(r"\s*\(.*$", "", s).strip(" ,;:.-")
    # split "H.J.Quarrie" into "H. J. Quarrie"
    s = re.sub(r"(?<![A-Za-z])([A-Z])\.(?=[A-Za-z])", r"\1. ", s)
    tokens = s.split()
    if not tokens:
        return None
    if " ".join(tokens).lower() in _RANK_FORM:
        return None  # "Chief Inspector" alone is a rank, not a Mr Inspector
    honorific = None
    if len(tokens) > 2 and tokens[0].lower() in _CIVIC_PREFIX and tokens[1].rstrip(".,").lower() in HONORIFICS:
        tokens = tokens[1:]
    tokens = [tokens[0].rstrip(",")] + tokens[1:]
    head = tokens[0].rstrip(".").lower()
    rank = _RANK.match(" ".join(tokens))
    if rank:
        honorific = _RANK_FORM[" ".join(rank.group(1).lower().split())]
        tokens = tokens[len(rank.group(1).split()):]
    elif head in HONORIFICS:
        honorific = HONORIFICS[head]
        tokens = tokens[1:]
        courtesy = HONORIFICS.get(tokens[0].rstrip(".").lower()) if honorific == "Cllr" and len(tokens) > 1 else None
        if courtesy is not None and courtesy != "Cllr":  # "Councillor Mrs P. Okafor": Mrs tells more
            honorific, tokens = courtesy, tokens[1:]
    post: list[str] = []
    while tokens and tokens[-1].rstrip(".,").upper() in _POSTNOMINAL_SET and len(tokens) > 1:
        post.insert(0, tokens.pop().rstrip(".,"))
    if not tokens:
        return None
    surname = tokens[-1].rstrip(".,")
    if not _SURNAME.match(surname) or surname.lower() in _NOT_SURNAMES:
        return None
    if honorific is None and surname.lower() in _PLACE_ENDINGS:
        return None
    given: list[str] = []
    initials: list[str] = []
    for tok in tokens[:-1]:
        t = tok.rstrip(",")
        if re.fullmatch(r"[A-Z]\.?", t):
            initials.append(t[0])
        elif re.fullmatch(r"(?:[A-Z]\.){2,}", t):
            initials.extend(t.replace(".", ""))
        elif re.fullmatch(r"[A-Z]{2,3}", t) and not given and (honorific is not None or len(t) == 2):
            initials.extend(t)  # "County Councillor DW Meredith": initials run together
        elif _GIVEN.match(t) and not initials and t.lower() not in _NOT_SURNAMES:
            given.append(t)
        elif _GIVEN.match(t) and initials and t.lower() not in _NOT_SURNAMES:
            initials.append(t[0])  # "J Harvey Johnston": a middle name after an initial
        else:
            return None
    if honorific is None and not given:
        # a bare "Quarrie" or "H. Quarrie" is too weak to be a name on its own
        if not initials:
            return None
    if len(given) + len(initials) > 5:
        return None
    letters = tuple(g[0] for g in given) + tuple(initials)
    canon_post = tuple(p.upper() if p.upper() != "PHD" else "PhD" for p in post)
    return PersonName(honorific, tuple(given), letters, surname, canon_post)


#: words that follow an honorific but are not surnames ("Mr Chairman", "Mrs Justice")
_NOT_SURNAMES = {
    "chairman", "chair", "chairwoman", "chairperson", "justice", "speaker", "president",
    "mayor", "deputy", "vice", "the", "and", "of", "for", "secretary", "director", "head",
    "lead", "member", "members", "cabinet", "council", "county", "committee", "leader",
    "madam", "sir", "lady", "lord", "officer", "clerk", "tel", "email", "telephone",
    "mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "councillor",
}
#: words that end the name of a place or a body ("Fenwater Parish", "Railway Street", "Motor Tax
#: Section"): no surname unless a title says a person is meant ("Mr J Street")
_PLACE_ENDINGS = {"parish", "borough", "district", "directorate", "department", "section", "road", "street",
                  "avenue", "trust", "association", "partnership", "services", "service", "team", "unit"}


def _as_name(name: PersonName | str) -> PersonName | None:
    return name if isinstance(name, PersonName) else parse_person(name)


def person_key(name: PersonName | str) -> str:
    """Surname lowercased plus the first initial: "quarrie-h"; just "quarrie" without initials.

    Stable (same name → same key) and idempotent over display forms:
    `person_key(parse_person(n).display) == person_key(n)`. Empty string when `name` is
    not a name.
    """
    p = _as_name(name)
    if p is None:
        return ""
    base = _slug(p.surname)
    return f"{base}-{p.initials[0].lower()}" if p.initials else base


def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")


def _gender(h: str | None) -> str | None:
    if h in _MALE:
        return "m"
    if h in _FEMALE:
        return "f"
    return None


def compatible(a: PersonName | str, b: PersonName | str) -> bool:
    """Could these two written names be the same person?

    Same surname (case-insensitive); honorifics that do not contradict (Mr vs Mrs → no;
    Dr, Cllr or none agree with anything); forename letters where one is a prefix of the
    other ("H. J." vs "H" yes, "A." vs "M." no); full given names at the same position equal.
    """
    pa, pb = _as_name(a), _as_name(b)
    if pa is None or pb is None:
        return False
    if _slug(pa.surname) != _slug(pb.surname):
        return False
    ga, gb = _gender(pa.honorific), _gender(pb.honorific)
    if ga and gb and ga != gb:
        return False
    la, lb = pa.initials, pb.initials
    n = min(len(la), len(lb))
    if la[:n] != lb[:n]:
        return False
    for x, y in zip(pa.given, pb.given):
        if x.lower() != y.lower():
            return False
    return True


def fullness(name: PersonName | str) -> tuple[int, int, int, int, int]:
    """A sort key: bigger means a fuller written form (used to choose the label)."""
    p = _as_name(name)
    if p is None:
        return (0, 0, 0, 0, 0)
    return (len(p.initials), len(p.given), 1 if p.honorific else 0, len(p.postnominals),
            1 if isinstance(name, str) and "." in name else 0)


# --------------------------------------------------------------------------- posts

_SMALL = {"of", "and", "for", "the", "to", "in", "on", "at", "by", "with", "a", "an", "&"}
_ACRONYMS = {"SEND", "SEN", "IRO", "HR", "ICT", "IT", "CFS", "CSC", "CAMHS", "SENA", "NHS",
             "EHCP", "UASC", "CSE", "YOS", "MASH", "QA", "SENCO", "DSG", "OBE", "CC", "LADO",
             "ASC", "PA", "CEO", "ADCS"}
_COMPOUND_HEADS = ("Assistant Director", "Deputy Director", "Interim Director",
                   "Associate Director", "Head of Service")


def _title_word(w: str, first: bool) -> str:
    core = w.strip("()")
    if core.upper() in _ACRONYMS or (core.isalpha() and len(core) <= 4 and not re.search(r"[AEIOUY]", core.upper())):
        return w.upper()
    if not first and w.lower() in _SMALL:
        return w.lower()
    if "'" in w:
        a, _, b = w.partition("'")
        return a[:1].upper() + a[1:].lower() + "'" + b.lower()
    return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_SMALL = re.compile(r"\s+(?:of|for|and|&)$", re.IGNORECASE)
_COMPOUND_RX = tuple((head, re.compile(rf"^{re.escape(head)}\b\s*(?:[-:,]\s*|(?:of|for)\s+)?(.*)$", re.IGNORECASE))
                     for head in _COMPOUND_HEADS)
_DIRECTOR = re.compile(r"^Director\b\s*(?:[-:,]\s*|of\s+)?(.*)$", re.IGNORECASE)
_TWO_POSTS = re.compile(r"(?:and|&)(?:\s|$)", re.IGNORECASE)
#: how many names `normalise_post` and `normalise_org` remember (the same names recur in every item)
_MEMORY = 8192


def _tidy(text: str) -> str:
    s = squash(straighten(unicodedata.normalize("NFC", text))) if isinstance(text, str) else ""
    while True:  # "the the X", ". the X", "X of": strip until nothing changes, so tidying twice is tidying once
        t = _LEADING_THE.sub("", s.strip(" .,;:-"))
        t = _TRAILING_SMALL.sub("", t)
        if t == s:
            return s
        s = t


def normalise_post(text: str) -> str:
    """The canonical label of a post (see the module docstring for the rule). Never raises."""
    return _normalise_post(text) if isinstance(text, str) else ""


@lru_cache(maxsize=_MEMORY)
def _normalise_post(text: str) -> str:
    s = _tidy(text)
    if not s:
        return ""
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 4:
        s = " ".join(_title_word(w, i == 0) for i, w in enumerate(s.split(" ")))
    # small words inside a post are lowercase ("Head Of Service" → "Head of Service")
    s = " ".join(w.lower() if i and w.lower() in _SMALL and w != w.lower() else w
                 for i, w in enumerate(s.split(" ")))
    for head, rx in _COMPOUND_RX:
        m = rx.match(s)
        if m:
            area = m.group(1).strip(" -:,")
            if area.startswith("("):
                return f"{head} {area}"  # "Assistant Director (Finance & ICT)": the area as written
            return f"{head}, {area}" if area else head
    m = _DIRECTOR.match(s)
    if m:
        area = m.group(1).strip(" -:,")
        if _TWO_POSTS.match(area):
            return s  # "Director and Chief Executive": two posts, no area
        return f"Director of {area}" if area else "Director"
    return s


def normalise_org(text: str) -> str:
    """Canonical organisation name: no leading "the", straight apostrophes, single spaces."""
    return _normalise_org(text) if isinstance(text, str) else ""


@lru_cache(maxsize=_MEMORY)
def _normalise_org(text: str) -> str:
    s = _tidy(text)
    s = _LEADING_THE.sub("", s)
    return s.strip(" .,;:")
