"""The benchmark runs end to end in small mode, and its generator is deterministic and
produces documents the build reads without failures. No timing is asserted here."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/generate.py)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_documents_are_deterministic(tmp_path):
    a = generate.generate_documents(12, tmp_path / "a", seed=7)
    b = generate.generate_documents(12, tmp_path / "b", seed=7)
    c = generate.generate_documents(12, tmp_path / "c", seed=8)
    assert [p.name for p in a] == [p.name for p in b]
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_triples_are_deterministic_and_sized(tmp_path):
    n1 = generate.generate_triples(5000, tmp_path / "a.nt", seed=3)
    n2 = generate.generate_triples(5000, tmp_path / "b.nt", seed=3)
    assert n1 == n2 == 5000
    data = (tmp_path / "a.nt").read_bytes()
    assert data == (tmp_path / "b.nt").read_bytes()
    assert data.count(b" .\n") == 5000


def test_triples_parse_and_answer_named_queries(tmp_path):
    from rdflib import Dataset

    from kg.queries import run

    generate.generate_triples(3000, tmp_path / "g.nt", seed=0)
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "g.nt", format="nt")
    assert len(ds) == 3000
    assert run(ds, "attendance-per-member").rows
    assert run(ds, "meetings").rows


def test_every_shape_is_generated(tmp_path):
    paths = generate.generate_documents(40, tmp_path, seed=1)
    shapes = {p.stem.split("_", 1)[1] for p in paths}
    assert shapes == set(generate.SHAPES)


def test_generated_documents_build_without_failures(tmp_path):
    pytest.importorskip("kg.ingest", reason="kg/ingest.py not written yet")
    from kg.build import build

    paths = generate.generate_documents(16, tmp_path, seed=2)
    result = build(paths)
    assert not result.failed, [(o.path, o.message) for o in result.failed]
    built = [o for o in result.outcomes if o.status == "built"]
    assert len(built) == len(paths)
    # every document yields a dated meeting with items: the generator writes what the segmenter reads
    assert all(o.found.get("meetings", 0) >= 1 and o.found.get("items", 0) >= 3 for o in built), \
        [(o.path, o.found, o.warnings) for o in built]
    from kg.validate import validate

    outcome = validate(result.dataset)
    assert outcome.conforms, outcome.results[:10]


def test_generated_pdf_is_optional_and_deterministic(tmp_path):
    pytest.importorskip("fpdf")
    text = "Minutes of a meeting of the Cabinet held at County Hall on 1 June 2020.\n1.\n\nMinutes.\nNoted £5m."
    assert generate.to_pdf(text, tmp_path / "a.pdf") and generate.to_pdf(text, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_small_mode_writes_every_section(tmp_path):
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--mode", "small", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert set(res) >= {"meta", "throughput", "stages", "memory", "queries", "parallel", "incremental", "targets"}
    th = res["throughput"]
    assert th["words"] > 0 and th["pipeline_words_per_s"] > 0 and th["tokenise_words_per_s"] > 0
    assert th["ratio"] is not None and not th["failed"]
    assert set(res["stages"]["seconds"]) >= {"ingest", "segment", "extract", "assemble", "serialise_nq"}
    assert res["memory"]["build"] and all("peak_rss_mb" in b for b in res["memory"]["build"])
    assert {"rdflib", "pyoxigraph"} <= set(res["memory"]["load"])
    from kg.queries import named_queries

    names = {q.name for q in named_queries()}
    seeds = res["queries"]["seeds"]
    assert set(seeds["rdflib"]) == set(seeds["pyoxigraph"]) == names
    assert set(res["queries"]["big_pyoxigraph"]["queries"]) == names
    assert set(res["queries"]["rdflib_large"]["queries"]) == names
    assert "available" in res["parallel"]
    assert len(res["targets"]) == 10 and all("note" in t for t in res["targets"])
    assert all(t["met"] is not None for t in res["targets"][:8])  # small mode: no 2 workers, no 1,000 docs end to end
    e2e = res["end_to_end"]["runs"]
    assert e2e and all(r["validate"]["exit"] == 0 and r["validate"]["wall_s"] > 0 for r in e2e)
    assert "## End to end" in (tmp_path / "latest.md").read_text(encoding="utf-8")
    inc = res["incremental"]
    assert inc["docs"] > 0 and inc["rebuild_s"] > 0 and inc["same_as_fresh_build"] is True
    assert "## Incremental rebuild" in (tmp_path / "latest.md").read_text(encoding="utf-8")
    md = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "## Targets" in md and "## Query latency" in md
