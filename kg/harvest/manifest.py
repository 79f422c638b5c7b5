"""The manifest of a harvest folder: `manifest.jsonl`, one JSON object a line for each document
fetched from a council's website (where it came from, whose meeting it is, when it was fetched,
its content hash and the validators to ask "has it changed?" with next time).

A line is added the moment its file is written, so a harvest cut short keeps what it fetched and
the next run goes on from there; the last line for an address wins. `kg build` reads the same file
(`kg.build.manifest`)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kg.errors import HarvestError

MANIFEST_NAME = "manifest.jsonl"


@dataclass
class Entry:
    """One document as a council's website published it.

    `kind` is what it is to its meeting: "minutes" (the printed minutes), "minutes-page" (the
    meeting's agenda-and-minutes web page, where minutes are written on the page), "agenda"
    (the agenda or reports pack), "report" (a report to an item), "document" (anything else,
    and every address of `kg harvest urls`). `retrieved` is when its bytes were fetched and
    `checked` when the site last said they had not changed (ISO 8601, UTC)."""

    url: str
    file: str  # its path inside the harvest folder, with forward slashes
    kind: str
    retrieved: str
    sha256: str
    bytes: int = 0
    council: str | None = None
    committee: str | None = None
    committee_id: str | None = None
    meeting_id: str | None = None
    meeting_date: str | None = None  # ISO date of the meeting it minutes or is for
    title: str | None = None
    final_url: str | None = None  # where it was served from, when a redirect moved it
    etag: str | None = None
    last_modified: str | None = None
    checked: str | None = None

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, ensure_ascii=False,
                          sort_keys=True)

    @classmethod
    def from_json(cls, data: dict) -> "Entry":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def read_manifest(folder: str | Path) -> dict[str, Entry]:
    """The entries of `folder`'s manifest by address (the last line for one wins); {} when there
    is none. A last line cut short by an interrupted run is ignored; any other bad line raises
    HarvestError (reason "manifest")."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    out: dict[str, Entry] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entry = Entry.from_json(data)
        except (ValueError, TypeError) as err:
            if number == len(lines):
                break  # written when the run was stopped
            raise HarvestError(str(path), "manifest", f"{path}, line {number}: not a manifest entry ({err}); "
                               "remove the line, or the file to fetch everything again") from None
        out[entry.url] = entry
    return out


def append_entry(folder: str | Path, entry: Entry) -> None:
    """Add `entry` to `folder`'s manifest at once (flushed), so a run cut short keeps it."""
    path = Path(folder) / MANIFEST_NAME
    with path.open("a", encoding="utf-8") as out:
        out.write(entry.to_json() + "\n")
        out.flush()
        os.fsync(out.fileno())


def write_manifest(folder: str | Path, entries: dict[str, Entry]) -> None:
    """Rewrite `folder`'s manifest with one line for each entry, in file order (after a run)."""
    path = Path(folder) / MANIFEST_NAME
    part = path.with_name(path.name + ".part")
    ordered = sorted(entries.values(), key=lambda e: (e.file, e.url))
    part.write_text("".join(e.to_json() + "\n" for e in ordered), encoding="utf-8")
    os.replace(part, path)
