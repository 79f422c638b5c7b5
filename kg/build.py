"""Extracted records → an RDF dataset: the only place that mints IRIs.

One named graph per document holds what was read from it; a shared graph holds the
nodes that documents share (people, posts, organisations, services, committees) with
their labels. Every IRI is minted from content (a meeting from its committee and date,
a person from their identity key), so building the same inputs twice gives the same
graph, byte for byte once serialised.
"""
from __future__ import annotations

import gc
import hashlib
import importlib
import io
import os
import pickle
import json
import re
import tempfile
import tomllib
from collections import defaultdict
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
import functools
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.nt import _quote_encode

from kg import __version__
from kg.errors import IngestError
from kg.figures import precompute_figures
from kg.identity import PersonSighting, resolve_people
from kg.ingest import iter_inputs, read_document
from kg.models import AgendaItem, Document, Meeting, PersonRef, Report, Span
from kg.namespace import ID, MKG, OA, bind_prefixes
from kg.segment import segment
from kg.segment.body import body_key, body_of
from kg.store import Quads, _Forms, _nt
from kg.textutil import fold, slug, squash
from extractors.attending import held_post

SEGMENTER_VERSION = "2.0.0"
ROLE_REFERENCE = re.compile(r"\b[Tt]he\s+(Chairman|Chair|Director|Lead\s+Member)\b(?!\s+(?:of|for)\b)")
ENTITY_GRAPH = ID["graph/entities"]
BUILD_GRAPH = ID["graph/build"]
#: what the batch concludes across documents (follow-ups answered at later meetings, agenda-pack
#: reports considered by minuted items): it changes with any document, so it is not kept in theirs
LINKS_GRAPH = ID["graph/links"]
# made once: every span is written with them, and `OA.x` makes a new URIRef on each lookup
OA_SELECTOR, OA_START, OA_END = OA.TextPositionSelector, OA.start, OA.end
_SPAN, _START, _END, _IN_DOCUMENT = (f"<{t}>" for t in (MKG.span, OA_START, OA_END, MKG.inDocument))
_TYPE_SELECTOR = f"<{RDF.type}> <{OA_SELECTOR}>"


# ---------------------------------------------------------------- the build report

@dataclass
class DocumentOutcome:
    """What happened to one input: built (possibly with warnings), skipped or failed."""

    path: str
    status: str  # built | duplicate | failed
    reason: str | None = None
    message: str | None = None
    warnings: list[str] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None


@dataclass
class BuildResult:
    """The graph of a batch and the fate of every input.

    `quads` is the graph as N-Quads lines by named graph (`kg.store.Quads`): what is written
    out or loaded into a store; `dataset` is the same graph as an rdflib Dataset, made on
    first use."""

    quads: "Quads"
    outcomes: list[DocumentOutcome]
    identity_log: list[str]
    cache_pruned: int = 0  # cache files removed as stale (see `prune_cache`)

    @property
    def dataset(self) -> Dataset:
        return self.quads.dataset

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def save(self, path: str | Path) -> Path:
        """Write the graph to `path` (see `kg.store.Quads.save`)."""
        return self.quads.save(path)


# ---------------------------------------------------------------- IRIs

def doc_iri(doc: Document) -> URIRef:
    return ID[f"doc/{doc.sha256[:16]}"]


def graph_iri(doc: Document) -> URIRef:
    return ID[f"graph/{doc.sha256[:16]}"]


def body_iri(name: str) -> URIRef:
    return ID[f"body/{slug(body_key(name))}"]


def _within(body: str | None) -> str:
    """The part a body gives an IRI ("fenwater-district-council/"), "" when none is known."""
    return f"{slug(body_key(body))}/" if body else ""


def committee_iri(name: str, body: str | None = None) -> URIRef:
    return ID[f"committee/{_within(body)}{slug(name)}"]


def dated_meeting_iri(committee: str, when: date, body: str | None = None) -> URIRef:
    """The meeting of `committee` (of `body`) on the day `when`: two councils' Cabinets meeting
    on one day are two meetings."""
    return ID[f"meeting/{_within(body)}{slug(committee)}/{when.isoformat()}"]


def meeting_iri(meeting: Meeting, doc: Document, index: int) -> URIRef:
    if meeting.date and meeting.committee:
        return dated_meeting_iri(meeting.committee, meeting.date, meeting.body)
    # undated or unnamed: the document is all that identifies it
    return ID[f"meeting/undated/{doc.sha256[:16]}-{index}"]


def item_iri(m_iri: URIRef, item: AgendaItem) -> URIRef:
    if not item.number:
        return URIRef(f"{m_iri}/item/n{item.order}")
    number = item.number if re.fullmatch(r"[\w.\-]+", item.number) else slug(item.number)
    return URIRef(f"{m_iri}/item/{number}")


def span_iri(doc: Document, span: Span) -> URIRef:
    return ID[f"span/{doc.sha256[:16]}/{span.start}-{span.end}"]


def post_iri(label: str) -> URIRef:
    return ID[f"post/{slug(label, 90)}"]


def post_key(label: str) -> str:
    """What two spellings of one post share: "Director of Children and Families Service" and
    "Director of Children and Family Services" differ only in plurals, "&" or apostrophes."""
    words = re.sub(r"['’]s\b|['’]", "", label.lower().replace("&", " and ")).split()
    return " ".join(w[:-3] + "y" if w.endswith("ies") and len(w) > 4 else
                    w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
                    for w in (re.sub(r"\W", "", w) for w in words) if w)


def entity_iri(kind: str, label: str) -> URIRef:
    return ID[f"{kind}/{slug(label, 90)}"]


def person_iri(key: str) -> URIRef:
    return ID[f"person/{key}"]


# ---------------------------------------------------------------- entry points

