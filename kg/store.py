"""Where graphs live: files in any RDF syntax, read into an rdflib Dataset.

Writing is deterministic: triples are written in sorted order, so the same graph always
gives the same bytes."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.term import Node

from kg.errors import GraphLoadError
from kg.namespace import bind_prefixes

FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}
QUAD_FORMATS = {"nquads", "trig", "json-ld"}


def rdf_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GraphLoadError(f"{path}: unknown graph format '{suffix}'. Use one of: {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def _key(term: Node) -> str:
    return term.n3()


def save(dataset: Dataset, path: str | Path) -> Path:
    """Write `dataset` to `path` in the syntax its extension names (.ttl .nt .nq .trig .jsonld).

    Turtle and N-Triples hold one graph, so they get the union of the named graphs."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("nt", "nquads"):
        lines = set()
        for s, p, o, c in dataset.quads((None, None, None, None)):
            if fmt == "nt":
                lines.add(f"{s.n3()} {p.n3()} {o.n3()} .")
            else:
                ctx = c.identifier if isinstance(c, Graph) else c
                lines.add(f"{s.n3()} {p.n3()} {o.n3()} {ctx.n3()} ." if ctx is not None and not _default(ctx)
                          else f"{s.n3()} {p.n3()} {o.n3()} .")
        path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
        return path
    if fmt in QUAD_FORMATS:
        out = Dataset()
        bind_prefixes(out)
        quads = sorted(((s, p, o, c.identifier if isinstance(c, Graph) else c)
                        for s, p, o, c in dataset.quads((None, None, None, None))),
                       key=lambda q: (_key(q[3]) if q[3] is not None else "", _key(q[0]), _key(q[1]), _key(q[2])))
        for s, p, o, c in quads:
            out.graph(c).add((s, p, o))
        data = out.serialize(format=fmt)
    else:
        out = Graph()
        bind_prefixes(out)
        triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
        for t in sorted(triples, key=lambda t: (_key(t[0]), _key(t[1]), _key(t[2]))):
            out.add(t)
        data = out.serialize(format=fmt)
    path.write_text(data if isinstance(data, str) else data.decode("utf-8"), encoding="utf-8")
    return path


def _default(ctx) -> bool:
    return str(ctx) in ("urn:x-rdflib:default",)


def load(path: str | Path) -> Dataset:
    """Read a graph file (or every graph file in a folder) into one Dataset whose default
    graph is the union of all graphs."""
    path = Path(path)
    if not path.exists():
        raise GraphLoadError(f"{path}: no such file. Build one first: kg build examples -o graphs/examples.ttl")
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS) if path.is_dir() else [path]
    if not files:
        raise GraphLoadError(f"{path}: no graph files (.ttl .nt .nq .trig .jsonld) in this folder")
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
