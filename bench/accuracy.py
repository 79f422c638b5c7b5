"""How well minutes-kg reads: build the seeds and the development set, score them with the
evaluation's own scorer, per category and per document.

    python bench/accuracy.py                  # ../shared/seeds and ../shared/eval/dev, as `make accuracy`
    python bench/accuracy.py --dev DIR --dev-gold DIR --seeds DIR --seeds-gold DIR
    python bench/accuracy.py --readme         # also paste the summary into README.md's "Accuracy" section

Each set is built with `kg.build.build`, as `kg build` builds it, and written as N-Quads.
`../shared/eval/score.py` scores the whole graph against the set's gold folder (every category),
then each document's part of the graph against that document's gold file. The gold is read by
the scorer alone: this file passes it paths and reads the scorer's JSON answer.

Prints the tables and writes them as markdown to bench/results/accuracy-<date>.md and
bench/results/accuracy-latest.md. `tests/test_accuracy.py` fails when a set falls below its
floor in FLOORS; README.md quotes the floors and the latest figures.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.build import DocumentOutcome

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("MKG_SHARED", ROOT.parent / "shared"))  # ../shared beside the clone
SCORER = SHARED / "eval" / "score.py"
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"

# The categories of issue 16's "Done when": what a meeting's minutes say of the meeting itself.
MEETING_CATEGORIES = ("meetings", "present", "chair", "in_attendance", "apologies", "items", "resolutions",
                      "reports", "report_authors", "follow_ups", "next_meeting")

# Regression floors, one place: tests/test_accuracy.py fails below them and README.md quotes them.
# Overall F1 is the scorer's, over every category it scores. Raise them as the reading improves.
FLOORS = {"seeds": 0.97, "dev": 0.89}
# Recall of meetings on the development set: each document's dated meeting found with its date.
MEETINGS_RECALL_FLOOR = 0.95

def floors_sentence() -> str:
    """The floors as README.md states them, word for word (tests/test_accuracy.py checks it)."""
    return (f"`make test` fails when the seeds' overall F1 falls below {FLOORS['seeds']:.2f}, the development "
            f"set's below {FLOORS['dev']:.2f}, or the development set's meetings recall below "
            f"{MEETINGS_RECALL_FLOOR:.2f}.")


README_BEGIN = "<!-- accuracy:begin (bench/accuracy.py --readme writes this block) -->"
README_END = "<!-- accuracy:end -->"


@dataclass(frozen=True)
class Source:
    """One set of minutes with its gold: the seeds' council, or the other councils of the development set."""

    name: str          # "seeds" | "dev"
    title: str         # what kind of source it is, for the tables
    docs: Path
    gold: Path


@dataclass
class Score:
    """What score.py answered for one graph against one gold file or folder."""

    categories: dict[str, dict[str, float]]
    overall: float

    def f1(self, category: str) -> float | None:
        row = self.categories.get(category)
        return None if row is None else row["f1"]

    def meeting_f1(self) -> float | None:
        """Mean F1 over the meeting categories the gold scores (issue 16's figure)."""
        values = [self.categories[c]["f1"] for c in MEETING_CATEGORIES if c in self.categories]
        return sum(values) / len(values) if values else None


@dataclass
class Built:
    """A set built into one graph file, with each document's own part of it."""

    source: Source
    graph: Path
    documents: dict[str, bytes]           # file name -> its N-Quads (its named graph and what it points to)
    notes: dict[str, str] = field(default_factory=dict)  # file name -> why it has no graph of its own


def default_sources(args: argparse.Namespace | None = None) -> list[Source]:
    """The seeds (one committee of one council) and the development set (other councils)."""
    get = (lambda name, default: getattr(args, name, None) or default) if args else (lambda _n, d: d)
    return [
        Source("seeds", "the seeds' council (one committee)", Path(get("seeds", SHARED / "seeds")),
               Path(get("seeds_gold", SHARED / "eval" / "gold"))),
        Source("dev", "other councils (development set)", Path(get("dev", SHARED / "eval" / "dev" / "docs")),
               Path(get("dev_gold", SHARED / "eval" / "dev" / "gold"))),
    ]


# ---------------------------------------------------------------- building

def build_source(source: Source, out_dir: Path) -> Built:
    """Build one set with the project's API and write its graph as N-Quads."""
    from kg.build import build

    result = build([source.docs])
    out_dir.mkdir(parents=True, exist_ok=True)
    graph = result.save(out_dir / f"{source.name}.nq")
    documents, notes = document_graphs(result.quads.graphs, result.outcomes)
    return Built(source, Path(graph), documents, notes)


_IRI = re.compile(rb"<[^>\s]*>")


