"""Present lists in shapes of real minutes (parish, town, Irish, Australian councils); invented names."""
from __future__ import annotations

from kg.segment.attendance import read_attendance


def _att(text: str):
    att = read_attendance(text, 0, len(text))
    for ref in att.present:
        assert text[ref.span.start:ref.span.end].strip(), ref
    return att


def _names(refs):
    return [r.name for r in refs]


def test_a_post_with_its_holder_in_brackets_then_more_members():
    text = "Present: The Mayor (Cllr Ada Brill), Cllrs Ben Cray, Cal Dunn\n\n1. Apologies\nNone were received.\n"
    assert _names(_att(text).present) == ["Cllr Ada Brill", "Cllr Ben Cray", "Cllr Cal Dunn"]


def test_those_present_named_inside_a_sentence():
    text = ("At a meeting of the Town Council held on Monday in the Council Chamber, there were present: "
            "Councillors Ada Brill, Ben Cray and Cal Dunn.\n\n1. Apologies\nNone were received.\n")
    assert _names(_att(text).present) == ["Councillor Ada Brill", "Councillor Ben Cray", "Councillor Cal Dunn"]

