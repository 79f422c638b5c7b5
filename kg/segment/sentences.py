"""Sentences of minutes: where running text (decisions in prose, motions) splits into sentences.

A sentence ends at a full stop, question or exclamation mark before a capital, a figure or a
line break, at a blank line, at a table cell's edge, or before a bullet or a clause mark; never at
the stop of an abbreviation or an initial ("Mr. A. E. Ash", "Cllrs. Dale", "No. 4", "e.g. the").
The sentence ends that attendance lists, declarations, questions and follow-ups look for differ
on purpose (a list's line break, a semicolon between requests) and stay with their readers: read
as running text, an apologies list split at each line would lose its names.
"""
from __future__ import annotations

import re

#: words whose full stop ends no sentence (a single capital, an initial, ends none either)
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Cllrs", "Cr", "Crs", "St", "No", "Nos", "Ch", "Co", "Ltd",
                 "Rev", "Revd", "Prof", "Messrs", "approx", "etc", "e.g", "i.e", "viz", "para", "cf", "v", "vs")
BREAK = re.compile(r"(?P<p>[.!?])[\"'”’)]*(?:[ \t]+(?=[\"'“‘(]?[A-Z0-9])|[ \t]*\n(?=\s*\S))|\n[ \t]*\n|[ \t]*\|[ \t]*"
                   r"|\n(?=[ \t]*(?:[•·>▪◦\uf0b7]|[-–][ \t]|\(?[a-zA-Z0-9]{1,3}[.)][ \t]))")
_ABBREV = re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=lambda a: (-len(a), a)))
                     + r"|[A-Z])$")


def ends_no_sentence(before: str) -> bool:
    """Do the characters just before a full stop make it an abbreviation's or an initial's?"""
    return bool(_ABBREV.search(before))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end), untrimmed, each up to and with its stop."""
    out, s = [], start
    for m in BREAK.finditer(text, start, end):
        if m.group("p") and ends_no_sentence(text[max(start, m.start() - 6):m.start()]):
            continue
        e = m.start() + 1 if m.group("p") else m.start()
        if text[s:e].strip():
            out.append((s, e))
        s = m.end()
    if text[s:end].strip():
        out.append((s, end))
    return out
