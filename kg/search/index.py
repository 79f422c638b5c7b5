"""The search index of a graph: every passage a researcher may look for, in SQLite FTS5.

A passage is one thing the minutes say, as the graph holds it: an agenda item (its title,
and the minutes under it when the source text is at hand), a resolution clause, a question
put to the committee (with the reply the minutes give under it, when the source text is at
hand), a declaration of interest and the title of a report. Each passage keeps what a
researcher needs to go on: the meeting's date, committee and body, the node's IRI (for
SPARQL) and the source document with the characters it spans.

The passages are read from the graph with one SPARQL query on pyoxigraph, so the index can
be made from any graph file (`kg search --reindex`). The graph holds no telephone numbers or
e-mail addresses (`kg.ingest` never lets them into the text), and the source text given to
`build_index` is the same contact-free text the build read.

FTS5 with the Porter stemmer ("placement" finds "placements") and BM25 ranking; the file is
written in a fixed order, so the same graph gives the same bytes.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

from kg.errors import SearchError
from kg.namespace import ID
from kg.queries import PREFIXES

INDEX_VERSION = "1"
SUFFIX = ".search.sqlite"
KINDS = ("item", "resolution", "question", "declaration", "report")
TOKENIZER = "porter unicode61 remove_diacritics 2"

# What each kind of passage is in the graph: ?m the meeting, ?node the passage, ?title and/or ?text its words.
# One small query per kind, one for the meetings and one for the spans, joined here: Oxigraph answers
# each in milliseconds, where one query joining them all took seconds.
KIND_PATTERNS = {
    "item": "?m mkg:item ?node . ?node rdfs:label ?title .",
    "resolution": "?m mkg:item ?i . ?i mkg:resolved ?node . ?node mkg:text ?text .",
    "question": "?m mkg:item ?i . ?i mkg:question ?node . ?node mkg:text ?text .",
    "declaration": "?m mkg:declaration ?node . ?node mkg:text ?text .",
    "report": "?node mkg:forMeeting ?m ; a mkg:Report ; rdfs:label ?title .",
}
KIND_QUERY = PREFIXES + "SELECT * WHERE { %s }"
SPANS = PREFIXES + """
SELECT ?node ?file ?sha ?start ?end WHERE {
  ?node mkg:span ?s . ?s mkg:inDocument ?d ; oa:start ?start ; oa:end ?end .
  ?d mkg:fileName ?file . OPTIONAL { ?d mkg:sha256 ?sha }
}
"""
MEETINGS = PREFIXES + """
SELECT ?m ?date ?committee ?body WHERE {
  ?m a mkg:Meeting .
  OPTIONAL { ?m mkg:date ?date }
  OPTIONAL { ?m mkg:committee ?c . ?c rdfs:label ?committee }
  OPTIONAL { ?m mkg:body ?b . ?b rdfs:label ?body }
}
"""
DOCUMENTS = PREFIXES + "SELECT ?sha WHERE { ?d mkg:sha256 ?sha }"
PSEUDONYMISED = PREFIXES + f"ASK {{ ?p a mkg:Person FILTER(STRSTARTS(STR(?p), '{ID['person/public-']}')) }}"

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE passage (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
  date TEXT, committee TEXT, body TEXT, document TEXT, start INTEGER, "end" INTEGER);
CREATE INDEX passage_date ON passage(date);
CREATE VIRTUAL TABLE passage_fts USING fts5(title, text, content='passage', content_rowid='id',
  tokenize='{TOKENIZER}');
"""


@dataclass(frozen=True)
class Passage:
    """One searchable thing the minutes say, and where it was said."""

    iri: str
    kind: str             # one of KINDS
    title: str            # an item's or a report's title ("" for a clause, a question, a declaration)
    text: str             # the clause, question, declaration, or the minutes under an item
    date: str | None      # the meeting's date, YYYY-MM-DD
    committee: str | None
    body: str | None      # the council or public body
    document: str | None  # the source document's file name
    start: int | None     # the characters of the document's text the passage spans
    end: int | None


def index_path(graph: str | Path) -> Path:
    """Where the index of GRAPH lives: graphs/x.ttl → graphs/x.search.sqlite."""
    graph = Path(graph)
    return graph.with_name(graph.name.rsplit(".", 1)[0] + SUFFIX) if "." in graph.name else \
        graph.with_name(graph.name + SUFFIX)


def passages(store: ox.Store, texts: Mapping[str, str] | None = None, union: bool | None = None) -> list[Passage]:
    """Every passage of the graph in `store`, sorted by IRI. `texts` (a document's sha256 →
    its text, as `kg.ingest` read it) adds the minutes under each item and the words under
    each question; without it only the graph's own words are kept. `union`: read all the
    store's graphs together (None: unless its default graph holds their merge, as kg's stores do)."""
    if union is None:
        union = _union(store)
    meetings: dict[str, tuple] = {}
    for row in store.query(MEETINGS, use_default_graph_as_union=union):
        about = (_value(row["date"]), _value(row["committee"]), _value(row["body"]))
        m = row["m"].value
        meetings[m] = min(meetings.get(m, about), about, key=lambda t: tuple(v or "" for v in t))
    spans: dict[str, tuple] = {}
    for row in store.query(SPANS, use_default_graph_as_union=union):
        span = (_value(row["file"]), _value(row["sha"]), _int(row["start"]), _int(row["end"]))
        node = row["node"].value
        spans[node] = min(spans.get(node, span), span, key=lambda t: tuple("" if v is None else str(v) for v in t))
    found: dict[str, Passage] = {}
    for kind, pattern in KIND_PATTERNS.items():
        for row in store.query(KIND_QUERY % pattern, use_default_graph_as_union=union):
            if row["m"].value not in meetings:
                continue
            node = row["node"].value
            file, sha, start, end = spans.get(node, (None, None, None, None))
            text = _value(row["text"]) if "text" in pattern else ""
            source = (texts or {}).get(sha or "")
            if source is not None and start is not None and end is not None and kind in ("item", "question"):
                text = source[start:end]
            title = _value(row["title"]) if "title" in pattern else ""
            p = Passage(node, kind, title or "", " ".join((text or "").split()), *meetings[row["m"].value], file,
                        start, end)
            if node not in found or _order(p) < _order(found[node]):  # one passage per node, whatever the order
                found[node] = p
    return [found[k] for k in sorted(found)]


