"""Plain text → blocks, by the shape of each line.

Text copied from a web page or written by pdftotext keeps its layout only in its lines: a
heading is a short line of capitalised words (or one in capitals, or "# Heading"), a list
item starts with its marker ("1.", "(a)", "ii)", "•", "-"), a table row has its cells apart
(" | ", a tab), page furniture is "Page 3 of 12" or "This page is intentionally left blank",
and the lines of a paragraph run on until a blank line.
"""
from __future__ import annotations

import re

from kg.ingest.blocks import Block, Shape, blocks_from_shapes

# "1.", "12)", "1.2", "(a)", "b)", "(iv)", "ii.", "•", "-", "*", "–" and the words after it
MARKER = re.compile(r"^[ \t]*(\(?\d{1,4}(?:\.\d{1,3})*[.)]?(?=[ \t]+\S)|\([a-zA-Z]{1,4}\)|[a-z][.)](?=[ \t])|"
                    r"[ivxlc]{1,5}[.)](?=[ \t])|[•◦▪●○■□‣⁃∙·➢➤►✓✔*–-](?=[ \t]))[ \t]*")
FURNITURE = re.compile(r"^[ \t]*(?:Page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\.?|Page\s*\|\s*\d{1,4}|"
                       r"This page is intentionally left blank|-\s*\d{1,4}\s*-)[ \t]*$", re.IGNORECASE)
MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+\S")
_SMALL = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                    "to", "with", "&", "-", "–", "—", "/"})


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain text by line shape (see the module docstring)."""
    return blocks_from_shapes(text, text_shapes(text))


def text_shapes(text: str) -> list[Shape | None]:
    """One `Shape` per line of `text` (None for a blank line)."""
    shapes: list[Shape | None] = []
    group = 0
    prev: Shape | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            shapes.append(None)
            prev = None
            continue
        got = line_shape(line, stripped)
        if got is None:  # a paragraph's line: runs on from the paragraph or list item above
            if prev is not None and (prev.kind == "paragraph" or prev.kind == "list_item" and line[:1] in " \t"):
                shapes.append(prev)
                continue
            got = ("paragraph", 0, "", ())
        group += 1
        prev = Shape(got[0], group, got[1], got[2], got[3])
        shapes.append(prev)
    return shapes


def line_shape(line: str, stripped: str) -> tuple[str, int, str, tuple[str, ...]] | None:
    """What one non-blank line is by its shape, as (kind, level, marker, cells); None for a
    line of running prose."""
    if stripped[0] in "PpTt-" and FURNITURE.match(stripped):
        return "furniture", 0, "", ()
    if "#" in line[:4]:
        m = MD_HEADING.match(line)
        if m:
            return "heading", len(m.group(1)), "", ()
    if "|" in stripped or "\t" in stripped:
        if " | " in stripped or "\t" in stripped or stripped.startswith("|"):
            cells = tuple(c.strip() for c in re.split(r" \| |\t+|^\||\|$", stripped) if c.strip())
            if len(cells) >= 2:
                return "table_row", 0, cells[0] if MARKER.match(cells[0] + " x") else "", cells
    m = MARKER.match(line)
    if m:
        rest = line[m.end():].strip()
        marker = m.group(1)
        if marker[0].isdigit() and heading_words(rest):
            return "heading", 2, marker, ()
        return "list_item", 1, marker, ()
    if heading_words(stripped):
        return "heading", 1 if upper(stripped) else 2, "", ()
    return None


def upper(text: str) -> bool:
    """Written in capitals: more than 85% of its (at least three) letters."""
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) / len(letters) > 0.85


def heading_words(text: str) -> bool:
    """Short words in capitals or Title Case, not ending as a sentence does."""
    if not text or len(text) > 90 or text[-1] in ".,;" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if upper(text):
        return True
    words = [w for w in text.split() if w.lower() not in _SMALL]
    return 0 < len(words) <= 10 and all(w[:1].isupper() or w[:1].isdigit() or not w[:1].isalpha() for w in words)
