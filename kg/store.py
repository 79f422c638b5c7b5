"""Where graphs live: graph files in any RDF syntax, or an embedded Oxigraph store on disk.

* `load(path)` reads a graph file (or a folder of them) into an rdflib `Dataset` whose default
  graph is the union of all graphs. Given an Oxigraph store folder it returns a `Dataset`
  backed by that store (nothing is copied), so every command reads either.
* `load_into_store(dataset_or_path, dir)` puts quads into a persistent store, keeping one
  named graph per document; `open_store(dir)` opens one; `is_store(path)` recognises one.
* `execute(source, sparql)` answers SPARQL text from a file or a store folder. Store folders and
  big files are queried with pyoxigraph (a big file through a temporary in-memory store);
  small files with rdflib. Measured on 1,004,000 N-Triples (104 MB), a 3-way join + GROUP BY:
  rdflib 17.8 s to parse + 2.4 s to query (1.3 GB RSS); pyoxigraph 1.7 s to load + 0.18 s
  to query (0.4-0.6 GB RSS).

Writing is deterministic: triples are written in sorted order, so the same graph always
gives the same bytes.

Named questions (`kg.queries`) run on top of this module; it never imports them."""
from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.query import Result
from rdflib.store import Store as RDFLibStore
from rdflib.term import Node

from kg.errors import GraphLoadError, QueryError
from kg.namespace import PREFIXES, bind_prefixes

FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}
QUAD_FORMATS = {"nquads", "trig", "json-ld"}
#: rdflib format name → the pyoxigraph parser for it (JSON-LD and N3 stay with rdflib, which
#: knows their rdflib-specific corners).
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}
#: Graph files at least this big are read into an in-memory Oxigraph store instead of rdflib's
#: (rdflib needs ~18 µs and ~1.3 KB per triple to parse, pyoxigraph ~1.7 µs and ~0.5 KB).
BIG_FILE_BYTES = 20_000_000
RDF_TYPE = RDF.type


