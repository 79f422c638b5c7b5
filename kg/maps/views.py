"""The views of `kg map`: each answers one question a researcher asks of the minutes.

Pure functions: the typed graph of `kg.analyse.to_networkx` (and, for the topic view, the RDF
graph it was read from) goes in, a view graph (see `kg.maps.viewgraph`) comes out, capped
near `MAX_NODES` nodes and `MAX_LINKS` links and saying what it left out.

Same graph in, same view out: every choice (top-k, thinning, ties) is made in sorted order.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.analyse import ATTENDANCE, ExploreError, find_node
from kg.maps.viewgraph import (MAX_LINKS, MAX_NODES, NARROW, ViewGraph, evidence, finish, merge_links, thin,
                               strongest)
from kg.namespace import MKG

HOLDERS = ("item", "report")
PARTNERS = ("organisation", "service")


def _holder_meeting(g: nx.MultiDiGraph) -> dict[str, str]:
    out = {}
    for u, v, rel in g.edges(data="relation"):
        if rel in ("item", "report") and g.nodes[u].get("kind") == "meeting":
            out[v] = u
    for u, v, rel in sorted(g.edges(data="relation")):
        if rel == "considered" and u in out:
            out[v] = out[u]
    return out


def _committee_of(g: nx.MultiDiGraph) -> dict[str, str]:
    return {u: v for u, v, rel in sorted(g.edges(data="relation"), reverse=True)
            if rel == "committee" and g.nodes[u].get("kind") == "meeting"}


# ---------------------------------------------------------------- people

def people(g: nx.MultiDiGraph, *, max_nodes: int = MAX_NODES, max_links: int = MAX_LINKS) -> nx.Graph:
    """Who sits with whom: members and officers at the same meetings, one link per pair
    weighted by the meetings they shared, thinned to the strongest links."""
    at: dict[str, set[str]] = defaultdict(set)
    officer: dict[str, bool] = {}
    for m, p, rel in g.edges(data="relation"):
        if g.nodes[m].get("kind") == "meeting" and rel in ATTENDANCE.values() and rel != "apology":
            at[p].add(m)
            is_officer = rel == "in attendance" or g.nodes[p].get("role") == "officer"
            officer[p] = officer.get(p, True) and is_officer
    labels = {p: g.nodes[p]["label"] for p in at}
    kept = strongest({p: len(ms) for p, ms in at.items()}, labels, max_nodes)
    v = ViewGraph("people", "meetings attended")
    for p in kept:
        dates = sorted(g.nodes[m].get("date", "") for m in at[p])
        v.node(p, "officer" if officer[p] else "member", labels[p], dates=dates,
               detail=[f"at {len(at[p])} meeting(s)"], score=float(len(at[p])))
    for a, b in combinations(sorted(kept), 2):
        shared = sorted(at[a] & at[b])
        if shared:
            v.link(a, b, "shared meetings", weight=len(shared),
                   evidence=[evidence(g, m, "both there") for m in shared])
    thin(v.g, max_links=max_links, per_node=2)
    return finish(v.g, total=len(at), what=" people")


# ---------------------------------------------------------------- partners

def partners(g: nx.MultiDiGraph, *, max_partners: int = 30, max_topics: int = 20, max_links: int = MAX_LINKS
             ) -> nx.Graph:
    """Which outside organisations and council services come up with which topics and
    committees, over time: partner ↔ topic and partner ↔ committee, weighted by items."""
    meeting_of, committee_of = _holder_meeting(g), _committee_of(g)
    topics_of: dict[str, set[str]] = defaultdict(set)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for h, t, rel in g.edges(data="relation"):
        kind = g.nodes[t].get("kind")
        if g.nodes[h].get("kind") in HOLDERS:
            if rel == "topic" and kind == "topic":
                topics_of[h].add(t)
            elif rel == "mentions" and kind in PARTNERS:
                mentioned[t].add(h)
    labels = {n: g.nodes[n]["label"] for n in g}
    kept = strongest({p: len(hs) for p, hs in mentioned.items()}, labels, max_partners)
    committees = {committee_of.get(meeting_of.get(h)) for p in kept for h in mentioned[p]} - {None}
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for p in kept:
        for h in sorted(mentioned[p]):
            m = meeting_of.get(h)
            ev = evidence(g, m, labels[h])
            for t in sorted(topics_of[h]):
                pairs[(p, t)].append(ev)
            if len(committees) > 1 and committee_of.get(m):
                pairs[(p, committee_of[m])].append(ev)
    weight = Counter()
    for (_, t), evs in pairs.items():
        weight[t] += len(evs)
    others = set(strongest(dict(weight), labels, max_topics))
    v = ViewGraph("partners", "items that mention it (partners) or link it (topics, committees)")
    for p in kept:
        v.node(p, g.nodes[p]["kind"], labels[p], score=float(len(mentioned[p])),
               detail=[f"mentioned in {len(mentioned[p])} item(s)"])
    for (p, t), evs in sorted(pairs.items()):
        if t in others:
            v.node(t, g.nodes[t]["kind"], labels[t], score=float(weight[t]))
            v.link(p, t, "on topic" if g.nodes[t]["kind"] == "topic" else "at committee", weight=len(evs),
                   evidence=evs)
    if v.g.number_of_edges():  # a partner on no topic at all says nothing here
        v.g.remove_nodes_from([n for n in list(v.g) if v.g.degree(n) == 0])
    thin(v.g, max_links=max_links, per_node=1)
    total = len(mentioned) + len({t for _, t in pairs})
    return finish(v.g, total=total, what=" partners, topics and committees")


# ---------------------------------------------------------------- topic

def topic(g: nx.MultiDiGraph, rdf: Graph, *, max_nodes: int = MAX_NODES, max_partners: int = 20,
          figures_per_item: int = 2, max_figures: int = 12) -> nx.Graph:
    """One topic: its meetings, items, reports, resolutions, partners and figures, in date
    order. `g` is the typed graph already cut to the topic (`to_networkx(..., topic=...)`)."""
    meeting_of = _holder_meeting(g)
    topics = sorted({t for h, t, rel in g.edges(data="relation") if rel == "topic"})
    holders = sorted(meeting_of, key=lambda h: (g.nodes[meeting_of[h]].get("date", ""), meeting_of[h], h))
    meetings = sorted({meeting_of[h] for h in holders}, key=lambda m: (g.nodes[m].get("date", "") or "9999", m))
    order = {"meeting": 0, "item": 1, "report": 2, "organisation": 3, "service": 3, "resolution": 4, "figure": 5}
    cand: list[tuple[int, str, str, str, str, str]] = []  # rank, id, kind, label, parent, relation
    for m in meetings:
        cand.append((0, m, "meeting", g.nodes[m]["label"], "", ""))
    for h in holders:
        parent = next((u for u, _, rel in g.in_edges(h, data="relation") if rel == "considered"), meeting_of[h])
        kind = g.nodes[h]["kind"]
        cand.append((order[kind], h, kind, g.nodes[h]["label"], parent, "considered" if kind == "report" and
                     parent != meeting_of[h] else kind))
        for _, t, rel in sorted(g.out_edges(h, data="relation")):
            if rel == "mentions" and g.nodes[t].get("kind") in PARTNERS:
                cand.append((3, t, g.nodes[t]["kind"], g.nodes[t]["label"], h, "mentions"))
        for r in sorted(rdf.objects(URIRef(h), MKG.resolved)):
            cand.append((4, str(r), "resolution", _rdf_label(rdf, r), h, "resolved"))
        for f in sorted(rdf.objects(URIRef(h), MKG.figure)):
            if {str(t) for t in rdf.objects(f, MKG.topic)} & set(topics):
                counts = sorted(str(c) for c in rdf.objects(f, MKG.counts))
                label = _rdf_label(rdf, f)
                label += f" {counts[0]}" if counts and counts[0] not in label else ""
                cand.append((5, str(f), "figure", label, h,
                             "quotes"))
    total = len({c[1] for c in cand})
    cand = _cap_topic(cand, max_partners=max_partners, figures_per_item=figures_per_item, max_figures=max_figures)
    keep: set[str] = set()
    for c in sorted(cand, key=lambda c: c[0]):
        if len(keep) < max_nodes or c[1] in keep:
            keep.add(c[1])
    v = ViewGraph("topic", "links (weighted degree)")
    shown = [c for c in cand if c[1] in keep and (not c[4] or c[4] in keep)]
    for _, n, kind, label, parent, _ in shown:
        m = n if kind == "meeting" else meeting_of.get(n if kind in HOLDERS else parent)
        v.node(n, kind, label, dates=[g.nodes[m].get("date", "") if m in g else ""])
    for _, n, kind, label, parent, relation in shown:
        if parent:
            m = n if kind == "meeting" else meeting_of.get(n if kind in HOLDERS else parent)
            v.link(parent, n, relation, evidence=[evidence(g, m, label)], directed=True)
    for n in v.g:  # one size for what a meeting holds; partners by the items naming them
        v.g.nodes[n]["score"] = float(v.g.degree(n)) if v.g.nodes[n]["kind"] in PARTNERS else 1.0
    v.g.graph["layout"] = "dates"
    v.g.graph["size_by"] = "items naming it (partners)"
    return finish(v.g, total=total, what=" nodes of the topic")


def _cap_topic(cand: list[tuple], *, max_partners: int, figures_per_item: int, max_figures: int) -> list[tuple]:
    """The partners named by most items, and a few figures of each item, in a few in all."""
    items_of: dict[str, set[str]] = defaultdict(set)
    for c in cand:
        if c[2] in PARTNERS:
            items_of[c[1]].add(c[4])
    named = {p: len(h) for p, h in items_of.items()}
    partners_kept = set(strongest(named, {c[1]: c[3] for c in cand}, max_partners))
    per_item: Counter = Counter()
    out, figures = [], 0
    for c in cand:
        if c[2] in PARTNERS and c[1] not in partners_kept:
            continue
        if c[2] == "figure":
            if per_item[c[4]] >= figures_per_item or figures >= max_figures:
                continue
            per_item[c[4]] += 1
            figures += 1
        out.append(c)
    return out


def _rdf_label(rdf: Graph, node) -> str:
    values = sorted(str(x) for x in rdf.objects(node, RDFS.label))
    return values[0] if values else str(node).rsplit("/", 1)[-1]


# ---------------------------------------------------------------- ego

def ego(g: nx.MultiDiGraph, mapped: nx.MultiDiGraph, query: str, *, depth: int = 1, top: int = 25,
        max_nodes: int = MAX_NODES) -> tuple[nx.Graph, str]:
    """One entity's neighbourhood: the meetings it came up in (the map graph `mapped`) and the
    people, partners and topics named in the same items (the typed graph `g`), its `top`
    strongest by weight; with `depth` 2 each of those neighbours' `top` strongest too."""
    if depth not in (1, 2):
        raise ExploreError("--depth must be 1 or 2 for the ego view")
    centre = find_node(mapped, query)
    full = merge_links(mapped)
    _together(g, full)
    ring, keep = [centre], [centre]
    for _ in range(depth):
        nxt: list[str] = []
        for n in ring:
            near = {m: full[n][m]["weight"] for m in full[n] if m not in keep and m not in nxt}
            for m in strongest(near, {m: full.nodes[m]["label"] for m in near}, top):
                if len(keep) + len(nxt) < max_nodes:
                    nxt.append(m)
        keep += nxt
        ring = nxt
    H = full.subgraph(keep).copy()
    H.graph.update(view="ego", size_by="link weight to the centre", centre=centre, note="")
    for n in H:
        H.nodes[n]["score"] = float(full[centre][n]["weight"]) if full.has_edge(centre, n) else 0.5
    H.nodes[centre]["score"] = float(max([H.nodes[n]["score"] for n in H] + [1.0]))
    thin(H, per_node=1, centre=centre)
    total = len(nx.single_source_shortest_path_length(full, centre, cutoff=depth))
    return finish(H, total=total, what=f" within {depth} link(s)"), centre


