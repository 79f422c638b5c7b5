"""What the search index is made of, read from a graph: each passage a researcher may look
for, the facts that place it (its meeting's date, committee and body) and the labels of
committees and bodies, each kept with the named graph it was read from.

Read graph by graph (`named=True`: each pattern under `GRAPH ?g`), a document's passages
depend on its own graph only, so an index can keep them while that graph is unchanged and
read only the graphs a rebuild changed (`kg.search.index.update_index`). Read from a graph
file as one whole (`named=False`), every row carries the graph name "".

A passage's meeting is kept as its IRI; the meeting's date, committee and body are worked
out from the facts of every graph (`meeting_places`), since a meeting minuted in two
documents, or a committee's label in the graph of shared nodes, lies outside one document's graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pyoxigraph as ox

from kg.queries import PREFIXES

# What each kind of passage is in the graph: ?m the meeting, ?node the passage, ?title and/or ?text its words.
# One small query per kind, one for the spans and a few for the meetings' facts, joined here: Oxigraph
# answers each in milliseconds, where one query joining them all took seconds.
KIND_PATTERNS = {
    "item": "?m mkg:item ?node . ?node rdfs:label ?title .",
    "resolution": "?m mkg:item ?i . ?i mkg:resolved ?node . ?node mkg:text ?text .",
    "question": "?m mkg:item ?i . ?i mkg:question ?node . ?node mkg:text ?text .",
    "declaration": "?m mkg:declaration ?node . ?node mkg:text ?text .",
    "report": "?node mkg:forMeeting ?m ; a mkg:Report ; rdfs:label ?title .",
}
SPANS = """?node mkg:span ?s . ?s mkg:inDocument ?d ; oa:start ?start ; oa:end ?end .
  ?d mkg:fileName ?file . OPTIONAL { ?d mkg:sha256 ?sha }"""
# the facts that place a meeting: ("meeting", m, "") where m is one, then its date, committee and body
FACTS = {
    "meeting": "?s a mkg:Meeting . BIND('' AS ?v)",
    "date": "?s mkg:date ?v .",
    "committee": "?s mkg:committee ?v .",
    "body": "?s mkg:body ?v .",
}
LABELS = "?x a ?class ; rdfs:label ?label . VALUES ?class { mkg:Committee mkg:PublicBody }"
DOCUMENTS = "?d mkg:sha256 ?sha ."


@dataclass
class Rows:
    """What a set of graphs gives the index, each row starting with the graph's name."""

    passages: list[tuple] = field(default_factory=list)  # graph, iri, kind, title, text, meeting, document, start, end
    facts: list[tuple] = field(default_factory=list)     # graph, meeting IRI, what (a FACTS key), value
    labels: list[tuple] = field(default_factory=list)    # graph, committee or body IRI, label


def _select(store: ox.Store, variables: str, pattern: str, named: bool, union: bool):
    where = f"GRAPH ?g {{ {pattern} }}" if named else pattern
    chosen = variables if variables == "*" or not named else "?g " + variables
    return store.query(f"{PREFIXES}SELECT {chosen} WHERE {{ {where} }}",
                       use_default_graph_as_union=union and not named)


def _graph(row, named: bool) -> str:
    return row["g"].value if named else ""


def document_shas(store: ox.Store, *, named: bool, union: bool = False) -> set[str]:
    """The sha256 of every source document the graphs in `store` were read from."""
    return {row["sha"].value for row in _select(store, "?sha", DOCUMENTS, named, union)}


