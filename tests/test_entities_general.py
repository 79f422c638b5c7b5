"""Outside organisations and the council's own services in any council's wording (issue 17,
points 1 and 6). Invented councils, bodies and people in the shapes real minutes use."""
from __future__ import annotations

import pytest

from extractors import load_pipeline
from extractors.mentions import make_doc
from extractors.organisations import home_council


def _found(text: str, label: str, body: str | None = None) -> set[str]:
    nlp = load_pipeline()
    doc = make_doc(nlp, text)
    if body:
        doc.user_data["mkg_body"] = body
    doc = nlp(doc)
    return {s._.mkg_norm for s in doc.spans["mkg_mentions"] if s.label_ == label}


def test_home_council_from_the_heading():
    assert home_council("FENWATER COMMUNITY COUNCIL\nMinutes of a meeting of the above Council held on ...") \
        == "Fenwater Community Council"
    assert home_council("Minutes of Special Meeting of the Northmoor Council held in the Chamber") == "Northmoor Council"
    assert home_council("Agenda and minutes\nPlanning Committee - Tuesday 3 May 2022\nVenue: Town Hall") is None


def test_other_councils_are_organisations_the_home_council_is_not():
    text = ("Apologies were received from Councillors A. Marlow (Eastfold County Council) and B. Quist.\n"
            "The Clerk of Westbrook Town Council had written. Fenwater Community Council noted the letter. "
            "Notification was received from EDC about the road closure.")
    found = _found(text, "ORG", body="Fenwater Community Council")
    assert {"Eastfold County Council", "Westbrook Town Council", "EDC"} <= found
    assert "Fenwater Community Council" not in found
    assert not any(f.startswith("Clerk") for f in found)


def test_heads_of_civic_bodies_and_legal_forms():
    text = ("Visits were made to Brackenfield School. Her sister is Chief Executive of Tollwick Housing Association.\n"
            "The External Auditors Pellow and Strand LLP presented the report. Marsh Water have completed the works. "
            "The St Aldwyn’s Church roof appeal was noted. The Fenwater Climate Working Group met.")
    found = _found(text, "ORG", body="Fenwater Town Council")
    assert {"Brackenfield School", "Tollwick Housing Association", "Pellow and Strand LLP", "Marsh Water"} <= found
    assert "St Aldwyn's Church" in found or "St Aldwyn’s Church" in found
    assert not any("Working Group" in f or f.startswith(("Chief", "External")) for f in found)


def test_context_cues_and_acronyms():
    text = ("Two representatives from KVLP attended. Ms Orla Penn from Saltmarsh Futures spoke. "
            "Councillor Dent declared an interest as manager of Greyfield Aid.\n"
            "Mr Tom Avery - Harlow Brandt\n"
            "Friends of Copse Meadow are seeking funding for benches.")
    found = _found(text, "ORG", body="Fenwater Town Council")
    assert {"KVLP", "Saltmarsh Futures", "Greyfield Aid", "Harlow Brandt", "Friends of Copse Meadow"} <= found


def test_payees_in_accounts_for_payment():
    text = "Accounts for payment:-\nCopperfield Waste - £30 (Ch. No. 1001)\nClerk’s Salary - £300\nJ Smith - £20\n"
    found = _found(text, "ORG", body="Fenwater Community Council")
    assert "Copperfield Waste" in found
    assert not any("Salary" in f or "Smith" in f for f in found)


def test_services_in_posts_and_officer_lists():
    text = ("Officers in attendance: Ann Bell (Housing & Estates), Carl Dunn (Housing & Estates)\n\n"
            "ATTENDING: Jo Hale, Team Leader, Revenue & Benefits Service; Lee Marr, Head of Building Control.\n\n"
            "A statement was read by the Area Manager – Development Control.\n"
            "Mr Ray Cole, Community Safety Services Manager, was present.")
    found = _found(text, "SERVICE")
    assert {"Housing & Estates", "Revenue & Benefits Service", "Building Control", "Development Control",
            "Community Safety Services"} <= found
    assert not any(f.startswith(("Leader", "Team Leader")) for f in found)


def test_services_with_a_year_and_no_general_services():
    found = _found("The Road Repairs Programme 2024 was agreed. Children's Services were thanked.", "SERVICE")
    assert "Road Repairs Programme 2024" in found
    assert "Children's Services" not in found


def test_a_working_group_and_a_venue_word_are_not_bodies():
    found = _found("The Task and Finish Group met in the Council Chamber. Full Council agreed.", "ORG",
                   body="Fenwater Borough Council")
    assert not found


@pytest.mark.parametrize("text", ["", "Council", "from the", "Mr A - B", "£", "Head of", "(ABC)"])
def test_never_crashes_on_fragments(text):
    _found(text, "ORG")
    _found(text, "SERVICE")
