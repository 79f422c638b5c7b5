"""Scans narrowed to where a match can stand find what `re` finds: org_context's possessives
and "person from" names, people's name before a post."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import load_pipeline
from extractors.people import _last_chunks
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


NAME_PIECES = ["Ann", "Bell", "McDonald", "O'Neil", "Smith-Jones", "and", "welcomed", "thanked", ",", "(", "–", "-",
               ".", ";", ":", "x", "The", "Cllr", "\xa0", "é"]


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(NAME_PIECES), st.sampled_from([" ", "", "\t", "  ", ", ", ". "])),
                      max_size=10))
def test_name_before_a_post_is_found_in_the_line_s_last_words(parts):
    rx = load_pipeline().get_pipe("mkg_people").before_post
    line = "".join(w + gap for w, gap in parts)
    a, b = rx.search(line), rx.search(line, _last_chunks(line, 4))
    assert (a and (a.span(), a.span(1))) == (b and (b.span(), b.span(1)))
