"""The search index of a graph: every passage a researcher may look for, in SQLite FTS5.

A passage is one thing the minutes say, as the graph holds it: an agenda item (its title,
and the minutes under it when the source text is at hand), a resolution clause, the
question a member of the public put (the segmenter keeps no span for the reply, so replies
are not searched), a declaration of interest and the title of a report. Each passage keeps
what a researcher needs to go on: the meeting's date, committee and body, the node's IRI
(for SPARQL) and the source document with the characters it spans.

The index keeps each named graph's passages under the graph's name and a digest of its
content (table `part`), so a rebuild reads again only the graphs that changed, drops those
that went and keeps the rest (`update_index`, `index_built`): after a one-document change
it costs about one document's indexing. A node said in two graphs is one passage (the
earliest, as `SHOWN` orders them). An index made from a graph file as a whole (`kg search
--reindex`) is one part. The graph file's size and sha256 are recorded, so a changed graph
is noticed by its content (`index_fresh`).

The graph holds no telephone numbers or e-mail addresses (`kg.ingest` never lets them into
the text), and the source text read is the same contact-free text the build read.

FTS5 with the Porter stemmer ("placement" finds "placements") and BM25 ranking. An index
made afresh is written in a fixed order, so the same graph gives the same bytes; one updated
in place gives the same hits, in the same order, as one made afresh.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import pyoxigraph as ox

from kg.errors import SearchError
from kg.namespace import ID
from kg.queries import PREFIXES
from kg.search.read import Rows, document_shas, meeting_places, merged, read_rows, source_texts

INDEX_VERSION = "2"
SUFFIX = ".search.sqlite"
KINDS = ("item", "resolution", "question", "declaration", "report")
TOKENIZER = "porter unicode61 remove_diacritics 2"
PSEUDONYMISED = PREFIXES + f"ASK {{ ?p a mkg:Person FILTER(STRSTARTS(STR(?p), '{ID['person/public-']}')) }}"

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE part (graph TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE passage (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
  date TEXT, committee TEXT, body TEXT, document TEXT, start INTEGER, "end" INTEGER,
  graph TEXT NOT NULL, meeting TEXT NOT NULL, shown INTEGER NOT NULL DEFAULT 0);
CREATE INDEX passage_date ON passage(date);
CREATE INDEX passage_graph ON passage(graph);
CREATE TABLE fact (graph TEXT NOT NULL, subject TEXT NOT NULL, what TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX fact_graph ON fact(graph);
CREATE TABLE label (graph TEXT NOT NULL, iri TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX label_graph ON label(graph);
CREATE VIRTUAL TABLE passage_fts USING fts5(title, text, content='passage', content_rowid='id',
  tokenize='{TOKENIZER}');
"""
# the one passage of each node that is searched: of a known meeting, the earliest said
SHOWN = """
SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY iri ORDER BY coalesce(date, '9999'),
  coalesce(committee, ''), coalesce(body, ''), coalesce(document, ''), coalesce(start, 0), title, text,
  instr('item resolution question declaration report', kind), graph, id) AS rank
  FROM passage WHERE meeting IN (SELECT value FROM temp.known)) WHERE rank = 1
"""


@dataclass(frozen=True)
class Indexed:
    """What making or updating an index did."""

    path: Path
    passages: int     # searched passages now in the index
    graphs_read: int  # named graphs read (all of them when made afresh)
    graphs_kept: int  # named graphs whose passages were kept as they were


def index_path(graph: str | Path) -> Path:
    """Where the index of GRAPH lives: graphs/x.ttl → graphs/x.ttl.search.sqlite (so x.ttl and
    x.nq beside it each have their own)."""
    graph = Path(graph)
    return graph.with_name(graph.name + SUFFIX)


# ---------------------------------------------------------------- making and updating

def update_index(graphs: Mapping[str, bytes], path: str | Path, *,
                 texts_for: Callable[[set[str]], Mapping[str, str]] | None = None, graph_name: str = "",
                 fresh: bool = False, graph_file: str | Path | None = None, workers: int = 1) -> Indexed:
    """Bring the index at `path` in step with `graphs` (each named graph's N-Quads, as
    `kg.store.Quads.graphs` holds them): read the graphs that are new or changed, drop those
    that went, keep the rest. `texts_for(shas)` gives the source text of those documents
    (None: the graphs' own words only). Made afresh when `fresh`, when there is no usable
    index there, or when it was made with(out) source text and this one is not. The graphs
    that changed are read in `workers` processes (see `_read_changed`)."""
    path = Path(path)
    graphs = {name[1:-1] if name.startswith("<") and name.endswith(">") else name: data  # an IRI, as read back
              for name, data in graphs.items() if data}
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in graphs.items()}
    mode = "yes" if texts_for is not None else "no"
    db = None if fresh else _open_for_update(path, mode)
    old = dict(db.execute("SELECT graph, digest FROM part")) if db is not None else {}
    if db is not None and not set(old.items()) & set(digests.items()) and digests:
        db.close()
        db = None  # nothing to keep: made afresh, as compact as can be
        old = {}
    changed = sorted(name for name, digest in digests.items() if old.get(name) != digest)
    dropped = sorted(name for name in old if name not in digests or name in changed)
    rows = _read_changed(graphs, changed, texts_for, workers)
    meta = {"graph": graph_name, "source_text": mode, **_fingerprint_meta(graph_file)}
    if db is None:
        n = _write_afresh(path, rows, {name: digests[name] for name in changed}, meta)
    else:
        try:
            with db:
                n = _apply(db, dropped, rows, {name: digests[name] for name in changed}, meta)
        finally:
            db.close()
    return Indexed(path, n, len(changed), len(digests) - len(changed))


