"""Tracing across meetings: everything the graph holds about one topic or entity, in date
order, and the state of every follow-up.

Both read a graph file, a folder of them or an Oxigraph store (through `kg.store.execute`),
so they work the same on five documents and on an archive.
"""
from __future__ import annotations

import calendar
import html
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.errors import QueryError
from kg.queries import PREFIXES

KIND_ORDER = {"item": 0, "report": 1, "resolution": 2, "follow-up": 3, "figure": 4}


@dataclass(frozen=True)
class Subject:
    """What the user asked to trace, as the graph knows it."""

    iri: str
    label: str
    kind: str  # topic | organisation | service | person | post | committee


@dataclass
class TraceRow:
    """One line of a trace: an item or report about the subject, or what was decided in it."""

    date: str | None
    meeting: str
    kind: str
    minute: str | None
    text: str
    detail: str
    file: str | None
    start: int | None
    end: int | None
    iri: str
    order: int = 0


@dataclass
class FollowUpRow:
    asked: str | None
    committee: str | None
    minute: str | None
    text: str
    due: str | None
    precision: str | None
    status: str
    fulfilled_by: str | None = None
    fulfilled_on: str | None = None
    confidence: float | None = None
    reason: str | None = None
    file: str | None = None
    start: int | None = None
    end: int | None = None
    iri: str = ""
    extra: dict = field(default_factory=dict)


def _rows(source, sparql: str) -> list[dict]:
    from kg.store import execute

    _, columns, rows = execute(source, PREFIXES + sparql)
    return [{c: (None if v is None else str(v)) for c, v in zip(columns, row)} for row in rows]


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- subjects

def find_subjects(source, term: str) -> list[Subject]:
    """Topics and named things whose label or alternative label is `term` (any case); when
    none is, those whose labels contain it. An IRI names its node directly."""
    term = term.strip()
    if not term:
        raise QueryError("give a topic or a name to trace, e.g. `kg trace graphs/examples.ttl Ofsted`")
    kinds = {"Topic": "topic", "Organisation": "organisation", "Service": "service", "Person": "person",
             "Post": "post", "Committee": "committee"}
    values = " ".join(f"mkg:{k}" for k in kinds)
    if re.match(r"https?://", term):
        cond = f"FILTER(?s = <{term}>)"
    else:
        cond = f"FILTER(CONTAINS(LCASE(STR(?l)), LCASE({_lit(term)})))"
    found = _rows(source, f"""SELECT DISTINCT ?s ?class ?label ?l WHERE {{
        VALUES ?class {{ {values} }} ?s a ?class ; rdfs:label ?label .
        {{ ?s rdfs:label ?l }} UNION {{ ?s skos:altLabel ?l }} UNION {{ ?s skos:prefLabel ?l }} {cond} }}""")
    exact = [r for r in found if r["l"].lower() == term.lower() or r["s"] == term]
    picked = exact or found
    out = {}
    for r in picked:
        out.setdefault(r["s"], Subject(r["s"], r["label"], kinds[r["class"].rsplit("#", 1)[-1]]))
    return sorted(out.values(), key=lambda s: (s.kind != "topic", s.label.lower(), s.iri))


# ---------------------------------------------------------------- trace

