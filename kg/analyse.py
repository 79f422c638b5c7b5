"""Graph → networkx → tables: who sits with whom, who comes, which partners are talked about when.

Pure functions: an rdflib graph (or the networkx graph made from it) goes in, a networkx graph
or a plain dict of JSON-able tables comes out. Nothing here writes files or prints. Every
result is sorted, so the same graph always gives the same tables.

The typed graph (`to_networkx`) has one node per meeting, agenda item, report, person, post,
organisation, service, committee and topic (node id = IRI, attributes `kind`, `label`, `iri`,
and `date` for meetings) and one edge per link the minutes make (attributes `relation`,
`meeting`, `date`, `quote`: where the link was read). Its map projection (`collapse=True`)
drops the items and reports and hangs what they mention on their meeting instead.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import MinutesKGError
from kg.namespace import MKG

KINDS = ("meeting", "item", "report", "person", "post", "organisation", "service", "committee", "topic")
CLASS_KIND = {
    MKG.Meeting: "meeting",
    MKG.AgendaItem: "item",
    MKG.Report: "report",
    MKG.Person: "person",
    MKG.Post: "post",
    MKG.Organisation: "organisation",
    MKG.Service: "service",
    MKG.Committee: "committee",
    MKG.Topic: "topic",
    SKOS.Concept: "topic",
}
ATTENDANCE = {MKG.present: "present", MKG.chair: "chair", MKG.inAttendance: "in attendance",
              MKG.apology: "apology", MKG.substitute: "substitute"}
MEMBER_RELATIONS = ("present", "chair", "substitute")
MAX_QUOTES = 5


class ExploreError(MinutesKGError):
    """A map, analysis or export could not be made as asked (unknown entity, bad filter ...)."""


# ---------------------------------------------------------------- graph → networkx

def _label(graph: Graph, node) -> str:
    for prop in (RDFS.label, SKOS.prefLabel):
        values = sorted(str(v) for v in graph.objects(node, prop))
        if values:
            return values[0]
    text = str(node)
    return re.split(r"[/#]", text.rstrip("/"))[-1] or text


def _parse_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise ExploreError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2021-03-01") from err


def _join_quotes(quotes) -> str:
    unique = sorted(set(q for q in quotes if q))
    text = " | ".join(unique[:MAX_QUOTES])
    if len(unique) > MAX_QUOTES:
        text += f" | … ({len(unique) - MAX_QUOTES} more)"
    return text


class _Reader:
    """Everything `to_networkx` needs from the RDF graph, read once."""

    def __init__(self, graph: Graph):
        self.g = graph
        self.kind: dict[URIRef, str] = {}
        for cls, kind in CLASS_KIND.items():
            for s in graph.subjects(RDF.type, cls):
                if isinstance(s, URIRef) and s not in self.kind:
                    self.kind[s] = kind
        # topics may come untyped: anything an item or report points to with mkg:topic
        self.topic_links: list[tuple[URIRef, URIRef]] = []
        for s, o in graph.subject_objects(MKG.topic):
            if isinstance(o, URIRef) and self.kind.get(s) in ("item", "report"):
                self.kind.setdefault(o, "topic")
                self.topic_links.append((s, o))
        self.labels = {n: _label(graph, n) for n in self.kind}
        self.meeting_date: dict[URIRef, date | None] = {}
        for m in self._of("meeting"):
            dates = sorted(str(d) for d in graph.objects(m, MKG.date))
            self.meeting_date[m] = _parse_date(dates[0]) if dates else None
        self.meeting_of: dict[URIRef, URIRef] = {}
        for m, i in graph.subject_objects(MKG.item):
            if m in self.meeting_date:
                self.meeting_of[i] = m
        for r, m in graph.subject_objects(MKG.forMeeting):
            if m in self.meeting_date:
                self.meeting_of[r] = m
        self.item_of_report: dict[URIRef, URIRef] = {}
        for i, r in graph.subject_objects(MKG.considered):
            self.item_of_report[r] = i
        # surface forms: (holder, target) → words used
        self.surface: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
        self.mention_count: Counter = Counter()
        for holder, mention in graph.subject_objects(MKG.mention):
            for target in graph.objects(mention, MKG.refersTo):
                self.mention_count[(holder, target)] += 1
                for sf in graph.objects(mention, MKG.surfaceForm):
                    self.surface[(holder, target)].add(str(sf))

    def _of(self, kind: str) -> list[URIRef]:
        return sorted(n for n, k in self.kind.items() if k == kind)

    def meeting_attrs(self, m: URIRef | None) -> dict:
        if m is None:
            return {"meeting": "", "date": ""}
        d = self.meeting_date.get(m)
        return {"meeting": self.labels.get(m, str(m)), "date": d.isoformat() if d else ""}


def to_networkx(graph: Graph, *, types=None, date_from=None, date_to=None, topic=None,
                collapse: bool = False) -> nx.MultiDiGraph:
    """The typed graph of a minutes-kg RDF graph.

    `types` keeps only nodes of those kinds (see `KINDS`); `date_from`/`date_to` keep meetings
    held in that range (inclusive; undated meetings drop out when either is given) and what
    hangs on them; `topic` keeps the items and reports on a topic (label substring or IRI) and
    their meetings. With `collapse=True` items and reports are folded into their meeting (the
    map projection); when `types` then leaves out meetings, the kept nodes linked through the
    same meeting are joined by a "same meeting" edge.
    """
    kinds = _parse_types(types)
    d_from, d_to = _parse_date(date_from), _parse_date(date_to)
    r = _Reader(graph)
    G = nx.MultiDiGraph()

    def keep_meeting(m):
        d = r.meeting_date.get(m)
        if d_from or d_to:
            if d is None or (d_from and d < d_from) or (d_to and d > d_to):
                return False
        return True

    meetings = [m for m in r._of("meeting") if keep_meeting(m)]
    kept_meetings = set(meetings)
    holders = [h for h in r._of("item") + r._of("report") if r.meeting_of.get(h) in kept_meetings]
    if topic:
        on_topic = _match_topic(r, topic)
        topical = {h for h, t in r.topic_links if t in on_topic}
        # a report considered under an item on the topic is on it too
        topical |= {rep for rep, i in r.item_of_report.items() if i in topical}
        holders = [h for h in holders if h in topical]
        kept_meetings = {r.meeting_of[h] for h in holders}
        meetings = sorted(kept_meetings)
    kept_holders = set(holders)

    def node(n):
        if n not in G:
            attrs = {"kind": r.kind.get(n, "other"), "label": r.labels.get(n, _label(graph, n)), "iri": str(n)}
            if attrs["kind"] == "meeting":
                d = r.meeting_date.get(n)
                attrs["date"] = d.isoformat() if d else ""
            elif attrs["kind"] == "person":
                roles = sorted(str(x) for x in graph.objects(n, MKG.role))
                attrs["role"] = roles[0] if roles else ""
            G.add_node(str(n), **attrs)
        return str(n)

    def edge(a, b, relation, m, quote, weight=1):
        G.add_edge(node(a), node(b), key=relation, relation=relation, quote=quote, weight=weight,
                   **r.meeting_attrs(m))

    for m in meetings:
        node(m)
        for c in sorted(graph.objects(m, MKG.committee)):
            if r.kind.get(c) == "committee":
                edge(m, c, "committee", m, r.labels[m])
        for prop, relation in ATTENDANCE.items():
            for p in sorted(graph.objects(m, prop)):
                if r.kind.get(p) == "person":
                    edge(m, p, relation, m, f"{relation}: {r.labels[p]}")
        for p in sorted(graph.objects(m, MKG.contactOfficer)):  # named on the page for enquiries
            if r.kind.get(p) == "person":
                edge(m, p, "contact officer", m, f"contact officer: {r.labels[p]}")
    # posts → holders: kept when the holder is in the graph (or no date/topic filter is set)
    filtered = bool(d_from or d_to or topic)
    for post, person in sorted(graph.subject_objects(MKG.heldBy)):
        if r.kind.get(post) == "post" and r.kind.get(person) == "person":
            if not filtered or str(person) in G:
                edge(post, person, "held by", None, f"{r.labels[post]}: {r.labels[person]}")

    # what items and reports mention, and their topics
    links: list[tuple[URIRef, URIRef, str, str]] = []  # holder, target, relation, quote
    for h in holders:
        for target in sorted(graph.objects(h, MKG.mentions)):
            if r.kind.get(target) in ("person", "post", "organisation", "service", "committee"):
                words = sorted(r.surface.get((h, target), ())) or [r.labels[target]]
                links.append((h, target, "mentions", "; ".join(words)))
    for h, t in sorted(r.topic_links):
        if h in kept_holders:
            links.append((h, t, "topic", r.labels[t]))

    if not collapse:
        for h in holders:
            m = r.meeting_of[h]
            rep_item = r.item_of_report.get(h)
            if r.kind[h] == "report" and rep_item in kept_holders:
                edge(rep_item, h, "considered", m, r.labels[h])
            else:
                edge(m, h, "item" if r.kind[h] == "item" else "report", m, r.labels[h])
        for h, target, relation, quote in links:
            edge(h, target, relation, r.meeting_of[h], quote,
                 weight=max(1, r.mention_count.get((h, target), 0)))
    else:
        folded: dict[tuple[URIRef, URIRef, str], list[str]] = defaultdict(list)
        for h, target, relation, quote in links:
            folded[(r.meeting_of[h], target, relation)].append(f"{r.labels[h]}: {quote}")
        for (m, target, relation), quotes in sorted(folded.items()):
            edge(m, target, relation, m, _join_quotes(quotes), weight=len(quotes))

    if kinds is not None:
        G = _keep_kinds(G, kinds, bridge=collapse)
    return G


def keep_kinds(g: nx.MultiDiGraph, types, *, bridge: bool = True, always=()) -> nx.MultiDiGraph:
    """Only the nodes of the kinds in `types` (and the nodes in `always`). With `bridge`, nodes
    that shared a meeting left out are joined by a "same meeting" edge."""
    kinds = _parse_types(types)
    if kinds is None:
        return g
    return _keep_kinds(g, kinds, bridge=bridge, always=set(always))


def _parse_types(types) -> set[str] | None:
    if not types:
        return None
    if isinstance(types, str):
        types = [t for t in re.split(r"[,\s]+", types) if t]
    wanted = {t.strip().lower() for t in types}
    aliases = {"people": "person", "persons": "person", "partner": "organisation", "partners": "organisation",
               "organization": "organisation", "org": "organisation", "items": "item", "agendaitem": "item"}
    wanted = {aliases.get(t, t.rstrip("s") if t.rstrip("s") in KINDS else t) for t in wanted}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise ExploreError(f"unknown node type(s): {', '.join(unknown)}. Choose from: {', '.join(KINDS)}")
    return wanted


def _match_topic(r: _Reader, topic: str) -> set[URIRef]:
    topics = r._of("topic")
    q = topic.strip().lower()
    found = {t for t in topics if str(t) == topic or r.labels[t].lower() == q}
    if not found:
        found = {t for t in topics if q in r.labels[t].lower()}
    if not found:
        known = ", ".join(sorted({r.labels[t] for t in topics})[:20]) or "none in this graph"
        raise ExploreError(f"no topic matches '{topic}'. Topics: {known}")
    return found


def _keep_kinds(G: nx.MultiDiGraph, kinds: set[str], *, bridge: bool, always=frozenset()) -> nx.MultiDiGraph:
    keep = sorted(n for n, k in G.nodes(data="kind") if k in kinds or n in always)
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in H and v in H)
    if bridge and "meeting" not in kinds:
        pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        dates: dict[tuple[str, str], list[str]] = defaultdict(list)
        for m, kind in sorted(G.nodes(data="kind")):
            if kind != "meeting" or m in H:
                continue
            # who was there or was talked about; a member who sent apologies was not there
            around = sorted({v for _, v, rel in G.out_edges(m, data="relation") if v in H and rel != "apology"}
                            | {u for u, _ in G.in_edges(m) if u in H})
            for a, b in combinations(around, 2):
                pairs[(a, b)].append(G.nodes[m]["label"])
                dates[(a, b)].append(G.nodes[m].get("date", ""))
        for (a, b), labels in sorted(pairs.items()):
            if H.has_edge(a, b) or H.has_edge(b, a):
                continue
            H.add_edge(a, b, key="same meeting", relation="same meeting", weight=len(labels),
                       meeting=_join_quotes(labels), date=max(dates[(a, b)]),
                       quote=f"both at {len(labels)} meeting(s)")
    return H


def ego(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The part of `g` within `depth` links of `node`, whichever way the links point."""
    if node not in g:
        raise ExploreError(f"'{node}' is not in the graph")
    if depth < 0:
        raise ExploreError("--depth must be 0 or more")
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    return g.subgraph(sorted(near)).copy()


