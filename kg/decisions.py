"""Decisions across meetings: what each resolution does, what came back, what it was about.

Runs in two parts: `add_document` on each document's graph (in the per-document stage of
`kg.build`, so in the workers, and kept in the cache), and `add_batch` once every document
is built, because a follow-up asked at one meeting is answered at a later one, often read
from another document. It adds:

- `mkg:resolutionType` on every resolution: a concept of `ontology/resolution-types.ttl`,
  chosen by the first rule of `RESOLUTION_RULES` that fits the clause;
- on every follow-up: `mkg:targetBody` (the body the text names, else the committee that
  asked), `mkg:fulfilledBy` the first later item or report of that body on the same
  subject, with `mkg:fulfilmentConfidence` and `mkg:fulfilmentReason`, and `mkg:status`
  as of the latest meeting in the graph: fulfilled, overdue (past its due date), or open;
- `mkg:topic` and a qualified `mkg:TopicAssignment` (weight, evidence, span) on every item
  and report, from the topic scheme (`kg.topics`);
- `mkg:figure` nodes for the money, counts and rates each item and report quotes
  (`kg.figures`), each with `mkg:topic` for every topic its sentence names, so that the figures
  on a topic are found by a lookup rather than by reading every sentence of an archive;
- `mkg:considered` from a minuted item to the agenda-pack report put to it, when the pack
  and the minutes of the same meeting are both in the batch.

What a follow-up came to and which pack report an item considered are conclusions across
documents: `add_batch` writes them to their own named graph (`id:graph/links`), not to the
graph of the document that asked, so that a document's graph stays what was read from it.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.build.lines import _decimal
from kg.figures import find_figures, item_parts, report_extent
from kg.models import Document, FollowUp, Meeting, Span
from kg.namespace import ID, MKG, PROV
from kg.textutil import find_dates, squash
from kg.topics import _case_safe

VERSION = "decisions/2"  # 2: comments forwarded when a body is to be advised of them; minutes "a correct record"; clauses opening "Endorsed", "Approved."
RT = Namespace(str(ID) + "resolution-type/")
RT_SCHEME = ID["resolution-type"]

# what a committee says and another body is to hear: its comments, views, observations ...
VIEWS = r"(?:comments|views|observations|concerns)"
# First match wins: the strongest thing a clause does decides its type.
RESOLUTION_RULES: list[tuple[str, re.Pattern]] = [(slug, re.compile(rx, re.IGNORECASE)) for slug, rx in [
    ("minutes-confirmed", r"\bminutes\b.{0,120}?\b(?:confirmed|approved|agreed|signed|(?:a|an)\s+(?:correct|true|accurate)\s+"
                          r"record)\b|\bbe\s+taken\s+as\s+read\b"),
    ("appointment", r"\b(?:be|is|was|were|are)\s+(?:re-?)?(?:elected|appointed|nominated)\b|\belected\s+(?:as\s+)?(?:the\s+)?"
                    r"(?:Chair|Vice|Deputy)|\bappointment\s+of\b"),
    ("next-meeting-date", r"\b(?:next|future)\s+meeting\s+(?:of\s+the\s+\w+\s+)?(?:be|will\s+be|would\s+be)\s+held\b|"
                          r"\bdate\s+of\s+the\s+next\s+meeting\b|\bnext\s+meeting\b.{0,40}\bheld\s+on\b"),
    ("comments-forwarded", rf"\b{VIEWS}\b(?:(?!\bhad\b).){{0,120}}?\b(?:be|are|to\s+be)\s+"
                           r"(?:forwarded|submitted|passed|reported|referred|conveyed|sent|made\s+available|provided|"
                           r"drawn\s+to\s+the\s+attention|fed\s+back)\b|"
                           rf"\b(?:be|is|are)\s+(?:advised|informed|made\s+aware|notified)\s+of\s+(?:the\s+)?"
                           rf"(?:[\w’']+\s+){{0,2}}{VIEWS}\b"),
    ("further-report-requested", r"\b(?:further|follow[- ]up|final|detailed|full)\s+report\b|\breport\s+back\b|"
                                 r"\breport\b.{0,80}?\b(?:be\s+)?(?:presented|submitted|brought|considered)\s+(?:to|at)\s+"
                                 r"(?:a|the)\s+(?:future|later|next)\b|\binvited\s+to\s+(?:attend\s+)?a\s+future\s+meeting\b"),
    ("update-requested", r"\b(?:update|updates|briefing|information|progress\s+report|results|outcome|findings)\b.{0,120}?"
                         r"\b(?:be|are|to\s+be)\s+(?:provided|presented|given|circulated|submitted|shared|reported|brought)\b|"
                         r"\b(?:be\s+)?(?:kept\s+)?(?:informed|updated|advised)\s+(?:of|on|about)\b|\breceive\s+an?\s+update\b"),
    ("recommendation", r"\brecommend(?:s|ed|ation|ations)?\b|\b(?:Cabinet|Council|Executive)\s+be\s+(?:asked|requested|urged|"
                       r"advised|invited)\b|\burges?\b"),
    ("approval", r"\b(?:be|is|are)\s+(?:approved|agreed|endorsed|adopted|supported|accepted|ratified)\b|"
                 r"^\W*(?:all\s+)?(?:approved|agreed|endorsed|adopted|supported|accepted|ratified)\b|"
                 r"(?:^|[.;–-]\s*)(?:approved|supported|agreed)\.?\s*$|"
                 r"\b(?:approves?|endorses?|agrees?|supports?|adopts?)\b"),
    ("noted", r"\bnot(?:e|ed|es|ing)\b|\bwelcome[sd]?\b|\breceived\b|\backnowledge[sd]?\b"),
]]

BODY_HEADS = r"(?:Cabinet|Committee|Commission|Panel|Board|Council|Forum|Executive|Partnership|Group)"
TARGET = re.compile(
    r"\b(?:to|of|before|at|with|by)\s+(?:a\s+(?:future|later|subsequent|further)\s+meeting\s+of\s+)?the\s+"
    rf"(?P<name>(?:[A-Z][\w’'&-]*\s+(?:(?:and|of|for|on)\s+)?){{0,7}}{BODY_HEADS})\b")

# words that say nothing about a subject when matching a follow-up to a later item
SUBJECT_STOP = set("""
a an the and or of for to in on at by with from into this that these those its their be is was were are been being
report reports further update updates updated progress presented presentation submitted provided brought future
meeting meetings committee committees council county cabinet scrutiny overview panel board time months month year
years annual six twelve three four two one outcome outcomes result results information item items review
director lead member members officer officers service services children's childrens new plan plans strategy
""".split())
UPDATE_WORDS = re.compile(r"(?i)\b(?:update|progress|further|follow[- ]up|review|six[- ]month|twelve[- ]month|outcome)\b")
ACCEPT = 0.6


@dataclass
class _Unit:
    """An item or report of a meeting in the batch, as follow-up matching sees it."""

    iri: URIRef
    kind: str  # item | report
    meeting: URIRef
    committee: URIRef | None
    date: date | None
    title: str
    minute_refs: tuple[str, ...]  # what follows each "minute(s)" in its text
    dates_cited: tuple[date, ...]  # the dates its text names (only when it names a minute)
    number: str | None = None
    agenda_ref: str | None = None
    topics: dict[URIRef, float] = field(default_factory=dict)
    cites: list[str] = field(default_factory=list)  # "Agenda Item 8" marks of its reports

    def cites_minute(self, number: str) -> bool:
        """Whether its text says "minute <number>" ("(minute 8 refers)")."""
        return any(re.match(rf"{re.escape(number)}\b", ref, re.IGNORECASE) for ref in self.minute_refs)


# "\bminutes?\s+" ignoring case, spelled out to begin with a set of characters, which `re`
# skips to (a pattern that ignores case is tried at every character): "İ" and "ı" are what
# `re` also takes for "i" ignoring case, "ſ" for "s"; the look-behind is the "\b"
MINUTE_REF = re.compile(r"[Mm](?<!\w[Mm])[Ii\u0130\u0131][Nn][Uu][Tt][Ee][Ss\u017f]?\s+")


def _cited(text: str) -> tuple[tuple[str, ...], tuple[date, ...]]:
    """The minute references and dates of `text`, for `_Unit` (which keeps these, not the text)."""
    refs = tuple(text[m.end(): m.end() + 60] for m in MINUTE_REF.finditer(text))
    return refs, tuple(d for d, *_ in find_dates(text)) if refs else ()


@dataclass
class _Asked:
    fu: FollowUp
    iri: URIRef
    item_title: str
    item_number: str | None
    item_iri: URIRef
    meeting: URIRef
    committee: URIRef | None
    date: date | None
    target: URIRef | None


@dataclass
class DocumentDecisions:
    """What one document gives the batch-wide passes: its items and reports (as follow-up
    matching sees them), its follow-ups, and the topics and resolution types it used."""

    units: list[_Unit] = field(default_factory=list)
    asked: list[_Asked] = field(default_factory=list)
    topics: set[URIRef] = field(default_factory=set)
    types: set[str] = field(default_factory=set)


def add_document(builder, doc: Document, meetings: list[Meeting], scheme) -> DocumentDecisions:
    """Add resolution types, topics and figures to the graph `builder` (a per-document
    `kg.build._Builder`) writes for `doc`; what the batch-wide passes need is returned."""
    out = DocumentDecisions()
    g = builder.graph_of(doc)
    d = URIRef(str(ID[f"doc/{doc.sha256[:16]}"]))
    for m in meetings:
        mi = builder.meeting_iri_of(m)
        committee = builder.committee(m.committee) if m.committee else None
        for item in m.items:
            ii = builder.item_iri_of(item)
            if ii is None:
                continue  # this meeting's items were read from another document
            for res in item.resolutions:
                ri = builder.resolution_iri_of(res)
                if ri is not None:
                    kind = resolution_type(res.text)
                    out.types.add(kind)
                    g.add((ri, MKG.resolutionType, RT[kind]))
            title_span, body = item_parts(item)
            unit = _Unit(ii, "item", mi, committee, m.date, item.title, *_cited(doc.text[body.start:body.end]),
                         item.number, cites=[r.agenda_item for r in item.reports if r.agenda_item])
            out.units.append(unit)
            body_text = doc.text[body.start:body.end]
            scan = scheme.scan(body_text)  # for its topics, and again for its figures' sentences
            unit.topics = _topics(builder, g, doc, d, ii, scheme, doc.text[title_span.start:title_span.end],
                                  title_span.start, body_text, body.start, scan)
            out.topics |= set(unit.topics)
            out.topics |= _figures(builder, g, doc, d, ii, scheme, body_text, body.start, scan)
            for report in item.reports:
                rep = builder.report_iri_of(report)
                if rep is not None:
                    title, title_start = _where_written(doc.text, report.title, item.span)
                    out.topics |= set(_topics(builder, g, doc, d, rep, scheme, title, title_start, "", 0))
            for fu in item.follow_ups:
                fi = builder.follow_up_iri_of(fu)
                if fi is not None:
                    out.asked.append(_Asked(fu, fi, item.title, item.number, ii, mi, committee, m.date, None))
        for k, report in enumerate(m.reports):
            rep = builder.report_iri_of(report)
            if rep is None:
                continue
            span = report_extent(m, k)
            text = doc.text[span.start:span.end]
            unit = _Unit(rep, "report", mi, committee, report.for_meeting_date or m.date, report.title, *_cited(text),
                         agenda_ref=report.agenda_item)
            out.units.append(unit)
            title, title_start = _where_written(doc.text, report.title, span)
            scan = scheme.scan(text)
            unit.topics = _topics(builder, g, doc, d, rep, scheme, title, title_start, text, span.start, scan)
            out.topics |= set(unit.topics)
            out.topics |= _figures(builder, g, doc, d, rep, scheme, text, span.start, scan)
    return out


def add_batch(shared, links: Graph, found: list[DocumentDecisions], scheme) -> None:
    """The passes across documents, into `links`: pack reports linked to the items that
    considered them, follow-ups matched to what came back; and into `shared` (which also names
    target bodies) the topics and resolution types used."""
    units = [u for f in found for u in f.units]
    _link_pack_reports(units, links)
    as_of = max((u.date for u in units if u.date), default=None)
    index = _UnitIndex(units)
    for a in (a for f in found for a in f.asked):
        _follow_up(shared, links, a, index, as_of, scheme)
    for topic in sorted(set().union(*(f.topics for f in found))):
        for t in scheme.concept_triples(topic):
            shared.add(t)
    _add_resolution_types(shared, set().union(*(f.types for f in found)))


# ---------------------------------------------------------------- resolution types

def resolution_type(text: str) -> str:
    """The slug of the resolution-type concept that fits `text` ("noted", "approval", ...)."""
    flat = squash(text)
    for slug, rx in RESOLUTION_RULES:
        if rx.search(flat):
            return slug
    return "other"


@lru_cache(maxsize=1)
def _resolution_scheme() -> Graph:
    g = Graph()
    g.parse(Path(str(resources.files("ontology") / "resolution-types.ttl")), format="turtle")
    return g


def _add_resolution_types(shared: Graph, used: set[str]) -> None:
    scheme = _resolution_scheme()
    for s, p, o in scheme.triples((RT_SCHEME, None, None)):
        if p != SKOS.hasTopConcept or str(o).rsplit("/", 1)[-1] in used:
            shared.add((s, p, o))
    for slug in sorted(used):
        for t in scheme.triples((RT[slug], None, None)):
            shared.add(t)


# ---------------------------------------------------------------- topics and figures

def _topics(builder, g: Graph, doc: Document, d: URIRef, node: URIRef, scheme, title: str,
            title_start: int | None, body: str, body_start: int, scan=None) -> dict[URIRef, float]:
    """Assign topics to `node`; a title with no place in the document (a report's title as
    the segmenter cleaned it) counts, but gives no span. `scan`: the body's (`TopicScheme.scan`)."""
    found = scheme.score(title, body, title_start if title_start is not None else -10 ** 9, body_start, scan)
    out = {}
    for ts in found:
        slug = str(ts.topic).rsplit("/", 1)[-1]
        ta = URIRef(f"{node}/topic/{slug}")
        g.add((node, MKG.topic, ts.topic))
        g.add((node, MKG.topicAssignment, ta))
        g.add((ta, RDF.type, MKG.TopicAssignment))
        g.add((ta, MKG.topic, ts.topic))
        g.add_written(ta, MKG.weight, _decimal(f"{ts.weight:.2f}"))
        g.add_text(ta, MKG.evidence, "; ".join(ts.evidence))
        g.add((ta, PROV.wasDerivedFrom, d))
        for hit in ts.hits:
            if hit.start >= 0:
                builder.add_span(g, doc, ta, Span(hit.start, hit.end))
        out[ts.topic] = ts.weight
    return out


