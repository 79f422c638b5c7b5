"""extractors: the spaCy rule components on a fictional council (Northmoor County Council)."""
import pytest
from hypothesis import given, settings, strategies as st

from extractors import EXTRACTOR_VERSIONS, LABELS, SPAN_GROUP, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def found(nlp, text, label=None):
    doc = nlp(text)
    return [(s.label_, s.text, s._.mkg_norm) for s in doc.spans[SPAN_GROUP] if label is None or s.label_ == label]


def norms(nlp, text, label):
    return [n for _, _, n in found(nlp, text, label)]


def test_pipeline_shape():
    nlp = load_pipeline()
    assert nlp is load_pipeline()
    assert nlp.pipe_names == ["mkg_committees", "mkg_services", "mkg_organisations", "mkg_posts", "mkg_people", "mkg_holders"]
    assert set(EXTRACTOR_VERSIONS) == set(nlp.pipe_names)
    assert all(v.count(".") == 2 for v in EXTRACTOR_VERSIONS.values())


# ---------------------------------------------------------------- people

def test_councillors_with_initials(nlp):
    text = ("PRESENT\nMrs. P. K. Ashdown CC (in the Chair)\nMr T. Brindle CC\nMr. O. L. Carrow OBE CC\n"
            "Dr. S. M. A. Dunmore CC\n")
    assert norms(nlp, text, "PERSON") == ["Mrs. P. K. Ashdown CC", "Mr T. Brindle CC", "Mr. O. L. Carrow OBE CC",
                                          "Dr. S. M. A. Dunmore CC"]


def test_short_forms_and_members_of_the_public(nlp):
    text = ("Mrs Penelope Yarrow asked the following question of the Chairman:\n"
            "Mrs Ashdown CC replied as follows. Mrs Yarrow asked a supplementary question. "
            "Cllr Jane Marsh and Councillor Marsh agreed.")
    assert norms(nlp, text, "PERSON") == ["Mrs Penelope Yarrow", "Mrs Ashdown CC", "Mrs Yarrow", "Cllr Jane Marsh",
                                          "Councillor Marsh"]


def test_not_people(nlp):
    text = ("Mr Chairman, I thank you. Mrs Justice Hale ruled. The Committee noted. "
            "Children Missing Education was discussed. Quality Assurance Framework approved.")
    assert norms(nlp, text, "PERSON") == []


def test_officers_in_contact_block(nlp):
    text = ("Officer(s) to Contact\n\nAlice Penhaligon (Director- Children and Family Services).\n0100 555 0101\n"
            "alice.penhaligon@northmoor.gov.uk\n\nRobert Tregar\nHead Of Service: SEND\nChildren and Family Services\n"
            "Northmoor County Council\nTel: 0100 555 0102\n")
    people = norms(nlp, text, "PERSON")
    assert people == ["Alice Penhaligon", "Robert Tregar"]
    assert "Director of Children and Family Services" in norms(nlp, text, "POST")
    assert "Head of Service, SEND" in norms(nlp, text, "POST")


def test_bare_name_next_to_post(nlp):
    text = "It was agreed that the Agency Decision Maker, Helen Ostrander, be invited. Mark Venn, Service Manager, spoke."
    assert norms(nlp, text, "PERSON") == ["Helen Ostrander", "Mark Venn"]


def test_bare_capitalised_pairs_without_context_are_not_people(nlp):
    assert norms(nlp, "Helen Ostrander was mentioned in passing. Northmoor Gazette published it.", "PERSON") == []


# ---------------------------------------------------------------- posts

def test_director_stops_at_clause(nlp):
    text = "The Committee considered a report of the Director of Children and Family Services which provided an update."
    assert found(nlp, text, "POST") == [("POST", "Director of Children and Family Services",
                                         "Director of Children and Family Services")]


def test_post_shapes(nlp):
    text = ("Mr. O. L. Carrow CC – Lead Member for Children and Families\n"
            "Mrs. D. Fenwick CC – Cabinet Support Member.\n"
            "A joint report of the Chief Executive and the Director of Corporate Resources was noted. "
            "The Assistant Director, Children’s Social Care and the Head of Service - Education Quality and Inclusion "
            "spoke, as did the Independent Reviewing Officer and the Monitoring Officer. "
            "The Director of Children\nand Family Services replied.")
    assert norms(nlp, text, "POST") == [
        "Lead Member for Children and Families", "Cabinet Support Member", "Chief Executive",
        "Director of Corporate Resources", "Assistant Director, Children's Social Care",
        "Head of Service, Education Quality and Inclusion", "Independent Reviewing Officer", "Monitoring Officer",
        "Director of Children and Family Services"]


