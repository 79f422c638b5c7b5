"""kg.api, the notebook API, on the examples' graph.

Each answer is checked against a reading of the graph's own triples (rdflib `triples()`,
`subjects()`, `objects()`), never against counts written here, so a change to the examples
does not break these tests and an empty answer cannot pass for a right one."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import kg.api as mk
from kg.errors import IngestError, QueryError
from kg.ingest import iter_inputs
from kg.namespace import ID, MKG

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PLAIN = (str, int, float, bool, date, datetime, time, type(None))


@pytest.fixture(scope="module")
def g() -> mk.MinutesGraph:
    return mk.build(EXAMPLES)


@pytest.fixture(scope="module")
def ds(g) -> Dataset:
    return g.dataset


def subjects_of(ds, cls) -> set:
    return set(ds.subjects(RDF.type, cls))


def label(ds, node) -> str:
    return str(ds.value(node, RDFS.label))


def same_value(term):
    """A term compared by value: Turtle writes the decimal "120" as 120.0, the same number."""
    if isinstance(term, Literal) and term.value is not None:
        return ("literal", term.datatype, term.language, term.value)
    return term


def assert_plain(rows: list[dict]) -> None:
    for row in rows:
        for column, v in row.items():
            # exact types: a URIRef or a Literal is a str subclass and must not slip through
            assert type(v) in PLAIN, f"{column}={v!r} is a {type(v).__name__}"


# ---------------------------------------------------------------- import

def test_importing_the_api_loads_no_heavy_library():
    code = ("import kg.api, sys; "
            "print(sorted(m for m in ('spacy', 'pyshacl', 'pyvis', 'networkx', 'rdflib', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- build, load, save

def test_build_report_lists_every_input(g, ds):
    files = iter_inputs([EXAMPLES])
    assert files
    r = g.report
    assert r["output"] is None
    assert [d["input"] for d in r["documents"]] == [str(f) for f in files]
    assert r["inputs"] == len(files) == r["built"] + r["failed"] + r["duplicates"]
    assert r["triples"] == len({q[:3] for q in ds.quads((None, None, None, None))})  # distinct, as kg info counts


def test_build_takes_a_list_or_a_generator_and_a_topic_scheme(tmp_path):
    scheme = tmp_path / "topics.ttl"
    scheme.write_text("""@prefix mkg: <https://w3id.org/minutes-kg/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/minutes-kg/id/topic/widgets> a skos:Concept, mkg:Topic ;
    rdfs:label "Widgets"@en ; skos:prefLabel "Widgets"@en ; skos:altLabel "fostering"@en .
