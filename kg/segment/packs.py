"""Agenda packs: the reports a pack carries for a coming meeting.

A pack (the previous meeting's minutes, then the reports for the next one) heads each report
with "<COMMITTEE> – <DATE>" and "REPORT OF THE ...", or with a cover sheet of labelled lines
("Report to:", "Date of meeting:", "Report of:", "Title:", "Contact Officer:"). Each report
becomes a report of the meeting it names. The minutes above the first report are read as minutes.
"""
from __future__ import annotations

from kg.models import Document, Meeting
from kg.segment.legacy import _agenda_meetings, _blocks, clean_view


def agenda_reports(doc: Document) -> tuple[int | None, list[Meeting]]:
    """(where the pack's first report starts, the meetings its reports are for); (None, []) for
    a document that carries no agenda reports."""
    text = clean_view(doc.text, doc.fmt)
    reports = [b for b in _blocks(text) if b[0] in ("report", "form")]
    if not reports:
        return None, []
    return reports[0][1], _agenda_meetings(text, reports)