def _figures(builder, g: Graph, doc: Document, d: URIRef, node: URIRef, scheme, text: str, start: int,
             scan=None) -> set[URIRef]:
    """The figures of one item or report written to `g`; the topics their sentences name
    (read from `scan`, the text's `TopicScheme.scan`, where that gives what finding them would)."""
    topics: set[URIRef] = set()
    named_in: dict[str, set[URIRef]] = {}  # a sentence's topics: several figures share one sentence
    found = doc.figures.get((start, start + len(text)))
    if found is None:  # not worked out in the per-document stage
        found = find_figures(text, start)
    for k, f in enumerate(found):
        fi = URIRef(f"{node}/figure/{k + 1}")
        g.add((node, MKG.figure, fi))
        g.add((fi, RDF.type, MKG.Figure))
        g.add_text(fi, RDFS.label, f.surface + (f" {f.counts}" if f.counts and f.unit == "count" else ""))
        g.add_written(fi, MKG.value, _decimal(format(f.value, "f")))
        g.add_text(fi, MKG.unit, f.unit)
        if f.counts:
            g.add_text(fi, MKG.counts, f.counts)
        g.add_text(fi, MKG.sentence, f.sentence)
        named = named_in.get(f.sentence)
        if named is None:
            named = scheme.topics_within(scan, f.sentence_span.start - start, f.sentence_span.end - start) \
                if scan is not None else None
            if named is None:
                named = {hit[0] for hit in scheme.find(f.sentence)}
            named_in[f.sentence] = named
        for topic in sorted(named):
            g.add((fi, MKG.topic, topic))
        topics |= named
        g.add((fi, PROV.wasDerivedFrom, d))
        builder.add_span(g, doc, fi, f.span)
    return topics


