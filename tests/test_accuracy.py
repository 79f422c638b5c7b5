"""A regression guard on how well minutes are read: the seeds and the development set are
built once, scored whole with ../shared/eval/score.py, and each must stay at or above its floor
in bench/accuracy.py (FLOORS, MEETINGS_RECALL_FLOOR), which README.md quotes. Skipped when
../shared is not beside the clone; the README checks run always.

The gold is read by score.py alone: these tests see only its JSON answer."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402  (bench/accuracy.py)

README = (ROOT / "README.md").read_text(encoding="utf-8")
LATEST = ROOT / "bench" / "results" / "accuracy-latest.md"


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    """{set name: Score} for the seeds and the development set, each built and scored once."""
    sources = accuracy.default_sources()
    missing = [p for s in sources for p in (s.docs, s.gold) if not p.exists()]
    if missing or not accuracy.SCORER.is_file():
        pytest.skip("../shared (seeds, eval/dev, eval/score.py) is not beside the clone")
    measured, _ = accuracy.measure(sources, tmp_path_factory.mktemp("accuracy"), per_document=False)
    return {name: total for name, (_source, total, _count) in measured.items()}


@pytest.mark.parametrize("name", sorted(accuracy.FLOORS))
def test_overall_f1_stays_at_or_above_its_floor(scores, name):
    total = scores[name]
    below = {c: round(row["f1"], 3) for c, row in total.categories.items() if row["f1"] < 0.7}
    assert total.overall >= accuracy.FLOORS[name], (
        f"{name}: overall F1 {total.overall:.3f} below the floor {accuracy.FLOORS[name]:.2f}; "
        f"weakest categories {below}")


def test_the_development_set_meetings_are_found_with_their_dates(scores):
    """A meeting counts as found only with the date and committee its document states."""
    meetings = scores["dev"].categories["meetings"]
    assert meetings["r"] >= accuracy.MEETINGS_RECALL_FLOOR, (
        f"meetings recall {meetings['r']:.3f} below {accuracy.MEETINGS_RECALL_FLOOR:.2f} "
        f"({meetings['fn']} meetings missed)")


def test_every_set_is_scored_on_the_meeting_categories(scores):
    for name, total in scores.items():
        assert set(accuracy.MEETING_CATEGORIES) <= set(total.categories), name


def test_each_document_keeps_its_graph_and_what_it_names():
    """Fenwater's minutes get their own named graph and the shared lines about their people."""
    from kg.build import DocumentOutcome
    from kg.namespace import ID

    a, b = "a" * 64, "b" * 64
    graph_a, graph_b = ID[f"graph/{a[:16]}"].n3(), ID[f"graph/{b[:16]}"].n3()
    marlow, okafor = ID["person/cllr-marlow"].n3(), ID["person/cllr-okafor"].n3()
    meeting = ID["meeting/fenwater-cabinet/2024-05-13"].n3()
    entities = ID["graph/entities"].n3()
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    graphs = {
        graph_a: f"{meeting} <https://w3id.org/minutes-kg/def#present> {marlow} {graph_a} .\n".encode(),
        graph_b: f"{okafor} {label} \"Cllr Okafor\" {graph_b} .\n".encode(),
        entities: (f"{marlow} {label} \"Cllr Marlow\" {entities} .\n"
                   f"{okafor} {label} \"Cllr Okafor\" {entities} .\n").encode(),
    }
    outcomes = [DocumentOutcome("in/fenwater-cabinet.txt", "built", sha256=a),
                DocumentOutcome("in/fenwater-audit.txt", "built", sha256=b),
                DocumentOutcome("in/fenwater-copy.txt", "duplicate", "duplicate", sha256=a)]
    documents, notes = accuracy.document_graphs(graphs, outcomes)
    assert set(documents) == {"fenwater-cabinet.txt", "fenwater-audit.txt"}
    assert b"Cllr Marlow" in documents["fenwater-cabinet.txt"]
    assert b"Cllr Okafor" not in documents["fenwater-cabinet.txt"]
    assert documents["fenwater-audit.txt"].count(b"Cllr Okafor") == 2
    assert notes == {"fenwater-copy.txt": "duplicate"}
    assert accuracy.document_id("d206_fenwater-cabinet.txt") == "d206"


# ---------------------------------------------------------------- the README says what is measured

def test_the_readme_quotes_the_floors():
    assert accuracy.floors_sentence() in " ".join(README.split()), (
        "README.md's Accuracy section should say, word for word: " + accuracy.floors_sentence())


def test_the_readme_numbers_are_the_latest_measured():
    """The summary pasted into README.md is the one in bench/results/accuracy-latest.md
    (`python bench/accuracy.py --readme` pastes it)."""
    latest = LATEST.read_text(encoding="utf-8")
    rows = [line for line in latest.splitlines() if re.match(r"\| (seeds|dev): ", line)]
    assert len(rows) == len(accuracy.FLOORS)
    block = README[README.find(accuracy.README_BEGIN):README.find(accuracy.README_END)]
    assert block, "README.md has no accuracy block"
    for row in rows:
        assert row in block, f"README.md's Accuracy block lacks the latest row: {row}"