def test_post_beats_service_inside_it(nlp):
    labels = found(nlp, "a report of the Director of Children and Family Service on fostering.")
    assert [l for l, _, _ in labels] == ["POST"]


def test_bare_director_is_not_a_post(nlp):
    assert norms(nlp, "The Director stated that the service was improving.", "POST") == []


# ---------------------------------------------------------------- organisations

def test_national_bodies_and_aliases(nlp):
    text = ("Ofsted and the Care Quality Commission (CQC) inspected. The CQC and the DfE replied; the DWP "
            "and the Home Office were informed.")
    assert norms(nlp, text, "ORG") == ["Ofsted", "Care Quality Commission", "Care Quality Commission",
                                       "Care Quality Commission", "Department for Education", "Department for Work and Pensions", "Home Office"]


def test_national_charities_and_a_local_branch(nlp):
    text = ("Age UK Fenwater was commissioned with the NSPCC. Funding from the Youth Endowment Fund; "
            "The Prince's Trust and Citizens Advice attended.")
    assert norms(nlp, text, "ORG") == ["Age UK", "NSPCC", "Youth Endowment Fund", "The King's Trust", "Citizens Advice"]


def test_places_listed_before_one_bodys_head(nlp):
    text = ("Work with Fenwater, Northmoor and Vale Integrated Care Board continued. In March, Kestrel and Vale "
            "NHS Trust replied. Harlow District Council, Ardwick and Vale Borough Council and others attended.")
    assert norms(nlp, text, "ORG") == ["Fenwater, Northmoor and Vale Integrated Care Board", "Kestrel and Vale NHS Trust",
                                       "Harlow District Council", "Ardwick and Vale Borough Council"]


def test_a_bullet_against_the_name_is_not_part_of_it(nlp):
    text = "Actions implemented:\n-Fenwater Partnership NHS Trust has agreed to share data."
    assert norms(nlp, text, "ORG") == ["Fenwater Partnership NHS Trust"]


def test_acronym_definition_of_a_local_body(nlp):
    text = "The Northmoor Clinical Commissioning Group (NCCG) agreed. Later the NCCG withdrew."
    assert norms(nlp, text, "ORG") == ["Northmoor Clinical Commissioning Group"] * 3  # name, (NCCG), NCCG


def test_acronym_definition_of_a_plan_is_not_an_org(nlp):
    assert norms(nlp, "The Medium Term Financial Strategy (MTFS) and the MTFS savings.", "ORG") == []


def test_organisational_heads(nlp):
    text = ("Brightpath Families Trust, Northmoor Police, Meridian Insight Ltd, Eastfold City Council and "
            "Northmoor and Eastfold NHS Foundation Trust attended; a Governor of Eastfold College spoke.")
    assert norms(nlp, text, "ORG") == ["Brightpath Families Trust", "Northmoor Police", "Meridian Insight Ltd",
                                       "Eastfold City Council", "Northmoor and Eastfold NHS Foundation Trust",
                                       "Eastfold College"]


def test_the_council_itself_is_not_an_org(nlp):
    text = "Northmoor County Council and the County Council agreed with Multi Academy Trusts and the Police."
    assert norms(nlp, text, "ORG") == []


def test_home_council_config():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("mkg_organisations", config={"home_council": "Northmoor County Council"})
    doc = nlp("Northmoor County Council wrote to Southfell County Council.")
    assert [s._.mkg_norm for s in doc.spans[SPAN_GROUP]] == ["Southfell County Council"]


def test_partner_contexts(nlp):
    text = ("Work would continue with officers from the Transformation Unit and colleagues from Meridian Insight. "
            "Meridian Insight had effected reductions elsewhere. The authority commissioned Harbourlight to mediate. "
            "Kestrel’s, as the Department’s strategic partner, would be involved. "
            "The collaborative work with Kestrel’s had been in place for a year.")
    assert norms(nlp, text, "ORG") == ["Meridian Insight", "Meridian Insight", "Harbourlight", "Kestrel's", "Kestrel's"]
    assert norms(nlp, text, "SERVICE") == ["Transformation Unit"]


def test_the_body_of_a_declared_interest(nlp):
    text = ("Cllr Jo Bell declared a personal interest as a volunteer with Harbourlight. "
            "Cllr Al Roe declared an interest as a trustee of the Fenwater Community Foundation and "
            "as a member of the Committee.")
    assert norms(nlp, text, "ORG") == ["Harbourlight", "Fenwater Community Foundation"]


