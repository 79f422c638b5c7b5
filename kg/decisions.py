"""Decisions across meetings: what each resolution does, what came back, what it was about.

Runs once the batch's meetings are in the graph (`kg.build.assemble` calls `add_decisions`),
because a follow-up asked at one meeting is answered at a later one, often read from
another document. It adds:

- `mkg:resolutionType` on every resolution: a concept of `ontology/resolution-types.ttl`,
  chosen by the first rule of `RESOLUTION_RULES` that fits the clause;
- on every follow-up: `mkg:targetBody` (the body the text names, else the committee that
  asked), `mkg:fulfilledBy` the first later item or report of that body on the same
  subject, with `mkg:fulfilmentConfidence` and `mkg:fulfilmentReason`, and `mkg:status`
  as of the latest meeting in the graph: fulfilled, overdue (past its due date), or open;
- `mkg:topic` and a qualified `mkg:TopicAssignment` (weight, evidence, span) on every item
  and report, from the topic scheme (`kg.topics`);
- `mkg:figure` nodes for the money, counts and rates each item and report quotes
  (`kg.figures`);
- `mkg:considered` from a minuted item to the agenda-pack report put to it, when the pack
  and the minutes of the same meeting are both in the batch.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.figures import find_figures, item_parts, report_extent
from kg.models import AgendaItem, Document, FollowUp, Meeting, Report, Span
from kg.namespace import ID, MKG, PROV
from kg.textutil import find_dates, squash
from kg.topics import load_scheme

VERSION = "decisions/1"
RT = Namespace(str(ID) + "resolution-type/")
RT_SCHEME = ID["resolution-type"]

# First match wins: the strongest thing a clause does decides its type.
RESOLUTION_RULES: list[tuple[str, re.Pattern]] = [(slug, re.compile(rx, re.IGNORECASE)) for slug, rx in [
    ("minutes-confirmed", r"\bminutes\b.{0,120}?\b(?:confirmed|approved|agreed|signed)\b|\bbe\s+taken\s+as\s+read\b"),
    ("appointment", r"\b(?:be|is|was|were|are)\s+(?:re-?)?(?:elected|appointed|nominated)\b|\belected\s+(?:as\s+)?(?:the\s+)?"
                    r"(?:Chair|Vice|Deputy)|\bappointment\s+of\b"),
    ("next-meeting-date", r"\b(?:next|future)\s+meeting\s+(?:of\s+the\s+\w+\s+)?(?:be|will\s+be|would\s+be)\s+held\b|"
                          r"\bdate\s+of\s+the\s+next\s+meeting\b|\bnext\s+meeting\b.{0,40}\bheld\s+on\b"),
    ("comments-forwarded", r"\b(?:comments|views|observations|concerns)\b.{0,120}?\b(?:be|are|to\s+be)\s+"
                           r"(?:forwarded|submitted|passed|reported|referred|conveyed|sent|made\s+available|provided)\b"),
    ("further-report-requested", r"\b(?:further|follow[- ]up|final|detailed|full)\s+report\b|\breport\s+back\b|"
                                 r"\breport\b.{0,80}?\b(?:be\s+)?(?:presented|submitted|brought|considered)\s+(?:to|at)\s+"
                                 r"(?:a|the)\s+(?:future|later|next)\b|\binvited\s+to\s+(?:attend\s+)?a\s+future\s+meeting\b"),
    ("update-requested", r"\b(?:update|updates|briefing|information|progress\s+report|results|outcome|findings)\b.{0,120}?"
                         r"\b(?:be|are|to\s+be)\s+(?:provided|presented|given|circulated|submitted|shared|reported|brought)\b|"
                         r"\b(?:be\s+)?(?:kept\s+)?(?:informed|updated|advised)\s+(?:of|on|about)\b|\breceive\s+an?\s+update\b"),
    ("recommendation", r"\brecommend(?:s|ed|ation|ations)?\b|\b(?:Cabinet|Council|Executive)\s+be\s+(?:asked|requested|urged|"
                       r"advised|invited)\b|\burges?\b"),
    ("approval", r"\b(?:be|is|are)\s+(?:approved|agreed|endorsed|adopted|supported|accepted|ratified)\b|"
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
    text: str
    number: str | None = None
    agenda_ref: str | None = None
    graph: Graph | None = None
    topics: dict[URIRef, float] = field(default_factory=dict)
    cites: list[str] = field(default_factory=list)  # "Agenda Item 8" marks of its reports


@dataclass
class _Asked:
    fu: FollowUp
    iri: URIRef
    graph: Graph
    doc: Document
    item: AgendaItem
    item_iri: URIRef
    meeting: URIRef
    committee: URIRef | None
    date: date | None
    target: URIRef | None


def add_decisions(builder, docs: list[tuple[Document, list[Meeting]]], topics: str | None = None) -> None:
    """Add resolution types, topics, figures, follow-up fulfilment and status to the graphs
    `builder` (a `kg.build._Builder`) holds for `docs`."""
    scheme = load_scheme(topics)
    used_topics: set[URIRef] = set()
    used_types: set[str] = set()
    units: list[_Unit] = []
    asked: list[_Asked] = []
    for doc, meetings in docs:
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
                        used_types.add(kind)
                        g.add((ri, MKG.resolutionType, RT[kind]))
                title_span, body = item_parts(item)
                unit = _Unit(ii, "item", mi, committee, m.date, item.title, doc.text[body.start:body.end],
                             item.number, graph=g, cites=[r.agenda_item for r in item.reports if r.agenda_item])
                units.append(unit)
                unit.topics = _topics(builder, g, doc, d, ii, scheme, doc.text[title_span.start:title_span.end],
                                      title_span.start, doc.text[body.start:body.end], body.start)
                used_topics |= set(unit.topics)
                _figures(builder, g, doc, d, ii, doc.text[body.start:body.end], body.start)
                for report in item.reports:
                    rep = builder.report_iri_of(report)
                    if rep is not None:
                        title, title_start = _where_written(doc.text, report.title, item.span)
                        used_topics |= set(_topics(builder, g, doc, d, rep, scheme, title, title_start, "", 0))
                for fu in item.follow_ups:
                    fi = builder.follow_up_iri_of(fu)
                    if fi is not None:
                        asked.append(_Asked(fu, fi, g, doc, item, ii, mi, committee, m.date, None))
            for k, report in enumerate(m.reports):
                rep = builder.report_iri_of(report)
                if rep is None:
                    continue
                span = report_extent(m, k)
                text = doc.text[span.start:span.end]
                unit = _Unit(rep, "report", mi, committee, report.for_meeting_date or m.date, report.title, text,
                             agenda_ref=report.agenda_item, graph=g)
                units.append(unit)
                title, title_start = _where_written(doc.text, report.title, span)
                unit.topics = _topics(builder, g, doc, d, rep, scheme, title, title_start, text, span.start)
                used_topics |= set(unit.topics)
                _figures(builder, g, doc, d, rep, text, span.start)
    _link_pack_reports(units)
    as_of = max((u.date for u in units if u.date), default=None)
    index = _UnitIndex(units)
    for a in asked:
        _follow_up(builder, a, index, as_of, scheme)
    for topic in sorted(used_topics):
        for t in scheme.concept_triples(topic):
            builder.shared.add(t)
    _add_resolution_types(builder.shared, used_types)


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
            title_start: int | None, body: str, body_start: int) -> dict[URIRef, float]:
    """Assign topics to `node`; a title with no place in the document (a report's title as
    the segmenter cleaned it) counts, but gives no span."""
    found = scheme.score(title, body, title_start if title_start is not None else -10 ** 9, body_start)
    out = {}
    for ts in found:
        slug = str(ts.topic).rsplit("/", 1)[-1]
        ta = URIRef(f"{node}/topic/{slug}")
        g.add((node, MKG.topic, ts.topic))
        g.add((node, MKG.topicAssignment, ta))
        g.add((ta, RDF.type, MKG.TopicAssignment))
        g.add((ta, MKG.topic, ts.topic))
        g.add((ta, MKG.weight, Literal(f"{ts.weight:.2f}", datatype=XSD.decimal)))
        g.add((ta, MKG.evidence, Literal("; ".join(ts.evidence))))
        g.add((ta, PROV.wasDerivedFrom, d))
        for hit in ts.hits:
            if hit.start >= 0:
                builder.add_span(g, doc, ta, Span(hit.start, hit.end))
        out[ts.topic] = ts.weight
    return out


def _figures(builder, g: Graph, doc: Document, d: URIRef, node: URIRef, text: str, start: int) -> None:
    found = doc.figures.get((start, start + len(text)))
    if found is None:  # not worked out in the per-document stage
        found = find_figures(text, start)
    for k, f in enumerate(found):
        fi = URIRef(f"{node}/figure/{k + 1}")
        g.add((node, MKG.figure, fi))
        g.add((fi, RDF.type, MKG.Figure))
        g.add((fi, RDFS.label, Literal(f.surface + (f" {f.counts}" if f.counts and f.unit == "count" else ""))))
        g.add((fi, MKG.value, Literal(format(f.value, "f"), datatype=XSD.decimal)))
        g.add((fi, MKG.unit, Literal(f.unit)))
        if f.counts:
            g.add((fi, MKG.counts, Literal(f.counts)))
        g.add((fi, MKG.sentence, Literal(f.sentence)))
        g.add((fi, PROV.wasDerivedFrom, d))
        builder.add_span(g, doc, fi, f.span)


# ---------------------------------------------------------------- one meeting, two documents

def _where_written(text: str, title: str, span: Span) -> tuple[str, int | None]:
    """`title` as written in `text` within `span` (its words may be split over lines, in any
    case) and where, so that a topic found in it has a true span; else (`title`, None)."""
    words = title.split()
    m = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE).search(text, span.start, span.end) \
        if words else None
    return (m.group(0), m.start()) if m else (title, None)


def _link_pack_reports(units: list[_Unit]) -> None:
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
                match[0].graph.add((match[0].iri, MKG.considered, rep.iri))


# ---------------------------------------------------------------- follow-ups

class _UnitIndex:
    """The batch's units as follow-up matching looks them up: by IRI (the first unit with
    it) and by committee (the dated ones, in the order they are tried as answers), so that
    each follow-up does not scan and sort every unit of the batch."""

    def __init__(self, units: list[_Unit]):
        self.first: dict[URIRef, _Unit] = {}
        self.dated: dict[URIRef | None, list[_Unit]] = {}
        for u in units:
            self.first.setdefault(u.iri, u)
            if u.date:
                self.dated.setdefault(u.committee, []).append(u)
        for group in self.dated.values():
            group.sort(key=lambda u: (u.date, u.kind != "item", str(u.iri)))

    def later(self, body: URIRef | None, after: date, besides: URIRef) -> list[_Unit]:
        """The units of `body` dated after `after`, other than `besides`, earliest first."""
        return [u for u in self.dated.get(body, ()) if u.date > after and u.iri != besides]


def _follow_up(builder, a: _Asked, units: _UnitIndex, as_of: date | None, scheme) -> None:
    g = a.graph
    target = target_body(a.fu.text)
    body = a.committee
    if target and not re.fullmatch(r"(?:Committee|Scrutiny\s+Committee)", target, re.IGNORECASE):
        body = builder.committee(target)
    if body is not None:
        g.add((a.iri, MKG.targetBody, body))
    origin = units.first.get(a.item_iri)
    best = None
    if a.date is not None:
        for u in units.later(body, a.date, a.item_iri):
            conf, reason = _answers(a, origin, u, scheme)
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


def _answers(a: _Asked, origin: _Unit | None, u: _Unit, scheme) -> tuple[float, str]:
    """How sure we are that `u` answers the follow-up `a`, and why."""
    subject = _words(a.item.title) | _words(a.fu.text)
    title_words = _words(u.title)
    shared_score, shared = _overlap(subject, title_words)
    reasons = []
    conf = 0.0
    number = a.item.number
    # "(minute 8 refers)": a citation counts when the title is on the same subject too, since
    # "Arising from minute 19, ..." under matters arising is not the report that was asked for
    if number and shared and re.search(rf"\bminutes?\s+{re.escape(number)}\b", u.text, re.IGNORECASE):
        cited_dates = [d for d, *_ in find_dates(u.text)]
        if a.date in cited_dates:
            conf = 0.95
            reasons.append(f"cites minute {number} of {_when(a.date)}")
        elif not cited_dates:
            conf = 0.75
            reasons.append(f"cites minute {number}")
    strong = sorted(_shared_topics(origin, u, scheme))
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


def _shared_topics(origin: _Unit | None, u: _Unit, scheme) -> set[str]:
    """The topics both the asking item and `u` are mainly about (weight 0.8 or more)."""
    if origin is None:
        return set()
    both = {t for t, w in origin.topics.items() if w >= 0.8} & {t for t, w in u.topics.items() if w >= 0.8}
    return {scheme.label.get(t, str(t).rsplit("/", 1)[-1]) for t in both}


def _words(text: str) -> set[str]:
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
    return words


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
