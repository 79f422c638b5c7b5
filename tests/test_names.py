"""extractors.names: parsing people's names, comparing them, normalising posts and bodies."""
import pytest
from hypothesis import given, settings, strategies as st

from extractors.names import (compatible, fullness, normalise_org, normalise_post, parse_person,
                              person_key)


def test_parse_councillor_with_initials_and_postnominals():
    p = parse_person("Mr. A. B. Hartley OBE CC")
    assert p.honorific == "Mr" and p.initials == ("A", "B") and p.surname == "Hartley"
    assert p.postnominals == ("OBE", "CC")
    assert p.display == "Mr A. B. Hartley OBE CC"


def test_parse_given_names_and_cllr():
    p = parse_person("Cllr Jane Pennyworth")
    assert p.honorific == "Cllr" and p.given == ("Jane",) and p.initials == ("J",)
    assert parse_person("Councillor Pennyworth").honorific == "Cllr"
    assert parse_person("Mrs Olivia Quarrie").given == ("Olivia",)


def test_a_courtesy_title_after_councillor_is_the_honorific():
    p = parse_person("Councillor Mrs P. Okafor")
    assert (p.honorific, p.given, p.initials, p.surname) == ("Mrs", (), ("P",), "Okafor")
    assert person_key("Cllr Dr A. Shah") == person_key("Dr A. Shah") == "shah-a"
    assert compatible("Councillor Mrs P. Okafor", "Cllr P. Okafor")
    assert not compatible("Councillor Mrs P. Okafor", "Mr P. Okafor")
    assert parse_person("Councillor Mrs") is None


def test_parse_glued_initials():
    assert parse_person("H.J.Quarrie").initials == ("H", "J")


def test_not_people():
    for text in ["Mr Chairman", "Mrs Justice", "the Director", "", "Mr", "Quarrie", "Room 12", "Mr Smith 3"]:
        assert parse_person(text) is None, text


def test_person_key():
    assert person_key("Mrs. H. J. Quarrie CC") == "quarrie-h"
    assert person_key("Mrs Quarrie") == "quarrie"
    assert person_key("Cllr Jane Pennyworth") == "pennyworth-j"
    assert person_key("not a name") == ""


def test_compatible():
    assert compatible("Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC")
    assert compatible("Mrs. H. J. Quarrie CC", "Mrs Quarrie")
    assert compatible("Jane Moorcroft", "Mrs J Moorcroft")
    assert not compatible("Mrs. A. Wrenfield CC", "Mrs. M. Wrenfield CC")
    assert not compatible("Mr T Quarrie", "Mrs T Quarrie")
    assert not compatible("Jane Moorcroft", "Joan Moorcroft")
    assert not compatible("Mrs H Quarrie", "Mrs H Pennyworth")


def test_fullness_prefers_fuller_forms():
    forms = ["Mrs Quarrie", "Mrs H Quarrie CC", "Mrs. H. J. Quarrie CC"]
    assert max(forms, key=fullness) == "Mrs. H. J. Quarrie CC"


def test_normalise_post_director_forms():
    want = "Director of Children and Family Services"
    for text in ["Director - Children and Family Services", "Director- Children and Family Services",
                 "Director Children and Family Services", "DIRECTOR OF CHILDREN AND FAMILY SERVICES",
                 "the Director of Children and  Family Services."]:
        assert normalise_post(text) == want, text


def test_normalise_post_compound_heads():
    assert normalise_post("Head Of Service: SEND") == "Head of Service, SEND"
    assert normalise_post("Head of Service - Education Quality and Inclusion") == \
        "Head of Service, Education Quality and Inclusion"
    assert normalise_post("Assistant Director – Early Help") == "Assistant Director, Early Help"
    assert normalise_post("Assistant Director Children’s Social Care") == "Assistant Director, Children's Social Care"
    assert normalise_post("HEAD OF SERVICE - SEND AND INCLUSION") == "Head of Service, SEND and Inclusion"
    assert normalise_post("Lead Member for Children and Families") == "Lead Member for Children and Families"
    assert normalise_post("Head of Service for Quality Assurance") == "Head of Service, Quality Assurance"
    assert normalise_post("Assistant Director for Education") == normalise_post("Assistant Director - Education")


def test_normalise_org():
    assert normalise_org("the Brightpath  Families Trust") == "Brightpath Families Trust"
    assert normalise_org("Kestrel’s") == "Kestrel's"


@settings(max_examples=300)
@given(st.text())
def test_parse_person_never_raises(text):
    p = parse_person(text)
    if p is not None:
        assert p.surname


@settings(max_examples=300)
@given(st.text())
def test_normalise_post_never_raises_and_is_idempotent(text):
    once = normalise_post(text)
    assert normalise_post(once) == once


@given(st.text())
def test_normalise_org_idempotent(text):
    once = normalise_org(text)
    assert normalise_org(once) == once


_names = st.builds(
    lambda hon, inits, surname, post: " ".join(filter(None, [hon, " ".join(f"{i}." for i in inits), surname, post])),
    st.sampled_from(["Mr", "Mrs", "Ms", "Dr", "Cllr", ""]),
    st.lists(st.sampled_from("ABCDHJKMT"), max_size=3),
    st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
    st.sampled_from(["", "CC", "OBE CC"]))


@given(_names)
def test_person_key_stable_and_idempotent(name):
    p = parse_person(name)
    if p is None:
        return
    assert person_key(name) == person_key(name)
    assert person_key(p.display) == person_key(name)
    assert person_key(parse_person(p.display).display) == person_key(p.display)
    assert compatible(name, p.display)


@pytest.mark.parametrize("text, honorific, given, surname", [
    ("Inspector Jane Smith", "Inspector", ("Jane",), "Smith"),
    ("Detective Chief Inspector J. Smith", "Detective Chief Inspector", (), "Smith"),
    ("Chief Superintendent Okafor", "Chief Superintendent", (), "Okafor"),
])
def test_a_police_rank_is_the_names_honorific_not_a_forename(text, honorific, given, surname):
    p = parse_person(text)
    assert (p.honorific, p.given, p.surname) == (honorific, given, surname)
    assert parse_person(p.display) == p
    assert compatible(text, "Mrs J. Smith" if surname == "Smith" else "Mr Okafor")


@pytest.mark.parametrize("text", ["Inspector", "Chief Inspector", "Detective Sergeant"])
def test_a_rank_alone_is_not_a_name(text):
    assert parse_person(text) is None


@pytest.mark.parametrize("text, post", [
    ("Director and Chief Executive", "Director and Chief Executive"),  # two posts in one, no area
    ("Director and –", "Director"),
    ("- Head of Service -", "Head of Service"),
])
def test_a_director_with_no_area_is_not_given_one(text, post):
    assert normalise_post(text) == post


def test_a_place_or_a_body_is_no_person_unless_a_title_says_so():
    from extractors.names import parse_person
    assert parse_person("Railway Street") is None and parse_person("Fenwater Parish") is None
    assert parse_person("Motor Tax Section") is None
    assert parse_person("Mr J Street").surname == "Street"