# ---------------------------------------------------------------- one meeting, two documents

def _where_written(text: str, title: str, span: Span) -> tuple[str, int | None]:
    """`title` as written in `text` within `span` (its words may be split over lines, in any
    case) and where, so that a topic found in it has a true span; else (`title`, None)."""
    words = title.split()
    if not words:
        return title, None
    part = text[span.start:span.end]
    if title.isascii() and _case_safe(part):
        found = _words_at(part.lower(), title.lower().split())  # what the regex below finds, without compiling one
        return (part[found[0]:found[1]], span.start + found[0]) if found else (title, None)
    m = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE).search(text, span.start, span.end)
    return (m.group(0), m.start()) if m else (title, None)


def _words_at(text: str, words: list[str]) -> tuple[int, int] | None:
    """The first place in `text` where `words` (none empty, none with a space) follow each other
    with whitespace between: start and end, or None."""
    start = text.find(words[0])
    while start >= 0:
        end = start + len(words[0])
        for word in words[1:]:
            gap = end
            while end < len(text) and text[end].isspace():
                end += 1
            if end == gap or not text.startswith(word, end):
                break
            end += len(word)
        else:
            return start, end
        start = text.find(words[0], start + 1)
    return None


def _link_pack_reports(units: list[_Unit], links: Graph) -> None:
    """An agenda pack's report for a meeting whose minutes are also in the batch: the item
    that cites it ("the report marked 'Agenda Item 8'"), or failing that the one item whose
    title matches it, considered it."""
    by_meeting: dict[URIRef, list[_Unit]] = {}
    for u in units:
        by_meeting.setdefault(u.meeting, []).append(u)
    for meeting, group in sorted(by_meeting.items()):
        items = [u for u in group if u.kind == "item"]
        for rep in (u for u in group if u.kind == "report"):
            if not items:
                break
            match = [i for i in items if rep.agenda_ref and rep.agenda_ref in i.cites]
            if not match:
                match = [i for i in items if _overlap(_words(rep.title), _words(i.title))[0] >= 0.75]
            if len(match) == 1:
                links.add((match[0].iri, MKG.considered, rep.iri))