@contextmanager
def _fewer_collections():
    """Run Python's cyclic garbage collector's passes less often while a batch is built.

    A build makes hundreds of thousands of long-lived objects (rdflib's indexes, the
    extracted records) and almost no cyclic garbage; at the default threshold (a young pass
    every 700 allocations, each tenth promoting into full passes over the whole heap) the
    collector took a fifth of the time of a 100-document build. Same output, same peak
    memory; the previous threshold is restored afterwards."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 10_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


@_fewer_collections()
def build(paths: Iterable[str | Path], *, progress: Callable[[str], None] | None = None,
          extract_entities: bool = True, max_bytes: int | None = None, workers: int = 1,
          cache_dir: str | Path | None = None, topics: str | Path | None = None,
          body: str | None = None, bodies: dict[str, str] | None = None) -> BuildResult:
    """Read, segment, extract and assemble every input into one dataset.

    Bad inputs never stop the batch: each is recorded in `outcomes` with its reason.
    `workers` > 1 reads, extracts and builds each document's graph in that many processes;
    the output is the same whatever the number. With `cache_dir`, what was extracted from a
    document is kept under its content hash, and so is its named graph, so a rebuild
    re-extracts and re-assembles only new or changed documents and those whose people or
    twice-minuted meetings the change touched; the passes across documents always run; what
    no build of this version can use again is then removed (`prune_cache`). `topics` is a Turtle topic
    scheme to use instead of the bundled ontology/topics.ttl.

    The council or body whose minutes each input is: `body` for every input, else the one
    `bodies` gives its file (see `configured_bodies`, which makes it from `paths` when it is
    None), else what the text names (`kg.segment.body.body_of`), else none."""
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
    job = partial(_read_input, bodies=_given_bodies(inputs, body, bodies), max_bytes=max_bytes,
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
            reads.append(read)
            built.append(outcome)
            outcomes.append(outcome)
        assembly = _assemble(reads, built, topics=str(topics) if topics else None, workers=workers,
                             cache_dir=cache_dir, entities=extract_entities)
    finally:
        if handoff is not None:
            handoff.cleanup()
    pruned = prune_cache(cache_dir) if cache_dir is not None else 0
    return BuildResult(assembly.quads, outcomes, assembly.identity_log, pruned)  # every input's outcome, not only the built


# ---------------------------------------------------------------- whose minutes

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


def _read_input(path, *, bodies: dict[str, str], **options) -> "ReadDocument":
    return read_and_extract(path, body=bodies.get(str(path)), **options)


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


@dataclass
class Summary:
    """What the steps across documents need of one: small, so that it is read back fast for
    every document of an archive while the content is read only for the documents whose
    graph is built again."""

    sha256: str
    file_name: str
    warnings: list[str]
    people: list[tuple[str, date | None, str | None, str | None]]  # (name as written, meeting date, role, body)
    meetings: list[tuple[URIRef, bool, list[str]]]  # (meeting IRI, has items, warnings)
    body: str | None = None  # the council or body whose minutes these are

    @classmethod
    def of(cls, doc: Document, meetings: list[Meeting], mentions: list["Mention"]) -> "Summary":
        people = [(ref.name, m.date, role, m.body) for m in meetings for ref, role in _people_of(m)]
        people += [(x.norm, None, "mentioned", x.meeting.body) for x in mentions if x.label == "PERSON"]
        return cls(doc.sha256, doc.file_name, list(doc.warnings), people,
                   [(meeting_iri(m, doc, k), bool(m.items), list(m.warnings)) for k, m in enumerate(meetings)],
                   document_body(meetings))


class ReadDocument:
    """One input after the per-document stages (ingest, segment, extract): what a worker
    process hands back. Served from the cache it holds only its `summary` until the content
    (`doc`, `meetings`, `mentions`) is asked for, and reads it then from `stored`."""

    def __init__(self, path: str, doc: Document | None, meetings: list[Meeting] | None = None,
                 mentions: list["Mention"] | None = None, *, error: tuple[str, str] | None = None,
                 summary: Summary | None = None, stored: str | None = None, options: dict | None = None):
        self.path = path
        self.error = error  # (reason, message) when the input failed
        self.stored = stored
        self.options = options or {}  # how it was read: to read it again if the cache entry is broken
        self.cached = stored is not None
        self._content = None if doc is None else (doc, meetings or [], mentions or [])
        if summary is None and doc is not None:
            summary = Summary.of(doc, meetings or [], mentions or [])
        self.summary = summary

    def without_content(self, folder: str) -> "ReadDocument":
        """This read as its summary alone, for a worker to hand back: the content stays in the
        cache's file, or goes to a new file of `folder`, and whichever process builds the
        document's graph reads it from there. The parent, which needs only the summaries, never
        unpickles it (300 documents: 0.6 s of its time, while the workers waited on it)."""
        if self._content is None:
            return self
        stored = self.stored or _spill(folder, self._content)
        return ReadDocument(self.path, None, summary=self.summary, stored=stored, options=self.options)

    def _load(self) -> tuple:
        if self._content is None:
            if self.stored is None:
                return None, [], []
            try:
                doc, meetings, mentions = pickle.loads(Path(self.stored).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
                # the summary was there but the content is gone or broken: read the input again
                read = read_and_extract(self.path, cache_dir=None, **self.options)
                if read.error is not None:
                    raise IngestError(self.path, read.error[0], read.error[1])
                _write_atomically(Path(self.stored), pickle.dumps((read.doc, read.meetings, read.mentions),
                                                                  protocol=pickle.HIGHEST_PROTOCOL))
                doc, meetings, mentions = read.doc, read.meetings, read.mentions
            doc.path, doc.file_name = self.path, Path(self.path).name
            self._content = (doc, meetings, mentions)
        return self._content

    @property
    def doc(self) -> Document | None:
        return self._load()[0]

    @property
    def meetings(self) -> list[Meeting]:
        return self._load()[1]

    @property
    def mentions(self) -> list["Mention"]:
        return self._load()[2]


def pipeline_version() -> str:
    """Everything that changes what a document's extraction gives: part of the cache key. The
    declared versions, and the bytes of the code and patterns that read and extract, so that a
    changed rule never serves a stale extraction even when nobody bumped a version."""
    from extractors import EXTRACTOR_VERSIONS

    parts = [f"kg={__version__}", f"segment={SEGMENTER_VERSION}"] + [f"{k}={v}" for k, v in sorted(EXTRACTOR_VERSIONS.items())]
    return hashlib.sha256((";".join(parts) + _code_digest()).encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    extractors_dir = here.parent / "extractors"
    files = [here / n for n in ("ingest.py", "textutil.py", "models.py", "build.py", "identity.py",
                                "figures.py", "decisions.py", "topics.py", "namespace.py", "store.py")]
    files += sorted((here / "segment").glob("*.py"))
    files += sorted(extractors_dir.glob("*.py")) + sorted((extractors_dir / "patterns").glob("*"))
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def read_and_extract(path: str | Path, *, max_bytes: int | None = None, extract_entities: bool = True,
                     cache_dir: str | None = None, body: str | None = None) -> ReadDocument:
    """The per-document stages for one input. Never raises for a bad input. `body` is the
    council or body whose minutes it is, as the user gave it (see `build`)."""
    cache_file = None
    if cache_dir:
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            digest = None
        if digest:
            # the extension too: it picks the reader (the same bytes as .md and as .txt read differently)
            suffix = slug(Path(path).suffix) or "none"
            given = hashlib.sha256(body_key(body).encode()).hexdigest()[:12] if body else "text"
            cache_file = (Path(cache_dir) / digest[:2]
                          / f"{digest}-{pipeline_version()}-{int(extract_entities)}-{suffix}-{given}.pickle")
            summary_file = cache_file.with_suffix(".summary.pickle")
            if cache_file.exists() and summary_file.exists():
                try:
                    summary = pickle.loads(summary_file.read_bytes())
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    summary = None
                if isinstance(summary, Summary):
                    summary.file_name = Path(path).name
                    return ReadDocument(str(path), None, summary=summary, stored=str(cache_file),
                                        options={"max_bytes": max_bytes, "extract_entities": extract_entities,
                                                 "body": body})
    try:
        doc = read_document(path, max_bytes=max_bytes) if max_bytes else read_document(path)
    except IngestError as err:
        return ReadDocument(str(path), None, error=(err.reason, str(err)))
    meetings = segment(doc)
    _settle_bodies(doc, meetings, body)
    mentions = _mentions(doc, meetings) if extract_entities else []
    precompute_figures(doc, meetings)  # in the workers, and kept in the cache
    read = ReadDocument(str(path), doc, meetings, mentions,
                        options={"max_bytes": max_bytes, "extract_entities": extract_entities, "body": body})
    if cache_file is not None:
        _write_atomically(cache_file, pickle.dumps((doc, meetings, mentions), protocol=pickle.HIGHEST_PROTOCOL))
        _write_atomically(cache_file.with_suffix(".summary.pickle"),
                          pickle.dumps(read.summary, protocol=pickle.HIGHEST_PROTOCOL))
        read.stored = str(cache_file)
    return read


def _spill(folder: str, obj) -> str:
    """`obj` pickled into a new file of `folder`; the file's path. Workers hand back what they
    made this way rather than through the pool's pipe: reading a file back costs the parent a
    third as much (300 documents' graphs, 96 MB: 0.25 s of its time against 0.65 s), time in
    which the workers wait on it."""
    fd, path = tempfile.mkstemp(suffix=".pickle", dir=folder)
    with os.fdopen(fd, "wb") as out:
        out.write(obj if isinstance(obj, bytes) else pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _summary_in(folder: str, job, path) -> "ReadDocument":
    """`job(path)` (`read_and_extract`) in a worker, handed back without its content (see
    `ReadDocument.without_content`)."""
    return job(path).without_content(folder)


def _reads_back(results, folder: str | None):
    """The results of `_run`, those a worker left in a file read back; the files of `folder`
    (the batch's hand-off folder, not the cache) removed once read."""
    for r in results:
        if isinstance(r, str):
            data = Path(r).read_bytes()
            if folder is not None and os.path.dirname(r) == folder:
                os.unlink(r)
            r = pickle.loads(data)
        yield r


def _run(job, inputs: list, workers: int, sizes: list[int] | None = None, pipeline: bool = True,
         child_job=None):
    """Apply `job` to every input and yield the results in order, in `workers` processes when
    more than one: this one and `workers` - 1 forked children, which run `child_job` (by
    default `job`; one that hands a big result back through a file, see `_spill`). Every
    process takes the next input from a shared counter, the biggest inputs (by `sizes`) first,
    so that no process is left with a long one at the end while the others wait.

    This process works too, rather than only collecting: what it makes needs no hand-off, and
    `workers` processes share `workers` cores instead of `workers` + 1 (a collector that woke
    for every result took CPU from the workers: 2 workers gave 1.6x, not the machine's 1.8-1.9x)."""
    if workers <= 1 or len(inputs) < 2:
        yield from map(job, inputs)
        return
    import multiprocessing

    from extractors import load_pipeline

    if pipeline:
        load_pipeline()  # once here, so that every forked child starts with it instead of building its own
    order = sorted(range(len(inputs)), key=lambda k: -sizes[k]) if sizes else list(range(len(inputs)))
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)
    done: dict[int, object] = {}
    children, live = [], {}
    # what the children inherit is kept out of the collector's passes: they would walk the whole
    # inherited heap, and touching it copies every page into each child
    frozen = gc.get_freeze_count() == 0  # leave alone what a caller froze itself
    if frozen:
        gc.freeze()
    try:
        for _ in range(min(workers, len(inputs)) - 1):
            ours, theirs = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(child_job or job, inputs, order, taken, theirs), daemon=True)
            child.start()
            theirs.close()
            children.append(child)
            live[ours] = child
        upto = 0
        while True:
            n = _take(taken)
            if n < len(order):
                done[order[n]] = job(inputs[order[n]])
            _collect(live, done, timeout=0 if n < len(order) else None)
            while upto in done:
                yield done.pop(upto)
                upto += 1
            if n >= len(order) and not live:
                break
        if upto < len(inputs):
            raise RuntimeError(f"{len(inputs) - upto} input(s) were not handed back by the worker processes")
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        for conn in live:
            conn.close()
        if frozen:
            gc.unfreeze()


