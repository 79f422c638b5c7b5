"""One pattern's matches found from where its opening words stand.

Most of the components' patterns open with words ("colleagues from", "Director",
"Councillor|Cllr|Mr|Mrs"), after zero-width checks such as `\\b` or `(?<![\\w'’-])`. Python's
`re` tries such a pattern at every character of the text; `str.find` finds the opening words
many times faster. `finditer(rx, text)` tries `rx` only where one of its opening words
stands, left to right, going on after each match's end: the matches of `rx.finditer(text)`,
the same ones in the same order, because a match can start nowhere else. A pattern whose
opening cannot be read as words (a name, a character class) but whose every match holds one
of some words ("<Name> explained|said|asked") is not scanned at all in a text holding none of
them. Case-insensitive patterns are scanned by `re` as before.
"""
from __future__ import annotations

import re
from re import _constants as C  # the opcodes of `re`'s own parser
from re import _parser as P
from typing import Iterator

#: the shortest opening word worth finding with `str.find` (a shorter one stands everywhere)
MIN_OPENING = 2
#: more openings than this are found faster by `re` itself
MAX_OPENINGS = 40

_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_openings: dict[re.Pattern, tuple[str, ...] | None] = {}
_needs: dict[re.Pattern, tuple[str, ...] | None] = {}


def needed(rx: re.Pattern) -> tuple[str, ...] | None:
    """Words one of which every match of `rx` holds, or None when they cannot be told."""
    if rx in _needs:
        return _needs[rx]
    found = None
    if not rx.flags & re.IGNORECASE:
        words = _needed(list(P.parse(rx.pattern, rx.flags).data))
        found = tuple(sorted(words)) if words else None
    _needs[rx] = found
    return found


def openings(rx: re.Pattern) -> tuple[str, ...] | None:
    """The words one of which every match of `rx` starts with, or None when they cannot be
    told (or are too short or too many to help)."""
    if rx in _openings:
        return _openings[rx]
    found = None
    if not rx.flags & re.IGNORECASE:
        words = _first(list(P.parse(rx.pattern, rx.flags).data))
        if words and min(map(len, words)) >= MIN_OPENING and len(words) <= MAX_OPENINGS:
            found = tuple(sorted(words))
    _openings[rx] = found
    return found


#: this many openings or more are found faster by one pattern of them all (see `_scout`)
SCOUT_WORDS = 8
#: by the pattern's id (hashing a pattern hashes its compiled code): the pattern, its
#: `openings`, its `needed` words when they say more than its openings, and its `_scout`
_plans: dict[int, tuple] = {}


def _plan(rx: re.Pattern) -> tuple:
    plan = _plans.get(id(rx))
    if plan is None or plan[0] is not rx:
        words, must = openings(rx), needed(rx)
        if words is not None and must is not None and set(must) <= set(words):
            must = None  # the openings are looked for anyway
        scout = _scout(words) if words and len(words) >= SCOUT_WORDS else None
        plan = _plans[id(rx)] = (rx, words, must, scout, bool(words) and _opens_word(rx, words))
    return plan


def _opens_word(rx: re.Pattern, words: tuple[str, ...]) -> bool:
    """`rx` opens with `\\b` (Unicode) before words that start with a word character: a match
    starts only where no word character stands before."""
    if rx.flags & (re.ASCII | re.LOCALE) or not all(w[0].isalnum() or w[0] == "_" for w in words):
        return False
    items = list(P.parse(rx.pattern, rx.flags).data)
    return bool(items) and items[0] == (C.AT, C.AT_BOUNDARY)


def _scout(words: tuple[str, ...]) -> re.Pattern | None:
    """A pattern whose matches start where one of `words` stands, at all of those places: when
    no word can start inside another's (or its own) occurrence, `re`'s left-to-right scan for
    any of them misses none. None when one can ("ran" and "and" in "rand")."""
    for a in words:
        for b in words:
            if any(a[k:k + len(b)] == b[:len(a) - k] for k in range(1, len(a))):
                return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def finditer(rx: re.Pattern, text: str) -> Iterator[re.Match]:
    """What `rx.finditer(text)` yields, trying `rx` only where one of its `openings` stands
    (and not at all where none of its `needed` words does)."""
    _, words, must, scout, at_word = _plan(rx)
    if must is not None and not any(w in text for w in must):
        return  # none of the words every match holds: no match
    if words is None:
        yield from rx.finditer(text)
        return
    if scout is not None:
        starts = [m.start() for m in scout.finditer(text)]
    elif len(words) == 1:
        w = words[0]
        starts = []
        k = text.find(w)
        while k >= 0:
            starts.append(k)
            k = text.find(w, k + 1)
    else:
        found: set[int] = set()
        for w in words:
            k = text.find(w)
            while k >= 0:
                found.add(k)
                k = text.find(w, k + 1)
        starts = sorted(found)
    pos = 0
    for k in starts:
        if k < pos:
            continue  # inside the match before: `re` goes on from its end
        if at_word and k and (text[k - 1].isalnum() or text[k - 1] == "_"):
            continue  # inside a word: no `\\b` (what `re` counts as a word character)
        m = rx.match(text, k)
        if m is not None:
            yield m
            pos = m.end()


