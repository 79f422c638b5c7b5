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
    assert "Wrote a map of" in _kg("map", str(seeds_graph), "-o", str(page)).output
    assert page.stat().st_size > 0
    _kg("analyse", str(seeds_graph), "-o", str(tmp_path / "analysis"))
    assert any((tmp_path / "analysis").glob("*.csv"))
    _kg("export", str(seeds_graph), "--format", "graphml", "-o", str(tmp_path / "seeds.graphml"))
    assert (tmp_path / "seeds.graphml").stat().st_size > 0
    assert "Tracing" in _kg("trace", str(seeds_graph), "Ofsted").output
    assert "follow-ups as of" in _kg("followups", str(seeds_graph)).output