# ---------------------------------------------------------------- follow-ups

class _UnitIndex:
    """The batch's units as follow-up matching looks them up: by IRI (the first unit with
    it) and by committee (the dated ones, in the order they are tried as answers), and there
    by the subject words of their titles, so that each follow-up tries only the units that
    share a word with it (every way of answering needs one) rather than every later unit."""

    def __init__(self, units: list[_Unit]):
        self.first: dict[URIRef, _Unit] = {}
        self.dated: dict[URIRef | None, list[_Unit]] = {}
        for u in units:
            self.first.setdefault(u.iri, u)
            if u.date:
                self.dated.setdefault(u.committee, []).append(u)
        self.by_word: dict[URIRef | None, dict[str, list[int]]] = {}
        for body, group in self.dated.items():
            group.sort(key=lambda u: (u.date, u.kind != "item", str(u.iri)))
            words = self.by_word[body] = {}
            for k, u in enumerate(group):
                for w in _words(u.title):
                    words.setdefault(w, []).append(k)
        self.dates = {body: [u.date for u in group] for body, group in self.dated.items()}

    def later(self, body: URIRef | None, after: date, besides: URIRef, words: frozenset[str]) -> Iterator[_Unit]:
        """The units of `body` dated after `after` whose titles share one of `words`, other
        than `besides`, earliest first."""
        group = self.dated.get(body, ())
        start = bisect.bisect_right(self.dates.get(body, ()), after)
        index = self.by_word.get(body, {})
        places = set()
        for w in words:
            found = index.get(w, ())
            places.update(found[bisect.bisect_left(found, start):])
        for k in sorted(places):
            if not str.__eq__(group[k].iri, besides):  # as strings: rdflib's == costs ten times more
                yield group[k]


