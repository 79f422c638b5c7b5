"""Meeting headers in the shapes real minutes of parish, town, district, Irish, Scottish and
Australian councils write them, each with invented councils, people and places:
- the council named only in the opening sentence ("At a meeting of the ... Town Council held on",
  "A meeting of ... Borough Council was held", "Minutes of the ... Parish Council meeting held");
- a meeting's number in a series or its kind before the body ("the 127th Annual Meeting of ...",
  "an Extraordinary Meeting of the ... Committee", "Adjourned Council Meeting");
- the whole header, date and attendance run together in one paragraph, as a PDF's text gives it.
The committee is the body or committee the header names, the council itself at its own meeting."""
from __future__ import annotations

import pytest

from extractors.home import home_council
from kg.models import Document
from kg.segment import segment
from kg.segment.body import body_of
from kg.segment.header import tidy_name
from kg.segment.naming import own_council, without_meeting

PRESENT = "\n\nPresent: Cllrs A Farrow (Chair), B Gant, C Hale\n\n1. Apologies\nNone received.\n"


def one(text: str):
    [m] = segment(Document(path="x.txt", file_name="x.txt", text=text, sha256="0" * 64, fmt="text"))
    return m


def header(text: str) -> tuple:
    m = one(text)
    return m.committee, m.body, m.date.isoformat() if m.date else None


# ---------------------------------------------------------------- a council named only in prose

@pytest.mark.parametrize("opening, council", [
    ("At a meeting of the Quenby Town Council held on Monday, 6th February 2023 at 7.00 p.m. in the Council Chamber",
     "Quenby Town Council"),
    ("A meeting of Wexholt Borough Council was held at the Civic Centre, Wexholt on Wednesday 6 February 2023 at 6.30pm.",
     "Wexholt Borough Council"),
    ("Minutes of the Quenby Parish Council meeting held on Monday 6 February 2023 at 7.30pm in the Village Hall",
     "Quenby Parish Council"),
    ("Minutes of Quenby Parish Council Meeting held on Monday 6 February 2023", "Quenby Parish Council"),
    ("Minutes of the meeting of the Quenby Parish Council which was held on Monday 6 February 2023",
     "Quenby Parish Council"),
    ("Minutes of the meeting of Quenby-on-Tees Parish Council held at the Village Hall on Monday 6 February 2023.",
     "Quenby-on-Tees Parish Council"),
    ("QUENBY PARISH COUNCIL MEETING\nMonday 6 February 2023 at 7.30pm, Village Hall", "Quenby Parish Council"),
])
def test_council_named_in_the_opening_sentence_is_body_and_committee(opening, council):
    assert header(opening + PRESENT) == (council, council, "2023-02-06")


@pytest.mark.parametrize("heading", [
    "Quenby Parish Council\n\nMinutes of the meeting of the Parish Council held at the Village Hall on Tuesday 14th March 2023",
    "QUENBY PARISH COUNCIL\n\nMINUTES OF THE ANNUAL MEETING OF THE PARISH COUNCIL\nheld on Tuesday 14th March 2023 at 7.30pm",
    "Quenby Parish Council\nMinutes of the Parish Council Meeting held on Tuesday 14 March 2023",
])
def test_the_council_by_its_kind_under_its_heading_is_that_council(heading):
    assert header(heading + PRESENT) == ("Quenby Parish Council", "Quenby Parish Council", "2023-03-14")


def test_the_council_by_its_kind_alone_is_not_guessed():
    committee, body, when = header("Minutes of the meeting of the Parish Council held at the Village Hall, Lower Quenby on "
                                   "Tuesday 14th March 2023 at 7.30pm" + PRESENT)
    assert (committee, body, when) == ("Parish Council", None, "2023-03-14")


def test_own_council_only_for_the_same_kind_named_as_the_meeting():
    said = "Minutes of the meeting of the Parish Council held on 3 May 2023"
    assert own_council("Parish Council", "Quenby Parish Council", said) == "Quenby Parish Council"
    assert own_council("County Council", "Quenby Parish Council", "Minutes of the meeting of the County Council") is None
    assert own_council("Parish Council", "Quenby Parish Council", "Parish Council - 3 May 2023") is None  # a heading's name
    assert own_council("Planning Committee", "Quenby Parish Council", "meeting of the Planning Committee") is None


def test_a_councils_committee_by_the_possessive():
    assert header("Minutes of a meeting of Quenby Town Council's Planning Committee held on 12 June 2023" + PRESENT) == \
        ("Planning Committee", "Quenby Town Council", "2023-06-12")


