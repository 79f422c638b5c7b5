"""A build checks each document's nodes where its graph is made, and what crosses documents
once (issue 21, point 1): the same results as one pass over the whole graph, and an unchanged
document is not checked again when its graph comes from the cache."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.validate as kv
from kg.build import build

from test_build import corpus  # noqa: F401 (the fixture: the four invented minutes)
from test_segment import MARKDOWN

#: stricter than the bundled shapes, so that both passes have problems to find: a venue for every
#: meeting and another name for every person (across documents), a number for every item and a person
#: as every report's author (a document's own nodes), nothing fulfilled (follow-ups, links graph)
STRICTER = """
@prefix mkg:    <https://w3id.org/minutes-kg/def#> .
@prefix mkgsh:  <https://w3id.org/minutes-kg/shapes#> .
@prefix sh:     <http://www.w3.org/ns/shacl#> .
mkgsh:MeetingShape sh:property [ sh:path mkg:venue ; sh:minCount 1 ; sh:message "a venue" ] .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
mkgsh:PersonShape sh:property [ sh:path skos:altLabel ; sh:minCount 1 ; sh:message "another name" ] .
mkgsh:AgendaItemShape sh:property [ sh:path mkg:minuteNumber ; sh:minCount 1 ; sh:message "a number" ] .
mkgsh:AgendaItemShape sh:property [ sh:path mkg:considered ; sh:maxCount 0 ; sh:message "nothing considered" ] .
mkgsh:ReportShape sh:property [ sh:path mkg:author ; sh:minCount 1 ; sh:class mkg:Person ;
                                sh:message "a person wrote it" ] .
mkgsh:FollowUpShape sh:property [ sh:path mkg:fulfilledBy ; sh:maxCount 0 ; sh:message "not fulfilled" ] .
"""


@pytest.fixture
def stricter(tmp_path: Path, monkeypatch):
    shapes = tmp_path / "stricter.ttl"
    shapes.write_text(kv.SHAPES.read_text(encoding="utf-8") + STRICTER, encoding="utf-8")
    monkeypatch.setattr(kv, "SHAPES", shapes)
    for cached in (kv._split_shapes, kv._classes, kv._document_needs, kv._compiled_document_shapes):
        cached.cache_clear()
    yield
    for cached in (kv._split_shapes, kv._classes, kv._document_needs, kv._compiled_document_shapes):
        cached.cache_clear()


@pytest.mark.parametrize("workers", [1, 2])
def test_two_passes_find_what_one_pass_finds(corpus, stricter, workers):
    result = build([corpus], validate=True, workers=workers)
    assert result.checks is not None and any(result.checks.values())
    two = result.validate()
    one = kv.validate(result.quads)
    assert one.results and not one.conforms
    assert {r["message"] for r in one.results} >= {"a venue", "another name", "a number", "a person wrote it"}
    assert two.results == one.results and two.conforms == one.conforms


def test_the_bundled_shapes_give_the_same_verdict(corpus):
    result = build([corpus], validate=True)
    one = kv.validate(result.quads)
    assert result.validate().results == one.results and result.validate().conforms == one.conforms


def test_an_unchanged_document_is_not_checked_again(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = build([corpus], validate=True, cache_dir=cache).validate()
    calls = []
    real = kv.validate_document
    monkeypatch.setattr(kv, "validate_document", lambda *a: calls.append(1) or real(*a))
    again = build([corpus], validate=True, cache_dir=cache)
    assert calls == [] and again.validate().results == first.results
    (corpus / "2023-09-19.md").write_text(MARKDOWN + "\nThe Committee noted a late addendum.\n", encoding="utf-8")
    build([corpus], validate=True, cache_dir=cache).validate()
    assert len(calls) >= 1


def test_without_the_checks_a_build_is_validated_whole(corpus, monkeypatch):
    result = build([corpus])
    assert result.checks is None
    monkeypatch.setattr(kv, "validate_build", lambda *a: pytest.fail("no per-document checks to use"))
    assert result.validate().conforms == kv.validate(result.quads).conforms


ID = "https://w3id.org/minutes-kg/id/"
MKG_ = "https://w3id.org/minutes-kg/def#"
TYPE, LABEL = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>"
FROM = "<http://www.w3.org/ns/prov#wasDerivedFrom>"


def _graph(name: str, triples: list[tuple[str, str, str]]) -> tuple[str, bytes]:
    g = f"<{ID}graph/{name}>"
    return g, "".join(sorted(f"{s} {p} {o} {g} .\n" for s, p, o in triples)).encode("utf-8")


def _spoken_of_elsewhere():
    """Two documents' graphs whose nodes other graphs speak of: an item the links graph says
    considered the other document's report, and an item typed (and labelled) in both."""
    i1, i2, m, r, p = (f"<{ID}{x}>" for x in ("item/1", "item/2", "meeting/m", "report/r", "person/p"))
    a, b = f"<{ID}doc/a>", f"<{ID}doc/b>"
    k = lambda term: f"<{MKG_}{term}>"  # noqa: E731
    return dict([
        _graph("a", [(a, TYPE, k("Document")), (a, LABEL, '"a.txt"'), (a, k("fileName"), '"a.txt"'),
                     (m, TYPE, k("Meeting")), (m, LABEL, '"Leisure"'), (m, FROM, a), (m, k("venue"), '"Hall"'),
                     (m, k("item"), i1), (m, k("item"), i2),
                     (i1, TYPE, k("AgendaItem")), (i1, LABEL, '"Parks"'), (i1, FROM, a), (i1, k("minuteNumber"), '"1"'),
                     (i2, TYPE, k("AgendaItem")), (i2, LABEL, '"Pools"'), (i2, FROM, a), (i2, k("minuteNumber"), '"2"')]),
        _graph("b", [(b, TYPE, k("Document")), (b, LABEL, '"b.txt"'), (b, k("fileName"), '"b.txt"'),
                     (r, TYPE, k("Report")), (r, LABEL, '"Play areas"'), (r, FROM, b), (r, k("forMeeting"), m),
                     (r, k("author"), p), (i2, TYPE, k("AgendaItem")), (i2, LABEL, '"Swimming pools"')]),
        _graph("links", [(i1, k("considered"), r)]),
        _graph("entities", [(p, TYPE, k("Person")), (p, LABEL, '"A. Marsh"')]),
    ])


@pytest.mark.parametrize("shapes", ["bundled", "stricter"])
def test_a_documents_node_another_graph_speaks_of_is_checked_whole(shapes, request):
    from kg.store import Quads

    if shapes == "stricter":
        request.getfixturevalue("stricter")
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from kg.namespace import MKG

    quads = Quads(_spoken_of_elsewhere())
    person = [(URIRef(f"{ID}person/p"), RDF.type, MKG.Person)]  # what the build knows of the shared node
    checks = {name: kv.validate_document(data, person if name.endswith("/b>") else [])
              for name, data in quads.graphs.items() if name.endswith(("/a>", "/b>"))}
    one = kv.validate(quads)
    assert any(r["focus"].endswith("item/2") for r in one.results)  # two labels, in two graphs
    if shapes == "stricter":
        assert any(r["focus"].endswith("item/1") and r["message"] == "nothing considered" for r in one.results)
    assert kv.validate_build(quads, checks).results == one.results
