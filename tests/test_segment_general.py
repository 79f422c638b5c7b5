"""The general segmenter on the shapes real minutes share, each written here with invented councils,
people and business: how items are numbered, how headers state the committee and the date, and the
dates a header must not take."""
from __future__ import annotations

from datetime import date

import pytest

from kg.models import Document
from kg.segment import segment

ATTENDANCE = "Present: Cllr A Marlow (Chair), Cllr B Penn, Cllr C Quist\n\n"


def read(text: str, fmt: str = "text"):
    name = "x.md" if fmt == "markdown" else "x.txt"
    return segment(Document(path=name, file_name=name, text=text, sha256="0" * 64, fmt=fmt))


def one(text: str, fmt: str = "text"):
    [m] = read(text, fmt)
    return m


def items(m) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in m.items]


# ---------------------------------------------------------------- item numbering

@pytest.mark.parametrize("numbered, expected", [
    ("36 APOLOGIES FOR ABSENCE\nNone.\n\n37 MINUTES\nRESOLVED: That the minutes be approved.\n",
     [("36", "APOLOGIES FOR ABSENCE"), ("37", "MINUTES")]),
    ("2614. Police Report: Attached. No incidents.\n2615. Public Forum: No one present.\n",
     [("2614", "Police Report"), ("2615", "Public Forum")]),
    ("C 08/042 Election of Mayor\nRESOLVED: That Cllr Penn be Mayor.\nC 08/043 Minutes\nApproved.\n",
     [("C 08/042", "Election of Mayor"), ("C 08/043", "Minutes")]),
    ("FEN.31 Apologies\nNone.\n\nFEN.32 Budget Monitoring\nNoted.\n", [("FEN.31", "Apologies"), ("FEN.32", "Budget Monitoring")]),
    ("1.0 Welcome\nThe Chair welcomed all.\n\n2.0 Apologies\nNone.\n\n3.0 Finance\nNoted.\n",
     [("1.0", "Welcome"), ("2.0", "Apologies"), ("3.0", "Finance")]),
    ("01/24/01 – Welcome and Apologies\nNone.\n\n01/24/02\nPatient Story\nA story was heard.\n",
     [("01/24/01", "Welcome and Apologies"), ("01/24/02", "Patient Story")]),
    ("19.\n\nAPOLOGIES FOR ABSENCE\n\nNone.\n\n20.\n\nDECLARATIONS OF INTEREST\n\nNone.\n",
     [("19", "APOLOGIES FOR ABSENCE"), ("20", "DECLARATIONS OF INTEREST")]),
    ("APOLOGIES\nFEN146/14\nApologies were received from Cllr Ord.\nSITE VISITS\nFEN147/14\nThe Chair reported a visit.\n",
     [("FEN146/14", "APOLOGIES"), ("FEN147/14", "SITE VISITS")]),
])
def test_item_numbers_in_the_forms_councils_write(numbered, expected):
    m = one("Minutes of a meeting of the Fenwater Committee held on 4 March 2024\n\n" + ATTENDANCE + numbered)
    assert items(m) == expected


def test_item_tags_under_titles_with_minute_numbers_before_them():
    text = ("FENWATER PANEL – 4 March 2024\nPRESENT: Ann Marlow (Chair), Ben Penn\n"
            "Election of Chair\n1. Ms Penn proposed that Ms Marlow take the chair. Agreed.\n"
            "40. Apologies for Absence\n(Item 1)\nNone.\n"
            "41. Declarations of Interests in\nItems on the Agenda\n(Item 2)\nNone.\n")
    m = one(text)
    assert items(m) == [(None, "Election of Chair"), ("40", "Apologies for Absence"),
                        ("41", "Declarations of Interests in Items on the Agenda")]


@pytest.mark.parametrize("body, numbers", [
    ("2. Deputation\nResidents spoke.\n\n1. Adoption of Minutes\nAgreed.\n\n3. Roads\nNoted.\n\n4. Close\nNone.\n",
     ["2", "1", "3", "4"]),  # an item taken first "with the Chair's permission"
    ("54 Minutes\nAgreed.\n\n55 Matters Arising\nNone.\n\n6 Grants\nNoted.\n\n57 Close\nNone.\n",
     ["54", "55", "6", "57"]),  # a misprint in place of 56
    ("5. Fostering\nThe report was noted.\n\n2\nArising from the discussion, the points below were raised:\n"
     "i) carers were recruited.\n\n6. Close\nNone.\n", ["5", "6"]),  # a page number is no item
])
def test_a_misnumbered_and_an_out_of_order_item_are_kept_in_place(body, numbers):
    text = "Minutes of a meeting of the Fenwater Committee held on 4 March 2024\n\n" + ATTENDANCE + body
    assert [n for n, _ in items(one(text))] == numbers


def test_moderngov_rows_with_inline_minutes():
    text = ("Agenda and minutes\nVenue: Town Hall\nNo. | Item |\n---|---|\n"
            "Apologies for Absence Minutes: Apologies were received from Cllr Ord. |\n|\n"
            "Disclosable Interests Members are reminded to declare interests. Minutes: None were declared. |\n|\n")
    assert [t for _, t in items(one(text))] == ["Apologies for Absence", "Disclosable Interests"]


