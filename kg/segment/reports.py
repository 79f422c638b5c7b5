"""Reports put to an item, what the committee asked to come back, and the next meeting's date.

Reports: "Report of the Director of ..." or "Report author: ..." under an item's title (web
pages), "The Committee considered a report of the ...", "To consider a report by the ...",
"There was submitted a report by ...", "The Scrutiny Officer submitted a report ...",
"Mr X presented an update ...", "X gave a presentation ...", and an item whose title names a
report ("Annual Report ...", "... Update") and links its document. The report takes the item's
title; its authors are the posts or people it is "of".

Follow-ups: a clause or sentence asking for something to come back: "a further report be brought
to ...", "requested further information on ...", "will be invited to a future meeting", "report
back", "X to write to ... in time for the next meeting", with the date named where there is one.
"""
from __future__ import annotations

import re
from datetime import date

from kg.models import FollowUp, Report, Span
from kg.segment.header import year_for
from kg.segment.legacy import FOLLOW_UP, split_authors
from kg.segment.when import MONTH, dates_in, dates_without_year

_AUTHOR_LINE = re.compile(r"^[ \t]*(?:(?:Joint\s+)?Report\s+(?:of|by|from)|Report\s+author|Report\s+of|Lead\s+officer|"
                          r"Presented\s+by|Author)\s*(?:\(s\))?\s*:?\s*(?:the\s+)?(?P<who>[^\n]{3,160})$",
                          re.IGNORECASE | re.MULTILINE)
_END = (r"(?=\s+(?:which|on|providing|that|setting|regarding|concerning|about|in\s+relation|to\s+(?!the\s+\w+\s+Committee)\w+|"
        r"presenting|outlining|seeking|giving|highlighting|informing|updating|detailing|summarising|explaining|"
        r"\(copy|\(previously|\(circulated|\(attached|\(appended|\(enclosed|\(agenda|\(now|for\s+the|as\s+set)\b|[,.;]|\s*$)")
_CONSIDERED = re.compile(
    r"\b(?:considered|consider|received|receive|noted|note|had\s+before\s+it|gave\s+consideration\s+to|"
    r"there\s+(?:was|were)\s+submitted|submitted|presented|introduced|tabled)\s+(?:a|an|the)\s+(?:joint\s+)?"
    r"(?:written\s+|verbal\s+|oral\s+|detailed\s+|annual\s+)?(?P<kind>report|presentation|update)s?\s+(?:of|from|by)\s+"
    r"(?:the\s+)?(?P<who>[^\n]{3,160}?)" + _END, re.IGNORECASE)
_BY_SUBJECT = re.compile(
    r"(?:^|(?<=[.\n]\s)|(?<=\n))[ \t]*(?:The\s+)?(?P<who>(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?[A-Z][\w'’.&()-]*"
    r"(?:[ ,]+(?:of|and|for|the|&|[A-Z][\w'’.&()-]*)){0,9}?)\s*,?\s+"
    r"(?:submitted|presented|introduced|gave|delivered|provided)\s+(?:a|an|the)\s+(?:joint\s+|brief\s+|verbal\s+|written\s+)?"
    r"(?P<kind>report|presentation|update)\b", re.MULTILINE)
_REPORT_TITLE = re.compile(r"\b(?:Report|Update|Presentation|Review|Strategy|Plan|Statement|Accounts|Assessment|Monitoring|"
                           r"Performance|Budget|Audit)\b", re.IGNORECASE)
_NOT_AUTHOR = re.compile(r"^(?:The\s+)?(?:Committee|Sub-Committee|Board|Panel|Council|Cabinet|Members?|Chair(?:man)?|"
                         r"Meeting|It|He|She|They|This|There|Following|During|Councillors)$", re.IGNORECASE)


def _author(raw: str) -> list[str]:
    raw = re.sub(r"\s*\((?:copy|previously|circulated|attached|enclosed|now)[^)]*\)", "", raw)
    raw = re.sub(r"\s+(?:on|to|for|which|that|providing|seeking|setting)\b.*$", "", raw.strip(), flags=re.IGNORECASE)
    raw = raw.strip(" .,;:")
    if not raw or len(raw) > 120 or _NOT_AUTHOR.match(raw):
        return []
    return split_authors(raw)