def find_node(g: nx.MultiDiGraph, query: str) -> str:
    """The one node whose IRI is `query` or whose label holds it (case-insensitive).

    An exact label wins over substrings; several candidates are an error listing them."""
    if query in g:
        return query
    q = query.strip().lower()
    exact = sorted(n for n, lab in g.nodes(data="label") if str(lab).lower() == q)
    hits = exact or sorted(n for n, lab in g.nodes(data="label") if q in str(lab).lower())
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ExploreError(f"nothing in the graph is called '{query}': try part of a name, or an IRI")
    shown = "\n".join(f"  {g.nodes[n]['label']} ({g.nodes[n]['kind']}) <{n}>" for n in hits[:25])
    more = f"\n  … and {len(hits) - 25} more" if len(hits) > 25 else ""
    raise ExploreError(f"'{query}' matches {len(hits)} nodes; say which one (a longer name or the IRI):\n"
                       f"{shown}{more}")


def map_view(graph: Graph, *, types=None, date_from=None, date_to=None, topic=None, ego_query: str | None = None,
             depth: int = 1) -> tuple[nx.MultiDiGraph, str | None]:
    """The network `kg map` draws, and the node it is centred on (None without `ego_query`):
    items and reports folded into their meetings, the date and topic filters, then the kinds
    (first, so that with types "person,organisation" one hop is one shared meeting), then the
    part within `depth` links of the centre."""
    g = to_networkx(graph, date_from=date_from, date_to=date_to, topic=topic, collapse=True)
    centre = find_node(g, ego_query) if ego_query else None
    g = keep_kinds(g, types, bridge=True, always=[centre] if centre else ())
    if centre:
        g = ego(g, centre, depth)
    return g, centre


