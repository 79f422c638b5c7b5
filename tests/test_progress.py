"""Long work keeps talking: the build names each step after the reading, `kg serve` says what
it loads, and `kg info` tells undated meetings apart by their document."""
from __future__ import annotations

from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.cli import main
from kg.namespace import MKG
from kg.serve import prepare_store
from kg.store import save

from test_segment import PDFTOTEXT

ID = Namespace("https://w3id.org/minutes-kg/id/")


def test_build_names_assembly_writing_and_validation_after_reading(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PDFTOTEXT, encoding="utf-8")
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    steps = ["Reading minutes", "Assembling the graph of 1 document(s)", f"Writing {out}",
             "Validating against the shapes"]
    assert all(step in lines for step in steps), result.output
    assert [lines.index(step) for step in steps] == sorted(lines.index(step) for step in steps)
    quiet = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-q"])
    assert not any(step in quiet.output for step in steps)


def test_build_without_validation_names_no_validation(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PDFTOTEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.nq"), "--no-validate"])
    assert result.exit_code == 0 and "Assembling the graph" in result.output
    assert "Validating" not in result.output


def test_serve_says_what_it_loads(tmp_path):
    ds = Dataset(default_union=True)
    for n in range(2):
        ds.graph(URIRef(f"http://example.org/doc/{n}")).add((ID[f"m{n}"], RDF.type, MKG.Meeting))
    folder = tmp_path / "graphs"
    folder.mkdir()
    save(ds, folder / "a.nq")
    save(ds, folder / "b.nq")
    said: list[str] = []
    location, merged = prepare_store(folder, tmp_path / "store", echo=said.append)
    assert merged and location == tmp_path / "store"
    assert said[0].startswith(f"Loading {folder} (2 file(s),")
    assert [s.split(" (")[0].strip() for s in said[1:3]] == ["loaded a.nq", "loaded b.nq"]
    assert "100% of the bytes" in said[2]
    assert said[-1].startswith("Loaded 4 quads in ")  # 2 distinct triples in named graphs + their merge


def test_info_tells_undated_meetings_apart_by_their_document(tmp_path):
    ds = Dataset(default_union=True)
    for n, name in enumerate(["b_parks-panel.txt", "a_licensing-panel.txt"]):
        doc = ID[f"doc/{n}"]
        g = ds.graph(URIRef(f"https://w3id.org/minutes-kg/id/graph/{n}"))
        g.add((doc, RDF.type, MKG.Document))
        g.add((doc, MKG.fileName, Literal(name)))
        meeting = ID[f"meeting/undated/{n}"]
        g.add((meeting, RDF.type, MKG.Meeting))
        g.add((meeting, RDFS.label, Literal("Meeting (undated)")))
        g.add((meeting, PROV.wasDerivedFrom, doc))
    path = save(ds, tmp_path / "undated.trig")
    result = CliRunner().invoke(main, ["info", str(path)])
    assert result.exit_code == 0, result.output
    undated = [line.strip() for line in result.output.splitlines() if line.strip().startswith("undated")]
    assert undated == ["undated     Meeting (undated)  (0 items)  from a_licensing-panel.txt",
                       "undated     Meeting (undated)  (0 items)  from b_parks-panel.txt"]
