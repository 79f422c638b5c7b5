"""The segmenter on each shape minutes come in, with text written for these tests
(a fictional council), and on the real seeds when ../shared is beside the clone."""
from __future__ import annotations

from datetime import date, time
from pathlib import Path
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Document
from kg.segment import clean_view, due_date, segment, split_authors
from kg.textutil import parse_time_range

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def doc(text: str, fmt: str = "text", name: str = "case.txt") -> Document:
    return Document(path=name, file_name=name, text=text, sha256="0" * 64, fmt=fmt)


PDFTOTEXT = """Minutes of a meeting of the Children and Young People Scrutiny Committee held
at County Hall, Eastbridge on Tuesday, 13 June 2023.
PRESENT
Mrs. P. A. Okafor CC (in the Chair)
Mr T. Lindqvist CC
Dr. S. M. Harcourt CC
4.

Mr. D. Whitlock CC
Mrs. K. Whitlock CC

In Attendance.
Mr. R. J. Pemberton OBE CC – Lead Member for Children and Young People

Minutes.
The minutes of the meeting held on 7 March 2023 were taken as read, confirmed
and signed.

5.

Fostering Sufficiency.
The Committee considered a joint report of the Director of Children's Services and the
Director of Corporate Resources which set out the fostering sufficiency plan. A copy of
the report marked 'Agenda Item 8' is filed with these minutes.

2
Arising from the discussion, the following points were raised:
i) Brightpath Families Trust had recruited 14 new carers.
RESOLVED:
a) That the report be noted;
b) That a further report be presented to the Committee on 16 January 2024.
6.

Date of next meeting.
RESOLVED:
It was noted that the next meeting of the Committee would be held on 19 September 2023
at 10.00am.
10.00am – 12.05pm
13 June 2023

CHAIRMAN
"""


def test_pdftotext_shape():
    [m] = segment(doc(PDFTOTEXT))
    assert m.committee == "Children and Young People Scrutiny Committee"
    assert m.date == date(2023, 6, 13)
    assert m.venue == "County Hall, Eastbridge"
    assert (m.start_time, m.end_time) == (time(10, 0), time(12, 5))
    assert m.next_meeting == date(2023, 9, 19)
    assert m.previous_meeting == date(2023, 3, 7)
    assert m.attendance.chair.name == "Mrs. P. A. Okafor CC"
    assert [p.name for p in m.attendance.present] == [
        "Mrs. P. A. Okafor CC", "Mr T. Lindqvist CC", "Dr. S. M. Harcourt CC", "Mr. D. Whitlock CC", "Mrs. K. Whitlock CC"]
    [guest] = m.attendance.in_attendance
    assert (guest.name, guest.post) == ("Mr. R. J. Pemberton OBE CC", "Lead Member for Children and Young People")
    assert [(i.number, i.title) for i in m.items] == [
        ("4", "Minutes."), ("5", "Fostering Sufficiency."), ("6", "Date of next meeting.")]
    fostering = m.items[1]
    assert [r.text for r in fostering.resolutions] == [
        "That the report be noted;", "That a further report be presented to the Committee on 16 January 2024."]
    [report] = fostering.reports
    assert report.title == "Fostering Sufficiency"
    assert report.authors == ["Director of Children's Services", "Director of Corporate Resources"]
    assert report.agenda_item == "Agenda Item 8"
    [fu] = fostering.follow_ups
    assert (fu.due, fu.due_precision) == (date(2024, 1, 16), "day")
    # the closing times and signature are not part of the last resolution
    assert m.items[2].resolutions[0].text.endswith("at 10.00am.")


def test_spans_point_into_the_source():
    d = doc(PDFTOTEXT)
    [m] = segment(d)
    for item in m.items:
        assert d.text[item.title_span.start:item.title_span.end].strip().startswith(item.title.split()[0])
        for r in item.resolutions:
            assert " ".join(d.text[r.span.start:r.span.end].split()) == r.text


MARKDOWN = """Minutes of a meeting of the Children and Young People Scrutiny Committee held at County Hall, Eastbridge on Tuesday, 19 September 2023.

PRESENT

Mrs. P. A. Okafor CC (in the Chair)

Mr T. Lindqvist CC

Apologies for absence were received from Mr. D. Whitlock CC and Mrs. K. Whitlock CC.

12. Question Time.

**(A) Mr Jonah Price asked the following question of the Chairman of the Committee:**

How many foster carers were recruited this year?

**Mrs P Okafor CC replied as follows:**

Fourteen new carers were approved.

### **Supplementary Question**

Mr Price asked a supplementary question about retention.

At the invitation of the Chairman, the Director of Children's Services replied to the effect that retention was good.

13. Declarations of interest.

Mr T. Lindqvist CC declared a personal interest in item 14 as a trustee of Brightpath Families Trust.

14. Exclusions.

The Committee considered a report of the Director of Children's Services which set out exclusion data.

**RESOLVED:**

- a) That the report be noted;
- b) That an update be provided in March 2024.
"""


