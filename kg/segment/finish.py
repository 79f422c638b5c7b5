"""Last touches on a meeting read from its minutes: the item numbers both the text and the
agenda confirm, and a warning when the document seems cut off."""
from __future__ import annotations

import re

from kg.models import Meeting

__all__ = ["number_from_agenda", "warn_truncated"]


def number_from_agenda(meeting: Meeting) -> None:
    """A web page's "No." column is lost in its text, but an item that says its report is
    "marked 'Agenda Item 8'" and is the 8th row of the table is item 8: both the text and the
    table say so. Any other item keeps no number (its order is in its IRI), never a guess."""
    for item in meeting.items:
        if item.number:
            continue
        cited = {re.sub(r"\D", "", r.agenda_item) for r in item.reports if r.agenda_item}
        if cited == {str(item.order)}:
            item.number = str(item.order)


def warn_truncated(meeting: Meeting, text: str, end: int) -> None:
    """Warn when the minutes' last item ends mid-sentence at `end`: the document seems cut off."""
    k = end
    while k > 0 and text[k - 1].isspace():  # the last character written, found without copying the text
        k -= 1
    if meeting.items and k and text[k - 1] not in ".!?:;)'’\"]|":
        meeting.warnings.append("the document seems cut off: its last item ends mid-sentence")