def rdf_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GraphLoadError(f"{path}: unknown graph format '{suffix}'. Use one of: {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def _key(term: Node) -> str:
    return term.n3()


def _nt(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's `n3()` writes multi-line literals as Turtle's \"\"\")."""
    if not isinstance(term, Literal):
        return term.n3()
    if term.language:
        return f"{quoted(term)}@{term.language}"
    if term.datatype:
        return f"{quoted(term)}^^<{term.datatype}>"
    return quoted(term)


def quoted(text: str) -> str:
    """`text` as an N-Triples string: in double quotes, with backslash, quote, line feed and
    carriage return escaped (the escapes rdflib's N-Triples writer uses, so lines stay the same)."""
    return '"' + str(text).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


class _Forms(dict):
    """IRI or blank node -> its N-Triples (or `n3()`) form, worked out once: most nodes
    recur in many triples. Literals are kept by lexical form, datatype and language, not by
    equality (two literals may be equal, "a"@en and "a"@EN, and still be written differently)."""

    def __init__(self, write: Callable[[Node], str]):
        super().__init__()
        self.write = write
        self.literals: dict[tuple, str] = {}

    def __missing__(self, term: Node) -> str:
        form = self[term] = self.write(term)
        return form

    def of(self, term: Node) -> str:
        if type(term) is URIRef:  # most terms: skip the isinstance walk
            return self[term]
        if isinstance(term, Literal):
            if len(term) > 80:  # a text: seldom repeated, not worth keeping
                return self.write(term)
            # by its three parts, which fix how it is written (equal literals need not be)
            key = (str(term), term.datatype, term.language)
            form = self.literals.get(key)
            if form is None:
                form = self.literals[key] = self.write(term)
            return form
        return self[term]


def nquads(dataset: Dataset, triples_only: bool = False) -> Iterator[str]:
    """Every quad of `dataset` as one N-Quads line (without the newline); default-graph
    triples (and everything, with `triples_only`) as N-Triples lines."""
    return (line for _, line in _named_lines(dataset, triples_only))


def _named_lines(dataset: Dataset, triples_only: bool = False) -> Iterator[tuple[str, str]]:
    """(graph name as N-Triples writes it, "" for the default graph; the line) of every quad."""
    nt = _Forms(_nt).of
    ends: dict = {}  # graph -> (its name, what closes its lines)
    for s, p, o, c in dataset.quads((None, None, None, None)):
        ctx = c.identifier if isinstance(c, Graph) else c
        known = ends.get(ctx)
        if known is None:
            name = "" if triples_only or ctx is None or _default(ctx) else _nt(ctx)
            known = ends[ctx] = (name, f" {name} ." if name else " .")
        yield known[0], f"{nt(s)} {nt(p)} {nt(o)}{known[1]}"


class Quads:
    """A built graph as N-Quads, by named graph: what `kg build` makes, written out or loaded
    into Oxigraph as it is, and made into an rdflib Dataset (once, on first use) for
    everything else.

    `graphs` maps each graph's name, as N-Triples writes it, to its sorted lines, each ending
    in a newline, as UTF-8 bytes."""

    def __init__(self, graphs: dict[str, bytes]):
        self.graphs = graphs
        self._dataset: Dataset | None = None

    def lines(self) -> Iterator[str]:
        """Every line, graph by graph (in the order of their names), each graph sorted."""
        for name in sorted(self.graphs):
            yield from self.graphs[name].decode("utf-8").splitlines()

    def __len__(self) -> int:
        return sum(data.count(b"\n") for data in self.graphs.values())

    def _triple_lines(self) -> list[str]:
        """Each distinct triple of the graphs' union as a sorted N-Triples line."""
        return self._triple_bytes().decode("utf-8").splitlines()

    def _triple_bytes(self) -> bytes:
        """Each distinct triple of the graphs' union as a sorted N-Triples line, each ending in
        a newline: every line's graph name cut off in one pass over each graph's bytes."""
        return b"".join(sorted(self._triple_lines()))

    def _triple_lines(self) -> set[bytes]:
        lines: set[bytes] = set()
        for name, data in self.graphs.items():
            lines.update(data.replace(f" {name} .\n".encode("utf-8"), b" .\n").splitlines(keepends=True))
        return lines

    def triple_count(self) -> int:
        """Distinct triples over all graphs (what `len` of the Dataset gives)."""
        return len(self._dataset) if self._dataset is not None else len(self._triple_lines())

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every distinct triple of the graphs' union, as rdflib terms, without making the
        Dataset (read by pyoxigraph); from the Dataset once it has been made."""
        if self._dataset is not None:
            yield from union_triples(self._dataset)
            return
        yield from _parsed(self._triple_bytes(), ox.RdfFormat.N_TRIPLES)

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = _dataset_of(self.graphs)
        return self._dataset

    def save(self, path: str | Path) -> Path:
        """Like `save`: N-Quads and N-Triples straight from the lines; other syntaxes, or once
        the Dataset has been made (and may have been changed), from the Dataset."""
        path = Path(path)
        fmt = rdf_format(path)
        if self._dataset is not None or fmt not in ("nt", "nquads", "turtle", "trig"):
            return save(self.dataset, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt in ("turtle", "trig"):
            lines = self._triple_bytes() if fmt == "turtle" else b"".join(self.graphs[name] for name in sorted(self.graphs))
            path.write_bytes(_written(lines, fmt))
            return path
        if fmt == "nquads":
            with path.open("wb") as out:
                for name in sorted(self.graphs):
                    out.write(self.graphs[name])
                if not any(self.graphs.values()):
                    out.write(b"\n")
            return path
        path.write_bytes(self._triple_bytes() or b"\n")
        return path

    def load_into(self, store: ox.Store) -> None:
        if self._dataset is not None:
            return _bulk_load_dataset(store, self._dataset)
        store.bulk_load(input=b"".join(self.graphs[name] for name in sorted(self.graphs)) or b"\n",
                        format=ox.RdfFormat.N_QUADS)


def _parsed(data: bytes, fmt=ox.RdfFormat.N_QUADS, terms: dict | None = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of N-Quads (or N-Triples) `data` as rdflib terms, each term made once."""
    terms = {} if terms is None else terms
    for q in ox.parse(data, format=fmt):
        triple = []
        for t in (q.subject, q.predicate, q.object):
            r = terms.get(t)
            if r is None:
                r = terms[t] = to_rdflib(t)
            triple.append(r)
        yield tuple(triple)


def _dataset_of(graphs: dict[str, bytes]) -> Dataset:
    """An rdflib Dataset of N-Quads lines, read by pyoxigraph (ten times rdflib's speed) and
    put straight into rdflib's store (each graph as a plain `Graph` of the Dataset)."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    terms: dict = {}
    add = ds.store.add
    for name in sorted(graphs):
        graph = ds.graph(URIRef(name[1:-1]))
        for triple in _parsed(graphs[name], terms=terms):
            add(triple, graph, quoted=False)
    return ds


def _nquad_lines(dataset: Dataset) -> list[str]:
    """`dataset` as N-Quads lines, graph by graph (in the order of their names), each sorted:
    the order `Quads.lines` writes, so that a document's quads stay together."""
    blocks: dict[str, set[str]] = defaultdict(set)
    for name, line in _named_lines(dataset):
        blocks[name].add(line)
    return [line for name in sorted(blocks) for line in sorted(blocks[name])]


def save(dataset: Dataset, path: str | Path) -> Path:
    """Write `dataset` to `path` in the syntax its extension names (.ttl .nt .nq .trig .jsonld).

    Turtle and N-Triples hold one graph, so they get the union of the named graphs."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "nquads":
        path.write_text("\n".join(_nquad_lines(dataset)) + "\n", encoding="utf-8")
        return path
    if fmt == "nt":
        path.write_text("\n".join(sorted(set(nquads(dataset, triples_only=True)))) + "\n", encoding="utf-8")
        return path
    if fmt == "trig":
        data = _written("".join(line + "\n" for line in _nquad_lines(dataset)).encode("utf-8"), fmt)
    elif fmt in QUAD_FORMATS:
        out = Dataset()
        bind_prefixes(out)
        for s, p, o, c in dataset.quads((None, None, None, None)):
            out.graph(c.identifier if isinstance(c, Graph) else c).add((s, p, o))
        data = out.serialize(format=fmt)
        if fmt == "json-ld":  # rdflib orders graphs and nodes by hash: sort them
            import json

            data = json.dumps(_sorted_jsonld(json.loads(data)), indent=2, ensure_ascii=False, sort_keys=True)
    elif fmt == "turtle":
        data = turtle(dataset)
    else:
        out = Graph()
        bind_prefixes(out)
        key = _Forms(_key).of
        for t in sorted(union_triples(dataset), key=lambda t: (key(t[0]), key(t[1]), key(t[2]))):
            out.add(t)
        data = out.serialize(format=fmt)
    path.write_text(data if isinstance(data, str) else data.decode("utf-8"), encoding="utf-8")
    return path


def turtle(dataset: Graph) -> str:
    """The union of `dataset`'s graphs as Turtle (see `_written`)."""
    lines = sorted(set(nquads(dataset, triples_only=True)))
    return _written("".join(line + "\n" for line in lines).encode("utf-8"), "turtle").decode("utf-8")


def _written(lines: bytes, fmt: str) -> bytes:
    """Sorted N-Quads (N-Triples for Turtle) `lines` as Turtle or TriG, by pyoxigraph's writer
    (3-13 times the speed of kg's own and of rdflib's): subjects in the order of their N-Triples
    form, each with its predicates and objects in that order, graph by graph for TriG; the
    project's prefixes; every literal's lexical form as it was. Same lines, same bytes."""
    return ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_QUADS), format=OX_FORMATS[fmt],
                        prefixes=_OX_PREFIXES)


