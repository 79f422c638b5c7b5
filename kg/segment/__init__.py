"""Text → meetings, for minutes of any council.

    document ─ layout (masked text, lines, headings, linked titles)
             ─ meetings: where each meeting's minutes start (one per document, or one per
               "Minutes of a meeting of X held on <date>" header followed by its attendance)
             ─ per meeting (`kg.segment.minutes`): items (`items`), header (`header`),
               attendance (`attendance`), decisions (`decisions`), reports and follow-ups
               (`reports`), declarations (`declarations`), questions (`questions`)
             ─ agenda packs: reports for a coming meeting under "<COMMITTEE> – <DATE>" headings
               or cover sheets ("Report to:", "Date of meeting:"), read by `kg.segment.packs`
Every record keeps its span in the document's text.
"""
from __future__ import annotations

import re

from kg.models import Document, Meeting
from kg.segment.naming import own_council
from kg.segment.layout import attach_blocks, heading_lines, lines_of, masked
from kg.segment.minutes import attendance_at, read_minutes
from kg.segment.packs import clean_view
from kg.segment.patterns import due_date, split_authors
from kg.segment.people import PERSON_RE, person_with_post  # noqa: F401 (kept API)
from kg.segment.when import dates_in

__all__ = ["segment", "NO_MEETING", "clean_view", "due_date", "split_authors", "PERSON_RE"]

_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+\S|\*\*[^*\n].*\*\*[ \t]*$|<h[1-6]\b|__\S.*__[ \t]*$)")
_LINKED = re.compile(r"\bpdf\s+icon\b|\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b", re.IGNORECASE)
# "Minutes of a meeting of X held ... on <date>" at a line's start: where a meeting's minutes open
_OPENS = re.compile(r"^[ \t]*(?:\*\*)?(?:MINUTES?|Minutes?)\s+of\s+(?:a|an|the)?\s*(?:\w+\s+){0,2}?(?:[Mm]eeting|MEETING|proceedings)\b"
                    r"[^\n]*(?:\n[^\n]*){0,3}", re.MULTILINE)
NO_MEETING = "no meeting found: no heading, date, attendance list or item was recognised"


def segment(doc: Document) -> list[Meeting]:
    """Every meeting a document holds: its minutes, and the meetings an agenda pack's reports are for.
    None when nothing in it is a meeting (no heading, date, attendance list or item): the
    build then skips the document (`NO_MEETING`) instead of inventing an empty meeting."""
    text = masked(doc.text, doc.fmt, doc.blocks)
    lines = lines_of(text)
    attach_blocks(lines, doc.blocks)
    marked = {i for i, raw in enumerate(doc.text.split("\n")) if _HEADING.match(raw)}
    marked |= heading_lines(lines, doc.fmt)
    linked = {i for i, raw in enumerate(doc.text.split("\n")) if _LINKED.search(raw)}
    from kg.segment import packs  # noqa: PLC0415

    pack_start, pack_meetings = packs.agenda_reports(doc)
    minutes_end = pack_start if pack_start is not None else len(text)
    meetings: list[Meeting] = []
    starts = _meeting_starts(text, 0, minutes_end)
    if text[:minutes_end].strip() and (pack_start is None or starts):
        starts = starts or [0]
        if len(starts) == 1 and starts[0] < 1500:
            starts = [0]  # the lines above a lone minutes header are its heading ("<Council>" / "Minutes of ...")
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else minutes_end
            m = read_minutes(text, lines, s, e, marked, linked, doc.text)
            if m.items or m.date or m.committee or m.attendance.present:
                meetings.append(m)
    meetings.extend(pack_meetings)
    body = _body(doc)
    for m in meetings:
        m.body = m.body or body
        m.committee = own_council(m.committee, m.body, doc.text[m.span.start:m.span.start + 1500]) or m.committee
        if m.committee is None and m.kind == "minutes" and m.date is not None:
            m.committee = m.body  # a council's own meeting: the body that met is the council
        if m.date is None:
            m.warnings.append("no meeting date found in the document; the meeting is left undated")
        if m.committee is None:
            m.warnings.append("no committee name found; the meeting is not linked to a committee")
        if not m.items and m.kind == "minutes":
            m.warnings.append("no minuted item found")
    return meetings


def _body(doc: Document) -> str | None:
    try:
        from kg.segment.body import body_of  # noqa: PLC0415
    except ImportError:  # pragma: no cover
        return None
    return body_of(doc.text)


def _meeting_starts(text: str, start: int, end: int) -> list[int]:
    """Where each meeting's minutes open, when a document holds more than one: a "Minutes of a
    meeting ... <date>" header with an attendance list under it, for two or more dates."""
    found = []
    for m in _OPENS.finditer(text, start, end):
        got = dates_in(m.group(0))
        if not got:
            continue
        at = attendance_at(text, m.start(), end)
        if at is None or at - m.end() > 800:
            continue
        named = _meeting_named(m.group(0))
        if found and found[-1][1] == got[0][0] and (found[-1][2] == named or found[-1][3] > m.start()):
            continue  # the same meeting's header again; two meetings of one evening name two, each with its attendance
        found.append((m.start(), got[0][0], named, at))
    return [_heading_above(text, s) for s, _, _, _ in found]


def _meeting_named(opening: str) -> str:
    """The words that name the meeting in its opening ("the Annual Parish Meeting", "the Annual
    Meeting of the Parish Council"): what two meetings held on one evening differ by."""
    return " ".join(re.split(r"\bheld\b|\bon\b|\d", opening, maxsplit=1, flags=re.IGNORECASE)[0].lower().split())


def _heading_above(text: str, pos: int) -> int:
    """Take in up to two short heading lines right above a minutes header ("<COUNCIL>")."""
    taken, probe = 0, pos
    while taken < 2:
        prev_end = text.rfind("\n", 0, probe)
        if prev_end <= 0:
            break
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        probe = prev_start
        if not line:
            if probe < pos - 400:
                break
            continue
        if len(line) > 80 or line.endswith((".", ",", ";", ":")) or dates_in(line):
            break
        pos, taken = prev_start, taken + 1
    return pos
