"""kg.segment.attendance: attendance sections of any council's minutes (invented names, real shapes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.segment.attendance import apologies_in, chair_in, read_attendance


def _names(refs):
    return [r.name for r in refs]


def _att(text: str):
    att = read_attendance(text, 0, len(text))
    for ref in att.present + att.in_attendance + att.apologies + att.substitutes:
        assert text[ref.span.start:ref.span.end].strip(), ref  # every span points at the name
    return att


def test_inline_present_with_chair_and_officers_one_a_line():
    text = ("Attendance Details\n\nPresent:\nCouncillor Ann Marlow (Chairman), Councillor Bob Tarrant (Vice-Chairman), "
            "Councillor Mrs C.D. Fenn and Councillor Dan Ebb.\nIn attendance:\nEve Rook - Strategic Director of Finance, "
            "Policy and Governance\nFay Quill - Audit Manager\nAlso Present:\nMr Gil Hart - Fenwater Audit LLP\n"
            "Item Description/Decision\n1 APOLOGIES\n")
    att = _att(text)
    assert _names(att.present) == ["Councillor Ann Marlow", "Councillor Bob Tarrant", "Councillor Mrs C.D. Fenn",
                                   "Councillor Dan Ebb"]
    assert att.chair.name == "Councillor Ann Marlow"
    assert _names(att.in_attendance) == ["Eve Rook", "Fay Quill", "Mr Gil Hart"]
    assert att.in_attendance[0].post == "Strategic Director of Finance, Policy and Governance"
    assert att.in_attendance[0].role == "officer"


def test_a_body_after_a_dash_is_no_post():
    text = ("In Attendance.\nMr. A. B. Marlow OBE CC – Lead Member for Children and Young People\n"
            "Detective Chief Inspector Cora Fenn – Northmoor Police\nMr Dan Ebb - Fenwater Audit LLP\n\n")
    att = _att(text)
    assert [(r.name, r.post) for r in att.in_attendance] == [
        ("Mr. A. B. Marlow OBE CC", "Lead Member for Children and Young People"),
        ("Detective Chief Inspector Cora Fenn", None), ("Mr Dan Ebb", None)]


def test_plural_titles_surnames_and_a_county_councillor():
    text = ("Present: Cllrs Marlow (in the chair), Tarrant, Fenn, County Cllr Ebb & the Clerk.\n"
            "2709. Police Report: none.\n")
    att = _att(text)
    assert _names(att.present) == ["Cllr Marlow", "Cllr Tarrant", "Cllr Fenn"]
    assert att.chair.name == "Cllr Marlow"
    assert _names(att.in_attendance) == ["County Cllr Ebb"]
    assert "Ebb" == text[att.in_attendance[0].span.start:att.in_attendance[0].span.end].split()[-1]


def test_chairman_prefix_and_members_of_the_public_stop_the_list():
    text = "Present: Chairman Cllr Mrs Marlow, Cllrs Tarrant, Fenn & Rook. Members of the public – Mr & Mrs Hart.\n"
    att = _att(text)
    assert att.chair.name == "Cllr Mrs Marlow"
    assert _names(att.present) == ["Cllr Mrs Marlow", "Cllr Tarrant", "Cllr Fenn", "Cllr Rook"]


def test_post_with_name_in_brackets_and_messrs():
    text = ("PRESENT IN THE CHAIR: Councillor A. Marlow.\n\nMEMBERS PRESENT:\n\nCouncillors Tarrant, Fenn, O'Rook.\n\n"
            "OFFICIALS IN ATTENDANCE:\n\nDirector of Roads (Mr. B. Quill), Senior Engineer (Messrs. C. Hart and D. Ebb).\n\n"
            "At the outset it was agreed to take Item 2 first.\n")
    att = _att(text)
    assert att.chair.name == "Councillor A. Marlow"
    assert _names(att.present) == ["Councillor A. Marlow", "Councillor Tarrant", "Councillor Fenn", "Councillor O'Rook"]
    assert _names(att.in_attendance) == ["Mr. B. Quill", "Mr C. Hart", "Mr D. Ebb"]
    assert att.in_attendance[1].post == "Senior Engineer"


def test_name_comma_post_runs_with_semicolons_wrapped():
    text = ("PRESENT:\nCouncillors Ann Marlow (Chair), Bob Tarrant and Cora Fenn.\nATTENDING:\n"
            "Dan Ebb, Chief Executive; Eve Rook, Executive Director \n(Housing); Fay Quill, Committee Manager \n"
            "and Gil Hart, Committee Administrator, Law & Administration \nService.\n"
            "APOLOGY \nFOR ABSENCE:\n  Councillor Hal Ormsby.\n\n1. \nWELCOME\n")
    att = _att(text)
    assert _names(att.present) == ["Councillor Ann Marlow", "Councillor Bob Tarrant", "Councillor Cora Fenn"]
    assert _names(att.in_attendance) == ["Dan Ebb", "Eve Rook", "Fay Quill", "Gil Hart"]
    assert att.in_attendance[3].post == "Committee Administrator, Law & Administration Service"
    assert _names(att.apologies) == ["Councillor Hal Ormsby"]


def test_initials_columns_and_in_attendance_after_a_count_of_the_public():
    text = ("Present: Ann Marlow AM Bob Tarrant BT\nCora Fenn (FDC) CF Dan Ebb DE\n"
            "In Attendance: Three members of the public\nPCSOs Eve Rook and Fay Quill\n"
            "The Meeting was Chaired by Ann Marlow.\nItems Action\n1. Police Report\n")
    att = _att(text)
    assert _names(att.present) == ["Ann Marlow", "Bob Tarrant", "Cora Fenn", "Dan Ebb"]
    assert [n.split()[-1] for n in _names(att.in_attendance)] == ["Rook", "Quill"]
    assert att.chair.name == "Ann Marlow"


def test_bulleted_sections_on_one_line_and_a_chair_label():
    text = ("Present Councillors J Ann Marlow, Bob G Tarrant and Cora Fenn.\n\nClerk • Dan Ebb, Head of Legal Services. "
            "In Attendance • Eve Rook, Chief Executive (for Items 1 to 3). Observing • Fay Quill, Press Officer. "
            "Apology • Councillor Gil Hart. Declarations of Interest • Councillor Cora Fenn – Item 4.\n\n"
            "Chair • Councillor J Ann Marlow, Convener.\n\n1. Urgent Item\n")
    att = _att(text)
    assert _names(att.present) == ["Councillor J Ann Marlow", "Councillor Bob G Tarrant", "Councillor Cora Fenn"]
    assert _names(att.in_attendance) == ["Dan Ebb", "Eve Rook", "Fay Quill"]
    assert att.in_attendance[1].post == "Chief Executive"
    assert _names(att.apologies) == ["Councillor Gil Hart"]
    assert att.chair.name.endswith("Marlow")


def test_marked_grids():
    pa = ("Councillors:\n\nP  Ann Marlow (Chairman)\nP  Bob Tarrant\nA  Cora Fenn\n"
          "P   Dan Ebb (substitute for Cora Fenn)\n\nP: Present\nA: Apologies for absence submitted\n")
    att = _att(pa)
    assert _names(att.present) == ["Ann Marlow", "Bob Tarrant", "Dan Ebb"]
    assert _names(att.apologies) == ["Cora Fenn"] and _names(att.substitutes) == ["Dan Ebb"]
    stars = ("Members in attendance\n\n* Denotes attendance\nØ Denotes apology for absence\n\n"
             "* Cllr  A Marlow – The Mayor (In The Chair)\n\n*\nCllr B Tarrant\nØ\nCllr C Fenn\n*\nCllr D Ebb\n")
    att = _att(stars)
    assert _names(att.present) == ["Cllr A Marlow", "Cllr B Tarrant", "Cllr D Ebb"]
    assert _names(att.apologies) == ["Cllr C Fenn"]
    assert att.chair.name == "Cllr A Marlow"


def test_two_marks_on_one_line_are_for_the_two_names_under_it():
    text = ("Members in attendance\n\n* Denotes attendance\nØ Denotes apology for absence\n\n"
            "* Cllr A Marlow – The Mayor (In The Chair)\n\n*\nCllr B Tarrant\n\nØ *\n\nCllr C Fenn\n\nCllr D Ebb\n\n"
            "*\n\n Cllr E Rook\n")
    att = _att(text)
    assert _names(att.present) == ["Cllr A Marlow", "Cllr B Tarrant", "Cllr D Ebb", "Cllr E Rook"]
    assert _names(att.apologies) == ["Cllr C Fenn"]


def test_attendance_table_with_its_rule_blanked():
    text = ("| Attendee | Role | Attendance | Attendance comment  \n                 \n"
            "| Councillor Ann Marlow | Member | Present |  \n| Bob Tarrant | Officer | Present |  \n"
            "| Councillor Cora Fenn | Member | Expected |  \n")
    att = _att(text)
    assert _names(att.present) == ["Councillor Ann Marlow"] and _names(att.in_attendance) == ["Bob Tarrant"]


def test_attendance_table():
    text = ("| Attendee | Role | Attendance | Attendance comment |\n|---|---|---|---|\n"
            "| Councillor Ann Marlow | Member | Present | |\n| Bob Tarrant | Officer | Present | |\n"
            "| Councillor Cora Fenn | Member | Apologies | |\n| Councillor Dan Ebb | Member | Expected | |\n")
    att = _att(text)
    assert _names(att.present) == ["Councillor Ann Marlow"]
    assert _names(att.in_attendance) == ["Bob Tarrant"] and att.in_attendance[0].role == "officer"
    assert _names(att.apologies) == ["Councillor Cora Fenn"]


def test_roll_call_without_a_label_and_in_the_chair_line():
    text = ("Minutes of Special Meeting of the Fenwater Council held on Thursday, 4 May 2017.\n\n"
            "Dr A Marlow, Mr B Tarrant, Mrs C Fenn, Miss D Ebb, Ms E Rook, Mr F Quill\n\n"
            "In Attendance:\n\nChief Executive\nDirector of Finance\n\nMs E Rook in the Chair\n\n2. Declarations\n")
    att = _att(text)
    assert len(att.present) == 6 and att.in_attendance == []
    assert att.chair.name == "Ms E Rook"


def test_list_shapes_without_separators_or_with_posts_first():
    text = ("Present: Councillor Ann Marlow (Chair) Tarrant (Joint Deputy Chair), Fenn (Opposition Spokesperson), "
            "Ebb and Rook\n\nIn Attendance: Three members of the public\nPCSOs Fay Quill and Gil Hart\n")
    att = _att(text)
    assert _names(att.present) == ["Councillor Ann Marlow", "Councillor Tarrant", "Councillor Fenn", "Councillor Ebb",
                                   "Councillor Rook"]
    assert att.present[1].post is None
    assert [(r.name, r.post) for r in att.in_attendance] == [("Fay Quill", "PCSO"), ("Gil Hart", "PCSO")]


def test_a_county_councillor_after_a_chairman_prefix_is_in_attendance():
    text = "Present: Chairman Cllr Mrs Marlow, Cllrs Tarrant, Fenn & Rook, County Cllr Ebb & the Clerk.\n"
    att = _att(text)
    assert _names(att.present) == ["Cllr Mrs Marlow", "Cllr Tarrant", "Cllr Fenn", "Cllr Rook"]
    assert _names(att.in_attendance) == ["County Cllr Ebb"]


def test_run_on_names_and_prose_attendance():
    text = ("Present: Ann Marlow Bob Tarrant Cora Fenn Dan Ebb In Attendance: Eve Rook, Interim Chief Executive, "
            "FNPA Fay Quill, Policy & Projects Apologies: Gil Hart\n")
    att = _att(text)
    assert _names(att.present) == ["Ann Marlow", "Bob Tarrant", "Cora Fenn", "Dan Ebb"]
    assert _names(att.in_attendance) == ["Eve Rook", "Fay Quill"]
    prose = ("Chair Ann Marlow called the meeting to order at 6:30 pm. Board members present were supervisors Ann "
             "Marlow, Bob Tarrant, and clerk Cora Fenn.  Also present were Dan Ebb and Eve Rook.\n")
    att = _att(prose)
    assert _names(att.present) == ["Ann Marlow", "Bob Tarrant", "Cora Fenn"]
    assert _names(att.in_attendance) == ["Dan Ebb", "Eve Rook"]
    assert att.chair.name == "Ann Marlow"


@pytest.mark.parametrize("body, expected", [
    ("Apologies for absence were received from Councillors A. Marlow, B.C. Tarrant and Mrs. C. Fenn.",
     ["Councillor A. Marlow", "Councillor B.C. Tarrant", "Mrs. C. Fenn"]),
    ("An apology for absence was received from Councillor D Ebb.", ["Councillor D Ebb"]),
    ("Apologies: Cllr Rook", ["Cllr Rook"]),
    ("Apologies had been received from Cllr Quill and Cllr Hart attended as substitute.", ["Cllr Quill"]),
    ("52 Apologies for Absence\nCllrs Ormsby, Marlow and Fenn.\nCommittee resolved to note the apologies.",
     ["Cllr Ormsby", "Cllr Marlow", "Cllr Fenn"]),
    ("Apologies were received from Ann Marlow and Bob Tarrant who was substituted by Cora Fenn.",
     ["Ann Marlow", "Bob Tarrant"]),
    ("To receive any apologies for absence from the meeting.", []),
    (": Cllr Marlow, Tarrant, Fenn.\n2712. Declarations of interest: none.", ["Cllr Marlow", "Cllr Tarrant", "Cllr Fenn"]),
    ("Apologies Ann Marlow, Cllrs Tarrant and Fenn, Dan Ebb MP, and Eve Rook\n",
     ["Ann Marlow", "Cllr Tarrant", "Cllr Fenn", "Dan Ebb MP", "Eve Rook"]),
    ("Ann Marlow (AM) | Bob Tarrant (BT) | Cora Fenn (CF)\nDan Ebb (DE) | Eve Rook (ER\nFNP = Fenwater Plan\n"
     "Points discussed | Action Who\n", ["Ann Marlow", "Bob Tarrant", "Cora Fenn", "Dan Ebb", "Eve Rook"]),
    ("Executive Members: Councillors A. Marlow and B. Tarrant.\n\nNon-Executive Members: Councillors C.D. Fenn and "
     "D. Ebb.\n\nCouncillors E. Rook and F. Quill declared personal interests in item 10.\n",
     ["Councillor A. Marlow", "Councillor B. Tarrant", "Councillor C.D. Fenn", "Councillor D. Ebb"]),
])
def test_apologies_in(body, expected):
    assert _names(apologies_in(body, 0, len(body))) == expected


@pytest.mark.parametrize("text, surname", [
    ("Councillor Ann Marlow in the Chair", "Marlow"),
    ("The Meeting was Chaired by Bob Tarrant.", "Tarrant"),
    ("In the absence of the Chairman, Mrs C. Fenn CC took the Chair.", "Fenn"),
    ("RESOLVED that Mr D E Ebb be elected as Chairman for the ensuing year.", "Ebb"),
    ("RESOLVED that Mr F Quill be duly elected Vice Chair of the Panel.", None),
    ("Present: Councillor Eve Rook (Convener), Councillor Gil Hart.", "Rook"),
])
def test_chair_in(text, surname):
    ref = chair_in(text, 0, len(text))
    assert (surname in ref.name.rstrip(".").split()) if surname else ref is None


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds absent")
def test_seed_heads_read_whole():
    from kg.ingest import read_document
    from kg.segment import clean_view
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(str(path))
        text = clean_view(doc.text, doc.fmt)
        start = text.find("PRESENT")
        if start < 0:
            continue
        att = read_attendance(text, start, start + 900)
        assert att.chair is not None and att.present, path.name
        assert all(r.name.endswith("CC") or "." in r.name for r in att.present), path.name


def test_substitutes_named_in_a_sentence():
    from kg.segment.attendance import substitutes_in
    text = ("Apologies for absence were received from Mr. T. Marlow CC. Miss. R. Quill CC attended as a substitute "
            "for Mr. T. Marlow CC. Councillor Penhale was present in substitution for Councillor Ord.")
    assert [p.name for p in substitutes_in(text, 0, len(text))] == ["Miss. R. Quill CC", "Councillor Penhale"]
    assert substitutes_in("Nobody sat in anyone's place.", 0, 29) == []


def test_a_plural_label_titles_surnames_and_a_post_after_a_dash_keeps_its_and():
    text = ("Councillors Present: Marlow (Chairman), Tarrant, Fenn\n\n"
            "Also Present: Councillor D. Ebb - Portfolio Holder for Housing and Communities\n\n"
            "Apologies: Councillors Eve Rook and Fay Quill\n")
    att = _att(text)
    assert att.chair.name == "Councillor Marlow"
    assert _names(att.present) == ["Councillor Marlow", "Councillor Tarrant", "Councillor Fenn"]
    assert [(r.name, r.post) for r in att.in_attendance] == [
        ("Councillor D. Ebb", "Portfolio Holder for Housing and Communities")]
    assert _names(att.apologies) == ["Councillor Eve Rook", "Councillor Fay Quill"]


def test_a_pdftotext_column_edge_ends_a_name_and_a_table_role_is_a_post():
    text = ("Officers Present:\nA. Marlow      Head of Housing Needs\nB. Tarrant     Housing Strategy Manager\n")
    assert [(r.name, r.post) for r in _att(text).in_attendance] == [
        ("A. Marlow", "Head of Housing Needs"), ("B. Tarrant", "Housing Strategy Manager")]
    table = "Name | Role\nCouncillor Ann Marlow | Chair\nCouncillor Bob Tarrant | Member\nCora Fenn | Head of Planning\n"
    att = _att(table)
    assert att.chair.name == "Councillor Ann Marlow"
    assert [(r.name, r.post) for r in att.in_attendance] == [("Cora Fenn", "Head of Planning")]


def test_the_chair_as_irish_and_board_minutes_name_them():
    from kg.segment.attendance import chair_in
    text = "An Cathaoirleach, Councillor A Marlow presided.\n\nMembers Present: Councillors Penn and Quist.\n"
    assert chair_in(text, 0, len(text)).name == "Councillor A Marlow"
    text = "Chairperson: Ann Marlow\nPresent: Ann Marlow, Ben Penn, Cy Quist\n"
    assert chair_in(text, 0, len(text)).name == "Ann Marlow"


@pytest.mark.parametrize("text, names", [
    ("Apologies were received from Cllrs. Marlow, Penn and Quist.", ["Cllr Marlow", "Cllr Penn", "Cllr Quist"]),
    ("Apologies for absence were received from: Cllr A Marlow and Cllr B Penn.", ["Cllr A Marlow", "Cllr B Penn"]),
])
def test_apologies_after_a_stop_or_a_colon(text, names):
    from kg.segment.attendance import apologies_in
    assert [p.name for p in apologies_in(text, 0, len(text))] == names


def test_the_attendance_labels_that_open_a_meeting_are_the_attendance_vocabulary():
    """Two meetings in one document, each opening with a label of the attendance vocabulary that
    the old hand-written list of opening labels did not know ("Those Present")."""
    from kg.models import Document
    from kg.segment import segment

    def one(day: str, who: str) -> str:
        return (f"Minutes of a meeting of the Quillby Parks Committee held on {day}\n\n"
                f"Those Present: Cllr A. Varnell (Chair), Cllr B. Ostrowe, Cllr {who}\n\n"
                "1. Apologies\n\nNone were received.\n\n2. Bandstand repairs\n\nRESOLVED: that the repairs be approved.\n\n")
    text = one("3 March 2021", "C. Pennick") + one("7 April 2021", "D. Harrowgate")
    doc = Document("t.txt", "t.txt", text, "0" * 64, "text")
    dates = sorted(str(m.date) for m in segment(doc))
    assert dates == ["2021-03-03", "2021-04-07"]
