"""The per-document stages: read a file, segment it into meetings, run the extractors over
its items and reports. What a worker process hands back is a `ReadDocument`: with the cache, only
its small `Summary` until the content is asked for."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import URIRef

from extractors.organisations import home_council
from kg.errors import IngestError
from kg.figures import precompute_figures
from kg.ingest import read_document
from kg.models import AgendaItem, Document, Meeting, Report
from kg.segment import segment
from kg.segment.body import body_key
from kg.textutil import slug, squash
from kg.build.bodies import _settle_bodies, document_body
from kg.build import codec
from kg.build.cache import SUFFIX, _write_atomically, pipeline_version, read_entry
from kg.build.iris import meeting_iri
from kg.build.manifest import Source, settle_source
from kg.build.parallel import _spill


def _read_input(path, *, bodies: dict[str, str], sources: dict[str, Source] | None = None,
                **options) -> "ReadDocument":
    return read_and_extract(path, body=bodies.get(str(path)), source=(sources or {}).get(str(path)), **options)


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
        decodes it (300 documents: 0.6 s of its time, while the workers waited on it)."""
        if self._content is None:
            return self
        stored = self.stored or _spill(folder, self._content)
        return ReadDocument(self.path, None, summary=self.summary, stored=stored, options=self.options)

    def _load(self) -> tuple:
        if self._content is None:
            if self.stored is None:
                return None, [], []
            try:
                doc, meetings, mentions = read_entry(Path(self.stored))
            except (OSError, ValueError, TypeError):  # codec.CacheEntryError is a ValueError
                # the summary was there but the content is gone or broken: read the input again
                read = read_and_extract(self.path, cache_dir=None, **self.options)
                if read.error is not None:
                    raise IngestError(self.path, read.error[0], read.error[1])
                _write_atomically(Path(self.stored), codec.dumps((read.doc, read.meetings, read.mentions)))
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


def read_and_extract(path: str | Path, *, max_bytes: int | None = None, extract_entities: bool = True,
                     cache_dir: str | None = None, body: str | None = None,
                     source: Source | None = None) -> ReadDocument:
    """The per-document stages for one input. Never raises for a bad input. `body` is the
    council or body whose minutes it is, as the user gave it (see `build`); `source` what a
    harvest's manifest says of it (`kg.build.manifest`)."""
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
            given += f"-{source.key()}" if source is not None else ""
            cache_file = (Path(cache_dir) / digest[:2]
                          / f"{digest}-{pipeline_version()}-{int(extract_entities)}-{suffix}-{given}{SUFFIX}")
            summary_file = cache_file.with_suffix(f".summary{SUFFIX}")
            if cache_file.exists() and summary_file.exists():
                try:
                    summary = read_entry(summary_file)
                except (OSError, codec.CacheEntryError):  # refused: read the input again below
                    summary = None
                if isinstance(summary, Summary):
                    summary.file_name = Path(path).name
                    return ReadDocument(str(path), None, summary=summary, stored=str(cache_file),
                                        options={"max_bytes": max_bytes, "extract_entities": extract_entities,
                                                 "body": body, "source": source})
    try:
        doc = read_document(path, max_bytes=max_bytes) if max_bytes else read_document(path)
    except IngestError as err:
        return ReadDocument(str(path), None, error=(err.reason, str(err)))
    try:
        meetings = segment(doc)
        _settle_bodies(doc, meetings, body)
        settle_source(doc, meetings, source)
        mentions = _mentions(doc, meetings) if extract_entities else []
        precompute_figures(doc, meetings)  # in the workers, and kept in the cache
    except Exception as err:  # noqa: BLE001 (a reader's fault on one document fails that document, reported by name)
        return ReadDocument(str(path), None, error=("reader error", f"{Path(path).name}: could not be read: "
                                                    f"{type(err).__name__}: {err}. The rest of the batch is built; "
                                                    "please report this document."))
    read = ReadDocument(str(path), doc, meetings, mentions,
                        options={"max_bytes": max_bytes, "extract_entities": extract_entities, "body": body,
                                 "source": source})
    if cache_file is not None:
        _write_atomically(cache_file, codec.dumps((doc, meetings, mentions)))
        _write_atomically(cache_file.with_suffix(f".summary{SUFFIX}"), codec.dumps(read.summary))
        read.stored = str(cache_file)
    return read


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
    from extractors.mentions import make_doc, mentions as spans_of, text_of

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
    fallback = home_council(doc.text)  # a meeting whose body is unknown: the council its heading names, for the finder
    sdocs = nlp.pipe((_with_body(make_doc(nlp, text), job[2].body or fallback) for text, job in zip(texts, jobs)),
                     batch_size=32)
    for (s, _, m, item, report, head), sdoc in zip(jobs, sdocs):
        found = {}
        data = sdoc.user_data  # each span's extension values, read as `span._` reads them
        read = text_of(sdoc)
        for span in spans_of(sdoc):
            label = span.label_
            if head and label not in HEAD_LABELS:
                continue  # its people and posts are the attendance lists'
            a, b = span.start_char, span.end_char
            surface = squash(read[a:b])  # a span's text: its characters
            norm = data.get(("._.", "mkg_norm", a, b)) or surface
            mention = Mention(label, norm, surface, s + a, s + b,
                              item, m, data.get(("._.", "mkg_wikidata", a, b)), report)
            found[(a, b)] = mention
            out.append(mention)
        for person, post in sdoc._.mkg_holders:
            p = found.get((person.start_char, person.end_char))
            q = found.get((post.start_char, post.end_char))
            if p is not None and q is not None:
                p.holds = q
        # the Doc is read: its user data holds spans (which hold the Doc), a cycle only the
        # garbage collector would free, and it runs the more often the more such cycles wait
        sdoc.user_data.clear()
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