def _take(taken) -> int:
    """The next place in the order of inputs, shared by every process of `_run`."""
    with taken.get_lock():
        n = taken.value
        taken.value = n + 1
    return n


def _child(job, inputs: list, order: list[int], taken, conn) -> None:
    """A forked child of `_run`: take inputs until none are left, send (index, result) for
    each, then None; an exception is sent to be raised in the parent."""
    try:
        while (n := _take(taken)) < len(order):
            conn.send((order[n], job(inputs[order[n]])))
        conn.send(None)
    except BaseException as err:  # noqa: BLE001 (handed to the parent, which raises it)
        try:
            conn.send(("raised", err))
        except Exception:  # noqa: BLE001 (the exception would not pickle)
            conn.send(("raised", RuntimeError(f"a worker process failed: {type(err).__name__}: {err}")))
    finally:
        conn.close()


def _collect(live: dict, done: dict[int, object], timeout: float | None) -> None:
    """Results the children of `_run` have sent, into `done`, waiting up to `timeout` (None:
    until one is ready); a child that has finished is dropped from `live`."""
    from multiprocessing.connection import wait

    for conn in wait(list(live), timeout):
        try:
            message = conn.recv()
        except EOFError:
            child = live.pop(conn)
            child.join()
            raise RuntimeError(f"a worker process stopped unexpectedly (exit code {child.exitcode})") from None
        if message is None:
            live.pop(conn).join()
            conn.close()
        elif message[0] == "raised":
            raise message[1]
        else:
            done[message[0]] = message[1]