def build_index(store: ox.Store, path: str | Path, texts: Mapping[str, str] | None = None,
                graph_name: str = "", union: bool | None = None) -> int:
    """Write the search index of the graph in `store` to `path` (replacing it); how many passages."""
    rows = passages(store, texts, union)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("version", INDEX_VERSION), ("graph", graph_name),
                                                          ("source_text", "yes" if texts else "no")])
        db.executemany('INSERT INTO passage VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                       [(i, p.iri, p.kind, p.title, p.text, p.date, p.committee, p.body, p.document, p.start, p.end)
                        for i, p in enumerate(rows, 1)])
        db.execute("INSERT INTO passage_fts(rowid, title, text) SELECT id, title, text FROM passage")
        db.execute("INSERT INTO passage_fts(passage_fts) VALUES ('optimize')")
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, path)
    return len(rows)


def index_graph(graph: str | Path, out: str | Path | None = None, sources: Iterable[str | Path] = ()) -> tuple[Path, int]:
    """Make the index of a graph file, folder of graph files or store folder (`kg search --reindex`):
    where it was written and how many passages it holds. `sources` are the minutes (files or
    folders) the graph was built from: those still as they were add the minutes under each item."""
    from kg.store import OX_FORMATS, is_store, load_into_store, open_store, rdf_format

    graph = Path(graph)
    if not graph.exists():
        raise SearchError(f"{graph}: no such graph. Build one first: kg build MINUTES -o {graph}")
    if is_store(graph):
        store = open_store(graph, read_only=True)
        union = _union(store)
    else:
        union = True
        store = ox.Store()
        if graph.is_file() and rdf_format(graph) in OX_FORMATS:  # as it is: the passages are read from the union
            store.bulk_load(path=str(graph), format=OX_FORMATS[rdf_format(graph)])
        else:  # a folder of graph files, JSON-LD: merged into the default graph
            load_into_store(graph, store=store)
            union = _union(store)
    texts = None
    if sources:
        from kg.ingest import iter_inputs

        if bool(store.query(PSEUDONYMISED, use_default_graph_as_union=union)):
            raise SearchError(f"{graph} names members of the public by pseudonyms (kg build --redact-public), which "
                              "the source minutes would undo: make the index without --sources")
        texts = source_texts(iter_inputs(list(sources)), _shas(store, union))
    out = Path(out) if out else index_path(graph)
    return out, build_index(store, out, texts, graph.name, union)


def index_built(quads, output: str | Path, sources: Iterable[str | Path] = ()) -> tuple[Path, int]:
    """Write the index beside a graph `kg build` has just written to `output`, from its quads
    (`BuildResult.quads`) and the text of the `sources` that were built (none when the build
    pseudonymised members of the public: the source would name them)."""
    store = ox.Store()
    quads.load_into(store)  # not merged into the default graph (slow on an archive): read from the union
    out = index_path(output)
    return out, build_index(store, out, source_texts(sources, _shas(store, True)), Path(output).name, True)


def source_texts(paths: Iterable[str | Path], wanted: set[str]) -> dict[str, str]:
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


def _shas(store: ox.Store, union: bool) -> set[str]:
    return {row["sha"].value for row in store.query(DOCUMENTS, use_default_graph_as_union=union)}


def open_index(path: str | Path) -> sqlite3.Connection:
    """The index at `path`, read-only. Raises SearchError when there is none or it is not one."""
    path = Path(path)
    if not path.is_file():
        raise SearchError(f"no search index at {path}: make one with kg search --reindex GRAPH")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError as err:
        db.close()
        raise SearchError(f"{path} is not a minutes-kg search index ({err}): make it again with "
                          "kg search --reindex GRAPH") from None
    if not version or version[0] != INDEX_VERSION:
        db.close()
        raise SearchError(f"{path} was made by another version of minutes-kg: make it again with "
                          "kg search --reindex GRAPH")
    return db


def _union(store: ox.Store) -> bool:
    """Whether to read the store's named graphs as its default graph (not when it holds their merge)."""
    from kg.store import has_merged_default

    return not has_merged_default(store)


def _order(p: Passage) -> tuple:
    return (p.date or "9999", p.committee or "", p.body or "", p.document or "", p.start or 0, p.title, p.text)


def _value(term) -> str | None:
    return None if term is None else term.value


def _int(term) -> int | None:
    return None if term is None else int(term.value)