def document_graphs(graphs: dict[str, bytes], outcomes: list[DocumentOutcome]) -> tuple[dict[str, bytes], dict[str, str]]:
    """Each built document's named graph, with the lines of the shared graphs (people, posts,
    committees, links, provenance) whose subject that graph names: what its meetings reach."""
    from kg.namespace import ID

    own = {ID[f"graph/{o.sha256[:16]}"].n3(): Path(o.path).name
           for o in outcomes if o.status == "built" and o.sha256}
    shared = [lines for name, lines in sorted(graphs.items()) if name not in own]
    documents, notes = {}, {}
    for name, file_name in own.items():
        mine = graphs.get(name, b"")
        named = set(_IRI.findall(mine))
        extra = [line for lines in shared for line in lines.splitlines(keepends=True)
                 if line.split(b" ", 1)[0] in named]
        documents[file_name] = mine + b"".join(extra)
    for o in outcomes:
        if o.status != "built":
            notes[Path(o.path).name] = o.status if o.reason in (None, o.status) else f"{o.status}: {o.reason}"
    return documents, notes


# ---------------------------------------------------------------- scoring

def score(graph: Path, gold: Path, scorer: Path = SCORER) -> Score:
    """Run score.py on a graph against a gold folder or one gold file; its JSON answer."""
    run = subprocess.run([sys.executable, str(scorer), "--graph", str(graph), "--gold", str(gold), "--json"],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"score.py failed on {graph}: {run.stderr.strip()[-400:]}")
    answer = json.loads(run.stdout)
    return Score(answer["categories"], answer["overall_f1"])


def gold_file(gold_dir: Path, file_name: str) -> Path:
    """The gold file of one document: its file name with .json after it (GOLD.md)."""
    return gold_dir / f"{file_name}.json"


def score_documents(built: Built, work: Path, pool: cf.Executor) -> dict[str, Score | str]:
    """Each document with a gold file: its part of the graph scored against that file alone."""
    jobs: dict[str, cf.Future | str] = {}
    for file_name in sorted(set(built.documents) | set(built.notes)):
        gold = gold_file(built.source.gold, file_name)
        if not gold.is_file():
            continue
        if file_name not in built.documents:
            jobs[file_name] = built.notes[file_name]
            continue
        part = work / built.source.name / f"{file_name}.nq"
        part.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(built.documents[file_name])
        jobs[file_name] = pool.submit(score, part, gold)
    return {name: job if isinstance(job, str) else job.result() for name, job in jobs.items()}


# ---------------------------------------------------------------- tables

def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def summary_table(scores: dict[str, tuple[Source, Score, int]]) -> list[str]:
    """One line per kind of source: documents, overall F1, F1 over the meeting categories, meetings recall."""
    lines = ["| source | documents | overall F1 | meeting categories F1 | meetings recall |",
             "|---|---|---|---|---|"]
    for name, (source, total, count) in scores.items():
        meetings = total.categories.get("meetings", {}).get("r")
        lines.append(f"| {name}: {source.title} | {count} | {total.overall:.3f} | {_num(total.meeting_f1())} "
                     f"| {_num(meetings)} |")
    return lines


def category_table(scores: dict[str, tuple[Source, Score, int]]) -> list[str]:
    """Precision, recall and F1 of every category, the sets side by side."""
    names = list(scores)
    head = "| category | " + " | ".join(f"{n} P | {n} R | {n} F1 | {n} tp/fp/fn" for n in names) + " |"
    lines = [head, "|---|" + "---|" * (4 * len(names))]
    categories = sorted({c for _s, total, _n in scores.values() for c in total.categories})
    for c in categories:
        cells = []
        for n in names:
            row = scores[n][1].categories.get(c)
            cells += (["–"] * 4 if row is None else
                      [f"{row['p']:.3f}", f"{row['r']:.3f}", f"**{row['f1']:.3f}**",
                       f"{row['tp']}/{row['fp']}/{row['fn']}"])
        mark = " ◦" if c in MEETING_CATEGORIES else ""
        lines.append(f"| {c}{mark} | " + " | ".join(cells) + " |")
    lines.append("| **overall** | " + " | ".join(f" | | **{scores[n][1].overall:.3f}** | " for n in names) + " |")
    return lines


def document_id(file_name: str) -> str:
    """A document's id in the tables: its file name up to the first "_" ("d206" of "d206_....txt"),
    so that the pages written here name no council; the whole name where it has no "_"."""
    return file_name.split("_", 1)[0] if "_" in file_name else file_name


def document_table(per_doc: dict[str, Score | str], full_names: bool = False) -> list[str]:
    """One row a document: F1 of each meeting category its gold scores, and their mean."""
    short = {"in_attendance": "in att.", "report_authors": "authors", "next_meeting": "next", "resolutions": "resol.",
             "follow_ups": "follow-ups", "apologies": "apol."}
    lines = ["| document | " + " | ".join(short.get(c, c) for c in MEETING_CATEGORIES) + " | mean |",
             "|---|" + "---|" * (len(MEETING_CATEGORIES) + 1)]
    for file_name, result in per_doc.items():
        name = file_name if full_names else document_id(file_name)
        if isinstance(result, str):
            lines.append(f"| {name} | " + " | ".join(["–"] * len(MEETING_CATEGORIES)) + f" | {result} |")
            continue
        cells = [_num(result.f1(c)) for c in MEETING_CATEGORIES]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{_num(result.meeting_f1())}** |")
    return lines