def test_attendance_labels_and_the_minutes_own_heading_are_no_items():
    text = ("FENWATER COMMUNITY COUNCIL MINUTES OF THE MONTHLY MEETING HELD ON MONDAY 4 MARCH 2024\n\n"
            "1 Present\nCllr A Marlow (Chair), Cllr B Penn\n\n2 Apologies\nCllr C Quist\n\n3 Finance\nNoted.\n")
    m = one(text)
    assert [t for _, t in items(m)] == ["Apologies", "Finance"]
    assert m.date == date(2024, 3, 4)


# ---------------------------------------------------------------- the header

@pytest.mark.parametrize("head, committee", [
    ("Fenwater Scrutiny Panel - Tuesday, 5th March, 2024 7.00 pm\n", "Fenwater Scrutiny Panel"),
    ("FENWATER TOWN COUNCIL\nMINUTES OF THE\nORDINARY MEETING OF COUNCIL\nheld on Tuesday 5 March 2024\n",
     "Ordinary Meeting of Council"),
    ("Minutes of Parish Council 5 March 2024\n", "Parish Council"),
    ("Fenwater Community Council held their meeting remotely on 5 March 2024.\n", "Fenwater Community Council"),
    ("MINUTES OF THE MEETING OF THE CABINET OF THE NORTHMOOR DISTRICT COUNCIL HELD ON TUESDAY 5 MARCH 2024\n", "Cabinet"),
    ("Minutes of a meeting of the Northmoor Licensing Committee - Unconfirmed\nheld on 5 March 2024\n",
     "Northmoor Licensing Committee"),
])
def test_committee_from_the_header(head, committee):
    m = one(head + "\n" + ATTENDANCE + "1. Apologies\nNone.\n\n2. Minutes\nRESOLVED: That the minutes be approved.\n")
    assert (m.committee, m.date) == (committee, date(2024, 3, 5))


@pytest.mark.parametrize("preamble", [
    "These minutes are subject to confirmation at the next meeting to be held on 9 April 2024.\n",
    "Please refer to the minutes of 9 April 2024 for confirmation.\n",
    "---\ntitle: Parish news\ndate: 2024-04-09\n---\n",
])
def test_dates_that_are_not_the_meetings(preamble):
    m = one(preamble + "Minutes of the meeting of Fenwater Council held on 5 March 2024.\n\n" + ATTENDANCE +
            "1. Apologies\nNone.\n\n2. Minutes\nAgreed.\n")
    assert m.date == date(2024, 3, 5)


def test_a_page_with_no_date_in_its_head_is_left_undated():
    text = ("Agenda item\n\nThe officer explained that a call was received on 26 November 2023 at 07:52 and "
            "that the service had responded within the target time set for the year.\n\n"
            "RESOLVED: That the report be noted.\n")
    m = one(text)
    assert m.date is None and any("undated" in w for w in m.warnings)
    assert [r.text for i in m.items for r in i.resolutions] == ["That the report be noted."]


def test_the_above_council_named_by_the_initials_the_minutes_use():
    text = ("Minutes of a meeting of the above Council held on Monday 4 March 2024 at 7.00pm in the Village Hall.\n"
            "Present: Cllrs Marlow, Penn & Quist.\n"
            "101. Police Report: None.\n102. Planning: FCC had no objections. The Fenwater Community Council "
            "boundary was discussed and FCC agreed to write.\n")
    assert one(text).committee == "Fenwater Community Council"


def test_a_next_meeting_without_a_year_follows_the_meeting():
    text = ("Minutes of a meeting of the Fenwater Committee held on 4 December 2023\n\n" + ATTENDANCE +
            "1. Business\nNoted.\n\n2. Date of next meeting: Monday 5 February at 7 p.m.\n")
    assert one(text).next_meeting == date(2024, 2, 5)


def test_substitutes_and_the_closing_line():
    text = ("Minutes of a meeting of the Fenwater Committee held on 4 March 2024\n\n" + ATTENDANCE +
            "1. Apologies\nApologies were received from Cllr D Ord. Cllr E Rowe attended as a substitute for Cllr D Ord.\n\n"
            "2. Work Programme\nRESOLVED: That the work programme be agreed.\nThe meeting closed at 8.45 pm.\n")
    m = one(text)
    assert [p.name for p in m.attendance.substitutes] == ["Cllr E Rowe"]
    assert [r.text for r in m.items[-1].resolutions] == ["That the work programme be agreed."]
    assert m.end_time is not None and (m.end_time.hour, m.end_time.minute) == (20, 45)


def test_nothing_like_minutes_is_reported_not_guessed():
    assert read("A shopping list\neggs\nmilk\n") == []


@pytest.mark.parametrize("attendance", [
    "1.0 PRESENT\nCllr A Marlow (Chair), Cllr B Penn, Cllr C Quist\n\n",
    "THOSE ATTENDING: Cllr A Marlow (Chair), Cllr B Penn (until 8.31pm), Cllr C Quist\n\n",
])
def test_attendance_under_a_numbered_label_or_as_those_attending(attendance):
    m = one("Minutes of the meeting of Fenwater Parish Council held on 4 March 2024 at 7pm\n\n" + attendance +
            "2.0 APOLOGIES\nCllr D Rowe\n\n3.0 MINUTES\nAgreed.\n")
    assert [p.name for p in m.attendance.present] == ["Cllr A Marlow", "Cllr B Penn", "Cllr C Quist"]
    assert m.attendance.chair.name == "Cllr A Marlow"