def reports_in(text: str, start: int, end: int, title: str, title_span: Span | None, linked: bool) -> list[Report]:
    """The reports item text[start:end] (title `title`) considered; one report per item."""
    authors: list[str] = []
    kind, at = "report", None
    for m in _AUTHOR_LINE.finditer(text, start, end):
        authors += _author(m.group("who"))
        at = at or m.start()
        break
    for m in _CONSIDERED.finditer(text, start, end):
        authors += [a for a in _author(m.group("who")) if a not in authors]
        kind = "presentation" if m.group("kind").lower() == "presentation" else kind
        at = at or m.start()
    for m in _BY_SUBJECT.finditer(text, start, end):
        who = m.group("who").strip(" ,")
        for a in _author(who):
            if a not in authors:
                authors.append(a)
        kind = "presentation" if m.group("kind") == "presentation" else kind
        at = at or m.start()
    if at is None and not (linked and _REPORT_TITLE.search(title)):
        return []
    span = title_span or Span(start, min(end, start + 1))
    return [Report(title=title, span=span, authors=authors, kind=kind)]


_ASKED = re.compile(
    r"\b(?:requested|request|asked\s+for|asked\s+that|sought)\s+(?:that\s+)?(?:a\s+|an\s+)?(?:further|more|additional|an?\s+update)"
    r"|\b(?:will|would|to)\s+(?:come\s+back|revert|report\s+back|be\s+(?:arranged|brought\s+back|reported|considered\s+again|"
    r"invited)|return\s+to)"
    r"|\b(?:at|to|for)\s+(?:a|the)\s+(?:future|next|following|later)\s+(?:monthly\s+|board\s+)?meeting"
    r"|\bin\s+time\s+for\s+the\s+next\s+meeting|\b(?:keen|agreed)\s+to\s+consider\s+this\s+again"
    r"|\bto\s+be\s+(?:brought|reported|presented)\s+(?:back|to)",
    re.IGNORECASE)
_SENT = re.compile(r"(?<=[.!?;])[\"'”’]?\s+(?=[A-Z(‘\"“])|\n[ \t]*\n|\n(?=[ \t]*(?:[-•·o]|\(?[a-z0-9]{1,3}[.)])\s)")


def _sentences(text: str, start: int, end: int):
    pos = start
    for m in _SENT.finditer(text, start, end):
        yield pos, m.start() + (1 if text[m.start():m.start() + 1] in ".!?;" else 0)
        pos = m.end()
    yield pos, end


def follow_ups_in(text: str, start: int, end: int, meeting_date: date | None) -> list[FollowUp]:
    """Every sentence of text[start:end] in which the committee asks for something to come back."""
    out = []
    for s, e in _sentences(text, start, end):
        said = text[s:e]
        if len(said.strip()) < 12:
            continue
        if not (FOLLOW_UP.search(said) or _ASKED.search(said)):
            continue
        due, precision = _due(said, meeting_date)
        while s < e and text[s] in " \t\n-•·":
            s += 1
        out.append(FollowUp(text=" ".join(said.split()), span=Span(s, e), due=due, due_precision=precision))
    return out


def _due(said: str, meeting_date: date | None) -> tuple[date | None, str | None]:
    found = dates_in(said)
    if found:
        return found[0][0], "day"
    if meeting_date is not None:
        placed = year_for(dates_without_year(said, meeting_date.year), meeting_date)
        if placed:
            return placed, "day"
        m = re.search(rf"\b(?:in|at|for|by|until|to)\s+(?:the\s+)?(?P<m>{MONTH})\b(?!\s+\d)", said)
        if m:
            placed = year_for(dates_without_year(f"1 {m.group('m')}", meeting_date.year), meeting_date)
            if placed:
                return placed.replace(day=1), "month"
    return None, None


_NEXT = re.compile(r"(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+(?:\w+\s+){0,2}?meeting|next\s+(?:\w+\s+){0,3}?meeting)"
                   r"(?:[^\n.]{0,80}?(?:will\s+be|is|was|would\s+be|to\s+be|shall\s+be|be)\s+(?:held\s+)?(?:on\s+)?|\s*[:\-–—]+\s*|"
                   r"\s+(?:is\s*:?\s*)?|\s+on\s+)", re.IGNORECASE)


def next_meeting_in(text: str, start: int, end: int, meeting_date: date | None) -> tuple[date, int] | None:
    """The date the minutes announce for the next meeting, and where it is said."""
    for m in _NEXT.finditer(text, start, end):
        window = text[m.end():min(end, m.end() + 70)]
        window = window.split("\n\n")[0]
        found = dates_in(window)
        if found and (meeting_date is None or found[0][0] > meeting_date):
            return found[0][0], m.start()
        if meeting_date is not None:
            placed = year_for(dates_without_year(window[:40], meeting_date.year), meeting_date)
            if placed:
                return placed, m.start()
    return None