def test_markdown_shape_questions_and_declarations():
    [m] = segment(doc(MARKDOWN, "markdown", "case.md"))
    assert m.date == date(2023, 9, 19)
    assert [p.name for p in m.attendance.apologies] == ["Mr. D. Whitlock CC", "Mrs. K. Whitlock CC"]
    assert [i.number for i in m.items] == ["12", "13", "14"]
    q, sup = m.items[0].questions
    assert (q.asker.name, q.answerer.name, q.supplementary) == ("Mr Jonah Price", "Mrs P Okafor CC", False)
    assert (sup.asker.name, sup.supplementary) == ("Mr Price", True)
    assert sup.answerer.name.startswith("Director of Children")
    [decl] = m.items[1].declarations
    assert decl.by.name == "Mr T. Lindqvist CC" and decl.interest == "personal"
    res = m.items[2].resolutions
    assert [r.label for r in res] == ["a", "b"]
    assert res[1].text == "That an update be provided in March 2024."
    [fu] = m.items[2].follow_ups
    assert (fu.due, fu.due_precision) == (date(2024, 3, 1), "month")


WEB = """Venue: Council Chamber, County Hall, Eastbridge
Contact: Democratic Services
No. | Item |
---|---|
Minutes: The minutes of the meeting held on 12 December 2023 were taken as read, confirmed and signed. |
|
Urgent Items. Minutes: There were no urgent items for consideration. |
|
Children in Care Sufficiency. PDF 120 KB Minutes: The Committee considered a report of the Director of Children's Services on placements. RESOLVED: a) That the report be noted; b) That a further report be presented in 6 months' time. |
"""


def test_web_shape_has_no_date_and_is_warned():
    [m] = segment(doc(WEB))
    assert m.date is None and m.committee is None
    assert m.venue == "Council Chamber, County Hall, Eastbridge"
    assert any("no meeting date" in w for w in m.warnings)
    assert [i.title for i in m.items] == ["Minutes.", "Urgent Items.", "Children in Care Sufficiency."]
    assert all(i.number is None for i in m.items)
    placements = m.items[2]
    assert [r.text for r in placements.resolutions] == [
        "That the report be noted;", "That a further report be presented in 6 months' time."]
    [fu] = placements.follow_ups
    assert fu.due is None and fu.due_precision == "relative"  # undated meeting: nothing to count from


def test_web_contact_is_an_officer_named_without_phone_or_email():
    assert segment(doc(WEB))[0].attendance.contacts == []  # "Contact: Democratic Services" names no one
    text = WEB.replace("Contact: Democratic Services",
                       "Contact: Miss. J. Abara (01632 960123) Email: j.abara@eastbridge.example")
    [m] = segment(doc(text))
    [c] = m.attendance.contacts
    assert (c.name, c.role) == ("Miss. J. Abara", "officer")
    assert text[c.span.start:c.span.end] == "Miss. J. Abara"
    assert m.attendance.present == [] and m.attendance.in_attendance == []


def test_web_item_numbered_only_where_its_report_and_the_table_agree():
    rows = WEB.replace("on placements.", "on placements. A copy of the report marked 'Agenda Item 3' is filed with "
                       "these minutes.")
    rows += ("|\nYouth Justice Plan. Minutes: The Committee considered a report of the Director of Children's "
             "Services. A copy of the report marked 'Agenda Item 9' is filed with these minutes. RESOLVED: That the "
             "report be noted. |\n")
    [m] = segment(doc(rows))
    assert [(i.order, i.number) for i in m.items] == [(1, None), (2, None), (3, "3"), (4, None)]


PACK = """Minutes of a meeting of the Children and Young People Scrutiny Committee held
at County Hall, Eastbridge on Tuesday, 14 November 2023.
PRESENT
Mr T. Lindqvist CC (in the Chair)
20. Date of next meeting.
It was noted that the next meeting of the Committee would be held on 16 January 2024.
10.00am – 11.00am CHAIRMAN
14 November 2023
 CHILDREN AND YOUNG PEOPLE SCRUTINY

COMMITTEE – 16 JANUARY 2024

FOSTERING SUFFICIENCY
UPDATE

REPORT OF THE DIRECTOR OF CHILDREN'S

SERVICES

Purpose of report
1. The purpose of this report is to update the Committee.

Officer(s) to Contact

Amara Osei (Head of Service - Fostering).
01632 960123

Liam Becker
Assistant Director, Children's Social Care
 CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE: 16 JANUARY 2024

BUDGET MONITORING

JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF
CORPORATE RESOURCES

Purpose of the Report
1. To report the budget.
"""


