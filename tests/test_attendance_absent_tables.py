"""Attendance shapes a probe of real minutes of councils outside the development set found read
wrongly, written here with invented councils, people and business: members listed as absent
without apology ("Absent:", "Councillors not present:"), apologies written inline without commas,
and in-attendance tables of a name, a post and an organisation."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment

HEAD = "Minutes of a meeting of Quillby Town Council held on Tuesday 4 March 2025 at 7.00 pm in the Corn Exchange.\n\n"
TAIL = "\n\n1. Declarations of Interest\n\nThere were none.\n\n2. Minutes\n\nRESOLVED: That the minutes be approved.\n"


def one(body: str):
    [m] = segment(Document(path="x.txt", file_name="x.txt", text=HEAD + body + TAIL, sha256="0" * 64, fmt="text"))
    return m


def surnames(refs) -> list[str]:
    return [r.name.split()[-1] for r in refs]


# ---------------------------------------------------------------- absent without apology

@pytest.mark.parametrize("body", [
    "Present: Cllr A Pell (Chair), Cllr B Rusk, Cllr C Tarn\n\nApologies: Cllr D Voss\n\nAbsent: Cllr E Wick\n",
    "PRESENT: Councillors A Pell (Chairman), B Rusk and C Tarn\nMEMBERS ABSENT: Councillor E Wick\nAPOLOGIES: Councillor D Voss\n",
    "Present:\nCllr A Pell (Chair)\nCllr B Rusk\nCllr C Tarn\nNot present:\nCllr E Wick\nApologies:\nCllr D Voss\n",
    "Present: Cllr A Pell (Chair), Cllr B Rusk, Cllr C Tarn. Not present: Cllr E Wick. Apologies: Cllr D Voss.\n",
    "Councillors present: Cllr A Pell (Chair), Cllr B Rusk, Cllr C Tarn\nCouncillors not present: Cllr E Wick\n"
    "Apologies: Cllr D Voss\n",
    "Members present: Cllr A Pell (Chair), Cllr B Rusk, Cllr C Tarn\nAbsent without apology: Cllr E Wick\n"
    "Apologies: Cllr D Voss\n",
])
def test_absent_members_are_neither_present_nor_apologies(body):
    a = one(body).attendance
    assert surnames(a.present) == ["Pell", "Rusk", "Tarn"]
    assert a.chair is not None and surnames([a.chair]) == ["Pell"]
    assert surnames(a.apologies) == ["Voss"]
    assert "Wick" not in surnames(a.in_attendance)


def test_absent_label_ends_the_present_list_and_the_others_still_read():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk, Cllr C Tarn\nAbsent: Cllr E Wick, Cllr F Yate\n"
            "In attendance: Mrs H Orme (Town Clerk)\n").attendance
    assert surnames(a.present) == ["Pell", "Rusk", "Tarn"]
    assert a.apologies == []
    assert [(r.name, r.post) for r in a.in_attendance] == [("Mrs H Orme", "Town Clerk")]


def test_absent_with_apologies_is_apologies():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\nAbsent with apologies: Cllr D Voss\n").attendance
    assert surnames(a.apologies) == ["Voss"]


# ---------------------------------------------------------------- apologies inline

@pytest.mark.parametrize("body", [
    "Present: Cllr A Pell (Chair), Cllr B Rusk\n\n1. Apologies\n\nApologies for absence were received from Councillors D. Voss and E. Wick.",
    "Present: Cllr A Pell (Chair), Cllr B Rusk\n\nApologies: Cllr Voss Cllr Wick\n",
    "Present: Cllr A Pell (Chair), Cllr B Rusk\n\n1. Apologies\n\nApologies were received from Cllrs Voss and Wick.",
    "Present: Cllr A Pell (Chair), Cllr B Rusk\n\nApologies: Cllr D Voss Cllr E Wick\n",
    "Present: Cllr A Pell (Chair), Cllr B Rusk\n\n1. Apologies\n\nApologies were received from Councillor Voss and Councillor Wick.",
])
def test_apologies_written_inline(body):
    a = one(body).attendance
    assert surnames(a.apologies) == ["Voss", "Wick"]
    assert surnames(a.present) == ["Pell", "Rusk"]


# ---------------------------------------------------------------- in-attendance tables

@pytest.mark.parametrize("table", [
    "| Name | Post | Organisation |\n|---|---|---|\n| Helen Orme | Town Clerk | Quillby Town Council |\n"
    "| Jon Kettle | Project Manager | Fallow Housing Trust |\n",
    "| Name | Role |\n| Helen Orme | Town Clerk |\n| Jon Kettle | Project Manager |\n",
    "Helen Orme | Town Clerk | Quillby Town Council\nJon Kettle | Project Manager | Fallow Housing Trust\n",
    "| Helen Orme | Town Clerk | Quillby Town Council |\n| Jon Kettle | Project Manager | Fallow Housing Trust |\n",
])
def test_in_attendance_table_gives_people_with_posts(table):
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\nIn attendance:\n" + table).attendance
    assert surnames(a.present) == ["Pell", "Rusk"]  # the list above the table is kept
    assert surnames([a.chair]) == ["Pell"]
    assert [(r.name, r.post) for r in a.in_attendance] == [("Helen Orme", "Town Clerk"), ("Jon Kettle", "Project Manager")]


def test_in_attendance_table_label_in_its_first_row():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\n| In attendance | | |\n"
            "| Helen Orme | Town Clerk | Quillby Town Council |\n| Jon Kettle | Project Manager | Fallow Housing Trust |\n").attendance
    assert surnames(a.present) == ["Pell", "Rusk"]
    assert [(r.name, r.post) for r in a.in_attendance] == [("Helen Orme", "Town Clerk"), ("Jon Kettle", "Project Manager")]


def test_members_table_with_roles_is_still_present():
    a = one("| Name | Role |\n| Cllr A Pell | Chair |\n| Cllr B Rusk | Member |\n| Helen Orme | Town Clerk |\n").attendance
    assert surnames(a.present) == ["Pell", "Rusk"]
    assert [(r.name, r.post) for r in a.in_attendance] == [("Helen Orme", "Town Clerk")]


@pytest.mark.parametrize("absent", [
    "Absent: Cllr D Voss (apologies), Cllr E Wick\n",
    "Absent:\nCllr D Voss - apologies received\nCllr E Wick\n",
    "Absent: Cllr D Voss (apologies sent), Cllr E Wick (no apologies received)\n",
])
def test_absent_list_noting_apologies_gives_only_those_apologies(absent):
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n" + absent).attendance
    assert surnames(a.present) == ["Pell", "Rusk"]
    assert surnames(a.apologies) == ["Voss"]


def test_rows_of_name_and_role_under_present_not_attended_and_apologies():
    a = one("PRESENT\nAnn Pell | Chair\nBen Rusk | Member\nNOT ATTENDED\nEd Wick | Member\n"
            "APOLOGIES\nDee Voss | Member\n").attendance
    assert surnames(a.present) == ["Pell", "Rusk"]
    assert surnames([a.chair]) == ["Pell"]
    assert surnames(a.apologies) == ["Voss"]


def test_in_attendance_rows_of_name_and_organisation_give_no_organisation_as_a_person():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\nIn attendance:\n| Name | Organisation |\n"
            "| Jon Kettle | Fallow Housing Trust |\n| Sue Marl | Quillby Rail Users Group |\n").attendance
    assert [(r.name, r.post) for r in a.in_attendance] == [("Jon Kettle", None), ("Sue Marl", None)]


def test_in_attendance_rows_with_and_without_a_post():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\nIn attendance:\n"
            "Helen Orme | Town Clerk | Quillby Town Council\nJon Kettle | Fallow Housing Trust\n").attendance
    assert [(r.name, r.post) for r in a.in_attendance] == [("Helen Orme", "Town Clerk"), ("Jon Kettle", None)]


def test_apologies_with_a_title_inside_a_run_of_names():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\nApologies were received from Mrs D Voss Mr E Wick\n").attendance
    assert [r.name for r in a.apologies] == ["Mrs D Voss", "Mr E Wick"]


def test_apologies_for_lateness_are_no_apologies_for_absence():
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk, Cllr F Yate, Cllr G Zell\n\n1. Apologies\n\n"
            "There were apologies for absence from Councillors Dee Voss (due to civic business), and Ed Wick; "
            "and for lateness from Councillors F Yate and G Zell.\n").attendance
    assert surnames(a.apologies) == ["Voss", "Wick"]
    a = one("Present: Cllr A Pell (Chair), Cllr B Rusk\n\n1. Apologies\n\n"
            "Apologies for absence were received from Cllr D Voss. Apologies for lateness were received from Cllr G Zell.\n").attendance
    assert surnames(a.apologies) == ["Voss"]
