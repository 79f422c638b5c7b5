"""Documents fetched by `kg harvest`: the `manifest.jsonl` beside them says where each came
from, when, and whose meeting it is.

The build puts the address and the retrieval time in each document's graph (the document's
and its meetings' prov:hadPrimarySource, the document's mkg:retrievedAt), and the manifest's
committee and meeting date fill what the text does not say; where the text says otherwise, the
text's is kept and the document is warned about."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, XSD

from kg.harvest.client import safe_url
from kg.harvest.manifest import MANIFEST_NAME, read_manifest
from kg.ingest import iter_inputs
from kg.models import Document, Meeting
from kg.namespace import MKG
from kg.store import Quads, _Forms, _nt
from kg.textutil import fold
from kg.build.iris import doc_iri_of, graph_iri_of
from kg.build.lines import _block, _Lines


@dataclass(frozen=True)
class Source:
    """What a harvest's manifest says of one file: the address it was fetched from, when, and
    the committee and day of the meeting it is for."""

    url: str
    retrieved: str | None = None
    committee: str | None = None
    meeting_date: date | None = None

    def key(self) -> str:
        """What of it changes what is read from the file (part of the cache key)."""
        said = f"{self.committee or ''}|{self.meeting_date.isoformat() if self.meeting_date else ''}"
        return hashlib.sha256(said.encode("utf-8")).hexdigest()[:12]


def manifest_sources(inputs: Iterable[str | Path]) -> dict[str, Source]:
    """The source of each input file a manifest lists: the nearest `manifest.jsonl` in the
    file's folder or a folder above it that lists the file (by its path from there), so a file
    named on its own is found as well as a folder. Keys are resolved paths."""
    manifests: dict[Path, dict[str, Source]] = {}
    out: dict[str, Source] = {}
    for given in inputs:
        if not Path(given).exists():
            continue  # `iter_inputs` says so
        for f in iter_inputs([given]):
            path = f.resolve()
            for folder in path.parents:
                if folder not in manifests:
                    manifests[folder] = _sources_in(folder)
                found = manifests[folder].get(path.relative_to(folder).as_posix())
                if found is not None:
                    out[str(path)] = found
                    break
    return out


def _sources_in(folder: Path) -> dict[str, Source]:
    if not (folder / MANIFEST_NAME).is_file():
        return {}
    out = {}
    for entry in read_manifest(folder).values():
        when = None
        if entry.meeting_date:
            try:
                when = date.fromisoformat(entry.meeting_date)
            except ValueError:
                when = None
        out[entry.file] = Source(safe_url(entry.url), entry.retrieved, entry.committee, when)
    return out


def given_sources(inputs: list[Path], sources: dict[str, Source]) -> dict[str, Source]:
    """Each input's source by the input's path as read (see `manifest_sources`)."""
    return {str(p): sources[k] for p in inputs if (k := str(Path(p).resolve())) in sources}


def settle_source(doc: Document, meetings: list[Meeting], source: Source | None) -> None:
    """The manifest's committee and date for the document's first meeting where the text gives
    none; a warning where the text gives another (the text's is kept)."""
    if source is None or not meetings:
        return
    m = meetings[0]
    if source.committee:
        if not m.committee:
            m.committee = source.committee
        elif _committee_key(m.committee) != _committee_key(source.committee):
            doc.warnings.append(f"the text names the committee '{m.committee}', the harvest's manifest "
                                f"'{source.committee}': kept the text's")
    if source.meeting_date:
        if m.date is None:
            m.date = source.meeting_date
            m.warnings[:] = [w for w in m.warnings if not w.startswith("no meeting date found")]  # it is found now
        elif m.date != source.meeting_date:
            doc.warnings.append(f"the text dates the meeting {m.date.isoformat()}, the harvest's manifest "
                                f"{source.meeting_date.isoformat()}: kept the text's")


def _committee_key(name: str) -> str:
    """Two spellings of one committee compare equal: "The Cabinet", "CABINET"; "Planning &
    Licensing Committee", "Planning and Licensing Committee"."""
    words = fold(name.replace("&", " and ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def add_sources(quads: Quads, built: list[tuple[str, list[URIRef], Source]]) -> None:
    """Write each harvested document's address and retrieval time into its named graph:
    `built` is (content hash, its meetings' IRIs, its source) for each document built."""
    forms = _Forms(_nt).of
    for sha, meetings, source in built:
        graph = graph_iri_of(sha)
        key = forms(graph)
        if key not in quads.graphs:
            continue
        g = _Lines(graph, forms)
        url = URIRef(source.url)
        d = doc_iri_of(sha)
        g.add((d, PROV.hadPrimarySource, url))
        if source.retrieved:
            g.add((d, MKG.retrievedAt, Literal(source.retrieved, datatype=XSD.dateTime)))
        for mi in meetings:
            g.add((mi, PROV.hadPrimarySource, url))
        quads.graphs[key] = _block(set(quads.graphs[key].decode("utf-8").splitlines()) | g.lines)
