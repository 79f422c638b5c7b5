"""`kg build --store DIR`: the graph also goes into a persistent Oxigraph store, which every
reading command then accepts in place of a graph file."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.queries import query_any
from kg.store import is_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_build_into_a_store_and_read_it_back(tmp_path):
    store = tmp_path / "store"
    out = tmp_path / "g.nq"
    r = CliRunner().invoke(main, ["build", str(EXAMPLES), "-o", str(out), "--store", str(store), "-q", "--no-cache"])
    assert r.exit_code == 0, r.output
    assert is_store(store)
    count = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <https://w3id.org/minutes-kg/def#Meeting> }"
    assert query_any(store, count)[1] == query_any(out, count)[1]
    # a second build replaces what the first put there rather than adding to it
    one = EXAMPLES / "2023-06-13_minutes.txt"
    r = CliRunner().invoke(main, ["build", str(one), "-o", str(tmp_path / "one.nq"), "--store", str(store), "-q",
                                  "--no-cache"])
    assert r.exit_code == 0, r.output
    assert int(query_any(store, count)[1][0][0]) == 1
    for command in (["followups", str(store)], ["trace", str(store), "Brightpath"], ["info", str(store)]):
        r = CliRunner().invoke(main, command)
        assert r.exit_code == 0, (command, r.output)
