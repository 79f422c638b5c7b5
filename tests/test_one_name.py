"""Regression (issue 19.3): one name per thing for services and committees.

Names that differ only in typography (’ or '), a plural or a possessive, or an acronym the
text defines are one node: the most frequent form is its label and the others its
skos:altLabel. Generic fragments ("Care Service", "the FCC team") are no services."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from kg.build import build
from kg.identity import thing_key
from kg.namespace import MKG

HEAD = "Minutes of a meeting of the Fenwater Children’s Review Panel held on {day} at 10am\n\n" \
       "Present: Cllr A Marlow (Chair), Cllr B Penn, Cllr C Quist\n\n"


@pytest.mark.parametrize("a, b", [
    ("Children’s Review Panel", "Children's Review Panel"),
    ("Care Leavers Team", "Care Leaver Team"),
    ("Dedicated Placements Support Team", "Dedicated Placement Support Team"),
    ("Children and Families Service", "Children and Family Service"),
    ("Young People's Service", "Young Peoples Service"),
    ("Parks & Open Spaces Team", "Parks and Open Spaces Team"),
    ("Early Help Services", "Early Help Service"),
])
def test_spellings_of_one_name_share_a_key(a, b):
    assert thing_key(a) == thing_key(b)


@pytest.mark.parametrize("a, b", [
    ("Fostering Team", "Adoption Team"),
    ("SENDIAS Service", "SENDIA Service"),  # an acronym is no plural
    ("Business Support Team", "Busines Support Team"),  # nor a word ending in -ss
    ("Youth Service", "Youth Offending Service"),
])
def test_different_names_keep_different_keys(a, b):
    assert thing_key(a) != thing_key(b)


def _minutes(day: str, body: str) -> str:
    return HEAD.format(day=day) + "1. Apologies\nNone.\n\n2. Services for care leavers\n" + body + \
        "\nRESOLVED: That the report be noted.\n"


def _nodes(ds, cls):
    return {s: (str(ds.value(s, RDFS.label)), sorted(str(a) for a in ds.objects(s, SKOS.altLabel)))
            for s in set(ds.subjects(RDF.type, cls))}


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("one-name")
    (folder / "a.txt").write_text(_minutes("4 March 2024", (
        "The Care Leavers Team had met every young person. The Care Leavers Team reported to the "
        "Fenwater Children's Review Panel. The Dedicated Placements Support Team was praised. Members asked about "
        "Looked After Children (LAC) and the LAC Service. The Early Help & Edge of Care Service was "
        "described, and the FCC team gave figures.\n")), encoding="utf-8")
    (folder / "b.txt").write_text(_minutes("8 April 2024", (
        "The Care Leavers Team and the Care Leaver Team's new manager were thanked. The Dedicated Placement "
        "Support Team was praised again. The Looked After Children Service was described. A Planned "
        "programme of visits was agreed.\n")), encoding="utf-8")
    (folder / "c.txt").write_text(_minutes("13 May 2024", "The Care Leavers Team was thanked.\n"), encoding="utf-8")
    return build([folder], body="Fenwater County Council").dataset


def test_one_service_node_per_name_labelled_by_its_most_frequent_form(graph):
    services = _nodes(graph, MKG.Service)
    leavers = [v for v in services.values() if "Care Leavers Team" in [v[0], *v[1]]]
    assert leavers == [("Care Leavers Team", ["Care Leaver Team"])]
    placements = [v for v in services.values() if v[0].startswith("Dedicated Placement")]
    assert len(placements) == 1 and len(placements[0][1]) == 1


def test_a_defined_acronym_names_the_same_service(graph):
    services = _nodes(graph, MKG.Service)
    lac = [v for v in services.values() if "Looked After Children Service" in [v[0], *v[1]]]
    assert len(lac) == 1 and "LAC Service" in lac[0][1]
    assert not [v for v in services.values() if v[0] == "LAC Service"]


def test_an_acronym_the_text_spells_out_names_the_same_service():
    """No "(CiC)" anywhere, but the text writes "Children in Care" out and "CiC" short."""
    import tempfile

    from kg.build import read_and_extract

    text = _minutes("4 March 2024", "The Children in Care Service reported. Later the CiC Service was thanked "
                                    "for its work with Children in Care, and the Harbour Safety Team, with the "
                                    "HST Team's manager.\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cic.txt"
        path.write_text(text, encoding="utf-8")
        read = read_and_extract(path)
    norms = {m.norm for m in read.mentions if m.label == "SERVICE"}
    assert norms == {"Children in Care Service", "Harbour Safety Team"}, norms


def test_generic_fragments_are_no_services(graph):
    labels = {v[0] for v in _nodes(graph, MKG.Service).values()}
    assert not labels & {"Care Service", "FCC Team", "Planned Programme"}, labels


def test_one_committee_node_whatever_its_apostrophe(graph):
    panels = [v for v in _nodes(graph, MKG.Committee).values() if "Review Panel" in v[0]]
    assert len(panels) == 1, panels
    assert panels[0][0] == "Fenwater Children’s Review Panel" or panels[0][0].endswith("Children’s Review Panel")


def test_a_post_written_with_an_acronym_is_the_post_written_out(tmp_path):
    """"Head of Service, CIC" in one set of minutes and "Head of Service, Children in Care" in
    another are one post: the batch names both, and the initials of the words spell the acronym."""
    for name, day, post in (("a.txt", "4 March 2024", "Head of Service, CIC"),
                            ("b.txt", "8 April 2024", "Head of Service, Children in Care")):
        (tmp_path / name).write_text(
            HEAD.format(day=day) + f"In attendance: Ms D Rowe ({post})\n\n1. Apologies\nNone.\n\n"
            "2. Fostering\nThe Panel considered a report.\nRESOLVED: That the report be noted.\n", encoding="utf-8")
    posts = {label for label, _ in _nodes(build([tmp_path], body="Fenwater County Council").dataset,
                                          MKG.Post).values()}
    assert "Head of Service, Children in Care" in posts
    assert "Head of Service, CIC" not in posts
