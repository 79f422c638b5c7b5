"""The bundled examples build to what examples/README.md says a reader finds in them:
meetings, chairs, attendance, every person, post, organisation and service, follow-ups."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from kg.build import build
from kg.namespace import MKG
from kg.validate import validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def result():
    return build([EXAMPLES])


@pytest.fixture(scope="module")
def g(result):
    return result.dataset


def labels(g, cls) -> set[str]:
    return {str(g.value(n, RDFS.label)) for n in g.subjects(RDF.type, cls)}


def meeting_on(g, day: str):
    [m] = [m for m, _, d in g.triples((None, MKG.date, None)) if str(d) == day]
    return m


def test_every_example_builds_and_the_graph_conforms(result):
    assert [Path(o.path).name for o in result.outcomes] == [
        "2023-06-13_minutes.txt", "2023-09-19_minutes.md", "2024-01-16_agenda-pack.txt",
        "2024-03-12_webpage.txt", "2024-06-18_minutes.pdf"]
    assert all(o.status == "built" for o in result.outcomes)
    assert validate(result.dataset).conforms


def test_meetings_and_the_undated_web_page(result, g):
    dates = sorted(str(d) for _, _, d in g.triples((None, MKG.date, None)))
    assert dates == ["2023-06-13", "2023-09-19", "2023-11-14", "2024-01-16", "2024-06-18"]
    undated = [m for m in g.subjects(RDF.type, MKG.Meeting) if g.value(m, MKG.date) is None]
    assert len(undated) == 1
    web = next(o for o in result.outcomes if o.path.endswith("webpage.txt"))
    assert any("no meeting date" in w for w in web.warnings)
    [contact] = g.objects(undated[0], MKG.contactOfficer)
    assert str(g.value(contact, RDFS.label)) == "Mr. T. Greaves"
    assert not [o for o in g.objects() if "960451" in str(o) or "@northmoor" in str(o)]  # the contact's phone, email


@pytest.mark.parametrize("day, chair, present", [
    ("2023-06-13", "Mrs. P. A. Okafor CC", 9),
    ("2023-09-19", "Mrs. P. A. Okafor CC", 8),
    ("2023-11-14", "Mrs. P. A. Okafor CC", 10),
    ("2024-06-18", "Mr. R. J. Pemberton OBE CC", 9),
])
def test_the_chair_changes_and_attendance(g, day, chair, present):
    m = meeting_on(g, day)
    assert str(g.value(g.value(m, MKG.chair), RDFS.label)) == chair
    assert len(set(g.objects(m, MKG.present))) == present


def test_apologies_and_substitute(g):
    m = meeting_on(g, "2023-09-19")
    apologies = {str(g.value(p, RDFS.label)) for p in g.objects(m, MKG.apology)}
    assert apologies == {"Mr. M. Castellano CC", "Mrs. L. Fenwick-Shaw CC"}
    assert {str(g.value(p, RDFS.label)) for p in g.objects(m, MKG.substitute)} == {"Miss. A. Nowak CC"}


def test_every_councillor_is_one_node(g):
    people = {str(g.value(p, RDFS.label)): p for p in g.subjects(RDF.type, MKG.Person)}
    for name in ["Mrs. P. A. Okafor CC", "Mr. R. J. Pemberton OBE CC", "Dr. S. M. Harcourt CC", "Mr T. Lindqvist CC",
                 "Mr. D. Whitlock CC", "Mrs. K. Whitlock CC", "Ms. J. Adeyemi CC", "Mr. M. Castellano CC",
                 "Mrs. L. Fenwick-Shaw CC", "Mr. B. Tregarthen CC", "Miss. A. Nowak CC", "Mr. C. E. Banerjee CC",
                 "Mrs. F. Marlowe CC", "Mrs Yasmin Corrie", "Mr Daniel Ferrand"]:
        assert name in people, name
    okafor = {str(a) for a in g.objects(people["Mrs. P. A. Okafor CC"], SKOS.altLabel)}
    assert "Mrs P Okafor CC" in okafor
    assert sum(1 for label in people if "Whitlock" in label) == 2
    assert sum(1 for label in people if "Okafor" in label) == 1


@pytest.mark.parametrize("post, holder", [
    ("Director of Children's Services", "Ashdown"),
    ("Assistant Director, Education and SEND", "Fairweather"),
    ("Assistant Director, Children's Social Care", "Quayle"),
    ("Head of Fostering Service", "Rourke"),
    ("Head of SEND Assessment Team", "Sandoval"),
    ("Head of Youth Justice Service", "Mbeki-Lowe"),
    ("Director of Corporate Resources", "Pryce"),
    ("Lead Member for Children and Young People", "Banerjee"),
    ("Cabinet Support Member", "Marlowe"),
])
def test_officers_hold_their_posts(g, post, holder):
    posts = {str(g.value(p, RDFS.label)): p for p in g.subjects(RDF.type, MKG.Post)}
    assert post in posts
    holders = {str(g.value(h, RDFS.label)) for h in g.objects(posts[post], MKG.heldBy)}
    assert any(holder in h for h in holders), holders


def test_partners_and_services(g):
    assert labels(g, MKG.Organisation) == {
        "Brightpath Families Trust", "Meridian Insight Ltd", "Northmoor Police",
        "Northmoor and Vale Integrated Care Board", "Eastbridge Learning Trust", "Northmoor Parent Carer Forum",
        "Ofsted", "Department for Education", "Home Office", "Care Quality Commission"}
    assert labels(g, MKG.Service) == {
        "Family Support Service", "Virtual School", "Children's Front Door Team", "Fostering Service",
        "SEND Assessment Team", "Youth Justice Service",
        "SEND Capital Programme 2023-2026"}  # a named programme, with the years it runs (issue 17: programmes)


def test_the_strategic_partner_recurs(g):
    [trust] = [o for o in g.subjects(RDF.type, MKG.Organisation) if str(g.value(o, RDFS.label)) == "Brightpath Families Trust"]
    meetings = {m for m in g.subjects(MKG.item, None) for i in g.objects(m, MKG.item) if (i, MKG.mentions, trust) in g}
    meetings |= {g.value(r, MKG.forMeeting) for r in g.subjects(MKG.mentions, trust) if g.value(r, MKG.forMeeting)}
    assert len(meetings) >= 4


def test_follow_ups_and_their_due_dates(g):
    dues = {}
    for item, _, fu in g.triples((None, MKG.followUp, None)):
        meeting = next(g.subjects(MKG.item, item))
        key = (str(g.value(meeting, MKG.date)), str(g.value(item, MKG.minuteNumber)))
        dues[key] = (str(g.value(fu, MKG.dueDate)) if g.value(fu, MKG.dueDate) else None,
                     str(g.value(fu, MKG.dueDatePrecision)) if g.value(fu, MKG.dueDatePrecision) else None)
    assert dues[("2023-06-13", "8")] == ("2024-01-16", "day")
    assert dues[("2023-09-19", "19")] == ("2024-03", "month")
    assert dues[("2023-09-19", "21")] == (None, None)
    assert dues[("2023-11-14", "31")] == ("2024-05-14", "relative")


def test_agenda_pack_reports_and_their_authors(g):
    coming = meeting_on(g, "2024-01-16")
    reports = {str(g.value(r, RDFS.label)): r for r in g.subjects(MKG.forMeeting, coming)}
    assert set(reports) == {"Fostering Sufficiency Update", "Medium Term Financial Strategy 2024/25 – 2027/28"}
    mtfs = reports["Medium Term Financial Strategy 2024/25 – 2027/28"]
    assert {str(g.value(a, RDFS.label)) for a in g.objects(mtfs, MKG.author)} == {
        "Chief Executive", "Director of Corporate Resources"}
