"""kg/store.py: Oxigraph stores, queries (kg.queries.query_any) on files and stores, and push to a real Oxigraph server."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef

from kg import store
from kg.errors import GraphLoadError
from kg.queries import plain, query_any, run

EX = Namespace("http://example.org/")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def small_dataset() -> Dataset:
    """Two documents sharing one triple, a multi-line literal, a language tag, a default triple."""
    ds = Dataset(default_union=True)
    d1, d2 = ds.graph(EX.doc1), ds.graph(EX.doc2)
    d1.add((EX.alice, EX.name, Literal('Alice "Al"\nSmith')))
    d1.add((EX.alice, EX.attended, EX.meeting1))
    d2.add((EX.alice, EX.attended, EX.meeting1))  # the same fact in both documents
    d2.add((EX.bob, EX.name, Literal("Bob", lang="en")))
    d2.add((EX.bob, EX.age, Literal(42)))
    ds.add((EX.meeting1, EX.label, Literal("Cabinet")))
    return ds


@pytest.fixture
def nq_file(tmp_path) -> Path:
    return store.save(small_dataset(), tmp_path / "small.nq")


def values(rows):
    return [[plain(v) for v in row] for row in rows]


def test_save_nquads_escapes_newlines(nq_file):
    text = nq_file.read_text(encoding="utf-8")
    assert '"Alice \\"Al\\"\\nSmith"' in text
    assert '"""' not in text


def test_load_into_store_keeps_named_graphs_and_merges_default(tmp_path, nq_file):
    n = store.load_into_store(nq_file, tmp_path / "st")
    assert store.is_store(tmp_path / "st") and not store.is_store(tmp_path)
    assert not store.is_store(nq_file)
    # 6 quads as given + 4 distinct named-graph triples copied into the default graph
    assert n == 10
    cols, rows = query_any(tmp_path / "st", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                                  "GROUP BY ?g ORDER BY ?g")
    assert cols == ["g", "n"]
    assert values(rows) == [[str(EX.doc1), 2], [str(EX.doc2), 3]]


def test_load_into_store_from_dataset(tmp_path):
    assert store.load_into_store(small_dataset(), tmp_path / "st") == 10


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_file_and_store_give_the_same_answers(tmp_path, nq_file, engine):
    store.load_into_store(nq_file, tmp_path / "st")
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o"
    _, _, from_file = store.execute(nq_file, query, engine=engine)
    _, from_store = query_any(tmp_path / "st", query)
    assert from_file == from_store
    assert values(store.execute(nq_file, COUNT, engine=engine)[2]) == [[5]]  # set semantics, as rdflib's


def test_query_any_on_file_uses_named_query_prefixes(nq_file):
    cols, rows = query_any(nq_file, "ASK { ?s rdf:type ?o }")
    assert cols == ["ask"] and rows == [[False]]


def test_big_file_goes_through_oxigraph(monkeypatch, nq_file):
    monkeypatch.setattr(store, "BIG_FILE_BYTES", 1)
    ds = store.load(nq_file)
    assert isinstance(ds.store, store.OxigraphBackend)
    assert values(run(ds, COUNT).rows) == [[5]]


def test_load_of_store_folder_is_a_dataset_for_every_command(tmp_path, nq_file):
    store.load_into_store(nq_file, tmp_path / "st")
    ds = store.load(tmp_path / "st")
    assert isinstance(ds, Dataset) and isinstance(ds.store, store.OxigraphBackend)
    assert len(ds) == 5
    assert {str(g.identifier) for g in ds.graphs()} >= {str(EX.doc1), str(EX.doc2)}
    assert set(ds.objects(EX.bob, EX.age)) == {Literal(42)}
    # the rdflib view gives back the quads that went in
    store.save(ds, tmp_path / "back.nq")
    assert (tmp_path / "back.nq").read_text() == nq_file.read_text()
    # kg query's path: run() on the Dataset is answered by Oxigraph, rendered as rdflib terms
    result = run(ds, "SELECT ?name WHERE { <http://example.org/bob> <http://example.org/name> ?name }")
    assert result.rows == [[Literal("Bob", lang="en")]]


def test_open_store_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(GraphLoadError):
        store.open_store(tmp_path)
    with pytest.raises(GraphLoadError):
        store.open_store(tmp_path / "missing", read_only=True)


def test_store_query_errors_are_query_errors(tmp_path, nq_file):
    from kg.errors import QueryError

    store.load_into_store(nq_file, tmp_path / "st")
    with pytest.raises(QueryError):
        query_any(tmp_path / "st", "SELECT ?s WHERE { ?s ?p }")


def test_terms_round_trip():
    for term in (URIRef("http://x/a"), Literal("x"), Literal("y", lang="fr"), Literal(3), Literal("2020-01-02",
                 datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))):
        assert store.to_rdflib(store.to_oxigraph(term)) == term


# ---------------------------------------------------------------- push to a real Oxigraph server

@pytest.fixture
def oxigraph_rw(tmp_path):
    """A writable `oxigraph serve` on a free loopback port, always stopped afterwards."""
    from kg.serve import oxigraph_server

    with oxigraph_server(tmp_path / "remote", read_only=False, timeout=10) as base:
        yield base


def _remote_count(base: str, query: str) -> list[str]:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode().splitlines()


