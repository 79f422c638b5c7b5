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
            "Mr Ray Cole, Community Safety Services Manager, was present. The report of the Review Manager, "
            "Legal and Member Services, Resources Directorate, was noted.")
    found = _found(text, "SERVICE")
    assert {"Housing & Estates", "Revenue & Benefits Service", "Development Control",
            "Community Safety Services", "Legal and Member Services"} <= found
    assert not any(f.startswith(("Leader", "Team Leader")) for f in found)
    assert "Building Control" not in found  # "Head of <area>": a post's area, not a named service


def test_services_of_a_portfolio_with_an_age_and_a_place():
    text = ("The following members be appointed as representatives:\n"
            "    Housing and Community Services – Councillor Ann Marlow\n"
            "    Planning and Public Protection – Councillor Ben Quist, and\n"
            "Flood Monitoring System – Cllr Dent had met the engineer.\n"
            "Work was done with the 18+ Care Leaver Service. Tom Avery, Fenwater Youth Justice Service Manager, "
            "introduced the Youth Justice Service report.")
    found = _found(text, "SERVICE")
    assert {"Housing and Community Services", "Planning and Public Protection", "18+ Care Leaver Service",
            "Youth Justice Service"} <= found
    assert not any("Flood" in f or f.startswith("Fenwater") or f == "Care Leaver Service" for f in found)


def test_someone_elses_scheme_is_no_service():
    text = ("Two pupils explained their Silver Award scheme. The Council should apply to join the "
            "Regional Priority Programme. The Park Renewal Programme was agreed.")
    found = _found(text, "SERVICE")
    assert "Park Renewal Programme" in found
    assert not any("Award" in f or "Priority" in f for f in found)
    assert not _found("Ann Bell, Manager, West & North Division (Mr B Cole) attended.", "SERVICE")


def test_services_with_a_year_and_no_general_services():
    found = _found("The Road Repairs Programme 2024 was agreed. Children's Services were thanked.", "SERVICE")
    assert "Road Repairs Programme 2024" in found
    assert "Children's Services" not in found


def test_a_working_group_and_a_venue_word_are_not_bodies():
    found = _found("The Task and Finish Group met in the Council Chamber. Full Council agreed.", "ORG",
                   body="Fenwater Borough Council")
    assert not found


def test_a_hall_or_church_as_a_place_is_no_body():
    text = ("Minutes of a meeting held at 7.00 pm in Fenwater Village Hall.\nVenue: Marlow Memorial Hall\n"
            "Scrambler bikes use the lane past St Aldwyn’s Church. Brackenfield Village Hall – the bingo went well.")
    found = _found(text, "ORG", body="Fenwater Community Council")
    assert "Brackenfield Village Hall" in found
    assert not {"Fenwater Village Hall", "Marlow Memorial Hall"} & found
    assert not any("Aldwyn" in f for f in found)


def test_people_acts_and_panels_are_no_bodies():
    text = ("Petition presented on behalf of Dan Marlow MP. Under section 137 of the LGA 1972 the grant was made.\n"
            "Moved: Cr Ann Bell Seconded: Cr Tom Dent Council adjourn for Open Forum.\n"
            "Minutes of the Northmoor Police and Crime Panel were noted. St Anne’s Court will be redeveloped "
            "in conjunction with Dan’s Corner. Fenwater CIC in school years; Children in Care (CiC) were discussed.")
    found = _found(text, "ORG", body="Fenwater Borough Council")
    assert not found, found


def test_accounts_shares_and_purchases_are_no_payees():
    text = "Accounts for payment:-\nVillage Christmas Tree - £180\nHall Room Hire - £30\nEastward - £400 Westward - £200\n"
    assert not _found(text, "ORG", body="Fenwater Community Council")


def test_grant_tables_prisons_stations_and_regional_arms():
    text = ("Organisation | Project Summary | Amount Requested | Recommendation\n"
            "Friends of Marsh Lane | New benches along the path | Eastward £300 | Approved.\n"
            "Copse Runners | Timing equipment for a weekly run | Westward £200 | Approved.\n"
            "In order to deliver this it was agreed that tools could be borrowed from the depot | Eastward £30 | ok\n"
            "Page | 2\n"
            "The young people moved from HMYOI Saltmarsh. A story ran on Radio Fenwater and BBC North West.\n"
            "The Bright Steps Project, a collaboration between two schools, and Kettle Mill & other local employers "
            "attended. The Committee approved the revised proposal from Autism Northmoor.")
    found = _found(text, "ORG", body="Fenwater Town Council")
    assert {"Friends of Marsh Lane", "Copse Runners", "HMYOI Saltmarsh", "Radio Fenwater", "BBC North West",
            "Bright Steps Project", "Kettle Mill", "Autism Northmoor"} <= found
    assert not any(f.startswith(("In order", "Page")) for f in found)


def test_upper_tier_council_longer_names_and_bare_boards():
    text = ("Forms were sent to the City Council. The Fenwater Hospital Charity is seeking funding for a ward in "
            "Fenwater Hospital. Looked after Children’s Integrated Care Board (ICB) Annual Report.")
    found = _found(text, "ORG", body="Marlow Community Council")
    assert {"City Council", "Fenwater Hospital Charity", "Integrated Care Board"} <= found
    assert "Fenwater Hospital" not in found
    assert "County Council" not in _found("The County Council agreed.", "ORG", body="Fenwater County Council")


@pytest.mark.parametrize("text", ["", "Council", "from the", "Mr A - B", "£", "Head of", "(ABC)", "Organisation |", "Organisation | a | b\n| | |", "HMP", "BBC"])
def test_never_crashes_on_fragments(text):
    _found(text, "ORG")
    _found(text, "SERVICE")


def test_a_name_after_a_context_cue_may_hold_in_but_not_run_into_a_date():
    found = _found("Mrs Dale asked whether a representative of Kestrel Friends in School would be invited.", "ORG")
    assert "Kestrel Friends in School" in found
    assert "Fenwater Trust" in _found("A representative of Fenwater Trust in March said it would help.", "ORG")
