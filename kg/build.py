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
import os
import pickle
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
import functools
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.errors import IngestError
from kg.figures import precompute_figures
from kg.identity import PersonSighting, resolve_people
from kg.ingest import iter_inputs, read_document
from kg.models import AgendaItem, Document, Meeting, PersonRef, Report, Span
from kg.namespace import ID, MKG, OA, bind_prefixes
from kg.segment import segment
from kg.textutil import fold, slug, squash

SEGMENTER_VERSION = "1.0.0"
ROLE_REFERENCE = re.compile(r"\b[Tt]he\s+(Chairman|Chair|Director|Lead\s+Member)\b(?!\s+(?:of|for)\b)")
ENTITY_GRAPH = ID["graph/entities"]
BUILD_GRAPH = ID["graph/build"]
# made once: every span is written with them, and `OA.x` makes a new URIRef on each lookup
OA_SELECTOR, OA_START, OA_END = OA.TextPositionSelector, OA.start, OA.end


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
    dataset: Dataset
    outcomes: list[DocumentOutcome]
    identity_log: list[str]

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# ---------------------------------------------------------------- IRIs

def doc_iri(doc: Document) -> URIRef:
    return ID[f"doc/{doc.sha256[:16]}"]


def graph_iri(doc: Document) -> URIRef:
    return ID[f"graph/{doc.sha256[:16]}"]


def committee_iri(name: str) -> URIRef:
    return ID[f"committee/{slug(name)}"]


def meeting_iri(meeting: Meeting, doc: Document, index: int) -> URIRef:
    if meeting.date and meeting.committee:
        return ID[f"meeting/{slug(meeting.committee)}/{meeting.date.isoformat()}"]
    # undated or unnamed: the document is all that identifies it
    return ID[f"meeting/undated/{doc.sha256[:16]}-{index}"]


def item_iri(m_iri: URIRef, item: AgendaItem) -> URIRef:
    return URIRef(f"{m_iri}/item/{item.number}" if item.number else f"{m_iri}/item/n{item.order}")


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
          cache_dir: str | Path | None = None, topics: str | Path | None = None) -> BuildResult:
    """Read, segment, extract and assemble every input into one dataset.

    Bad inputs never stop the batch: each is recorded in `outcomes` with its reason.
    `workers` > 1 reads and extracts documents in that many processes; the output is the
    same whatever the number. With `cache_dir`, what was extracted from a document is kept
    under its content hash, so a rebuild re-extracts only new or changed documents (people's
    identities and the graph itself are always assembled afresh). `topics` is a Turtle topic
    scheme to use instead of the bundled ontology/topics.ttl."""
    outcomes: list[DocumentOutcome] = []
    docs: list[tuple[Document, list[Meeting], DocumentOutcome, list[Mention]]] = []
    seen: dict[str, str] = {}
    try:
        inputs = iter_inputs(paths)
    except IngestError as err:
        return BuildResult(_empty_dataset(), [DocumentOutcome(err.path, "failed", err.reason, str(err))], [])
    job = partial(read_and_extract, max_bytes=max_bytes, extract_entities=extract_entities,
                  cache_dir=str(cache_dir) if cache_dir else None)
    for read in _run(job, inputs, workers):
        if progress:
            progress(read.path)
        if read.doc is None:
            outcomes.append(DocumentOutcome(read.path, "failed", read.error[0], read.error[1]))
            continue
        doc = read.doc
        if doc.sha256 in seen:
            outcomes.append(DocumentOutcome(read.path, "duplicate", "duplicate",
                                            f"same content as {seen[doc.sha256]}; skipped", sha256=doc.sha256))
            continue
        seen[doc.sha256] = read.path
        outcome = DocumentOutcome(read.path, "built", warnings=list(doc.warnings), sha256=doc.sha256)
        docs.append((doc, read.meetings, outcome, read.mentions))
        outcomes.append(outcome)
    dataset = assemble(docs, topics=str(topics) if topics else None)
    return BuildResult(dataset.dataset, outcomes, dataset.identity_log)


