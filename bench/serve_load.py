"""Load test of `kg serve`: does a timed-out query stop, and does the server stay usable?

    python bench/serve_load.py                      # 50 heavy queries, --timeout 3, --workers 2
    python bench/serve_load.py --heavy 50 --timeout 3 --label before --code /path/to/other/checkout

Starts `kg serve` on a loopback port over a generated graph (--triples filler triples), sends
--heavy copies of a query that never ends (a grouping over a four-way cross join) all at once, a
light query (a COUNT) while they run and another once they have all been answered, and samples
the CPU time of the server and its child processes (from /proc) every 0.25 s. Writes
bench/results/serve-load-LABEL.json and .md and prints the table. What the figures mean:

* heavy answers: status counts and the slowest answer (503 after the timeout, or 503 "busy"
  with Retry-After after the queue wait);
* light during / after: seconds to answer the COUNT while the heavy queries run, and after;
* CPU: the server's cores in use, averaged per second, before, during, and from 1 s after the
  last heavy answer to 6 s after it ("after" near 0 means the timed-out queries really stopped).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.serve import stop_process

ROOT = Path(__file__).resolve().parent.parent
HEAVY = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } GROUP BY ?c"
LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TICK = os.sysconf("SC_CLK_TCK")


def filler(path: Path, triples: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(triples):
            f.write(f'<http://example.org/m{i}> <http://example.org/number> "{i}" <http://example.org/doc> .\n')
    return path


SEEN: dict[int, float] = {}


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by `pid` and its children (from /proc); a child that has gone
    (a killed worker) keeps the time it was last seen with."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            SEEN[int(entry)] = (int(fields[11]) + int(fields[12])) / TICK
    return sum(SEEN.values())


def ask(base: str, query: str) -> tuple[int, float, str]:
    started = time.monotonic()
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/csv"}), timeout=300) as r:
            r.read()
            return r.status, time.monotonic() - started, ""
    except urllib.error.HTTPError as err:
        return err.code, time.monotonic() - started, err.read().decode("utf-8", "replace").strip()[:80]
    except OSError as err:
        return 0, time.monotonic() - started, str(err)[:80]


def cores(samples: list[tuple[float, float]], start: float, end: float) -> float | None:
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2:
        return None
    return round((inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0]), 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--heavy", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--triples", type=int, default=300)
    ap.add_argument("--label", default="latest")
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose kg serve is measured")
    ap.add_argument("--watch", type=float, default=60, help="seconds to wait for the heavy answers at most")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="serve-load-"))
    graph = filler(tmp / "filler.nq", args.triples)
    port = 20000 + os.getpid() % 20000
    cmd = [sys.executable, "-m", "kg.cli_store", "serve", str(graph), "--port", str(port), "--timeout",
           f"{args.timeout:g}"]
    if args.code == ROOT:
        cmd += ["--workers", str(args.workers)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=args.code,
                              env=dict(os.environ, PYTHONPATH=str(args.code)))
    base = f"http://127.0.0.1:{port}"
    samples: list[tuple[float, float]] = []
    try:
        for _ in range(600):
            if ask(base, "ASK {}")[0] == 200:
                break
            time.sleep(0.1)
        t0 = time.monotonic()
        for _ in range(5):
            samples.append((time.monotonic() - t0, tree_cpu(server.pid)))
            time.sleep(0.25)
        burst = time.monotonic() - t0
        with cf.ThreadPoolExecutor(args.heavy + 1) as pool:
            heavy = [pool.submit(ask, base, HEAVY) for _ in range(args.heavy)]
            time.sleep(0.3)
            light_during = pool.submit(ask, base, LIGHT)
            deadline = time.monotonic() + args.watch
            while not all(f.done() for f in heavy) and time.monotonic() < deadline:
                samples.append((time.monotonic() - t0, tree_cpu(server.pid)))
                time.sleep(0.25)
            answered = [f.result() for f in heavy if f.done()]
            last = time.monotonic() - t0
            light_after = ask(base, LIGHT)
            while time.monotonic() - t0 < last + 6:
                samples.append((time.monotonic() - t0, tree_cpu(server.pid)))
                time.sleep(0.25)
            during = light_during.result()
    finally:
        stop_process(server, timeout=20)
    statuses: dict[str, int] = {}
    for status, _, text in answered:
        key = f"{status} {'busy' if 'busy' in text else 'timeout' if 'longer' in text else text[:30]}".strip()
        statuses[key] = statuses.get(key, 0) + 1
    result = {
        "label": args.label, "machine": f"{platform.machine()}, {os.cpu_count()} cores", "heavy": args.heavy,
        "timeout_s": args.timeout, "workers": args.workers if args.code == ROOT else "n/a (Oxigraph server)",
        "heavy_answered": len(answered), "heavy_statuses": statuses,
        "heavy_slowest_s": round(max((s for _, s, _ in answered), default=0), 2),
        "light_during": {"status": during[0], "seconds": round(during[1], 2)},
        "light_after": {"status": light_after[0], "seconds": round(light_after[1], 2)},
        "cores_before": cores(samples, 0, burst),
        "cores_during": cores(samples, burst, last),
        "cores_after": cores(samples, last + 1, last + 6),
        "cpu_per_second": [[round(t, 2), round(c, 2)] for t, c in samples],
    }
    out = ROOT / "bench" / "results" / f"serve-load-{args.label}"
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    rows = [("heavy queries sent / answered", f"{args.heavy} / {len(answered)} (within {args.watch:g} s)"),
            ("heavy answers", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))),
            ("slowest heavy answer", f"{result['heavy_slowest_s']} s (timeout {args.timeout:g} s)"),
            ("light query during the burst", f"{during[0]} in {during[1]:.2f} s"),
            ("light query after the burst", f"{light_after[0]} in {light_after[1]:.2f} s"),
            ("server cores in use: before / during / 1-6 s after",
             f"{result['cores_before']} / {result['cores_during']} / {result['cores_after']}")]
    table = "| figure | value |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    text = (f"# kg serve load test ({args.label})\n\n`python bench/serve_load.py --heavy {args.heavy} --timeout "
            f"{args.timeout:g} --label {args.label}` on {result['machine']} (shared), workers: {result['workers']}, "
            f"graph: {args.triples} triples.\n\n{table}\n")
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