def _together(g: nx.MultiDiGraph, full: nx.Graph) -> None:
    """Link the people, posts, partners and topics one item or report names together
    ("named together", weighted by items), in the merged map graph `full`."""
    meeting_of = _holder_meeting(g)
    v = ViewGraph("ego", "", graph=full)
    for h in sorted(meeting_of):
        named = sorted({t for _, t, rel in g.out_edges(h, data="relation") if rel in ("mentions", "topic")
                        and t in full})
        ev = [evidence(g, meeting_of[h], g.nodes[h]["label"])]
        for a, b in combinations(named, 2):
            v.link(a, b, "named together", evidence=ev)


# ---------------------------------------------------------------- overview

def overview(g: nx.MultiDiGraph, *, max_nodes: int = MAX_NODES, per_kind: int = 15, max_links: int = MAX_LINKS
             ) -> nx.Graph:
    """The whole archive at a glance: committees, their meetings grouped by year, and the most
    central people, partners and topics, linked to the years they came up in."""
    committee_of, meeting_of = _committee_of(g), _holder_meeting(g)
    meetings = sorted(n for n, k in g.nodes(data="kind") if k == "meeting")
    labels = {n: g.nodes[n]["label"] for n in g}

    def year_of(m):
        d = g.nodes[m].get("date", "")
        return d[:4] if d else "undated"

    by_year: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in meetings:
        by_year[(committee_of.get(m, ""), year_of(m))].append(m)
    per_committee = Counter()
    for (c, _), ms in by_year.items():
        per_committee[c] += len(ms)
    # what each entity touches: (meeting, words) by kind
    touches: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for u, v, rel in sorted(g.edges(data="relation")):
        ku, kv = g.nodes[u].get("kind"), g.nodes[v].get("kind")
        if ku == "meeting" and kv == "person" and rel != "apology":
            touches[v].append((u, rel))
        elif ku in HOLDERS and kv in PARTNERS + ("topic",) and u in meeting_of:
            touches[v].append((meeting_of[u], labels[u]))
    chosen: list[str] = []
    for kinds, k in ((("person",), per_kind), (PARTNERS, per_kind), (("topic",), per_kind)):
        scores = {n: len({m for m, _ in t}) for n, t in touches.items() if g.nodes[n]["kind"] in kinds}
        chosen += strongest(scores, labels, k)
    v = ViewGraph("overview", "meetings it came up in (committees and years: meetings held)")
    budget = max_nodes - len(chosen)
    year_node: dict[tuple[str, str], str] = {}
    for c in strongest(dict(per_committee), {c: labels.get(c, "") for c in per_committee}, len(per_committee)):
        years = sorted(y for cc, y in by_year if cc == c)
        if budget < 1 + len(years):
            continue
        budget -= 1 + len(years)
        cid = v.node(c or "committee:none", "committee", labels.get(c, "Meetings of no named committee"),
                     iri=c or "", score=float(per_committee[c]))
        for y in years:
            ms = by_year[(c, y)]
            yid = v.node(f"{cid}#year-{y}", "year", f"{y} · {len(ms)} meeting{'s' if len(ms) != 1 else ''}",
                         iri=cid, dates=[g.nodes[m].get("date", "") for m in ms], score=float(len(ms)),
                         detail=[labels.get(c, "no named committee")] + sorted(labels[m] for m in ms)[:12])
            v.link(cid, yid, "met in", weight=len(ms), evidence=[evidence(g, m) for m in ms])
            for m in ms:
                year_node[m] = yid
    for n in chosen:
        links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for m, words in touches[n]:
            if m in year_node:
                links[year_node[m]].append(evidence(g, m, words))
        if not links:
            continue
        meetings_in = len({m for m, _ in touches[n]})
        v.node(n, g.nodes[n]["kind"], labels[n], score=float(meetings_in), detail=[f"in {meetings_in} meeting(s)"])
        for yid, evs in sorted(links.items()):
            v.link(n, yid, "came up in", weight=len({e[0] for e in evs}), evidence=evs)
    thin(v.g, max_links=max_links, per_node=2)
    total = sum(1 for _, k in g.nodes(data="kind") if k not in HOLDERS)
    return finish(v.g, total=total, what=" nodes of the whole map")


