"""kg query: errors point into the user's own text, and a file that is not a graph says so."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Literal, Namespace, URIRef

from kg.cli import main
from kg.sparql_errors import undeclared_prefix
from kg.store import load_into_store, save

MKG = Namespace("https://w3id.org/minutes-kg/def#")
EX = Namespace("http://example.org/")


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qerr")
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("http://example.org/doc/1"))
    g.add((EX.m1, RDF.type, MKG.Meeting))
    g.add((EX.m1, EX.label, Literal("Parks Panel")))
    nq = save(ds, tmp / "small.nq")
    load_into_store(nq, tmp / "store")
    return {"file": nq, "store": tmp / "store", "tmp": tmp}


def run(*args):
    return CliRunner().invoke(main, ["query", *map(str, args)])


@pytest.mark.parametrize("where", ["file", "store"])  # rdflib answers the small file, Oxigraph the store
def test_standard_prefixes_need_no_declaration(graphs, where):
    result = run(graphs[where], "SELECT (COUNT(*) AS ?n) WHERE { ?m a mkg:Meeting }", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1"


def test_rdflib_syntax_error_is_at_the_users_line(graphs):
    result = run(graphs["file"], "SELECT ?s\nWHERE {\n  ?s ?p\n}")
    assert result.exit_code == 2
    assert "(line:3, col:3)" in result.output  # not line 11: kg's eight prefixes are not counted


@pytest.mark.parametrize("where", ["file", "store"])
def test_undeclared_prefix_is_named_at_its_place(graphs, where):
    result = run(graphs[where], "SELECT ?n WHERE {\n  ?m a mkg:Meeting ; ex:label ?n }")
    assert result.exit_code == 2
    assert "line 2, column 22" in result.output and "'ex:' is not declared" in result.output


def test_oxigraph_syntax_error_is_one_sentence_in_the_users_lines(graphs):
    result = run(graphs["store"], "SELECT ?s WHERE {\n  ?s ?p ?o\n} LIMT 3")
    assert result.exit_code == 2
    message = result.output.strip().splitlines()
    assert len(message) == 1 and message[0].startswith("Error: Syntax error at line 3") and "[" not in message[0]


@pytest.mark.parametrize("name, text", [("report.json", json.dumps({"inputs": 3, "warnings": []})),
                                        ("empty.ttl", "")])
def test_a_file_that_is_not_a_graph_says_so(graphs, name, text):
    path = graphs["tmp"] / name
    path.write_text(text, encoding="utf-8")
    result = run(path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "not a graph" in result.output and "0 rows" not in result.output


def test_undeclared_prefix_ignores_strings_iris_comments_and_declarations():
    query = 'PREFIX ex: <http://e/a:b>\nSELECT * { ?s ex:a "x:y", <http://z/q:r> } # no:where'
    assert undeclared_prefix(query) is None
    assert undeclared_prefix("SELECT * { ?s rdfs:label ?o }", {"mkg"}) == ("rdfs", 1, 15)
    assert undeclared_prefix("SELECT * { ?s :p ?o }") == ("", 1, 15)
