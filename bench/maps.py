"""The default map of a generated archive: page size and render time in headless Chromium.

    .venv/bin/python bench/maps.py --docs 1000 --work /tmp/maps-bench

Generates `--docs` documents with bench/generate.py (seed 0), builds them (both kept in
`--work` and reused on a second run), writes the default view (`kg map GRAPH`, the overview)
and the same with `--all`, and records for each: nodes and links, the seconds to make the
page, its size, and Chromium's time to draw it: the wall time of a headless screenshot
less that of a blank page, once the page is idle (its physics stopped), and whether the page
said it settled (`data-settled-ms`, set by the page). Writes bench/results/maps.json and bench/results/maps.md. Targets: the
default page under 2 MB, drawn in under 10 s. Needs /usr/bin/chromium for the render times.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
RESULTS = ROOT / "bench" / "results"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium(url: str, *args: str) -> tuple[float, str]:
    """Wall seconds of one headless Chromium run on `url`, and what it printed."""
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        run = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args, url],
                             capture_output=True, text=True, timeout=300)
        return time.perf_counter() - start, run.stdout


def render_times(page: Path, blank: Path, shot: Path) -> dict:
    """Chromium's time to draw `page` until its physics stopped: the wall time of a headless
    screenshot taken once the page is idle (virtual time lets every timer run at once) less a
    blank page's, and whether the page said it settled (`data-settled-ms`)."""
    if not CHROMIUM.exists():
        return {"render_s": None, "settled": None, "note": "no /usr/bin/chromium"}
    size, budget = "--window-size=1200,800", "--virtual-time-budget=60000"
    base, _ = _chromium(blank.as_uri(), f"--screenshot={shot}", size, budget)
    wall, _ = _chromium(page.as_uri(), f"--screenshot={shot}", size, budget)
    _, dom = _chromium(page.as_uri(), "--dump-dom", budget)
    return {"render_s": round(wall - base, 2), "screenshot_wall_s": round(wall, 2), "blank_wall_s": round(base, 2),
            "settled": 'data-settled-ms="' in dom}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/maps-bench"))
    args = ap.parse_args(argv)
    work = args.work
    docs, graph = work / f"docs-{args.docs}", work / f"archive-{args.docs}.nq"
    work.mkdir(parents=True, exist_ok=True)
    kg = [sys.executable, "-m", "kg.cli"]
    if not docs.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(args.docs),
                        "--out", str(docs), "--seed", "0"], check=True)
    if not graph.exists():
        t = time.perf_counter()
        subprocess.run([*kg, "build", str(docs), "-o", str(graph), "--no-validate", "-q"], check=True)
        print(f"built {args.docs} documents in {time.perf_counter() - t:.0f} s")
    blank = work / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    rows = []
    for name, extra in (("overview (default)", []), ("--all", ["--all"])):
        page = work / f"map-{name.split()[0].strip('-')}.html"
        t = time.perf_counter()
        run = subprocess.run([*kg, "map", str(graph), "-o", str(page), *extra], check=True, capture_output=True,
                             text=True)
        seconds = time.perf_counter() - t
        counts = re.search(r"of (\d+) nodes and (\d+) links", run.stdout)
        row = {"map": name, "nodes": int(counts.group(1)), "links": int(counts.group(2)),
               "command_s": round(seconds, 1), "page_bytes": page.stat().st_size,
               **render_times(page, blank, work / f"{page.stem}.png")}
        print(json.dumps(row))
        rows.append(row)
    result = {"docs": args.docs, "graph_bytes": graph.stat().st_size, "maps": rows,
              "targets": {"default page < 2 MB": rows[0]["page_bytes"] < 2_000_000,
                          "default page drawn < 10 s": (rows[0]["render_s"] or 99) < 10 and rows[0]["settled"]}}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "maps.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Maps of a generated archive of {args.docs} documents", "",
             "`bench/maps.py`; render = wall time of a headless Chromium screenshot taken once the page is idle "
             "(physics stopped) less a blank page's; settled = the page marked its physics stopped.", "",
             "| map | nodes | links | `kg map` s | page MB | render s | settled |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['map']} | {r['nodes']:,} | {r['links']:,} | {r['command_s']} | "
                     f"{r['page_bytes'] / 1e6:.2f} | {r['render_s']} | {r['settled']} |")
    lines += ["", "Targets: " + "; ".join(f"{k}: {'met' if v else 'missed'}" for k, v in result["targets"].items())]
    (RESULTS / "maps.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
