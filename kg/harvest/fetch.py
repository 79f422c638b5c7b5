"""Fetch the documents a harvest wants into its folder, keeping the manifest: what is there
already is only asked about ("has it changed?"), what fails is reported by name and the rest
goes on."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from kg.errors import HarvestError
from kg.harvest.client import PoliteClient, Response, looks_like_html
from kg.harvest.manifest import Entry, append_entry, read_manifest, write_manifest


@dataclass
class Wanted:
    """A document a harvest means to fetch: its address, the file it goes to (`stem`, inside the
    folder, without the extension the content decides) and what the site says of it."""

    url: str
    stem: str
    kind: str = "document"
    expect_pdf: bool = False
    council: str | None = None
    committee: str | None = None
    committee_id: str | None = None
    meeting_id: str | None = None
    meeting_date: str | None = None
    title: str | None = None


@dataclass
class Failure:
    """A document (or a meeting, or a committee) the harvest could not get, and why."""

    url: str
    reason: str  # not-found, error-page, too-large, robots, http-error, unreachable, no-minutes, no-meetings ...
    message: str


@dataclass
class HarvestResult:
    """What a run did: the files it wrote (new or changed), those the site said were unchanged,
    and what failed, each with its reason."""

    folder: Path
    fetched: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0


def fetch_all(client: PoliteClient, wanted: list[Wanted], folder: str | Path, *,
              progress: Callable[[Wanted], None] | None = None,
              result: HarvestResult | None = None) -> HarvestResult:
    """Fetch every wanted document into `folder` (made if need be) and keep its manifest.

    A document already in the manifest, whose file is still there unchanged, is fetched only if
    the site says it changed (a conditional request on its ETag or Last-Modified; with neither,
    it is not asked for again). Each new file is written whole (never half) and added to the
    manifest at once, so a run cut short goes on where it stopped."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    result = result or HarvestResult(folder)
    entries = read_manifest(folder)
    try:
        for want in wanted:
            _fetch_one(client, want, folder, entries, result)
            if progress:
                progress(want)
    finally:
        write_manifest(folder, entries)
        result.requests = client.requests
    return result


def _fetch_one(client: PoliteClient, want: Wanted, folder: Path, entries: dict[str, Entry],
               result: HarvestResult) -> None:
    known = entries.get(want.url)
    if known is not None and not _still_there(folder, known):
        known = None
    if known is not None and not (known.etag or known.last_modified):
        result.unchanged.append(known)
        return
    try:
        response = client.get(want.url, etag=known.etag if known else None,
                              last_modified=known.last_modified if known else None, expect_pdf=want.expect_pdf)
        if response.not_modified and known is not None:
            known.checked = _now()
            result.unchanged.append(known)
            return
        entry = _write(folder, want, response)
    except HarvestError as err:
        result.failures.append(Failure(want.url, err.reason, str(err)))
        return
    if known is not None and known.sha256 == entry.sha256:
        known.checked, known.etag, known.last_modified = entry.retrieved, entry.etag, entry.last_modified
        result.unchanged.append(known)
        return
    entries[want.url] = entry
    append_entry(folder, entry)
    result.fetched.append(entry)


def _write(folder: Path, want: Wanted, response: Response) -> Entry:
    suffix = _suffix(response)
    if suffix is None:
        raise HarvestError(want.url, "unsupported", f"{want.url}: neither a PDF, a web page nor text "
                           f"({response.content_type or 'no content type'}); kg build could not read it, skipped")
    path = folder / (want.stem + suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(response.body)
    os.replace(part, path)
    return Entry(want.url, path.relative_to(folder).as_posix(), want.kind, _now(),
                 hashlib.sha256(response.body).hexdigest(), len(response.body), want.council, want.committee,
                 want.committee_id, want.meeting_id, want.meeting_date, want.title,
                 response.final_url if response.final_url != want.url else None, response.etag,
                 response.last_modified)


def _suffix(response: Response) -> str | None:
    """The extension `kg build` reads the content by: by its bytes, else its content type."""
    body, kind = response.body, response.content_type.split(";")[0].strip().lower()
    if body.lstrip()[:5].startswith(b"%PDF"):
        return ".pdf"
    if looks_like_html(body) or kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    if kind == "text/markdown":
        return ".md"
    if kind.startswith("text/") or (not kind and b"\0" not in body[:1024]):
        return ".txt"
    return None


def _still_there(folder: Path, entry: Entry) -> bool:
    path = folder / entry.file
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256
    except OSError:
        return False


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
