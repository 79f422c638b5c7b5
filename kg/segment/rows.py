"""Items as table rows give them: a web page's item table read from its markup, or
ModernGov rows copied as text, one line a row ("<Title>. [PDF 346 KB] Minutes: <text> |")."""
from __future__ import annotations

import re

from kg.segment.marks import NUMBERED, Head, number_key
from kg.segment.layout import Line, short_title

_MINUTES_CELL = re.compile(r"^Minutes\s*:?$", re.IGNORECASE)


def block_heads(lines: list[Line]) -> list[Head]:
    """Items as a web page's table rows give them (ModernGov's agenda-and-minutes page): a row
    whose first cell is the item's number and whose next cell opens with its title, or a row
    whose title is followed by its "Minutes:" cell, numbered or not."""
    heads = []
    for i, ln in enumerate(lines):
        block = ln.block
        if block is None or block.kind != "table_row" or ln.first != block.start or not block.cells:
            continue
        title = block.cells[1] if block.marker and len(block.cells) > 1 else block.cells[-1]
        # the "Minutes:" cell under the title (its line is blanked in the masked text; its block is not)
        minutes = any(b is not None and b.kind != "table_row" and _MINUTES_CELL.match(b.text)
                      for b in (x.block for x in lines[i + 1:i + 3]))
        if not (minutes or block.marker) or not short_title(title) or title == block.marker:
            continue
        at = ln.raw.find(title)
        if at < 0:
            continue
        number = block.marker.strip("().") or None if block.marker else None
        num = NUMBERED.match(f"{block.marker} {title}") if block.marker else None
        heads.append(Head(ln.first, number, title, ln.start + at, ln.start + at + len(title), i,
                          number_key(num) if num else ()))
    return heads if sum(1 for h in heads if h.number is None) != 1 else []


INLINE_MINUTES = re.compile(r"^[ \t]*\|?[ \t]*(?:(?P<title>[^|\n]{3,700}?)[ \t]+)?Minutes:[ \t]")


# where a row's agenda text follows its title on the same line: "<Title> To receive ...", "<Title>
# Members are reminded ...", "<Title> PDF 45 KB The attached list ..."
_DESCRIPTION = re.compile(r"(?<=[\w)])(?:\s+(?:pdf\s+icon\s+)?PDF\s+\d+(?:\.\d+)?\s*[KM]B)?\s+(?=(?:To\s+(?:receive|consider|note|approve|confirm|agree|"
                          r"elect|appoint|move|update|determine|review|adopt|sign|declare)|Members\s+(?:are|will|to|may)|"
                          r"(?:This|The\s+attached)\s+(?:report|item|list|minutes)|This\s+item\s+allows)\b)")


def row_heads(lines: list[Line]) -> list[Head]:
    """ModernGov rows exported as one line each: "<Title>. [PDF 346 KB] Minutes: <text> |"."""
    heads = []
    for i, ln in enumerate(lines):
        m = INLINE_MINUTES.match(ln.raw) if "Minutes:" in ln.raw else None
        if m and m.group("title") is None:  # a row with no title of its own
            s = ln.first
            heads.append(Head(s, None, "Minutes.", s, s, i, body_at=ln.start + m.end()))  # no title of its own
        elif m:
            title = re.sub(r"\s*Additional\s+documents:\s*$", "", m.group("title").strip())
            desc = _DESCRIPTION.search(title)
            if desc and short_title(title[:desc.start()]):
                title = title[:desc.start()]  # "Apologies To receive any apologies for absence."
            first = re.match(r"(.{3,200}?\.)\s+(?=[A-Z])", title)
            if first and not short_title(title, 240) and short_title(first.group(1)):
                title = first.group(1)
            if not short_title(title, 240):
                lead = re.match(r"((?:[A-Z][\w'’&-]*|of|and|for|the|to|in|on|&)(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|the|to|in|on|&)){0,9})"
                                r"\s+(?:are|is|was|were|have|has|will|must|should|may)\b", title)
                if not lead:
                    continue
                title = lead.group(1).rsplit(" ", 1)[0] if " " in lead.group(1) else lead.group(1)
            title = title.rstrip(" |")
            s = ln.start + m.start("title")
            heads.append(Head(s, None, title, s, s + len(title), i, body_at=ln.start + m.end()))
    return heads
