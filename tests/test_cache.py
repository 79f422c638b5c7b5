"""The build cache holds data, never pickles: an entry someone else wrote can be refused, never
run, and a truncated or edited entry is built again (issue 19, point 5)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.build import build, codec
from kg.build.extract import read_and_extract

MINUTES = """FENWATER DISTRICT COUNCIL

MINUTES of a meeting of the Leisure Committee held on 3 March 2024

Present: Councillor A. Marsh (Chair), Councillors B. Quill and C. Rowan.

Apologies for absence were received from Councillor D. Sorrel.

12. PARKS MAINTENANCE

The Head of Parks presented a report on the maintenance of play areas. Councillor Quill asked
about the costs of resurfacing, which were £45,000.

RESOLVED: That the report be noted.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for k, month in enumerate(("March", "April", "May")):
        text = MINUTES.replace("3 March 2024", f"{k + 3} {month} 2024").replace("12.", f"{12 + k}.")
        (folder / f"leisure-{k}.txt").write_text(text, encoding="utf-8")
    return folder


def _entry(payload) -> bytes:
    """A cache entry with a correct digest around `payload`, as someone could write one."""
    body = json.dumps(payload).encode("utf-8")
    return codec.MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def test_records_come_back_equal_and_shared_as_they_were(corpus):
    read = read_and_extract(corpus / "leisure-0.txt")
    doc, meetings, mentions = codec.loads(codec.dumps((read.doc, read.meetings, read.mentions)))
    assert doc == read.doc and meetings == read.meetings
    assert mentions and len(mentions) == len(read.mentions)
    items = {id(item) for m in meetings for item in m.items}
    assert all(x.meeting is meetings[0] for x in mentions)  # one object, as before it was kept
    assert all(x.item is None or id(x.item) in items for x in mentions)


@pytest.mark.parametrize("payload", [
    {"@o": "os.system", "@id": 0, "f": {}},  # a class that is not one of the build's records
    {"@o": "subprocess.Popen", "@id": 0, "f": {"args": "touch owned"}},
    {"@what": 1},
])
def test_an_entry_naming_anything_but_the_builds_records_is_refused(payload):
    with pytest.raises(codec.CacheEntryError):
        codec.loads(_entry(payload))


def test_a_pickle_is_refused_unread():
    import pickle

    with pytest.raises(codec.CacheEntryError):
        codec.loads(pickle.dumps({"a": 1}))


def test_no_pickle_in_the_cache_and_every_entry_checked(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], cache_dir=cache, workers=2)
    files = [f for f in cache.rglob("*") if f.is_file()]
    assert files and not [f for f in files if f.suffix == ".pickle"]
    assert all(f.read_bytes().startswith(codec.MAGIC) for f in files)


@pytest.mark.parametrize("damage", ["truncated", "edited"])
def test_a_damaged_entry_is_refused_and_built_again(corpus, tmp_path, damage):
    cache = tmp_path / "cache"
    first = build([corpus], cache_dir=cache).save(tmp_path / "first.nq").read_bytes()
    entries = sorted(f for f in cache.rglob("*.json") if f.parent.name != "identity")
    assert entries
    for f in entries:
        data = f.read_bytes()
        if damage == "truncated":
            f.write_bytes(data[: len(data) // 2])
        elif b"Leisure" in data:  # a name changed, the digest left as it was
            f.write_bytes(data.replace(b"Leisure", b"Pleasure"))
        else:  # still JSON, but not the bytes the digest was made of
            f.write_bytes(data[:-1] + b" " + data[-1:])
        with pytest.raises(codec.CacheEntryError):
            codec.loads(f.read_bytes())
    again = build([corpus], cache_dir=cache).save(tmp_path / "again.nq").read_bytes()
    assert again == first
    for f in entries:  # written again, whole
        codec.loads(f.read_bytes())
