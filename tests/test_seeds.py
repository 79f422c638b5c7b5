"""Every command on the real seed minutes (../shared/seeds beside the clone; skipped without
them): the build conforms and repeats byte for byte, and each reading command works on it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph

from kg import queries
from kg.cli import main
from kg.namespace import MKG


def _kg(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, f"kg {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    return result


@pytest.fixture(scope="module")
def seeds_graph(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "seeds.ttl"
    _kg("build", str(seeds_dir), "-o", str(out), "--no-cache", "-q")
    return out


def test_the_seeds_build_conforms_and_every_input_builds(seeds_graph, seeds_dir):
    report = json.loads(seeds_graph.with_name("seeds.report.json").read_text(encoding="utf-8"))
    assert report["conforms"] is True
    names = {p.name for p in seeds_dir.iterdir() if p.is_file()}
    assert {d["input"].rsplit("/", 1)[-1] for d in report["documents"]} == names
    assert {d["status"] for d in report["documents"]} == {"built"}
    assert _kg("validate", str(seeds_graph)).exit_code == 0


def test_a_second_build_of_the_seeds_is_byte_identical(seeds_graph, seeds_dir, tmp_path):
    again = tmp_path / "seeds.ttl"
    _kg("build", str(seeds_dir), "-o", str(again), "--no-cache", "-q", "--no-validate")
    assert again.read_bytes() == seeds_graph.read_bytes()


def test_info_lists_every_meeting(seeds_graph):
    g = Graph().parse(seeds_graph)
    out = _kg("info", str(seeds_graph)).output
    meetings = list(g.subjects(RDF.type, MKG.Meeting))
    assert meetings
    assert out.count("items)") == len(meetings)


@pytest.mark.parametrize("name", [q.name for q in queries.named_queries()])
def test_every_named_query_runs_on_the_seeds(seeds_graph, name):
    out = _kg("query", str(seeds_graph), name, "-f", "json").output
    assert isinstance(json.loads(out), list)


def test_map_analyse_export_trace_and_followups_on_the_seeds(seeds_graph, tmp_path):
    page = tmp_path / "map.html"
    assert "Wrote the overview map of" in _kg("map", str(seeds_graph), "-o", str(page)).output
    assert page.stat().st_size > 0
    _kg("analyse", str(seeds_graph), "-o", str(tmp_path / "analysis"))
    assert any((tmp_path / "analysis").glob("*.csv"))
    _kg("export", str(seeds_graph), "--format", "graphml", "-o", str(tmp_path / "seeds.graphml"))
    assert (tmp_path / "seeds.graphml").stat().st_size > 0
    assert "Tracing" in _kg("trace", str(seeds_graph), "Ofsted").output
    assert "follow-ups as of" in _kg("followups", str(seeds_graph)).output


def test_every_map_view_of_the_seeds_is_readable(seeds_graph, tmp_path):
    """At most about 150 nodes and 400 links a view, the counts printed those of the page, and
    no two labels over each other in a view under 60 nodes. The topic is the one most items are
    on and the ego the partner most items name, so no name is written here."""
    import re

    from kg import analyse as A
    from kg import maps
    from kg.store import load

    full = A.to_networkx(load(seeds_graph))
    on = lambda kinds: max(sorted(n for n, k in full.nodes(data="kind") if k in kinds),  # noqa: E731
                           key=lambda n: sum(1 for u, _ in full.in_edges(n) if full.nodes[u]["kind"] == "item"))
    topic, partner = full.nodes[on({"topic"})]["label"], on({"organisation"})
    for args in ([], ["--view", "people"], ["--view", "partners"], ["--view", "topic", "--topic", topic],
                 ["--view", "ego", "--ego", partner]):
        page = tmp_path / "view.html"
        out = _kg("map", str(seeds_graph), "-o", str(page), *args).output
        n, e = map(int, re.search(r"map of (\d+) nodes and (\d+) links", out).groups())
        assert 0 < n <= 150 and e <= 400, (args, out)
        assert f"<span id='mkg-counts'>{n} nodes, {e} links</span>" in page.read_text(encoding="utf-8")
    for name, opts in (("people", {}), ("partners", {}), ("topic", {"topic": topic}), ("ego", {"ego": partner}),
                       ("overview", {})):
        H, _ = maps.make_view(load(seeds_graph), name, **opts)
        if H.number_of_nodes() >= 60:
            continue
        sizes = maps.node_sizes(H)
        boxes = list(maps.label_boxes(H, maps.positions(H, sizes), sizes).values())
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], name
