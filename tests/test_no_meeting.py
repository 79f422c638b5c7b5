"""Regression (issue 19.2): a document in which no meeting is found holds no meeting.

It was reported "ok recipe.txt: 1 meetings", added a "Meeting (undated) (0 items)" that then
showed in meetings-per-committee-year, and `--strict` still exited 0. Now it is reported as
skipped with its reason, adds only its Document record, and fails `--strict`; a decision or
item page with a date and a committee still holds its meeting."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib.namespace import RDF

from kg.build import build
from kg.cli import main
from kg.models import Document
from kg.namespace import MKG
from kg.queries import run
from kg.segment import NO_MEETING, segment

RECIPE = ("Plum crumble\n\nIngredients\n\n400g plums\n150g flour\n100g butter\n\nMethod\n\n"
          "Heat the oven. Rub the butter into the flour, scatter it over the plums and bake until golden.\n")
MINUTES = ("Minutes of a meeting of the Fenwater Parish Council held on 4 March 2024 at 7pm\n\n"
           "Present: Cllr A Marlow (Chair), Cllr B Penn, Cllr C Quist\n\n"
           "1. Apologies\nNone.\n\n2. Allotments\nRESOLVED: That the allotment rents be held.\n")
DECISION_PAGE = ("Decision details\n\n\nDecision Maker: Cabinet\n\nDecision status: Recommendations Approved\n\n"
                 "RESOLVED: That Cabinet:\n\n(1)   Noted the report on the Bramblecombe footpath repairs.\n\n"
                 "(2)   Agreed that the repairs be funded from reserves.\n\n"
                 "REASON FOR DECISIONS: To keep the footpaths open.\n\nPublication date: 14/03/2024\n\n"
                 "Date of decision: 12/03/2024\n\nDecided at meeting: 12/03/2024 - Cabinet\n")


def _doc(text: str, name: str = "x.txt") -> Document:
    return Document(path=name, file_name=name, text=text, sha256="0" * 64, fmt="text")


def test_no_meeting_is_segmented_from_a_recipe():
    assert segment(_doc(RECIPE)) == []
    assert "no meeting found" in NO_MEETING


def test_a_decision_page_with_a_date_and_a_committee_holds_its_meeting():
    [m] = segment(_doc(DECISION_PAGE))
    assert m.date is not None and m.committee == "Cabinet"


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_build_skips_it_with_its_reason_and_keeps_only_its_document_record(tmp_path):
    folder = _write(tmp_path / "in", {"recipe.txt": RECIPE, "minutes.txt": MINUTES})
    result = build([folder])
    fate = {Path(o.path).name: o for o in result.outcomes}
    assert fate["recipe.txt"].status == "skipped" and fate["recipe.txt"].message == NO_MEETING
    assert fate["minutes.txt"].status == "built"
    ds = result.dataset
    meetings = set(ds.subjects(RDF.type, MKG.Meeting))
    assert len(meetings) == 1
    documents = {str(ds.value(d, MKG.fileName)) for d in ds.subjects(RDF.type, MKG.Document)}
    assert documents == {"recipe.txt", "minutes.txt"}
    rows = run(ds, "meetings-per-committee-year").rows
    assert sum(int(r[2]) for r in rows) == 1


def test_the_cli_says_skipped_and_strict_fails(tmp_path):
    folder = _write(tmp_path / "in", {"recipe.txt": RECIPE, "minutes.txt": MINUTES})
    out = tmp_path / "g.ttl"
    runner = CliRunner()
    plain = runner.invoke(main, ["build", str(folder), "-o", str(out), "--no-cache", "--no-validate"])
    assert plain.exit_code == 0, plain.output
    assert "skipped   recipe.txt: no meeting found" in plain.output
    assert "recipe.txt: 1 meetings" not in plain.output
    strict = runner.invoke(main, ["build", str(folder), "-o", str(out), "--no-cache", "--no-validate", "--strict"])
    assert strict.exit_code == 1