def test_body_and_home_council_read_a_heading_that_adds_meeting():
    text = "QUENBY PARISH COUNCIL MEETING\nMonday 6 February 2023"
    assert body_of(text) == "Quenby Parish Council"
    assert home_council(text) == "Quenby Parish Council"
    assert home_council("Minutes of the meeting of St. Oswin's Parish Council held on 6 February 2023") == \
        "St. Oswin's Parish Council"


def test_a_meetings_kind_is_no_body():
    assert body_of("Minutes of Adjourned Council Meeting held in the Civic Offices on 13 May 2008") is None
    assert body_of("MINUTES OF PROCEEDINGS OF MONTHLY MEETING OF QUENBY COUNTY COUNCIL HELD AT 10.00 AM") == \
        "Quenby County Council"


# ---------------------------------------------------------------- which of a body's meetings it was

@pytest.mark.parametrize("opening, committee", [
    ("Minutes of the 127th Annual Meeting of Quenby Parish Council held in the Parish Room on Monday 15 May 2023 at 7pm",
     "Quenby Parish Council"),
    ("Minutes of the Extraordinary Meeting of Quenby Town Council held on Monday 15 May 2023 at 7.30pm",
     "Quenby Town Council"),
    ("Minutes of the Extraordinary Meeting of the Planning Committee held on Monday 15 May 2023 at 6pm",
     "Planning Committee"),
    ("Minutes of an Extraordinary Meeting of the Finance and General Purposes Committee of Quenby Town Council held on "
     "15 May 2023", "Finance and General Purposes Committee"),
    ("Minutes of the 127th Annual Meeting of the Council held on 15 May 2023 at 7pm", "Annual Meeting of the Council"),
    ("Minutes of the Annual Parish Meeting held on Monday 15 May, 2023", "Annual Parish Meeting"),
    ("Minutes of Annual Parish Meeting Monday 15th May 2023 at 7.30pm", "Annual Parish Meeting"),
    ("The Annual Parish Meeting (Village) was held on Monday 15 May 2023 at 7.00 pm at the Village Hall, Quenby.",
     "Annual Parish Meeting"),
    ("Minutes of the Town Council Meeting 15th May 2023", "Town Council"),
    ("Minutes of the Full Council Meeting held on 15 May 2023", "Full Council"),
    ("Minutes of parish council meeting held on May 15th 2023", "Parish Council"),
])
def test_meeting_kind_and_number_are_not_the_committee(opening, committee):
    assert one(opening + PRESENT).committee == committee
    assert one(opening + PRESENT).date.isoformat() == "2023-05-15"


def test_an_ordinal_meeting_under_the_heading_is_the_councils():
    m = one("QUENBY PARISH COUNCIL\nMinutes of the 52nd Annual Meeting\nheld on Monday 15th May 2023" + PRESENT)
    assert (m.committee, m.body) == ("Quenby Parish Council", "Quenby Parish Council")


@pytest.mark.parametrize("opening", [
    "Minutes of a Special Meeting held on Monday 15 May 2023 at 7pm in the Council Chamber",
    "MINUTES OF Ordinary Meeting\nHeld at Council Chambers, QUENBY\non Monday, 15 May, 2023\nat 6.31pm",
    "Minutes of the 52nd Annual Meeting held on 15 May 2023 at 7pm",
])
def test_a_kind_of_meeting_alone_names_no_committee(opening):
    m = one(opening + PRESENT)
    assert m.committee is None and m.date.isoformat() == "2023-05-15"
    assert "no committee name found; the meeting is not linked to a committee" in m.warnings


def test_names_of_meetings():
    assert tidy_name("52nd Annual Meeting") is None
    assert tidy_name("Annual Parish Meeting") == "Annual Parish Meeting"
    assert without_meeting("Quenby Town Council Meeting") == "Quenby Town Council"
    assert without_meeting("Planning Committee Special Meeting") == "Planning Committee"
    assert without_meeting("Adjourned Council Meeting") == "Adjourned Council Meeting"


# ---------------------------------------------------------------- one paragraph

