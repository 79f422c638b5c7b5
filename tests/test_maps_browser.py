"""The map page in a real browser: headless Chromium draws it with no console error and offline.

Skipped when Debian's chromium is absent. On success the screenshot is copied to
graphs/map-test.png for a person to look at."""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from kg import analyse as A
from kg import maps
from test_analyse import sample_graph

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


def test_map_draws_in_chromium(tmp_path):
    page = maps.render_map(A.to_networkx(sample_graph(), collapse=True), tmp_path / "map.html",
                           title="Browser test <script>alert(1)</script>")
    shot = tmp_path / "map.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert shot.exists(), run.stderr[-2000:]
    for marker in ("Uncaught", "ERROR:CONSOLE"):
        assert marker not in run.stderr, run.stderr[-2000:]
    width, height, colours = _png_pixels(shot)
    assert (width, height) == (1200, 900)
    assert len(colours) > 20, "the screenshot is blank"
    person = bytes.fromhex(maps.STYLE["person"][0][1:])
    meeting = bytes.fromhex(maps.STYLE["meeting"][0][1:])
    assert person in colours or meeting in colours, "no node colour appears in the screenshot"

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "<canvas" in dom.stdout and "vis-network" in dom.stdout
    assert "<script>alert(1)</script>" not in dom.stdout.split("<body", 1)[1].split("<script", 1)[0]
    for marker in ("Uncaught", "ERROR:CONSOLE"):
        assert marker not in dom.stderr, dom.stderr[-2000:]

    (ROOT / "graphs").mkdir(exist_ok=True)
    shutil.copyfile(shot, ROOT / "graphs" / "map-test.png")
