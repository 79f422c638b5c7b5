"""networkx → files other tools open: GEXF (Gephi), GraphML (Gephi, yEd, Cytoscape) and CSV.

The writers take the typed graph of `kg.analyse.to_networkx`; every attribute is written as
a string or a number (None becomes ""), nodes and edges in sorted order, so the same graph
gives the same file.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx

from kg.errors import MinutesKGError

FORMATS = ("gexf", "graphml", "csv")
NODE_COLUMNS = ("id", "kind", "label", "iri", "date")
EDGE_COLUMNS = ("source", "target", "relation", "meeting", "date", "quote", "weight")


class ExportError(MinutesKGError):
    """A graph could not be exported as asked."""


def _value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float, str)):
        return v
    return str(v)


def _clean(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with plain attribute values, sorted nodes and edges, and string edge keys."""
    H = nx.MultiDiGraph()
    for v in sorted(g.nodes()):
        attrs = {k: _value(x) for k, x in sorted(g.nodes[v].items())}
        attrs.setdefault("label", str(v))
        H.add_node(str(v), **attrs)
    edges = sorted(g.edges(keys=True, data=True),
                   key=lambda e: (str(e[0]), str(e[1]), str(e[2]), str(e[3].get("meeting", ""))))
    for n, (u, v, k, d) in enumerate(edges):
        H.add_edge(str(u), str(v), key=f"e{n}", **{a: _value(x) for a, x in sorted(d.items())})
    return H


def csv_paths(path) -> tuple[Path, Path]:
    """Where the CSV export goes: `path` ending in .csv is a prefix (seeds.csv → seeds.nodes.csv,
    seeds.edges.csv); anything else is a folder holding nodes.csv and edges.csv."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        stem = path.with_suffix("")
        return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")
    return path / "nodes.csv", path / "edges.csv"


def export(graph: nx.MultiDiGraph, path, fmt: str) -> list[Path]:
    """Write `graph` to `path` as gexf, graphml or csv; return the files written."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}'. Use one of: {', '.join(FORMATS)}")
    g = _clean(graph)
    path = Path(path)
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(path)
        nodes_path.parent.mkdir(parents=True, exist_ok=True)
        extra_n = sorted({k for _, d in g.nodes(data=True) for k in d} - set(NODE_COLUMNS))
        with nodes_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(NODE_COLUMNS + tuple(extra_n))
            for v, d in g.nodes(data=True):
                w.writerow([v] + [d.get(c, "") for c in NODE_COLUMNS[1:]] + [d.get(c, "") for c in extra_n])
        extra_e = sorted({k for *_, d in g.edges(data=True) for k in d} - set(EDGE_COLUMNS))
        with edges_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(EDGE_COLUMNS + tuple(extra_e))
            for u, v, d in g.edges(data=True):
                w.writerow([u, v] + [d.get(c, "") for c in EDGE_COLUMNS[2:]] + [d.get(c, "") for c in extra_e])
        return [nodes_path, edges_path]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        # drop the write date networkx stamps in, so the same graph gives the same bytes
        text = "\n".join(nx.generate_gexf(g)) + "\n"
        path.write_text(re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1), encoding="utf-8")
    else:
        nx.write_graphml(g, path)
    return [path]


__all__ = ["export", "csv_paths", "FORMATS", "ExportError"]
