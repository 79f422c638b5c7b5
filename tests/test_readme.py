"""The README's tour is real: its commands run in order, in one fresh folder beside the bundled
examples (nothing built beforehand), and every line of output it shows is in what the command
prints now. `kg serve` runs as a real server for the `curl` line after it, and `kg push` goes to
a local Oxigraph server, each on a free port."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import threading
import time
import tomllib
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.serve import free_port, oxigraph_server, stop_process

ROOT = Path(__file__).resolve().parents[1]
# Lines that need an archive the clone does not have.
SKIP = ("archive/",)
PUSH_PORT = "127.0.0.1:7879"   # the Graph Store server the README starts by hand
SERVE_PORT = "127.0.0.1:7878"  # kg serve's default


def _console_commands(text: str) -> list[tuple[str, list[str]]]:
    """[(command line, [output lines shown under it])] from the README's console blocks, in order."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:].split("  #")[0].strip(), [])
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return [(cmd, shown) for cmd, shown in out if cmd.startswith(("kg ", "curl "))]


COMMANDS = _console_commands((ROOT / "README.md").read_text(encoding="utf-8"))
TOUR = [c for c in COMMANDS if not any(s in c[0] for s in SKIP)]


def test_the_readme_shows_commands():
    assert len(COMMANDS) >= 15
    assert {c.split()[1] for c, _ in COMMANDS if c.startswith("kg ")} >= {
        "build", "validate", "info", "query", "followups", "trace", "map", "analyse", "export", "load", "serve",
        "push"}


def test_the_tour_builds_every_graph_it_reads_before_reading_it():
    made: set[str] = set()
    for command, _ in TOUR:
        args = shlex.split(command)
        if args[:2] == ["kg", "build"]:
            made.add(args[args.index("-o") + 1])
        elif command.startswith("kg ") and len(args) > 2 and args[2].startswith("graphs/"):
            assert args[2] in made or args[2] == "graphs/store", f"`{command}` reads {args[2]} before it is built"
        if "--store" in args:
            made.add(args[args.index("--store") + 1])


def test_each_map_has_its_own_file():
    outputs = [shlex.split(c)[shlex.split(c).index("-o") + 1] for c, _ in TOUR if c.startswith("kg map")
               and "-o" in shlex.split(c)]
    assert len(outputs) == sum(1 for c, _ in TOUR if c.startswith("kg map")) == len(set(outputs))


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """{command: (exit code, printed lines)}: the whole tour run once, in order, in a fresh folder."""
    work = tmp_path_factory.mktemp("readme")
    (work / "examples").symlink_to(ROOT / "examples")
    (work / "graphs").mkdir()
    printed: dict[str, tuple[int, list[str]]] = {}
    with ExitStack() as stack:
        push_base = stack.enter_context(oxigraph_server(work / "ox", read_only=False, timeout=30))
        serve_base = None
        for command, _ in TOUR:
            if command.startswith("kg serve"):
                serve_base = _serve(stack, work, command)
                printed[command] = serve_base[1]
            elif command.startswith("curl "):
                printed[command] = _curl(command.replace(f"http://{SERVE_PORT}", serve_base[0]))
            else:
                printed[command] = _run(work, command.replace(f"http://{PUSH_PORT}", push_base))
        ports = {SERVE_PORT: serve_base[0][len("http://"):] if serve_base else SERVE_PORT,
                 PUSH_PORT: push_base[len("http://"):]}
    return printed, ports


@pytest.mark.server
@pytest.mark.parametrize("command, shown", TOUR, ids=lambda v: v if isinstance(v, str) else "")
def test_each_tour_command_runs_and_prints_what_the_readme_shows(tour, command, shown):
    printed, ports = tour
    code, lines = printed[command]
    assert code == 0, f"`{command}` exited {code}:\n" + "\n".join(lines)
    for line in shown:
        line = line.rstrip()
        for readme_port, real in ports.items():
            line = line.replace(readme_port, real)
        if not line or line.strip() == "..." or line.strip().startswith("…"):
            continue
        assert line in lines, f"`{command}` no longer prints:\n{line}\n\nit prints:\n" + "\n".join(lines[:60])


def test_packaging_uses_an_spdx_licence():
    """setuptools>=77 warns at every install about a licence table; an SPDX string it does not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(re.fullmatch(r"setuptools>=(7[7-9]|[89]\d)(\.\d+)*", r) for r in project["build-system"]["requires"])


def _run(workdir: Path, command: str) -> tuple[int, list[str]]:
    args = shlex.split(command)[1:]
    here = os.getcwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(here)
    return result.exit_code, [line.rstrip() for line in result.output.splitlines()]  # stdout and stderr


def _serve(stack: ExitStack, workdir: Path, command: str) -> tuple[str, tuple[int, list[str]]]:
    """Start the README's `kg serve` on a free port; its base URL and what it printed once up."""
    port = free_port()
    args = shlex.split(command)[2:] + ["--port", str(port)]
    process = subprocess.Popen([sys.executable, "-m", "kg.cli_store", "serve", *args], cwd=workdir, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get(
                                   "PYTHONPATH", "")])))
    stack.callback(stop_process, process, close=False)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.rstrip() for line in process.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while not any(line.startswith("Serving") for line in list(lines)) and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.1)
    up = any(line.startswith("Serving") for line in list(lines))
    return f"http://127.0.0.1:{port}", (0 if up else 1, list(lines))


def _curl(command: str) -> tuple[int, list[str]]:
    """The README's `curl -H ... --data-urlencode 'query=...' URL`, sent with urllib."""
    args, headers, form, url = shlex.split(command)[1:], {}, [], None
    while args:
        arg = args.pop(0)
        if arg == "-H":
            name, value = args.pop(0).split(":", 1)
            headers[name.strip()] = value.strip()
        elif arg == "--data-urlencode":
            name, value = args.pop(0).split("=", 1)
            form.append((name, value))
        else:
            url = arg
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode() if form else None,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return 0, response.read().decode("utf-8").splitlines()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8").splitlines()