def test_ordinary_possessives_are_not_orgs(nlp):
    text = ("Northmoor's Response to exploitation. The Authority’s prior knowledge. Children’s Social Care. "
            "The Government’s whole system review.")
    assert norms(nlp, text, "ORG") == []


# ---------------------------------------------------------------- services

def test_a_quoted_name_before_its_acronym_and_team(nlp):
    text = "The Early Years Service has an ‘Early Steps’ (ES) team; the ES team visits nurseries."
    assert norms(nlp, text, "SERVICE") == ["Early Years Service"] + ["Early Steps Team"] * 3  # name, (ES), ES
    assert norms(nlp, "Schools can buy the ‘Family Link’ team.", "SERVICE") == ["Family Link Team"]
    assert norms(nlp, "The Parents’ Forum team met.", "SERVICE") == ["Parents' Forum Team"]  # a possessive stays


def test_services(nlp):
    text = ("The Children and Family Wellbeing Service and the SENA Service met the Council’s Care Leavers Team, "
            "the Dedicated Support Team, the Transformation Unit, the Virtual School and First Response.")
    assert norms(nlp, text, "SERVICE") == ["Children and Family Wellbeing Service", "SENA Service", "Care Leavers Team",
                                           "Dedicated Support Team", "Transformation Unit", "Virtual School",
                                           "First Response"]


def test_generic_service_phrases_are_not_services(nlp):
    text = ("The service improved; the team grew; early help services and the Senior Management Team met. "
            "The Head of Service attended. Capital Programme. A Service Manager spoke.")
    assert norms(nlp, text, "SERVICE") == []


# ---------------------------------------------------------------- committees

def test_committees(nlp):
    text = ("Minutes of the Children and Families Overview and Scrutiny Committee. A report to the Cabinet and "
            "the Scrutiny Commission, the Corporate Parenting Board, the Health and Wellbeing Board, the "
            "Schools Forum and the Children’s Decision Making Panel.")
    assert norms(nlp, text, "COMMITTEE") == [
        "Children and Families Overview and Scrutiny Committee", "Cabinet", "Scrutiny Commission",
        "Corporate Parenting Board", "Health and Wellbeing Board", "Schools Forum", "Children's Decision Making Panel"]
    assert norms(nlp, text, "ORG") == []


def test_bare_committee_words_and_rooms(nlp):
    text = "The Committee met in the Oakwood Committee Room. The Panel agreed. Cabinet Lead Member for Schools."
    assert norms(nlp, text, "COMMITTEE") == []
    assert norms(nlp, text, "POST") == ["Cabinet Lead Member for Schools"]


# ---------------------------------------------------------------- post holders (issue 3)

def holders(nlp, text):
    doc = nlp(text)
    return [(" ".join(p.text.split()), q._.mkg_norm) for p, q in doc._.mkg_holders]


def test_posts_and_names_wrapped_in_narrow_table_cells(nlp):
    text = ("Action \nDeadline \n\nHead of Service \nChildren in \nCare, Fostering \n& Adoption – \nAoife \nRourke \n\n"
            "Business \nIntelligence \nManager – \nTom Vale \n\n Ruth Penrose \nHead of Service \nfor Quality \n"
            "Assurance \n Ref. Northmoor Action Plan \n")
    assert holders(nlp, text) == [
        ("Aoife Rourke", "Head of Service, Children in Care, Fostering & Adoption"),
        ("Tom Vale", "Business Intelligence Manager"),
        ("Ruth Penrose", "Head of Service, Quality Assurance")]


def test_contact_block_lines_are_fields_not_wrapped_cells(nlp):
    text = "Officers to Contact\n\nRobert Tregar\nHead of Service\nCounty Hall\nTel: 0100 555 0102\n"
    assert holders(nlp, text) == [("Robert Tregar", "Head of Service")]


def test_name_above_post_and_post_after_dash(nlp):
    text = ("Greta Hollis\nDirector of Adults and Communities\n\n"
            "The Assistant Director, Education – Paul Senner, presented the report.")
    assert holders(nlp, text) == [("Greta Hollis", "Director of Adults and Communities"),
                                  ("Paul Senner", "Assistant Director, Education")]