def test_agenda_pack_reports_belong_to_the_coming_meeting():
    minutes, coming = segment(doc(PACK))
    assert minutes.date == date(2023, 11, 14) and minutes.kind == "minutes"
    assert (minutes.start_time, minutes.end_time) == (time(10, 0), time(11, 0))
    assert coming.kind == "agenda" and coming.date == date(2024, 1, 16)
    assert coming.committee == "Children and Young People Scrutiny Committee"
    first, second = coming.reports
    assert first.title == "Fostering Sufficiency Update"
    assert first.authors == ["Director of Children's Services"]
    assert [(c.name, c.post) for c in first.contacts] == [
        ("Amara Osei", "Head of Service - Fostering"), ("Liam Becker", "Assistant Director, Children's Social Care")]
    assert second.title == "Budget Monitoring"
    assert second.authors == ["Chief Executive", "Director of Corporate Resources"]


def test_no_meeting_at_all_is_no_meeting():
    assert segment(doc("A shopping list.\nEggs, milk.\n")) == []  # the build skips it (tests/test_no_meeting.py)


def test_cut_off_minutes_are_warned():
    cut = PDFTOTEXT[: PDFTOTEXT.index("RESOLVED:")].rstrip().rsplit(" ", 3)[0]
    [m] = segment(doc(cut))
    assert any("cut off" in w for w in m.warnings)


@pytest.mark.parametrize("raw, expected", [
    ("Chief Executive and Director of Children and Family Services",
     ["Chief Executive", "Director of Children and Family Services"]),
    ("the Director of Children and Family Services", ["Director of Children and Family Services"]),
    ("DIRECTOR OF CORPORATE RESOURCES AND THE DIRECTOR OF PUBLIC HEALTH",
     ["Director of Corporate Resources", "Director of Public Health"]),
])
def test_split_authors(raw, expected):
    assert split_authors(raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("9.30am – 12.12pm", (time(9, 30), time(12, 12))),
    ("2.00 – 4.12pm", (time(14, 0), time(16, 12))),
    ("1.30 – 2.38pm CHAIRMAN", (time(13, 30), time(14, 38))),
    ("11.00 – 1.15pm", (time(11, 0), time(13, 15))),
    ("Times Not Specified", None),
    ("2018-2021", None),
])
def test_time_ranges(text, expected):
    assert parse_time_range(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("held at the Town Hall on 14/11/2023 at 7.00 pm", date(2023, 11, 14)),  # day first, as British minutes write
    ("Date: 5.6.2023", date(2023, 6, 5)),
    ("31/02/2023", None), ("2019/20", None), ("£1.11.2023", None), ("version v1.2.2023", None),
    ("on 3 May 2023, not 14/11/2023", date(2023, 5, 3)),  # words first
])
def test_dates_in_figures(text, expected):
    from kg.textutil import parse_date

    assert parse_date(text) == expected


def test_a_header_dated_in_figures():
    [m] = segment(doc("Minutes of a meeting of the Licensing Committee held at the Guildhall on 14/11/2023 at 7pm.\n\n"
                      "1. Apologies\nNone.\n\n2. Minutes\nRESOLVED: That the minutes be approved.\n"))
    assert (m.committee, m.date) == ("Licensing Committee", date(2023, 11, 14))


def test_due_dates():
    met = date(2023, 6, 13)
    assert due_date("a further report in 6 months' time", met) == (date(2023, 12, 13), "relative")
    assert due_date("to a future meeting of the Committee", met) == (None, None)
    assert due_date("That a report come back on 5 March 2024", met) == (date(2024, 3, 5), "day")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3000))
def test_segmenter_never_crashes(text):
    d = doc(text)
    meetings = segment(d)
    assert all(m.items or m.date or m.committee or m.attendance.present or m.kind != "minutes" for m in meetings)
    assert len(clean_view(text)) == len(text)
    for m in meetings:
        for item in m.items:
            assert 0 <= item.span.start <= item.span.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["12.", "13.", "RESOLVED:", "a)", "b)", "Minutes of a meeting of the X Committee held at Y on 1 May 2020.",
                                 "PRESENT", "Mr A. Smith CC", "\n", "CHAIRMAN", "Minutes:", "|", "REPORT OF THE DIRECTOR"]),
                max_size=200))