def lines_holding(text: str, words, where: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` holding one of `words` (none holds a line break), in
    order; `end` is the offset of the line's break (or the text's end). `where`, the text with
    its ASCII capitals lowered (`ascii_lower`), finds lowercase `words` in any case."""
    seen = text if where is None else where
    starts: set[int] = set()
    for w in words:
        k = seen.find(w)
        while k >= 0:
            start = seen.rfind("\n", 0, k) + 1
            starts.add(start)
            end = seen.find("\n", k)
            if end < 0:
                break
            k = seen.find(w, end)
    out = []
    for start in sorted(starts):
        end = text.find("\n", start)
        out.append((start, end if end >= 0 else len(text)))
    return out


def finditer_lines(rx: re.Pattern, text: str, words, where: str | None = None) -> Iterator[re.Match]:
    """What `rx.finditer(text)` yields, for a pattern no match of which holds a line break and
    every match of which holds one of `words` (see `lines_holding`): the matches of the lines
    holding one of them. Each line is scanned up to its break, where end-of-text tests
    (`\\b`, `(?!\\w)`) read as they do before a line break."""
    for start, end in lines_holding(text, words, where):
        yield from rx.finditer(text, start, end)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """`text` with its ASCII capitals lowered, every offset kept. A case-insensitive pattern's
    letter other than i, k and s matches only that letter in either case (`re` matches "ı", "K"
    and "ſ" to i, k and s), so a lowercase word of other letters that a match holds stands here."""
    lower = text.lower()  # no other letter lowers to an ASCII one but "İ", to two characters
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def _first(items: list) -> set[str] | None:
    """The literal openings of a parsed sequence: after its zero-width checks, the run of
    literal characters it starts with, or those of the group or branches it starts with.
    None when it may start otherwise (or match nothing)."""
    k = 0
    while k < len(items) and items[k][0] in _ZERO_WIDTH:
        k += 1
    if k == len(items):
        return None
    op, av = items[k]
    if op is C.LITERAL:
        run = []
        while k < len(items) and items[k][0] is C.LITERAL:
            run.append(chr(items[k][1]))
            k += 1
        head = "".join(run)
        # "Chief (?:Executive|Officer)": the run, then the openings of the group after it
        more = _first(items[k:k + 1]) if k < len(items) and items[k][0] in (C.SUBPATTERN, C.BRANCH) else None
        if more and len(more) <= MAX_OPENINGS:
            return {head + w for w in more}
        return {head}
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags & re.IGNORECASE or del_flags:
            return None
        return _first(list(sub.data))
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            words = _first(list(branch.data))
            if not words:
                return None
            out |= words
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        inner = _first(list(av[2].data))
        if av[0] >= 1 or inner is None:
            return inner
        rest = _first(items[k + 1:])  # "(?:the\s+)?charity": the optional words, or what follows
        return inner | rest if rest else None
    return None


def _needed(items: list) -> set[str] | None:
    """Words one of which every match of a parsed sequence holds somewhere (the longest-worded
    choice among its literal runs, groups and branches), or None."""
    choices: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # matches no character: the run goes on across it
        if run:
            choices.append({"".join(run)})
            run = []
        if op is C.SUBPATTERN and not av[1] & re.IGNORECASE and not av[2]:
            words = _needed(list(av[3].data))
        elif op is C.BRANCH:
            parts = [_needed(list(b.data)) for b in av[1]]
            words = set().union(*parts) if all(parts) else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            words = _needed(list(av[2].data))
        else:
            words = None
        if words:
            choices.append(words)
    if run:
        choices.append({"".join(run)})
    choices = [c for c in choices if min(map(len, c)) >= MIN_OPENING and len(c) <= MAX_OPENINGS]
    return max(choices, key=lambda c: (min(map(len, c)), -len(c))) if choices else None
