"""Extracted records → an RDF dataset: the only place that mints IRIs.

One named graph per document holds what was read from it; a shared graph holds the
nodes that documents share (people, posts, organisations, services, committees) with
their labels. Every IRI is minted from content (a meeting from its committee and date,
a person from their identity key), so building the same inputs twice gives the same
graph, byte for byte once serialised.

    inputs ─ bodies (`bodies`: whose minutes each file is)
           ─ per document, in worker processes (`parallel`): read, segment, extract (`extract`),
             kept in the cache (`cache`)
           ─ the batch (`assembly`): people's identities, each document's graph (`fragments`,
             written by `document` and `items` as N-Quads lines, `lines`, with the IRIs of
             `iris`), then the shared nodes, follow-ups answered later and the provenance
           ─ the build report (`report`): what happened to every input
"""
from __future__ import annotations

import tempfile
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import IngestError
from kg.ingest import iter_inputs
from kg.segment import NO_MEETING
from kg.store import Quads
from kg.textutil import fold
from kg.build.assembly import _assemble, assemble
from kg.build.bodies import _given_bodies, configured_bodies, document_body
from kg.build.cache import KEEP_IDENTITIES, SEGMENTER_VERSION, pipeline_version, prune_cache
from kg.build.document import Fragment
from kg.build.extract import HEAD_LABELS, Mention, ReadDocument, Summary, _read_input, read_and_extract
from kg.build.manifest import add_sources, given_sources, manifest_sources
from kg.build.iris import (body_iri, committee_iri, dated_meeting_iri, doc_iri, entity_iri, graph_iri, item_iri, meeting_iri,
                           person_iri, post_iri, post_key, span_iri)
from kg.build.parallel import _fewer_collections, _run, _size, _summary_in
from kg.build.report import BuildResult, DocumentOutcome
# the inner parts the tests and the benchmark call on their own
from kg.build.assembly import _renamed_posts, _renamer  # noqa: F401
from kg.build.document import _Builder  # noqa: F401
from kg.build.extract import _mentions  # noqa: F401


@_fewer_collections()
def build(paths: Iterable[str | Path], *, progress: Callable[[str], None] | None = None,
          extract_entities: bool = True, max_bytes: int | None = None, workers: int = 1,
          cache_dir: str | Path | None = None, topics: str | Path | None = None,
          body: str | None = None, bodies: dict[str, str] | None = None,
          stage: Callable[[str], None] | None = None, validate: bool = False) -> BuildResult:
    """Read, segment, extract and assemble every input into one dataset.

    Bad inputs never stop the batch: each is recorded in `outcomes` with its reason. A
    document in which no meeting is found is "skipped": only its Document record is added.
    `workers` > 1 reads, extracts and builds each document's graph in that many processes;
    the output is the same whatever the number. With `cache_dir`, what was extracted from a
    document is kept under its content hash, and so is its named graph, so a rebuild
    re-extracts and re-assembles only new or changed documents and those whose people or
    twice-minuted meetings the change touched; the passes across documents always run; what
    no build of this version can use again is then removed (`prune_cache`). `topics` is a Turtle topic
    scheme to use instead of the bundled ontology/topics.ttl. A document a harvest's manifest
    lists (`kg.build.manifest`) carries its address and retrieval time, and its committee and
    meeting date fill what its text does not say.

    The council or body whose minutes each input is: `body` for every input, else the one
    `bodies` gives its file (see `configured_bodies`, which makes it from `paths` when it is
    None), else what the text names (`kg.segment.body.body_of`), else none. `stage` is told
    when a step after the reading starts ("Assembling the graph of 5 documents").

    `validate` checks each document's nodes against the shapes where its graph is made (and
    keeps the outcome in the cache with it), so that `BuildResult.validate()` has only what
    crosses documents left to check."""
    paths = list(paths)
    outcomes: list[DocumentOutcome] = []
    reads: list[ReadDocument] = []
    built: list[DocumentOutcome] = []  # the outcomes of `reads`
    seen: dict[str, str] = {}
    try:
        inputs = iter_inputs(paths)
    except IngestError as err:
        return BuildResult(Quads({}), [DocumentOutcome(err.path, "failed", err.reason, str(err))], [])
    if bodies is None:
        bodies = configured_bodies(paths)
    sources = given_sources(inputs, manifest_sources(paths))  # documents fetched by `kg harvest`
    job = partial(_read_input, bodies=_given_bodies(inputs, body, bodies), sources=sources, max_bytes=max_bytes,
                  extract_entities=extract_entities, cache_dir=str(cache_dir) if cache_dir else None)
    handoff, child_job = None, None
    if workers > 1 and len(inputs) > 1:
        handoff = tempfile.TemporaryDirectory(prefix="mkg-reads-")
        child_job = partial(_summary_in, handoff.name, job)
    try:
        for read in _run(job, inputs, workers, [_size(p) for p in inputs], child_job=child_job):
            if progress:
                progress(read.path)
            if read.error is not None:
                outcomes.append(DocumentOutcome(read.path, "failed", read.error[0], read.error[1]))
                continue
            sha = read.summary.sha256
            if sha in seen:
                outcomes.append(DocumentOutcome(read.path, "duplicate", "duplicate",
                                                f"same content as {seen[sha]}; skipped", sha256=sha))
                continue
            seen[sha] = read.path
            outcome = DocumentOutcome(read.path, "built", warnings=list(read.summary.warnings), sha256=sha)
            if not read.summary.meetings:  # only its Document record goes into the graph
                outcome.status, outcome.reason, outcome.message = "skipped", "no meeting", NO_MEETING
            reads.append(read)
            built.append(outcome)
            outcomes.append(outcome)
        if stage:
            stage(f"Assembling the graph of {len(reads)} document(s)")
        assembly = _assemble(reads, built, topics=str(topics) if topics else None, workers=workers,
                             cache_dir=cache_dir, entities=extract_entities, validate=validate)
    finally:
        if handoff is not None:
            handoff.cleanup()
    add_sources(assembly.quads, [(r.summary.sha256, [mi for mi, _, _ in r.summary.meetings], sources[r.path])
                                 for r in reads if r.path in sources])
    pruned = prune_cache(cache_dir) if cache_dir is not None else 0
    return BuildResult(assembly.quads, outcomes, assembly.identity_log, pruned, assembly.checks)  # every input's outcome, not only the built


__all__ = ["build", "assemble", "BuildResult", "DocumentOutcome", "fold", "date", "configured_bodies", "read_and_extract",
           "pipeline_version", "prune_cache", "Mention", "ReadDocument", "Summary", "Fragment", "HEAD_LABELS",
           "KEEP_IDENTITIES", "SEGMENTER_VERSION", "doc_iri", "graph_iri", "body_iri", "committee_iri",
           "dated_meeting_iri", "meeting_iri", "item_iri", "span_iri", "post_iri", "post_key", "entity_iri",
           "person_iri", "document_body"]
