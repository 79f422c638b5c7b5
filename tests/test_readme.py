"""The README's tour is real: every `$ kg ...` line in it runs on the bundled examples, and
every line of output it shows is in what the command prints now."""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Lines that need a server, a network or an archive the clone does not have.
SKIP = ("kg serve", "kg push", "archive/")


def _console_commands(text: str) -> list[tuple[str, list[str]]]:
    """[(command line, [output lines shown under it])] from the README's console blocks."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:].split("  #")[0].strip(), [])
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return [(cmd, shown) for cmd, shown in out if cmd.startswith("kg ")]


COMMANDS = _console_commands((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_shows_commands():
    assert len(COMMANDS) >= 15
    assert {c.split()[1] for c, _ in COMMANDS} >= {"build", "validate", "info", "query", "followups", "trace", "map",
                                                   "analyse", "export", "load"}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder like the clone: examples/ beside an empty graphs/, the examples built into it."""
    work = tmp_path_factory.mktemp("readme")
    (work / "examples").symlink_to(ROOT / "examples")
    (work / "graphs").mkdir()
    return work


@pytest.mark.parametrize("command, shown", [c for c in COMMANDS if not any(s in c[0] for s in SKIP)],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_each_readme_command_runs_and_prints_what_the_readme_shows(workdir, command, shown):
    if not (workdir / "graphs" / "examples.ttl").exists() or not (workdir / "graphs" / "examples.nq").exists():
        for out in ("graphs/examples.ttl", "graphs/examples.nq"):
            _run(workdir, f"kg build examples -o {out} -q")
    result = _run(workdir, command)
    printed = [line.rstrip() for line in result.output.splitlines()]  # stdout and stderr, as a terminal shows them
    for line in shown:
        line = line.rstrip()
        if not line or line.strip() == "..." or line.strip().startswith("…"):
            continue
        assert line in printed, f"`{command}` no longer prints:\n{line}\n\nit prints:\n" + "\n".join(printed[:60])


def _run(workdir: Path, command: str):
    args = shlex.split(command)[1:]
    here = os.getcwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, f"`{command}` exited {result.exit_code}:\n{result.output}"
    return result
