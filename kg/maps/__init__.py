"""Relationship maps: a view that answers one question (`views`), drawn as one offline page (`page`).

    from kg.maps import make_view, render_map
    view, _ = make_view(dataset, "people")
    render_map(view, "graphs/people.html", title="Who sits with whom")

`make_view` reads the RDF graph through `kg.analyse.to_networkx`, applies the date, topic and
kind filters of `kg map`, and calls the view's builder; `render_map` writes the page. A map
graph of `kg.analyse` (a `MultiDiGraph`, as `kg map --all` draws it) is drawn too: its
parallel links are merged first.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.analyse import ExploreError, _parse_types, map_view, to_networkx
from kg.maps import views
from kg.maps.page import SMALL, STATIC_ABOVE, STYLE, MapError, label_boxes, node_sizes, positions, view_html
from kg.maps.views import VIEWS, merge_links


def make_view(graph, view: str = "overview", *, types=None, date_from=None, date_to=None, topic=None,
              ego: str | None = None, depth: int = 1, top: int = 25, everything: bool = False
              ) -> tuple[nx.Graph, str | None]:
    """The view `view` of an RDF graph, and the node it is centred on (ego view only).

    With `everything` the whole map graph (today's `--all`) is drawn, the filters applied."""
    if everything:
        g, centre = map_view(graph, types=types, date_from=date_from, date_to=date_to, topic=topic,
                             ego_query=ego, depth=depth)
        return merge_links(g), centre
    if view not in VIEWS:
        raise ExploreError(f"unknown view '{view}'. Choose from: {', '.join(VIEWS)}")
    if view == "topic" and not topic:
        raise ExploreError("the topic view needs --topic: part of a topic's name, e.g. --topic fostering")
    if view == "ego" and not ego:
        raise ExploreError("the ego view needs --ego: part of an entity's name or its IRI")
    kinds = _parse_types(types)
    centre = None
    if view == "ego":
        mapped = to_networkx(graph, date_from=date_from, date_to=date_to, topic=topic, collapse=True)
        full = to_networkx(graph, date_from=date_from, date_to=date_to, topic=topic)
        H, centre = views.ego(full, mapped, ego, depth=depth, top=top)
    else:
        full = to_networkx(graph, date_from=date_from, date_to=date_to, topic=topic)
        if view == "topic":
            H = views.topic(full, graph)
        else:
            H = getattr(views, view)(full)
    return views.keep_kinds(H, kinds, always=[centre] if centre else ()), centre


def map_html(g: nx.Graph, *, title: str = "minutes-kg map", question: str = "", colour: str = "kind") -> str:
    """The map page of a view, or of a map graph of `kg.analyse` (parallel links merged), as HTML."""
    if g.is_multigraph() or g.is_directed():
        g = merge_links(g)
    return view_html(g, title=title, question=question, colour=colour)


def render_map(g: nx.Graph, path, *, title: str = "minutes-kg map", question: str = "", colour: str = "kind"
               ) -> Path:
    """Write the map page of `g` to `path` (folders are made) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(map_html(g, title=title, question=question, colour=colour), encoding="utf-8")
    return path


__all__ = ["make_view", "map_html", "render_map", "MapError", "STYLE", "STATIC_ABOVE", "SMALL", "VIEWS",
           "merge_links", "positions", "label_boxes", "node_sizes", "views"]
