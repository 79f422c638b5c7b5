"""Shapes seen in real published minutes of councils outside the development set, each written
here with invented councils, people and business: the layouts a web page or a PDF gives the
attendance (table cells flattened one a line, posts beside names), and the wordings of
decisions and items that a probe of such minutes found read wrongly."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def one(text: str):
    [m] = segment(Document(path="x.txt", file_name="x.txt", text=text, sha256="0" * 64, fmt="text"))
    return m


def surnames(refs) -> list[str]:
    return [r.name.split()[-1] for r in refs]


# ---------------------------------------------------------------- attendance in table cells

# an InfoCouncil "present" table: the office in one cell, the name in the next, each on its line;
# the page stores the row label in lower case and styles it in capitals
INFOCOUNCIL = """Council

OPEN MINUTES

Minutes of a meeting of Council held in the Council Chambers, 4 Quay Street, Brackwater on Wednesday, 3 March 2021 at 10am.

present

Mayor

Mayor Orla Penhallow

Deputy Mayor

Tamsin Vorley

Councillors

Idris Calloway

Nessa Brightwell

IN ATTENDANCE

Chief Executive Rowan Astley and Committee Advisor Petra Lumm.

1          Apologies

There were no apologies.
"""


def test_infocouncil_office_cells_are_not_names():
    m = one(INFOCOUNCIL)
    assert surnames(m.attendance.present) == ["Penhallow", "Vorley", "Calloway", "Brightwell"]
    assert not any("Mayor Mayor" in r.name for r in m.attendance.present)


def test_worship_the_mayor_is_a_style_before_the_name():
    m = one("Minutes of a meeting of the Dunmore City Council held on Thursday 8 July 2021\n\n"
            "Present: Her Worship the Mayor T Garrow (Chairperson), Councillors P Ancell, R Bewick and S Colley\n\n"
            "1. Apologies\nThere were no apologies.\n")
    assert surnames(m.attendance.present) == ["Garrow", "Ancell", "Bewick", "Colley"]
    assert m.attendance.chair is not None and m.attendance.chair.name.endswith("Garrow")


def test_plural_title_line_over_one_name_a_line():
    m = one("MINUTES OF THE MEETING OF THE WESTHOLM DISTRICT COUNCIL HELD ON WEDNESDAY 6 MAY 2015\n"
            "PRESENT:\nHis Worship the Mayor Arlo Fenwick\nDeputy Mayor Bette Quarles\nCouncillors;\n"
            "Cato Dimmick\nElin Rusk\nFrey Holm\nIN ATTENDANCE:\nGale Pryor\nChairman: Upper Vale Community Board\n"
            "Hollis Tarn\nChairman: Lower Vale Community Board\n1.0 PRESENTATIONS\nNone.\n")
    a = m.attendance
    assert surnames(a.present) == ["Fenwick", "Quarles", "Dimmick", "Rusk", "Holm"]
    assert a.chair is None  # "Chairman: <a board>" is the post of the name above it
    assert [(r.name, r.post) for r in a.in_attendance] == [
        ("Gale Pryor", "Chairman: Upper Vale Community Board"), ("Hollis Tarn", "Chairman: Lower Vale Community Board")]


def test_name_line_then_post_line():
    m = one("Minutes of the Orrin District Council meeting held on Tuesday 2 June 2020\n"
            "PRESENT:\nCr Ada Mell, Cr Bo Nast, Cr Cy Orme\nSTAFF PRESENT:\nDara Pell\nActing Chief Executive\n"
            "Ezra Quill\nManager: Advisory Services\n1 Apologies\nNil.\n")
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Dara Pell", "Acting Chief Executive"), ("Ezra Quill", "Manager: Advisory Services")]


def test_post_colon_names_lines():
    m = one("Ordinary Meeting\n4th March 2019, Council Chamber\nAn Cathaoirleach Councillor Ita Rowe presided.\n"
            "Members Present\nCouncillors Ita Rowe, Jem Sallow, Kit Tobin.\nOfficials in Attendance\n"
            "Chief Executive: Lorcan Ush\nDirectors: Mairead Vane, Niall Wick\nSenior Executive Officers: Orla Yeats.\n"
            "Meetings Administrator: Pat Zell.\nApologies\nCouncillor Quinn Abbot\n1.0 Confirmation of Minutes\nAgreed.\n")
    got = [(r.name, r.post) for r in m.attendance.in_attendance]
    assert got == [("Lorcan Ush", "Chief Executive"), ("Mairead Vane", "Director"), ("Niall Wick", "Director"),
                   ("Orla Yeats", "Senior Executive Officer"), ("Pat Zell", "Meetings Administrator")]
    assert surnames(m.attendance.apologies) == ["Abbot"]


# ---------------------------------------------------------------- decisions and items

def test_resolved_with_mover_and_seconder_in_brackets():
    m = one("Ordinary Council Meeting held in the Council Chambers, Varrow on Wednesday 9 June 2021 commencing at 6.00pm.\n\n"
            "PRESENT\n\nCouncillors Ada Mell, Bo Nast (Mayor) and Cy Orme.\n\n1 APOLOGIES\n\nNil\n\n"
            "2 MINUTES 101/21\n\nRESOLVED (Cr Mell/Cr Orme)\n\nThat the Minutes of the Ordinary Meeting held on 12 May 2021 be confirmed.\n\n"
            "UNANIMOUS\n")
    [res] = [r.text for it in m.items for r in it.resolutions]
    assert res == "That the Minutes of the Ordinary Meeting held on 12 May 2021 be confirmed."


def test_first_sub_item_under_an_unnumbered_section_heading():
    m = one("Minutes of a meeting of Council held in the Chambers, Varrow on Wednesday, 9 June 2021 at 11am.\n\n"
            "1          Apologies\n\nThere were no apologies.\n\n2          Public Forum\n\nThere was no public forum.\n\n"
            "3          Confirmation of Council Minutes\n\nResolution\n\nMoved Cr Mell, seconded Cr Orme and resolved\n\n"
            "That Council confirms the minutes of 12 May 2021.\n\nReports - Policy and Strategy\n\n"
            "4.1\n\nDog Control Bylaw Review\n\nRecord No:         R/21/5/1234\n\nThe report was taken as read.\n\n"
            "4.2\n\nLibrary Hours\n\nThe report was noted.\n")
    assert [(i.number, i.title) for i in m.items][-2:] == [("4.1", "Dog Control Bylaw Review"), ("4.2", "Library Hours")]


PARISH = """MINUTES OF THE MEETING OF HOLLOWAY PARISH COUNCIL HELD ON MONDAY 3 MAY 2021 AT 7.30PM

