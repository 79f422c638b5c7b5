"""extractors.scan: a pattern tried only where its opening words stand finds what `re` finds."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import scan as S
from extractors.vocab import trie_alternation

PATTERNS = [
    r"\bcolleagues\s+from\s+(?:the\s+)?",
    r"(?<![\w'’-])(?:Mr|Mrs|Cllr|Councillor)\.?[ \t]+[A-Z][a-z]+",
    r"\b(?:the\s+)?(?:charity|company)\s+(?=[A-Z])",
    r"(?:Assistant\s+|Deputy\s+)?Director(?:\s+of)?",
    r"Head[ \t]+of[ \t]+(?:Service)?",
    r"([A-Z][a-z]+ [A-Z][a-z]+)[ \t]+(?:said|explained|asked)\b",
    r"[A-Z]{2,}",
    r"(?i)\bfenwick\b",
    r"(?:^|\n)Minutes",
    r"ab(?:ab)*",
    "(?:" + trie_alternation([list("Trust"), list("Trustee"), list("Treasurer")]) + r")\b",
]

WORDS = ["colleagues", "from", "the", "charity", "company", "Mr", "Mrs", "Cllr", "Councillor", "Director",
         "Assistant", "Deputy", "of", "Head", "Service", "said", "asked", "Ann", "Bell", "Fenwick", "fenwick",
         "Minutes", "ab", "abab", "Trust", "Trustee", "Treasurer", "XYZ", "Ltd", "."]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "\n", "  ", "", ", ", "\t"])),
                      max_size=14))
def test_same_matches_as_re(pattern, parts):
    rx = re.compile(pattern)
    text = "".join(w + gap for w, gap in parts)
    assert [(m.span(), m.groups()) for m in S.finditer(rx, text)] == \
        [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_openings_are_the_words_a_match_starts_with():
    assert S.openings(re.compile(r"\bcolleagues\s+from")) == ("colleagues",)
    assert S.openings(re.compile(r"(?<![\w-])(?:Mr|Cllr)\.?\s")) == ("Cllr", "Mr")
    assert S.openings(re.compile(r"(?:the\s+)?charity")) == ("charity", "the")
    assert S.openings(re.compile(r"Chief (?:Executive|Officer)")) == ("Chief Executive", "Chief Officer")


def test_no_openings_where_a_match_may_start_otherwise():
    assert S.openings(re.compile(r"[A-Z][a-z]+ said")) is None  # a character class
    assert S.openings(re.compile(r"(?i)fenwick")) is None  # case does not matter
    assert S.openings(re.compile(r"\s*Minutes")) is None  # may start with a space
    assert S.openings(re.compile(r"(?:^|\n)Minutes")) is None


def test_needed_words_skip_a_text_without_them():
    rx = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+) (?:said|explained)\b")
    assert S.needed(rx) == ("explained", "said")
    assert list(S.finditer(rx, "Ann Bell noted the report.")) == []
    assert [m.group(1) for m in S.finditer(rx, "Ann Bell said so.")] == ["Ann Bell"]


def test_after_a_match_the_next_is_looked_for_from_its_end():
    rx = re.compile(r"abab|ba")
    assert [m.span() for m in S.finditer(rx, "ababa")] == [m.span() for m in rx.finditer("ababa")]