def _follow_up(shared, g: Graph, a: _Asked, units: _UnitIndex, as_of: date | None, scheme) -> None:
    target = target_body(a.fu.text)
    body = a.committee
    if target and not re.fullmatch(r"(?:Committee|Scrutiny\s+Committee)", target, re.IGNORECASE):
        body = shared.committee(target)
    if body is not None:
        g.add((a.iri, MKG.targetBody, body))
    origin = units.first.get(a.item_iri)
    best = None
    if a.date is not None:
        subject = _words(a.item_title) | _words(a.fu.text)
        strong = _strong(origin)
        for u in units.later(body, a.date, a.item_iri, subject):
            conf, reason = _answers(a, subject, strong, u, scheme)
            if conf >= ACCEPT and (best is None or (u.date == best[0].date and conf > best[1])):
                best = (u, conf, reason)
            if best is not None and u.date != best[0].date:
                break
    due_end = _due_end(a.fu)
    if best is not None:
        u, conf, reason = best
        if due_end and u.date > due_end:
            reason += f"; came back after its due date ({_when(due_end)})"
        g.add((a.iri, MKG.fulfilledBy, u.iri))
        g.add((a.iri, MKG.fulfilmentConfidence, Literal(f"{conf:.2f}", datatype=XSD.decimal)))
        g.add((a.iri, MKG.fulfilmentReason, Literal(reason)))
        status = "fulfilled"
    elif due_end and as_of and due_end < as_of:
        status = "overdue"
    else:
        status = "open"
    g.add((a.iri, MKG.status, Literal(status)))


