"""Minutes in the shapes other councils write them (fictional councils, people and partners in
tests/data/other_councils/): inline attendance lists, "Cllr", surnames alone, "CAB.23" minute
references, "(1)" and "1." resolution clauses, "DECISION:", times in the heading or on a line."""
from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from kg.models import Document
from kg.segment import segment

DATA = Path(__file__).parent / "data" / "other_councils"


def segmented(text: str, fmt: str = "text") -> list:
    """The meetings `text` holds, read as a document of format `fmt`."""
    name = "x.md" if fmt == "markdown" else "x.txt"
    return segment(Document(path=name, file_name=name, text=text, sha256="0" * 64, fmt=fmt))


def meeting(name: str):
    [m] = segmented((DATA / name).read_text(encoding="utf-8"))
    return m


def names(refs) -> list[str]:
    return [r.name for r in refs]


def resolutions(m) -> list[tuple[str, str | None, str]]:
    return [(i.number, r.label, r.text) for i in m.items for r in i.resolutions]


def test_london_borough_inline_lists_and_numbered_clauses():
    m = meeting("london_borough.txt")
    assert m.committee == "Health and Wellbeing Scrutiny Committee"
    assert m.date == date(2023, 10, 12)
    assert (m.start_time, m.end_time) == (time(19, 0), time(21, 15))
    a = m.attendance
    assert a.chair.name == "Councillor Amara Okoye"
    assert names(a.present) == ["Councillor Amara Okoye", "Councillor Ben Hartwell", "Councillor Carla Reyes",
                                "Councillor Devan Pateley"]
    assert [(r.name, r.post, r.role) for r in a.in_attendance] == [
        ("Councillor Fenella Quist", "Cabinet Member for Adult Social Care", "member"),
        ("Janet Dolan", "Director of Adult Social Care", "officer"),
        ("Marcus Teller", "Head of Commissioning", "officer"),
        ("Priya Venn", "Democratic Services Officer", "officer")]
    assert names(a.apologies) == ["Councillor Gideon Wray"]
    assert [(i.number, i.title) for i in m.items] == [
        ("12", "Apologies for absence"), ("13", "Declarations of interest"), ("14", "Minutes of the previous meeting"),
        ("15", "Home Care Recommissioning"), ("16", "Work Programme")]
    res = resolutions(m)
    assert len(res) == 5
    assert [(n, label) for n, label, _ in res if n == "15"] == [("15", "1"), ("15", "2"), ("15", "3")]
    assert res[1][2] == "That the report be noted."


def test_district_council_surnames_minute_codes_and_decisions():
    m = meeting("district_council.txt")
    assert m.date == date(2024, 3, 5)
    assert (m.start_time, m.end_time) == (time(18, 30), time(19, 40))
    a = m.attendance
    assert a.chair.name == "Councillor Thornbury"
    assert names(a.present) == ["Councillor Thornbury", "Councillor Kessling", "Councillor Okonedo",
                                "Councillor Wrigglesworth"]
    assert [(r.name, r.post) for r in a.in_attendance] == [
        ("Ruth Ambler", "Chief Executive"), ("Tom Faraday", "Head of Finance"),
        ("Leanne Cole", "Committee Services Officer")]
    assert names(a.apologies) == ["Councillor Pennock"]
    assert [i.number for i in m.items] == ["CAB.23", "CAB.24", "CAB.25", "CAB.26"]
    assert m.items[2].title == "BUDGET MONITORING QUARTER 3"
    res = resolutions(m)
    # "The minutes ... were approved as a correct record" decides, marked or not (as a careful reader lists it)
    assert [n for n, _, _ in res] == ["CAB.23", "CAB.25", "CAB.26"]
    assert res[2][2].startswith("That the contract with Fenwater Leisure Limited be extended")


def test_metropolitan_cllr_lines_undecorated_officers_and_dotted_clauses():
    m = meeting("metropolitan.txt")
    assert m.committee == "Communities and Housing Committee"
    assert m.date == date(2024, 1, 17)
    assert (m.start_time, m.end_time) == (time(14, 0), time(15, 45))
    a = m.attendance
    assert a.chair.name == "Cllr Harriet Moss"
    assert names(a.present) == ["Cllr Harriet Moss", "Cllr J Okafor-Lane", "Cllr Pawel Nowicki", "Cllr S Tamworth"]
    assert [(r.name, r.post) for r in a.in_attendance] == [
        ("Gareth Pryce", "Director of Housing"), ("Eleri Vaughan", "Housing Strategy Manager"),
        ("Inspector Rhys Tudor", None)]  # a police force is where they work, not a post
    assert names(a.apologies) == ["Cllr Owen Bellamy"]
    # "1. That the report be noted." is a clause of minute 2, not minute 1 again
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Declarations of Interest"), ("2", "Housing Allocations Policy Review"),
        ("3", "Community Safety Partnership Update")]
    assert [(n, label) for n, label, _ in resolutions(m)] == [("2", "1"), ("2", "2"), ("3", None)]