def keep_kinds(H: nx.Graph, types: set[str] | None, always=()) -> nx.Graph:
    """Only nodes of these kinds (members and officers count as person, years as meeting)."""
    if not types:
        return H
    alias = {"member": "person", "officer": "person", "year": "meeting"}
    keep = [n for n, k in H.nodes(data="kind") if alias.get(k, k) in types or n in always]
    out = H.subgraph(keep).copy()
    out.graph["shown"] = out.number_of_nodes()
    if out.number_of_nodes() < H.graph.get("total", 0):
        out.graph["note"] = f"showing {out.number_of_nodes()} of {H.graph['total']}; {NARROW}"
    return out


VIEWS = {
    "overview": "What does the archive hold? Committees, meetings by year, the most central people, "
                "partners and topics",
    "people": "Who sits with whom? Members and officers linked by the meetings they shared",
    "partners": "Which partners come up with which topics and committees, and when?",
    "topic": "What happened on one topic (--topic)? Its meetings, items, reports, resolutions, partners and "
             "figures in date order",
    "ego": "What is one entity (--ego) linked to? Its strongest neighbours",
}

__all__ = ["VIEWS", "people", "partners", "topic", "ego", "overview", "merge_links", "keep_kinds",
           "MAX_NODES", "MAX_LINKS"]