@pytest.mark.parametrize("text, committee, body, when", [
    ("Minutes of Meeting of Quenby County Council held in the Civic Offices, Quenby on Monday 3rd November, 2008 at "
     "10.00 a.m. Chair: Cllr M. Dunne, Mayor Present: Cllrs Alcorn, Brophy, Cullen and Doyle. 1. Minutes: On the proposal "
     "of Cllr Brophy, seconded by Cllr Cullen it was agreed that the minutes of the meeting held on 6th October, 2008 be "
     "confirmed.", "Quenby County Council", "Quenby County Council", "2008-11-03"),
    ("MINUTES OF PROCEEDINGS OF MONTHLY MEETING OF QUENBY COUNTY COUNCIL HELD Remotely Via Zoom AT 10.00 AM ON 8th March, "
     "2021 Present Cllr. P. Dunne, Cathaoirleach. Cllrs: Alcorn, S; Brophy, M. Apologies None 1.1 Welcome Cllr Dunne "
     "welcomed members.", "Quenby County Council", "Quenby County Council", "2021-03-08"),
    ("QUENBY PARISH COUNCIL Minutes of the Parish Council Meeting held on Monday 12th June 2023 at 7.30pm in the Village "
     "Hall Present: Cllrs A Farrow (Chair), B Gant, C Hale. 23/41 Apologies: Cllr E Jory.",
     "Quenby Parish Council", "Quenby Parish Council", "2023-06-12"),
    ("QUENBY TOWN COUNCIL MINUTES OF THE EXTRAORDINARY MEETING OF THE PLANNING COMMITTEE HELD ON TUESDAY 9 MAY 2023 AT "
     "7PM PRESENT: Councillors A Farrow (Chair), B Gant. P23/01 Applications: noted.",
     "Planning Committee", "Quenby Town Council", "2023-05-09"),
])
def test_header_date_and_attendance_in_one_paragraph(text, committee, body, when):
    assert header(text) == (committee, body, when)


def test_a_heading_taken_for_an_item_does_not_hide_the_date():
    m = one("Home | News | Minutes\nJune 2023 Minutes\nMinutes of the meeting of Quenby Parish Council held at the "
            "Village Hall on Monday 12 June 2023 at 7.30pm." + PRESENT)
    assert m.date.isoformat() == "2023-06-12"
    m = one("QUENBY SHIRE COUNCIL\n\nMINUTES OF THE\nORDINARY MEETING OF COUNCIL\nHELD IN THE COUNCIL CHAMBER,\n"
            "CIVIC PLACE, QUENBY\nON WEDNESDAY, MARCH 5, 2008\nCOMMENCING AT 6.30PM\n\nPRESENT\n\n"
            "The Mayor (Clr Dunne), Councillors Alcorn, Brophy\n\nAPOLOGY\nNil\n")
    assert m.date.isoformat() == "2008-03-05"


def test_the_venue_ends_with_its_sentence():
    m = one("Minutes of the Planning Committee meeting held on Wednesday 10 May 2023 at 7pm in the Council Chamber. "
            "Members present: Cllrs A Farrow (Chair), B Gant, C Hale. 1. Apologies: none.")
    assert m.venue == "the Council Chamber"


def test_a_heading_line_naming_the_committee_by_kind_is_kept():
    m = one("QUENBY COUNTY COUNCIL\nCOUNTY COUNCIL\nMINUTES of a meeting of the County Council held in the Council Chamber, "
            "County Hall on Thursday, 9 January 2025." + PRESENT)
    assert (m.committee, m.body) == ("County Council", "Quenby County Council")


def test_a_short_form_does_not_end_the_venue():
    m = one("Minutes of the meeting of the Quenby Municipal District on 12 January 2015 at 3.00 pm in the Parish Centre, "
            "Knockard, Co. Quenby. Members present: Cllrs A Farrow, B Gant. 1. Apologies: none.")
    assert m.venue == "the Parish Centre, Knockard, Co. Quenby"


# ---------------------------------------------------------------- more of the shapes parish and shire minutes take

@pytest.mark.parametrize("text, committee, body, when", [
    ("A MEETING OF QUENBY PARISH COUNCIL was held on TUESDAY, 14 TH NOVEMBER 2017 in the KNOCK HALL at 7.30 pm.",
     "Quenby Parish Council", "Quenby Parish Council", "2017-11-14"),
    ("QUENBY PARISH COUNCIL. Minutes of the Parish Council Meeting held on Wednesday 13 th July 2016 at Quenby Parish "
     "Hall at 7.30 p.m.", "Quenby Parish Council", "Quenby Parish Council", "2016-07-13"),
    ("QUENBY PARISH COUNCIL Minutes of Meeting held on Tuesday 20 th September 2016 at 7.30pm in the Parish Room",
     "Quenby Parish Council", "Quenby Parish Council", "2016-09-20"),
    ("Minutes of the Annual Parish Council Meeting of Quenby Parish Council held on Tuesday 12th May 2015",
     "Quenby Parish Council", "Quenby Parish Council", "2015-05-12"),
    ("QUENBY DISTRICT COUNCIL. At a meeting of the Land Drainage Advisory Group held on Tuesday, 24 January 2006",
     "Land Drainage Advisory Group", "Quenby District Council", "2006-01-24"),
    ("SHIRE OF QUENBY MINUTES ORDINARY MEETING HELD ON WEDNESDAY 17 APRIL 2019", "Shire of Quenby", "Shire of Quenby",
     "2019-04-17"),
    ("CYNGOR CYMUNED QUENBY COMMUNITY COUNCIL\n\nMINUTES OF THE COUNCIL MEETING HELD ON 24th SEPTEMBER 2019, AT KNOCK HALL.",
     "Quenby Community Council", "Quenby Community Council", "2019-09-24"),
    ("The 49th Annual General Meeting of the Council was held on 29th September 2018 at 12.00 Noon in the Hall.",
     "Annual General Meeting of the Council", None, "2018-09-29"),
])
def test_parish_and_shire_headers(text, committee, body, when):
    assert header(text + PRESENT) == (committee, body, when)