def _size(path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# ---------------------------------------------------------------- assembling

def assemble(docs: list[tuple[Document, list[Meeting], DocumentOutcome, list["Mention"]]],
             topics: str | None = None, *, workers: int = 1, cache_dir: str | Path | None = None) -> BuildResult:
    """The graph of a batch of documents already read (see `_assemble`)."""
    for doc, meetings, _, _ in docs:
        _settle_bodies(doc, meetings, None)
    reads = [ReadDocument(doc.path, doc, meetings, mentions) for doc, meetings, _, mentions in docs]
    return _assemble(reads, [outcome for _, _, outcome, _ in docs], topics, workers=workers, cache_dir=cache_dir)


@_fewer_collections()
def _assemble(reads: list[ReadDocument], outcomes: list[DocumentOutcome], topics: str | None = None, *,
              workers: int = 1, cache_dir: str | Path | None = None, entities: bool = True) -> BuildResult:
    """The graph of a batch, in two steps.

    First what needs every document: one identity for every person named anywhere, and which
    document a meeting minuted twice has its items read from. Then each document's named
    graph on its own (in `workers` processes; with `cache_dir`, kept under its content hash
    and used again while what it was built from is unchanged), and last the passes across
    documents: the graph of shared nodes, follow-ups answered later, the build's provenance."""
    from extractors import EXTRACTOR_VERSIONS

    summaries = [read.summary for read in reads]
    sightings = [PersonSighting(name, s.file_name, when, role, body)
                 for s in summaries for name, when, role, body in s.people]
    identity = _identity(sightings, str(cache_dir) if cache_dir else None)
    decisions = _decisions()
    scheme = None
    if decisions is not None:
        from kg.topics import load_scheme

        scheme = load_scheme(str(topics) if topics else None)
    context = _Context(identity, _items_owners(summaries), scheme,
                       f"{scheme.digest if scheme is not None else 'none'}-{int(entities)}")
    fragments = _fragments(reads, context, workers, str(cache_dir) if cache_dir else None)

    forms = _Forms(_nt).of
    shared = _Shared(identity, forms)
    canon: dict[str, tuple[str, URIRef]] = {}
    for f in fragments:  # a post spelled two ways is named as the batch first named it
        for key, norm, iri in f.posts:
            canon.setdefault(key, (norm, iri))
    graphs: dict[URIRef, bytes] = {}
    claimed: set[str] = set()
    for k, (summary, outcome, f) in enumerate(zip(summaries, outcomes, fragments)):
        renamed = _renamed_posts(f, canon, forms)
        if renamed is None:
            # two spellings this document wrote as one IRI are two posts of the batch: write it
            # again naming each post as the batch does (rare, and not cached: it depends on canon)
            f = fragments[k] = _Builder(context, k, canon).document(reads[k].doc, reads[k].meetings, reads[k].mentions)
            renamed = {}
        data = f.data
        dropped = {line for key, line in f.once if key in claimed}
        claimed.update(key for key, _ in f.once)
        if renamed or dropped:
            rename = _renamer(renamed)
            lines = {rename(line) for line in data.decode("utf-8").splitlines() if line not in dropped}
            data = _block(lines)
        graphs[f.graph] = data
        shared.replay(f.shared, canon)
        for _, _, warnings in summary.meetings:
            outcome.warnings.extend(warnings)
        outcome.warnings.extend(f.notes)
        outcome.found = dict(f.found)
    shared.finish_people()
    versions = dict(EXTRACTOR_VERSIONS)
    if decisions is not None:
        links = _Lines(LINKS_GRAPH, forms)
        decisions.add_batch(shared, links, [f.decisions for f in fragments], scheme)
        versions["kg.decisions"] = decisions.VERSION
        graphs[LINKS_GRAPH] = _block(links.lines)
    graphs[ENTITY_GRAPH] = _block(shared.out.lines)
    graphs[BUILD_GRAPH] = _block(_build_activity([x.sha256 for x in summaries], versions, forms).lines)
    return BuildResult(Quads({forms(iri): data for iri, data in graphs.items() if data}), outcomes,
                       list(identity.log))


def _block(lines) -> bytes:
    """A graph's lines as `kg.store.Quads` keeps them: sorted, each ending in a newline, UTF-8."""
    return "".join(line + "\n" for line in sorted(lines)).encode("utf-8")


def _identity(sightings: list[PersonSighting], cache_dir: str | None):
    """`resolve_people(sightings)` (documents of no known body read apart unless they name the
    same people, see `kg.identity`), kept in `cache_dir` under a digest of the sightings: a
    rebuild after an edit that named nobody new finds the same people without working them out."""
    if cache_dir is None:
        return resolve_people(sightings, unknown="linked")
    digest = hashlib.sha256(f"{pipeline_version()}{sightings!r}".encode()).hexdigest()
    path = Path(cache_dir) / "identity" / f"{digest}.pickle"
    try:
        identity = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    else:
        with suppress(OSError):
            os.utime(path)  # last used now: `prune_cache` keeps the latest few
        return identity
    identity = resolve_people(sightings, unknown="linked")
    _write_atomically(path, pickle.dumps(identity, protocol=pickle.HIGHEST_PROTOCOL))
    return identity


KEEP_IDENTITIES = 8  # people resolutions kept: one per distinct set of names a batch had


def prune_cache(cache_dir: str | Path) -> int:
    """Remove from `cache_dir` what no build of this version can use again, and return how
    many files went: the entries another version of the pipeline wrote (each entry's name
    carries the version, see `pipeline_version`; every upgrade or changed rule would
    otherwise leave a full copy behind), and all but the `KEEP_IDENTITIES` most recently
    used people resolutions. Entries of documents that are no longer in the batch stay: one
    cache may serve several folders (`.kg-cache` beside outputs that share a folder)."""
    root = Path(cache_dir)
    version = pipeline_version()
    removed = 0
    for sub in sorted(root.glob("[0-9a-f][0-9a-f]")):
        for entry in sorted(sub.glob("*.pickle")):
            parts = entry.name.split("-")
            if len(parts) >= 3 and len(parts[0]) == 64 and parts[1] != version:
                removed += _remove(entry)
    identities = sorted(root.glob("identity/*.pickle"), key=_last_used, reverse=True)
    for entry in identities[KEEP_IDENTITIES:]:
        removed += _remove(entry)
    return removed


def _last_used(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except OSError:  # gone already (another build pruning), or not ours to remove
        return 0
    return 1


def _decisions():
    """kg.decisions, or None in a build without it."""
    try:
        return importlib.import_module("kg.decisions")
    except ModuleNotFoundError as err:
        if err.name != "kg.decisions":
            raise
        return None


def _renamed_posts(f: "Fragment", canon: dict[str, tuple[str, URIRef]], forms) -> dict[str, str] | None:
    """How the post IRIs `f` wrote become the batch's (N-Triples forms, old to new), or None
    when one IRI it wrote stands for posts the batch names differently (two spellings whose
    keys differ but whose slugs do not, e.g. "Finance & Resources", "Finance, Resources")."""
    targets: dict[URIRef, set[URIRef]] = defaultdict(set)
    for key, _, iri in f.posts:
        targets[iri].add(canon[key][1])
    if any(len(t) > 1 for t in targets.values()):
        return None
    return {forms(iri): forms(next(iter(t))) for iri, t in targets.items() if next(iter(t)) != iri}


def _resolution_keys(resolutions: list) -> list[tuple[int, object, str]]:
    """Each resolution of an item with the last part of its IRI: its clause label, or its place
    when it has none; one that another already took ("That:" before "(1)", a second "a)" in a
    second RESOLVED) gets "-2", "-3" after it."""
    out, taken = [], set()
    for k, res in enumerate(resolutions):
        key = base = str(res.label or k + 1)
        n = 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        out.append((k, res, key))
    return out


def _renamer(renamed: dict[str, str]) -> Callable[[str], str]:
    """A function giving a line with every IRI of `renamed` replaced, in one pass (so that
    renamings do not chain)."""
    if not renamed:
        return lambda line: line
    pattern = re.compile("|".join(re.escape(old) for old in sorted(renamed, key=len, reverse=True)))
    return lambda line: pattern.sub(lambda m: renamed[m.group(0)], line)


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


@dataclass
class _Context:
    """What a document's graph depends on besides the document: the batch's identities, which
    document each meeting's items are read from, and the topic scheme."""

    identity: object
    owners: dict[URIRef, tuple[int, int, str]]
    scheme: object
    scheme_digest: str  # the topic scheme's, and whether entities were extracted: part of the cache key


@dataclass
class Fragment:
    """One document's share of the graph, made from the document and the `_Context` alone.

    `data` is its named graph (sorted N-Quads lines, as `kg.store.Quads` keeps them). What the batch settles afterwards is
    kept beside it: `once` (single-valued facts of a meeting, which the first document to
    give one keeps), `posts` (each post's key, label and IRI as this document first named it;
    the batch keeps the first), `shared` (what it says of shared nodes, in order) and
    `decisions` (for follow-up matching). `people` and `items_read_from` are the answers it
    got from the context: a cached fragment serves while they stay the same."""

    graph: URIRef
    file_name: str
    data: bytes
    once: list[tuple[str, str]]
    posts: list[tuple[str, str, URIRef]]
    shared: list[tuple]
    decisions: object
    found: dict[str, int]
    notes: list[str]
    people: dict[tuple[str | None, str], str | None]  # (body, name as written) -> person key
    items_read_from: dict[URIRef, str | None]

    def still_fits(self, summary: Summary, context: _Context, position: int) -> bool:
        return (self.file_name == summary.file_name
                and all(context.identity.key(name, body, self.file_name) == key
                        for (body, name), key in self.people.items())
                and all(_read_from(context, mi, position, index) == owner
                        for (mi, index), owner in self.items_read_from.items()))


def _read_from(context: _Context, mi: URIRef, position: int, index: int) -> str | None:
    """The file the items of meeting `mi` (the `index`th of document `position`) were read
    from, or None when they are read from this one."""
    owner = context.owners.get(mi)
    if owner is None or owner[:2] == (position, index):
        return None
    return owner[2]


_BATCH: tuple | None = None  # (reads, context, cache files) of the batch being assembled, for the workers


def _fragments(reads: list[ReadDocument], context: _Context, workers: int, cache_dir: str | None) -> list[Fragment]:
    global _BATCH
    version = f"{pipeline_version()}-{context.scheme_digest}"
    out: list[Fragment | None] = [None] * len(reads)
    files = {}
    for k, read in enumerate(reads):
        if cache_dir is None:
            continue
        sha = read.summary.sha256
        files[k] = Path(cache_dir) / sha[:2] / f"{sha}-{version}.graph.pickle"
        try:
            f = pickle.loads(files[k].read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            continue
        if isinstance(f, Fragment) and f.still_fits(read.summary, context, k):
            out[k] = f
    todo = [k for k, f in enumerate(out) if f is None]
    _BATCH = (reads, context, files)
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
    reads, context, files = _BATCH
    read = reads[position]
    f = _Builder(context, position).document(read.doc, read.meetings, read.mentions)
    if position not in files and folder is None:
        return f
    data = _dumps(f)
    if position in files:
        _write_atomically(files[position], data)
        return str(files[position]) if folder is not None else f
    return _spill(folder, data)


def _iri(value: str) -> URIRef:
    """An IRI read back from a pickle: it was checked when first made, and `URIRef()` would
    check it again (a rebuild from the cache reads ~45 IRIs per document, 0.14 s per 1,000)."""
    return str.__new__(URIRef, value)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if type(obj) is URIRef:  # noqa: E721 (a subclass keeps its own reduction)
            return _iri, (str(obj),)
        return NotImplemented


def _dumps(obj) -> bytes:
    """`pickle.dumps`, with IRIs read back by `_iri`."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _people_of(m: Meeting):
    a = m.attendance
    for ref in a.present + a.in_attendance + a.apologies + a.substitutes + a.contacts:
        yield ref, ref.role
    for item in m.items:
        for q in item.questions:
            if q.asker:
                yield q.asker, "public"
            if q.answerer and _is_personal_name(q.answerer.name):
                yield q.answerer, "member"
        for d in item.declarations:
            if d.by:
                yield d.by, "member"
    for r in m.reports:
        for c in r.contacts:
            yield c, "officer"


def _is_personal_name(name: str) -> bool:
    return not re.match(r"(?:the\s+)?(?:Director|Head|Chief|Lead|Assistant|Chair)", name, re.IGNORECASE)


@dataclass
class Mention:
    """One place an extractor found an entity, in document coordinates."""

    label: str
    norm: str
    surface: str
    start: int
    end: int
    item: AgendaItem | None
    meeting: Meeting
    wikidata: str | None = None
    report: Report | None = None
    holds: "Mention | None" = None  # for a PERSON: the POST the text names them as holding


def _mentions(doc: Document, meetings: list[Meeting]) -> list[Mention]:
    """Run the extractor pipeline over every item and every pack report."""
    from extractors import load_pipeline
    from extractors.mentions import make_doc

    nlp = load_pipeline()
    jobs: list[tuple[int, int, Meeting, AgendaItem | None, Report | None]] = []
    heads: set[int] = set()
    for m in meetings:
        start = _attendance_start(doc.text, m)
        if start is not None:
            # the attendance lists at the head of the minutes ("Ann Bell - Fenwater Partners LLP",
            # "Ann Bell, Director, Social Development"): their bodies and services, told by the first item
            heads.add(len(jobs))
            jobs.append((start, m.items[0].span.start, m, m.items[0], None))
        for item in m.items:
            jobs.append((item.span.start, item.span.end, m, item, None))
        for k, r in enumerate(m.reports):
            r_end = m.reports[k + 1].span.start if k + 1 < len(m.reports) else m.span.end
            jobs.append((r.span.start, max(r_end, r.span.end), m, None, r))
    jobs = [part for k, job in enumerate(jobs) for part in _pieces(doc.text, (*job, k in heads), nlp.max_length)]
    out = []
    texts = [_LONG_RUN.sub(_break_run, doc.text[s:e]) for s, e, *_ in jobs]
    sdocs = nlp.pipe((_with_body(make_doc(nlp, text), job[2].body) for text, job in zip(texts, jobs)), batch_size=32)
    for (s, _, m, item, report, head), sdoc in zip(jobs, sdocs):
        found = {}
        for span in sdoc.spans.get("mkg_mentions", []):
            if head and span.label_ not in HEAD_LABELS:
                continue  # its people and posts are the attendance lists'
            norm = span._.mkg_norm or squash(span.text)
            mention = Mention(span.label_, norm, squash(span.text), s + span.start_char, s + span.end_char,
                              item, m, span._.mkg_wikidata, report)
            found[(span.start_char, span.end_char)] = mention
            out.append(mention)
        for person, post in sdoc._.mkg_holders:
            p = found.get((person.start_char, person.end_char))
            q = found.get((post.start_char, post.end_char))
            if p is not None and q is not None:
                p.holds = q
    return out


#: what the head of the minutes names that its attendance lists do not already say
HEAD_LABELS = frozenset({"ORG", "SERVICE"})


def _attendance_start(text: str, m: Meeting) -> int | None:
    """Where the attendance lists before the meeting's first item begin: the start of the line
    of the first person they name (None when no one is named before the first item)."""
    if not m.items:
        return None
    a, first = m.attendance, m.items[0].span.start
    refs = a.present + a.in_attendance + a.apologies + a.substitutes + ([a.chair] if a.chair else [])
    starts = [r.span.start for r in refs if m.span.start <= r.span.start < first]
    if not starts:
        return None
    return max(text.rfind("\n", 0, min(starts)) + 1, m.span.start)


def _with_body(sdoc, body: str | None):
    """`sdoc` knowing whose minutes it is read from (`mkg_body`: the organisations extractor
    does not take the home council for an outside organisation)."""
    if body:
        sdoc.user_data["mkg_body"] = body
    return sdoc


_LONG_RUN = re.compile(r"\S{200,}")


def _break_run(m: re.Match) -> str:
    """A run of 200+ characters with no space (a URL, a table rule, garbage) with every 100th
    character a space: spaCy's tokenizer takes quadratic time on one very long token, and no
    name is written without spaces. Same length, so every offset stays true."""
    run = m.group(0)
    return "".join(ch if (k + 1) % 100 else " " for k, ch in enumerate(run))


def _pieces(text: str, job: tuple, limit: int):
    """`job` as it is, or, when its text is longer than the pipeline takes (spaCy's
    `max_length`), cut at line ends (else spaces) into pieces that are not."""
    s, e, *rest = job
    while e - s > limit:
        cut = text.rfind("\n", s + 1, s + limit)
        if cut <= s:
            cut = text.rfind(" ", s + 1, s + limit)
        if cut <= s:
            cut = s + limit
        yield (s, cut, *rest)
        s = cut
    yield (s, e, *rest)


def _integer(n: int) -> str:
    """A character offset as N-Triples writes `Literal(n)`, without making the Literal (a
    build writes two for every third triple)."""
    if type(n) is not int:  # noqa: E721 (True == 1, yet Literal(True) is a boolean)
        return _nt(Literal(n))
    return f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'


class _Lines:
    """A named graph being written: each triple goes straight to its N-Quads line."""

    def __init__(self, iri: URIRef, forms: Callable[[object], str]):
        self.iri = iri
        self.nt = forms
        self.end = f" {forms(iri)} ."
        self.lines: set[str] = set()

    def add(self, triple) -> "_Lines":
        s, p, o = triple
        nt = self.nt
        self.lines.add(f"{nt(s)} {nt(p)} {nt(o)}{self.end}")
        return self

    def add_text(self, s: URIRef, p: URIRef, text: str) -> None:
        """`add((s, p, Literal(text)))`, without making the Literal."""
        nt = self.nt
        self.lines.add(f"{nt(s)} {nt(p)} {_quote_encode(text)}{self.end}")  # as _quoteLiteral writes it


class _Said(list):
    """What a document says of shared nodes, kept in order for `_Shared.replay`."""

    def add(self, triple) -> None:
        self.append(("add", triple))


class _Builder:
    """Writes one document's named graph (see `Fragment`)."""

    def __init__(self, context: _Context | None = None, position: int = 0,
                 posts: dict[str, tuple[str, URIRef]] | None = None):
        self.context = context
        self.position = position
        self.preset = posts or {}  # post key -> the label and IRI to use (the batch's)
        self.identity = context.identity if context else None
        self.forms = _Forms(_nt).of
        self.shared = _Said()
        self.labelled: set[URIRef] = set()
        self.meeting_iris: dict[int, URIRef] = {}
        self.item_iris: dict[int, URIRef] = {}
        self.report_iris: dict[int, URIRef] = {}
        self.resolution_iris: dict[int, URIRef] = {}
        self.follow_up_iris: dict[int, URIRef] = {}
        self.role_holders: dict[URIRef, URIRef | None] = {}
        self.items_here: set[URIRef] = set()  # meetings whose items this document gave
        self.declared: list[tuple[Span, URIRef]] = []  # declarations of interest and their IRIs
        self.notes: list[str] = []
        self.reports_minted: dict[URIRef, int] = defaultdict(int)  # report IRI -> times minted
        self.posts: dict[str, tuple[str, URIRef]] = {}  # a post as written -> its label and IRI
        self.post_variants: dict[str, tuple[str, URIRef]] = {}  # post_key -> the first label and IRI minted
        self.once: dict[str, str] = {}  # subject and predicate -> the line giving their one value
        self.people: dict[tuple[str | None, str], str | None] = {}
        self.body: str | None = None  # the body of the meeting being written: scopes people and committees
        self.doc_name: str | None = None  # the file being written: scopes people when no body is known
        self.committee_bodies: dict[str, str | None] = {}  # a committee's name -> the body of its meeting
        self.items_read_from: dict[tuple[URIRef, int], str | None] = {}
        self.bodies_named: set[str] = set()  # the organisations the document's mentions name
        self.g: _Lines | None = None
        self.graph_iri: URIRef | None = None

    def document(self, doc: Document, meetings: list[Meeting], mentions: list[Mention]) -> Fragment:
        """The fragment of `doc`: its named graph and what the batch settles afterwards."""
        self.graph_iri = graph_iri(doc)
        self.g = _Lines(self.graph_iri, self.forms)
        found = self.add_document(doc, meetings, mentions)
        found_decisions = None
        if self.context is not None and self.context.scheme is not None:  # a scheme only when kg.decisions is there
            found_decisions = _decisions().add_document(self, doc, meetings, self.context.scheme)
        posts = [(key, norm, iri) for key, (norm, iri) in self.post_variants.items()]
        return Fragment(self.graph_iri, doc.file_name, _block(self.g.lines), sorted(self.once.items()), posts,
                        list(dict.fromkeys(self.shared)), found_decisions, found, self.notes, self.people, self.items_read_from)

    # -- what later stages (kg.decisions) use to add to the same graph ------

    def graph_of(self, doc: Document) -> _Lines:
        """The named graph holding what was read from `doc` (the one this builder writes)."""
        return self.g

    def meeting_iri_of(self, meeting: Meeting) -> URIRef:
        return self.meeting_iris[id(meeting)]

    def item_iri_of(self, item: AgendaItem) -> URIRef | None:
        """None for an item not added: its meeting's items were read from another document."""
        return self.item_iris.get(id(item))

    def report_iri_of(self, report: Report) -> URIRef | None:
        return self.report_iris.get(id(report))

    def resolution_iri_of(self, resolution) -> URIRef | None:
        return self.resolution_iris.get(id(resolution))

    def follow_up_iri_of(self, follow_up) -> URIRef | None:
        return self.follow_up_iris.get(id(follow_up))

    def add_span(self, g, doc: Document, subject: URIRef, span: Span) -> None:
        """Link `subject` to the characters of `doc` it was read from."""
        self._span(g, doc, doc_iri(doc), subject, span)

    # -- shared nodes: said here, put together by `_Shared` ------------------

    def _entity(self, iri: URIRef, cls: URIRef, label: str, surface: str | None = None) -> URIRef:
        self.shared.append(("entity", iri, cls, label, surface))
        return iri

    def committee(self, name: str, surface: str | None = None) -> URIRef:
        """The committee `name` of the body of the meeting being written (of the meeting it
        chaired, when a later stage asks for a meeting's committee)."""
        body = self.committee_bodies.get(name, self.body)
        iri = self._entity(committee_iri(name, body), MKG.Committee, name, surface)
        if body:
            self.shared.add((iri, MKG.body, self.public_body(body)))
        return iri

    def public_body(self, name: str) -> URIRef:
        """The council or public body `name` (as a node of its own)."""
        return self._entity(body_iri(name), MKG.PublicBody, name)

    def post(self, label: str, surface: str | None = None) -> URIRef:
        known = self.posts.get(label)
        if known is None:  # the same few posts are named again and again
            from extractors.names import normalise_post

            norm = normalise_post(label) or squash(label)
            key = post_key(norm)
            named = self.preset.get(key) or (norm, post_iri(norm))
            known = self.posts[label] = (key, self.post_variants.setdefault(key, named)[1])
        key, iri = known
        self.shared.append(("post", key, surface or label))
        return iri

    def person(self, ref_name: str, role: str | None = None) -> URIRef | None:
        """The person `ref_name` names in the minutes of the body of the meeting being written."""
        key = self.identity.key(ref_name, self.body, self.doc_name) if self.identity else None
        self.people[(self.body, ref_name)] = key
        if key is None:
            return None
        self.shared.append(("person", key, ref_name, role))
        return person_iri(key)

    def _role_references(self, g, doc: Document, d: URIRef, m: Meeting, ii: URIRef, item: AgendaItem) -> None:
        """"the Chairman" is this meeting's chair; "the Director" and "the Lead Member" are the post
        the meeting knows by that role (the author of the item's report, the Lead Member in
        attendance) when exactly one fits. Each becomes a mention with its span."""
        known: dict[str, tuple[str, URIRef]] = {}
        if m.attendance.chair:
            chair = self.person(m.attendance.chair.name, "member")
            if chair is not None:
                known["chairman"] = known["chair"] = ("person", chair)
        directors = {a for r in item.reports for a in r.authors if a.startswith("Director")}
        if len(directors) == 1:
            known["director"] = ("post", self.post(directors.pop()))
        leads = {(ref.post, ref.name) for ref in m.attendance.in_attendance
                 if ref.post and re.match(r"(?:Cabinet\s+)?Lead Member\b", ref.post)}
        if len(leads) == 1:
            post, name = leads.pop()
            known["lead member"] = ("post", self.post(post))
            self.role_holders[known["lead member"][1]] = self.person(name, "member")
        if not known:
            return
        for hit in ROLE_REFERENCE.finditer(doc.text, item.span.start, item.span.end):
            role = re.sub(r"\s+", " ", hit.group(1).lower())
            if role not in known:
                continue
            _, target = known[role]
            g.add((ii, MKG.mentions, target))
            holder = self.role_holders.get(target)
            if holder is not None:
                g.add((ii, MKG.mentions, holder))
            mi = ID[f"mention/{doc.sha256[:16]}/{hit.start()}-{hit.end()}"]
            g.add((mi, RDF.type, MKG.Mention))
            g.add((ii, MKG.mention, mi))
            g.add((mi, MKG.refersTo, target))
            g.add((mi, MKG.surfaceForm, Literal(squash(hit.group(0)))))
            g.add((mi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, mi, Span(hit.start(), hit.end()))

    # -- one document ------------------------------------------------------

    def add_document(self, doc: Document, meetings: list[Meeting], mentions: list[Mention]) -> dict[str, int]:
        """Write what was read from `doc`; how many of each kind of thing were found."""
        g = self.g
        d = doc_iri(doc)
        g.add((d, RDF.type, MKG.Document))
        g.add((d, RDFS.label, Literal(doc.file_name)))
        g.add((d, MKG.fileName, Literal(doc.file_name)))
        g.add((d, MKG.sha256, Literal(doc.sha256)))
        g.add((d, MKG.format, Literal(doc.fmt)))
        g.add((graph_iri(doc), PROV.wasDerivedFrom, d))
        self.doc_name = doc.file_name
        body = document_body(meetings)
        if body:
            g.add((d, MKG.body, self.public_body(body)))
        found = defaultdict(int)
        self.bodies_named = {x.norm for x in mentions if x.label == "ORG"}
        for index, m in enumerate(meetings):
            self._meeting(g, doc, d, m, index, found)
        for mention in mentions:
            self.body = mention.meeting.body
            target = self._mention(g, doc, d, mention, meetings, found)
            if target is not None and mention.label == "ORG":
                for span, di in self.declared:  # "declared an interest ... as a governor of X": the interest is in X
                    if span.start <= mention.start and mention.end <= span.end:
                        g.add((di, MKG.interestIn, target))
        return dict(sorted(found.items()))

    def _span(self, g: _Lines, doc: Document, d: URIRef, subject: URIRef, span: Span) -> None:
        """The five triples of a span, written as lines at once: a build has one for every
        third triple, and making their terms cost more than the rest of the document."""
        nt, end = self.forms, g.end
        s = nt(span_iri(doc, span))
        g.lines.update((f"{nt(subject)} {_SPAN} {s}{end}", f"{s} {_TYPE_SELECTOR}{end}",
                        f"{s} {_START} {_integer(span.start)}{end}",
                        f"{s} {_END} {_integer(span.end)}{end}", f"{s} {_IN_DOCUMENT} {nt(d)}{end}"))

    def _meeting(self, g: Graph, doc: Document, d: URIRef, m: Meeting, index: int, found) -> None:
        mi = meeting_iri(m, doc, index)
        self.meeting_iris[id(m)] = mi
        self.body = m.body
        if m.committee:
            self.committee_bodies[m.committee] = m.body
        found["meetings"] += 1
        g.add((mi, RDF.type, MKG.Meeting))
        g.add((mi, PROV.wasDerivedFrom, d))
        if m.body:
            g.add((mi, MKG.body, self.public_body(m.body)))
        label = " ".join(x for x in [m.committee or "Meeting", m.date.strftime("%-d %B %Y") if m.date else "(undated)"])
        once = partial(self._once, g)
        once(mi, RDFS.label, Literal(label))
        self._span(g, doc, d, mi, m.span)
        if m.committee:
            g.add((mi, MKG.committee, self.committee(m.committee)))
        if m.date:
            g.add((mi, MKG.date, Literal(m.date.isoformat(), datatype=XSD.date)))
        if m.venue:
            once(mi, MKG.venue, Literal(m.venue))
        if m.start_time:
            once(mi, MKG.startTime, Literal(m.start_time.isoformat(), datatype=XSD.time))
        if m.end_time:
            once(mi, MKG.endTime, Literal(m.end_time.isoformat(), datatype=XSD.time))
        if m.next_meeting:
            once(mi, MKG.nextMeetingDate, Literal(m.next_meeting.isoformat(), datatype=XSD.date))
        if m.previous_meeting:
            once(mi, MKG.previousMeetingDate, Literal(m.previous_meeting.isoformat(), datatype=XSD.date))
            if m.committee:
                prev = dated_meeting_iri(m.committee, m.previous_meeting, m.body)
                g.add((mi, MKG.confirmsMinutesOf, prev))
        a = m.attendance
        for prop, refs in [(MKG.present, a.present), (MKG.inAttendance, a.in_attendance),
                           (MKG.apology, a.apologies), (MKG.substitute, a.substitutes),
                           (MKG.contactOfficer, a.contacts)]:
            for ref in refs:
                p = self.person(ref.name, ref.role)
                if p is None:
                    continue
                g.add((mi, prop, p))
                found["attendance"] += 1
                if m.committee and prop in (MKG.present, MKG.substitute):
                    g.add((p, MKG.memberOf, self.committee(m.committee)))
                held = held_post(ref.post, self.bodies_named) if ref.post else None
                if held:
                    g.add((self.post(held), MKG.heldBy, p))
        if a.chair:
            p = self.person(a.chair.name, "member")
            if p is not None:
                once(mi, MKG.chair, p)
        if m.items:
            # the same meeting minuted again (re-published, or minutes in an agenda pack and on
            # their own): its items are read from the first document of the batch that has them
            if self.context is not None:
                earlier = self.items_read_from[(mi, index)] = _read_from(self.context, mi, self.position, index)
            else:
                earlier = doc.file_name if mi in self.items_here else None
            if earlier is not None:
                self.notes.append(f"{label}: its items were already read from {earlier}; this document's items "
                                  "were not added again")
                return self._reports_only(g, doc, d, m, mi, found)
            self.items_here.add(mi)
        for item in m.items:
            self._item(g, doc, d, m, mi, item, found)
        for report in m.reports:
            self._report(g, doc, d, m, mi, None, report, found)

    def _reports_only(self, g, doc, d, m: Meeting, mi: URIRef, found) -> None:
        for report in m.reports:
            self._report(g, doc, d, m, mi, None, report, found)

    def _once(self, g: _Lines, s: URIRef, p: URIRef, o) -> None:
        """A single-valued fact of a meeting: the first document (and meeting) of the batch to
        give one keeps it (`assemble` drops the others)."""
        key = f"{self.forms(s)} {self.forms(p)}"
        if key not in self.once:
            line = self.once[key] = f"{key} {self.forms(o)}{g.end}"
            g.lines.add(line)

    def _item(self, g, doc, d, m: Meeting, mi: URIRef, item: AgendaItem, found) -> None:
        ii = item_iri(mi, item)
        self.item_iris[id(item)] = ii
        found["items"] += 1
        g.add((ii, RDF.type, MKG.AgendaItem))
        g.add((mi, MKG.item, ii))
        g.add((ii, RDFS.label, Literal(item.title)))
        g.add((ii, PROV.wasDerivedFrom, d))
        g.add((ii, MKG.order, Literal(item.order)))
        if item.number:
            g.add((ii, MKG.minuteNumber, Literal(item.number)))
        self._span(g, doc, d, ii, item.span)
        self._role_references(g, doc, d, m, ii, item)
        for k, res, key in _resolution_keys(item.resolutions):
            ri = URIRef(f"{ii}/resolution/{key}")
            self.resolution_iris[id(res)] = ri
            found["resolutions"] += 1
            g.add((ri, RDF.type, MKG.Resolution))
            g.add((ii, MKG.resolved, ri))
            g.add((ri, MKG.text, Literal(res.text)))
            g.add((ri, RDFS.label, Literal(_short(res.text))))
            g.add((ri, PROV.wasDerivedFrom, d))
            if res.label:
                g.add((ri, MKG.label, Literal(res.label)))
            self._span(g, doc, d, ri, res.span)
        for report in item.reports:
            self._report(g, doc, d, m, mi, ii, report, found)
        for k, q in enumerate(item.questions):
            qi = URIRef(f"{ii}/question/{k + 1}")
            found["questions"] += 1
            g.add((qi, RDF.type, MKG.PublicQuestion))
            g.add((ii, MKG.question, qi))
            g.add((qi, RDFS.label, Literal(("Supplementary question" if q.supplementary else "Question")
                                           + (f" of {q.asker.name}" if q.asker else ""))))
            g.add((qi, MKG.text, Literal(q.text)))
            g.add((qi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, qi, q.span)
            if q.asker:
                p = self.person(q.asker.name, "public")
                if p is not None:
                    g.add((qi, MKG.askedBy, p))
            if q.answerer:
                if _is_personal_name(q.answerer.name):
                    p = self.person(q.answerer.name, None)
                else:
                    p = self.post(q.answerer.name)
                if p is not None:
                    g.add((qi, MKG.answeredBy, p))
            if q.supplementary and k > 0:
                prev = next((j for j in range(k - 1, -1, -1) if not item.questions[j].supplementary), None)
                if prev is not None:
                    g.add((qi, MKG.supplementaryTo, URIRef(f"{ii}/question/{prev + 1}")))
        for k, dcl in enumerate(item.declarations):
            di = URIRef(f"{ii}/declaration/{k + 1}")
            found["declarations"] += 1
            g.add((di, RDF.type, MKG.Declaration))
            g.add((mi, MKG.declaration, di))
            g.add((di, MKG.text, Literal(dcl.text)))
            g.add((di, RDFS.label, Literal(f"Declaration by {dcl.by.name}" if dcl.by else "Declaration")))
            g.add((di, PROV.wasDerivedFrom, d))
            if dcl.interest:
                g.add((di, MKG.interestKind, Literal(dcl.interest)))
            self._span(g, doc, d, di, dcl.span)
            if dcl.interest_in is not None:
                self.declared.append((dcl.interest_in, di))
            if dcl.by:
                p = self.person(dcl.by.name, "member")
                if p is not None:
                    g.add((di, MKG.declaredBy, p))
            if re.search(r"\ball items\b", dcl.text, re.IGNORECASE):
                for other in m.items:
                    g.add((di, MKG.coversItem, item_iri(mi, other)))
        for k, fu in enumerate(item.follow_ups):
            fi = URIRef(f"{ii}/follow-up/{k + 1}")
            self.follow_up_iris[id(fu)] = fi
            found["follow_ups"] += 1
            g.add((fi, RDF.type, MKG.FollowUp))
            g.add((ii, MKG.followUp, fi))
            g.add((fi, MKG.text, Literal(fu.text)))
            g.add((fi, RDFS.label, Literal(_short(fu.text))))
            g.add((fi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, fi, fu.span)
            if fu.due is not None:
                if fu.due_precision == "month":
                    g.add((fi, MKG.dueDate, Literal(fu.due.strftime("%Y-%m"), datatype=XSD.gYearMonth)))
                else:
                    g.add((fi, MKG.dueDate, Literal(fu.due.isoformat(), datatype=XSD.date)))
            if fu.due_precision:
                g.add((fi, MKG.dueDatePrecision, Literal(fu.due_precision)))

    def _report(self, g, doc, d, m: Meeting, mi: URIRef, ii: URIRef | None, report: Report, found) -> None:
        ri = URIRef(f"{ii}/report") if ii is not None else URIRef(f"{mi}/report/{slug(report.title, 80)}")
        # an item that considered two reports, a pack with two reports of one title: each its own node
        n = self.reports_minted[ri] = self.reports_minted[ri] + 1
        if n > 1:
            ri = URIRef(f"{ri}-{n}")
        self.report_iris[id(report)] = ri
        found["reports"] += 1
        g.add((ri, RDF.type, MKG.Report))
        g.add((ri, RDFS.label, Literal(report.title)))
        g.add((ri, MKG.forMeeting, mi))
        g.add((ri, MKG.reportKind, Literal(report.kind)))
        g.add((ri, PROV.wasDerivedFrom, d))
        self._span(g, doc, d, ri, report.span)
        if ii is not None:
            g.add((ii, MKG.considered, ri))
        if report.agenda_item:
            g.add((ri, MKG.agendaReference, Literal(report.agenda_item)))
        for author in report.authors:
            if re.search(r"\b(?:Panel|Board|Committee|Commission|Forum|Cabinet)\b", author) and not re.match(
                    r"(?:Chair|Director|Head|Lead|Chief)", author):
                g.add((ri, MKG.author, self.committee(author)))
            else:
                g.add((ri, MKG.author, self.post(author)))
        for c in report.contacts:
            p = self.person(c.name, "officer")
            if p is None:
                continue
            g.add((ri, MKG.mentions, p))
            if c.post:
                g.add((self.post(c.post), MKG.heldBy, p))
                g.add((ri, MKG.mentions, self.post(c.post)))

    def _mention(self, g, doc, d, mention: Mention, meetings, found) -> URIRef | None:
        """Write `mention` where its item or report is; what it refers to, or None when not written."""
        kind = {"PERSON": None, "POST": "post", "ORG": "org", "SERVICE": "service", "COMMITTEE": "committee"}.get(mention.label)
        if mention.label == "PERSON":
            target = self.person(mention.norm, "mentioned")
            if target is not None and mention.holds is not None:
                g.add((self.post(mention.holds.norm, mention.holds.surface), MKG.heldBy, target))
        elif kind == "post":
            target = self.post(mention.norm, mention.surface)
        elif kind == "committee":
            target = self.committee(mention.norm, mention.surface)
        elif kind == "org":
            target = self._entity(entity_iri("org", mention.norm), MKG.Organisation, mention.norm, mention.surface)
            if mention.wikidata:
                self.shared.add((target, OWL.sameAs, URIRef(mention.wikidata)))
        elif kind == "service":
            target = self._entity(entity_iri("service", mention.norm), MKG.Service, mention.norm, mention.surface)
        else:
            return None
        if target is None:
            return None
        if mention.item is not None:
            holder = self.item_iris.get(id(mention.item))
        else:
            holder = self.report_iris.get(id(mention.report))
        if holder is None:
            return None
        found[f"mentions_{mention.label.lower()}"] += 1
        g.add((holder, MKG.mentions, target))
        mi = ID[f"mention/{doc.sha256[:16]}/{mention.start}-{mention.end}"]
        g.add((mi, RDF.type, MKG.Mention))
        g.add((holder, MKG.mention, mi))
        g.add((mi, MKG.refersTo, target))
        g.add_text(mi, MKG.surfaceForm, mention.surface)
        g.add((mi, PROV.wasDerivedFrom, d))
        self._span(g, doc, d, mi, Span(mention.start, mention.end))
        return target


class _Shared:
    """The graph of shared nodes (people, posts, organisations, services, committees, topics),
    put together from the documents' fragments in batch order: a node's label is the first
    one the batch gave it."""

    def __init__(self, identity, forms: Callable[[object], str]):
        self.identity = identity
        self.out = _Lines(ENTITY_GRAPH, forms)
        self.labels: dict[URIRef, str] = {}
        self.alt: dict[URIRef, set[str]] = defaultdict(set)
        self.person_nodes: dict[str, set[str]] = defaultdict(set)
        self.roles: set[tuple[URIRef, str]] = set()

    def add(self, triple) -> None:
        self.out.add(triple)

    def entity(self, iri: URIRef, cls: URIRef, label: str, surface: str | None = None) -> URIRef:
        if iri not in self.labels:
            self.labels[iri] = label
            self.out.add((iri, RDF.type, cls))
            self.out.add((iri, RDFS.label, Literal(label)))
        if surface and surface != label:
            self.alt[iri].add(surface)
        return iri

    def committee(self, name: str, body: str | None = None) -> URIRef:
        iri = self.entity(committee_iri(name, body), MKG.Committee, name)
        if body:
            self.out.add((iri, MKG.body, self.entity(body_iri(body), MKG.PublicBody, body)))
        return iri

    def replay(self, said: list[tuple], canon: dict[str, tuple[str, URIRef]]) -> None:
        """Take in what one document said of shared nodes (see `_Builder`); `canon` gives each
        post key the label and IRI the batch first named it by."""
        for op in said:
            kind = op[0]
            if kind == "entity":
                self.entity(*op[1:])
            elif kind == "post":
                norm, iri = canon[op[1]]
                self.entity(iri, MKG.Post, norm, op[2])
            elif kind == "person":
                _, key, name, role = op
                body = self.identity.body(key)
                iri = person_iri(key)
                self.person_nodes[key].add(name)
                if iri not in self.labels:
                    label = self.labels[iri] = self.identity.label(key)
                    self.out.add((iri, RDF.type, MKG.Person))
                    self.out.add((iri, RDFS.label, Literal(label)))
                    if body:  # its key is scoped by the body (see kg.identity)
                        self.out.add((iri, MKG.body, self.entity(body_iri(body), MKG.PublicBody, body)))
                if role and role != "mentioned" and (iri, role) not in self.roles:
                    self.roles.add((iri, role))
                    self.out.add((iri, MKG.role, Literal(role)))
            else:
                self.out.add(op[1])

    def finish_people(self) -> None:
        for key in sorted(self.person_nodes):
            iri = person_iri(key)
            for alt in self.identity.alt_labels(key):
                self.out.add((iri, SKOS.altLabel, Literal(alt)))
        for iri in sorted(self.alt):
            label = self.labels.get(iri)
            for alt in sorted(self.alt[iri]):
                if label is None or alt != label:
                    self.out.add((iri, SKOS.altLabel, Literal(alt)))


def _build_activity(shas: list[str], versions: dict[str, str], forms) -> _Lines:
    """The provenance of the run: which documents (by content hash) it used, with which extractors."""
    g = _Lines(BUILD_GRAPH, forms)
    digest = hashlib.sha256("".join(sorted(shas)).encode()).hexdigest()[:16]
    b = ID[f"build/{digest}"]
    g.add((b, RDF.type, MKG.Build))
    g.add((b, RDFS.label, Literal(f"kg build of {len(shas)} document(s)")))
    agents = {"kg": __version__, "kg.segment": SEGMENTER_VERSION, **versions}
    for name in sorted(agents):
        a = ID[f"extractor/{slug(name)}/{agents[name]}"]
        g.add((a, RDF.type, MKG.Extractor))
        g.add((a, RDFS.label, Literal(name)))
        g.add((a, MKG.extractorVersion, Literal(agents[name])))
        g.add((b, PROV.wasAssociatedWith, a))
    for sha in sorted(shas):
        g.add((b, PROV.used, ID[f"doc/{sha[:16]}"]))
        g.add((ID[f"graph/{sha[:16]}"], PROV.wasGeneratedBy, b))
    return g


def _short(text: str, limit: int = 120) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


__all__ = ["build", "assemble", "BuildResult", "DocumentOutcome", "fold", "date"]