# ---------------------------------------------------------------- projections

def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, one edge per pair, weight = number of links."""
    H = nx.Graph()
    H.add_nodes_from(sorted(g.nodes(data=True)))
    for u, v, w in g.edges(data="weight", default=1):
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += w or 1
        else:
            H.add_edge(u, v, weight=w or 1)
    return H


def _members_at(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """meeting → members present (the chair and substitutes too)."""
    out: dict[str, set[str]] = defaultdict(set)
    for u, v, rel in g.edges(data="relation"):
        if rel in MEMBER_RELATIONS and g.nodes[u].get("kind") == "meeting":
            out[u].add(v)
    return out


def _holder_meeting(g: nx.MultiDiGraph) -> dict[str, str]:
    """item or report → its meeting, in a non-collapsed typed graph."""
    out = {}
    for u, v, rel in g.edges(data="relation"):
        if rel in ("item", "report") and g.nodes[u].get("kind") == "meeting":
            out[v] = u
    for u, v, rel in g.edges(data="relation"):
        if rel == "considered" and u in out:
            out[v] = out[u]
    return out


def _holder_links(g: nx.MultiDiGraph, relation: str, kind: str) -> list[tuple[str, str]]:
    """(item or report, target) pairs for `relation` edges to nodes of `kind`."""
    return sorted({(u, v) for u, v, rel in g.edges(data="relation")
                   if rel == relation and g.nodes[v].get("kind") == kind
                   and g.nodes[u].get("kind") in ("item", "report", "meeting")})


def co_attendance(g: nx.MultiDiGraph) -> nx.Graph:
    """Members present at the same meetings; edge weight = number of meetings shared."""
    H = nx.Graph()
    for m, people in sorted(_members_at(g).items()):
        for p in sorted(people):
            H.add_node(p, **g.nodes[p])
        for a, b in combinations(sorted(people), 2):
            w = H[a][b]["weight"] + 1 if H.has_edge(a, b) else 1
            H.add_edge(a, b, weight=w)
    return H


def _bipartite(g: nx.MultiDiGraph, pairs) -> nx.Graph:
    H = nx.Graph()
    for a, b in sorted(pairs):
        H.add_node(a, **g.nodes[a])
        H.add_node(b, **g.nodes[b])
        w = H[a][b]["weight"] + 1 if H.has_edge(a, b) else 1
        H.add_edge(a, b, weight=w)
    return H


def member_topic(g: nx.MultiDiGraph) -> nx.Graph:
    """Members ↔ topics of the items taken at meetings they were present at; weight = items."""
    meeting_of = _holder_meeting(g)
    members = _members_at(g)
    pairs = []
    for h, t in _holder_links(g, "topic", "topic"):
        m = meeting_of.get(h, h if g.nodes[h].get("kind") == "meeting" else None)
        for p in sorted(members.get(m, ())):
            pairs.append((p, t))
    return _bipartite(g, pairs)


def partner_topic(g: nx.MultiDiGraph) -> nx.Graph:
    """Partner organisations ↔ topics of the items that mention them; weight = items."""
    topics = defaultdict(set)
    for h, t in _holder_links(g, "topic", "topic"):
        topics[h].add(t)
    pairs = [(o, t) for h, o in _holder_links(g, "mentions", "organisation") for t in sorted(topics.get(h, ()))]
    return _bipartite(g, pairs)


def partner_meeting(g: nx.MultiDiGraph) -> nx.Graph:
    """Partner organisations ↔ meetings whose items mention them; weight = items."""
    meeting_of = _holder_meeting(g)
    pairs = []
    for h, o in _holder_links(g, "mentions", "organisation"):
        m = meeting_of.get(h, h if g.nodes[h].get("kind") == "meeting" else None)
        if m is not None:
            pairs.append((o, m))
    return _bipartite(g, pairs)


# ---------------------------------------------------------------- measures

def centralities(g) -> dict[str, dict[str, float]]:
    """Degree, betweenness and eigenvector centrality of each node (undirected view).

    Betweenness is sampled (500 pivots, seed 0) above 1,000 nodes; eigenvector centrality falls
    back to degree centrality, per component, when the power iteration does not converge."""
    H = _simple(g) if g.is_multigraph() or g.is_directed() else g
    if H.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(H)
    n = H.number_of_nodes()
    if n > 1000:
        between = nx.betweenness_centrality(H, k=500, seed=0)
    else:
        between = nx.betweenness_centrality(H)
    try:
        eigen = nx.eigenvector_centrality(H, max_iter=1000, tol=1e-6, weight="weight")
        method = "eigenvector"
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigen, method = dict(degree), "degree (eigenvector did not converge)"
    return {v: {"degree": round(degree[v], 6), "betweenness": round(between[v], 6),
                "eigenvector": round(float(eigen.get(v, 0.0)), 6), "eigenvector_method": method}
            for v in sorted(H)}


def communities(g, *, method: str = "louvain") -> list[list[str]]:
    """Groups of nodes more linked to each other than to the rest (seed 0), biggest first."""
    H = _simple(g) if g.is_multigraph() or g.is_directed() else g
    if H.number_of_edges() == 0:
        return [[v] for v in sorted(H)]
    if method == "louvain":
        found = nx.community.louvain_communities(H, weight="weight", seed=0)
    else:
        found = nx.community.greedy_modularity_communities(H, weight="weight")
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c))


RECORDED_BY = (MKG.present, MKG.apology, MKG.substitute)


def attendance_recorded(graph: Graph, meeting) -> bool:
    """Whether the meeting's attendance list is recorded: someone is listed present, as a
    substitute or with apologies. A meeting known only from its agenda lists no one, and
    its attendance is unknown for everyone."""
    return any(next(graph.objects(meeting, prop), None) is not None for prop in RECORDED_BY)


def attendance_rates(graph: Graph) -> list[dict]:
    """Per member and committee: meetings present at, out of the committee's meetings held
    while they were listed (between the first and last meeting that lists them, present or
    with apologies; an undated meeting counts when it lists them) whose attendance is
    recorded. A meeting without an attendance list is unknown, never an absence: it is
    counted apart (`meetings_unrecorded`) and left out of the rate."""
    r = _Reader(graph)
    committee_of = {}
    for m in r._of("meeting"):
        cs = sorted(c for c in graph.objects(m, MKG.committee) if r.kind.get(c) == "committee")
        committee_of[m] = cs[0] if cs else None
    recorded = {m for m in committee_of if attendance_recorded(graph, m)}
    listed: dict[tuple[URIRef, URIRef | None], dict[URIRef, str]] = defaultdict(dict)
    for m in r._of("meeting"):
        for prop, rel in ATTENDANCE.items():
            if rel == "in attendance":
                continue
            for p in graph.objects(m, prop):
                if r.kind.get(p) != "person":
                    continue
                was = listed[(p, committee_of[m])].get(m)
                if was != "present":
                    listed[(p, committee_of[m])][m] = "apology" if rel == "apology" else "present"
    by_committee = defaultdict(list)
    for m, c in committee_of.items():
        by_committee[c].append(m)
    rows = []
    for (p, c), seen in listed.items():
        dates = sorted(d for d in (r.meeting_date[m] for m in seen) if d)
        span = {m for m in seen if r.meeting_date[m] is None}
        if dates:
            span |= {m for m in by_committee[c] if r.meeting_date[m] and dates[0] <= r.meeting_date[m] <= dates[-1]}
        held = span & recorded
        present = sum(1 for m in held if seen.get(m) == "present")
        apologies = sum(1 for m in held if seen.get(m) == "apology")
        rows.append({
            "person": r.labels[p], "iri": str(p),
            "committee": r.labels.get(c, "") if c else "", "committee_iri": str(c) if c else "",
            "present": present, "apologies": apologies, "meetings_held": len(held),
            "absent_without_apology": len(held) - present - apologies,
            "rate": round(present / len(held), 4) if held else None,
            "meetings_unrecorded": len(span - recorded),
            "first": dates[0].isoformat() if dates else "", "last": dates[-1].isoformat() if dates else "",
        })
    return sorted(rows, key=lambda x: (x["committee"], -(x["rate"] or 0), x["person"], x["iri"]))


def partners_over_time(graph: Graph) -> dict[str, list[dict]]:
    """How often each partner organisation is mentioned: per year and per meeting.

    A mention is one place the text names it (an mkg:Mention), or one item/report that
    mentions it where no Mention node records the words."""
    r = _Reader(graph)
    per_meeting: Counter = Counter()
    for h, o in graph.subject_objects(MKG.mentions):
        if r.kind.get(o) != "organisation" or h not in r.meeting_of:
            continue
        per_meeting[(o, r.meeting_of[h])] += max(1, r.mention_count.get((h, o), 0))
    meetings, years = [], Counter()
    for (o, m), n in per_meeting.items():
        d = r.meeting_date.get(m)
        meetings.append({"organisation": r.labels[o], "iri": str(o), "meeting": r.labels[m],
                         "meeting_iri": str(m), "date": d.isoformat() if d else "", "mentions": n})
        years[(o, str(d.year) if d else "undated")] += n
    by_year = [{"organisation": r.labels[o], "iri": str(o), "year": y, "mentions": n} for (o, y), n in years.items()]
    return {
        "per_year": sorted(by_year, key=lambda x: (x["organisation"], x["iri"], x["year"])),
        "per_meeting": sorted(meetings, key=lambda x: (x["organisation"], x["iri"], x["date"], x["meeting_iri"])),
    }


# ---------------------------------------------------------------- everything at once

def _edge_table(H: nx.Graph, a: str, b: str) -> list[dict]:
    rows = []
    for u, v, w in H.edges(data="weight"):
        u, v = sorted((u, v), key=lambda n: (H.nodes[n].get("kind") != a, n))
        rows.append({a: H.nodes[u]["label"], f"{a}_iri": u, b: H.nodes[v]["label"], f"{b}_iri": v, "weight": w})
    return sorted(rows, key=lambda x: (-x["weight"], x[a], x[b], x[f"{a}_iri"], x[f"{b}_iri"]))


def analyse(graph: Graph) -> dict:
    """All the analyses of a graph as plain, sorted, JSON-able tables."""
    full = to_networkx(graph)
    mapped = to_networkx(graph, collapse=True)
    co = co_attendance(full)
    cent_map = centralities(mapped)
    cent_members = centralities(co)

    def centrality_rows(cent, G):
        rows = [{"label": G.nodes[n]["label"], "kind": G.nodes[n]["kind"], "iri": n, **vals}
                for n, vals in cent.items()]
        return sorted(rows, key=lambda x: (-x["eigenvector"], -x["degree"], x["label"], x["iri"]))

    def community_rows(groups, G):
        return [{"community": i + 1, "size": len(c),
                 "members": [{"label": G.nodes[n]["label"], "kind": G.nodes[n]["kind"], "iri": n} for n in c]}
                for i, c in enumerate(groups)]

    kinds = Counter(k for _, k in full.nodes(data="kind"))
    relations = Counter(rel for _, _, rel in full.edges(data="relation"))
    return {
        "summary": {
            "nodes": full.number_of_nodes(), "edges": full.number_of_edges(),
            "nodes_per_kind": dict(sorted(kinds.items())), "edges_per_relation": dict(sorted(relations.items())),
            "meetings": kinds.get("meeting", 0), "members": co.number_of_nodes(),
            "meetings_unrecorded": sum(1 for m in graph.subjects(RDF.type, MKG.Meeting)
                                       if not attendance_recorded(graph, m)),
        },
        "member_centrality": centrality_rows(cent_members, co),
        "map_centrality": centrality_rows(cent_map, mapped),
        "member_communities": community_rows(communities(co), co),
        "map_communities": community_rows(communities(mapped), mapped),
        "co_attendance": _edge_table(co, "person", "other_person") if co.number_of_edges() else [],
        "member_topic": _edge_table(member_topic(full), "person", "topic"),
        "partner_topic": _edge_table(partner_topic(full), "organisation", "topic"),
        "partner_meeting": _edge_table(partner_meeting(full), "organisation", "meeting"),
        "attendance": attendance_rates(graph),
        "partners_per_year": partners_over_time(graph)["per_year"],
        "partners_per_meeting": partners_over_time(graph)["per_meeting"],
    }


__all__ = [
    "KINDS", "ExploreError", "to_networkx", "keep_kinds", "ego", "find_node", "co_attendance", "member_topic",
    "partner_topic", "partner_meeting", "centralities", "communities", "attendance_recorded", "attendance_rates",
    "partners_over_time", "analyse",
]
