"""kg.export and `kg export` on the fictional graph of test_analyse."""
from __future__ import annotations

import csv

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analyse as A
from kg.cli import main
from kg.export import ExportError, csv_paths, export
from test_analyse import ALICE, M1, OFSTED, SCRIPT, sample_graph


@pytest.fixture
def g():
    return A.to_networkx(sample_graph())


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_round_trip(g, tmp_path, fmt, reader):
    path = tmp_path / f"g.{fmt}"
    export(g, path, fmt)
    back = reader(path)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes[str(ALICE)]["kind"] == "person"
    assert any(d.get("relation") == "mentions" and d.get("quote") == "OFSTED" for _, _, d in back.edges(data=True))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_same_graph_same_bytes(g, tmp_path, fmt):
    export(g, tmp_path / f"a.{fmt}", fmt)
    export(A.to_networkx(sample_graph()), tmp_path / f"b.{fmt}", fmt)
    assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


def test_csv_folder_and_prefix(g, tmp_path):
    nodes, edges = export(g, tmp_path / "out", "csv")
    assert (nodes.name, edges.name) == ("nodes.csv", "edges.csv")
    rows = list(csv.DictReader(nodes.open(encoding="utf-8")))
    assert {r["label"] for r in rows} >= {"Cllr Alice Archer", SCRIPT}
    links = list(csv.DictReader(edges.open(encoding="utf-8")))
    assert any(r["source"] == str(M1) and r["target"] == str(ALICE) and r["relation"] == "chair" for r in links)
    assert csv_paths(tmp_path / "seeds.csv") == (tmp_path / "seeds.nodes.csv", tmp_path / "seeds.edges.csv")


def test_unknown_format(g, tmp_path):
    with pytest.raises(ExportError, match="gexf, graphml, csv"):
        export(g, tmp_path / "x", "dot")


def test_cli_export(tmp_path):
    src = tmp_path / "sample.trig"
    src.write_text(sample_graph().serialize(format="trig"), encoding="utf-8")
    r = CliRunner().invoke(main, ["export", str(src), "--format", "graphml", "-o", str(tmp_path / "s.graphml"),
                                  "--types", "person,organisation,meeting", "--collapse"])
    assert r.exit_code == 0, r.output
    back = nx.read_graphml(tmp_path / "s.graphml")
    assert {d["kind"] for _, d in back.nodes(data=True)} == {"person", "organisation", "meeting"}
    assert back.has_edge(str(M1), str(OFSTED))
    r = CliRunner().invoke(main, ["export", str(src), "--format", "csv", "-o", str(tmp_path / "c")])
    assert r.exit_code == 0 and (tmp_path / "c" / "edges.csv").exists()