def trace(source, term: str) -> tuple[list[Subject], list[TraceRow]]:
    """The subjects `term` names and every item, report, resolution, follow-up and figure
    about them, in date order (undated meetings last)."""
    subjects = find_subjects(source, term)
    if not subjects:
        return [], []
    values = " ".join(f"<{s.iri}>" for s in subjects)
    units = _rows(source, f"""SELECT ?u ?why ?s ?w ?ev WHERE {{
        VALUES ?s {{ {values} }}
        {{ ?u mkg:topicAssignment ?ta . ?ta mkg:topic ?s . OPTIONAL {{ ?ta mkg:weight ?w }} OPTIONAL {{ ?ta mkg:evidence ?ev }}
           BIND("topic" AS ?why) }}
        UNION {{ ?u mkg:mentions ?s . BIND("mentions" AS ?why) }} }}""")
    label = {s.iri: s.label for s in subjects}
    why: dict[str, list[str]] = {}
    for r in units:
        if r["why"] == "topic":
            text = f"topic {label[r['s']]}" + (f" ({float(r['w']):.2f}: {r['ev']})" if r["w"] else "")
        else:
            text = f"names {label[r['s']]}"
        why.setdefault(r["u"], [])
        if text not in why[r["u"]]:
            why[r["u"]].append(text)
    if not why:
        return subjects, []
    uvalues = " ".join(f"<{u}>" for u in sorted(why))
    info = _rows(source, f"""SELECT ?u ?kind ?m ?date ?mlabel ?num ?order ?title ?file ?start ?end ?item WHERE {{
        VALUES ?u {{ {uvalues} }}
        {{ ?m mkg:item ?u . BIND("item" AS ?kind) OPTIONAL {{ ?u mkg:order ?order }} }}
        UNION {{ ?u mkg:forMeeting ?m . BIND("report" AS ?kind) OPTIONAL {{ ?item mkg:considered ?u }} }}
        OPTIONAL {{ ?m mkg:date ?date }} OPTIONAL {{ ?m rdfs:label ?mlabel }}
        OPTIONAL {{ ?u mkg:minuteNumber ?num }} OPTIONAL {{ ?u rdfs:label ?title }}
        OPTIONAL {{ ?u mkg:span ?sp . ?sp oa:start ?start ; oa:end ?end ; mkg:inDocument/mkg:fileName ?file }} }}""")
    rows: dict[str, TraceRow] = {}
    for r in sorted(info, key=lambda r: (r["u"], r["item"] or "")):
        if r["u"] in rows:
            continue
        rows[r["u"]] = TraceRow(r["date"], r["mlabel"] or "", r["kind"], r["num"], r["title"] or "",
                                "; ".join(why[r["u"]]), r["file"], _int(r["start"]), _int(r["end"]), r["u"],
                                _int(r["order"]) or 0)
    # a report that an item in the trace considered is shown under that item
    for r in info:
        if r["kind"] == "report" and r["item"] in rows and r["u"] in rows:
            rows[r["item"]].detail += f"; its report {rows[r['u']].text!r} " + rows.pop(r["u"]).detail
    out = list(rows.values())
    words = _subject_words(source, subjects) | {e.strip().lower() for r in units if r.get("ev")
                                                  for e in r["ev"].split(";") if e.strip()}
    out += _decided(source, rows, words)
    return subjects, sorted(out, key=_trace_key)


def _subject_words(source, subjects: list[Subject]) -> set[str]:
    values = " ".join(f"<{s.iri}>" for s in subjects)
    found = _rows(source, f"""SELECT DISTINCT ?l WHERE {{ VALUES ?s {{ {values} }}
        {{ ?s rdfs:label ?l }} UNION {{ ?s skos:altLabel ?l }} UNION {{ ?s skos:prefLabel ?l }} }}""")
    return {r["l"].lower() for r in found if r["l"]}


def _decided(source, units: dict[str, TraceRow], words: set[str]) -> list[TraceRow]:
    """Resolutions and follow-ups of the traced items and reports, and the figures whose
    sentence names the subject (or the words that tied the item to the topic)."""
    items = [u for u in units.values() if u.kind in ("item", "report")]
    if not items:
        return []
    uvalues = " ".join(f"<{u.iri}>" for u in items)
    found = _rows(source, f"""SELECT ?u ?x ?kind ?text ?detail ?detail2 ?file ?start ?end WHERE {{
        VALUES ?u {{ {uvalues} }}
        {{ ?u mkg:resolved ?x . ?x mkg:text ?text . BIND("resolution" AS ?kind)
           OPTIONAL {{ ?x mkg:resolutionType/rdfs:label ?detail }} }}
        UNION {{ ?u mkg:followUp ?x . ?x mkg:text ?text . BIND("follow-up" AS ?kind)
           OPTIONAL {{ ?x mkg:status ?detail }} OPTIONAL {{ ?x mkg:dueDate ?detail2 }} }}
        UNION {{ ?u mkg:figure ?x . ?x rdfs:label ?text . BIND("figure" AS ?kind)
           OPTIONAL {{ ?x mkg:counts ?detail }} OPTIONAL {{ ?x mkg:sentence ?detail2 }} }}
        OPTIONAL {{ ?x mkg:span ?sp . ?sp oa:start ?start ; oa:end ?end ; mkg:inDocument/mkg:fileName ?file }} }}""")
    out = []
    seen = set()
    for r in sorted(found, key=lambda r: (r["u"], _int(r["start"]) or 0, r["x"])):
        if r["x"] in seen:
            continue
        seen.add(r["x"])
        u = units[r["u"]]
        if r["kind"] == "resolution":
            detail = r["detail"] or ""
        elif r["kind"] == "follow-up":
            detail = (r["detail"] or "") + (f", due {r['detail2']}" if r["detail2"] else "")
        else:
            sentence = (r["detail2"] or "").lower()
            if not any(_has_phrase(sentence, w) for w in words):
                continue
            detail = (r["detail"] or "") + (f" — {r['detail2']}" if r["detail2"] else "")
        out.append(TraceRow(u.date, u.meeting, r["kind"], u.minute, r["text"], detail, r["file"],
                            _int(r["start"]), _int(r["end"]), r["x"], u.order))
    return out


