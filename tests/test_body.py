"""Every document belongs to a body, and identity is scoped by it (issue 17, point 5).

Invented councils throughout; the last test builds the seeds with the development set
(../shared) and checks that no person and no meeting is read from two bodies' documents."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from kg.build import build, configured_bodies
from kg.cli import main
from kg.errors import IngestError
from kg.identity import PersonSighting, resolve_people
from kg.ingest import iter_inputs, read_document
from kg.namespace import ID, MKG, PROV, RDF, RDFS
from kg.segment.body import HEAD_CHARS, body_key, body_of

SHARED = Path(__file__).resolve().parents[2] / "shared"


def minutes(heading: str, place: str, chair: str, members: list[str], items: list[tuple[str, str]]) -> str:
    """Cabinet minutes of 5 March 2024 under `heading`, in the shape councils print them."""
    lines = [heading, "", f"Minutes of a meeting of the Cabinet held at the Council Offices, {place} on "
             "Tuesday, 5 March 2024.", "", "PRESENT", "", f"{chair} (in the Chair)", *members, ""]
    for k, (title, resolved) in enumerate(items, start=1):
        lines += [f"{k}. {title}", "", f"The Cabinet considered a report on {title.lower()}.", "", "RESOLVED:", "",
                  f"That {resolved}.", ""]
    return "\n".join(lines)


FENWATER = minutes("Fenwater District Council", "Fenwater", "Cllr A. Smith", ["Cllr B. Marlow", "Cllr C. Penhallow"],
                   [("Car Parking Charges", "the revised charges be approved"),
                    ("Leisure Centre Refurbishment", "the refurbishment be approved"),
                    ("Allotment Rents", "the rents be frozen")])
NORTHMOOR = minutes("NORTHMOOR BOROUGH COUNCIL", "Northmoor", "Cllr A. Smith", ["Cllr E. Thorncroft", "Cllr F. Ollerenshaw"],
                    [("Housing Allocations Policy", "the policy be adopted"),
                     ("Waste Collection Contract", "the contract be extended"),
                     ("Budget Monitoring", "the report be noted"),
                     ("Street Lighting", "the scheme be approved")])
NO_HEADING = minutes("", "the Civic Centre", "Cllr A. Smith", ["Cllr G. Hartwell", "Cllr H. Amberley"],
                     [("Play Areas", "the works be approved")])


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _graph(result) -> Graph:
    g = Graph()
    for triple in result.dataset.triples((None, None, None)):
        g.add(triple)
    return g


def _of_type(g: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, cls))


# ---------------------------------------------------------------- body_of

@pytest.mark.parametrize("text, body", [
    ("Fenwater District Council\n\nMinutes of a meeting of the Cabinet", "Fenwater District Council"),
    ("NORTHMOOR BOROUGH COUNCIL\nCABINET", "Northmoor Borough Council"),
    ("**ASHCOMBE COMMUNITY COUNCIL**\nGENERAL MEETING MONDAY 4 MARCH", "Ashcombe Community Council"),
    ("---\ntitle: Minutes\n---\n# Town of Eastbrook\nMarch 5, 2024\n## CALL TO ORDER", "Town of Eastbrook"),
    ("Brackenfield Township\nRegular Board Meeting\nMarch 5, 2024", "Brackenfield Township"),
    ("Eastmere Fire and Rescue Authority\nPolicy and Resources Committee", "Eastmere Fire and Rescue Authority"),
    ("Page 12.\nMinutes of a meeting of Fenwater District Council held at the Council Offices on 5 March 2024.",
     "Fenwater District Council"),
    ("A meeting of Wexmoor City and County Council, Housing Strategic Policy Committee\nwas held on Monday",
     "Wexmoor City and County Council"),
    ("2024.P.R.1\nTHE GLENMARSH COUNCIL - POLICY AND RESOURCES COMMITTEE -\n5th March, 2024", "Glenmarsh Council"),
    ("Agenda and minutes\nUpland Police and Crime Panel - Thursday, 5th March, 2024 10.30 am\nVenue: Chamber",
     "Upland Police and Crime Panel"),
    ("MARSHLAND NATIONAL PARK AUTHORITY MINUTES OF THE BOARD MEETING held at the Old School on 5 March 2024",
     "Marshland National Park Authority"),
    ("Minutes Ordinary Council Meeting\nMINUTES\nOF Kestrel-Vale\nRegional Council\nOrdinary Council Meeting",
     "Kestrel-Vale Regional Council"),
    ("At the Annual Meeting of the HOLLOWAY BOROUGH COUNCIL held in the COUNCIL CHAMBER on TUESDAY",
     "Holloway Borough Council"),
    ("HILLCREST COMMUNITY COUNCIL\nMinutes of a meeting of the above Council held on Monday 4th March 2024",
     "Hillcrest Community Council"),
    ("Minutes of Special Meeting of the Rookmoor Council held in the Council Chamber", "Rookmoor Council"),
    ("Cabinet minutes | Fenwater & Hill District Council\nCabinet - Tuesday 5 March 2024", "Fenwater & Hill District Council"),
])
def test_body_of_reads_the_heading(text, body):
    assert body_of(text) == body


@pytest.mark.parametrize("text", [
    "MINUTES OF A MEETING OF THE COUNTY COUNCIL HELD AT COUNCIL CHAMBER - COUNTY HALL",
    "Page 1357.\nMinute General Meeting of the Council Tuesday, 5 March 2024, 10:30.",
    "Meeting documents\nCouncil\nTuesday, 5th March, 2024 7.30 pm",
    "Full Authority\n5 March 2024 - 10:00 to 11:30",
    "Cabinet - Tuesday 5 March 2024\nThe Cabinet noted the response of Fenwater District Council to the consultation.",
    "Fenwater Youth Council\nMinutes of the meeting of 5 March 2024",
    "Minutes of a meeting of the above Council held on Monday 4th March 2024 at 7.00pm in the Village Hall.",
    "",
    "Cabinet\n" + "The meeting noted the report.\n" * (HEAD_CHARS // 20) + "Minutes of a meeting of Fenwater District Council",
])
def test_body_of_never_guesses(text):
    assert body_of(text) is None


def test_body_key_joins_spellings():
    assert body_key("Fenwater & Hill District Council") == body_key("THE FENWATER AND HILL DISTRICT COUNCIL")
    assert body_key("Fenwater District Council") != body_key("Northmoor Borough Council")


# ---------------------------------------------------------------- two councils, one day

def test_two_councils_cabinets_of_one_day_stay_two(tmp_path):
    _write(tmp_path, "fenwater.txt", FENWATER)
    _write(tmp_path, "northmoor.txt", NORTHMOOR)
    result = build([tmp_path])
    assert [o.status for o in result.outcomes] == ["built", "built"]
    assert not any("already read" in w for o in result.outcomes for w in o.warnings)
    g = _graph(result)
    meetings = _of_type(g, MKG.Meeting)
    assert len(meetings) == 2
    items = {str(g.value(m, MKG.body)): len(list(g.objects(m, MKG.item))) for m in meetings}
    assert items == {str(ID["body/fenwater-district-council"]): 3, str(ID["body/northmoor-borough-council"]): 4}
    smiths = [p for p in _of_type(g, MKG.Person) if str(g.value(p, RDFS.label)) == "Cllr A. Smith"]
    assert len(smiths) == 2
    assert {g.value(p, MKG.body) for p in smiths} == {ID["body/fenwater-district-council"], ID["body/northmoor-borough-council"]}
    assert ID["person/fenwater-district-council/smith-a"] in smiths
    bodies = _of_type(g, MKG.PublicBody)
    assert [str(g.value(b, RDFS.label)) for b in bodies] == ["Fenwater District Council", "Northmoor Borough Council"]
    committees = _of_type(g, MKG.Committee)
    assert {g.value(c, MKG.body) for c in committees} == set(bodies)
    assert all(g.value(d, MKG.body) in bodies for d in _of_type(g, MKG.Document))
    assert any("different bodies" in line for line in result.identity_log)


def test_the_same_body_still_merges_its_people(tmp_path):
    _write(tmp_path, "a.txt", FENWATER)
    _write(tmp_path, "b.txt", FENWATER.replace("5 March 2024", "9 April 2024").replace("Cllr A. Smith", "Cllr Smith"))
    g = _graph(build([tmp_path]))
    assert len(_of_type(g, MKG.Meeting)) == 2
    assert [str(p) for p in _of_type(g, MKG.Person) if "smith" in str(p)] == [str(ID["person/fenwater-district-council/smith-a"])]


def test_documents_of_no_known_body_stay_apart_unless_they_share_people():
    sight = [PersonSighting("Cllr Smith", "one.txt", None, "member"), PersonSighting("Cllr A. Smith", "two.txt", None, "member")]
    apart = resolve_people(sight, unknown="linked")
    assert apart.key("Cllr Smith", None, "one.txt") != apart.key("Cllr A. Smith", None, "two.txt")
    together = resolve_people(sight)  # the library's default: as before bodies were known
    assert together.key("Cllr Smith") == together.key("Cllr A. Smith")
    shared = ["Cllr B. Marlow", "Cllr C. Penhallow", "Cllr D. Quennell"]
    linked = resolve_people(sight + [PersonSighting(n, d, None, "member") for n in shared for d in ("one.txt", "two.txt")],
                            unknown="linked")
    assert linked.key("Cllr Smith", None, "one.txt") == linked.key("Cllr A. Smith", None, "two.txt") == "smith-a"
    assert any(line.startswith('read the people of "two.txt" with those of "one.txt"') for line in linked.log)


def test_a_known_body_never_takes_a_person_of_another():
    sight = [PersonSighting("Cllr A. Smith", "f.txt", None, "member", "Fenwater District Council"),
             PersonSighting("Cllr Smith", "n.txt", None, "member", "Northmoor Borough Council")]
    ident = resolve_people(sight)
    assert ident.key("Cllr A. Smith", "Fenwater District Council") == "fenwater-district-council/smith-a"
    assert ident.key("Cllr Smith", "Northmoor Borough Council") == "northmoor-borough-council/smith-cllr"
    assert ident.key("Cllr Smith", "Fenwater District Council") == "fenwater-district-council/smith-a"
    assert ident.key("Cllr A. Smith") is None  # no person of no known body is named so
    assert ident.body("fenwater-district-council/smith-a") == "Fenwater District Council"


# ---------------------------------------------------------------- the user's body

def test_body_option_applies_to_every_input_and_overrides_the_text(tmp_path):
    _write(tmp_path / "in", "a.txt", NO_HEADING)
    _write(tmp_path / "in", "b.txt", FENWATER)
    out = tmp_path / "g.nq"
    run = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(out), "--no-cache", "-q",
                                    "--body", "North Westshire Council"])
    assert run.exit_code == 0, run.output
    ds = Dataset(default_union=True)
    ds.parse(out)
    g = Graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    assert [str(g.value(b, RDFS.label)) for b in _of_type(g, MKG.PublicBody)] == ["North Westshire Council"]
    assert ID["person/north-westshire-council/smith-a"] in _of_type(g, MKG.Person)
    report = json.loads((tmp_path / "g.report.json").read_text())
    assert report["conforms"] is True


def test_folder_config_gives_the_body_of_the_files_below_it(tmp_path):
    _write(tmp_path / "fen", "minutes-kg.toml", 'body = "Fenwater District Council"\n')
    _write(tmp_path / "fen" / "2024", "a.txt", NO_HEADING)
    _write(tmp_path / "north", "minutes-kg.json", json.dumps({"body": "Northmoor Borough Council"}))
    _write(tmp_path / "north", "b.txt", NO_HEADING.replace("5 March", "6 March"))  # not a duplicate of a.txt
    _write(tmp_path / "other", "c.txt", NO_HEADING.replace("5 March", "7 March"))
    assert [p.name for p in iter_inputs([tmp_path])] == ["a.txt", "b.txt", "c.txt"]  # configs are not minutes
    bodies = configured_bodies([tmp_path])
    assert {Path(k).name: v for k, v in bodies.items()} == {"a.txt": "Fenwater District Council",
                                                          "b.txt": "Northmoor Borough Council"}
    g = _graph(build([tmp_path]))
    smiths = sorted(str(p) for p in _of_type(g, MKG.Person) if "smith" in str(p))
    assert smiths == [str(ID["person/fenwater-district-council/smith-a"]),
                      str(ID["person/northmoor-borough-council/smith-a"]), str(ID["person/smith-a"])]
    # --body wins over the folder's config
    g = _graph(build([tmp_path], body="North Westshire Council"))
    assert [str(g.value(b, RDFS.label)) for b in _of_type(g, MKG.PublicBody)] == ["North Westshire Council"]


def test_a_broken_folder_config_says_what_to_write(tmp_path):
    _write(tmp_path, "minutes-kg.toml", "bodie = Fenwater\n")
    _write(tmp_path, "a.txt", NO_HEADING)
    with pytest.raises(IngestError, match='body = "'):
        configured_bodies([tmp_path])
    run = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "g.ttl"), "--no-cache", "-q"])
    assert run.exit_code == 2 and "minutes-kg.toml" in run.output


# ---------------------------------------------------------------- the seeds with the development set

@pytest.fixture(scope="module")
def seeds_and_dev():
    seeds, dev = SHARED / "seeds", SHARED / "eval" / "dev" / "docs"
    if not (seeds.is_dir() and dev.is_dir()):
        pytest.skip("../shared/seeds and ../shared/eval/dev/docs are not beside the clone")
    inputs = [seeds, dev]
    result = build(inputs, workers=4)
    bodies = {p.name: body_of(read_document(p).text) for p in iter_inputs(inputs)}
    return result, bodies


def _derived_bodies(ds: Dataset, bodies: dict[str, str | None], query: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for node, name in ds.query(query):
        body = bodies.get(str(name))
        if body is not None:
            out[str(node)].add(body_key(body))
    return out


def test_seeds_with_dev_merge_nobody_and_no_meeting_across_bodies(seeds_and_dev):
    result, bodies = seeds_and_dev
    assert sum(b is not None for b in bodies.values()) >= 5  # the headings name some of the bodies
    ds = result.dataset
    prefix = "PREFIX mkg: <https://w3id.org/minutes-kg/def#> PREFIX prov: <http://www.w3.org/ns/prov#> "
    people = _derived_bodies(ds, bodies, prefix + """SELECT DISTINCT ?p ?f WHERE {
        ?p a mkg:Person . ?x ?pred ?p . ?x prov:wasDerivedFrom ?d . ?d mkg:fileName ?f }""")
    meetings = _derived_bodies(ds, bodies, prefix + """SELECT DISTINCT ?m ?f WHERE {
        ?m a mkg:Meeting ; prov:wasDerivedFrom ?d . ?d mkg:fileName ?f }""")
    assert people and meetings
    assert {p: b for p, b in people.items() if len(b) > 1} == {}
    assert {m: b for m, b in meetings.items() if len(b) > 1} == {}


def test_seeds_with_dev_link_each_document_to_its_body(seeds_and_dev):
    result, bodies = seeds_and_dev
    g = Dataset()
    named = {}
    for d, name in result.dataset.query("""PREFIX mkg: <https://w3id.org/minutes-kg/def#>
            SELECT ?d ?f WHERE { ?d a mkg:Document ; mkg:fileName ?f }"""):
        named[str(name)] = d
    for name, body in bodies.items():
        linked = set(result.dataset.objects(named[name], MKG.body))
        assert linked == ({ID[f"body/{body_key(body).replace(' ', '-')}"]} if body else set()), name
    assert all(o.status == "built" for o in result.outcomes)
    del g
