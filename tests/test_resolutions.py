"""What an item decided (kg.segment.decisions.resolutions_in), in the shapes councils write it.

All names and places here are invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.segment.decisions import resolutions_in


def said(text: str) -> list[str]:
    return [r.text for r in resolutions_in(text, 0, len(text))]


def labels(text: str) -> list[str | None]:
    return [r.label for r in resolutions_in(text, 0, len(text))]


# ---------- a mark, then one clause ----------

def test_resolved_colon_keeps_the_words_after_the_mark():
    assert said("The Committee considered a report of the Director.\nRESOLVED: That the report be noted.\n") == [
        "That the report be noted."]


def test_unanimously_resolved_that():
    assert said("Members welcomed the scheme.\nUNANIMOUSLY RESOLVED that the grant of £500 be awarded to Fenwater Scouts.") == [
        "that the grant of £500 be awarded to Fenwater Scouts."]


def test_resolved_dash_on_a_web_page():
    assert said("RESOLVED - That the Minutes of the meeting held on 3 May be approved as a correct record.") == [
        "That the Minutes of the meeting held on 3 May be approved as a correct record."]


def test_committee_resolved_to_keeps_its_subject():
    assert said("Cllrs Marlow and Fenn.\nCommittee resolved to note the apologies.\n53 Declarations of Interest\n") == [
        "Committee resolved to note the apologies."]


def test_council_agreed_to_keeps_its_subject():
    assert said("The Council AGREED to extend the burial ground at Easter Brae.") == [
        "The Council AGREED to extend the burial ground at Easter Brae."]


def test_the_panel_resolves_keeps_its_subject_and_paragraph():
    text = ("The Panel resolves in accordance with its powers under section 137 of the Act, to incur\n"
            "the expenditure set out above. In the opinion of the Panel, this expenditure is in the interests\n"
            "of the area.\n57 Defibrillators\n")
    assert said(text) == ["The Panel resolves in accordance with its powers under section 137 of the Act, to incur "
                          "the expenditure set out above. In the opinion of the Panel, this expenditure is in the "
                          "interests of the area."]


def test_decision_label_on_its_own_line():
    assert said("Moved by Cllr Marlow, seconded by Cllr Fenn.\n\nDecision\n\nThat Cllr Marlow be elected Chairman for the year.\n") == [
        "That Cllr Marlow be elected Chairman for the year."]


def test_numbered_resolution_with_mover_and_seconder():
    text = ("Resolution 112/2021 Moved: Cr Alan Price Seconded: Cr Beth Lowe Council adjourn for a short break. |\n"
            "List of Speakers\n1. Mr. Tom Hale – spoke on the bridge.\n2. Ms. Ann Roe – spoke on parking.\n")
    assert said(text) == ["Council adjourn for a short break."]


def test_a_decision_in_a_table_cell_ends_with_the_cell():
    assert said("| 4 | Minutes | RESOLVED that the minutes be approved as a correct record. | Clerk |") == [
        "that the minutes be approved as a correct record."]


def test_proposed_seconded_and_resolved_with_the_quoted_motion():
    text = ("Proposed by Councillor Marlow;\nSeconded by Councillor Fenn:\nAnd Resolved:\n\n"
            "“That, the draft Minutes, as circulated, be taken as read and adopted and signed.”\n")
    assert said(text) == ["That, the draft Minutes, as circulated, be taken as read and adopted and signed."]


def test_resolved_inside_a_quote_after_the_motion_was_carried():
    text = ("It was moved by Cllr Marlow, seconded by Cllr Fenn and upon the motion being submitted to the Meeting "
            "was declared to be CARRIED and “RESOLVED that the Council agree the Minutes of the 2 May meeting”.")
    assert said(text) == ["that the Council agree the Minutes of the 2 May meeting”."]


# ---------- lettered and numbered clauses ----------

def test_lettered_clauses_are_one_resolution_each():
    text = "RESOLVED:\na) That the report be noted;\nb) That a further report be presented to the Panel in June.\n"
    assert said(text) == ["That the report be noted;", "That a further report be presented to the Panel in June."]
    assert labels(text) == ["a", "b"]


def test_capital_letters_in_brackets_after_that():
    text = ("RESOLVED – that (A) the report be received; and\n\n\n"
            "(B) items from the work programme be included within the new scrutiny system.")
    assert said(text) == ["the report be received; and",
                          "items from the work programme be included within the new scrutiny system."]


@pytest.mark.parametrize("first,second", [("(1)", "(2)"), ("i)", "ii)"), ("A)", "B)"), ("1.", "2.")])
def test_other_letterings(first, second):
    text = f"RESOLVED that the Council:\n{first} Endorses the joint work of the districts;\n{second} Notes the timetable.\n"
    assert said(text) == ["Endorses the joint work of the districts;", "Notes the timetable."]


def test_committee_resolved_to_then_roman_clauses():
    text = ("Committee resolved to:\ni) Approve the outlined proposals in section 4 of the report\n"
            "ii) Note the details of the planting improvements\n")
    assert said(text) == ["Approve the outlined proposals in section 4 of the report",
                          "Note the details of the planting improvements"]


def test_a_sentence_then_clauses_below_it():
    text = ("RESOLVED that the Minutes of the meeting held on 10 May be approved as a correct record and signed.\n"
            "(i) subject to one correction, the Minutes of the Sub-Committee held on 8 July be approved; and\n"
            "(ii) the Minutes of the Sub-Committee held on 31 May be noted.\n")
    assert said(text) == ["that the Minutes of the meeting held on 10 May be approved as a correct record and signed.",
                          "subject to one correction, the Minutes of the Sub-Committee held on 8 July be approved; and",
                          "the Minutes of the Sub-Committee held on 31 May be noted."]


def test_a_clause_ends_at_a_blank_line_before_its_sub_list():
    text = ("(a) the work programme be approved;\n\n\n(b) the following members be appointed to the challenge groups –\n\n\n"
            "            Education – Councillor Ray Fenn\n\n            Planning – Councillor Ann Lowe\n\n\n"
            "(c) the Coordinator consult all members on the remaining vacancies.\n\n\nThe meeting concluded at 12.40 p.m.\n")
    assert said(text) == ["the work programme be approved;",
                          "the following members be appointed to the challenge groups –",
                          "the Coordinator consult all members on the remaining vacancies."]


def test_numbered_clauses_standing_alone_on_a_web_page():
    text = ("The Monitoring Officer introduced a report.\n\n1)   Authorise the Monitoring Officer to begin recruitment;\n\n"
            "2)   Agree that candidates may be considered for the reserve role.\n")
    assert said(text) == ["Authorise the Monitoring Officer to begin recruitment;",
                          "Agree that candidates may be considered for the reserve role."]


def test_that_paragraph_standing_alone():
    assert said("To approve the minutes.\n\nThat the minutes of the above meeting be approved as a correct record.\n") == [
        "That the minutes of the above meeting be approved as a correct record."]


# ---------- decisions in prose ----------

def test_it_was_agreed_that():
    text = "Members discussed the bus shelter. It was agreed that the Clerk would write to the highways authority."
    assert said(text) == ["It was agreed that the Clerk would write to the highways authority."]


def test_a_title_with_a_full_stop_does_not_end_the_sentence():
    assert said("It was agreed to receive a presentation from Mr. Tom Hale on the hall fund.") == [
        "It was agreed to receive a presentation from Mr. Tom Hale on the hall fund."]


def test_the_meeting_agreed():
    assert said("The meeting agreed to hold two public meetings a year.") == [
        "The meeting agreed to hold two public meetings a year."]


def test_on_the_proposal_of():
    text = "On the proposal of Councillor Marlow, seconded by Councillor Fenn it was agreed to hold a civic reception."
    assert said(text) == [text]


def test_narrative_approvals_are_no_decision():
    text = ("Improvements to Fenwater Green. The original application was for £3,290 and £600 was approved to start "
            "the project. A further £2,500 was approved at the January meeting. Then very large grants were agreed.")
    assert said(text) == []


def test_prose_gives_way_to_a_mark():
    text = ("It was agreed that children should be placed close to home. This was supported.\n\n"
            "RESOLVED that the Panel note the annual report.")
    assert said(text) == ["that the Panel note the annual report."]


def test_minutes_approved_with_their_proposer():
    text = "The Minutes of the Meeting held on 7 May were approved. Proposed by AB and seconded by CD.\n5. Matters Arising"
    assert said(text) == ["The Minutes of the Meeting held on 7 May were approved. Proposed by AB and seconded by CD."]


def test_minutes_moved_as_correct():
    assert said("\nThese were moved as correct by Ann Lowe and Ray Fenn\n") == [
        "These were moved as correct by Ann Lowe and Ray Fenn"]


def test_motion_carried_gives_the_motion_sentence():
    text = ("Motion by Ann Tarrow, second by Ben Astley to approve the March minutes.  Motion carried.  "
            "Motion by Ben Astley, second by Ann Tarrow to buy a new mower.  Motion lost.")
    assert said(text) == ["Motion by Ann Tarrow, second by Ben Astley to approve the March minutes."]


def test_a_motion_and_the_sentence_that_settles_it():
    text = ("The Clerk explained that a valuation was needed before any sale could be considered and she proposed "
            "& Cllr Fenn seconded that the council pay the fee. All Councillors present were in agreement.")
    assert said(text) == ["she proposed & Cllr Fenn seconded that the council pay the fee. "
                          "All Councillors present were in agreement."]


def test_a_motion_seconded_and_carried_in_the_next_sentence():
    text = "Cllr Marlow proposed that the grant be paid to the culvert repair that failed. This was seconded by Cllr Fenn and carried."
    assert said(text) == [text]
    assert said("Cllr Marlow proposed that the grant be paid. The motion was seconded by Cllr Fenn and defeated.") == []


def test_a_motion_without_an_outcome_is_no_decision():
    assert said("The Motion was proposed by Councillor Marlow and seconded by Councillor Fenn\n\nREPLY: The council will help.") == []


def test_quoted_motions_agreed():
    text = ("The following motions were agreed:\n---\n**Recommendation 1**\n\n"
            "**‘That Fenwater District Council write to the Minister urging** **action**\n\n**on student rents’**\n\n"
            "**Recommendation 2**\n\n**‘That a review of the tenant purchase scheme be carried out’**\n\n**Item 7 AOB:**\n")
    assert said(text) == ["That Fenwater District Council write to the Minister urging action on student rents",
                          "That a review of the tenant purchase scheme be carried out"]


def test_entries_that_end_with_their_outcome():
    text = ("6. Planning Applications\n• Erection of a garden shed – 12 Mill Lane, Fenwater. Supported. | AB\n"
            "• Erection of a greenhouse – The Old Manse. Supported. | AB\n")
    assert said(text) == ["Erection of a garden shed – 12 Mill Lane, Fenwater. Supported.",
                          "Erection of a greenhouse – The Old Manse. Supported."]


def test_a_payments_list_all_approved():
    text = "Accounts for payment:-\nHall hire - £30.00 (Ch. No. 1148)\nClerk’s salary - £366.37 (Ch. No. 1149) - all approved for payment.\n"
    assert said(text) == ["all approved for payment."]


def test_a_planning_entry_recommended_for_approval():
    text = ("Planning Permissions:-\nDM/2021/0042 – Barn conversion at Low Farm. The council had no objections\n"
            "and recommended approval.\n")
    assert said(text) == ["DM/2021/0042 – Barn conversion at Low Farm. The council had no objections and recommended approval."]


def test_an_adjournment_in_prose_is_no_decision():
    assert said("A vote of sympathy was extended and it was agreed that there would be a short adjournment.") == []


def test_spans_point_into_the_text():
    text = "Intro.\nRESOLVED: That the report be noted.\n"
    (r,) = resolutions_in(text, 0, len(text))
    assert text[r.span.start:r.span.end] == "That the report be noted."


DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "docs"


@pytest.mark.skipif(not DEV.is_dir(), reason="the development documents are not here")
def test_every_development_document_reads_without_error():
    from kg.ingest import read_document
    from kg.segment.layout import masked

    for path in sorted(DEV.iterdir()):
        doc = read_document(str(path))
        text = masked(doc.text, doc.fmt)
        for r in resolutions_in(text, 0, len(text)):
            assert 0 <= r.span.start < r.span.end <= len(text)
            assert r.text


def test_a_single_numbered_clause_keeps_its_label():
    text = "It was further RESOLVED:\n(1) That a review be held in 2024.\n"
    assert [(r.label, r.text) for r in resolutions_in(text, 0, len(text))] == [("1", "That a review be held in 2024.")]


@pytest.mark.parametrize("text, expected", [
    ("Proposed by Councillor Marlow, Seconded by Councillor Penn\nAND AGREED:\n\u201cThat the draft Minutes be adopted.\u201d\n",
     ["That the draft Minutes be adopted."]),
    ("Resolution number FW/24/012\nMOVED by Cr Marlow, seconded by Cr Penn:\nThat the report be received.\nCARRIED\n",
     ["That the report be received."]),
    ("RESOLUTION 123/2024\nMoved: Cr Ann Marlow\nSeconded: Cr Ben Penn\nThat Council adopt the Fenwater Plan.\nCARRIED\n",
     ["That Council adopt the Fenwater Plan."]),
])
def test_motions_of_irish_and_australasian_councils(text, expected):
    assert said(text) == expected
