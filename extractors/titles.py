"""The one vocabulary of titles around a person's name (`patterns/titles.v1.jsonl`), read without spaCy.

Every stage that reads a name takes its honorifics, councillors' and civic titles, plural titles,
ranks and post-nominal letters from here: `extractors.names` (parsing), `extractors.people`,
`extractors.organisations`, `kg.segment.people`, `kg.segment.names_list` (attendance lists),
`kg.segment.declarations` and `kg.redact`.
"""
from __future__ import annotations

import re

from extractors.vocab import load_jsonl

FILE = "titles.v1.jsonl"
_RECS = load_jsonl(FILE)


def _forms(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, c) for r in _RECS if r["kind"] == kind for w, c in r["forms"])


def _words(kind: str) -> tuple[str, ...]:
    return tuple(w for r in _RECS if r["kind"] == kind for w in r["words"])


#: a person's own honorific as written ("Mrs", "Professor", "Councillor")
PERSONAL: tuple[str, ...] = tuple(w for w, _ in _forms("honorifics"))
#: civic titles written where an honorific would be ("Cr", "Mayor", "Provost")
CIVIC: tuple[str, ...] = tuple(w for w, _ in _forms("civic_titles"))
#: honorific or civic title as written (lowercase, no dot) → canonical form ("councillor" → "Cllr")
HONORIFICS: dict[str, str] = {w.lower(): c for w, c in _forms("honorifics") + _forms("civic_titles")}
#: titles of members written before a name in a list ("County Councillor", "Deputy Mayor")
MEMBER_TITLES: frozenset[str] = frozenset(_words("member_titles"))
#: every singular title written before a name, capitalised ("Councillor", "Mrs", "County Cllr")
TITLES: frozenset[str] = frozenset(h.capitalize() for h in HONORIFICS) | MEMBER_TITLES
#: a plural title before a list → the singular each name takes ("Councillors" → "Councillor")
PLURALS: dict[str, str] = {p: s for r in _RECS if r["kind"] == "plural_titles" for p, s in r["pairs"]}
#: police ranks written before a name, longest first
RANKS: tuple[str, ...] = tuple(sorted(_words("ranks"), key=len, reverse=True))
#: any rank, however its words are spaced
RANK_PATTERN = "|".join(r"\s+".join(map(re.escape, r.split())) for r in RANKS)
#: letters after a name
POSTNOMINALS: tuple[str, ...] = _words("postnominals")


def pattern(words) -> str:
    """Words as one regex alternation, longest first ("Mrs" before "Mr")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


#: any honorific, as a regex alternation (no group): "Mrs", "Councillor", "Revd"
HONORIFIC_PATTERN = pattern(PERSONAL)
#: any honorific or civic title: "Cllr", "Cr", "Mayor", "Provost"
TITLE_PATTERN = pattern(PERSONAL + CIVIC)
