"""How big the full-text index is and how fast `kg search` answers, on the generated archive.

    python bench/search.py                 # 1,000 generated documents (a few minutes on 2 cores)
    python bench/search.py --docs 100      # quicker

Builds the generated minutes (bench/generate.py) as `kg build` does, then measures:
* the index: passages, file size, and the time to make it from the built graph (load into
  pyoxigraph, the passages query, re-reading the source text, writing FTS5), which every
  build and every incremental rebuild adds;
* search latency over a fixed list of queries (words, phrases, prefixes, AND/OR/NOT, filters),
  each run `--repeats` times on one open index (as `kg serve` and the API do) and, once each,
  opening the index per query (as `kg search` does); p50 and p95 in milliseconds.
Writes bench/results/search.json and bench/results/search.md.
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
    args = parser.parse_args(argv)

    import pyoxigraph as ox

    from kg.build import build
    from kg.search import build_index, search_index
    from kg.search.index import _shas, open_index, passages, source_texts

    out: dict = {"docs": args.docs, "machine": f"{platform.machine()}, {platform.python_version()}"}
    with tempfile.TemporaryDirectory(prefix="mkg-bench-search-") as tmp:
        tmp = Path(tmp)
        paths = generate.generate_documents(args.docs, tmp / "docs", seed=args.seed)
        t = time.perf_counter()
        result = build(paths, workers=args.workers, cache_dir=tmp / "cache")
        out["build_s"] = round(time.perf_counter() - t, 2)
        out["quads"] = len(result.quads)
        built = [o.path for o in result.outcomes if o.status == "built"]

        t0 = time.perf_counter()
        store = ox.Store()
        result.quads.load_into(store)  # as index_built does
        t1 = time.perf_counter()
        texts = source_texts(built, _shas(store, True))
        t2 = time.perf_counter()
        rows = passages(store, texts, True)
        t3 = time.perf_counter()
        index = tmp / "archive.search.sqlite"
        n = build_index(store, index, texts, "archive.nq", True)
        t4 = time.perf_counter()
        out["index"] = {"passages": n, "bytes": index.stat().st_size, "mb": round(index.stat().st_size / 1e6, 2),
                        "load_graph_s": round(t1 - t0, 2), "read_sources_s": round(t2 - t1, 2),
                        "passages_query_s": round(t3 - t2, 2), "write_index_s": round(t4 - t3 - (t3 - t2), 2),  # build_index runs the query again
                        "total_s": round(t4 - t0 - (t3 - t2), 2)}
        out["index"]["share_of_build_pct"] = round(100 * out["index"]["total_s"] / out["build_s"], 1)
        assert len(rows) == n

        db = open_index(index)
        per_query, every = [], []
        for query, filters in QUERIES:
            times, found = [], 0
            for _ in range(args.repeats):
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

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "search.md").write_text(_markdown(out), encoding="utf-8")
    print(_markdown(out))
    return 0


def _markdown(r: dict) -> str:
    i, lo, lp = r["index"], r["latency_open_index"], r["latency_opening_per_query"]
    lines = [f"# Full-text search on {r['docs']:,} generated documents ({r['quads']:,} quads)", "",
             f"Machine: {r['machine']}. Build with the cache, {r['build_s']} s.", "",
             "| measure | value |", "|---|---|",
             f"| passages indexed | {i['passages']:,} |",
             f"| index size | {i['mb']} MB |",
             f"| make the index from the built graph | {i['total_s']} s ({i['share_of_build_pct']}% of the build): "
             f"load {i['load_graph_s']} s, re-read sources {i['read_sources_s']} s, passages query "
             f"{i['passages_query_s']} s, write FTS5 {i['write_index_s']} s |",
             f"| search p50 / p95, index open ({lo['runs']} runs) | {lo['p50_ms']} / {lo['p95_ms']} ms "
             f"(target p50 < {r['target_p50_ms']:g} ms: {'met' if r['met'] else 'NOT met'}) |",
             f"| search p50 / p95, opening the index per query ({lp['runs']} runs) | {lp['p50_ms']} / {lp['p95_ms']} ms |",
             "", "| query | filters | hits (≤20) | p50 ms | max ms |", "|---|---|---|---|---|"]
    lines += [f"| `{q['query']}` | {q['filters'] or ''} | {q['hits']} | {q['p50_ms']} | {q['max_ms']} |"
              for q in r["queries"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
