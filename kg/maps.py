"""networkx → pyvis HTML: a map of who and what the minutes link, that opens offline.

One colour (and shape) per kind of node with a legend, node size by degree centrality,
labelled links, and tooltips that say where each link was read (meeting, date, the words).
Every piece of document text is HTML-escaped before it goes into the page; a small script
in the page turns the escaped tooltips into elements and decodes labels for the canvas, so
a name like `<script>` shows as text and never runs.

The page carries vis-network inline and loads nothing from the network. Above
`STATIC_ABOVE` nodes the layout is computed here (spring layout, seed 0) and physics is
off, so a map of a few thousand nodes stays usable. Same graph in, same bytes out.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from kg.errors import MinutesKGError

STATIC_ABOVE = 800
MAX_TOOLTIP_LINKS = 6
MAX_QUOTE = 300

# kind → (colour, vis shape, legend name); colours from the Tableau 10 palette
STYLE = {
    "meeting": ("#4E79A7", "square", "Meeting"),
    "item": ("#A0CBE8", "dot", "Agenda item"),
    "report": ("#76B7B2", "dot", "Report"),
    "person": ("#F28E2B", "dot", "Person"),
    "post": ("#EDC948", "dot", "Post"),
    "organisation": ("#59A14F", "dot", "Partner organisation"),
    "service": ("#8CD17D", "diamond", "Council service"),
    "committee": ("#B07AA1", "hexagon", "Committee"),
    "topic": ("#E15759", "triangle", "Topic"),
    "other": ("#BAB0AC", "dot", "Other"),
}

EXTERNAL = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)

# Runs before the network is drawn: tooltips (escaped HTML built here) become elements,
# labels (escaped text) are decoded for the canvas. Neither path can create a live tag from
# document text, because every bit of it was escaped in Python.
PREPARE_JS = """
                  (function () {
                    function decode(s) {
                      var t = document.createElement("textarea");
                      t.innerHTML = s;
                      return t.value;
                    }
                    function tip(s) {
                      var d = document.createElement("div");
                      d.className = "mkg-tip";
                      d.innerHTML = s;
                      return d;
                    }
                    function prepare(list) {
                      return list.map(function (x) {
                        var y = Object.assign({}, x);
                        if (typeof y.label === "string") { y.label = decode(y.label); }
                        if (typeof y.title === "string") { y.title = tip(y.title); }
                        return y;
                      });
                    }
                    nodes.update(prepare(nodes.get()));
                    edges.update(prepare(edges.get()));
                  })();