_CHANGED: tuple | None = None  # (graphs, chunks, texts_for) being read, for the forked workers
_PER_CHUNK = 25  # graphs read together: each chunk costs a store and eight queries


def _read_changed(graphs: Mapping[str, bytes], changed: list[str],
                  texts_for: Callable[[set[str]], Mapping[str, str]] | None, workers: int) -> Rows:
    """The rows of the graphs `changed`: read in one store, or, with `workers` > 1 and enough
    of them, in chunks of about `_PER_CHUNK` graphs spread over `workers` processes (a graph's
    rows depend on that graph alone) and merged in the order one store gives. 200 documents'
    graphs took a build 2 s of one core to read, the longest step it did not share out."""
    global _CHANGED
    if workers <= 1 or len(changed) < 2 * _PER_CHUNK:
        return _read_chunk(graphs, changed, texts_for)
    from kg.build.parallel import _run

    size = max(_PER_CHUNK, -(-len(changed) // (4 * workers)))
    chunks = [changed[k:k + size] for k in range(0, len(changed), size)]
    _CHANGED = (graphs, chunks, texts_for)
    try:
        sizes = [sum(len(graphs[name]) for name in chunk) for chunk in chunks]
        return merged(_run(_read_chunk_at, list(range(len(chunks))), workers, sizes, pipeline=False))
    finally:
        _CHANGED = None


def _read_chunk_at(k: int) -> Rows:
    graphs, chunks, texts_for = _CHANGED
    return _read_chunk(graphs, chunks[k], texts_for)


def _read_chunk(graphs: Mapping[str, bytes], names: list[str],
                texts_for: Callable[[set[str]], Mapping[str, str]] | None) -> Rows:
    store = ox.Store()
    if names:
        store.bulk_load(input=b"".join(graphs[name] for name in names), format=ox.RdfFormat.N_QUADS)
    texts = texts_for(document_shas(store, named=True)) if texts_for is not None and names else None
    return read_rows(store, texts, named=True)


def build_index(store: ox.Store, path: str | Path, texts: Mapping[str, str] | None = None,
                graph_name: str = "", union: bool | None = None, graph_file: str | Path | None = None) -> int:
    """Write the search index of the graph in `store`, read as one whole, to `path` (replacing
    it); how many passages. `union`: read all the store's graphs together (None: unless its
    default graph holds their merge, as kg's stores do)."""
    if union is None:
        union = _union(store)
    meta = {"graph": graph_name, "source_text": "yes" if texts else "no", **_fingerprint_meta(graph_file)}
    return _write_afresh(Path(path), read_rows(store, texts, named=False, union=union), {"": ""}, meta)


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
        texts = source_texts(iter_inputs(list(sources)), document_shas(store, named=False, union=union))
    out = Path(out) if out else index_path(graph)
    return out, build_index(store, out, texts, graph.name, union, graph if graph.is_file() else None)


def index_built(quads, output: str | Path, sources: Mapping[str, str | Path] | None,
                fresh: bool = False, workers: int = 1) -> Indexed:
    """Bring the index beside a graph `kg build` has just written to `output` in step with its
    quads (`BuildResult.quads`), reading again only the documents' graphs that changed.
    `sources`: sha256 → file of each document built, whose text gives the minutes under each
    item. None when the build pseudonymised members of the public: the source would name
    them, and the pseudonyms were put in the built dataset after its graphs' lines were
    written, so the graph is read from the dataset as one whole and the index made afresh."""
    if sources is None:
        store = ox.Store()
        quads.load_into(store)  # from the (pseudonymised) dataset once it has been made
        path = index_path(output)
        n = build_index(store, path, None, Path(output).name, True, output)
        return Indexed(path, n, len([g for g in quads.graphs.values() if g]), 0)

    def texts_for(wanted: set[str]) -> dict[str, str]:
        return source_texts([sources[sha] for sha in sorted(wanted) if sha in sources], wanted)
    return update_index(quads.graphs, index_path(output), texts_for=texts_for, graph_name=Path(output).name,
                        fresh=fresh, graph_file=output, workers=workers)


def _write_afresh(path: Path, rows: Rows, digests: Mapping[str, str], meta: Mapping[str, str]) -> int:
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        with db:
            n = _apply(db, [], rows, digests, {"version": INDEX_VERSION, **meta})
        db.execute("INSERT INTO passage_fts(passage_fts) VALUES ('optimize')")
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, path)
    return n


def _apply(db: sqlite3.Connection, dropped: list[str], rows: Rows, digests: Mapping[str, str],
           meta: Mapping[str, str]) -> int:
    """Drop the graphs `dropped`, add `rows` and the `digests` of the graphs they were read
    from, place every passage at its meeting and search the one passage of each node; how many
    are searched. Runs in the caller's transaction."""
    for graph in dropped:
        db.execute("INSERT INTO passage_fts(passage_fts, rowid, title, text) "
                   "SELECT 'delete', id, title, text FROM passage WHERE graph = ? AND shown = 1", (graph,))
        for table in ("passage", "fact", "label", "part"):
            db.execute(f"DELETE FROM {table} WHERE graph = ?", (graph,))
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passage").fetchone()[0]
    db.executemany('INSERT INTO passage (id, graph, iri, kind, title, text, meeting, document, start, "end") '
                   "VALUES (?,?,?,?,?,?,?,?,?,?)", [(first + k, *p) for k, p in enumerate(rows.passages)])
    db.executemany("INSERT INTO fact VALUES (?,?,?,?)", rows.facts)
    db.executemany("INSERT INTO label VALUES (?,?,?)", rows.labels)
    db.executemany("INSERT INTO part VALUES (?,?)", sorted(digests.items()))
    db.execute("DELETE FROM meta WHERE key IN ('graph_size', 'graph_sha256')")  # of a graph file written before
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", sorted(meta.items()))

    places = meeting_places(db.execute("SELECT * FROM fact ORDER BY rowid"), db.execute("SELECT * FROM label"))
    moved = [(*places[m], i) for i, m, *at in db.execute("SELECT id, meeting, date, committee, body FROM passage")
             if m in places and tuple(at) != places[m]]
    db.executemany("UPDATE passage SET date = ?, committee = ?, body = ? WHERE id = ?", moved)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS known (value TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.known")
    db.executemany("INSERT INTO temp.known VALUES (?)", [(m,) for m in sorted(places)])
    shown = {i for (i,) in db.execute(SHOWN)}
    was = {i for (i,) in db.execute("SELECT id FROM passage WHERE shown = 1")}
    for i in sorted(was - shown):
        db.execute("INSERT INTO passage_fts(passage_fts, rowid, title, text) "
                   "SELECT 'delete', id, title, text FROM passage WHERE id = ?", (i,))
        db.execute("UPDATE passage SET shown = 0 WHERE id = ?", (i,))
    for i in sorted(shown - was):
        db.execute("INSERT INTO passage_fts(rowid, title, text) SELECT id, title, text FROM passage WHERE id = ?", (i,))
        db.execute("UPDATE passage SET shown = 1 WHERE id = ?", (i,))
    return len(shown)


def _open_for_update(path: Path, mode: str) -> sqlite3.Connection | None:
    """The index at `path` to update in place, or None when there is none of this version
    made in the same way (then it is made afresh)."""
    if not path.is_file():
        return None
    db = sqlite3.connect(path)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        db.close()
        return None
    if meta.get("version") != INDEX_VERSION or meta.get("source_text") != mode:
        db.close()
        return None
    return db


# ---------------------------------------------------------------- reading and freshness

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


def index_fresh(graph: str | Path, index: str | Path) -> bool:
    """Whether the index at `index` holds what GRAPH says now. For a graph file, by its content:
    the size and sha256 the index recorded (the file is hashed only when it was written after
    the index; one not written since and of the same size is taken as it was). For a folder,
    whether it has an index of this version at all."""
    graph, index = Path(graph), Path(index)
    try:
        db = open_index(index)
    except SearchError:
        return False
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    finally:
        db.close()
    if not graph.is_file():
        return True
    stat = graph.stat()
    if meta.get("graph_size") != str(stat.st_size):
        return False
    if stat.st_mtime_ns <= index.stat().st_mtime_ns:
        return True
    return meta.get("graph_sha256") == _sha256(graph)


def _fingerprint_meta(graph_file: str | Path | None) -> dict[str, str]:
    if graph_file is None or not Path(graph_file).is_file():
        return {}
    return {"graph_size": str(Path(graph_file).stat().st_size), "graph_sha256": _sha256(Path(graph_file))}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _union(store: ox.Store) -> bool:
    """Whether to read the store's named graphs as its default graph (not when it holds their merge)."""
    from kg.store import has_merged_default

    return not has_merged_default(store)
