"""Declarations of interest in every wording councils use, with invented names and bodies
(Fenwater District Council), and on the seeds' minutes when ../shared is beside the clone."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.segment.declarations import declarations_in

SHARED = Path(__file__).resolve().parents[2] / "shared"


def declared(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    found = declarations_in(text, 0, len(text), title)
    for d in found:  # every span points into the text
        assert d.by is not None and text[d.by.span.start:d.by.span.end] in d.by.name
        assert d.span.start <= d.by.span.start < d.by.span.end <= d.span.end
    return [(d.by.name, d.interest) for d in found]


def test_one_member_declares_a_kind_of_interest_and_where():
    text = ("Councillor Ann Marlow declared a personal interest in Item 9 as a governor of "
            "Fenwater Primary School.\nCllr Dace declared a disclosable pecuniary interest in Item 4 and left the room.")
    found = declarations_in(text, 0, len(text), "Declarations of Interest")
    assert [(d.by.name, d.interest) for d in found] == [("Councillor Ann Marlow", "personal"),
                                                        ("Cllr Dace", "disclosable pecuniary")]
    where = found[0].interest_in
    assert text[where.start:where.end] == "Fenwater Primary School"
    assert found[0].text.endswith("Fenwater Primary School.")


def test_declared_that_he_was_a_member_of():
    text = "Minutes:\n\nCouncillor Peter Fenn declared that he was a Member of the Court of Fenwater College.\n"
    assert declared(text, "DECLARATIONS OF INTEREST") == [("Councillor Peter Fenn", None)]


def test_other_registrable_and_stated_that_she_had():
    text = ("Cllr Rowe declared an other registrable interest in Item 6.\n"
            "Councillor Hale stated that she had a non-pecuniary interest in a grant application, in so far as her children attend the school.")
    assert declared(text, "Declarations of Interest") == [("Cllr Rowe", "other registrable"),
                                                          ("Councillor Hale", "non-pecuniary")]


def test_a_list_of_councillors_each_declares():
    text = ("County Councillors B Ashby, PE Lowe, K Roberts-Penn and TJ Van-Holt declared personal, non-pecuniary "
            "interests in the amendment on the budget. County Councillor M Ashby declared a personal and prejudicial "
            "interest in the item on schools.")
    assert declared(text) == [("Councillor B Ashby", "personal, non-pecuniary"),
                              ("Councillor PE Lowe", "personal, non-pecuniary"),
                              ("Councillor K Roberts-Penn", "personal, non-pecuniary"),
                              ("Councillor TJ Van-Holt", "personal, non-pecuniary"),
                              ("County Councillor M Ashby", "personal and prejudicial")]


def test_initials_and_honorifics_in_one_list():
    text = "Councillors V.W. Marsh and Mrs R. Dell declared personal interests in item 10 Appointments to the Board."
    assert [n for n, _ in declared(text)] == ["Councillor V.W. Marsh", "Mrs R. Dell"]


def test_the_following_members_over_a_line_of_names():
    text = ("The following Members declared personal interests, due to their positions as school governors:-\n\n"
            "Councillors Abel, Brook, Carr, Mr E A Dunn and Mr R Frost.\n")
    assert [n for n, _ in declared(text, "DECLARATION OF INTERESTS")] == [
        "Councillor Abel", "Councillor Brook", "Councillor Carr", "Mr E A Dunn", "Mr R Frost"]


def test_a_comma_left_out_in_a_list_of_surnames():
    text = "Conflicts of interest\nCouncillors Abel Brook, Carr and Dunn declared a conflict of interest in Item 1.\n"
    assert [n for n, _ in declared(text)] == ["Councillor Abel", "Councillor Brook", "Councillor Carr", "Councillor Dunn"]


def test_two_declarations_in_one_sentence():
    text = "Cllr Marlow declared an interest in Item 5 as a trustee of Fenwater Trust and Cllr Dace declared an interest in Item 7."
    found = declarations_in(text, 0, len(text))
    assert [d.by.name for d in found] == ["Cllr Marlow", "Cllr Dace"]
    assert text[found[0].interest_in.start:found[0].interest_in.end] == "Fenwater Trust"
    assert "Dace" not in found[0].text


def test_short_rows_re_an_item():
    text = "2617. Declarations of interest: Cllr Marlow re 2623 & Cllr Dace re 2621.\n2618. Approval of minutes: Approved.\n"
    assert [d.text for d in declarations_in(text, 0, len(text))] == ["Cllr Marlow re 2623", "Cllr Dace re 2621."]
    text = "2712. Declarations of interest: Cllrs Marlow & Dace re 2718 (FWT).\n"
    assert [n for n, _ in declared(text)] == ["Cllr Marlow", "Cllr Dace"]


def test_bulleted_rows_on_one_line():
    text = ("Apology • Councillor W Fenn. Declarations of Interest • Councillor Ann B Marlow – Item 14.1. "
            "• Councillor Joe C Dace – Item 14.1.\n\nChair • Councillor Ruth Hale, Convener.\n")
    assert [n for n, _ in declared(text)] == ["Councillor Ann B Marlow", "Councillor Joe C Dace"]


def test_rows_with_dashes_and_commas():
    text = "• Cllr Marlow – item 5 – personal\n• Ann Dace, Item 6, governor of a school.\n• Cllr Hale | 7 | Pecuniary |\n"
    assert declared(text, "Declarations of Interest") == [("Cllr Marlow", "personal"), ("Ann Dace", None),
                                                          ("Cllr Hale", "pecuniary")]


def test_a_row_of_several_members():
    text = "Councillors Marlow, Dace and Mrs Fenn – item 5 – personal\n"
    assert declared(text, "Declarations of Interest") == [("Councillor Marlow", "personal"), ("Councillor Dace", "personal"),
                                                          ("Mrs Fenn", "personal")]


def test_passive_bracketed_and_item_first():
    text = ("Declarations of interest were made by Councillors Marlow and Dace in respect of item 5.\n"
            "A personal interest was declared by Cllr Fenn (Chairman) as a member of Fenwater Trust.\n"
            "In respect of item 6, Councillor Ann Hale (Vice-Chairman) declared a pecuniary interest.\n")
    assert declared(text) == [("Councillor Marlow", None), ("Councillor Dace", None), ("Cllr Fenn", "personal"),
                              ("Councillor Ann Hale", "pecuniary")]
    text = "Item 5 – Councillor Rowe – personal\n"
    assert declared(text, "Declarations of Interest") == [("Councillor Rowe", "personal")]


def test_a_table_flattened_one_cell_a_line():
    text = ("Minutes:\n\nCouncillor\n\nMinute Number\n\nNature of Interest\n\nH.A.L. Marlow\n\n8 – Housing Company\n\n"
            "Sister is Chief Executive of Fenwater Housing Association\n\nH.A.L. Marlow\n\n17 – Homelessness Strategy\n\n"
            "Sister is Chief Executive of Fenwater Housing Association\n\nP.M. Dace\n\n18 – Renewal Policy\n\n"
            "Landlord in the private sector\n\n")
    found = declarations_in(text, 0, len(text), "DECLARATIONS OF PERSONAL INTEREST.")
    assert [(d.by.name, d.interest) for d in found] == [("H.A.L. Marlow", "personal")] * 2 + [("P.M. Dace", "personal")]
    where = found[0].interest_in
    assert text[where.start:where.end] == "Fenwater Housing Association"


def test_a_declaration_in_an_ordinary_item():
    text = ("Note: Having made a declaration, Councillor G Marlow withdrew from the meeting during consideration "
            "of this item and the Vice-Chairman took the Chair.\nThe Committee considered a report.")
    assert declared(text, "Land at Fen Lane") == [("Councillor G Marlow", None)]


@pytest.mark.parametrize("text", [
    "No declarations of interest were made.",
    "There were no declarations of interest reported at the meeting.",
    "None.",
    "There were no declarations of disclosable pecuniary interests and personal or personal and prejudicial interests.",
    "Members who were district or borough councillors declared an interest.",
    "The Chairman reminded Members that, in line with the Code of Conduct, any Declarations of Interest should be "
    "declared immediately prior to the item in question.",
    "The Chairman invited members who wished to do so to declare any interest in respect of items on the agenda.",
])
def test_none_declared(text):
    assert declared(text, "Declarations of Interest") == []


def test_not_a_declaration_outside_its_item():
    text = ("Cllr Hale expressed an interest in formally opening the trim trail.\n"
            "Councillor Marlow declared the meeting open.\nThe Chair declared the motion carried.\n"
            "Submitted – The Minutes of the meeting held on 11 February.\nResolved – That the minutes be approved.")
    assert declared(text) == []
    assert declared(text, "Declarations of Interest") == []


def test_a_head_section_found_in_the_whole_text():
    text = ("Minutes of a meeting of the Fenwater District Council\n1. Apologies\nApologies were received from Cllr Hale.\n"
            "2. Declarations of Interest\nCllr Marlow – Item 5.\n3. Minutes\nCllr Dace – minutes approved.\n")
    assert [n for n, _ in declared(text)] == ["Cllr Marlow"]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the seeds are not beside the clone")
def test_the_seeds_declarations():
    from kg.ingest import read_document
    from kg.segment import clean_view
    names = []
    for path in sorted((SHARED / "seeds").iterdir()):
        doc = read_document(str(path))
        text = clean_view(doc.text, doc.fmt)
        names += [d.by.name for d in declarations_in(text, 0, len(text))]
    assert len(names) == 2 and all(n.startswith("Mr ") and n.endswith(" CC") for n in names)
