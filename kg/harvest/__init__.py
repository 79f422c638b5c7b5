"""Harvest minutes from where councils publish them, into a folder `kg build` reads.

    kg harvest moderngov https://democracy.fenwater.gov.uk --committee Cabinet -o minutes/
    kg harvest urls addresses.txt -o minutes/

`client` fetches politely (robots.txt, a pause per host, retries, conditional requests, a size
limit); `moderngov` and `urls` say which documents are wanted; `fetch` writes them with the
manifest (`manifest`) that `kg build` reads the source address, committee and date from."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from kg.errors import HarvestError
from kg.harvest.client import PoliteClient
from kg.harvest.fetch import Failure, HarvestResult, Wanted, fetch_all
from kg.harvest.manifest import MANIFEST_NAME, Entry, read_manifest
from kg.harvest import moderngov


def plan_moderngov(client: PoliteClient, base_url: str, asked: list[str], start: date, end: date,
                   what: set[str], council: str | None = None,
                   progress: Callable[[str], None] | None = None) -> tuple[list[Wanted], list[Failure]]:
    """The documents of the `asked` committees' meetings from `start` to `end` that `what` asks
    for, and what could not be had (a committee with no meetings in the range, a meeting with no
    minutes yet, a meeting the site would not describe). Raises HarvestError for a site that is
    not ModernGov or a committee it does not list."""
    root = moderngov.site_root(base_url)
    chosen = moderngov.choose_committees(moderngov.committees(client, root), asked, root)
    wanted: list[Wanted] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    for committee in chosen:
        try:
            stubs = moderngov.meetings(client, root, committee, start, end)
        except HarvestError as err:
            failures.append(Failure(err.url, err.reason, f"{committee.title}: its meetings could not be listed: {err}"))
            continue
        if not stubs:
            failures.append(Failure(moderngov.service_url(root, "GetMeetings", lCommitteeId=committee.id),
                                    "no-meetings", f"{committee.title}: no meetings from {start.isoformat()} "
                                    f"to {end.isoformat()}"))
        if progress:
            progress(f"{committee.title}: {len(stubs)} meeting(s)")
        for stub in stubs:
            try:
                found, missing = moderngov.meeting_documents(client, root, committee, stub, what, council)
            except HarvestError as err:
                failures.append(Failure(err.url, err.reason, str(err)))
                continue
            for w in found:
                if w.url not in seen:
                    seen.add(w.url)
                    wanted.append(w)
            failures.extend(missing)
    return wanted, failures


def harvest(client: PoliteClient, wanted: list[Wanted], folder: str | Path, failures: list[Failure] | None = None,
            progress: Callable[[Wanted], None] | None = None) -> HarvestResult:
    """Fetch `wanted` into `folder` with its manifest (see `fetch_all`); `failures` found while
    planning are reported with the run's."""
    result = HarvestResult(Path(folder), failures=list(failures or []))
    return fetch_all(client, wanted, folder, progress=progress, result=result)


__all__ = ["PoliteClient", "Wanted", "Failure", "HarvestResult", "Entry", "MANIFEST_NAME", "read_manifest",
           "plan_moderngov", "harvest", "fetch_all"]
