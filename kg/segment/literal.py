"""Cheap literal checks that let a costly case-insensitive search be skipped where it cannot match.

A pattern compiled with re.IGNORECASE whose every match holds one of some words (in any case)
cannot match a text that holds none of them. `may_hold` tells, by plain substring tests on the
lower-cased text, whether it holds one. The test is exact only where lower-casing and the regex
engine agree: four characters fold to an ASCII letter under re.IGNORECASE but not (or not alone)
under str.lower ("İ", "ı", "ſ", the Kelvin sign); a text with any of them is always searched.
"""
from __future__ import annotations

_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Could `text` hold one of `words` (lower-case ASCII), as re.IGNORECASE compares letters?
    False only when it certainly holds none."""
    if not text.isascii() and any(c in text for c in _ODD_FOLDS):
        return True
    low = text.lower()
    return any(w in low for w in words)