def target_body(text: str) -> str | None:
    """The body a follow-up should come back to, as the text names it ("the Cabinet",
    "a future meeting of the Children's Social Care Panel"); None when it names none."""
    for m in TARGET.finditer(squash(text)):
        name = re.sub(r"^(?:The|This)\s+", "", m.group("name").strip())
        return name
    return None


def _answers(a: _Asked, subject: frozenset[str], strong_origin: frozenset[URIRef], u: _Unit,
             scheme) -> tuple[float, str]:
    """How sure we are that `u` answers the follow-up `a` (whose subject words are `subject`,
    and whose item is mainly about the topics `strong_origin`), and why."""
    title_words = _words(u.title)
    shared_score, shared = _overlap(subject, title_words)
    if not shared:  # every way of answering needs a subject word in common
        return 0.0, "no match"
    reasons = []
    conf = 0.0
    number = a.item_number
    # "(minute 8 refers)": a citation counts when the title is on the same subject too, since
    # "Arising from minute 19, ..." under matters arising is not the report that was asked for
    if number and shared and u.cites_minute(number):
        cited_dates = u.dates_cited
        if a.date in cited_dates:
            conf = 0.95
            reasons.append(f"cites minute {number} of {_when(a.date)}")
        elif not cited_dates:
            conf = 0.75
            reasons.append(f"cites minute {number}")
    strong = sorted(_shared_topics(strong_origin, u, scheme))
    if (len(shared) >= 2 and shared_score >= 0.5 or shared and shared_score == 1.0 and len(title_words) == 1
            or shared and strong):
        s = 0.45 + 0.35 * shared_score if len(shared) >= 2 or len(title_words) == 1 else 0.5
        tail = ""
        if UPDATE_WORDS.search(u.title):
            s += 0.1
            tail = " and reads as an update"
        due_end = _due_end(a.fu)
        if due_end and abs((u.date - due_end).days) <= 62:
            s += 0.05
            tail += ", near its due date"
        conf = min(0.99, conf + 0.03) if conf else min(s, 0.9)
        same = f" and the same main topic ({', '.join(strong)})" if strong else ""
        reasons.append(f"title shares \"{' '.join(sorted(shared))}\" with the request{same}{tail}")
    return round(conf, 2), "; ".join(reasons) or "no match"


def _strong(unit: _Unit | None) -> frozenset[URIRef]:
    """The topics `unit` is mainly about (weight 0.8 or more)."""
    return frozenset(t for t, w in unit.topics.items() if w >= 0.8) if unit is not None else frozenset()


def _shared_topics(strong_origin: frozenset[URIRef], u: _Unit, scheme) -> set[str]:
    """The topics both the asking item and `u` are mainly about."""
    if not strong_origin:
        return set()
    both = strong_origin & _strong(u)
    return {scheme.label.get(t, str(t).rsplit("/", 1)[-1]) for t in both}


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset[str]:
    """The subject words of `text` (kept: each title is compared with many follow-ups)."""
    words = set()
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text):
        w = w.lower().replace("’", "'")
        if w in SUBJECT_STOP or len(w) < 3:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        words.add(w)
    return frozenset(words)


def _overlap(a: set[str], b: set[str]) -> tuple[float, set[str]]:
    shared = a & b
    if not a or not b:
        return 0.0, shared
    return len(shared) / min(len(a), len(b)), shared


def _due_end(fu: FollowUp) -> date | None:
    """The last day a follow-up is on time: the day itself, or the end of the month named."""
    if fu.due is None:
        return None
    if fu.due_precision == "month":
        return date(fu.due.year, fu.due.month, calendar.monthrange(fu.due.year, fu.due.month)[1])
    return fu.due


def _when(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"
