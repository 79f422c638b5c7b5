"""The wait a user has at the terminal: `kg build` run as a user runs it, timed from outside.

    python bench/end_to_end.py --docs 100,200 --workers 1,2     # a few minutes on 2 cores
    python bench/end_to_end.py --docs 1000 --workers 2            # the 1,000-document figure

Each run is a fresh `kg build DIR -o out.nq` in its own process and folder: defaults (SHACL
validation on, the cache beside the output, cold), and the same with `--no-validate` for
comparison; then one document changed and `kg build` run again (the rebuild a user waits for,
validation on, from the cache). The machine's load average is recorded before and after each
run: on a shared machine the figures are only as quiet as it was. Writes
bench/results/end-to-end.json and .md (or into `--out`); `bench/run.py` includes the same
section (`measure_end_to_end`).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

TARGET_VALIDATION = 1.2  # `kg build` (validation on) / `kg build --no-validate`
TARGET_SPEEDUP = 1.7     # 2 workers against 1, validation on
TARGET_1000_S = 60.0     # 1,000 documents end to end on 2 workers


def _kg() -> list[str]:
    """The `kg` command of this interpreter's environment, running this checkout's code."""
    return [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def time_build(docs: Path, out: Path, *options: str) -> dict:
    """One `kg build docs -o out ...` in a new process: its wall time and the load around it."""
    before = _load()
    t = time.perf_counter()
    done = subprocess.run([*_kg(), "build", str(docs), "-o", str(out), "-q", *options], env=_env(),
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    row = {"options": " ".join(options) or "(defaults)", "wall_s": round(wall, 2), "exit": done.returncode,
           "load_before": before, "load_after": _load()}
    if done.returncode not in (0, 1):
        row["error"] = done.stderr.strip().splitlines()[-1:] or ["failed"]
    return row


def measure_end_to_end(paths: list[Path], tmp: Path, sizes: list[int], workers: list[int]) -> dict:
    """`kg build` as a user runs it on the first n of `paths` for each n of `sizes`, on each
    number of `workers`: defaults, `--no-validate`, and a rebuild after one changed document."""
    runs = []
    for n in sizes:
        if n > len(paths):
            continue
        docs = tmp / f"e2e-{n}"
        if docs.exists():
            shutil.rmtree(docs)
        docs.mkdir(parents=True)
        for p in paths[:n]:
            shutil.copyfile(p, docs / p.name)
        for w in workers:
            row = {"docs": n, "workers": w}
            for key, options in (("validate", ()), ("no_validate", ("--no-validate",))):
                out = tmp / f"out-{n}-{w}-{key}"
                shutil.rmtree(out, ignore_errors=True)
                row[key] = time_build(docs, out / "graph.nq", "--workers", str(w), *options)
            changed = sorted(docs.iterdir())[n // 2]
            original = changed.read_bytes()
            changed.write_bytes(original + b"\nThe Committee noted a late addendum.\n")
            row["rebuild_one_changed"] = time_build(docs, tmp / f"out-{n}-{w}-validate" / "graph.nq",
                                                    "--workers", str(w))
            changed.write_bytes(original)
            v, nv = row["validate"]["wall_s"], row["no_validate"]["wall_s"]
            row["validation_ratio"] = round(v / nv, 2) if nv else None
            row["rebuild_pct"] = round(100 * row["rebuild_one_changed"]["wall_s"] / v, 1) if v else None
            runs.append(row)
    speedups = {}
    for n in sizes:
        one = next((r for r in runs if r["docs"] == n and r["workers"] == 1), None)
        two = next((r for r in runs if r["docs"] == n and r["workers"] == 2), None)
        if one and two:
            speedups[str(n)] = round(one["validate"]["wall_s"] / two["validate"]["wall_s"], 2)
    return {"runs": runs, "speedup_validated": speedups, "cpus": os.cpu_count(),
            "note": "wall time of `kg build DIR -o graph.nq -q` in a new process (start-up included), fresh output "
                    "folder and cold cache; 'rebuild' is the same command again after one document changed"}


def targets(e2e: dict) -> list[dict]:
    """The issue's verdicts on these figures (None where not measured)."""
    def verdict(value, target, unit, lower=True):
        said = {"value": value, "target": target, "unit": unit, "lower_is_better": lower}
        if value is None:
            return {**said, "met": None, "note": "not measured"}
        met = value <= target if lower else value >= target
        return {**said, "met": met,
                "note": f"{'met' if met else 'NOT met'} ({value}{unit} vs {'≤' if lower else '≥'} {target}{unit})"}

    runs = e2e.get("runs", [])
    by = {(r["docs"], r["workers"]): r for r in runs}
    n = 200 if (200, 1) in by else max((d for d, w in by if w == 1), default=None)
    ratio = by[(n, 1)]["validation_ratio"] if n else None
    sp = e2e.get("speedup_validated", {})
    big = sorted(int(k) for k in sp)
    thousand = by.get((1000, 2))
    return [
        {"name": f"`kg build` with validation ≤ {TARGET_VALIDATION}× without ({n} docs, 1 worker)",
         **verdict(ratio, TARGET_VALIDATION, "×")},
        {"name": f"2 workers ≥ {TARGET_SPEEDUP}× one, validation on ({big[-1] if big else '–'} docs)",
         **verdict(sp.get(str(big[-1])) if big else None, TARGET_SPEEDUP, "×", lower=False)},
        {"name": f"1,000 documents end to end on 2 workers < {TARGET_1000_S:g} s",
         **verdict(thousand["validate"]["wall_s"] if thousand else None, TARGET_1000_S, " s")},
    ]


def render(e2e: dict) -> list[str]:
    """The section as Markdown lines."""
    L = ["## End to end: `kg build` as a user runs it", "",
         "| docs | workers | defaults (validation on) s | --no-validate s | ratio | rebuild, one changed s | "
         "rebuild % | load before → after |", "|---|---|---|---|---|---|---|---|"]
    for r in e2e.get("runs", []):
        v, nv, rb = r["validate"], r["no_validate"], r["rebuild_one_changed"]
        L.append(f"| {r['docs']} | {r['workers']} | {v['wall_s']} | {nv['wall_s']} | {r['validation_ratio']}× | "
                 f"{rb['wall_s']} | {r['rebuild_pct']}% | {v['load_before']} → {rb['load_after']} |")
    if e2e.get("speedup_validated"):
        L += ["", "2 workers against 1, validation on: " + ", ".join(
            f"{n} docs {s}×" for n, s in e2e["speedup_validated"].items())]
    L += ["", e2e.get("note", "")]
    return L


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default="100,200", help="comma-separated batch sizes")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args(argv)
    import generate

    sizes = [int(x) for x in args.docs.split(",") if x]
    workers = [int(x) for x in args.workers.split(",") if x]
    tmp = Path(tempfile.mkdtemp(prefix="mkg-e2e-"))
    try:
        paths = generate.generate_documents(max(sizes), tmp / "docs", seed=args.seed)
        e2e = measure_end_to_end(paths, tmp, sizes, workers)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    e2e["when"] = time.strftime("%Y-%m-%d %H:%M")
    e2e["targets"] = targets(e2e)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "end-to-end.json").write_text(json.dumps(e2e, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [f"# minutes-kg end to end ({e2e['when']}, {e2e['cpus']} CPUs)", ""] + [
        f"- {t['name']}: {t['note']}" for t in e2e["targets"]] + [""] + render(e2e)
    (args.out / "end-to-end.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
