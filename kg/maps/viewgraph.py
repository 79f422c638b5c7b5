"""The view graph every view of `kg map` returns, and the helpers that build and cut it.

A view is an undirected `nx.Graph`:

- nodes carry `kind`, `label`, `iri`, `score` (what the node's size shows, named by the
  graph's `size_by`), `d0`/`d1` (first and last date it was seen, ISO, or ""), `detail` (plain
  lines for the tooltip) and, where the view lays itself out, `x`/`y`;
- each pair of nodes has one link with `relation`, `weight`, `directed` and `tail` (the end
  the arrow leaves from, for one-way relations only) and `evidence`: the sorted
  (meeting, date, words) triples the link was read from;
- the graph carries `view`, `size_by`, `shown`/`total` node counts and `note`, the words that
  say what was left out and how to narrow the view.
"""
from __future__ import annotations

import networkx as nx

MAX_NODES = 150
MAX_LINKS = 400
LINKS_PER_NODE = 2.5
SYMMETRIC = frozenset({"same meeting", "shared meetings", "named together"})
NARROW = "narrow with --view/--from/--types"


class ViewGraph:
    """A view being put together: nodes and merged, weighted links."""

    def __init__(self, name: str, size_by: str, graph: nx.Graph | None = None):
        self.g = graph if graph is not None else nx.Graph(view=name, size_by=size_by, note="")

    def node(self, n: str, kind: str, label: str, iri: str = "", dates=(), detail=(), score: float = 0.0) -> str:
        g = self.g
        if n not in g:
            g.add_node(n, kind=kind, label=label, iri=iri or n, score=0.0, d0="", d1="", detail=[])
        a = g.nodes[n]
        a["score"] = max(a["score"], score)
        for d in dates:
            if d:
                a["d0"] = min(a["d0"] or d, d)
                a["d1"] = max(a["d1"], d)
        a["detail"] = sorted(set(a["detail"]) | set(detail))
        return n

    def link(self, a: str, b: str, relation: str, *, weight: float = 1.0, evidence=(), directed: bool = False):
        g = self.g
        if a == b:
            return
        if g.has_edge(a, b):
            e = g[a][b]
            e["weight"] += weight
            e["evidence"] = sorted(set(e["evidence"]) | set(evidence))
            if relation not in e["relation"].split(", "):
                e["relation"] = ", ".join(sorted(e["relation"].split(", ") + [relation]))
                e["directed"] = False
            elif e["directed"] and e["tail"] != a:
                e["directed"] = False
        else:
            g.add_edge(a, b, relation=relation, weight=weight, evidence=sorted(set(evidence)),
                       directed=directed and relation not in SYMMETRIC, tail=a)
        for n in (a, b):
            self.node(n, g.nodes[n]["kind"], g.nodes[n]["label"], dates=[d for _, d, _ in evidence])


def evidence(g: nx.MultiDiGraph, m: str | None, words: str = "") -> tuple[str, str, str]:
    if m is None or m not in g:
        return ("", "", words)
    return (g.nodes[m].get("label", m), g.nodes[m].get("date", ""), words)


def merge_links(g: nx.MultiDiGraph, *, name: str = "all") -> nx.Graph:
    """The map graph `g` (parallel links, one per relation and meeting) as a view: one
    weighted link per pair, undirected where the relation is symmetric or runs both ways."""
    v = ViewGraph(name, "links (weighted degree)")
    for n, a in sorted(g.nodes(data=True)):
        v.node(n, a.get("kind", "other"), a.get("label", n), a.get("iri", n), dates=[a.get("date", "")])
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("relation")),
                                                             str(e[2].get("date")), str(e[2].get("quote")))):
        ev = (str(d.get("meeting", "")), str(d.get("date", "")), str(d.get("quote", "")))
        v.link(a, b, str(d.get("relation", "")), weight=float(d.get("weight", 1) or 1), evidence=[ev],
               directed=True)
    return finish(v.g, total=g.number_of_nodes())


def finish(H: nx.Graph, *, total: int, what: str = "") -> nx.Graph:
    """Score nodes by weighted degree where the view set none, and say what was left out."""
    for n in H:
        if not H.nodes[n]["score"]:
            H.nodes[n]["score"] = float(sum(w for _, _, w in H.edges(n, data="weight")))
    H.graph["shown"], H.graph["total"] = H.number_of_nodes(), total
    if H.number_of_nodes() < total:
        H.graph["note"] = f"showing {H.number_of_nodes()} of {total}{what}; {NARROW}"
    return H


def thin(H: nx.Graph, *, max_links: int = MAX_LINKS, per_node: int = 0, centre: str | None = None) -> None:
    """Keep the strongest links: the centre's, the maximum spanning forest (so nothing shown
    falls apart), each node's `per_node` strongest links, then the strongest of the rest up to
    the budget."""
    budget = min(max_links, max(H.number_of_nodes() - 1, round(LINKS_PER_NODE * H.number_of_nodes())))
    if H.number_of_edges() <= budget:
        return

    def order(e):
        u, v = sorted(e[:2])
        return (-e[2]["weight"], H.nodes[u]["label"], H.nodes[v]["label"], u, v)

    edges = sorted(H.edges(data=True), key=order)
    keep: set[tuple[str, str]] = {tuple(sorted((u, v))) for u, v in H.edges(centre)} if centre else set()
    forest = nx.utils.UnionFind()
    for u, v, _ in edges:
        if forest[u] != forest[v]:
            forest.union(u, v)
            keep.add(tuple(sorted((u, v))))
    if per_node:
        for n in sorted(H):
            mine = sorted(((u, v, d) for u, v, d in H.edges(n, data=True)), key=order)[:per_node]
            keep |= {tuple(sorted((u, v))) for u, v, _ in mine}
    for u, v, _ in edges:
        if len(keep) >= budget:
            break
        keep.add(tuple(sorted((u, v))))
    H.remove_edges_from([(u, v) for u, v in list(H.edges()) if tuple(sorted((u, v))) not in keep])


def strongest(scores: dict[str, float], labels: dict[str, str], k: int) -> list[str]:
    return sorted(scores, key=lambda n: (-scores[n], labels.get(n, n), n))[:k]




__all__ = ["ViewGraph", "merge_links", "finish", "thin", "strongest", "evidence", "MAX_NODES", "MAX_LINKS",
           "NARROW"]