@dataclass
class ReadDocument:
    """One input after the per-document stages (ingest, segment, extract): what a worker
    process hands back, and what the cache keeps."""

    path: str
    doc: Document | None
    meetings: list[Meeting] = field(default_factory=list)
    mentions: list["Mention"] = field(default_factory=list)
    error: tuple[str, str] | None = None  # (reason, message) when the input failed
    cached: bool = False


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
    files = [here / n for n in ("ingest.py", "segment.py", "textutil.py", "models.py", "build.py", "identity.py",
                                "figures.py")]
    files += sorted(extractors_dir.glob("*.py")) + sorted((extractors_dir / "patterns").glob("*"))
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def read_and_extract(path: str | Path, *, max_bytes: int | None = None, extract_entities: bool = True,
                     cache_dir: str | None = None) -> ReadDocument:
    """The per-document stages for one input. Never raises for a bad input."""
    cache_file = None
    if cache_dir:
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            digest = None
        if digest:
            cache_file = Path(cache_dir) / digest[:2] / f"{digest}-{pipeline_version()}-{int(extract_entities)}.pickle"
            if cache_file.exists():
                try:
                    read = pickle.loads(cache_file.read_bytes())
                except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    read = None
                if isinstance(read, ReadDocument) and read.doc is not None:
                    read.path, read.cached = str(path), True
                    read.doc.path, read.doc.file_name = str(path), Path(path).name
                    return read
    try:
        doc = read_document(path, max_bytes=max_bytes) if max_bytes else read_document(path)
    except IngestError as err:
        return ReadDocument(str(path), None, error=(err.reason, str(err)))
    meetings = segment(doc)
    mentions = _mentions(doc, meetings) if extract_entities else []
    precompute_figures(doc, meetings)  # in the workers, and kept in the cache
    read = ReadDocument(str(path), doc, meetings, mentions)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(cache_file)
    return read


def _run(job, inputs: list[Path], workers: int):
    """Apply `job` to every input in order, in `workers` processes when more than one."""
    if workers <= 1 or len(inputs) < 2:
        yield from map(job, inputs)
        return
    import multiprocessing

    from extractors import load_pipeline

    load_pipeline()  # once here, so that every forked worker starts with it instead of building its own
    with multiprocessing.get_context("fork").Pool(min(workers, len(inputs))) as pool:
        yield from pool.imap(job, inputs, chunksize=1)


def _empty_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    return ds


# ---------------------------------------------------------------- assembling

@dataclass
class _Assembly:
    dataset: Dataset
    identity_log: list[str]


@_fewer_collections()
def assemble(docs: list[tuple[Document, list[Meeting], DocumentOutcome, list["Mention"]]],
             topics: str | None = None) -> _Assembly:
    """The graph of a batch: identities across all documents, then one named graph each."""
    from extractors import EXTRACTOR_VERSIONS

    ds = Dataset(default_union=True)  # queries and triples() see every document's graph
    bind_prefixes(ds)
    builder = _Builder(ds)
    mentions_by_doc = {doc.sha256: mentions for doc, _, _, mentions in docs}

    # one identity for every person named anywhere in the batch
    sightings = []
    for doc, meetings, _, _ in docs:
        for m in meetings:
            for ref, role in _people_of(m):
                sightings.append(PersonSighting(ref.name, doc.file_name, m.date, role))
        for mention in mentions_by_doc.get(doc.sha256, []):
            if mention.label == "PERSON":
                sightings.append(PersonSighting(mention.norm, doc.file_name, None, "mentioned"))
    identity = resolve_people(sightings)
    builder.identity = identity

    for doc, meetings, outcome, mentions in docs:
        builder.add_document(doc, meetings, mentions, outcome)
    builder.finish_people()
    versions = dict(EXTRACTOR_VERSIONS)
    try:
        decisions = importlib.import_module("kg.decisions")
    except ModuleNotFoundError as err:
        if err.name != "kg.decisions":
            raise
    else:
        decisions.add_decisions(builder, [(doc, meetings) for doc, meetings, _, _ in docs], topics=topics)
        versions["kg.decisions"] = decisions.VERSION
    builder.add_build_activity(docs, versions)
    builder.hand_over()
    return _Assembly(ds, list(identity.log))


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
    for m in meetings:
        for item in m.items:
            jobs.append((item.span.start, item.span.end, m, item, None))
        for k, r in enumerate(m.reports):
            r_end = m.reports[k + 1].span.start if k + 1 < len(m.reports) else m.span.end
            jobs.append((r.span.start, max(r_end, r.span.end), m, None, r))
    jobs = [part for job in jobs for part in _pieces(doc.text, job, nlp.max_length)]
    out = []
    texts = [_LONG_RUN.sub(_break_run, doc.text[s:e]) for s, e, *_ in jobs]
    sdocs = nlp.pipe((make_doc(nlp, text) for text in texts), batch_size=32)
    for (s, _, m, item, report), sdoc in zip(jobs, sdocs):
        found = {}
        for span in sdoc.spans.get("mkg_mentions", []):
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