def test_minute_references_with_a_year():
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "Minute 44/23 Apologies\nNone.\n\nMinute 45/23 Street Trading Policy\nRESOLVED That the policy be adopted.\n\n"
            "Minute 46/23 Any Other Business\nNone.\n")
    [m] = segmented(text)
    assert [(i.number, i.title) for i in m.items] == [
        ("44/23", "Apologies"), ("45/23", "Street Trading Policy"), ("46/23", "Any Other Business")]
    assert [r.text for r in m.items[1].resolutions] == ["That the policy be adopted."]


@pytest.mark.parametrize("decided", ["AGREED: That the policy be adopted.", "Agreed - That the policy be adopted.",
                                     "The Committee AGREED that the policy be adopted.",
                                     "DECISION: That the policy be adopted.", "RESOLVED that the policy be adopted."])
def test_each_way_of_writing_a_decision(decided):
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            f"1. Street Trading Policy\nThe policy was discussed.\n{decided}\n\n"
            "2. Any Other Business\nNone.\n")
    [m] = segmented(text)
    assert [r.text.lower() for r in m.items[0].resolutions] == ["that the policy be adopted."]
    assert m.items[1].resolutions == []


@pytest.fixture(scope="module")
def graph():
    from kg.api import build

    return build(DATA)


def test_officers_hold_their_posts_in_the_graph(graph):
    held = {(r["post"], r["holder"]) for r in graph.query("post-holders")}
    assert {("Director of Adult Social Care", "Janet Dolan"), ("Head of Finance", "Tom Faraday"),
            ("Director of Housing", "Gareth Pryce")} <= held


def test_partners_are_found_and_not_run_together(graph):
    partners = {r["organisation"] for r in graph.query("partners-mentioned")}
    assert {"Fenwater Leisure Limited", "Harlow Vale Clinical Commissioning Group",
            "Ardwick Valley Housing Association"} <= partners
    assert not any(" and of " in p for p in partners)


def test_an_inline_list_may_go_on_one_name_a_line_or_wrap():
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "Present: Cllr Ada Byrne (Chair)\nCllr Tom Price\nCllr Li Wen\n\n"
            "Officers present: Sam Cole (Licensing Manager), Ruth Hale (Senior Solicitor), Omar Said (Principal\n"
            "Licensing Officer) and Kim Lau (Democratic Services Officer)\n\n"
            "1. Apologies\nNone.\n\n2. Minutes\nRESOLVED That the minutes be approved.\n")
    [m] = segmented(text)
    assert m.attendance.chair.name == "Cllr Ada Byrne"
    assert names(m.attendance.present) == ["Cllr Ada Byrne", "Cllr Tom Price", "Cllr Li Wen"]
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Sam Cole", "Licensing Manager"), ("Ruth Hale", "Senior Solicitor"),
        ("Omar Said", "Principal Licensing Officer"), ("Kim Lau", "Democratic Services Officer")]


@pytest.mark.parametrize("where", ["item", "heading"])
def test_apologies_from_a_councillors_list(where):
    said = ("1. Apologies\nApologies for absence were received from Councillors Tom Price and Li Wen.\n\n"
            if where == "item" else "Apologies: Councillors Tom Price and Li Wen\n\n1. Apologies\nNone.\n\n")
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "Present: Cllr Ada Byrne (Chair), Cllr B Jones\n\n" + said +
            "2. Minutes\nRESOLVED That the minutes be approved.\n")
    [m] = segmented(text)
    assert names(m.attendance.apologies) == ["Councillor Tom Price", "Councillor Li Wen"]


def test_a_courtesy_title_after_councillor_and_a_post_with_and_after_a_dash():
    text = ("Minutes of a meeting of the Communities Scrutiny Panel held at the Civic Centre on 8 March 2023.\n\n"
            "PRESENT:   Councillor Mrs P. Okafor (Chair)\n"
            "           Councillors R. Hartley, J. Nguyen and L. Brennan\n\n"
            "ALSO PRESENT: Councillor D. Fay - Portfolio Holder for Housing and Communities\n\n"
            "1. Apologies\nNone.\n\n2. Minutes\nRESOLVED That the minutes be approved.\n")
    [m] = segmented(text)
    assert m.attendance.chair.name == "Councillor Mrs P. Okafor"
    assert names(m.attendance.present) == ["Councillor Mrs P. Okafor", "Councillor R. Hartley",
                                           "Councillor J. Nguyen", "Councillor L. Brennan"]
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Councillor D. Fay", "Portfolio Holder for Housing and Communities")]