def test_posts_named_by_their_role_noun(nlp):
    text = ("Outcome Leads: Detective Inspector Rhys Tamblyn, Missing Persons Lead, Northmoor Police and "
            "Ada Polwhele, Senior Commissioner Public Health\n"
            "The Quality Assurance Manager was not named, and Partnership Officer posts were vacant.")
    assert holders(nlp, text) == [("Rhys Tamblyn", "Missing Persons Lead, Northmoor Police"),
                                  ("Ada Polwhele", "Senior Commissioner Public Health")]
    assert norms(nlp, text, "POST") == ["Missing Persons Lead, Northmoor Police", "Senior Commissioner Public Health"]


def test_role_noun_post_does_not_swallow_a_name_before_it(nlp):
    text = "Assistant \nDirector \nSchools – Ann \nTrevail \n& \nData \nQuality \nManager – \nIvo Nance \n"
    assert holders(nlp, text) == [("Ann Trevail", "Assistant Director, Schools"), ("Ivo Nance", "Data Quality Manager")]


def test_vocabulary_post_wrapped_onto_the_next_line(nlp):
    text = "Kit Jago Safeguarding and Improvement \nManager\n"
    assert holders(nlp, text) == [("Kit Jago", "Safeguarding and Improvement Manager")]


def test_he_was_also_a_governor_of(nlp):
    text = ("Mr. A. B. Carne CC declared a personal interest as he ran a company which worked with schools in "
            "Northmoor. He was also a Governor of Eastfold College. Mrs Bray and Mr Tonkin left. "
            "She was also a Trustee of Brightpath Families Trust.")
    assert holders(nlp, text) == [("Mr. A. B. Carne CC", "Governor of Eastfold College")]
    assert "Eastfold College" in norms(nlp, text, "ORG")


# ---------------------------------------------------------------- services and bodies (issue 3)

def test_services_with_lowercase_heads(nlp):
    text = ("The Complaints team and the Holiday Meals and Play scheme reported to the Adults and Communities "
            "department. A multi-agency CSE team was formed. The Northmoor service grew. Planned work.\n"
            "Mentoring scheme is established. The SEND service plan was agreed. The Ofsted team visited. "
            "Northmoor joined the Better Outcomes in SEND programme.")
    assert norms(nlp, text, "SERVICE") == ["Complaints Team", "Holiday Meals and Play Scheme",
                                           "Adults and Communities Department", "Multi-Agency CSE Team"]


def test_service_name_shapes(nlp):
    text = ("The Building Northmoor Families for the Future programme and the Child Criminal Exploitation, "
            "Missing and Trafficked Hub. Evaluation of Early Help Services. Public Health attended. "
            "The First Response service and First Response. Northmoor Fostering Service’s performance.")
    assert norms(nlp, text, "SERVICE") == [
        "Building Northmoor Families for the Future Programme",
        "Child Criminal Exploitation, Missing and Trafficked Hub", "Early Help Services", "Public Health",
        "First Response", "First Response", "Northmoor Fostering Service"]


def test_one_name_for_a_service(nlp):
    text = ("The Supporting Young Families (SYF) team leads the SYF programme. Northmoor and Eastfold’s Adoption "
            "Agency and the Northmoor and Eastfold Adoption Agency are one agency.")
    assert norms(nlp, text, "SERVICE") == ["Supporting Young Families Team", "Supporting Young Families Team",
                                           "Supporting Young Families Team", "Northmoor and Eastfold Adoption Agency",
                                           "Northmoor and Eastfold Adoption Agency"]


def test_safeguarding_boards_academy_trusts_and_the_ombudsman(nlp):
    text = ("The Northmoor and Eastfold Local Safeguarding Children Board and the Safeguarding Board agreed. "
            "The Director of Learning from the Kestrel Academy Trust spoke. The Ombudsman upheld it.")
    assert norms(nlp, text, "ORG") == ["Northmoor and Eastfold Local Safeguarding Children Board",
                                       "Safeguarding Board", "Kestrel Academy Trust", "Ombudsman"]
    assert norms(nlp, text, "COMMITTEE") == []


# ---------------------------------------------------------------- properties

_alphabet = st.sampled_from(list("abcdefgh ABCDEFGH.,'’()-–:\n") + ["Mr ", "Mrs ", "Director of ", " Trust",
                                                                     " Service", " Board", "CC", " and "])


@settings(max_examples=80, deadline=None)
@given(st.lists(_alphabet, max_size=40).map("".join))
def test_never_crashes_and_spans_do_not_overlap(text):
    doc = load_pipeline()(text)
    spans = list(doc.spans[SPAN_GROUP])
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert s.label_ in LABELS and s._.mkg_norm