def report(scores: dict[str, tuple[Source, Score, int]], per_doc: dict[str, dict[str, Score | str]],
           header: str, full_names: bool = False) -> str:
    """The whole markdown page: summary, categories, then each set's documents."""
    parts = [f"# Accuracy\n\n{header}\n", "## Summary\n", *summary_table(scores), "",
             "Overall F1 is score.py's: the mean F1 over every category it scores. The meeting categories "
             f"(◦ below) are {', '.join(MEETING_CATEGORIES)}; identity and officers are scored over the whole "
             "set only.\n", "## Categories\n", *category_table(scores), ""]
    for name, docs in per_doc.items():
        parts += [f"## Documents: {name}, {scores[name][0].title}\n",
                  "Each document's part of the graph (its named graph and the people, posts and committees "
                  "it names) scored against its gold file alone: F1 per meeting category, – where the gold "
                  "does not score it. Documents by the id their file name starts with.\n",
                  *document_table(docs, full_names), ""]
    return "\n".join(parts)


def f1_table(scores: dict[str, tuple[Source, Score, int]]) -> list[str]:
    """F1 of every category, the sets side by side: the short form of `category_table`."""
    names = list(scores)
    lines = ["| category | " + " | ".join(f"{n} F1" for n in names) + " |", "|---|" + "---|" * len(names)]
    for c in sorted({c for _s, total, _n in scores.values() for c in total.categories}):
        lines.append(f"| {c.replace('_', ' ')} | " + " | ".join(_num(scores[n][1].f1(c)) for n in names) + " |")
    return lines


def readme_block(scores: dict[str, tuple[Source, Score, int]], header: str) -> str:
    """What README.md's Accuracy section holds between its markers: the summary and each category's F1."""
    return "\n".join([README_BEGIN, "", header, "", *summary_table(scores), "", *f1_table(scores), "",
                      README_END])


def paste_into_readme(block: str, readme: Path = README) -> bool:
    """Replace the block between the markers in README.md; False when the markers are not there."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        return False
    readme.write_text(text[:start] + block + text[end + len(README_END):], encoding="utf-8")
    return True


# ---------------------------------------------------------------- the command

def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (run.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty else "")


def measure(sources: list[Source], work: Path, per_document: bool = True
            ) -> tuple[dict[str, tuple[Source, Score, int]], dict[str, dict[str, Score | str]]]:
    """Build every set, score each whole and (with `per_document`) each document alone."""
    scores, per_doc = {}, {}
    with cf.ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        builts = [build_source(s, work) for s in sources]
        totals = {b.source.name: pool.submit(score, b.graph, b.source.gold) for b in builts}
        for b in builts:
            per_doc[b.source.name] = score_documents(b, work / "documents", pool) if per_document else {}
        for b in builts:
            scores[b.source.name] = (b.source, totals[b.source.name].result(), len(b.documents) + len(b.notes))
    return scores, per_doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, help="development minutes (default ../shared/eval/dev/docs)")
    ap.add_argument("--dev-gold", type=Path, help="their gold (default ../shared/eval/dev/gold)")
    ap.add_argument("--seeds", type=Path, help="the seeds (default ../shared/seeds)")
    ap.add_argument("--seeds-gold", type=Path, help="their gold (default ../shared/eval/gold)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="folder for accuracy-<date>.md and accuracy-latest.md")
    ap.add_argument("--names", action="store_true", help="whole file names in the document tables, not ids")
    ap.add_argument("--readme", action="store_true", help="also paste the summary into README.md's Accuracy section")
    args = ap.parse_args(argv)

    sources = default_sources(args)
    missing = [str(p) for s in sources for p in (s.docs, s.gold, SCORER) if not p.exists()]
    if missing:
        print("accuracy: not found: " + ", ".join(sorted(set(missing))), file=sys.stderr)
        return 2
    today = dt.date.today().isoformat()
    header = f"Measured {today} at commit {_commit()} by `bench/accuracy.py`."
    with tempfile.TemporaryDirectory(prefix="mkg-accuracy-") as work:
        scores, per_doc = measure(sources, Path(work))
    page = report(scores, per_doc, header, args.names)
    print(page)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in (f"accuracy-{today}.md", "accuracy-latest.md"):
        (args.out / name).write_text(page, encoding="utf-8")
    print(f"wrote {args.out / f'accuracy-{today}.md'} and accuracy-latest.md", file=sys.stderr)
    if args.readme and not paste_into_readme(readme_block(scores, header)):
        print(f"accuracy: README.md has no {README_BEGIN!r} marker; not pasted", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