def test_a_time_is_no_venue():
    m = one("Minutes of the Quenby Parish Council meeting held at 7.30pm on Monday 15 th January 2018 At Knock Hall" + PRESENT)
    assert m.venue is None and m.date.isoformat() == "2018-01-15"


@pytest.mark.parametrize("text, committee, venue", [
    ("QUENBY TOWN COUNCIL Minutes of the Finance Committee Date: Tuesday 9 May 2023 Time: 7.00pm Venue: Council Offices "
     "Present: Cllrs A Farrow (Chair), B Gant, C Hale. 1. Apologies: none.", "Finance Committee", None),
    ("MINUTES OF THE QUENBY COMMUNITY COUNCIL MEETING ON TUESDAY 9TH MAY 2023 AT 7PM IN THE HALL PRESENT: A FARROW (CHAIR), "
     "B GANT APOLOGIES: E JORY 1. MINUTES OF LAST MEETING were approved.", "Quenby Community Council", "The Hall"),
    ("Minutes of a meeting of Quenby Parish Council held on Tuesday, 9th May 2023 commencing at 7.30 pm in the Village Hall. "
     "Councillors Present: A Farrow (Chairman), B Gant. 23/01 Apologies: none.", "Quenby Parish Council", "the Village Hall"),
])
def test_one_paragraph_labels_end_the_name_and_the_venue(text, committee, venue):
    m = one(text)
    assert (m.committee, m.venue, m.date.isoformat()) == (committee, venue, "2023-05-09")


def test_a_page_number_before_the_heading():
    assert body_of("Page 1 of 4 Quenby Town Council Minutes of the Extraordinary Council Meeting held on 15 May 2023") == \
        "Quenby Town Council"


def test_home_council_of_a_paragraph_and_of_the_council_by_its_kind():
    text = ("QUENBY PARISH COUNCIL Minutes of the Parish Council Meeting held on Monday 12th June 2023 at 7.30pm in the Village "
            "Hall Present: Cllrs A Farrow (Chair), B Gant. 23/41 Correspondence: a letter from Wexholt District Council was "
            "noted and Wexholt District Council is to be told.")
    assert home_council(text) == "Quenby Parish Council"
    assert home_council("Minutes of the meeting of the Parish Council held at the Village Hall on 14 March 2023. The Clerk "
                        "reported that Wexholt County Council would resurface the lane.") is None


@pytest.mark.parametrize("opening", [
    "Minutes of the AGM of Quenby Community Council held on Tuesday 9 May 2023 at 7pm",
    "Minutes of the Quenby Community Council AGM held on Tuesday 9 May 2023",
    "Quenby Community Council\nAGM\nTuesday 9 May 2023",
])
def test_an_annual_general_meeting_by_its_initials(opening):
    assert header(opening + PRESENT) == ("Quenby Community Council", "Quenby Community Council", "2023-05-09")


# ---------------------------------------------------------------- two meetings of one evening

EVENING = """QUENBY PARISH COUNCIL

Minutes of the Annual Parish Meeting held on Monday 15 May 2023 at 7pm in the Village Hall

Present: Cllr A Farrow (Chair), Cllr B Gant and 12 residents

1. Chairman's report
The Chairman reported on the year.

2. Open forum
Residents raised the state of the lane.

Minutes of the Annual Meeting of the Parish Council held on Monday 15 May 2023 at 7.45pm in the Village Hall

Present: Cllrs A Farrow, B Gant, C Hale

1. Election of Chairman
RESOLVED that Cllr Farrow be Chairman.

2. Apologies
None.
"""


def test_the_annual_parish_meeting_and_the_councils_meeting_of_one_evening_are_two_meetings():
    ms = segment(Document(path="x.txt", file_name="x.txt", text=EVENING, sha256="0" * 64, fmt="text"))
    assert [(m.committee, m.date.isoformat(), m.start_time.strftime("%H:%M"), len(m.items)) for m in ms] == [
        ("Annual Parish Meeting", "2023-05-15", "19:00", 2), ("Quenby Parish Council", "2023-05-15", "19:45", 2)]
    assert [len(m.attendance.present) for m in ms] == [2, 3]