def test_and_after_a_dash_still_joins_two_people():
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "Present: Cllr Ada Byrne (Chair), Cllr B Jones\n\n"
            "Officers: Sam Cole - Licensing Manager and Ruth Hale - Senior Solicitor\n\n"
            "1. Apologies\nNone.\n")
    [m] = segmented(text)
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Sam Cole", "Licensing Manager"), ("Ruth Hale", "Senior Solicitor")]


def test_a_moderngov_page_with_number_cells_and_a_heading_for_its_committee_and_date():
    from kg.ingest import read_document

    [m] = segment(read_document(DATA / "moderngov_borough.html"))
    assert (m.committee, m.date) == ("Adult Social Care Scrutiny Committee", date(2023, 11, 14))
    assert (m.start_time, m.end_time) == (time(19, 0), time(20, 45))  # the heading's, then "The meeting ended at"
    assert [(i.number, i.title) for i in m.items] == [
        ("23", "Apologies for Absence"), ("24", "Declarations of Interest"), ("25", "Minutes of the Previous Meeting"),
        ("26", "Home Care Recommissioning"), ("27", "Work Programme")]
    assert [r.text for r in m.items[3].resolutions] == [
        "That the report be noted.", "That an update on staff retention be presented to the Committee in March 2024."]
    assert [r.text for r in m.items[4].resolutions] == ["That the work programme be agreed."]  # not the closing line
    assert m.attendance.chair.name == "Councillor Hannah Wylde"
    assert names(m.attendance.apologies) == ["Councillor Gemma Lyle"]


@pytest.mark.parametrize("heading, committee, day", [
    ("Cabinet - Tuesday, 14th November, 2023 7.00 pm", "Cabinet", date(2023, 11, 14)),
    ("Kestrel Vale Borough Council\nPlanning Committee\nTuesday, 14th November, 2023 7.00 pm", "Planning Committee",
     date(2023, 11, 14)),
    # a venue right above the date is no committee; the page's committee heading above it is
    ("Planning Committee\nCommittee Room 1\nTuesday, 14th November, 2023", "Planning Committee", date(2023, 11, 14)),
    # a council's name alone over the date: the council itself met (as community and full-council minutes write it)
    ("Kestrel Vale Borough Council\nTuesday, 14th November, 2023", "Kestrel Vale Borough Council", date(2023, 11, 14)),
    ("Minutes of the Licensing Sub-Committee", "Licensing Sub-Committee", None),
])
def test_a_web_pages_heading_gives_what_it_states_and_no_more(heading, committee, day):
    text = (f"{heading}\nVenue: Town Hall\n\nNo. | Item |\n---|---|\n"
            "Minutes. Minutes: RESOLVED: That the minutes be approved. |\n|\n"
            "Work Programme. Minutes: RESOLVED: That the work programme be agreed. |\n|\n")
    [m] = segmented(text)
    assert (m.committee, m.date) == (committee, day)
    assert [i.title for i in m.items] == ["Minutes.", "Work Programme."]


def test_a_committee_heading_above_minutes_of_the_meeting_held_on():
    m = meeting("metropolitan_board.txt")
    assert (m.committee, m.date) == ("Children's Services Scrutiny Board", date(2023, 2, 9))
    assert (m.start_time, m.end_time) == (time(10, 0), time(12, 20))
    assert m.venue == "the Council Chamber, Brackenmoor Town Hall"
    a = m.attendance
    assert a.chair.name == "Councillor Yusuf Ahmed"
    assert names(a.present) == ["Councillor Yusuf Ahmed", "Councillor Brown", "Councillor Castellano",
                                "Councillor Doherty", "Councillor Evans", "Councillor Fitzgerald",
                                "Mr Peter Quinlan", "Mrs Amy Shore"]  # the co-opted members too
    assert [(r.name, r.role) for r in a.in_attendance][0] == ("Councillor Lisa Penrose", "member")
    [declared] = m.items[1].declarations
    assert declared.interest == "non-pecuniary"
    assert declared.text.endswith("as a governor of St Anne's Primary School.")  # past "item CSSB.34"
    assert [(r.label, r.text) for r in m.items[3].resolutions] == [
        ("1", "the report be noted;"),
        ("2", "the Board receive a progress report on the improvement plan at its meeting in June 2023;"),
        ("3", "the Cabinet Member be asked to write to the Secretary of State regarding funding for "
              "children's social care.")]  # no clause "That:" of its own


