"""Whose minutes: the council or body each input belongs to, by the user's word (`--body`),
a folder's `minutes-kg.toml` / `minutes-kg.json`, or what the text names."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Iterable

from kg.errors import IngestError
from kg.ingest import iter_inputs
from kg.models import Document, Meeting
from kg.segment.body import body_of
from kg.textutil import squash

CONFIG_NAMES = ("minutes-kg.toml", "minutes-kg.json")


def configured_bodies(inputs: Iterable[str | Path]) -> dict[str, str]:
    """The body each input file's minutes belong to by a folder's config: a `minutes-kg.toml`
    (or `minutes-kg.json`) holding `body = "Fenwater District Council"` applies to every file
    in its folder and the folders below it, the nearest one winning. Only folders from the
    file's own up to the input named are looked in. Keys are resolved paths.

    Raises IngestError (reason "config") for a config that cannot be read or gives no body."""
    found: dict[Path, str | None] = {}
    out: dict[str, str] = {}
    for given in inputs:
        given = Path(given)
        if not given.exists():
            continue  # `iter_inputs` says so
        root = (given if given.is_dir() else given.parent).resolve()
        for f in iter_inputs([given]):
            folder = f.resolve().parent
            while True:
                if folder not in found:
                    found[folder] = _folder_body(folder)
                if found[folder] is not None:
                    out[str(f.resolve())] = found[folder]
                    break
                if folder == root or folder == folder.parent:
                    break
                folder = folder.parent
    return out


def _folder_body(folder: Path) -> str | None:
    for name in CONFIG_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            raw = path.read_text(encoding="utf-8")
            config = json.loads(raw) if name.endswith(".json") else tomllib.loads(raw)
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise IngestError(path, "config", f"{path}: not a readable {name.rsplit('.', 1)[1].upper()} "
                              f"config ({err}); write it as body = \"Fenwater District Council\"") from None
        body = config.get("body") if isinstance(config, dict) else None
        if not isinstance(body, str) or not squash(body):
            raise IngestError(path, "config", f'{path}: gives no body; write it as body = "Fenwater District Council"')
        return squash(body)
    return None


def _given_bodies(inputs: list[Path], body: str | None, bodies: dict[str, str]) -> dict[str, str]:
    """Each input's body as the user gave it (`body` over `bodies`), by the input's path as read."""
    if body and squash(body):
        return {str(p): squash(body) for p in inputs}
    return {str(p): bodies[k] for p in inputs if (k := str(Path(p).resolve())) in bodies}


def _settle_bodies(doc: Document, meetings: list[Meeting], body: str | None) -> None:
    """Whose meetings these are: `body` (the user's) over what the segmenter read from the
    text, and for a meeting it read none for, the body the top of the document names."""
    named: list[str | None] = []
    for m in meetings:
        if body:
            m.body = body
        elif not m.body:
            if not named:
                named.append(body_of(doc.text))
            m.body = named[0]


def document_body(meetings: list[Meeting]) -> str | None:
    """The body a document's minutes belong to: its first meeting's."""
    return next((m.body for m in meetings if m.body), None)
