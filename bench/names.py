"""How many services and committees a build names: one node per thing, or one per spelling?

    python bench/names.py                       # ../shared/seeds (and the development set when there)
    python bench/names.py --sets seeds=DIR ...  # other folders
    python bench/names.py --label main          # name the code measured (e.g. run once from main's tree)

Builds each set with `kg.build.build` and counts, per set: the service and committee nodes;
the names they carry (labels and altLabels, compared as written, after folding case and
spacing); and the nodes whose label is also written, in the same set, as another node's label
of the same council once typography, plurals and possessives are set aside (by a key of its
own, not `kg.identity.thing_key`): what a reader would still count twice. Appends one row per set to bench/results/names.md (and
bench/results/names.json), labelled with `--label` and the code's git commit, so that a run
from the main tree and one from a branch sit side by side.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARED = ROOT.parent / "shared"
DEFAULT_SETS = {"seeds": SHARED / "seeds", "dev": SHARED / "eval" / "dev" / "docs"}


def _key(name: str) -> str:
    """The bench's own key (not kg's): letters and digits, lower case, apostrophes gone, a final
    s dropped from words of four letters or more, "&" read as "and"."""
    name = re.sub(r"['’]s?\b", "", name).replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def count(folder: Path) -> dict:
    import kg.build
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.namespace import MKG

    ds = kg.build.build([folder]).dataset
    out = {}
    for name, cls in (("services", MKG.Service), ("committees", MKG.Committee)):
        nodes = set(ds.subjects(RDF.type, cls))
        names = {" ".join(str(l).lower().split()) for n in nodes for p in (RDFS.label, SKOS.altLabel)
                 for l in ds.objects(n, p)}
        keys = Counter((ds.value(n, MKG.body), _key(str(ds.value(n, RDFS.label)))) for n in nodes)  # per council
        out[name] = {"nodes": len(nodes), "names": len(names),
                     "same_name_twice": sum(k - 1 for k in keys.values() if k > 1)}
    return out


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(Path(__import__("kg").__file__).parent.parent), "rev-parse",
                               "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="*", default=None, help="NAME=DIR pairs (default: the seeds and the dev set)")
    parser.add_argument("--label", default="this tree", help="what code was measured, e.g. 'main' or 'h-trust'")
    args = parser.parse_args(argv)
    sets = dict(s.split("=", 1) for s in args.sets) if args.sets else DEFAULT_SETS
    rows = []
    for name, folder in sets.items():
        folder = Path(folder)
        if not folder.is_dir():
            print(f"skipped {name}: {folder} is not there", file=sys.stderr)
            continue
        got = count(folder)
        rows.append({"date": dt.date.today().isoformat(), "label": args.label, "commit": _commit(), "set": name, **got})
    RESULTS.mkdir(parents=True, exist_ok=True)
    store = RESULTS / "names.json"
    history = json.loads(store.read_text(encoding="utf-8")) if store.exists() else []
    history.extend(rows)
    store.write_text(json.dumps(history, indent=1) + "\n", encoding="utf-8")
    lines = ["# One name per thing: service and committee nodes per build", "",
             "Written by `python bench/names.py` (see its docstring). *names*: labels and altLabels as written;",
             "*named twice*: nodes whose label another node of the same council also has, typography and plurals aside.", "",
             "| date | code | commit | set | services | service names | services named twice | committees "
             "| committee names | committees named twice |",
             "|---|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in history:
        s, c = r["services"], r["committees"]
        lines.append(f"| {r['date']} | {r['label']} | {r['commit']} | {r['set']} | {s['nodes']} | {s['names']} "
                     f"| {s['same_name_twice']} | {c['nodes']} | {c['names']} | {c['same_name_twice']} |")
    (RESULTS / "names.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[-len(rows):]) if rows else "nothing measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
