"""Each `kg` command as a user runs it, and the promises of the docs: every command has help
that ends with an example, every named query says what it answers."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg import queries
from kg.cli import main

from test_segment import MARKDOWN, PDFTOTEXT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def built(tmp_path) -> Path:
    src = tmp_path / "minutes"
    src.mkdir()
    (src / "a.txt").write_text(PDFTOTEXT, encoding="utf-8")
    (src / "b.md").write_text(MARKDOWN, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_graph_and_report(built):
    report = json.loads(built.with_name("g.report.json").read_text())
    fates = {Path(d["input"]).name: d["status"] for d in report["documents"]}
    assert fates == {"a.txt": "built", "b.md": "built", "empty.txt": "failed"}
    assert report["conforms"] is True
    assert report["documents"][0]["found"]["items"] >= 1


def test_build_prints_every_input(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PDFTOTEXT)
    (src / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.ttl")])
    assert "a.txt" in result.output and "empty.txt" in result.output
    assert "failed" in result.output


def test_build_says_what_it_pruned_from_the_cache(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PDFTOTEXT)
    stale = tmp_path / ".kg-cache" / "ab" / f"{'ab' * 32}-0123456789ab-1-txt.pickle"  # another version's entry
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.ttl"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert "Removed 1 stale file(s) from the cache" in result.output
    again = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.ttl"), "--no-validate"])
    assert "stale" not in again.output


def test_build_fails_when_nothing_builds(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 1


def test_build_rejects_unknown_output_format(tmp_path):
    (tmp_path / "a.txt").write_text(PDFTOTEXT)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.docx")])
    assert result.exit_code == 2 and "unknown graph format" in result.output


def test_validate_exit_codes(built, tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(built)]).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(built.read_text() + "\n<https://w3id.org/minutes-kg/id/x> a <https://w3id.org/minutes-kg/def#Meeting> .\n")
    assert runner.invoke(main, ["validate", str(broken)]).exit_code == 1
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle <<<")
    assert runner.invoke(main, ["validate", str(garbage)]).exit_code == 2
    assert runner.invoke(main, ["validate", str(tmp_path / "missing.ttl")]).exit_code == 2


def test_query_named_inline_and_file(built, tmp_path):
    runner = CliRunner()
    named = runner.invoke(main, ["query", str(built), "chairs", "-f", "csv"])
    assert named.exit_code == 0, named.output
    rows = list(csv.DictReader(io.StringIO(named.output)))
    assert {r["chair"] for r in rows} == {"Mrs. P. A. Okafor CC"}
    inline = runner.invoke(main, ["query", str(built), "SELECT (COUNT(?m) AS ?n) WHERE { ?m a mkg:Meeting }", "-f", "json"])
    assert json.loads(inline.output) == [{"n": 2}]
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?d WHERE { ?m mkg:date ?d } ORDER BY ?d")
    table = runner.invoke(main, ["query", str(built), str(rq)])
    assert "2023-06-13" in table.output and "(2 rows)" in table.output
    bad = runner.invoke(main, ["query", str(built), "no-such-query"])
    assert bad.exit_code == 2 and "kg query --list" in bad.output


def test_query_params_from_the_command_line(built):
    runner = CliRunner()

    def topics(*args):
        result = runner.invoke(main, ["query", str(built), "topic-items", "-f", "json", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    every, default = topics("-p", "topic_name="), topics()
    assert len(every) > len(default)
    assert {r["topic"] for r in every} > {r["topic"] for r in default}
    some = {r["topic"] for r in every}
    one = sorted(some)[0]
    assert {r["topic"] for r in topics("-p", f"topic_name={one.upper()}")} == {one}
    unknown = runner.invoke(main, ["query", str(built), "chairs", "-p", "colour=red"])
    assert unknown.exit_code == 2 and "no parameter colour" in unknown.output
    not_number = runner.invoke(main, ["query", str(built), "partners-by-topic", "-p", "min_weight=high"])
    assert not_number.exit_code == 2 and "takes a number" in not_number.output
    no_equals = runner.invoke(main, ["query", str(built), "topic-items", "-p", "fostering"])
    assert no_equals.exit_code == 2 and "NAME=VALUE" in no_equals.output


def test_query_show_prints_the_description_parameters_and_text():
    q = next(q for q in queries.named_queries() if q.parameters)
    result = CliRunner().invoke(main, ["query", "--show", q.name])
    assert result.exit_code == 0
    assert q.title in result.output and q.description in result.output and q.params in result.output
    assert "SELECT" in result.output
    assert CliRunner().invoke(main, ["query", "--show", "nope"]).exit_code == 2


def test_query_list_shows_every_named_query():
    result = CliRunner().invoke(main, ["query", "--list"])
    for q in queries.named_queries():
        assert q.name in result.output


def test_every_named_query_runs_and_says_what_it_answers(built):
    from kg.store import load

    graph = load(built)
    for q in queries.named_queries():
        assert q.title and q.description, f"{q.path.name} needs '# title:' and '# description:' lines"
        queries.run(graph, q.name)  # parses and runs


def test_info(built):
    result = CliRunner().invoke(main, ["info", str(built)])
    assert result.exit_code == 0
    assert "Meeting" in result.output and "2023-06-13" in result.output


def _commands(group: click.Group, prefix=""):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + name, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + name + " ")


def test_every_command_has_help_ending_with_an_example():
    runner = CliRunner()
    top = runner.invoke(main, ["-h"])
    assert "Example" in top.output
    for name, _ in _commands(main):
        result = runner.invoke(main, name.split() + ["-h"])
        assert result.exit_code == 0, name
        tail = result.output.split("Options:")[0]
        assert "Example" in tail, f"`kg {name} -h` has no example"


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "kg" in result.output


def test_readme_names_every_command():
    readme = (ROOT / "README.md").read_text()
    for name, _ in _commands(main):
        assert f"kg {name}" in readme, f"README does not show `kg {name}`"