def test_segmenter_on_minutes_like_noise(parts):
    text = "\n".join(parts)
    meetings = segment(doc(text))
    if "Minutes of a meeting of the X Committee held at Y on 1 May 2020." in parts:
        assert meetings  # a header with a date holds a meeting


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the clone")
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.name[:3])
def test_each_seed_shape_segments(path):
    from kg.ingest import read_document

    d = read_document(path)
    meetings = segment(d)
    minutes = [m for m in meetings if m.kind == "minutes"]
    assert minutes, "every seed holds one set of minutes"
    for m in minutes:
        assert len(m.items) >= 10
        numbers = [int(i.number) for i in m.items if i.number]
        assert numbers == sorted(numbers)
        assert all(i.title for i in m.items)
        assert sum(len(i.resolutions) for i in m.items) >= 4
        assert m.next_meeting is not None
        if m.attendance.present:
            assert m.attendance.chair in m.attendance.present
        for item in m.items:
            for r in item.resolutions:
                assert " ".join(d.text[r.span.start:r.span.end].split())


@pytest.mark.parametrize("written, name", [
    ("Ms Jane Smith said", "Ms Jane Smith"),
    ("Ms Jane Smith Head of Service", "Ms Jane Smith"),
    ("Mrs A. Cole Mr B. Dale", "Mrs A. Cole"),
    ("Mr. I. D. Ould OBE CC attended", "Mr. I. D. Ould OBE CC"),
    ("Councillor Zoë Hartley, Cabinet Lead", "Councillor Zoë Hartley"),
    ("Mr Smith Director of Finance", "Mr Smith"),
])
def test_a_person_is_read_whole_and_stops_before_what_follows(written, name):
    from kg.segment import PERSON_RE

    assert PERSON_RE.search(written).group(0) == name


def test_an_officer_with_forename_keeps_the_post():
    from kg.segment import person_with_post as _person_with_post

    ref = _person_with_post("Ms Jane Smith - Head of Service, Fostering", 100)
    assert (ref.name, ref.post) == ("Ms Jane Smith", "Head of Service, Fostering")
    assert (ref.span.start, ref.span.end) == (100, 113)


def test_police_rank_in_attendance_is_a_title_and_the_force_no_post():
    text = PDFTOTEXT.replace(
        "Mr. R. J. Pemberton OBE CC – Lead Member for Children and Young People",
        "Mr. R. J. Pemberton OBE CC – Lead Member for Children and Young People\n"
        "Detective Chief Inspector Jane Abbott – Northmoor Police")
    [m] = segment(doc(text))
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Mr. R. J. Pemberton OBE CC", "Lead Member for Children and Young People"),
        ("Detective Chief Inspector Jane Abbott", None)]


@pytest.mark.parametrize("present, said, chair", [
    ("Mr. A. Bell CC\nMrs. C. Dale CC (Vice-Chairman)", "In the absence of the Chairman, Mrs. C. Dale CC "
     "(Vice-Chairman) took the Chair.\n\n", "Mrs. C. Dale CC"),
    ("Mr. A. Bell CC\nMr. E. Fox CC", "53. Appointment of Chairman.\n\nRESOLVED: That Mr. E. Fox CC be elected "
     "Chairman for the meeting.\n\n", "Mr. E. Fox CC"),
    ("Mr. A. Bell CC (in the Chair)\nMr. E. Fox CC", "Mr. E. Fox CC took the Chair for item 55.\n\n", "Mr. A. Bell CC"),
    ("Mr. A. Bell CC\nMr. E. Fox CC", "", None),
])
def test_the_chair_a_meeting_names_in_its_body(present, said, chair):
    m = segment(doc("Minutes of a meeting of the Scrutiny Committee held at County Hall on Tuesday, 5 March 2019.\n\n"
                    f"PRESENT\n\n{present}\n\n{said}54. Minutes.\n\nThe minutes were confirmed.\n\n"
                    "55. Question Time.\n\nNo questions had been received.\n"))[0]
    assert (m.attendance.chair.name if m.attendance.chair else None) == chair
    assert [r.name for r in m.attendance.present] == [re.sub(r" \(.*\)", "", p) for p in present.split("\n")]


def test_a_question_and_reply_headed_by_who_asked_and_who_answered():
    m = segment(doc("Minutes of a meeting of the Scrutiny Committee held at County Hall on Tuesday, 5 March 2019.\n\n"
                    "54. Public Question Time.\n\nThe following question was put to the Chairman:\n\n"
                    "Question by Mrs Jane Moss:\n\n\"How many children are waiting for an assessment?\"\n\n"
                    "Reply by the Chairman:\n\n\"As at 1 March 2019, 212 children were waiting.\"\n\n"
                    "55. Minutes.\n\nThe minutes were confirmed.\n"))[0]
    [q] = m.items[0].questions
    assert (q.asker.name, q.answerer.name) == ("Mrs Jane Moss", "The Chairman")
    assert q.text == '"How many children are waiting for an assessment?"'
    assert m.items[1].questions == []
