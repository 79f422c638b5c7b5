"""Golden graphs: each case in tests/data/golden/ builds to the graph in tests/golden/,
compared by isomorphism. After an intended change: `pytest tests/test_golden.py --update-golden`
and review the diff of tests/golden/."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.build import build
from kg.store import save

HERE = Path(__file__).parent
CASES = sorted((HERE / "data" / "golden").glob("*.*"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_graph(case, tmp_path, update_golden):
    golden = HERE / "golden" / f"{case.stem}.ttl"
    result = build([case])
    assert [o.status for o in result.outcomes] == ["built"]
    out = save(result.dataset, tmp_path / "out.ttl")
    if update_golden or not golden.exists():
        golden.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden.name} did not exist; written now: review it and commit it")
    built, expected = Graph().parse(out), Graph().parse(golden)
    built_iso, expected_iso = to_isomorphic(built), to_isomorphic(expected)
    if built_iso != expected_iso:
        _, only_built, only_expected = graph_diff(built_iso, expected_iso)
        lines = [f"+ {t}" for t in sorted(only_built.serialize(format="nt").splitlines())[:40]]
        lines += [f"- {t}" for t in sorted(only_expected.serialize(format="nt").splitlines())[:40]]
        pytest.fail(f"{case.name} no longer builds to {golden.name}:\n" + "\n".join(lines))
