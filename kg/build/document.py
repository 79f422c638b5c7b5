"""One document's named graph: its meetings, attendance and items, written as lines, and what
it says of shared nodes (people, posts, organisations, services, committees), kept in order for
the batch to put together (`kg.build.assembly`)."""
from __future__ import annotations

import importlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from extractors.attending import held_post
from kg.models import AgendaItem, Document, Meeting, Report, Span
from kg.namespace import MKG
from kg.store import _Forms, _nt
from kg.textutil import squash
from kg.build.bodies import document_body
from kg.build.extract import Mention, Summary
from kg.build.items import _ItemWriter
from kg.build.iris import (body_iri, committee_iri, dated_meeting_iri, doc_iri, graph_iri, meeting_iri, mention_iri,
                           person_iri, post_iri, post_key, span_nt)
from kg.build.lines import _END, _IN_DOCUMENT, _SPAN, _START, _TYPE_SELECTOR, _block, _integer, _Lines, _Said

# "\b[Tt]he ...", the "\b" written as a look-behind after the "T", so that `re` skips to the t's
ROLE_REFERENCE = re.compile(r"[Tt](?<!\w[Tt])he\s+(Chairman|Chair|Director|Lead\s+Member)\b(?!\s+(?:of|for)\b)")


def _decisions():
    """kg.decisions, or None in a build without it."""
    try:
        return importlib.import_module("kg.decisions")
    except ModuleNotFoundError as err:
        if err.name != "kg.decisions":
            raise
        return None


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
    checks: list[dict] | None = None  # its own nodes' problems against the shapes, when checked (kg.validate)

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


class _Builder(_ItemWriter):
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
            mi = mention_iri(doc, hit.start(), hit.end())
            g.add((mi, RDF.type, MKG.Mention))
            g.add((ii, MKG.mention, mi))
            g.add((mi, MKG.refersTo, target))
            g.add_value(mi, MKG.surfaceForm, squash(hit.group(0)))
            g.add((mi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, mi, Span(hit.start(), hit.end()))

    # -- one document ------------------------------------------------------

    def add_document(self, doc: Document, meetings: list[Meeting], mentions: list[Mention]) -> dict[str, int]:
        """Write what was read from `doc`; how many of each kind of thing were found."""
        g = self.g
        d = doc_iri(doc)
        g.add((d, RDF.type, MKG.Document))
        g.add_value(d, RDFS.label, doc.file_name)
        g.add_value(d, MKG.fileName, doc.file_name)
        g.add_value(d, MKG.sha256, doc.sha256)
        g.add_value(d, MKG.format, doc.fmt)
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
        s = span_nt(doc, span)
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