def test_a_declared_interest_is_in_the_body_it_names_not_the_item_it_is_on(graph):
    declared = {(r["member"], r["organisation"]) for r in graph.query("declarations")}
    assert ("Councillor Castellano", "St Anne's Primary School") in declared
    assert not any(org == "Ofsted" for _, org in declared)  # the item's subject


def test_resolutions_of_one_item_never_share_an_iri():
    from rdflib import Dataset

    from kg.build import DocumentOutcome, assemble
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "1. Street Trading Policy\nRESOLVED that:\n(1) the policy be noted;\n(2) it be adopted.\n\n"
            "It was further RESOLVED:\n(1) That a review be held in 2024.\n\n2. Any Other Business\nNone.\n")
    doc = Document(path="x.txt", file_name="x.txt", text=text, sha256="0" * 64, fmt="text")
    ds: Dataset = assemble([(doc, segment(doc), DocumentOutcome("x.txt", "built"), [])]).dataset
    from kg.namespace import MKG
    resolved = sorted(str(o).rsplit("/", 1)[-1] for o in ds.objects(None, MKG.resolved))
    assert resolved == ["1", "1-2", "2"]


def test_in_the_chair_after_a_post_in_brackets():
    text = ("Minutes of the meeting of the Cabinet held on Tuesday, 21st March 2023 at 2.00 p.m.\n\n"
            "Present: Cllr R. Fenwick (Leader of the Council) (in the Chair); Cllrs J. Adeyemi and K. Barlow.\n\n"
            "1. Apologies\nNone.\n\n2. Minutes\nRESOLVED: That the minutes be approved.\n")
    [m] = segmented(text)
    assert (m.attendance.chair.name, m.attendance.chair.post) == ("Cllr R. Fenwick", "Leader of the Council")
    # a plural title gives each name its own singular: "Cllrs" -> "Cllr" (as tests/test_attendance.py writes it)
    assert names(m.attendance.present) == ["Cllr R. Fenwick", "Cllr J. Adeyemi", "Cllr K. Barlow"]


def test_pdftotext_columns_a_capitalised_heading_and_report_back():
    m = meeting("city_pdftotext.txt")
    assert (m.committee, m.date, m.venue) == ("Housing Scrutiny Committee", date(2023, 10, 16),
                                              "Committee Room 1, the Guildhall")
    assert (m.start_time, m.end_time) == (time(17, 30), time(19, 10))
    assert names(m.attendance.present) == ["Councillor A. Bhatt", "Councillor C. Dunne", "Councillor E. Foster",
                                           "Councillor G. Hussain", "Councillor I. Jarvis"]
    assert [(r.name, r.post) for r in m.attendance.in_attendance][:3] == [
        ("M. Kovac", "Head of Housing Needs"), ("N. Lund", "Housing Strategy Manager"), ("O. Mensah", "Committee Officer")]
    assert [i.number for i in m.items] == ["HSC/21", "HSC/22", "HSC/23", "HSC/24"]  # the page header is no item
    [asked] = m.items[2].follow_ups
    assert asked.text.startswith("the Head of Housing Needs report back on the use of closure orders")


def test_a_moderngov_table_written_in_markdown():
    text = ("# Agenda and minutes\n\n**Venue:** County Hall\n\n"
            "| No. | Item |\n|---|---|\n"
            "| 23. | **Minutes of the previous meeting** Minutes: RESOLVED: That the minutes be approved. |\n"
            "| 24. | **Home Care** Minutes: The Committee considered a report of the Director of Adults. "
            "RESOLVED: That the report be noted. |\n")
    [m] = segmented(text, "markdown")
    assert [(i.number, i.title) for i in m.items] == [("23", "Minutes of the previous meeting"), ("24", "Home Care")]
    assert [[r.text for r in i.resolutions] for i in m.items] == [["That the minutes be approved."],
                                                                  ["That the report be noted."]]


