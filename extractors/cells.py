"""Narrow table columns: the line breaks that only wrap a phrase inside a table cell (see
`extractors.mentions`, which the components read these from)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.doctext import text_of


#: a line this short (stripped) beside another as short is a cell of a narrow table column
CELL_WIDTH = 24
_CONTACT_LINE = re.compile(r"\b(?:Tel|Telephone|Phone|Mobile|E-?mail)\b|@", re.IGNORECASE)


def cell_wraps(doc: Doc) -> frozenset[int]:
    """Offsets of the line breaks that only wrap a phrase inside a narrow table column.

    Action plans and report tables come out of PDFs one or two words a line
    ("Head of Service \nChildren in \nCare – \nJane Ash"): a break between two short lines
    of one paragraph is a wrap, not the end of the phrase. Paragraphs holding a phone number
    or an email address are contact blocks, whose short lines are separate fields."""
    wraps = doc.user_data.get("mkg_cell_wraps")
    if wraps is not None:
        return wraps
    out: set[int] = set()
    text = text_of(doc)
    if "\n" in text:
        lines = text.split("\n")
        para: list[tuple[int, str]] = []
        pos = 0
        for line in lines + [""]:
            if line.strip():
                para.append((pos, line))
            else:
                _wraps_in(text, para, out)
                para = []
            pos += len(line) + 1
    wraps = doc.user_data["mkg_cell_wraps"] = frozenset(out)
    return wraps


def _wraps_in(text: str, para: list[tuple[int, str]], out: set[int]) -> None:
    if len(para) < 2:
        return
    wraps = [start + len(line) for (start, line), (_, nxt) in zip(para, para[1:])
             if len(line.strip()) <= CELL_WIDTH and len(nxt.strip()) <= CELL_WIDTH]
    # contact details (none runs over a line break) in the paragraph, from its first line's start
    # to its last line's end: looked for only where a line would wrap
    if wraps and not _CONTACT_LINE.search(text, para[0][0], para[-1][0] + len(para[-1][1])):
        out.update(wraps)


def is_wrap(t, wraps) -> bool:
    """A whitespace token holding exactly one line break, and that break a cell wrap."""
    return bool(wraps) and t.is_space and t.text.count("\n") == 1 and t.idx + t.text.index("\n") in wraps


def in_cell(doc, char: int, wraps) -> bool:
    """The line holding `char` is wrapped onto, or onto the next line, inside a table cell."""
    if not wraps:
        return False
    text = text_of(doc)
    start = text.rfind("\n", 0, char)
    end = text.find("\n", char)
    return start in wraps or end in wraps