#: the prefixes Turtle and TriG are written with, in the order of their names
_OX_PREFIXES = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def union_triples(dataset: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of `dataset` once: of all its graphs, for a Dataset (the store, asked
    with no context, lists each triple once whatever graphs hold it): what Turtle, RDF/XML and
    validation take as the graph."""
    if isinstance(dataset, (Dataset, ConjunctiveGraph)):
        for triple, _ in dataset.store.triples((None, None, None), None):
            yield triple
    else:
        yield from dataset.triples((None, None, None))


def _sorted_jsonld(node):
    if isinstance(node, list):
        items = [_sorted_jsonld(x) for x in node]
        return sorted(items, key=lambda x: (str(x.get("@id", "")) if isinstance(x, dict) else "", repr(x)))
    if isinstance(node, dict):
        return {k: (v if k == "@list" else _sorted_jsonld(v)) for k, v in node.items()}
    return node


def _default(ctx) -> bool:
    return str(ctx) in ("urn:x-rdflib:default",)


def _graph_files(path: Path) -> list[Path]:
    if not path.exists():
        raise GraphLoadError(f"{path}: no such file. Build one first: kg build examples -o graphs/examples.ttl")
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS) if path.is_dir() else [path]
    if not files:
        raise GraphLoadError(f"{path}: no graph files (.ttl .nt .nq .trig .jsonld) in this folder")
    return files


def load(path: str | Path) -> Dataset:
    """Read a graph file (or every graph file in a folder) into one Dataset whose default
    graph is the union of all graphs.

    An Oxigraph store folder (see `is_store`) is opened read-only instead, and graph files of
    `BIG_FILE_BYTES` or more are read into an in-memory Oxigraph store: both come back as a
    Dataset backed by Oxigraph, whose `query` runs on Oxigraph."""
    path = Path(path)
    if is_store(path):
        return oxigraph_dataset(open_store(path, read_only=True))
    files = _graph_files(path)
    if sum(f.stat().st_size for f in files) >= BIG_FILE_BYTES and all(rdf_format(f) in OX_FORMATS for f in files):
        return oxigraph_dataset(_memory_store(files))
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    for f in files:
        try:
            ds.parse(f, format=rdf_format(f))
        except GraphLoadError:
            raise
        except Exception as err:  # rdflib raises many parser-specific types
            raise GraphLoadError(f"{f}: could not be read as {rdf_format(f)}: {err}") from err
    return ds


# ---------------------------------------------------------------- Oxigraph stores

def require_triples(dataset: Dataset, path: str | Path) -> Dataset:
    """`dataset` itself, or GraphLoadError when it holds no triple: the file was read, but it
    is not a graph (a build report, an empty or foreign file), and a query would answer 0 rows."""
    if next(iter(dataset.triples((None, None, None))), None) is None:
        raise GraphLoadError(f"{path}: holds no RDF triples, so it is not a graph to query. Query what kg build "
                             f"writes: kg build DIR -o graphs/NAME.ttl, then kg query graphs/NAME.ttl ...")
    return dataset


def is_store(path: str | Path) -> bool:
    """True when `path` is a folder holding an Oxigraph (RocksDB) store."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def open_store(directory: str | Path, read_only: bool = False) -> ox.Store:
    """Open (creating it if needed, unless `read_only`) the Oxigraph store in `directory`."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise GraphLoadError(f"{directory}: is a file, not a store folder. Give a folder: --store graphs/store")
    if read_only and not is_store(directory):
        raise GraphLoadError(f"{directory}: not an Oxigraph store. Make one: kg load GRAPH --store {directory}")
    if not read_only and directory.is_dir() and any(directory.iterdir()) and not is_store(directory):
        raise GraphLoadError(f"{directory}: folder holds other files, not an Oxigraph store. Pick an empty or new folder")
    try:
        return ox.Store.read_only(str(directory)) if read_only else ox.Store(str(directory))
    except OSError as err:
        raise GraphLoadError(f"{directory}: the store could not be opened ({err}). If another process (kg serve, "
                             f"oxigraph serve) has it open for writing, stop it first") from err


def load_into_store(dataset_or_path: "Dataset | Quads | str | Path", directory: str | Path | None = None, *,
                    replace: bool = False, store: ox.Store | None = None,
                    progress: Callable[[Path], None] | None = None, on_merge: Callable[[], None] | None = None) -> int:
    """Add a Dataset, a graph file or a folder of graph files to the store in `directory`
    (or to an open `store`), keeping each named graph (one per document) as it is; triples
    of Turtle/N-Triples files go to the default graph. `replace` empties the store first.
    Returns how many quads the store holds afterwards. A missing input is reported before the
    store is opened, so that no empty store is left behind. `progress` is called with each file
    once it is loaded, `on_merge` before the named graphs are merged (which takes a while too)."""
    files = None if isinstance(dataset_or_path, (Quads, Dataset)) else _graph_files(Path(dataset_or_path))
    if store is None:
        if directory is None:
            raise ValueError("give a store directory or an open store")
        store = open_store(directory)
    if replace:
        store.clear()
    if isinstance(dataset_or_path, Quads):
        dataset_or_path.load_into(store)
    elif isinstance(dataset_or_path, Dataset):
        _bulk_load_dataset(store, dataset_or_path)
    else:
        for f in files:
            fmt = rdf_format(f)
            if fmt in OX_FORMATS:
                try:
                    store.bulk_load(path=str(f), format=OX_FORMATS[fmt])
                except SyntaxError as err:
                    raise GraphLoadError(f"{f}: could not be read as {fmt}: {err}") from err
            else:
                _bulk_load_dataset(store, load(f))
            if progress is not None:
                progress(f)
    if on_merge is not None:
        on_merge()
    merge_into_default_graph(store)
    store.flush()
    return len(store)


MERGE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def merge_into_default_graph(store: ox.Store) -> None:
    """Copy every named graph's triples into the default graph, which then is their RDF merge.

    Oxigraph's own "union default graph" repeats a triple once per graph holding it, so COUNTs
    would differ from rdflib's `Dataset(default_union=True)`; a materialised merge (a set) gives
    the same answers, for embedded queries and for `oxigraph serve` alike, at twice the space.
    Named graphs (one per document) stay as they are for `GRAPH ?doc { ... }` queries."""
    store.update(MERGE)


def has_merged_default(store: ox.Store) -> bool:
    """True when the default graph holds data (kg's stores: the merge of the named graphs);
    False for stores made elsewhere, which are then queried with Oxigraph's union default."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _bulk_load_dataset(store: ox.Store, dataset: Dataset) -> None:
    data = "\n".join(nquads(dataset)) + "\n"
    store.bulk_load(input=data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def _memory_store(files: Iterable[Path]) -> ox.Store:
    store = ox.Store()
    for f in files:
        try:
            store.bulk_load(path=str(f), format=OX_FORMATS[rdf_format(f)])
        except SyntaxError as err:
            raise GraphLoadError(f"{f}: could not be read as {rdf_format(f)}: {err}") from err
    merge_into_default_graph(store)
    return store


# ---------------------------------------------------------------- terms

def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the rdflib term rdflib's own parser would have made."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == str(XSD.string) else Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    return Literal(str(term))  # RDF 1.2 triple terms: shown as text


def to_oxigraph(term):
    """An rdflib term (or graph) as a pyoxigraph term; None stays None (a wildcard)."""
    if term is None:
        return None
    if isinstance(term, Graph):
        term = term.identifier
    if isinstance(term, URIRef):
        return ox.DefaultGraph() if _default(term) else ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


# ---------------------------------------------------------------- queries

def oxigraph_query(store: ox.Store, sparql: str, prefixes: dict[str, str] | None = None
                   ) -> tuple[str, list[str], list[list]]:
    """Run `sparql` on an Oxigraph store, the default graph being the merge of all graphs.

    Returns (kind, columns, rows): kind is SELECT, ASK or CONSTRUCT; rows hold rdflib terms
    (None when unbound), so `kg.queries.render` shows them as it shows rdflib's. `prefixes`
    (name -> namespace) hold where the query does not declare them."""
    from kg.sparql_errors import one_sentence

    try:
        result = store.query(sparql, use_default_graph_as_union=not has_merged_default(store), prefixes=prefixes)
    except SyntaxError as err:
        raise QueryError(one_sentence(str(err), sparql, set(prefixes or {}))) from err
    except OSError as err:
        raise QueryError(f"the query could not be run: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        return "ASK", ["ask"], [[bool(result)]]
    if isinstance(result, ox.QueryTriples):
        return "CONSTRUCT", ["subject", "predicate", "object"], [
            [to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)] for t in result]
    columns = [v.value for v in result.variables]
    return "SELECT", columns, [[to_rdflib(sol[i]) for i in range(len(columns))] for sol in result]


def execute(source, sparql: str, engine: str = "auto", prefixes: dict[str, str] | None = None
            ) -> tuple[str, list[str], list[list]]:
    """Run complete SPARQL text on a graph file, a store folder, an open pyoxigraph Store or an
    rdflib Dataset. `engine`: auto (Oxigraph for stores and big files, rdflib for small files),
    rdflib, or oxigraph. `prefixes` (name -> namespace) hold where the query does not declare
    them. Returns (kind, columns, rows) as `oxigraph_query` does."""
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise ValueError(f"unknown engine {engine!r}")
    if isinstance(source, ox.Store):
        return oxigraph_query(source, sparql, prefixes)
    if isinstance(source, Graph):
        ox_store = getattr(source.store, "ox", None)
        if ox_store is not None and engine != "rdflib":
            return oxigraph_query(ox_store, sparql, prefixes)
        return _rdflib_query(source, sparql, prefixes)
    path = Path(source)
    if is_store(path):
        return oxigraph_query(open_store(path, read_only=True), sparql, prefixes)
    files = _graph_files(path)
    oxigraph_ok = all(rdf_format(f) in OX_FORMATS for f in files)
    if engine == "oxigraph" and not oxigraph_ok:
        raise QueryError(f"{path}: Oxigraph cannot read {', '.join(sorted({rdf_format(f) for f in files}))} files; "
                         "use the rdflib engine")
    big = sum(f.stat().st_size for f in files) >= BIG_FILE_BYTES
    if oxigraph_ok and (engine == "oxigraph" or (engine == "auto" and big)):
        return oxigraph_query(_memory_store(files), sparql, prefixes)
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    for f in files:
        try:
            ds.parse(f, format=rdf_format(f))
        except Exception as err:  # rdflib raises many parser-specific types
            raise GraphLoadError(f"{f}: could not be read as {rdf_format(f)}: {err}") from err
    return _rdflib_query(ds, sparql, prefixes)


def _rdflib_query(graph: Graph, sparql, prefixes: dict[str, str] | None = None) -> tuple[str, list[str], list[list]]:
    try:
        result = graph.query(sparql, initNs=prefixes or {}) if isinstance(sparql, str) else graph.query(sparql)
    except Exception as err:  # rdflib's parser raises pyparsing errors of many kinds
        raise QueryError(f"the query could not be run: {err}") from err
    if result.type == "ASK":
        return "ASK", ["ask"], [[bool(result.askAnswer)]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return "CONSTRUCT", ["subject", "predicate", "object"], [list(t) for t in result.graph]
    columns = [str(v) for v in result.vars]
    return "SELECT", columns, [[row[c] for c in columns] for row in result]


# ---------------------------------------------------------------- rdflib Dataset over Oxigraph

def oxigraph_dataset(store: ox.Store) -> Dataset:
    """An rdflib Dataset (default graph = union of all graphs) reading and writing `store`."""
    ds = Dataset(store=OxigraphBackend(store), default_union=True)
    bind_prefixes(ds)
    return ds


class OxigraphBackend(RDFLibStore):
    """An rdflib store plugin over a pyoxigraph Store: pattern matching and SPARQL are done by
    Oxigraph, so `Dataset.query` on a store folder is as fast as pyoxigraph itself."""

    context_aware = True
    formula_aware = False
    graph_aware = True
    transaction_aware = False

    def __init__(self, store: ox.Store):
        super().__init__()
        self.ox = store
        self._prefixes: dict[str, URIRef] = {}
        self._namespaces: dict[URIRef, str] = {}

    # reading: the stored default graph is the merge of the named graphs (see
    # `merge_into_default_graph`), so a triple's contexts are the named graphs holding it, or
    # the default graph when none does.
    def triples(self, triple_pattern, context=None):
        s, p, o = (to_oxigraph(t) for t in triple_pattern)
        graph = ox.DefaultGraph() if context is None or self._is_union(context) else to_oxigraph(context)
        if isinstance(graph, ox.DefaultGraph) and not has_merged_default(self.ox):
            seen: dict[tuple, None] = {}
            for q in self.ox.quads_for_pattern(s, p, o, None):
                seen.setdefault((q.subject, q.predicate, q.object), None)
            quads = (ox.Quad(*t) for t in seen)
        else:
            quads = self.ox.quads_for_pattern(s, p, o, graph)
        for q in quads:
            triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            if isinstance(graph, ox.DefaultGraph):
                yield triple, self._contexts_of(q)
            else:
                yield triple, iter([self._graph(graph)])

    def _contexts_of(self, q):
        graphs = [x.graph_name for x in self.ox.quads_for_pattern(q.subject, q.predicate, q.object, None)
                  if not isinstance(x.graph_name, ox.DefaultGraph)]
        yield from (self._graph(g) for g in graphs) if graphs else [self._graph(ox.DefaultGraph())]

    def __len__(self, context=None) -> int:
        if (context is None or self._is_union(context)) and not has_merged_default(self.ox):
            query = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
            return int(next(iter(self.ox.query(query, use_default_graph_as_union=True)))[0].value)
        graph = ox.DefaultGraph() if context is None or self._is_union(context) else to_oxigraph(context)
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, graph))

    def contexts(self, triple=None):
        if triple is None:
            graphs = list(self.ox.named_graphs())
        else:
            s, p, o = (to_oxigraph(t) for t in triple)
            graphs = list(dict.fromkeys(q.graph_name for q in self.ox.quads_for_pattern(s, p, o, None)
                                        if not isinstance(q.graph_name, ox.DefaultGraph)))
        for g in graphs:
            yield self._graph(g)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803 (rdflib's names)
        if initBindings or not isinstance(query, str) or kwargs:
            raise NotImplementedError  # rdflib evaluates it over `triples`
        prefixes = {k: str(v) for k, v in (initNs or {}).items()}
        if queryGraph == "__UNION__":
            result = self.ox.query(query, prefixes=prefixes, use_default_graph_as_union=not has_merged_default(self.ox))
        else:
            result = self.ox.query(query, prefixes=prefixes, default_graph=to_oxigraph(URIRef(str(queryGraph))))
        return _as_rdflib_result(result)

    # writing
    def add(self, triple, context, quoted=False):
        s, p, o = (to_oxigraph(t) for t in triple)
        g = ox.DefaultGraph() if context is None or self._is_union(context) else to_oxigraph(context)
        self.ox.add(ox.Quad(s, p, o, g))
        self.ox.add(ox.Quad(s, p, o, ox.DefaultGraph()))  # keep the default graph the merge
        super().add(triple, context, quoted)

    def remove(self, triple, context=None):
        s, p, o = (to_oxigraph(t) for t in triple)
        whole = context is None or self._is_union(context)
        graph = None if whole else to_oxigraph(context)
        for q in list(self.ox.quads_for_pattern(s, p, o, graph)):
            self.ox.remove(q)
            rest = [x for x in self.ox.quads_for_pattern(q.subject, q.predicate, q.object, None)
                    if not isinstance(x.graph_name, ox.DefaultGraph)]
            if not rest:
                self.ox.remove(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
        super().remove(triple, context)

    def add_graph(self, graph):
        g = to_oxigraph(graph)
        if not isinstance(g, ox.DefaultGraph):
            self.ox.add_graph(g)

    def remove_graph(self, graph):
        self.ox.remove_graph(to_oxigraph(graph))

    # prefixes
    def bind(self, prefix, namespace, override=True):
        if override or prefix not in self._prefixes:
            old = self._prefixes.pop(prefix, None)
            if old is not None:
                self._namespaces.pop(old, None)
            self._namespaces.pop(URIRef(namespace), None)
            self._prefixes = {k: v for k, v in self._prefixes.items() if v != URIRef(namespace)}
            self._prefixes[prefix] = URIRef(namespace)
            self._namespaces[URIRef(namespace)] = prefix

    def namespace(self, prefix):
        return self._prefixes.get(prefix)

    def prefix(self, namespace):
        return self._namespaces.get(URIRef(namespace))

    def namespaces(self):
        yield from self._prefixes.items()

    # helpers
    @staticmethod
    def _is_union(context) -> bool:
        ident = context.identifier if isinstance(context, Graph) else context
        return ident == "__UNION__"

    def _graph(self, name) -> Graph:
        ident = to_rdflib(name) if not isinstance(name, Node) else name
        return Graph(store=self, identifier=ident)


def _as_rdflib_result(result) -> Result:
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
        return out
    if isinstance(result, ox.QueryTriples):
        out = Result("CONSTRUCT")
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        out.graph = g
        return out
    out = Result("SELECT")
    names = [v.value for v in result.variables]
    out.vars = [Variable(n) for n in names]
    out.bindings = [{Variable(n): to_rdflib(sol[i]) for i, n in enumerate(names) if sol[i] is not None}
                    for sol in result]
    return out


def dump_text(store: ox.Store) -> str:
    """The whole store as N-Quads text (tests and small stores only)."""
    buf = io.BytesIO()
    store.dump(buf, format=ox.RdfFormat.N_QUADS)
    return buf.getvalue().decode("utf-8")


# ---------------------------------------------------------------- SPARQL Graph Store Protocol

def push(graph, endpoint: str, *, replace: bool = False, timeout: float = 60,
         progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Send a graph (file, folder or store folder) to a SPARQL 1.1 Graph Store Protocol
    endpoint (e.g. Oxigraph's http://host:7878/store), one named graph per document.

    Each named graph is PUT to `endpoint?graph=<iri>` as N-Triples, which replaces that graph
    on the server; without `replace`, graphs already on the server are refused instead of
    overwritten. Triples outside any named graph are POSTed (added) to `endpoint?default`.
    Returns {graph IRI or "default": triples sent}."""
    import urllib.error
    import urllib.parse
    import urllib.request

    ds = load(graph)
    by_graph: dict[str, list[str]] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        ctx = c.identifier if isinstance(c, Graph) else c
        key = "default" if ctx is None or _default(ctx) else str(ctx)
        by_graph.setdefault(key, []).append(f"{_nt(s)} {_nt(p)} {_nt(o)} .")
    sep = "&" if "?" in endpoint else "?"

    def request(method: str, target: str, body: bytes | None = None) -> int:
        req = urllib.request.Request(endpoint + sep + target, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"} if body is not None else {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
                return resp.status
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code == 404:
                return 404
            detail = err.read().decode("utf-8", "replace").strip()[:300]
            raise GraphLoadError(f"{endpoint}: {method} {target} failed with HTTP {err.code} {err.reason}: {detail}") from err
        except OSError as err:
            raise GraphLoadError(f"{endpoint}: not reachable ({err}). Is the server running and is this its "
                                 "Graph Store Protocol URL (Oxigraph: http://host:7878/store)?") from err

    named = sorted(k for k in by_graph if k != "default")
    if not replace:
        existing = [g for g in named if request("HEAD", "graph=" + urllib.parse.quote(g, safe="")) != 404]
        if existing:
            raise GraphLoadError(f"{endpoint}: {len(existing)} graph(s) already there (first: {existing[0]}). "
                                 "Overwrite them with --replace")
    sent = {}
    for g in named:
        body = ("\n".join(sorted(set(by_graph[g]))) + "\n").encode("utf-8")
        request("PUT", "graph=" + urllib.parse.quote(g, safe=""), body)
        sent[g] = len(set(by_graph[g]))
        if progress:
            progress(g)
    if "default" in by_graph:
        request("POST", "default", ("\n".join(sorted(set(by_graph["default"]))) + "\n").encode("utf-8"))
        sent["default"] = len(set(by_graph["default"]))
    return sent