@pytest.mark.server
def test_push_puts_one_named_graph_per_document(oxigraph_rw, nq_file):
    sent = store.push(nq_file, oxigraph_rw + "/store")
    assert sent == {str(EX.doc1): 2, str(EX.doc2): 3, "default": 1}
    lines = _remote_count(oxigraph_rw, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    assert lines[1:] == [f"{EX.doc1},2", f"{EX.doc2},3"]
    url = oxigraph_rw + "/query?" + urllib.parse.urlencode(
        {"query": "SELECT ?o WHERE { GRAPH ?g { <http://example.org/alice> <http://example.org/name> ?o } }"})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                timeout=10) as r:
        assert json.load(r)["results"]["bindings"][0]["o"]["value"] == 'Alice "Al"\nSmith'
    # a second push refuses to overwrite, --replace overwrites (PUT: no duplicates)
    with pytest.raises(GraphLoadError, match="--replace"):
        store.push(nq_file, oxigraph_rw + "/store")
    store.push(nq_file, oxigraph_rw + "/store", replace=True)
    assert _remote_count(oxigraph_rw, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[1] == "5"


def test_push_to_nothing_says_what_to_do(nq_file):
    from kg.serve import free_port

    with pytest.raises(GraphLoadError, match="not reachable"):
        store.push(nq_file, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_cli_load_then_query_store(tmp_path, nq_file):
    out = subprocess.run([sys.executable, "-m", "kg.cli_store", "load", str(nq_file), "--store", str(tmp_path / "st")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "10 quads" in out.stderr
    assert values(query_any(tmp_path / "st", COUNT)[1]) == [[5]]


def test_loading_a_missing_file_leaves_no_store_behind(tmp_path):
    with pytest.raises(GraphLoadError, match="no such file"):
        store.load_into_store(tmp_path / "nothing.nq", tmp_path / "st")
    assert not (tmp_path / "st").exists()


def test_commands_have_help_with_example():
    from kg.cli_store import COMMANDS

    assert [c.name for c in COMMANDS] == ["serve", "push", "load"]
    for command in COMMANDS:
        assert "Example:" in command.help


@pytest.mark.parametrize("suffix", [".trig", ".jsonld", ".nq"])
def test_quad_formats_round_trip(tmp_path, suffix):
    from rdflib.compare import isomorphic

    written = store.save(small_dataset(), tmp_path / f"g{suffix}")
    back = store.load(written)
    for name in (EX.doc1, EX.doc2):
        assert isomorphic(back.graph(name), small_dataset().graph(name))
    assert set(back.objects(EX.alice, EX.name)) == {Literal('Alice "Al"\nSmith')}


def test_turtle_and_trig_keep_every_literal_and_iri_exactly(tmp_path):
    """Turtle and TriG (written by pyoxigraph from the sorted N-Quads): what Oxigraph reads back
    from them is, quad for quad and lexical form for lexical form, what the N-Quads of the same
    dataset say, and the same dataset gives the same bytes."""
    import pyoxigraph as ox
    from rdflib import XSD
    from rdflib.namespace import RDF, RDFS

    from kg.namespace import MKG, bind_prefixes

    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    g = ds.graph(URIRef("https://w3id.org/minutes-kg/id/graph/doc/1"))
    s = URIRef("https://w3id.org/minutes-kg/id/meeting/x/item/1")
    for o in [Literal("14", datatype=XSD.decimal), Literal("0.50", datatype=XSD.decimal), Literal(7),
              Literal("007", datatype=XSD.integer), Literal(True), Literal("2023-06-13", datatype=XSD.date),
              Literal("line one\nline \"two\" \\ <b>three</b>"), Literal("Zoë", lang="cy"),
              URIRef(str(MKG) + "odd/local"), URIRef(str(MKG) + "ends."), URIRef("urn:x:a%20b")]:
        g.add((s, MKG.value, o))
    g.add((s, RDF.type, MKG.AgendaItem))
    ds.graph(URIRef("https://w3id.org/minutes-kg/id/graph/entities")).add((s, RDFS.label, Literal("Item")))

    def quads(path, fmt, graphs=True):
        st = ox.Store()
        st.bulk_load(path=str(path), format=fmt)
        return {(q.subject, q.predicate, q.object, q.graph_name if graphs else None) for q in st}

    nq, ttl, trig = (store.save(ds, tmp_path / f"g.{x}") for x in ("nq", "ttl", "trig"))
    expected = quads(nq, ox.RdfFormat.N_QUADS)
    assert quads(trig, ox.RdfFormat.TRIG) == expected
    assert quads(ttl, ox.RdfFormat.TURTLE, graphs=False) == {(s, p, o, None) for s, p, o, _ in expected}
    text = ttl.read_text(encoding="utf-8")
    assert "mkg:value" in text and "14.0" not in text  # prefixed names; no literal rewritten
    assert store.save(ds, tmp_path / "again.ttl").read_bytes() == ttl.read_bytes()
    assert store.save(ds, tmp_path / "again.trig").read_bytes() == trig.read_bytes()


def test_turtle_leaves_out_prefixes_it_could_not_write(tmp_path):
    """A prefix bound by a loaded file that Turtle cannot declare as written is not used:
    its IRIs are written whole, and the file still reads back."""
    import pyoxigraph as ox

    ds = Dataset(default_union=True)
    ds.bind("9bad", URIRef("http://example.org/a/"))
    ds.bind("odd", URIRef("http://example.org/b c/"))
    ds.add((URIRef("http://example.org/a/x"), URIRef("http://example.org/a/p"), Literal("v")))
    text = store.save(ds, tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "9bad" not in text and "b c" not in text and "<http://example.org/a/x>" in text
    st = ox.Store()
    st.bulk_load(path=str(tmp_path / "g.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(st) == 1
