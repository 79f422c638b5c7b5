"""Shortcuts that spare the segmenter's costly searches where they cannot match, finding the same.

Three kinds, each exact (tests/test_segment_literal.py checks them against the full searches):

* `may_hold`: a pattern compiled with re.IGNORECASE whose every match holds one of some words
  cannot match a text that holds none of them (one search of the lower-cased text tells);
* `finditer_near`: a pattern whose every match holds a cue word a few runs of words after its
  start (`Cues`) is tried only at the places before each cue where a match can open;
* `lower_twin` / `finditer_twin`: a case-insensitive pattern's case-sensitive twin, run on the
  lower-cased text, matches where it does and runs some times faster.

Lower-casing agrees with re.IGNORECASE except on four characters ("İ", "ı", "ſ", the Kelvin
sign): a text holding any of them is always searched in full (`lowered` gives None).
"""
from __future__ import annotations

import re
from functools import lru_cache

_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Could `text` hold one of `words` (lower-case ASCII), as re.IGNORECASE compares letters?
    False only when it certainly holds none."""
    return any_in(lowered(text), words)


def any_in(low: str | None, words: tuple[str, ...]) -> bool:
    """`may_hold` for a text already `lowered` (None: it may hold anything)."""
    return low is None or _any_of(words).search(low) is not None


@lru_cache(maxsize=64)
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One search for any of `words` (faster than a test per word)."""
    return re.compile("|".join(map(re.escape, words)))


def lower_twin(pattern: re.Pattern) -> re.Pattern:
    """`pattern` (compiled with re.IGNORECASE) with its letters in lower case and compiled without
    it: on a `lowered` text it matches where `pattern` matches on the text itself, and runs some
    times faster (lower-casing keeps every character's length and its being a letter, digit, space
    or word character; `lowered` refuses the characters that fold otherwise). Only for patterns
    with no class of letters ("[A-Z]"), no inline flags, no upper-case escape ("\\S") and no
    upper-case group name."""
    source = pattern.pattern
    classes = [re.sub(r"\\.", "", c) for c in re.findall(r"\[(?:\\.|[^\]\\])*\]", source)]  # escapes ("\\w") aside
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]|\(\?[aiLmsux-]+[:)]|\(\?P[<=][^>)]*[A-Z]", source) \
            or any(re.search("[A-Za-z]", c) for c in classes):
        raise ValueError(f"no lower-case twin for {source[:60]!r}")
    return re.compile(re.sub(r"\(\?p([<=])", r"(?P\1", source.lower()), pattern.flags & ~re.IGNORECASE)


@lru_cache(maxsize=2)
def _lowered_whole(text: str) -> str | None:
    """`lowered` of a whole document's text, kept while its items are read."""
    return lowered(text)


def finditer_twin(pattern: re.Pattern, twin: re.Pattern, text: str, start: int, end: int) -> list[re.Match]:
    """pattern.finditer(text, start, end), found by its `lower_twin` on the lower-cased text and each
    match read again from the text itself (its groups hold the text's own words)."""
    low = _lowered_whole(text)
    if low is None:
        return list(pattern.finditer(text, start, end))
    out = []
    for t in twin.finditer(low, start, end):
        m = pattern.match(text, t.start(), end)
        if m is None or m.span() != t.span():  # never expected: then the pattern's own search decides
            return list(pattern.finditer(text, start, end))
        out.append(m)
    return out


def lowered(text: str) -> str | None:
    """`text` lower-cased, each character where it stood; None when a character folds otherwise
    under re.IGNORECASE or lower-cases to two ("İ")."""
    if not text.isascii() and any(c in text for c in _ODD_FOLDS):
        return None
    return text.lower()


def runs_back(text: str, pos: int, runs: int, floor: int = 0) -> int:
    """Where the `runs`-th run of spaces or of non-spaces before `pos` starts (the run `pos` stands
    inside counts as the first), not before `floor`. Moving `pos` right never moves it left."""
    window = max(floor, pos - 40 * runs)
    back = text[window:pos][::-1]
    stop = 0
    for _ in range(runs):  # each step a whole run: a greedy \s+ or \S+ from where the last ended
        m = _ONE_RUN.match(back, stop)
        if m is None:
            return window if window == floor else _runs_back_slowly(text, pos, runs, floor)
        stop = m.end()
    if stop == len(back) and window > floor:
        return _runs_back_slowly(text, pos, runs, floor)  # the window ended inside a run
    return pos - stop


_ONE_RUN = re.compile(r"\s+|\S+")


def _runs_back_slowly(text: str, pos: int, runs: int, floor: int) -> int:
    for _ in range(runs):
        if pos <= floor:
            return floor
        space = text[pos - 1].isspace()
        while pos > floor and text[pos - 1].isspace() == space:
            pos -= 1
    return pos


#: `Cues.after` for a pattern that opens with a word boundary before a letter ("\b(?:report|...)")
WORD_START = r"\b"


class Cues:
    """Where a pattern's matches can stand: each holds a match of `words` (searched in the
    lower-cased text) no more than `runs` runs of spaces or non-spaces after its own start, and
    opens at the text's start, right after a space or after one of the characters `after`
    (None: anywhere; WORD_START: at a word's first letter only). The pattern never matches empty."""

    def __init__(self, words: re.Pattern, runs: int, after: str | None = None) -> None:
        self.words, self.runs, self.after = words, runs, after
        # the places a match can open (and a few more): an empty match at each
        if after is None:
            self.opener = re.compile("")
        elif after == WORD_START:
            self.opener = re.compile(r"\b(?=\w)")
        else:
            self.opener = re.compile(rf"\A|(?<=[\s{re.escape(after)}])")


def finditer_near(pattern: re.Pattern, text: str, start: int, end: int, cues: Cues):
    """pattern.finditer(text, start, end), tried only at the places before each cue where a
    match can open (`Cues`).

    No match opens between where the search stands and `runs_back` of the next cue (every match
    holds a cue, and `runs_back` never moves left as its cue moves right): trying the places from
    there to that cue finds the next match if it opens there, and none opens before the cue after."""
    low = lowered(text[start:end])
    if low is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start
    while pos <= end:
        cue = cues.words.search(low, pos - start)
        if cue is None:
            return
        at = start + cue.start()
        for place in cues.opener.finditer(text, max(pos, runs_back(text, at, cues.runs, start)), at + 1):
            m = pattern.match(text, place.start(), end) if place.start() <= at else None
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


def search_near(pattern: re.Pattern, text: str, start: int, end: int, cues: Cues) -> re.Match | None:
    """pattern.search(text, start, end), tried only near its cues (`finditer_near`)."""
    return next(finditer_near(pattern, text, start, end, cues), None)
