"""Whose minutes, when no heading says: the council the text names most often is its own, of
whatever kind it is (not "any County Council"). Invented councils and people."""
from __future__ import annotations

from extractors import load_pipeline
from extractors.home import home_council, kind_named, most_named_council
from extractors.mentions import make_doc


def _orgs(text: str, body: str | None = None) -> set[str]:
    nlp = load_pipeline()
    doc = make_doc(nlp, text)
    if body:
        doc.user_data["mkg_body"] = body
    doc = nlp(doc)
    return {s._.mkg_norm for s in doc.spans["mkg_mentions"] if s.label_ == "ORG"}


PROSE = ("1. Highways\nFenwater Borough Council had resurfaced the lane. Northmoor County Council wrote about "
         "the bridge. The Borough Council would reply; FENWATER BOROUGH COUNCIL staff attended.\n")


def test_the_council_named_most_is_the_texts_own():
    assert most_named_council(PROSE) == "Fenwater Borough Council"
    assert most_named_council("Northmoor County Council wrote.") == "Northmoor County Council"
    assert most_named_council("Northmoor County Council wrote.", at_least=2) is None
    assert most_named_council("No council is named here.") is None


def test_naming_by_kind_counts_for_the_council_of_that_kind():
    text = "Eastfold Town Council met. Westbrook District Council wrote. The Town Council agreed."
    assert most_named_council(text) == "Eastfold Town Council"


def test_a_forum_called_a_council_is_not_the_home_council():
    text = "The Youth Council and the Youth Council's officers met. Westbrook District Council sent a letter."
    assert most_named_council(text) == "Westbrook District Council"


def test_home_council_falls_back_on_the_most_named():
    head = "Planning Committee\nTuesday 3 May 2022\n\n"
    assert home_council(head + PROSE) == "Fenwater Borough Council"
    assert home_council(head + "Nothing about councils.") is None


def test_a_county_council_is_another_body_when_the_text_is_another_councils():
    found = _orgs(PROSE)
    assert "Northmoor County Council" in found
    assert "Fenwater Borough Council" not in found


def test_the_home_council_by_its_kind_is_not_an_organisation():
    assert kind_named("Overview of the County Council") == "County"
    assert kind_named("Northmoor County Council") is None
    found = _orgs("The Overview of the County Council was noted. Northmoor County Council and Eastfold "
                  "County Council had written.")
    assert not any(f.endswith("the County Council") for f in found)


def test_letters_after_a_name_are_no_council():
    text = "Present: Mr G Ashdown CCC and Mrs P Yarrow.\nNotification was received from WDC about the road."
    found = _orgs(text, body="Fenwater Borough Council")
    assert "WDC" in found
    assert "CCC" not in found
