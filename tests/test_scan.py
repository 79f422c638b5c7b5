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
    r"\b(?:in|on|as)\s+(?:the\s+)?[A-Z]",  # `\b` first: no match starts after a word character
    # eight openings or more: found by one pattern of them all
    r"\b(?:Director|Assistant|Deputy|Head|Service|Councillor|Cllr|Minutes|Trust|Ltd)\b[ \t]+[A-Z][a-z]+",
]

WORDS = ["colleagues", "from", "the", "charity", "company", "Mr", "Mrs", "Cllr", "Councillor", "Director",
         "Assistant", "Deputy", "of", "Head", "Service", "said", "asked", "Ann", "Bell", "Fenwick", "fenwick",
         "Minutes", "ab", "abab", "Trust", "Trustee", "Treasurer", "XYZ", "Ltd", ".", "in", "on", "join", "éon",
         "_in", "9as"]


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


def test_scout_refuses_words_that_start_inside_others():
    assert S._scout(("ran", "and")) is None  # "rand"
    assert S._scout(("aa",)) is None  # "aaa"
    assert S._scout(("abc", "b")) is None
    assert S._scout(("Director", "Head", "Lead")) is not None


LINE_PATTERNS = [  # no match holds a line break; every match holds one of the words
    (r"(?<![\w'’.-])([A-Z][a-z]+[ \t]+[A-Z][a-z]+)[ \t]+(?:said|asked)\b", ("said", "asked"), False),
    (r"(?:\b[A-Z][a-z]+[ \t]+[A-Z][a-z]+|\bstaff)[ \t]+from[ \t]+(?P<acr>[A-Z][A-Z&]{1,6})(?![\w&-])", ("from",), False),
    (r"(?im)^[ \t*-]*(?:officers?|staff)(?:[ \t]+present)?[ \t]*:?|\bofficers?[ \t]+present[ \t]*:", ("off", "taff"), True),
]
LINE_WORDS = ["Ann", "Bell", "said", "asked", "from", "staff", "STAFF", "ſtaff", "Officers", "OFFİCERS", "present",
              "ABC", "the", ":", "-", "*", "x"]


@pytest.mark.parametrize("pattern,words,lower", LINE_PATTERNS)
@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(LINE_WORDS), st.sampled_from([" ", "\n", "  ", "", "\t", "\n\n"])),
                      max_size=14))
def test_lines_holding_a_word_find_what_re_finds(pattern, words, lower, parts):
    rx = re.compile(pattern)
    text = "".join(w + gap for w, gap in parts)
    where = S.ascii_lower(text) if lower else None
    assert [(m.span(), m.groups()) for m in S.finditer_lines(rx, text, words, where)] == \
        [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_ascii_lower_keeps_offsets():
    assert S.ascii_lower("OFFİCER Staff") == "offİcer staff"  # "İ".lower() is two characters
    assert S.ascii_lower("Officer Staff") == "officer staff"
