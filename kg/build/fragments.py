"""Each document's share of the graph (`Fragment`), made from the document and the batch's
`_Context` alone, in worker processes and kept in the cache while what it was built from is
unchanged."""
from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.namespace import MKG

from kg.build import codec
from kg.build.cache import SUFFIX, _write_atomically, pipeline_version, read_entry
from kg.build.document import Fragment, _Builder, _Context
from kg.build.extract import ReadDocument, Summary
from kg.build.iris import person_iri
from kg.build.parallel import _reads_back, _run, _size, _spill


def _items_owners(summaries: list[Summary]) -> dict[URIRef, tuple[int, int, str]]:
    """For each meeting minuted with items, the first (document, meeting) that has them: a
    meeting read again from another document (re-published minutes, or minutes in an agenda
    pack and on their own) keeps the items of the first."""
    owners: dict[URIRef, tuple[int, int, str]] = {}
    for k, summary in enumerate(summaries):
        for index, (mi, has_items, _) in enumerate(summary.meetings):
            if has_items:
                owners.setdefault(mi, (k, index, summary.file_name))
    return owners


_BATCH: tuple | None = None  # (reads, context, cache files) of the batch being assembled, for the workers


def _fragments(reads: list[ReadDocument], context: _Context, workers: int, cache_dir: str | None,
               validate: bool = False) -> list[Fragment]:
    """Each document's fragment, from the cache or made in `workers` processes; with `validate`,
    each with its document's nodes checked against the shapes (`Fragment.checks`)."""
    global _BATCH
    version = f"{pipeline_version()}-{context.scheme_digest}"
    out: list[Fragment | None] = [None] * len(reads)
    files = {}
    for k, read in enumerate(reads):
        if cache_dir is None:
            continue
        sha = read.summary.sha256
        files[k] = Path(cache_dir) / sha[:2] / f"{sha}-{version}.graph{SUFFIX}"
        try:
            f = read_entry(files[k])
        except (OSError, codec.CacheEntryError):
            continue  # none yet, or refused: built again below
        if isinstance(f, Fragment) and f.still_fits(read.summary, context, k) and \
                (not validate or getattr(f, "checks", None) is not None):
            out[k] = f
    todo = [k for k, f in enumerate(out) if f is None]
    _BATCH = (reads, context, files, validate)
    handoff, child_job = None, None
    if workers > 1 and len(todo) > 1:
        handoff = tempfile.TemporaryDirectory(prefix="mkg-fragments-")
        child_job = partial(_fragment_of, folder=handoff.name)
    try:
        sizes = [_size(reads[k].path) for k in todo]
        results = _run(_fragment_of, todo, workers, sizes, pipeline=False, child_job=child_job)
        for k, f in zip(todo, _reads_back(results, handoff.name if handoff else None)):
            out[k] = f
    finally:
        _BATCH = None
        if handoff is not None:
            handoff.cleanup()
    return out


def _fragment_of(position: int, folder: str | None = None) -> Fragment | str:
    """One document's fragment, kept in the cache by whichever process made it. In a worker
    (`folder` given) it is handed back as a file's path (see `_spill`): the cache's file, or a
    new one of `folder`."""
    reads, context, files, validate = _BATCH
    read = reads[position]
    f = _Builder(context, position).document(read.doc, read.meetings, read.mentions)
    if validate:
        f.checks = _checks(f, context)
    if position not in files and folder is None:
        return f
    data = codec.dumps(f)
    if position in files:
        _write_atomically(files[position], data)
        return str(files[position]) if folder is not None else f
    return _spill(folder, data)


def _checks(f: Fragment, context: _Context) -> list[dict]:
    """The problems of the document's own nodes (see `kg.validate.validate_document`), with
    the types of the shared nodes its graph points at, as the batch's graph will give them."""
    from kg.validate import validate_document

    known = []
    posts = {key: iri for key, _, iri in f.posts}
    for op in f.shared:
        if op[0] == "entity":
            known.append((op[1], RDF.type, op[2]))
        elif op[0] == "person":
            known.append((person_iri(op[1]), RDF.type, MKG.Person))
        elif op[0] == "post" and op[1] in posts:
            known.append((posts[op[1]], RDF.type, MKG.Post))
        elif op[0] == "add" and op[1][1] == RDF.type:
            known.append(op[1])
    if f.decisions is not None and context.scheme is not None:
        for topic in sorted(f.decisions.topics):
            known.extend(context.scheme.concept_triples(topic))
    return validate_document(f.data, known)
