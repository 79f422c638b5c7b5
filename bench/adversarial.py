"""How reading, segmenting and extracting grow on adversarial inputs: is it linear?

    .venv/bin/python bench/adversarial.py                 # every case at n, 2n, 4n, 8n (~2-4 min on 2 cores)
    .venv/bin/python bench/adversarial.py --quick         # an eighth of the size (~15 s)
    .venv/bin/python bench/adversarial.py --cases initials,one-line --budget 30

Each case wraps hostile text in one set of minutes (a heading, a PRESENT list, an item) at
sizes n, 2n, 4n and 8n, and times, best of --repeats:

* ``read``: `kg.ingest.read_bytes` (decoding, cleaning, contact-detail redaction);
* ``segment``: `kg.segment.segment`;
* ``extract``: `kg.build._mentions`, the spaCy pipeline over every item and report.

The figure that matters is the growth ratio per doubling, time(2k)/time(k): about 2 is
linear, about 4 quadratic. Times under 10 ms are too small for a ratio to mean anything and
are reported without one. A stage that takes longer than --budget seconds at some size is not
run at the larger sizes (the report says so), so a quadratic case cannot hang the run.

Writes bench/results/adversarial.json and bench/results/adversarial.md and prints the table.
Nothing is asserted: speed is measured here, not in the tests (see bench/README.md).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
STAGES = ("read", "segment", "extract")
MIN_SECONDS = 0.010  # below this a ratio is noise

# ---------------------------------------------------------------- the inputs

_LETTERS = "ABCDEFGHJKLMNPRSTVW"
_SURNAMES = ["Varga", "Holloway", "Quint", "Okafor", "Lindqvist", "Harcourt", "Adeyemi", "Pemberton", "Whitlock",
             "Castellano", "Nowak", "Tregarthen", "Banerjee", "Marlowe", "Fenwick-Shaw", "O'Hara", "D'Arcy"]


def minutes(body: str = "", present: str = "", items: str | None = None) -> str:
    """One set of fictional minutes with `present` added to the PRESENT list and `body` as
    the text of item 2 (or `items` instead of the usual items)."""
    if items is None:
        items = ("1.\n\nMinutes.\nThe minutes of the meeting held on 6 February 2024 were confirmed.\n\n"
                 "2.\n\nAdversarial Item.\nThe Committee considered a report of the Director of Environment.\n"
                 f"{body}\nRESOLVED:\nThat the report be noted.\n\n")
    return ("Minutes of a meeting of the Highways and Transport Overview Committee held at County Hall, "
            "Eastbridge on Tuesday, 5 March 2024.\n"
            f"PRESENT\nMrs. E. Varga CC (in the Chair)\n{present}Mr. G. Holloway CC\n\n"
            f"{items}10.00am - 10.40am\n5 March 2024\n\nCHAIRMAN\n")


def _initials(k: int) -> str:
    return " ".join(f"{_LETTERS[i % len(_LETTERS)]}." for i in range(k))


def case_initials(n: int) -> str:
    """A member with n initials, a line of n initials and no surname, and the same in the item."""
    run = _initials(n)
    return minutes(present=f"Mr {run} Smith CC\nMrs {run}\n", body=f"Mr {run} said that Mrs {run}")


def case_resolved(n: int) -> str:
    """n RESOLVED lines in one item, every other one with a lettered clause."""
    lines = [("RESOLVED:\na) That the report be noted;" if k % 2 else "RESOLVED that") for k in range(n)]
    return minutes(body="\n".join(lines))


def case_brackets(n: int) -> str:
    """Brackets nested n deep around a clause letter, then n unclosed "((a)" marks."""
    return minutes(body="(" * n + "a) That the report be noted" + ")" * n + "\n" + "((a) " * n)


def case_one_line(n: int) -> str:
    """A single line of n characters of prose (5 MB at 8n with the default n): no line ends."""
    sentence = "The Committee noted the position on highway verges, with Northmoor Police and the Director. "
    return minutes(body=(sentence * (n // len(sentence) + 1))[:n])


def case_minute_numbers(n: int) -> str:
    """n minute-numbered items, numbers on a line of their own, as pdftotext leaves them."""
    items = "".join(f"{k}.\n\nItem {k}.\nThe Committee noted report {k} of the Director.\n\n" for k in range(1, n + 1))
    return minutes(items=items)


def case_in_the_chair(n: int) -> str:
    """n members each marked "(in the Chair)", and one line with the mark n times."""
    lines = "".join(f"Mr. {_LETTERS[k % len(_LETTERS)]}. {_SURNAMES[k % len(_SURNAMES)]} CC (in the Chair)\n"
                    for k in range(n))
    return minutes(present=lines, body="Mr. T. Quint CC " + "(in the Chair) " * n)


def case_digits(n: int) -> str:
    """n digits in one run spaced like a telephone number, for the contact-detail redaction."""
    return minutes(body=" ".join("0123456789"[k % 10] for k in range(n)) + "\n" + "0116 " * (n // 5))


def case_headings(n: int) -> str:
    """n "Minutes of a meeting of ..." headings in one file (n meetings)."""
    one = minutes()
    return "".join(one.replace("5 March 2024", f"{1 + k % 28} March {2000 + k // 28}") for k in range(n))


def case_cover_sheets(n: int) -> str:
    """n report cover sheets ("Report to:", "Date of meeting:", "Title:") with no blank line between."""
    return "".join(f"Report to: Cabinet\nDate of meeting: 5 March 2024\nTitle: Report {k}\n" for k in range(n))


def case_table_rows(n: int) -> str:
    """n attendance-table rows ("| Cllr A. Bee | Chair |") and n item-table number cells."""
    rows = "".join(f"| Cllr {_LETTERS[k % len(_LETTERS)]}. {_SURNAMES[k % len(_SURNAMES)]} | Member |\n" for k in range(n))
    cells = "".join(f"{k + 1}. | Item {k + 1}\nText. |\n" for k in range(n))
    return "| Councillor | Role |\n|---|---|\n" + rows + "\nNo. | Item |\n" + cells


#: case name → (text at size n, default n, what n counts)
CASES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "initials": (case_initials, 2_000, "initials in a run"),
    "resolved": (case_resolved, 2_000, "RESOLVED lines"),
    "brackets": (case_brackets, 1_000, "nesting depth"),
    "one-line": (case_one_line, 640_000, "characters on one line"),
    "minute-numbers": (case_minute_numbers, 500, "items"),
    "in-the-chair": (case_in_the_chair, 1_000, "(in the Chair) marks"),
    "digits": (case_digits, 20_000, "digits"),
    "headings": (case_headings, 100, "meetings in one file"),
    "cover-sheets": (case_cover_sheets, 1_000, "cover sheets"),
    "table-rows": (case_table_rows, 1_000, "table rows"),
}

# ---------------------------------------------------------------- measuring


def _best(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    best, out = math.inf, None
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def measure_case(name: str, n: int, *, doublings: int = 3, repeats: int = 3, budget: float = 60.0) -> dict:
    """Time every stage on the case at n, 2n, ... 2**doublings * n."""
    from kg.build import _mentions
    from kg.ingest import read_bytes
    from kg.segment import segment

    make, _, unit = CASES[name]
    rows = []
    over: set[str] = set()
    for k in range(doublings + 1):
        size = n * 2 ** k
        data = make(size).encode("utf-8")
        row: dict = {"n": size, "bytes": len(data), "seconds": {}}
        reps = repeats if len(data) < 1_000_000 else 1
        if "read" not in over:
            t, doc = _best(lambda: read_bytes(data, f"{name}.txt"), reps)
            row["seconds"]["read"] = t
        else:
            doc = read_bytes(data, f"{name}.txt")
        meetings = None
        if "segment" not in over:
            t, meetings = _best(lambda: segment(doc), reps)
            row["seconds"]["segment"] = t
        if "extract" not in over:
            meetings = meetings if meetings is not None else segment(doc)
            t, mentions = _best(lambda: _mentions(doc, meetings), reps)
            row["seconds"]["extract"] = t
            row["mentions"] = len(mentions)
        if meetings is not None:
            row["meetings"] = len(meetings)
            row["items"] = sum(len(m.items) for m in meetings)
        rows.append(row)
        over |= {s for s, t in row["seconds"].items() if t > budget}
    return {"case": name, "unit": unit, "doc": CASES[name][0].__doc__.strip(), "rows": rows,
            "stopped": sorted(over), "growth": growth(rows)}


def growth(rows: list[dict]) -> dict:
    """Per stage: the ratio per doubling, and the exponent of the fit t ~ n**k over the
    sizes that took long enough to time."""
    out = {}
    for stage in STAGES:
        times = [(r["n"], r["seconds"].get(stage)) for r in rows]
        ratios = []
        for (n1, t1), (n2, t2) in zip(times, times[1:]):
            ratios.append(round(t2 / t1, 2) if t1 and t2 and t1 >= MIN_SECONDS else None)
        timed = [(n, t) for n, t in times if t is not None and t >= MIN_SECONDS]
        exponent = None
        if len(timed) >= 2:
            (n1, t1), (n2, t2) = timed[0], timed[-1]
            exponent = round(math.log(t2 / t1) / math.log(n2 / n1), 2)
        out[stage] = {"ratios": ratios, "exponent": exponent, "verdict": verdict(exponent, times)}
    return out


def verdict(exponent: float | None, times) -> str:
    if all(t is None for _, t in times):
        return "not run"
    if exponent is None:
        return "too fast to tell"
    if exponent <= 1.25:
        return "linear"
    if exponent <= 1.6:
        return "slightly superlinear"
    return "SUPERLINEAR (quadratic?)"


# ---------------------------------------------------------------- reporting


def _s(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def render_markdown(result: dict) -> str:
    lines = [f"# Adversarial inputs: growth per doubling ({result['when']}, {result['machine']})", "",
             "Time of each stage at n, 2n, 4n, 8n and the ratio per doubling (≈2 linear, ≈4 quadratic); "
             "k is the exponent of t ∝ nᵏ from the smallest to the largest timed size. "
             f"Times under {MIN_SECONDS * 1000:.0f} ms get no ratio.", "",
             "| case | n counts | stage | n | 2n | 4n | 8n | ratios | k | verdict |",
             "|---|---|---|---:|---:|---:|---:|---|---:|---|"]
    for c in result["cases"]:
        for stage in STAGES:
            g = c["growth"][stage]
            times = [_s(r["seconds"].get(stage)) for r in c["rows"]] + ["—"] * (4 - len(c["rows"]))
            ratios = ", ".join("–" if x is None else f"{x:.1f}" for x in g["ratios"])
            k = "—" if g["exponent"] is None else f"{g['exponent']:.2f}"
            first = stage == STAGES[0]
            what = f"{c['unit']} (n={c['rows'][0]['n']:,})" if first else ""
            lines.append(f"| {c['case'] if first else ''} | {what} | {stage} | " + " | ".join(times[:4])
                         + f" | {ratios} | {k} | {g['verdict']} |")
        if c["stopped"]:
            lines.append(f"| | | stopped after the budget: {', '.join(c['stopped'])} | | | | | | | |")
    lines += ["", "Sizes (bytes at 8n): " + ", ".join(f"{c['case']} {c['rows'][-1]['bytes']:,}" for c in result["cases"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated cases: " + ", ".join(CASES))
    ap.add_argument("--quick", action="store_true", help="an eighth of the default sizes")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every default n by this")
    ap.add_argument("--repeats", type=int, default=3, help="best of this many runs (1 for inputs over 1 MB)")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds; a slower stage stops growing")
    ap.add_argument("--out", type=Path, default=RESULTS, help="folder for adversarial.json and adversarial.md")
    args = ap.parse_args(argv)
    names = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in names if c not in CASES]
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}; choose from {', '.join(CASES)}")
    scale = args.scale / 8 if args.quick else args.scale

    from extractors import load_pipeline
    from kg.build import _mentions
    from kg.ingest import read_bytes
    from kg.segment import segment

    load_pipeline()
    warm = read_bytes(minutes("Warm-up.").encode(), "warm.txt")
    _mentions(warm, segment(warm))

    cases = []
    for name in names:
        n = max(1, int(CASES[name][1] * scale))
        t0 = time.perf_counter()
        cases.append(measure_case(name, n, repeats=args.repeats, budget=args.budget))
        print(f"  {name:15} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    result = {"when": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, Python {platform.python_version()}",
              "scale": scale, "repeats": args.repeats, "budget_s": args.budget, "cases": cases}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "adversarial.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = render_markdown(result)
    (args.out / "adversarial.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
