"""kg serve: a real server on a free loopback port, queried over HTTP with urllib."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Dataset, Literal, Namespace

from kg.serve import free_port, is_loopback, looks_like_update, stop_process, uses_service, wait_until_up
from kg.store import save

EX = Namespace("http://example.org/")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m kg.cli_store serve` on a small graph; always stopped at the end."""
    tmp = tmp_path_factory.mktemp("serve")
    ds = Dataset(default_union=True)
    ds.graph(EX.doc1).add((EX.alice, EX.name, Literal("Alice")))
    ds.graph(EX.doc1).add((EX.alice, EX.attended, EX.meeting1))
    ds.graph(EX.doc2).add((EX.alice, EX.attended, EX.meeting1))  # in both documents: counted once
    ds.graph(EX.doc2).add((EX.bob, EX.name, Literal("Bob, \"B\"\tjr")))
    graph = save(ds, tmp / "small.nq")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli_store", "serve", str(graph), "--port", str(port),
                                "--timeout", "5", "--store", str(tmp / "store")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/queries.json", attempts=300, pause=0.1, process=process)
        yield base
    finally:
        stop_process(process)


def fetch(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def get(base, query, accept):
    return fetch(base + "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


NAMES = "SELECT ?name WHERE { ?p <http://example.org/name> ?name } ORDER BY ?name"


@pytest.mark.server
def test_json_get_counts_each_fact_once(server):
    status, ctype, body = get(server, COUNT, "application/sparql-results+json")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.server
def test_csv_and_tsv(server):
    status, ctype, body = get(server, NAMES, "text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [["name"], ["Alice"], ['Bob, "B"\tjr']]
    status, ctype, body = get(server, NAMES, "text/tab-separated-values")
    assert status == 200 and ctype.startswith("text/tab-separated-values")
    assert body.splitlines()[0] == "?name" and body.splitlines()[1] == '"Alice"'


@pytest.mark.server
def test_xml_by_post_form(server):
    data = urllib.parse.urlencode({"query": NAMES}).encode()
    status, ctype, body = fetch(server + "/query", data, {"Accept": "application/sparql-results+xml",
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and ctype.startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in ET.fromstring(body).findall(".//r:literal", ns)] == ["Alice", 'Bob, "B"\tjr']


@pytest.mark.server
def test_post_sparql_query_body_and_named_graphs(server):
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    status, _, body = fetch(server + "/sparql", query.encode(), {"Accept": "text/csv",
                                                                 "Content-Type": "application/sparql-query"})
    assert status == 200
    assert body.splitlines()[1:] == [f"{EX.doc1},2", f"{EX.doc2},2"]


@pytest.mark.server
@pytest.mark.parametrize("how", ["update-param", "update-body", "update-in-query", "update-endpoint"])
def test_updates_are_refused(server, how):
    update = "INSERT DATA { <http://example.org/x> <http://example.org/y> <http://example.org/z> }"
    if how == "update-param":
        status, _, _ = fetch(server + "/query", urllib.parse.urlencode({"update": update}).encode(),
                             {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        status, _, _ = fetch(server + "/query", update.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "update-in-query":
        status, _, _ = get(server, update, "application/sparql-results+json")
    else:
        status, _, _ = fetch(server + "/update", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403
    assert json.loads(get(server, COUNT, "application/sparql-results+json")[2])["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.server
def test_graph_store_writes_are_refused(server):
    status, _, _ = fetch(server + "/store?default", b"<http://a> <http://b> <http://c> .",
                         {"Content-Type": "application/n-triples"}, method="PUT")
    assert status == 403


@pytest.mark.server
def test_service_is_refused(server):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body = get(server, query, "application/sparql-results+json")
    assert status == 400 and "SERVICE" in body


@pytest.mark.server
def test_bad_query_is_an_error_not_a_crash(server):
    status, _, _ = get(server, "SELECT ?s WHERE { ?s ?p }", "application/sparql-results+json")
    assert status == 400
    assert get(server, COUNT, "text/csv")[0] == 200


@pytest.mark.server
def test_page_is_local_and_offers_named_queries(server):
    status, ctype, page = fetch(server + "/")
    assert status == 200 and ctype.startswith("text/html")
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page) + re.findall(r"<link[^>]*href=\"([^\"]+)\"", page)
    assert scripts and not any(s.startswith(("http:", "https:", "//")) for s in scripts)
    assert not re.search(r"https?://", page)
    status, ctype, js = fetch(server + "/app.js")
    assert status == 200 and "javascript" in ctype
    assert "innerHTML" not in js and not re.search(r"https?://", js)
    assert "textContent" in js
    status, _, body = fetch(server + "/queries.json")
    named = json.loads(body)
    assert status == 200 and named and all({"name", "title", "description", "query"} <= set(q) for q in named)
    # a named query with parameters, as the page sends it: the front writes them in (fold_params)
    figures = next(q["query"] for q in named if q["name"] == "figures-over-time")
    status, _, body = get(server, figures.replace('"children in care"', '"fostering"'), "application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


@pytest.mark.server
def test_unknown_path_is_404(server):
    assert fetch(server + "/nothing-here")[0] == 404


def test_service_detection():
    assert uses_service("SELECT * { SERVICE <http://x> { ?s ?p ?o } }")
    assert uses_service("select * {\n  service silent <http://x> {} }")
    assert uses_service(r"SELECT * { \u0053ERVICE <http://x> {} }")
    assert not uses_service('SELECT ?service { ?service ex:service "SERVICE" } # SERVICE')
    assert looks_like_update("PREFIX ex: <http://delete/> DELETE WHERE { ?s ?p ?o }")
    assert not looks_like_update('SELECT ?insert { ?insert ?p "DELETE" }')


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


@pytest.mark.server
def test_long_query_is_stopped_with_503(tmp_path):
    """A cross join over 3,000 triples (2.7e10 rows) must be cancelled after --timeout 1."""
    ds = Dataset(default_union=True)
    for i in range(3000):
        ds.graph(EX.doc).add((EX[f"s{i}"], EX.p, Literal(i)))
    graph = save(ds, tmp_path / "filler.nt")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli_store", "serve", str(graph), "--port", str(port),
                                "--timeout", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/queries.json", attempts=300, pause=0.1, process=process)
        status, _, body = get(base, "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "text/csv")
        assert status == 503 and "longer than 1 s" in body
        assert get(base, COUNT, "text/csv")[2].splitlines() == ["n", "3000"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()