class _Writer(Graph):
    """A named graph of the dataset being built whose `add` goes straight to the store.

    `Graph.add` asserts that each of the three is an rdflib term; every term the builder adds
    it made itself, and the assertions took a tenth of a build. Only the builder holds these:
    `_Builder.hand_over` gives the dataset plain graphs back before anyone else sees it."""

    def add(self, triple):
        self.store.add(triple, self, quoted=False)
        return self


class _Builder:
    def __init__(self, ds: Dataset):
        self.ds = ds
        self.writers: dict[URIRef, _Writer] = {}
        self.shared = self.graph(ENTITY_GRAPH)
        self.identity = None
        self.person_nodes: dict[str, set[str]] = defaultdict(set)
        self.labelled: set[URIRef] = set()
        self.alt: dict[URIRef, set[str]] = defaultdict(set)
        self.meeting_iris: dict[int, URIRef] = {}
        self.item_iris: dict[int, URIRef] = {}
        self.report_iris: dict[int, URIRef] = {}
        self.resolution_iris: dict[int, URIRef] = {}
        self.follow_up_iris: dict[int, URIRef] = {}
        self.role_holders: dict[URIRef, URIRef | None] = {}
        self.items_from: dict[URIRef, str] = {}  # meeting -> the document its items were read from
        self.notes: dict[str, list[str]] = defaultdict(list)  # document sha256 -> build-report warnings
        self.offsets: dict[int, Literal] = {}
        self.reports_minted: dict[tuple[str, URIRef], int] = defaultdict(int)  # (document, report IRI) -> times minted
        self.posts: dict[str, tuple[str, URIRef]] = {}  # a post as written -> its label and IRI
        self.post_variants: dict[str, tuple[str, URIRef]] = {}  # post_key -> the first label and IRI minted

    # -- what later stages (kg.decisions) use to add to the same graphs -------

    def graph_of(self, doc: Document) -> Graph:
        """The named graph holding what was read from `doc`."""
        return self.graph(graph_iri(doc))

    def graph(self, iri: URIRef) -> Graph:
        writer = self.writers.get(iri)
        if writer is None:
            self.ds.graph(iri)  # declares it to the dataset
            writer = self.writers[iri] = _Writer(store=self.ds.store, identifier=iri)
        return writer

    def hand_over(self) -> None:
        """Make the dataset hand out its own graphs again: rdflib's memory store remembers the
        last graph object each context was used with, and `graphs(triple)` yields those. A
        lookup through the dataset's graph (which shares its prefixes) is a use."""
        for iri in self.writers:
            next(iter(self.ds.get_context(iri).triples((None, None, None))), None)

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

    def add_span(self, g: Graph, doc: Document, subject: URIRef, span: Span) -> None:
        """Link `subject` to the characters of `doc` it was read from."""
        self._span(g, doc, doc_iri(doc), subject, span)

    # -- shared nodes ------------------------------------------------------

    def _entity(self, iri: URIRef, cls: URIRef, label: str, surface: str | None = None) -> URIRef:
        if iri not in self.labelled:
            self.labelled.add(iri)
            self.shared.add((iri, RDF.type, cls))
            self.shared.add((iri, RDFS.label, Literal(label)))
        if surface and surface != label:
            self.alt[iri].add(surface)
        return iri

    def committee(self, name: str) -> URIRef:
        return self._entity(committee_iri(name), MKG.Committee, name)

    def post(self, label: str, surface: str | None = None) -> URIRef:
        known = self.posts.get(label)
        if known is None:  # the same few posts are named again and again
            from extractors.names import normalise_post

            norm = normalise_post(label) or squash(label)
            known = self.post_variants.setdefault(post_key(norm), (norm, post_iri(norm)))
            self.posts[label] = known
        norm, iri = known
        return self._entity(iri, MKG.Post, norm, surface or label)

    def person(self, ref_name: str, role: str | None = None) -> URIRef | None:
        key = self.identity.key(ref_name) if self.identity else None
        if key is None:
            return None
        iri = person_iri(key)
        self.person_nodes[key].add(ref_name)
        if iri not in self.labelled:
            self.labelled.add(iri)
            self.shared.add((iri, RDF.type, MKG.Person))
            self.shared.add((iri, RDFS.label, Literal(self.identity.label(key))))
        if role and role != "mentioned":
            self.shared.add((iri, MKG.role, Literal(role)))
        return iri

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

    def finish_people(self) -> None:
        for key in sorted(self.person_nodes):
            iri = person_iri(key)
            for alt in self.identity.alt_labels(key):
                self.shared.add((iri, SKOS.altLabel, Literal(alt)))
        for iri in sorted(self.alt):
            label = next(iter(self.shared.objects(iri, RDFS.label)), None)
            for alt in sorted(self.alt[iri]):
                if label is None or alt != str(label):
                    self.shared.add((iri, SKOS.altLabel, Literal(alt)))

    # -- one document ------------------------------------------------------

    def add_document(self, doc: Document, meetings: list[Meeting], mentions: list[Mention],
                     outcome: DocumentOutcome) -> None:
        g = self.graph_of(doc)
        d = doc_iri(doc)
        g.add((d, RDF.type, MKG.Document))
        g.add((d, RDFS.label, Literal(doc.file_name)))
        g.add((d, MKG.fileName, Literal(doc.file_name)))
        g.add((d, MKG.sha256, Literal(doc.sha256)))
        g.add((d, MKG.format, Literal(doc.fmt)))
        g.add((graph_iri(doc), PROV.wasDerivedFrom, d))
        found = defaultdict(int)
        for index, m in enumerate(meetings):
            outcome.warnings.extend(m.warnings)
            self._meeting(g, doc, d, m, index, found)
        for mention in mentions:
            self._mention(g, doc, d, mention, meetings, found)
        outcome.found = dict(sorted(found.items()))
        outcome.warnings.extend(self.notes.pop(doc.sha256, []))

    def _span(self, g: Graph, doc: Document, d: URIRef, subject: URIRef, span: Span) -> None:
        s = span_iri(doc, span)
        g.add((subject, MKG.span, s))
        g.add((s, RDF.type, OA_SELECTOR))
        g.add((s, OA_START, self._offset(span.start)))
        g.add((s, OA_END, self._offset(span.end)))
        g.add((s, MKG.inDocument, d))

    def _offset(self, n: int) -> Literal:
        """`Literal(n)` for a character offset, made once per number: offsets recur across
        documents, and making a Literal costs more than adding it."""
        if type(n) is not int:  # noqa: E721 (True == 1, yet Literal(True) is a boolean)
            return Literal(n)
        lit = self.offsets.get(n)
        if lit is None:
            lit = self.offsets[n] = Literal(n)
        return lit

    def _meeting(self, g: Graph, doc: Document, d: URIRef, m: Meeting, index: int, found) -> None:
        mi = meeting_iri(m, doc, index)
        self.meeting_iris[id(m)] = mi
        found["meetings"] += 1
        g.add((mi, RDF.type, MKG.Meeting))
        g.add((mi, PROV.wasDerivedFrom, d))
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
                prev = ID[f"meeting/{slug(m.committee)}/{m.previous_meeting.isoformat()}"]
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
                if ref.post:
                    post = self.post(ref.post)
                    g.add((post, MKG.heldBy, p))
        if a.chair:
            p = self.person(a.chair.name, "member")
            if p is not None:
                once(mi, MKG.chair, p)
        if m.items and mi in self.items_from:
            # the same meeting minuted again (re-published, or minutes in an agenda pack and on
            # their own): its items were read from the first document, in sorted order
            self.notes[doc.sha256].append(
                f"{label}: its items were already read from {self.items_from[mi]}; this document's items "
                "were not added again")
            return self._reports_only(g, doc, d, m, mi, found)
        if m.items:
            self.items_from[mi] = doc.file_name
        for item in m.items:
            self._item(g, doc, d, m, mi, item, found)
        for report in m.reports:
            self._report(g, doc, d, m, mi, None, report, found)

    def _reports_only(self, g, doc, d, m: Meeting, mi: URIRef, found) -> None:
        for report in m.reports:
            self._report(g, doc, d, m, mi, None, report, found)

    def _once(self, g: Graph, s: URIRef, p: URIRef, o) -> None:
        """Add a single-valued fact unless another document already gave this node one."""
        if self.ds.value(s, p) is None:
            g.add((s, p, o))

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
        for k, res in enumerate(item.resolutions):
            ri = URIRef(f"{ii}/resolution/{res.label or k + 1}")
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
        n = self.reports_minted[(doc.sha256, ri)] = self.reports_minted[(doc.sha256, ri)] + 1
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

    def _mention(self, g, doc, d, mention: Mention, meetings, found) -> None:
        kind = {"PERSON": None, "POST": "post", "ORG": "org", "SERVICE": "service", "COMMITTEE": "committee"}.get(mention.label)
        if mention.label == "PERSON":
            target = self.person(mention.norm, "mentioned")
            if target is not None and mention.holds is not None:
                g.add((self.post(mention.holds.norm, mention.holds.surface), MKG.heldBy, target))
        elif kind == "post":
            target = self.post(mention.norm, mention.surface)
        elif kind == "committee":
            target = self._entity(committee_iri(mention.norm), MKG.Committee, mention.norm, mention.surface)
        elif kind == "org":
            target = self._entity(entity_iri("org", mention.norm), MKG.Organisation, mention.norm, mention.surface)
            if mention.wikidata:
                self.shared.add((target, OWL.sameAs, URIRef(mention.wikidata)))
        elif kind == "service":
            target = self._entity(entity_iri("service", mention.norm), MKG.Service, mention.norm, mention.surface)
        else:
            return
        if target is None:
            return
        if mention.item is not None:
            holder = self.item_iris.get(id(mention.item))
        else:
            holder = self.report_iris.get(id(mention.report))
        if holder is None:
            return
        found[f"mentions_{mention.label.lower()}"] += 1
        g.add((holder, MKG.mentions, target))
        mi = ID[f"mention/{doc.sha256[:16]}/{mention.start}-{mention.end}"]
        g.add((mi, RDF.type, MKG.Mention))
        g.add((holder, MKG.mention, mi))
        g.add((mi, MKG.refersTo, target))
        g.add((mi, MKG.surfaceForm, Literal(mention.surface)))
        g.add((mi, PROV.wasDerivedFrom, d))
        self._span(g, doc, d, mi, Span(mention.start, mention.end))

    # -- provenance of the run ---------------------------------------------

    def add_build_activity(self, docs, versions: dict[str, str]) -> None:
        g = self.graph(BUILD_GRAPH)
        digest = hashlib.sha256("".join(sorted(doc.sha256 for doc, *_ in docs)).encode()).hexdigest()[:16]
        b = ID[f"build/{digest}"]
        g.add((b, RDF.type, MKG.Build))
        g.add((b, RDFS.label, Literal(f"kg build of {len(docs)} document(s)")))
        agents = {"kg": __version__, "kg.segment": SEGMENTER_VERSION, **versions}
        for name in sorted(agents):
            a = ID[f"extractor/{slug(name)}/{agents[name]}"]
            g.add((a, RDF.type, MKG.Extractor))
            g.add((a, RDFS.label, Literal(name)))
            g.add((a, MKG.extractorVersion, Literal(agents[name])))
            g.add((b, PROV.wasAssociatedWith, a))
        for doc, *_ in sorted(docs, key=lambda x: x[0].sha256):
            g.add((b, PROV.used, doc_iri(doc)))
            g.add((graph_iri(doc), PROV.wasGeneratedBy, b))


def _short(text: str, limit: int = 120) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


__all__ = ["build", "assemble", "BuildResult", "DocumentOutcome", "fold", "date"]
