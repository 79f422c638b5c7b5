"""How big the full-text index is and how fast `kg search` answers, on the generated archive.

    python bench/search.py                      # both parts (1,000 documents: a few minutes on 2 cores)
    python bench/search.py --part latency --docs 100      # quicker
    python bench/search.py --part incremental --change-docs 200

Builds the generated minutes (bench/generate.py) as `kg build` does, then measures:
* `latency`: the index made afresh from the built graph of `--docs` documents (passages, file
  size, time), and search latency over a fixed list of queries (words, phrases, prefixes,
  AND/OR/NOT, filters), each run `--repeats` times on one open index (as `kg serve` and the
  API do) and, once each, opening the index per query (as `kg search` does); p50 and p95 in
  milliseconds. Writes bench/results/search.json and .md.
* `incremental`: on `--change-docs` documents, the index made afresh, then one document changed
  and rebuilt from the cache as `kg build` does: the time to bring the index in step (reading
  again only the graphs that changed) against making it afresh, and whether both search the
  same passages. Writes bench/results/search-incremental.json and .md.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for p in (str(ROOT), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import generate  # noqa: E402  (bench/generate.py)

RESULTS = BENCH / "results"
TARGET_P50_MS = 50.0
QUERIES = [  # (query, filters): fixed, so runs compare
    ("placements", {}),
    ("placement*", {}),
    ('"further report"', {"kinds": ["resolution"]}),
    ('"further report"', {}),
    ("budget", {}),
    ("budget savings", {}),
    ("recruitment OR vacancy", {}),
    ("referrals NOT complaints", {}),
    ("(waiting OR assessments) AND weeks", {}),
    ("climate", {"kinds": ["item", "report"]}),
    ("transport consultation", {}),
    ("recommission*", {}),
    ("expenditure", {"date_from": "2021-01-01", "date_to": "2022-12-31"}),
    ("noted", {}),
    ("hospital discharge", {"committee": "health"}),
    ("planning application", {"kinds": ["item"]}),
    ("inspections", {"body": "council"}),
    ('"the report be noted"', {}),
    ("partnership", {}),
    ("enforcement", {}),
]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q / 100 * (len(values) - 1))))
    return values[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--part", choices=["latency", "incremental", "both"], default="both")
    parser.add_argument("--change-docs", type=int, default=200, help="Documents of the incremental part.")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.part in ("incremental", "both"):
        inc = incremental(args.change_docs, args.workers, args.seed)
        (RESULTS / "search-incremental.json").write_text(json.dumps(inc, indent=2) + "\n", encoding="utf-8")
        (RESULTS / "search-incremental.md").write_text(_incremental_markdown(inc), encoding="utf-8")
        print(_incremental_markdown(inc))
    if args.part in ("latency", "both"):
        out = latency(args.docs, args.workers, args.repeats, args.seed)
        (RESULTS / "search.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        (RESULTS / "search.md").write_text(_markdown(out), encoding="utf-8")
        print(_markdown(out))
    return 0


def _built(result) -> dict:
    return {o.sha256: o.path for o in result.outcomes if o.status == "built"}


def _searched(index: Path) -> list[tuple]:
    import sqlite3

    db = sqlite3.connect(index)
    try:
        return sorted(db.execute('SELECT iri, kind, title, text, date, committee, body, document, start, "end" '
                                 "FROM passage WHERE shown = 1"))
    finally:
        db.close()


def incremental(n: int, workers: int, seed: int) -> dict:
    """The index after a one-document change, brought in step against made afresh."""
    from kg.build import build
    from kg.search import index_built

    out: dict = {"docs": n, "machine": f"{platform.machine()}, {platform.python_version()}"}
    with tempfile.TemporaryDirectory(prefix="mkg-bench-search-inc-") as tmp:
        tmp = Path(tmp)
        paths = generate.generate_documents(n, tmp / "docs", seed=seed)
        graph = tmp / "archive.nq"
        result = build(paths, workers=workers, cache_dir=tmp / "cache")
        result.save(graph)
        t = time.perf_counter()
        first = index_built(result.quads, graph, _built(result), fresh=True)
        out["afresh_s"] = round(time.perf_counter() - t, 3)
        out["graphs"] = first.graphs_read
        out["passages"] = first.passages
        out["bytes"] = first.path.stat().st_size

        changed = paths[len(paths) // 2]  # one document: a sentence added to it
        text = changed.read_text(encoding="utf-8")
        at = text.find("\n\n", len(text) // 2)
        changed.write_text(text[:at] + " The committee asked about the quillwort meadow." + text[at:], encoding="utf-8")
        t = time.perf_counter()
        result = build(paths, workers=workers, cache_dir=tmp / "cache")
        out["rebuild_s"] = round(time.perf_counter() - t, 2)
        result.save(graph)
        t = time.perf_counter()
        step = index_built(result.quads, graph, _built(result))
        out["incremental_s"] = round(time.perf_counter() - t, 3)
        out["graphs_read"], out["graphs_kept"] = step.graphs_read, step.graphs_kept
        out["bytes_after"] = step.path.stat().st_size
        kept = _searched(step.path)
        t = time.perf_counter()
        again = index_built(result.quads, tmp / "afresh.nq", _built(result), fresh=True)
        out["afresh_after_s"] = round(time.perf_counter() - t, 3)
        out["same_passages_as_afresh"] = kept == _searched(again.path)
        out["one_document_s"] = round(out["afresh_s"] / n, 4)
        out["speedup"] = round(out["afresh_after_s"] / out["incremental_s"], 1)
    return out


def _incremental_markdown(r: dict) -> str:
    return "\n".join([
        f"# Search index after a one-document change, {r['docs']:,} generated documents", "",
        f"Machine: {r['machine']}. `kg build` with its cache; the index as `kg build` keeps it (`index_built`).", "",
        "| measure | value |", "|---|---|",
        f"| named graphs / passages | {r['graphs']:,} / {r['passages']:,} |",
        f"| index made afresh | {r['afresh_s']} s ({r['one_document_s'] * 1000:.1f} ms a document), "
        f"{r['bytes'] / 1e6:.2f} MB |",
        f"| rebuild after one document changed (the build alone) | {r['rebuild_s']} s |",
        f"| index brought in step after that change | {r['incremental_s']} s: {r['graphs_read']} graph(s) read "
        f"again, {r['graphs_kept']} kept; {r['bytes_after'] / 1e6:.2f} MB |",
        f"| the same index made afresh | {r['afresh_after_s']} s ({r['speedup']}x the time in step) |",
        f"| searches the same passages as made afresh | {'yes' if r['same_passages_as_afresh'] else 'NO'} |",
    ]) + "\n"


def latency(docs: int, workers: int, repeats: int, seed: int) -> dict:
    """The index of `docs` documents made afresh, and how fast it answers the fixed queries."""
    from kg.build import build
    from kg.search import index_built, search_index
    from kg.search.index import open_index

    out: dict = {"docs": docs, "machine": f"{platform.machine()}, {platform.python_version()}"}
    with tempfile.TemporaryDirectory(prefix="mkg-bench-search-") as tmp:
        tmp = Path(tmp)
        paths = generate.generate_documents(docs, tmp / "docs", seed=seed)
        t = time.perf_counter()
        result = build(paths, workers=workers, cache_dir=tmp / "cache")
        out["build_s"] = round(time.perf_counter() - t, 2)
        out["quads"] = len(result.quads)
        graph = tmp / "archive.nq"
        result.save(graph)
        t0 = time.perf_counter()
        made = index_built(result.quads, graph, _built(result), fresh=True)
        index, n = made.path, made.passages
        out["index"] = {"passages": n, "bytes": index.stat().st_size, "mb": round(index.stat().st_size / 1e6, 2),
                        "total_s": round(time.perf_counter() - t0, 2)}
        out["index"]["share_of_build_pct"] = round(100 * out["index"]["total_s"] / out["build_s"], 1)

        db = open_index(index)
        per_query, every = [], []
        for query, filters in QUERIES:
            times, found = [], 0
            for _ in range(repeats):
                t = time.perf_counter()
                found = len(search_index(db, query, limit=20, **filters))
                times.append((time.perf_counter() - t) * 1000)
            every += times
            per_query.append({"query": query, "filters": filters, "hits": found,
                              "p50_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)})
        db.close()
        opened = []
        for query, filters in QUERIES:
            t = time.perf_counter()
            search_index(index, query, limit=20, **filters)
            opened.append((time.perf_counter() - t) * 1000)
        out["latency_open_index"] = {"p50_ms": round(percentile(every, 50), 2), "p95_ms": round(percentile(every, 95), 2),
                                     "runs": len(every)}
        out["latency_opening_per_query"] = {"p50_ms": round(percentile(opened, 50), 2),
                                            "p95_ms": round(percentile(opened, 95), 2), "runs": len(opened)}
        out["queries"] = per_query
        out["target_p50_ms"] = TARGET_P50_MS
        out["met"] = out["latency_open_index"]["p50_ms"] <= TARGET_P50_MS
    return out


def _markdown(r: dict) -> str:
    i, lo, lp = r["index"], r["latency_open_index"], r["latency_opening_per_query"]
    lines = [f"# Full-text search on {r['docs']:,} generated documents ({r['quads']:,} quads)", "",
             f"Machine: {r['machine']}. Build with the cache, {r['build_s']} s.", "",
             "| measure | value |", "|---|---|",
             f"| passages indexed | {i['passages']:,} |",
             f"| index size | {i['mb']} MB |",
             f"| make the index afresh from the built graph | {i['total_s']} s ({i['share_of_build_pct']}% of the "
             "build) |",
             f"| search p50 / p95, index open ({lo['runs']} runs) | {lo['p50_ms']} / {lo['p95_ms']} ms "
             f"(target p50 < {r['target_p50_ms']:g} ms: {'met' if r['met'] else 'NOT met'}) |",
             f"| search p50 / p95, opening the index per query ({lp['runs']} runs) | {lp['p50_ms']} / {lp['p95_ms']} ms |",
             "", "| query | filters | hits (≤20) | p50 ms | max ms |", "|---|---|---|---|---|"]
    lines += [f"| `{q['query']}` | {q['filters'] or ''} | {q['hits']} | {q['p50_ms']} | {q['max_ms']} |"
              for q in r["queries"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