def _has_phrase(text: str, phrase: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)) if phrase else False


def _trace_key(r: TraceRow):
    return (r.date is None, r.date or "", r.meeting, r.order, _minute_key(r.minute), r.iri.split("/item/")[0],
            KIND_ORDER.get(r.kind, 9) if r.kind in ("item", "report") else 0, r.start or 0, r.iri)


def _minute_key(minute: str | None):
    if minute is None:
        return (1, 0, "")
    m = re.match(r"\d+", minute)
    return (0, int(m.group(0)) if m else 0, minute)


def _int(v) -> int | None:
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------- follow-ups

def follow_ups(source, as_of: date | None = None) -> tuple[list[FollowUpRow], date | None]:
    """Every follow-up with its status. With `as_of`, status is worked out afresh for that
    day (fulfilled, overdue when its due date has passed, else open); without it, the status
    the build recorded (as of the latest meeting in the graph) is used."""
    rows = _rows(source, """SELECT ?f ?asked ?committee ?minute ?text ?due ?precision ?status ?by ?bylabel ?bydate
            ?conf ?why ?file ?start ?end WHERE {
        ?m mkg:item ?i . ?i mkg:followUp ?f . ?f mkg:text ?text .
        OPTIONAL { ?m mkg:date ?asked } OPTIONAL { ?m mkg:committee/rdfs:label ?committee }
        OPTIONAL { ?i mkg:minuteNumber ?minute } OPTIONAL { ?f mkg:dueDate ?due }
        OPTIONAL { ?f mkg:dueDatePrecision ?precision } OPTIONAL { ?f mkg:status ?status }
        OPTIONAL { ?f mkg:fulfilledBy ?by . OPTIONAL { ?by rdfs:label ?bylabel }
                   OPTIONAL { { ?bym mkg:item ?by } UNION { ?by mkg:forMeeting ?bym } ?bym mkg:date ?bydate } }
        OPTIONAL { ?f mkg:fulfilmentConfidence ?conf } OPTIONAL { ?f mkg:fulfilmentReason ?why }
        OPTIONAL { ?f mkg:span ?sp . ?sp oa:start ?start ; oa:end ?end ; mkg:inDocument/mkg:fileName ?file } }""")
    latest = _rows(source, "SELECT (MAX(?d) AS ?latest) WHERE { ?m a mkg:Meeting ; mkg:date ?d }")
    graph_as_of = date.fromisoformat(latest[0]["latest"]) if latest and latest[0]["latest"] else None
    out: dict[str, FollowUpRow] = {}
    for r in rows:
        if r["f"] in out:
            continue
        status = r["status"] or "open"
        if as_of is not None:
            due_end = _due_end(r["due"])
            status = "fulfilled" if r["by"] and (not r["bydate"] or r["bydate"] <= as_of.isoformat()) \
                else "overdue" if due_end and due_end < as_of else "open"
        out[r["f"]] = FollowUpRow(r["asked"], r["committee"], r["minute"], r["text"], r["due"], r["precision"],
                                  status, r["bylabel"] or r["by"], r["bydate"],
                                  float(r["conf"]) if r["conf"] else None, r["why"], r["file"],
                                  _int(r["start"]), _int(r["end"]), r["f"])
    ordered = sorted(out.values(), key=lambda f: (f.asked is None, f.asked or "", _minute_key(f.minute), f.iri))
    return ordered, as_of or graph_as_of