Present: Cllr A Marlow (Chair), Cllr B Penn, Cllr C Quist

1. Apologies for absence
Moved by Cllr Penn, seconded by Cllr Quist, that the apologies of Cllr D Rowe and Cllr E Stowe be accepted. Carried.

2. Footpaths
The clerk reported on the overgrown footpath at Mill Lane.
ACTION: Clerk to write to the landowner.

3. Playground
The bark under the swings needs topping up before the summer.
ACTION: BP

4. Grants
Moved by Cllr Marlow, seconded by Cllr Penn, that a grant be paid to the bowls club. Lost.
"""


def test_apologies_accepted_in_a_moved_motion():
    m = one(PARISH)
    assert surnames(m.attendance.apologies) == ["Rowe", "Stowe"]
    [res] = m.items[0].resolutions
    assert res.text.startswith("Moved by Cllr Penn") and res.text.endswith("be accepted.")
    assert m.items[3].resolutions == []  # a lost motion is no resolution


def test_action_lines_are_follow_ups():
    m = one(PARISH)
    assert [f.text for f in m.items[1].follow_ups] == ["Clerk to write to the landowner."]
    # a mark naming only who acts: the task is the sentence above it
    assert [f.text for f in m.items[2].follow_ups] == ["The bark under the swings needs topping up before the summer."]


# ---------------------------------------------------------------- attendance at the foot of a page

CMIS_PAGE = """<html><body>
<h1>Fire Authority - Wednesday 30 May 2018, 10:30 am</h1>
<h2>Agenda Items</h2>
<div><span>1</span> <strong>Apologies for Absence</strong><p>Apologies were received from Cllr R Ames.</p></div>
<div><span>2</span> <strong>Budget Monitoring</strong><p>RESOLVED that the report be noted.</p></div>
<h2>Attendance</h2>
<table>
<tr><th>Name</th><th>Organisation</th><th>Role</th><th>Attendance</th></tr>
<tr><td>Mr A Penrose</td><td>Wyeshire Council</td><td>Chairman</td><td>Present</td></tr>
<tr><td>Cllr D Dunn</td><td>Wyeshire Council</td><td>Member</td><td>Present</td></tr>
<tr><td>Cllr E Ewart</td><td>Marlshire Council</td><td>Member</td><td>Present</td></tr>
<tr><td>Cllr R Ames</td><td>Marlshire Council</td><td>Member</td><td>Apologies</td></tr>
<tr><td>Mr F Fenner</td><td>Fire Service</td><td>Chief Fire Officer</td><td>In attendance</td></tr>
</table>
</body></html>
"""


def test_attendance_table_at_the_foot_of_a_page(tmp_path):
    from kg.ingest.reader import read_document
    page = tmp_path / "meeting.html"
    page.write_text(CMIS_PAGE, encoding="utf-8")
    [m] = segment(read_document(page))
    a = m.attendance
    assert surnames(a.present) == ["Penrose", "Dunn", "Ewart"]
    assert a.chair is not None and a.chair.name.endswith("Penrose")
    assert surnames(a.apologies) == ["Ames"]
    assert [(r.name, r.post) for r in a.in_attendance] == [("Mr F Fenner", "Chief Fire Officer")]
    assert "Penrose" not in text_of(m.items[-1], page)  # the last item ends above the table


def text_of(item, page) -> str:
    from kg.ingest.reader import read_document
    return read_document(page).text[item.span.start:item.span.end]


def test_modern_gov_row_title_before_its_agenda_text():
    m = one("Venue: The Guildhall, Marlow Street. View directions\nNo. | Item |\n"
            "Apologies and Substitutes To receive any apologies for absence and notification of substitutions. "
            "Minutes: Apologies were received from Councillor Dray. |\n"
            "Recording of Meeting Members are reminded that this meeting will be audio-recorded. Minutes: Members were reminded. |\n"
            "Authority Membership 2021-22 PDF 45 KB The attached list shows the membership. Minutes: The list was noted. |\n"
            "Election of Chair Members will be invited to elect a Chair. Minutes: RESOLVED: That Councillor E Fane be Chair. |\n")
    assert [i.title for i in m.items] == ["Apologies and Substitutes", "Recording of Meeting", "Authority Membership 2021-22",
                                          "Election of Chair"]


def test_name_broken_under_a_hanging_indent():
    m = one("                           MINUTES OF HARLOW VALE DISTRICT COUNCIL\n"
            "                           HELD AT THE COUNCIL CHAMBERS ON TUESDAY, 9 FEBRUARY 2021 AT 9.30AM\n\n"
            "PRESENT:            Mayor Ivo Penn, Deputy Mayor Jo Rook, Cr Ada Mell, Cr Stellan\n"
            "                    Quayle, Cr Bo Nast, Cr Cy Orme\n"
            "IN ATTENDANCE:      Dee Fox (Chief Executive), Eli Gage (Planner)\n\n"
            "1        APOLOGIES\n\nThere were no apologies.\n")
    assert [r.name for r in m.attendance.present] == ["Mayor Ivo Penn", "Deputy Mayor Jo Rook", "Cr Ada Mell",
                                                      "Cr Stellan Quayle", "Cr Bo Nast", "Cr Cy Orme"]


def test_empty_apologies_label_before_another_label():
    m = one("Meeting Minutes Ordinary Meeting 10th June 2019, Council Chamber An Cathaoirleach, Councillor Ita Rowe presided. "
            "Members Present: Councillors Ita Rowe, Jem Sallow, Kit Tobin. Apologies: Officials in Attendance: "
            "Chief Executive: Lorcan Ush Directors of Service: Mairead Vane, Niall Wick. "
            "1.0 Confirmation of Minutes The minutes were confirmed.\n")
    assert m.attendance.apologies == []


def test_unlabelled_roll_under_one_plural_title():
    m = one("Minutes of the Meeting of Orwell Town Council held on 27 April 2021 at 6:30pm by video call.\n\n\n"
            "Cllrs B Ashe, D Birch, N Cobbin-Roe, P Dunne (Deputy Mayor), M Elm, A Frith (Town Mayor),\nJ Gale and T Hume\n\n\n"
            "1 Apologies for Absence\n\nApologies were received from Cllr Ives (personal).\n")
    assert surnames(m.attendance.present) == ["Ashe", "Birch", "Cobbin-Roe", "Dunne", "Elm", "Frith", "Gale", "Hume"]
    assert surnames(m.attendance.apologies) == ["Ives"]


def test_apologies_intimated_by():
    m = one("Arnvale Council - Thursday, 26 November 2015 10:00 am\n\nItems\nNo. Item\n\n1.\n\nAPOLOGIES FOR ABSENCE\n\n"
            "Minutes:\n\nApologies for absence were intimated by Councillors Dunvale, R MacAndrew and Strathy.\n\n"
            "2.\n\nDECLARATIONS OF INTERESTS\n\nMinutes:\n\nThere were none.\n")
    assert surnames(m.attendance.apologies) == ["Dunvale", "MacAndrew", "Strathy"]


# ---------------------------------------------------------------- the meeting and its body

def test_kind_of_council_meeting_held_in():
    m = one("MINUTES\n\nOrdinary Council Meeting held in the Council Chambers, Varrow on Wednesday 9 June 2021 commencing at 6.00pm.\n\n"
            "PRESENT\n\nCouncillors Ada Mell, Bo Nast (Mayor) and Cy Orme.\n\n1 APOLOGIES\n\nNil\n")
    assert m.committee == "Ordinary Council Meeting"


def test_the_last_full_council_is_no_body():
    from kg.segment.body import body_of
    assert body_of("MINUTES OF A MEETING OF FULL COUNCIL HELD ON 20 SEPTEMBER 2017\n\n"
                   "1359 MINUTES OF THE LAST FULL COUNCIL MEETING\nRESOLVED: The minutes were confirmed.\n") is None


def test_others_named_in_a_were_also_present_sentence():
    m = one("MINUTES OF A MEETING OF FULL COUNCIL HELD ON WEDNESDAY 20th SEPTEMBER 2017 AT 7PM\n\n"
            "PRESENT: Cllr A Bray (Mayor) Cllr B Colm Cllr C Dent\n\nAPOLOGIES: Cllr D Eade\n\n"
            "The Town Clerk and Deputy Town Clerk were in attendance. Mr F Gale, Link Officer, was in attendance.\n"
            "The Clerk, Mrs. L.M. Hart, and a member of the public were also present.\n"
            "Cllr G Hume was present as a substitute for Cllr D Eade.\n\n"
            "1358 DECLARATIONS OF INTEREST\n\nNone.\n")
    assert [r.name for r in m.attendance.in_attendance] == ["Mr F Gale", "Mrs. L.M. Hart"]


def test_name_comma_post_a_line():
    m = one("MINUTES OF THE MEETING OF THE MUNICIPAL DISTRICT OF BRENNOCK HELD IN COUNCIL CHAMBERS ON FRIDAY 13TH JUNE 2014 AT 2.00PM\n"
            "Present:\nCllrs J Abbot, P Birne and M Carey.\nIn attendance:\nP Dunne, Brennock Area Engineer,\n"
            "R Egan, Director of Services\nT Fahy, Meetings Administrator\nVote of Sympathy\n"
            "A vote of sympathy was passed by the members.\n1. Election of Cathaoirleach\nCllr Abbot was elected.\n")
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("P Dunne", "Brennock Area Engineer"), ("R Egan", "Director of Services"), ("T Fahy", "Meetings Administrator")]


def test_apology_named_before_a_dash_and_a_note():
    m = one("Minutes of the Annual Meeting of Brindle Parish Council held in the Village Hall on Wednesday 15 May 2019, 7pm\n"
            "Present: Councillors: L Marsh, J Steyne, K Jury\n"
            "1. | Election of Chairman:\nCllr Jury was elected Chairman unopposed. |\n"
            "2. | Apologies for Absence:\nCllr Pelham – it was agreed that Cllr Pelham sign the Declaration of Acceptance "
            "of Office at the next meeting. |\n3. | Disclosure of Interests:\nNone. |\n")
    assert surnames(m.attendance.apologies) == ["Pelham"]


def test_posts_written_before_the_names():
    m = one(INFOCOUNCIL.replace("Chief Executive Rowan Astley and Committee Advisor Petra Lumm.",
                                "Chief Executive Rowan Astley, Group Manager Parks and Reserves Ivan Moss, "
                                "Chief Financial Officer Una Rudge and Committee Advisor Petra Lumm."))
    assert [(r.name, r.post) for r in m.attendance.in_attendance] == [
        ("Rowan Astley", "Chief Executive"), ("Ivan Moss", "Group Manager Parks and Reserves"),
        ("Una Rudge", "Chief Financial Officer"), ("Petra Lumm", "Committee Advisor")]


def test_year_range_before_the_item_code():
    m = one("Agenda and minutes\n\nVenue: Marlbeck Fire Station, Lecture Theatre\n\nItems\nNo. Item\n\n"
            "21-22/FRA/1\n\nElection of Chair 2021/22\n\nMinutes:\n\nRESOLVED:\n\nThat Councillor J Tarrow be elected Chair.\n\n"
            "21-22/FRA/2\n\nApologies\n\nMinutes:\n\nAn apology for absence was received from Councillor R Wendle.\n\n"
            "21-22/FRA/3\n\nCommunications\n\nMinutes:\n\nThe Chief Fire Officer reported on recent events.\n")
    assert [(i.number, i.title) for i in m.items] == [("21-22/FRA/1", "Election of Chair 2021/22"),
                                                      ("21-22/FRA/2", "Apologies"), ("21-22/FRA/3", "Communications")]


def test_county_cllrs_before_a_list_title_every_name():
    m = one("Minutes of a meeting of the Fenwater Highways Committee held on 4 March 2024 at 10am\n\n"
            "Present: County Cllrs A Marlow (Chair), B Penn and C Quist\n\n1. Apologies\n"
            "Apologies were received from County Cllrs D Rowe and E Soto.\n\n2. Road repairs\n"
            "RESOLVED: That the report be noted.\n")
    assert surnames(m.attendance.present) == ["Marlow", "Penn", "Quist"]
    assert surnames(m.attendance.apologies) == ["Rowe", "Soto"]
