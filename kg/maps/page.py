"""A view (see `kg.maps.views`) → one HTML page drawn by pyvis/vis-network, that opens offline.

Colour by kind (or by community) with a legend that counts what is shown and toggles kinds,
node size by the measure the view names, one weighted link per pair (width by weight, arrows
only on one-way relations, the relation's name on hover, the meetings and words behind it in
its tooltip), a search box, a date range and physics that settles and then stops.

Every piece of document text is HTML-escaped here; a small script in the page turns the
escaped tooltips into elements and decodes labels for the canvas, so a name like `<script>`
shows as text and never runs. Positions are computed here (networkx, seed 0): a small view
(under `SMALL` nodes) or one laid out by date is drawn where it is put, with labels pushed
apart; up to `STATIC_ABOVE` nodes physics starts from those positions and stops once settled;
above it physics is off. Same view in, same bytes out.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter

import networkx as nx

from kg.errors import MinutesKGError
from kg.maps.script import CONTROLS_JS, CSS, PREPARE_JS

SMALL = 60
STATIC_ABOVE = 300
MAX_EVIDENCE = 8
MAX_QUOTE = 300
MAX_LABEL = 36
FONT = 14

# kind → (colour, vis shape, legend name); colours from the Tableau 10 palette
STYLE = {
    "meeting": ("#4E79A7", "square", "Meeting"),
    "year": ("#4E79A7", "square", "Meetings in a year"),
    "item": ("#A0CBE8", "dot", "Agenda item"),
    "report": ("#76B7B2", "dot", "Report"),
    "resolution": ("#FF9DA7", "dot", "Resolution"),
    "figure": ("#9C755F", "diamond", "Figure"),
    "person": ("#F28E2B", "dot", "Person"),
    "member": ("#F28E2B", "dot", "Member"),
    "officer": ("#FFBE7D", "dot", "Officer (in attendance)"),
    "post": ("#EDC948", "dot", "Post"),
    "organisation": ("#59A14F", "dot", "Partner organisation"),
    "service": ("#8CD17D", "diamond", "Council service"),
    "committee": ("#B07AA1", "hexagon", "Committee"),
    "topic": ("#E15759", "triangle", "Topic"),
    "other": ("#BAB0AC", "dot", "Other"),
}
COMMUNITY = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
             "#BAB0AC")

EXTERNAL = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


class MapError(MinutesKGError):
    """The map page could not be written as asked."""


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(label: str, limit: int = MAX_LABEL) -> str:
    """A node's label as drawn: long ones keep their start and their end ("Children and … 4 June 2019")."""
    text = " ".join(str(label).split())
    if len(text) <= limit:
        return text
    tail = max(8, limit // 3)
    return text[: limit - tail - 2].rstrip() + " … " + text[-tail:].lstrip()


# ---------------------------------------------------------------- positions

def _box(label: str, size: float) -> tuple[float, float, float]:
    """Width, and extent above/below the centre, of a node with its label drawn under it."""
    return max(2 * size, 0.6 * FONT * len(label) + 8), size + 2, size + FONT + 8


def label_boxes(H: nx.Graph, pos: dict, sizes: dict) -> dict[str, tuple[float, float, float, float]]:
    """Each node's box (left, top, right, bottom) with its label, as the page draws it."""
    out = {}
    for n, (x, y) in pos.items():
        w, up, down = _box(short(H.nodes[n]["label"]), sizes[n])
        out[n] = (x - w / 2, y - up, x + w / 2, y + down)
    return out


def _spread(H: nx.Graph, pos: dict, sizes: dict, rounds: int = 400, fixed=frozenset()) -> dict:
    """Push apart nodes whose label boxes overlap, along the axis that frees them soonest
    (nodes in `fixed` stay where they are; the other one of the pair moves the whole way)."""
    pos = {n: list(p) for n, p in pos.items()}
    order = sorted(pos)
    for _ in range(rounds):
        moved = False
        boxes = label_boxes(H, pos, sizes)
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                A, B = boxes[a], boxes[b]
                dx = min(A[2], B[2]) - max(A[0], B[0])
                dy = min(A[3], B[3]) - max(A[1], B[1])
                if dx <= -2 or dy <= -2 or (a in fixed and b in fixed):
                    continue
                moved = True
                axis, gap = (0, dx) if dx < dy else (1, dy)
                sign = 1 if pos[b][axis] >= pos[a][axis] else -1
                share_a = 0.0 if a in fixed else 1.0 if b in fixed else 0.5
                pos[a][axis] -= sign * (gap + 4) * share_a
                pos[b][axis] += sign * (gap + 4) * (1 - share_a)
                boxes[a] = label_boxes(H, {a: pos[a]}, sizes)[a]
                boxes[b] = label_boxes(H, {b: pos[b]}, sizes)[b]
        if not moved:
            break
    return {n: (round(x), round(y)) for n, (x, y) in pos.items()}


def _date_layout(H: nx.Graph, sizes: dict) -> dict:
    """Meetings in date order left to right; what hangs on each meeting below it."""
    col_w = 0.6 * FONT * MAX_LABEL + 40
    row_h = 2 * max(sizes.values(), default=10) + FONT + 16
    meetings = sorted((n for n, k in H.nodes(data="kind") if k == "meeting"),
                      key=lambda m: (H.nodes[m]["d0"] or "9999", m))
    pos: dict[str, tuple[float, float]] = {}
    for i, m in enumerate(meetings):
        pos[m] = (i * col_w, 0.0)
        row = 1
        stack = [(c, 1) for c in sorted(_children(H, m), reverse=True)]
        while stack:
            n, depth = stack.pop()
            if n in pos:
                continue
            pos[n] = (i * col_w + 24 * (depth - 1), row * row_h)
            row += 1
            stack += [(c, depth + 1) for c in sorted(_children(H, n), reverse=True)
                      if H.nodes[c]["kind"] not in ("organisation", "service")]
    # partners: in rows under the columns, each near the meetings whose items name it
    def mean_x(n):
        xs = [pos[m][0] for m in H[n] if m in pos]
        return sum(xs) / len(xs) if xs else 0.0

    rest = sorted((n for n in H if n not in pos), key=lambda n: (mean_x(n), H.nodes[n]["label"], n))
    per_row = max(len(meetings), 3)
    bottom = max((y for _, y in pos.values()), default=0.0) + 1.5 * row_h
    rows = -(-len(rest) // per_row)
    for j, n in enumerate(rest):  # column by column, so a partner stays under its meetings
        pos[n] = ((j // rows) * col_w, bottom + (j % rows) * row_h)
    return pos


def _children(H: nx.Graph, n: str) -> list[str]:
    return [m for m in H[n] if H[n][m].get("directed") and H[n][m].get("tail") == n]


def node_sizes(H: nx.Graph) -> dict[str, float]:
    """Each node's radius in the page: 10 to 32 px by the square root of its score."""
    top = max((a.get("score", 0) for _, a in H.nodes(data=True)), default=0) or 1
    return {v: round(10 + 22 * math.sqrt(max(H.nodes[v].get("score", 0), 0) / top), 2) for v in H}


def positions(H: nx.Graph, sizes: dict) -> dict[str, tuple[int, int]]:
    """Where each node starts (seed 0); labels pushed apart in small and date-ordered views."""
    n = H.number_of_nodes()
    if n == 0:
        return {}
    if H.graph.get("layout") == "dates":
        pos = _date_layout(H, sizes)
        fixed = {v for v in H if H.nodes[v]["kind"] not in ("organisation", "service")}
        return _spread(H, pos, sizes, rounds=200, fixed=fixed)
    scale = max(200.0, 70.0 * math.sqrt(n))
    iterations = 80 if n <= STATIC_ABOVE else 30 if n <= 2000 else 15
    centre = H.graph.get("centre")
    fix = {"pos": {centre: (0.0, 0.0)}, "fixed": [centre]} if centre in H and n > 1 else {}
    try:
        pos = nx.spring_layout(H, seed=0, scale=scale, iterations=iterations, weight=None, method="force", **fix)
    except ImportError:  # scipy is needed above 500 nodes: fall back to rings
        pos = nx.shell_layout(H, scale=scale)
    if fix:  # a fixed node turns scaling off: bring the layout to `scale`
        far = max((abs(float(c)) for p in pos.values() for c in p), default=1.0) or 1.0
        pos = {v: (float(x) * scale / far, float(y) * scale / far) for v, (x, y) in pos.items()}
    # labels are wide and so is the window: give the layout room sideways
    pos = {v: (1.8 * float(x), float(y)) for v, (x, y) in pos.items()}
    if n < SMALL:
        return _spread(H, pos, sizes)
    return {v: (round(x), round(y)) for v, (x, y) in pos.items()}


# ---------------------------------------------------------------- tooltips and legend

def _node_tooltip(H: nx.Graph, v: str) -> str:
    a = H.nodes[v]
    kind = a.get("kind", "other")
    links = H.degree(v)
    lines = [f"<b>{_e(a.get('label', v))}</b>",
             f"{_e(STYLE.get(kind, STYLE['other'])[2])} · {links} link{'s' if links != 1 else ''} · "
             f"{_e(H.graph.get('size_by', 'weight'))}: {a.get('score', 0):g}"]
    if a.get("d0"):
        lines.append(_e(a["d0"] if a["d0"] == a["d1"] else f"{a['d0']} to {a['d1']}"))
    lines += [_e(_clip(x, 120)) for x in a.get("detail", [])]
    lines.append(f"<span class='iri'>{_e(a.get('iri', v))}</span>")
    return "<br>".join(lines)


def _edge_tooltip(d: dict) -> str:
    ev = d.get("evidence", [])
    head = f"<b>{_e(d.get('relation', ''))}</b> · weight {d.get('weight', 1):g}"
    parts = [head]
    for meeting, date, words in ev[:MAX_EVIDENCE]:
        line = _e(meeting) + (f" ({_e(date)})" if date else "")
        if words:
            line += (" — " if meeting else "") + f"<span class='q'>“{_e(_clip(words))}”</span>"
        parts.append(line)
    if len(ev) > MAX_EVIDENCE:
        parts.append(f"… and {len(ev) - MAX_EVIDENCE} more")
    return "<br>".join(parts)


def _legend(H: nx.Graph, colour_of: dict, communities: list | None) -> str:
    counts = Counter(k for _, k in H.nodes(data="kind"))
    rows = [f"<div class='mkg-size'>Size: {_e(H.graph.get('size_by', ''))}</div>"]
    for kind, (colour, _, name) in STYLE.items():
        if counts.get(kind):
            swatch = "#ffffff" if communities else colour
            rows.append(f"<label><input type='checkbox' class='mkg-kind' value='{kind}' checked>"
                        f"<span class='swatch' style='background:{swatch}'></span>{_e(name)} "
                        f"(<span class='mkg-count' data-kind='{kind}'>{counts[kind]}</span>)</label>")
    if communities:
        rows.append("<div class='mkg-size'>Colour: community (Louvain, seed 0)</div>")
        for i, c in enumerate(communities[:len(COMMUNITY)]):
            rows.append(f"<div><span class='swatch' style='background:{COMMUNITY[i]}'></span>"
                        f"Community {i + 1} ({len(c)})</div>")
    rows.append("<div class='mkg-size'>Link width: weight · arrows: one-way relations</div>")
    return "<div class='mkg-legend'>" + "".join(rows) + "</div>"


def _communities(H: nx.Graph) -> list[list[str]]:
    if H.number_of_edges() == 0:
        return [[v] for v in sorted(H)]
    found = nx.community.louvain_communities(H, weight="weight", seed=0)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


# ---------------------------------------------------------------- the page

def view_html(H: nx.Graph, *, title: str = "minutes-kg map", question: str = "", colour: str = "kind") -> str:
    """The map page of a view as an HTML string."""
    from pyvis.network import Network

    n = H.number_of_nodes()
    sizes = node_sizes(H)
    pos = positions(H, sizes)
    fixed = H.graph.get("layout") == "dates" or n < SMALL or n > STATIC_ABOVE
    communities = _communities(H) if colour == "community" else None
    colour_of = {}
    if communities:
        for i, c in enumerate(communities):
            colour_of.update({v: COMMUNITY[i] if i < len(COMMUNITY) else STYLE["other"][0] for v in c})

    nodes = []
    for v in sorted(H):
        a = H.nodes[v]
        kind = a.get("kind", "other")
        style = STYLE.get(kind, STYLE["other"])
        node = {"id": v, "label": _e(short(a.get("label", v))), "title": _node_tooltip(H, v),
                "color": colour_of.get(v, style[0]), "shape": style[1], "size": sizes[v], "group": kind,
                "d0": a.get("d0", ""), "d1": a.get("d1", "")}
        if v in pos:
            node["x"], node["y"] = pos[v]
        nodes.append(node)

    edges = []
    for i, (u, v, d) in enumerate(sorted(H.edges(data=True), key=lambda e: tuple(sorted(e[:2])))):
        a, b = (d["tail"], v if d["tail"] == u else u) if d.get("directed") else tuple(sorted((u, v)))
        edges.append({"id": f"e{i}", "from": a, "to": b, "hover": _e(d.get("relation", "")),
                      "title": _edge_tooltip(d), "arrows": "to" if d.get("directed") else "",
                      "width": round(min(8.0, 1 + 1.5 * math.log2(max(d.get("weight", 1), 1))), 2),
                      "dates": sorted({e[1] for e in d.get("evidence", []) if e[1]})})

    net = Network(height="calc(100vh - 64px)", width="100%", directed=False, cdn_resources="in_line",
                  heading="", bgcolor="#ffffff")
    # assign the lists directly: pyvis add_node/add_edge check duplicates in quadratic time
    net.nodes, net.edges = nodes, edges
    net.node_ids = [x["id"] for x in nodes]
    net.node_map = {x["id"]: x for x in nodes}
    net.options = {
        "nodes": {"font": {"size": FONT, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "middle", "color": "#333333", "strokeWidth": 3},
                  "smooth": False, "color": {"color": "#9aa5b1", "highlight": "#444444", "hover": "#444444",
                                             "opacity": 0.7}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > STATIC_ABOVE,
                        "navigationButtons": False},
        "layout": {"randomSeed": 0, "improvedLayout": False},
        "physics": ({"enabled": False} if fixed else
                    {"enabled": True, "solver": "forceAtlas2Based",
                     "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 140, "avoidOverlap": 0.6},
                     "stabilization": {"enabled": True, "iterations": 250, "fit": True}}),
    }
    page = net.generate_html()
    return _finish(page, H, title=title, question=question, n_nodes=len(nodes), n_edges=len(edges),
                   legend=_legend(H, colour_of, communities), fixed=fixed)


def _finish(page: str, H: nx.Graph, *, title: str, question: str, n_nodes: int, n_edges: int, legend: str,
            fixed: bool) -> str:
    """Strip what pyvis writes that would reach the network, add header, legend and scripts."""
    page = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>\s*", "", page, flags=re.I)
    page = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*", "", page, flags=re.I)
    page = re.sub(r"<!--\s*<link.*?-->\s*", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>\s*", "", page)
    if EXTERNAL.search(page):
        raise MapError("the map page still loads something from the network; pyvis's template changed")
    dates = sorted({d for _, a in H.nodes(data=True) for d in (a.get("d0"), a.get("d1")) if d})
    lo, hi = (dates[0], dates[-1]) if dates else ("", "")
    names = "".join(f"<option value=\"{_e(short(a.get('label', v)))}\">"
                    for v, a in sorted(H.nodes(data=True), key=lambda x: (str(x[1].get("label")), x[0])))
    note = H.graph.get("note", "")
    how = "layout computed in advance" if fixed else "physics stops once the map settles"
    header = (
        f"<div class='mkg-header'><h1>{_e(title)}</h1><p>"
        + (f"<span class='mkg-question'>{_e(question)}</span> · " if question else "")
        + f"<span id='mkg-counts'>{n_nodes} nodes, {n_edges} links</span>"
        + (f" · <b class='mkg-note'>{_e(note)}</b>" if note else "")
        + f" · hover a node or link to see where it was read · {how}</p>"
        f"<div class='mkg-controls'><input id='mkg-search' list='mkg-names' placeholder='Find a node…' "
        f"aria-label='Find a node'><datalist id='mkg-names'>{names}</datalist>"
        f"<label>from <input type='date' id='mkg-from' value='{_e(lo)}' min='{_e(lo)}' max='{_e(hi)}'></label>"
        f"<label>to <input type='date' id='mkg-to' value='{_e(hi)}' min='{_e(lo)}' max='{_e(hi)}'></label>"
        f"<span id='mkg-status' role='status'></span></div></div>")
    page = page.replace("<html>", "<!DOCTYPE html>\n<html lang=\"en\">", 1)
    page = page.replace("<meta charset=\"utf-8\">", f"<meta charset=\"utf-8\">\n        <title>{_e(title)}</title>", 1)
    page = _replace_once(page, "</head>", CSS + "    </head>")
    page = _replace_once(page, "<body>", "<body>\n        " + header + "\n        " + legend)
    page = _replace_once(page, "nodeColors = {};", PREPARE_JS.strip() + "\n\n                  nodeColors = {};")
    controls = CONTROLS_JS.replace("PHYSICS", "false" if fixed else "true")
    page = _replace_once(page, "</body>", "<script type=\"text/javascript\">" + controls + "</script>\n    </body>")
    return page


def _replace_once(page: str, old: str, new: str) -> str:
    if page.count(old) < 1:
        raise MapError(f"pyvis's page has no '{old}' to hook into; pyvis's template changed")
    return page.replace(old, new, 1)


__all__ = ["view_html", "short", "node_sizes", "MapError", "STYLE", "STATIC_ABOVE", "SMALL", "positions", "label_boxes"]