"""

CSS = """
        <style>
          body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
          .mkg-header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
          .mkg-header h1 { font-size: 20px; margin: 0 0 2px 0; }
          .mkg-header p { font-size: 13px; color: #555; margin: 0; }
          .mkg-legend { position: absolute; top: 76px; left: 12px; z-index: 10; background: rgba(255,255,255,0.92);
                        border: 1px solid #ccc; border-radius: 4px; padding: 6px 10px; font-size: 13px; }
          .mkg-legend div { margin: 2px 0; white-space: nowrap; }
          .mkg-legend span.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px;
                                    vertical-align: -1px; border: 1px solid #555; }
          .mkg-tip { max-width: 420px; white-space: normal; font-size: 12px; line-height: 1.35; }
          .mkg-tip .q { color: #333; font-style: italic; }
          .mkg-tip .iri { color: #777; font-size: 11px; }
          #mynetwork { float: none !important; border: none !important; }
          div.card { border: none; }
        </style>
"""


class MapError(MinutesKGError):
    """The map page could not be written as asked."""


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _simple(g: nx.Graph) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(sorted(g.nodes()))
    H.add_edges_from(sorted((u, v) for u, v in g.edges() if u != v))
    return H


def _layout(H: nx.Graph) -> dict[str, tuple[int, int]]:
    """Deterministic spring layout (seed 0), scaled so nodes do not pile up."""
    n = H.number_of_nodes()
    if n == 0:
        return {}
    scale = max(300.0, 45.0 * math.sqrt(n))
    try:
        # fewer iterations as graphs grow: each costs O(n²) and a rough layout of a big graph is enough
        iterations = 60 if n <= STATIC_ABOVE else 30 if n <= 2000 else 15
        pos = nx.spring_layout(H, seed=0, scale=scale, iterations=iterations, method="force")
    except ImportError:  # scipy is needed above 500 nodes: fall back to rings by kind
        pos = nx.shell_layout(H, scale=scale)
    return {v: (int(round(float(x))), int(round(float(y)))) for v, (x, y) in pos.items()}


def _node_tooltip(g: nx.MultiDiGraph, v: str, degree: int) -> str:
    a = g.nodes[v]
    kind = a.get("kind", "other")
    lines = [f"<b>{_e(a.get('label', v))}</b>",
             f"{_e(STYLE.get(kind, STYLE['other'])[2])} · {degree} link{'s' if degree != 1 else ''}"]
    if a.get("date"):
        lines.append(f"held {_e(a['date'])}")
    seen = []
    if kind != "meeting":
        incident = list(g.in_edges(v, data=True)) + list(g.out_edges(v, data=True))
        for _, _, d in incident:
            if d.get("meeting"):
                seen.append(f"{_e(d.get('relation', ''))}: {_e(d['meeting'])}"
                            + (f" ({_e(d['date'])})" if d.get("date") else ""))
    if seen:
        uniq = sorted(set(seen))
        lines.append("<br>".join(uniq[:MAX_TOOLTIP_LINKS])
                     + (f"<br>… and {len(uniq) - MAX_TOOLTIP_LINKS} more" if len(uniq) > MAX_TOOLTIP_LINKS else ""))
    lines.append(f"<span class='iri'>{_e(a.get('iri', v))}</span>")
    return "<br>".join(lines)


def _edge_tooltip(items: list[dict]) -> str:
    parts = []
    for d in items:
        head = f"<b>{_e(d.get('relation', ''))}</b>"
        if d.get("meeting"):
            head += f" — {_e(d['meeting'])}" + (f" ({_e(d['date'])})" if d.get("date") else "")
        if d.get("quote"):
            head += f"<br><span class='q'>“{_e(_clip(d['quote']))}”</span>"
        parts.append(head)
    return "<br>".join(parts)


def _legend(counts: Counter) -> str:
    rows = []
    for kind, (colour, _, name) in STYLE.items():
        if counts.get(kind):
            rows.append(f"<div><span class='swatch' style='background:{colour}'></span>{_e(name)} ({counts[kind]})</div>")
    return "<div class='mkg-legend'>" + "".join(rows) + "</div>"


def map_html(g: nx.MultiDiGraph, *, title: str = "minutes-kg map") -> str:
    """The map page of `g` (a graph from `kg.analyse.to_networkx`) as an HTML string."""
    from pyvis.network import Network

    H = _simple(g)
    n = H.number_of_nodes()
    static = n > STATIC_ABOVE
    centrality = nx.degree_centrality(H) if n > 1 else {v: 0.0 for v in H}
    top = max(centrality.values(), default=0.0) or 1.0
    pos = _layout(H)

    nodes = []
    for v in sorted(g.nodes()):
        a = g.nodes[v]
        kind = a.get("kind", "other")
        colour, shape, _ = STYLE.get(kind, STYLE["other"])
        node = {
            "id": v,
            "label": _e(_clip(a.get("label", v), 60)),
            "title": _node_tooltip(g, v, H.degree(v)),
            "color": colour,
            "shape": shape,
            "size": round(8 + 30 * centrality.get(v, 0.0) / top, 2),
            "group": kind,
        }
        if v in pos:
            node["x"], node["y"] = pos[v]
        nodes.append(node)

    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        grouped[(u, v)].append(d)
    edges = []
    for (u, v), items in sorted(grouped.items()):
        items = sorted(items, key=lambda d: (str(d.get("relation", "")), str(d.get("date", "")),
                                            str(d.get("meeting", "")), str(d.get("quote", ""))))
        relations = sorted({str(d.get("relation", "")) for d in items})
        weight = sum(float(d.get("weight", 1) or 1) for d in items)
        edges.append({
            "from": u, "to": v,
            "label": _e(", ".join(relations)),
            "title": _edge_tooltip(items),
            "width": round(1 + math.log(weight), 2),
            "color": "#9aa5b1",
        })

    net = Network(height="calc(100vh - 64px)", width="100%", directed=True, cdn_resources="in_line",
                  heading="", bgcolor="#ffffff")
    # assign the lists directly: pyvis add_node/add_edge check duplicates in quadratic time
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [x["id"] for x in nodes]
    net.node_map = {x["id"]: x for x in nodes}
    net.options = {
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 9, "align": "middle", "color": "#555555", "strokeWidth": 2},
                  "smooth": False if static else {"type": "continuous"},
                  "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": static, "navigationButtons": False},
        "layout": {"randomSeed": 0, "improvedLayout": False},
        "physics": ({"enabled": False} if static else
                    {"enabled": True, "solver": "forceAtlas2Based",
                     "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
                     "stabilization": {"enabled": True, "iterations": 300, "fit": True}}),
    }
    page = net.generate_html()
    return _finish(page, g, title=title, n_nodes=len(nodes), n_edges=len(edges), static=static)


def _finish(page: str, g: nx.MultiDiGraph, *, title: str, n_nodes: int, n_edges: int, static: bool) -> str:
    """Strip what pyvis writes that would reach the network, add header, legend and the prepare step."""
    page = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>\s*", "", page, flags=re.I)
    page = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*", "", page, flags=re.I)
    page = re.sub(r"<!--\s*<link.*?-->\s*", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>\s*", "", page)
    if EXTERNAL.search(page):
        raise MapError("the map page still loads something from the network; pyvis's template changed")
    counts = Counter(k for _, k in g.nodes(data="kind"))
    note = ("layout computed in advance (physics off)" if static else "drag nodes to rearrange")
    header = (f"<div class='mkg-header'><h1>{_e(title)}</h1><p>{n_nodes} nodes, {n_edges} links · "
              f"hover a node or link to see where it was read · {note}</p></div>")
    page = page.replace("<html>", "<!DOCTYPE html>\n<html lang=\"en\">", 1)
    page = page.replace("<meta charset=\"utf-8\">", f"<meta charset=\"utf-8\">\n        <title>{_e(title)}</title>", 1)
    page = _replace_once(page, "</head>", CSS + "    </head>")
    page = _replace_once(page, "<body>", "<body>\n        " + header + "\n        " + _legend(counts))
    page = _replace_once(page, "nodeColors = {};", PREPARE_JS.strip() + "\n\n                  nodeColors = {};")
    return page


def _replace_once(page: str, old: str, new: str) -> str:
    if page.count(old) < 1:
        raise MapError(f"pyvis's page has no '{old}' to hook into; pyvis's template changed")
    return page.replace(old, new, 1)


def render_map(g: nx.MultiDiGraph, path, *, title: str = "minutes-kg map") -> Path:
    """Write the map page of `g` to `path` (folders are made) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(map_html(g, title=title), encoding="utf-8")
    return path


__all__ = ["render_map", "map_html", "MapError", "STYLE", "STATIC_ABOVE"]
