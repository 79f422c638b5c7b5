"""The views of `kg map` (kg.maps.views) and what their pages show, on the fictional graph of
test_analyse plus a resolution and two figures, and on a made-up archive too big to draw whole."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg import analyse as A
from kg import maps
from kg.cli import main
from kg.maps import views
from test_analyse import ALICE, BOB, CAROL, DAN, EVE, ID, M1, M2, M3, MKG, NHS, OFSTED, SEND, SCRIPT, sample_graph

ITEM1 = URIRef(f"{M1}/item/1")


def graph_with_decisions():
    ds = sample_graph()
    g = ds.graph(ID["graph/abc"])
    res, fig, other = URIRef(f"{ITEM1}/resolution/a"), URIRef(f"{ITEM1}/figure/1"), URIRef(f"{ITEM1}/figure/2")
    g.add((ITEM1, MKG.resolved, res))
    g.add((res, RDF.type, MKG.Resolution))
    g.add((res, RDFS.label, Literal("That the report be noted.")))
    for f, label, topic in ((fig, "£2.5m", SEND), (other, "12 schools", ID["topic/fostering"])):
        g.add((ITEM1, MKG.figure, f))
        g.add((f, RDF.type, MKG.Figure))
        g.add((f, RDFS.label, Literal(label)))
        g.add((f, MKG.topic, topic))
    return ds


@pytest.fixture(scope="module")
def ds():
    return graph_with_decisions()


@pytest.fixture
def graph_file(tmp_path, ds):
    path = tmp_path / "sample.trig"
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    return path


def _data(page: str, name: str) -> list[dict]:
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page, re.S)
    return json.loads(m.group(1))


def test_people_are_linked_once_per_pair_by_meetings_shared(ds):
    H, _ = maps.make_view(ds, "people")
    assert not H.is_directed() and not H.is_multigraph()
    assert H[str(ALICE)][str(BOB)]["weight"] == 2  # M1 and M2; Bob sent apologies to M3
    assert H[str(ALICE)][str(CAROL)]["weight"] == 2
    assert not H.has_edge(str(BOB), str(EVE))
    assert H[str(ALICE)][str(BOB)]["directed"] is False
    assert [e[0] for e in H[str(ALICE)][str(BOB)]["evidence"]] == ["Children Committee 10 January 2020",
                                                                    "Children Committee 5 June 2020"]
    assert H.nodes[str(ALICE)]["kind"] == "member" and H.nodes[str(ALICE)]["score"] == 3
    assert H.graph["size_by"] == "meetings attended"


def test_people_view_is_thinned_to_the_strongest_links():
    g = nx.MultiDiGraph()
    for m in range(40):
        g.add_node(f"m{m}", kind="meeting", label=f"Meeting {m:02d}", date=f"2021-01-{m % 28 + 1:02d}")
        for p in range(m % 7, 200, 7):  # 200 people, each at a few of 40 meetings
            g.add_node(f"p{p}", kind="person", label=f"Person {p:03d}")
            g.add_edge(f"m{m}", f"p{p}", key="present", relation="present")
    whole = views.people(g, max_nodes=10_000, max_links=10_000)
    H = views.people(g)
    assert H.number_of_nodes() <= views.MAX_NODES and H.number_of_edges() <= views.MAX_LINKS
    assert "showing 150 of 200 people" in H.graph["note"]
    kept = sorted(d["weight"] for _, _, d in H.edges(data=True))
    dropped = [d["weight"] for u, v, d in whole.edges(data=True) if u in H and v in H and not H.has_edge(u, v)]
    assert nx.number_connected_components(H) == nx.number_connected_components(whole.subgraph(H).copy())
    assert dropped and max(dropped) <= max(kept)
    assert views.people(g).edges == H.edges  # same graph, same choice


def test_partners_view_links_partners_to_topics_by_items(ds):
    H, _ = maps.make_view(ds, "partners")
    assert H[str(OFSTED)][str(SEND)]["weight"] == 1
    assert H[str(OFSTED)][str(ID["topic/fostering"])]["weight"] == 1
    assert H[str(NHS)][str(SEND)]["evidence"] == [("Children Committee 5 June 2020", "2020-06-05", "SEND and health")]
    assert {k for _, k in H.nodes(data="kind")} == {"organisation", "service", "topic"}
    assert H.nodes[str(OFSTED)]["d0"] == "2020-01-10" and H.nodes[str(OFSTED)]["d1"] == "2021-02-01"


def test_topic_view_holds_meetings_items_resolutions_partners_and_its_figures(ds):
    H, _ = maps.make_view(ds, "topic", topic="send")
    kinds = {H.nodes[n]["label"]: H.nodes[n]["kind"] for n in H}
    assert kinds["Ofsted inspection of SEND"] == "item" and kinds["That the report be noted."] == "resolution"
    assert kinds["£2.5m"] == "figure" and "12 schools" not in kinds  # a figure on another topic stays out
    assert kinds["Ofsted"] == "organisation" and kinds["Report of the Director"] == "report"
    assert str(M3) not in H  # no SEND item there
    assert H[str(M1)][str(ITEM1)]["directed"] and H[str(M1)][str(ITEM1)]["tail"] == str(M1)
    pos = maps.positions(H, {n: 10 for n in H})
    assert pos[str(M1)][0] < pos[str(M2)][0]  # date order, left to right
    assert pos[str(ITEM1)][1] > pos[str(M1)][1]


def test_ego_view_keeps_the_strongest_neighbours(ds):
    H, centre = maps.make_view(ds, "ego", ego="ofsted")
    assert centre == str(OFSTED)
    near = set(H[centre])
    assert {str(M1), str(M3), str(SEND)} <= near  # meetings it came up at, topics of its items
    assert str(EVE) in near  # named in the same item
    small, _ = maps.make_view(ds, "ego", ego="ofsted", top=2)
    assert small.number_of_nodes() == 3
    with pytest.raises(A.ExploreError, match="1 or 2"):
        maps.make_view(ds, "ego", ego="ofsted", depth=3)


def test_overview_groups_meetings_by_year_and_says_what_it_left_out(ds):
    H, _ = maps.make_view(ds)
    years = sorted(H.nodes[n]["label"] for n in H if H.nodes[n]["kind"] == "year")
    assert years == ["2020 · 2 meetings", "2021 · 1 meeting", "undated · 1 meeting"]
    assert not any(k in ("meeting", "item", "report") for _, k in H.nodes(data="kind"))
    small = views.overview(A.to_networkx(ds), max_nodes=8, per_kind=2)
    assert small.number_of_nodes() <= 8
    assert re.fullmatch(r"showing \d+ of \d+ nodes of the whole map; narrow with --view/--from/--types",
                        small.graph["note"])


def test_merged_links_are_weighted_and_symmetric_ones_undirected(ds):
    g, _ = A.map_view(ds, types="person,organisation")
    H = maps.merge_links(g)
    same = [d for _, _, d in H.edges(data=True) if d["relation"] == "same meeting"]
    assert same and not any(d["directed"] for d in same)
    assert H.number_of_edges() == len({frozenset(e) for e in g.edges()})
    page = maps.map_html(g)
    assert all(e["arrows"] == "" for e in _data(page, "edges"))


def test_small_views_draw_no_label_over_another(ds):
    for name, opts in (("people", {}), ("partners", {}), ("topic", {"topic": "send"}), ("ego", {"ego": "alice"}),
                       ("overview", {})):
        H, _ = maps.make_view(ds, name, **opts)
        sizes = maps.node_sizes(H)
        boxes = list(maps.label_boxes(H, maps.positions(H, sizes), sizes).values())
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], name


def test_page_has_search_dates_and_toggles_and_escapes_names(ds):
    H, _ = maps.make_view(ds, "people")
    page = maps.map_html(H, title="People", question="Who sits with whom?")
    assert "id='mkg-search'" in page and "type='date' id='mkg-from' value='2020-01-10'" in page
    assert "class='mkg-kind' value='member'" in page
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the datalist, escaped
    assert "stabilizationIterationsDone" in page and "physics: {enabled: false}" in page
    assert "Size: meetings attended" in page


@pytest.mark.parametrize("args, view", [([], "overview"), (["--view", "people"], "people"),
                                        (["--view", "partners"], "partners"), (["--topic", "send"], "topic"),
                                        (["--ego", "carol"], "ego"), (["--all"], "whole")])
def test_cli_and_page_give_the_same_counts(graph_file, tmp_path, args, view):
    out = tmp_path / "m.html"
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(out), *args])
    assert r.exit_code == 0, r.output
    page = out.read_text()
    n, e = len(_data(page, "nodes")), len(_data(page, "edges"))
    assert f"Wrote the {view} map of {n} nodes and {e} links" in r.output
    assert f"<span id='mkg-counts'>{n} nodes, {e} links</span>" in page


def test_cli_view_errors_are_messages(graph_file, tmp_path):
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(tmp_path / "x.html"), "--view", "topic"])
    assert r.exit_code == 2 and "needs --topic" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(tmp_path / "x.html"), "--view", "ego"])
    assert r.exit_code == 2 and "needs --ego" in r.output


def test_views_are_named_in_the_help():
    r = CliRunner().invoke(main, ["map", "-h"])
    for name in views.VIEWS:
        assert name in r.output
    assert "Who sits with whom?" in r.output


def test_colour_by_community_names_the_communities(ds):
    H, _ = maps.make_view(ds, "people")
    page = maps.map_html(H, colour="community")
    colours = {n["color"] for n in _data(page, "nodes")}
    assert colours <= set(maps.page.COMMUNITY) and "Community 1 (" in page
    assert "Colour: community (Louvain, seed 0)" in page
    assert colours != {n["color"] for n in _data(maps.map_html(H), "nodes")}
