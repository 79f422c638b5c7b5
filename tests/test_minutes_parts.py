"""Attendance, declarations, public questions and follow-ups as registered spaCy components
(invented council, people and bodies)."""
from __future__ import annotations

from datetime import date

import pytest
import spacy

from extractors import minutes_parts  # noqa: F401  (registers the factories)
from kg.segment.attendance import read_attendance
from kg.segment.declarations import declarations_in

HEAD = ("Present: Cllr A. Varnell (Chair), Cllr B. Ostrowe and Cllr C. Pennick\n"
        "Also present: Ms D. Harrowgate (Parks Manager)\n"
        "Apologies: Cllr E. Quillfeather\n")
ITEM = ("Councillor Ann Marlow declared a personal interest in Item 9 as a governor of "
        "Quillby Primary School.\nCllr Dace declared a disclosable pecuniary interest in Item 4 and left the room.")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    for name in ("mkg_attendance", "mkg_declarations", "mkg_questions", "mkg_follow_ups"):
        nlp.add_pipe(name)
    return nlp


def test_the_components_are_registered_with_what_they_assign(nlp):
    meta = nlp.get_pipe_meta("mkg_declarations")
    assert "doc._.mkg_declarations" in meta.assigns and "doc.spans" in meta.assigns
    assert set(minutes_parts.VERSIONS) == {n for n in nlp.pipe_names}


def test_attendance_as_span_groups_labelled_by_part(nlp):
    doc = nlp(HEAD)
    spans = [(s.label_, s.text) for s in doc.spans["mkg_attendance"]]
    assert ("CHAIR", "Cllr A. Varnell") in spans
    assert ("PRESENT", "Cllr B. Ostrowe") in spans and ("PRESENT", "Cllr C. Pennick") in spans
    assert ("APOLOGIES", "Cllr E. Quillfeather") in spans
    assert any(label == "IN_ATTENDANCE" and "Harrowgate" in text for label, text in spans)
    assert doc._.mkg_attendance == read_attendance(HEAD, 0, len(HEAD))  # the segmenter's record, the same


def test_declarations_with_the_items_title(nlp):
    doc = nlp.make_doc(ITEM)
    doc.user_data["mkg_title"] = "Declarations of Interest"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(d.by.name, d.interest) for d in doc._.mkg_declarations] == [
        ("Councillor Ann Marlow", "personal"), ("Cllr Dace", "disclosable pecuniary")]
    assert doc._.mkg_declarations == declarations_in(ITEM, 0, len(ITEM), "Declarations of Interest")
    assert [s.label_ for s in doc.spans["mkg_declarations"]] == ["DECLARATION", "DECLARATION"]
    assert doc.spans["mkg_declarations"][0].text.startswith("Councillor Ann Marlow declared")


def test_follow_ups_placed_against_the_meeting_date(nlp):
    text = "RESOLVED that a further report be brought to the Committee in March 2025 on the bandstand repairs."
    doc = nlp.make_doc(text)
    doc.user_data["mkg_meeting_date"] = date(2024, 11, 4)
    doc = nlp.get_pipe("mkg_follow_ups")(doc)
    assert len(doc._.mkg_follow_ups) == 1 and doc._.mkg_follow_ups[0].due == date(2025, 3, 1)
    assert [s.label_ for s in doc.spans["mkg_follow_ups"]] == ["FOLLOW_UP"]


def test_text_with_none_of_these_parts_gives_empty_groups(nlp):
    doc = nlp("The bandstand was repainted in the spring.")
    assert doc._.mkg_declarations == [] and doc._.mkg_questions == [] and doc._.mkg_follow_ups == []
    assert list(doc.spans["mkg_questions"]) == []


def test_public_questions_under_the_items_title(nlp):
    text = ("(A) Mrs Jane Quillfeather asked the following question of the Chairman:\n\n"
            "When will the bandstand reopen?\n\nCllr A. Varnell replied as follows:\n\nIn May.\n")
    doc = nlp.make_doc(text)
    doc.user_data["mkg_title"] = "Public Question Time"
    doc = nlp.get_pipe("mkg_questions")(doc)
    assert [(q.asker.name, q.answerer.name) for q in doc._.mkg_questions] == [
        ("Mrs Jane Quillfeather", "Cllr A. Varnell")]
    assert [s.label_ for s in doc.spans["mkg_questions"]] == ["QUESTION"]
