"""kg.maps and the `kg map` / `kg analyse` commands on the fictional graph of test_analyse."""
from __future__ import annotations

import json
import re
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analyse as A
from kg import maps
from kg.cli import main
from test_analyse import ALICE, EVE, M1, SCRIPT, sample_graph

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture
def graph_file(tmp_path):
    path = tmp_path / "sample.trig"
    path.write_text(sample_graph().serialize(format="trig"), encoding="utf-8")
    return path


def _page(g=None, title="Sample map"):
    g = g if g is not None else A.to_networkx(sample_graph(), collapse=True)
    return maps.map_html(g, title=title)


def _data(page: str, name: str) -> list[dict]:
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page, re.S)
    return json.loads(m.group(1))


def test_page_is_offline():
    page = _page()
    assert not EXTERNAL.search(page)
    assert "bootstrap" not in page.lower()
    assert "vis.Network(" in page and "cdnjs" not in page


def test_script_label_is_only_escaped():
    page = _page(title=SCRIPT)
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the heading, as text
    nodes = {n["id"]: n for n in _data(page, "nodes")}
    assert nodes[str(EVE)]["label"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "&lt;script&gt;" in nodes[str(EVE)]["title"] and "<script" not in nodes[str(EVE)]["title"]


def test_tooltips_say_where_a_link_comes_from():
    edges = _data(_page(), "edges")
    ofsted = [e for e in edges if e["from"] == str(M1) and e["to"].endswith("org/ofsted")]
    assert ofsted and ofsted[0]["hover"] == "mentions" and "label" not in ofsted[0]  # the name shows on hover
    assert ofsted[0]["arrows"] == "to"  # a one-way relation
    assert "Children Committee 10 January 2020 (2020-01-10)" in ofsted[0]["title"]
    assert "Ofsted inspection of SEND: OFSTED" in ofsted[0]["title"]


def test_nodes_are_typed_coloured_and_sized():
    page = _page()
    nodes = {n["id"]: n for n in _data(page, "nodes")}
    assert nodes[str(ALICE)]["color"] == maps.STYLE["person"][0]
    assert nodes[str(M1)]["shape"] == "square"
    assert nodes[str(M1)]["size"] > nodes[str(EVE)]["size"]
    assert "mkg-legend" in page
    assert re.search(r"Partner organisation \(<span class='mkg-count' data-kind='organisation'>2</span>\)", page)


def test_same_graph_same_bytes(tmp_path):
    a = maps.render_map(A.to_networkx(sample_graph(), collapse=True), tmp_path / "a.html", title="t")
    b = maps.render_map(A.to_networkx(sample_graph(), collapse=True), tmp_path / "b.html", title="t")
    assert a.read_bytes() == b.read_bytes()


def test_big_graph_is_drawn_static_with_positions():
    g = nx.MultiDiGraph()
    n = maps.STATIC_ABOVE + 100
    for i in range(n):
        g.add_node(f"n{i}", kind="person" if i % 3 else "meeting", label=f"Node {i}", iri=f"urn:x:{i}")
    for i in range(1, n):
        g.add_edge(f"n{(i * 7) % i}", f"n{i}", key="present", relation="present", meeting="M", date="", quote="")
    page = maps.map_html(g, title="big")
    assert '"physics": {"enabled": false}' in page
    nodes = _data(page, "nodes")
    assert len(nodes) == n and all("x" in x and "y" in x for x in nodes)
    assert page == maps.map_html(g, title="big")


# ---------------------------------------------------------------- the commands

def test_cli_map_with_filters(graph_file, tmp_path):
    out = tmp_path / "m.html"
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(out), "--all", "--from", "2020-06-01",
                                  "--types", "person,organisation"])
    assert r.exit_code == 0, r.output
    nodes = _data(out.read_text(), "nodes")
    assert {n["group"] for n in nodes} == {"person", "organisation"}
    assert "Cllr Bob Baker" in {n["label"] for n in nodes}
    assert not EXTERNAL.search(out.read_text())


def test_cli_map_ego(graph_file, tmp_path):
    out = tmp_path / "ego.html"
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(out), "--ego", "carol", "--depth", "1"])
    assert r.exit_code == 0, r.output
    labels = {n["label"] for n in _data(out.read_text(), "nodes")}
    assert labels == {"Cllr Carol Cole", "Children Committee 5 June 2020", "Children Committee 1 February 2021"}


def test_cli_map_errors_are_messages(graph_file, tmp_path):
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(tmp_path / "x.html"), "--ego", "cllr"])
    assert r.exit_code == 2 and "matches 3 nodes" in r.output and "Cllr Alice Archer" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(main, ["map", str(graph_file), "-o", str(tmp_path / "x.html"), "--to", "soon"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = CliRunner().invoke(main, ["map", str(tmp_path / "missing.ttl")])
    assert r.exit_code == 2 and "no such file" in r.output


def test_cli_analyse_writes_tables(graph_file, tmp_path):
    out = tmp_path / "analysis"
    r = CliRunner().invoke(main, ["analyse", str(graph_file), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "Attendance" in r.output and "Cllr Bob Baker" in r.output and "Ofsted" in r.output
    result = json.loads((out / "analysis.json").read_text())
    assert result["summary"]["meetings"] == 4
    assert (out / "attendance.csv").read_text().startswith("person,iri,committee")
    assert (out / "member_communities.csv").exists()


def test_cli_analyse_charts(graph_file, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "analysis"
    r = CliRunner().invoke(main, ["analyse", str(graph_file), "-o", str(out), "--charts", "-q"])
    assert r.exit_code == 0, r.output
    assert (out / "attendance.png").stat().st_size > 1000
    assert (out / "partners_per_year.png").exists()


def test_cli_analyse_charts_without_matplotlib(graph_file, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    r = CliRunner().invoke(main, ["analyse", str(graph_file), "-o", str(tmp_path / "a"), "--charts", "-q"])
    assert r.exit_code == 0, r.output
    assert "matplotlib is not installed" in r.output
    assert not list((tmp_path / "a").glob("*.png"))


@pytest.mark.parametrize("command", ["map", "analyse", "export"])
def test_help_ends_with_an_example(command):
    r = CliRunner().invoke(main, [command, "-h"])
    assert r.exit_code == 0
    assert "Example:" in r.output and f"kg {command} " in r.output.split("Example:")[1]