""", encoding="utf-8")
    one = EXAMPLES / "2023-06-13_minutes.txt"
    built = mk.build((p for p in [one]), topics=scheme)
    assert [d["input"] for d in built.report["documents"]] == [str(one)]
    tagged = {str(t) for t in built.dataset.objects(None, MKG.topic)}
    assert tagged == {"https://w3id.org/minutes-kg/id/topic/widgets"}
    assert {r["topic"] for r in built.query("topic-items", topic_name="")} == {"Widgets"}


def test_build_without_minutes_says_so(tmp_path):
    with pytest.raises(IngestError, match="no minutes found"):
        mk.build(tmp_path)
    with pytest.raises(IngestError, match="no such file"):
        mk.build([tmp_path / "missing.txt"])


@pytest.mark.parametrize("name", ["out.trig", "out.nq", "out.ttl"])
def test_save_and_load_round_trip(g, ds, tmp_path, name):
    path = g.save(tmp_path / name)
    assert path == tmp_path / name and path.stat().st_size > 0
    loaded = mk.load(path)
    assert loaded.report is None
    union = {tuple(map(same_value, q[:3])) for q in ds.quads((None, None, None, None))}
    back = {tuple(map(same_value, q[:3])) for q in loaded.dataset.quads((None, None, None, None))}
    assert not any(isinstance(t, BNode) for triple in union for t in triple)  # else compare by isomorphism
    assert back == union
    if name != "out.ttl":  # TriG and N-Quads keep each document's named graph
        def graphs(d):
            return {getattr(c, "identifier", c) for _, _, _, c in d.quads((None, None, None, None))}

        assert graphs(loaded.dataset) == graphs(ds)
    assert loaded.query("meetings") == g.query("meetings")


def test_load_reads_an_oxigraph_store_folder(g, ds, tmp_path):
    from kg.store import load_into_store

    load_into_store(ds, tmp_path / "store")
    stored = mk.load(tmp_path / "store")
    assert stored.report is None
    assert len(stored.dataset) == len(ds)
    assert stored.query("chairs") == g.query("chairs")


# ---------------------------------------------------------------- queries

def test_queries_are_the_rq_files_with_titles(g):
    names = [p.stem for p in sorted((ROOT / "kg" / "queries").glob("*.rq"))]
    listed = g.queries()
    assert [n for n, _ in listed] == names
    assert all(isinstance(t, str) and t for _, t in listed)
    assert mk.queries() == listed


def test_meetings_query_has_one_row_per_meeting(g, ds):
    meetings = subjects_of(ds, MKG.Meeting)
    rows = g.query("meetings")
    assert meetings
    assert {r["meeting"] for r in rows} == {str(m) for m in meetings}
    assert len(rows) == len(meetings)
    for r in rows:
        m = URIRef(r["meeting"])
        assert r["items"] == len(set(ds.objects(m, MKG.item)))
        d = ds.value(m, MKG.date)
        assert r["date"] == (d.toPython() if d is not None else None)
        assert r["date"] is None or type(r["date"]) is date


def test_chairs_are_the_graphs_chairs(g, ds):
    expected = {(str(m), label(ds, c)) for m, c in ds.subject_objects(MKG.chair)}
    assert expected
    assert {(r["meeting"], r["chair"]) for r in g.query("chairs")} == expected


@pytest.mark.parametrize("name", [n for n, _ in mk.queries()])
def test_every_named_query_gives_plain_values(g, name):
    assert_plain(g.query(name))


def test_sparql_text_and_ask_give_plain_values(g, ds):
    rows = g.query("SELECT ?m ?d WHERE { ?m a mkg:Meeting . OPTIONAL { ?m mkg:date ?d } }")
    assert len(rows) == len(subjects_of(ds, MKG.Meeting))
    assert_plain(rows)
    assert g.query("ASK { ?m a mkg:Meeting }") == [{"ask": True}]
    assert g.query("ASK { ?m a mkg:NoSuchClass }") == [{"ask": False}]


def test_a_page_of_rows(g):
    every = g.query("items-per-meeting")
    assert len(every) > 8
    assert g.query("items-per-meeting", limit=5, offset=3) == every[3:8]
    assert g.query("topic-items", topic_name="", limit=2) == g.query("topic-items", topic_name="")[:2]


def test_params_narrow_a_named_query(g, ds):
    on_fostering = set()
    for ta, t in ds.subject_objects(MKG.topic):
        if (None, MKG.topicAssignment, ta) in ds and "fostering" in label(ds, t).lower():
            for h in ds.subjects(MKG.topicAssignment, ta):
                on_fostering.add((label(ds, t), label(ds, h)))
    assert on_fostering
    rows = g.query("topic-items", topic_name="fostering")
    assert {(r["topic"], r["title"]) for r in rows} == on_fostering
    assert len(g.query("topic-items", topic_name="")) > len(rows)


def test_a_param_may_be_called_name(g, ds):
    """The query name is positional-only, so a query parameter called `name` is a parameter."""
    rows = g.query("entity-timeline", name="ofsted")
    assert rows
    assert all("ofsted" in r["entity"].lower() for r in rows)


def test_unknown_params_and_queries_raise_query_error(g):
    with pytest.raises(QueryError, match="no parameter nope"):
        g.query("chairs", nope="x")
    with pytest.raises(QueryError, match="topic_name"):
        g.query("topic-items", topic="x")
    with pytest.raises(QueryError, match="not a named query"):
        g.query("no-such-query")


def test_python_value():
    from rdflib.namespace import XSD  # here: at module level pytest's collector pokes at the closed namespace

    assert type(mk.python_value(URIRef("https://example.org/x"))) is str
    assert type(mk.python_value(Literal("x", lang="en"))) is str
    assert mk.python_value(Literal("0.5", datatype=XSD.decimal)) == 0.5
    assert type(mk.python_value(Literal(Decimal("0.5")))) is float
    assert mk.python_value(Literal(3)) == 3 and type(mk.python_value(Literal(3))) is int
    assert mk.python_value(Literal("2024-03-12", datatype=XSD.date)) == date(2024, 3, 12)
    assert mk.python_value(Literal("10:00:00", datatype=XSD.time)) == time(10, 0)
    assert mk.python_value(Literal("2024-03", datatype=XSD.gYearMonth)) == "2024-03"
    assert mk.python_value(None) is None
    assert mk.python_value(True) is True


# ---------------------------------------------------------------- DataFrames

def test_df_without_pandas_says_how_to_install_it(g, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        g.df("chairs")


def test_df_with_pandas(g, ds):
    pytest.importorskip("pandas")
    frame = g.df("meetings")
    rows = g.query("meetings")
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == len(subjects_of(ds, MKG.Meeting))
    assert frame.to_dict("records")[0]["meeting"] == rows[0]["meeting"]
    empty = g.df("topic-items", topic_name="no topic is called this")
    assert len(empty) == 0 and list(empty.columns) == list(rows_columns(g, "topic-items"))


def rows_columns(g, name):
    from kg.queries import named_queries, run

    return run(g.dataset, next(q.text for q in named_queries() if q.name == name)).columns


# ---------------------------------------------------------------- info, validate

def test_info_counts_classes_and_meetings(g, ds):
    info = g.info()
    typed = {o for _, _, o in ds.triples((None, RDF.type, None)) if str(o).startswith(str(MKG))}
    assert set(info["classes"]) == {str(o)[len(str(MKG)):] for o in typed}
    for name, n in info["classes"].items():
        assert n == len(subjects_of(ds, MKG[name])), name
    meetings = subjects_of(ds, MKG.Meeting)
    assert {m["iri"] for m in info["meetings"]} == {str(m) for m in meetings}
    for m in info["meetings"]:
        assert m["items"] == len(set(ds.objects(URIRef(m["iri"]), MKG.item)))
        assert m["label"] == label(ds, URIRef(m["iri"]))
    dated = [m["date"] for m in info["meetings"] if m["date"] is not None]
    assert dated == sorted(dated) and all(type(d) is date for d in dated)
    assert info["triples"] == len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})


def test_validate(g):
    conforms, text = g.validate()
    assert conforms is True and "Conforms: True" in text
    broken = Dataset(default_union=True)
    broken.graph(ID["graph/test"]).add((ID["meeting/test"], RDF.type, MKG.Meeting))  # no label, no document
    conforms, text = mk.MinutesGraph(broken).validate()
    assert conforms is False and "Conforms: False" in text and "meeting/test" in text


# ---------------------------------------------------------------- across meetings

def test_trace_holds_every_item_naming_the_subject(g, ds):
    ofsted = {o for o in subjects_of(ds, MKG.Organisation) if label(ds, o) == "Ofsted"}
    assert ofsted
    naming = {str(i) for i in subjects_of(ds, MKG.AgendaItem) if any((i, MKG.mentions, o) in ds for o in ofsted)}
    assert naming
    rows = g.trace("Ofsted")
    assert naming <= {r["iri"] for r in rows if r["kind"] == "item"}
    assert all((URIRef(r["iri"]), None, None) in ds for r in rows)
    assert_plain([{k: v for k, v in r.items()} for r in rows])
    dated = [r["date"] for r in rows if r["date"] is not None]
    assert dated == sorted(dated) and all(type(d) is date for d in dated)
    assert [r["date"] is None for r in rows] == sorted(r["date"] is None for r in rows)  # undated last


def test_trace_of_nothing_raises(g):
    with pytest.raises(QueryError, match="nothing in the graph is called"):
        g.trace("no such partner anywhere")


def test_follow_ups_are_the_graphs_follow_ups(g, ds):
    asked = {str(f) for f in ds.objects(None, MKG.followUp)}
    assert asked
    rows = g.follow_ups()
    assert {r["iri"] for r in rows} == asked and len(rows) == len(asked)
    recorded = {str(f): str(ds.value(f, MKG.status)) for f in ds.objects(None, MKG.followUp)}
    assert {r["iri"]: r["status"] for r in rows} == recorded
    for r in rows:
        assert r["asked"] is None or type(r["asked"]) is date
        assert r["due"] is None or type(r["due"]) is str
    for status in mk.FOLLOW_UP_STATUSES:
        assert {r["iri"] for r in g.follow_ups(status=status)} == {f for f, s in recorded.items() if s == status}
    both = {r["iri"] for r in g.follow_ups(status=["open", "overdue"])}
    assert both == {f for f, s in recorded.items() if s in ("open", "overdue")}


def test_follow_ups_as_of_a_day(g, ds):
    due = {str(f) for f in ds.objects(None, MKG.followUp) if ds.value(f, MKG.dueDate) is not None}
    answered = {str(f) for f in ds.objects(None, MKG.followUp) if ds.value(f, MKG.fulfilledBy) is not None}
    far = g.follow_ups(as_of="2100-01-01")
    assert {r["iri"] for r in far if r["status"] == "overdue"} == due - answered
    assert {r["iri"] for r in far if r["status"] == "open"} == set(r["iri"] for r in far) - due - answered
    assert g.follow_ups(as_of=date(2100, 1, 1)) == far
    first = min(d.toPython() for d in ds.objects(None, MKG.date))
    assert {r["status"] for r in g.follow_ups()} != {"open"}
    assert {r["status"] for r in g.follow_ups(as_of=first)} == {"open"}  # nothing answered or due yet
    with pytest.raises(QueryError, match="not a date"):
        g.follow_ups(as_of="next year")
    with pytest.raises(QueryError, match="unknown follow-up status"):
        g.follow_ups(status="overdu")


# ---------------------------------------------------------------- networks

def test_analyse_and_networkx_see_every_meeting(g, ds):
    meetings = {str(m) for m in subjects_of(ds, MKG.Meeting)}
    assert g.analyse()["summary"]["meetings"] == len(meetings)
    net = g.networkx()
    assert {n for n, k in net.nodes(data="kind") if k == "meeting"} == meetings
    people = g.networkx(types="person")
    assert {n for n, k in people.nodes(data="kind")} <= {str(p) for p in subjects_of(ds, MKG.Person)}
    assert people.number_of_nodes() > 0


def test_attendance_is_over_meetings_whose_attendance_is_recorded(g):
    """The examples' agenda pack holds a meeting with no attendance list: no one is absent from it."""
    rows = g.attendance()
    assert rows and all(r["meetings_unrecorded"] >= 0 for r in rows)
    assert any(r["meetings_unrecorded"] for r in rows)
    assert max(r["rate"] for r in rows if r["rate"] is not None) == 1.0
    by_name = {r["name"]: r for r in g.query("attendance-per-member")}
    for r in rows:
        if r["committee"]:
            assert r["present"] <= by_name[r["person"]]["attended"] <= by_name[r["person"]]["recorded"]


