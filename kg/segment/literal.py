"""Cheap literal checks that let a costly case-insensitive search be skipped where it cannot match.

A pattern compiled with re.IGNORECASE whose every match holds one of some words (in any case)
cannot match a text that holds none of them. `may_hold` tells, by plain substring tests on the
lower-cased text, whether it holds one. The test is exact only where lower-casing and the regex
engine agree: four characters fold to an ASCII letter under re.IGNORECASE but not (or not alone)
under str.lower ("İ", "ı", "ſ", the Kelvin sign); a text with any of them is always searched.
"""
from __future__ import annotations

import re

_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Could `text` hold one of `words` (lower-case ASCII), as re.IGNORECASE compares letters?
    False only when it certainly holds none."""
    if not text.isascii() and any(c in text for c in _ODD_FOLDS):
        return True
    low = text.lower()
    return any(w in low for w in words)


def lowered(text: str) -> str | None:
    """`text` lower-cased, each character where it stood; None when a character folds otherwise
    under re.IGNORECASE or lower-cases to two ("İ")."""
    if not text.isascii() and any(c in text for c in _ODD_FOLDS):
        return None
    return text.lower()


def runs_back(text: str, pos: int, runs: int, floor: int = 0) -> int:
    """Where the `runs`-th run of spaces or of non-spaces before `pos` starts (the run `pos` stands
    inside counts as the first), not before `floor`. Moving `pos` right never moves it left."""
    for _ in range(runs):
        if pos <= floor:
            return floor
        space = text[pos - 1].isspace()
        while pos > floor and text[pos - 1].isspace() == space:
            pos -= 1
    return pos


def finditer_near_cues(pattern: re.Pattern, text: str, start: int, end: int, cues: re.Pattern, runs: int, after: str):
    """pattern.finditer(text, start, end), tried only at the few places before each cue where a
    match can open.

    For a pattern that never matches empty, whose matches open only at the text's start or right
    after a space or one of the characters `after`, and whose every match holds a cue (a match of
    `cues` in the lower-cased text) no more than `runs` runs of spaces or non-spaces after its own
    start. No match then opens between where the search stands and `runs_back` of the next cue;
    trying the places from there to that cue finds the next match, if it opens there at all."""
    low = lowered(text[start:end])
    if low is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start
    while pos <= end:
        cue = cues.search(low, pos - start)
        if cue is None:
            return
        at = start + cue.start()
        for i in range(max(pos, runs_back(text, at, runs, start)), at + 1):
            if i == 0 or text[i - 1].isspace() or text[i - 1] in after:
                m = pattern.match(text, i, end)
                if m is not None:
                    yield m
                    pos = m.end()
                    break
        else:
            pos = at + 1
