"""Reports, follow-ups and the next meeting's date, read from invented minutes in the shapes
councils write them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.segment.reports import follow_ups_in, next_meeting_in, reports_in


def _reports(body: str, title: str, linked: bool = False):
    return reports_in(body, 0, len(body), title, None, linked)


def _follow_ups(body: str, when: date | None = date(2023, 3, 14)):
    return follow_ups_in(body, 0, len(body), when)


# ---------- reports ----------

def test_report_of_a_post_under_a_web_page_title():
    found = _reports("Report of the Managing Director\n\nMembers gave consideration to the items.\n", "Work Programme")
    assert [(r.title, r.authors) for r in found] == [("Work Programme", ["Managing Director"])]


def test_report_author_label():
    found = _reports("Report author: Dana Whitlow\n\n(1) Noted the report.\n", "Housing Matters")
    assert found[0].authors == ["Dana Whitlow"]


def test_considered_a_report_of_a_post_wrapped_over_lines():
    body = ("The Committee considered a joint report of the Chief Executive and Director of Adults\n"
            "and Communities which provided an update on performance.\n")
    assert _reports(body, "Quarter 3 Performance Report")[0].authors == ["Chief Executive",
                                                                          "Director of Adults and Communities"]


def test_to_consider_a_report_by_a_post_with_brackets():
    body = "To consider a report by the Assistant Director (Finance & ICT) (copy enclosed) on the audit.\n"
    assert _reports(body, "External Audit Report 2023/24")[0].authors == ["Assistant Director (Finance & ICT)"]


def test_circulated_report_by_number_and_date():
    body = ("There had been circulated Report No. FC/12/23 dated 2 May 2023 by the Head of Estates which "
            "invited the Council to agree an extension.\n")
    assert _reports(body, "Cemetery Extension")[0].authors == ["Head of Estates"]


def test_title_of_an_item_is_not_its_author():
    body = "The Director of Learning presented the Annual Report of the Independent Reviewing Officer.\n"
    assert _reports(body, "Annual Report of the Independent Reviewing Officer.")[0].authors == ["Director of Learning"]


def test_name_and_post_gave_a_presentation_is_the_post():
    body = "1. Priya Hollins, Head of Fostering Services, introduced and summarised the content of the report:\n"
    assert _reports(body, "Fostering Annual Report")[0].authors == ["Head of Fostering Services"]


def test_titled_person_and_post_is_the_person():
    body = "Mr Owen Tarrant, Senior Project Manager, gave a presentation updating members on the schemes.\n"
    found = _reports(body, "Part 8 Planning Applications")
    assert found[0].authors == ["Mr Owen Tarrant"] and found[0].kind == "presentation"


def test_several_people_and_their_posts():
    body = ("1. Mel Arden, Participation Manager, Kit Lowe, Participation Assistant, and Sam Rudd,\n"
            "Participation Officer, presented the report.\n")
    assert _reports(body, "Participation Team Update")[0].authors == [
        "Participation Manager", "Participation Assistant", "Participation Officer"]


def test_two_posts_joined_by_and_before_a_name():
    body = ("1. Lee Barnard, Head of Commissioning and Ravi Dunmore, Senior Commissioner (Adults)\n"
            "introduced the Sufficiency Strategy.\n")
    assert _reports(body, "Sufficiency Strategy 2024-2029")[0].authors == [
        "Head of Commissioning", "Senior Commissioner (Adults)"]


def test_the_post_introduced_the_item():
    assert _reports("1) The Leader introduced the item which he said was important.\n",
                    "Devolution White Paper")[0].authors == ["Leader"]


def test_initials_are_no_author_but_the_titled_post_is():
    found = _reports("GD presented the report. The account stood at £147.21.\n", "Treasurer’s Report")
    assert found[0].authors == ["Treasurer"]


def test_possessive_title_in_capitals():
    assert _reports("Our Secretary reported on the Area Committee.\n", "SECRETARY'S REPORT")[0].authors == ["Secretary"]


def test_subject_presented_a_named_report():
    found = _reports("The PCSOs presented the March Police Report. Few incidents.\n", "Police Report")
    assert found[0].authors == ["PCSOs"]


def test_report_titles_and_work_programmes_are_reports():
    assert _reports("Balances were noted.\n", "Financial Report")
    assert _reports("Members noted the programme.\n", "Work programme")
    assert _reports("Committee resolved to note the report detailing performance.\n", "Performance updates")
    assert not _reports("Nothing to note.\n", "Updates")
    assert not _reports("The Clerk read the letters.\n", "Reports from outside bodies")


def test_a_clause_is_no_subject():
    body = "The main guest speaker was Jo Pike from the Trust who gave a presentation on grants.\n"
    assert _reports(body, "Any Other Business") == []


# ---------- follow-ups ----------

@pytest.mark.parametrize("said", [
    "Members requested further information on staffing levels during the winter.",
    "That a further report be brought to the Committee in September 2023.",
    "Ellis will come back to this issue.",
    "Clerk to write to them asking that they advise the Council in time for the next meeting.",
    "It was AGREED to invite the head of transport planning to a future meeting.",
    "Ms Garr offered to provide Members with further details about the figures, outside of the meeting.",
    "Dee Lamb offered to follow up with Members when the results become available.",
    "She mentioned her intention to report on the framework to the panel at a later date.",
    "The Chair requested that a copy of the Policy Statement be shared with the minutes.",
    "His valuation report is awaited.",
    "He would again seek to do so for the May meeting.",
])
def test_follow_up_shapes(said):
    assert len(_follow_ups(said)) == 1


@pytest.mark.parametrize("said", [
    "It was noted that the next meeting of the Committee would be held on 4 June 2023 at 2.00pm.",
    "I will move at the next meeting that the Council engage with the Department.",
    "The site is very wet so the contractor will need to come back at a later date to finish.",
    "No one appeared for the March meeting.",
    "Sometimes there can be a need for children to return to the local authority for support.",
    "The revisions were due to be presented to SMT on 30 November.",
    "Progress Report: Ofsted Recommendations Action Plan - Further Update.",
])
def test_not_follow_ups(said):
    assert _follow_ups(said) == []


def test_the_resolution_not_the_discussion_that_led_to_it():
    body = ("It was asked that a further update be provided to a future meeting of the Committee.\n\n"
            "RESOLVED:\n\n(b) That a further update be provided to a future meeting of the Committee.\n")
    found = _follow_ups(body)
    assert [f.text for f in found] == ["(b) That a further update be provided to a future meeting of the Committee."]


def test_due_month_and_day():
    month = _follow_ups("The working group plans to bring a report to the June board meeting.")[0]
    assert (month.due, month.due_precision) == (date(2023, 6, 1), "month")
    day = _follow_ups("That a further report be presented to the Committee on 19 April.")[0]
    assert day.due == date(2023, 4, 19)


# ---------- next meeting ----------

def _next(text: str, when: date):
    got = next_meeting_in(text, 0, len(text), when)
    return got and got[0]


def test_date_of_next_meeting_without_year():
    assert _next("2627. Date of next meeting: 28th January.\nThe meeting closed at 8.45.", date(2023, 1, 9)) == date(2023, 1, 28)


def test_next_meeting_heading_in_capitals_after_december():
    assert _next("8.  NEXT MEETING MONDAY 5 FEBRUARY at 7 p.m.", date(2023, 12, 4)) == date(2024, 2, 5)


def test_label_before_another_bodys_next_meeting():
    text = ("He reported the Next\nmeeting of the Traders Forum 8th July.\n\n"
            "2723. Date of next meeting: July 29th.\n")
    assert _next(text, date(2023, 6, 26)) == date(2023, 7, 29)


def test_next_named_meeting_scheduled_for():
    text = ("The next Amenities & Leisure Committee meeting has been scheduled for Tues 12th\n"
            "June 2023 at the Town Hall.\n")
    assert _next(text, date(2023, 3, 14)) == date(2023, 6, 12)


def test_next_meeting_will_be_held():
    assert _next("The next meeting would be held at 7.00 pm on Tuesday 2 July 2024 in the Hall.",
                 date(2024, 6, 4)) == date(2024, 7, 2)


def test_no_next_meeting():
    assert _next("The meeting closed at 9pm.", date(2024, 6, 4)) is None


DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "docs"


@pytest.mark.skipif(not DEV.is_dir(), reason="shared evaluation documents absent")
def test_dev_documents_never_crash():
    from kg.ingest import read_document
    from kg.segment import segment

    for path in sorted(DEV.iterdir())[:12]:
        for meeting in segment(read_document(path)):
            for item in meeting.items:
                assert all(r.title for r in item.reports)


def test_a_post_with_a_possessive_word():
    body = "There was submitted a report by the Executive Director of Education and Children's Services providing an update.\n"
    assert _reports(body, "Attainment Challenge")[0].authors == ["Executive Director of Education and Children's Services"]


def test_an_agenda_line_naming_who_is_to_report():
    from kg.segment.reports import reports_in
    text = ("Update on the Review Groups\n\n  • Chair and Vice-Chair of the Fenwater Select Commission and Scrutiny "
            "Officer, Legal Services, Resources Directorate, to report.\n\nThe Chair and Ann Marlow provided updates.\n")
    [r] = reports_in(text, 28, len(text), "Update on the Review Groups", None, True)
    assert r.authors == ["Chair and Vice-Chair of the Fenwater Select Commission",
                         "Scrutiny Officer, Legal Services, Resources Directorate"]