def test_map_writes_a_page_naming_the_partners(g, ds, tmp_path):
    path = g.map(tmp_path / "maps" / "partners.html", types="organisation", title="Partners")
    page = path.read_text(encoding="utf-8")
    assert path == tmp_path / "maps" / "partners.html"
    assert "<title>Partners</title>" in page
    mentioned = {str(o) for o in subjects_of(ds, MKG.Organisation) if (None, MKG.mentions, o) in ds}
    assert mentioned and all(f'"id": "{iri}"' in page for iri in mentioned)
    assert "/id/person/" not in page  # types="organisation" left the people out
    for person in sorted(subjects_of(ds, MKG.Person)):  # every person, a contact officer too, has a map
        around = g.map(tmp_path / "ego.html", ego=str(person), depth=1)
        assert str(person) in around.read_text(encoding="utf-8")


def test_export_csv_has_every_node(g, tmp_path):
    nodes, edges = g.export(tmp_path / "net.csv", "csv")
    net = g.networkx()
    assert len(nodes.read_text(encoding="utf-8").splitlines()) == net.number_of_nodes() + 1
    assert len(edges.read_text(encoding="utf-8").splitlines()) == net.number_of_edges() + 1


# ---------------------------------------------------------------- the docs

def test_the_session_in_the_docs_runs(tmp_path, monkeypatch):
    """docs/python-api.md's session, statement by statement, in a scratch folder beside the
    examples: every line runs, and a line shown raising raises that error. The output is not
    compared: it moves with the examples."""
    import doctest
    import importlib.util

    text = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    examples = doctest.DocTestParser().get_examples(text)
    assert len(examples) > 10
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "graphs").mkdir()
    monkeypatch.chdir(tmp_path)
    has_pandas = importlib.util.find_spec("pandas") is not None
    namespace: dict = {}
    for ex in examples:
        if ".df(" in ex.source and not has_pandas:
            continue
        code = compile(ex.source, "docs/python-api.md", "single")
        if ex.exc_msg:
            with pytest.raises(Exception) as err:
                exec(code, namespace)
            shown = f"{type(err.value).__module__}.{type(err.value).__qualname__}: {err.value}"
            assert ex.exc_msg.strip() == shown, ex.source
        else:
            with monkeypatch.context() as m:
                m.setattr(sys, "displayhook", lambda value: None)
                exec(code, namespace)
    assert (tmp_path / "graphs" / "examples.trig").is_file()
