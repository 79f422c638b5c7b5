"""Each view's page in a real browser: headless Chromium draws it with no console error and
offline, the canvas is not blank, and the search box (fed from the address, #search=words)
finds and selects a node.

Skipped when Debian's chromium is absent. On success each screenshot is copied to
graphs/map-test-VIEW.png for a person to look at."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from kg import maps

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="/usr/bin/chromium is not installed"),
]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=5000"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)


def _png_pixels(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and the set of distinct pixels (RGB/RGBA, 8-bit, non-interlaced PNG)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    seen: set[bytes] = set()
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 7 == 0:
            seen.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 5))
        prev = line
    return width, height, seen


VIEWS = [("overview", {}, "alice"), ("people", {}, "Carol"), ("partners", {}, "ofsted"),
         ("topic", {"topic": "send"}, "£2.5m"), ("ego", {"ego": "ofsted"}, "fostering"), ("all", {}, "Fictional NHS")]


@pytest.mark.parametrize("view, opts, query", VIEWS, ids=[v[0] for v in VIEWS])
def test_each_view_draws_in_chromium_and_its_search_box_finds_a_node(tmp_path, view, opts, query):
    from test_map_views import graph_with_decisions

    g, _ = maps.make_view(graph_with_decisions(), view if view != "all" else "overview",
                          everything=view == "all", **opts)
    page = maps.render_map(g, tmp_path / f"{view}.html", title=f"{view} <script>alert(1)</script>")
    shot = tmp_path / "map.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert shot.exists(), run.stderr[-2000:]
    for marker in ("Uncaught", "ERROR:CONSOLE"):
        assert marker not in run.stderr, run.stderr[-2000:]
    width, height, colours = _png_pixels(shot)
    assert (width, height) == (1200, 900)
    assert len(colours) > 20, "the screenshot is blank"
    drawn = {bytes.fromhex(maps.STYLE[k][0][1:]) for k in {k for _, k in g.nodes(data="kind")}}
    assert drawn & colours, "no node colour appears in the screenshot"

    from urllib.parse import quote

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#search=" + quote(query))
    for marker in ("Uncaught", "ERROR:CONSOLE"):
        assert marker not in dom.stderr, dom.stderr[-2000:]
    assert "<canvas" in dom.stdout and "vis-network" in dom.stdout
    assert "<script>alert(1)</script>" not in dom.stdout.split("<body", 1)[1].split("<script", 1)[0]
    found = re.search(r'<span id="mkg-status" role="status" data-node="([^"]+)">found: ([^<]+)</span>', dom.stdout)
    assert found, dom.stdout.split("mkg-status", 1)[-1][:300]
    assert found.group(1) in g and query.lower() in g.nodes[found.group(1)]["label"].lower()
    assert re.search(r'data-settled-ms="\d+"', dom.stdout)  # the network drew itself and stopped moving

    (ROOT / "graphs").mkdir(exist_ok=True)
    shutil.copyfile(shot, ROOT / "graphs" / f"map-test-{view}.png")
