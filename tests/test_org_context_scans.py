"""extractors.org_context: the possessive and "person from" scans find what `re` finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.org_context import _FROM_TAIL, _PERSON_FROM, _POSSESSIVE, _people_from, _possessives
from extractors.vocab import load_jsonl

PIECES = ["from", "the", "Mr", "Mr.", "Dr", "Miss", "A.", "B", "Ann", "Bell", "Fenwater", "therefrom", "From",
          "Abc", "Ann's", "Bell’s", "xAnn's", "s", "'s", "’", "-", ".", ",", "x"]
GAPS = [" ", "\n", "  ", "", "\t", " \n "]


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=16))
def test_people_from_finds_what_re_finds(parts):
    rx = re.compile(_PERSON_FROM)
    text = "".join(w + gap for w, gap in parts)
    assert [m.span() for m in _people_from(rx, text)] == [m.span() for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=16))
def test_possessives_finds_what_re_finds(parts):
    text = "".join(w + gap for w, gap in parts)
    assert [m.span() for m in _possessives(text)] == [m.span() for m in _POSSESSIVE.finditer(text)]


def test_person_from_is_the_pattern_file_s():
    """`_people_from` is used for the pattern it was written for, read from the pattern file."""
    recs = {r.get("id"): r for r in load_jsonl("organisations.v1.jsonl")}
    assert recs["person_from"]["pattern"] == _PERSON_FROM
    assert _FROM_TAIL.match("from the X")