def read_rows(store: ox.Store, texts: Mapping[str, str] | None = None, *, named: bool,
              union: bool = False) -> Rows:
    """Every passage, meeting fact and committee or body label of the graphs in `store`, in a
    fixed order. `texts` (a document's sha256 → its text, as `kg.ingest` read it) gives the
    minutes under each item and the words of each question from the source; without it only
    the graph's own words are kept. `named`: read each named graph on its own (else the whole
    store as one graph, its default graph or, with `union`, the union of its graphs)."""
    rows = Rows()
    spans: dict[tuple[str, str], tuple] = {}
    for row in _select(store, "?node ?file ?sha ?start ?end", SPANS, named, union):
        span = (_value(row["file"]), _value(row["sha"]), _int(row["start"]), _int(row["end"]))
        key = (_graph(row, named), row["node"].value)
        spans[key] = min(spans.get(key, span), span, key=lambda t: tuple("" if v is None else str(v) for v in t))
    found: set[tuple] = set()
    for kind, pattern in KIND_PATTERNS.items():
        for row in _select(store, "*", pattern, named, union):
            graph, node = _graph(row, named), row["node"].value
            file, sha, start, end = spans.get((graph, node), (None, None, None, None))
            text = _value(row["text"]) if "text" in pattern else ""
            source = (texts or {}).get(sha or "")
            if source is not None and start is not None and end is not None and kind in ("item", "question"):
                text = source[start:end]
            title = _value(row["title"]) if "title" in pattern else ""
            found.add((graph, node, kind, title or "", " ".join((text or "").split()), row["m"].value, file or None,
                       start, end))
    rows.passages = sorted(found, key=_sort_key)
    for what, pattern in FACTS.items():
        rows.facts += sorted({(_graph(r, named), r["s"].value, what, r["v"].value)
                              for r in _select(store, "?s ?v", pattern, named, union)})
    rows.labels = sorted({(_graph(r, named), r["x"].value, r["label"].value)
                          for r in _select(store, "?x ?label", LABELS, named, union)})
    return rows


def merged(parts: Iterable[Rows]) -> Rows:
    """The rows of several sets of graphs read apart (no graph in two), as `read_rows` gives
    them read together: each list in the same fixed order."""
    parts = list(parts)
    rows = Rows(passages=sorted((p for r in parts for p in r.passages), key=_sort_key))
    for what in FACTS:
        rows.facts += sorted(f for r in parts for f in r.facts if f[2] == what)
    rows.labels = sorted(label for r in parts for label in r.labels)
    return rows


def meeting_places(facts: Iterable[tuple], labels: Iterable[tuple]) -> dict[str, tuple]:
    """Meeting IRI → (date, committee, body) from the facts and labels of every graph: the
    earliest of each where the graphs say more than one (as one query over their union would
    give), None where they say none. Only what some graph says is a meeting is one."""
    named: dict[str, set[str]] = {}
    for _, iri, label in labels:
        named.setdefault(iri, set()).add(label)
    said: dict[str, dict[str, set[str]]] = {}
    for _, subject, what, value in facts:
        said.setdefault(subject, {}).setdefault(what, set()).add(value)
    places = {}
    for subject, about in said.items():
        if "meeting" not in about:
            continue
        committees = {label for c in about.get("committee", ()) for label in named.get(c, ())}
        bodies = {label for b in about.get("body", ()) for label in named.get(b, ())}
        places[subject] = (min(about.get("date", ()), default=None), min(committees, default=None),
                           min(bodies, default=None))
    return places


def source_texts(paths: Iterable, wanted: set[str]) -> dict[str, str]:
    """sha256 → text of each source document the graph was built from and that still reads as
    it did (contact-free, as `kg.ingest` gives it); a document that changed or went since is left out."""
    from kg.errors import IngestError
    from kg.ingest import read_document

    texts: dict[str, str] = {}
    for path in paths:
        try:
            doc = read_document(path)
        except (IngestError, OSError):
            continue  # gone or unreadable since the build: its passages keep the graph's own words
        if doc.sha256 in wanted:
            texts[doc.sha256] = doc.text
    return texts


def _sort_key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row[:3]) + tuple("" if v is None else str(v) for v in row[3:])


def _value(term) -> str | None:
    return None if term is None else term.value


def _int(term) -> int | None:
    return None if term is None else int(term.value)
