"""Present lists in shapes of real minutes (parish, town, Irish, Australian councils); invented names."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment
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


def test_a_list_in_capitals_with_the_chair_marked():
    text = "PRESENT: A FARROW (CHAIR), B GANT, C HOLT\n\n1. APOLOGIES\nNone were received.\n"
    att = _att(text)
    assert [n.lower() for n in _names(att.present)] == ["a farrow", "b gant", "c holt"]
    assert att.chair is not None and att.chair.name.lower() == "a farrow"


def test_lists_in_capitals_joined_by_and_or_one_a_line():
    text = "PRESENT: COUNCILLORS J FARROW, K GANT AND L HOLT\n\n1. APOLOGIES\nNone were received.\n"
    assert [n.lower() for n in _names(_att(text).present)] == ["councillor j farrow", "councillor k gant", "councillor l holt"]
    text = "PRESENT:\nCLLR A FARROW (CHAIRMAN)\nCLLR B O'HARE\nCLLR C SMITH-JONES\n\n1. APOLOGIES\nNone were received.\n"
    att = _att(text)
    assert [n.lower() for n in _names(att.present)] == ["cllr a farrow", "cllr b o'hare", "cllr c smith-jones"]
    assert att.chair.name.lower() == "cllr a farrow"


def test_a_capitals_line_of_names_runs_on_but_a_capitals_heading_stops_the_list():
    text = "PRESENT:\nCLLR A FARROW (CHAIR)\nCOUNCILLORS B GANT, C HOLT\nCOUNCILLOR QUESTIONS\nNone were asked.\n"
    att = _att(text)
    assert [n.lower() for n in _names(att.present)] == ["cllr a farrow", "councillor b gant", "councillor c holt"]


def test_the_following_members_were_present():
    text = ("Minutes of the meeting held in the Council Chamber on Monday.\nThe following members were present: "
            "Councillors Ada Brill, Ben Cray and Cal Dunn.\n\n1. Apologies\nNone were received.\n")
    assert _names(_att(text).present) == ["Councillor Ada Brill", "Councillor Ben Cray", "Councillor Cal Dunn"]
    text = "Minutes of the meeting.\nThe following were present:\nCllr Ada Brill (Chair)\nCllr Ben Cray\n\n1. Apologies\n"
    att = _att(text)
    assert _names(att.present) == ["Cllr Ada Brill", "Cllr Ben Cray"] and att.chair.name == "Cllr Ada Brill"


def test_a_sentence_of_those_present_ends_the_venue_and_gives_the_members():
    text = ("FENWICK TOWN COUNCIL\n\nMinutes of the meeting of the Town Council held on Monday 3 March 2025 at 7.00pm "
            "in the Council Chamber, there were present: Councillors Ada Brill, Ben Cray and Cal Dunn.\n\n"
            "1. APOLOGIES\nApologies were received from Cllr Dee Eyre.\n\n2. MINUTES\nThe minutes were approved.\n")
    [m] = segment(Document(path="x.txt", file_name="x.txt", text=text, sha256="0" * 64, fmt="text"))
    assert m.venue == "the Council Chamber"
    assert _names(m.attendance.present) == ["Councillor Ada Brill", "Councillor Ben Cray", "Councillor Cal Dunn"]