def _due_end(due: str | None) -> date | None:
    if not due:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", due):
        y, m = map(int, due.split("-"))
        return date(y, m, calendar.monthrange(y, m)[1])
    try:
        return date.fromisoformat(due[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- timeline page

def timeline_html(subjects: list[Subject], rows: list[TraceRow], term: str, *, sources: dict[str, Path] | None = None,
                  output: Path | None = None) -> str:
    """A self-contained page: one section per meeting, each row linked to the words of its
    source. With `sources` (file name → path) each row quotes its span of the document and
    links to the file; every piece of document text is escaped."""
    from kg.ingest import read_document

    texts: dict[str, str] = {}

    def excerpt(r: TraceRow) -> str:
        if not sources or r.file not in sources or r.start is None:
            return ""
        if r.file not in texts:
            try:
                texts[r.file] = read_document(sources[r.file]).text
            except Exception:  # a source that moved or changed: no quote, the row still shows
                texts[r.file] = ""
        quote = texts[r.file][r.start:r.end]
        if len(quote) > 1500:
            quote = quote[:1500] + " …"
        return f"<details><summary>source text</summary><blockquote>{html.escape(quote)}</blockquote></details>" \
            if quote else ""

    def link(r: TraceRow) -> str:
        if not r.file:
            return ""
        where = f"{r.file}, characters {r.start}–{r.end}" if r.start is not None else r.file
        if sources and r.file in sources:
            target = sources[r.file]
            href = os.path.relpath(target, output.parent) if output else target.as_uri()
            return f'<a class="src" href="{html.escape(str(href))}">{html.escape(where)}</a>'
        return f'<span class="src">{html.escape(where)}</span>'

    parts = []
    current = None
    for r in rows:
        key = (r.date, r.meeting)
        if key != current:
            if current is not None:
                parts.append("</section>")
            current = key
            parts.append(f'<section><h2><time>{html.escape(r.date or "undated")}</time> '
                         f'{html.escape(r.meeting)}</h2>')
        minute = f"minute {html.escape(r.minute)}" if r.minute else ""
        parts.append(f'<div class="row {html.escape(r.kind)}"><span class="kind">{html.escape(r.kind)}</span> '
                     f'<span class="minute">{minute}</span> <span class="text">{html.escape(r.text)}</span>'
                     f'<div class="detail">{html.escape(r.detail)}</div>{link(r)}{excerpt(r)}</div>')
    if current is not None:
        parts.append("</section>")
    names = ", ".join(f"{s.label} ({s.kind})" for s in subjects) or "nothing in the graph"
    title = f"Trace: {term}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{html.escape(title)}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.4rem; }} h2 {{ font-size: 1.05rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }}
time {{ color: #555; font-variant-numeric: tabular-nums; margin-right: .5rem; }}
.row {{ margin: .4rem 0 .4rem 1rem; padding-left: .6rem; border-left: 4px solid #bbb; }}
.row.item {{ border-color: #1f77b4; }} .row.report {{ border-color: #9467bd; }} .row.resolution {{ border-color: #2ca02c; }}
.row.follow-up {{ border-color: #d62728; }} .row.figure {{ border-color: #ff7f0e; }}
.kind {{ font-size: .75rem; text-transform: uppercase; color: #666; }} .minute {{ color: #666; }}
.detail {{ color: #555; font-size: .9rem; }} .src {{ font-size: .8rem; color: #1f5fa0; }}
blockquote {{ white-space: pre-wrap; background: #f6f6f6; margin: .3rem 0; padding: .5rem; font-size: .85rem; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p>Tracing {html.escape(names)}: {len(rows)} entries, oldest first; undated meetings last.</p>
{"".join(parts)}
</body></html>
"""