def test_a_council_web_page_with_an_attendance_table_and_a_footer():
    from kg.ingest import read_document

    d = read_document(DATA / "planning_cms.html")
    assert "democratic.services" not in d.text and "Contact us" not in d.text  # the page footer is not minutes
    [m] = segment(d)
    assert (m.committee, m.date, m.start_time, m.end_time) == ("Planning Committee", date(2023, 9, 7), time(18, 0), time(19, 40))
    assert m.venue == "the Civic Offices, Marlow Road"
    a = m.attendance
    assert a.chair.name == "Councillor Ruth Ames"
    assert names(a.present) == ["Councillor Ruth Ames", "Councillor Ian Brook", "Councillor Nia Carr"]
    assert [(r.name, r.post, r.role) for r in a.in_attendance] == [("Paul Dent", "Head of Planning", "officer")]
    assert [r.text for r in m.items[2].resolutions] == ["That the report be noted."]  # not "The meeting closed at ..."


def test_a_scottish_minute_with_a_convener_and_decisions():
    m = meeting("scottish_committee.txt")
    assert (m.committee, m.date, m.venue) == ("Education and Children's Services Committee", date(2023, 11, 16),
                                              "the Council Chambers, Glenmuir House")
    assert (m.start_time, m.end_time) == (time(10, 0), time(11, 35))
    assert m.attendance.chair.name == "Councillor Fiona MacLeod"  # "(Convener)"
    assert [r.authors for r in m.items[2].reports] == [["Executive Director of Education and Children's Services"]]
    assert [(r.label, r.text) for r in m.items[2].resolutions] == [
        ("a", "to note the report; and"), ("b", "that a further update be submitted to the Committee in June 2024.")]
    assert [r.text for r in m.items[3].resolutions] == ["The Committee noted the report."]  # under "DECISION"


def test_scottish_and_welsh_national_bodies(graph):
    partners = {r["organisation"] for r in graph.query("partners-mentioned")}
    assert {"Scottish Government", "Education Scotland"} <= partners


def test_markdown_from_a_word_document_with_an_attendance_table():
    from kg.ingest import read_document

    [m] = segment(read_document(DATA / "district_panel.md"))
    assert (m.committee, m.date, m.start_time, m.venue) == ("Overview and Scrutiny Panel", date(2024, 1, 10),
                                                            time(19, 0), "the Council Chamber")
    assert m.attendance.chair.name == "Cllr Priya Shah"
    assert names(m.attendance.present) == ["Cllr Priya Shah", "Cllr Owen Tate", "Cllr Beth Usher"]
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Dan Vick", "Head of Environmental Services"), ("Amy Wells", "Scrutiny Officer")]
    [asked] = m.items[1].follow_ups  # "asks for an update in April 2024"
    assert (asked.due, asked.due_precision) == (date(2024, 4, 1), "month")


def test_agenda_pack_reports_with_cover_sheets_as_forms():
    m = meeting("report_cover_sheets.txt")
    assert (m.kind, m.committee, m.date, m.items) == ("agenda", "Community Scrutiny Committee", date(2024, 3, 12), [])
    assert [(r.title, r.authors, r.agenda_item) for r in m.reports] == [
        ("Leisure Centre Contract Review", ["Director of Communities"], "Agenda Item 6"),
        ("Homelessness Grant Allocation", ["Head of Housing", "Head of Finance"], "Agenda Item 7")]
    assert [[(c.name, c.post) for c in r.contacts] for r in m.reports] == [
        [("Karen Lowe", "Leisure Services Manager")], [("Sam Ng", "Housing Strategy Officer")]]


def test_a_cover_sheet_label_is_not_a_post(graph):
    held = {r["post"] for r in graph.query("post-holders")}
    assert "Contact Officer" not in held and "Leisure Services Manager" in held


def test_report_to_in_passing_is_no_cover_sheet():
    text = ("Minutes of a meeting of the Licensing Committee held at the Guildhall on 3 May 2023.\n\n"
            "1. Street Trading Policy\nThe officers will report to: the Cabinet.\nRESOLVED that the policy be noted.\n\n"
            "2. Any Other Business\nNone.\n")
    [m] = segmented(text)
    assert (m.kind, [i.number for i in m.items]) == ("minutes", ["1", "2"])


def test_two_meetings_under_committee_headings_in_one_file():
    one = (DATA / "metropolitan_board.txt").read_text(encoding="utf-8")
    two = one + "\n\n" + one.replace("9 February 2023", "16 March 2023").replace("CSSB.3", "CSSB.4")
    ms = segmented(two)
    assert [(m.date, [i.number for i in m.items][:2], m.warnings) for m in ms] == [
        (date(2023, 2, 9), ["CSSB.31", "CSSB.32"], []), (date(2023, 3, 16), ["CSSB.41", "CSSB.42"], [])]
    assert all(m.committee == "Children's Services Scrutiny Board" and m.attendance.chair for m in ms)
