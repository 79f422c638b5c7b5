"""A document's layout as its publisher gave it: a sequence of blocks, each with its span.

One block type for every format. A heading (with its level), a paragraph, a list item (with
its marker: "1.", "(a)", "•"), a table row (with its cells) and page furniture (running
headers and footers, page numbers) are what HTML markup, markdown tokens, a PDF's fonts and
positions, or a plain text's line shapes say of the words. Each block covers whole lines of
`Document.text` ([start, end) in it), so a later stage can ask of any line what it is instead
of guessing it back from the words.

Readers first say what each line of their text is (a `Shape`); `blocks_from_shapes` then
joins the lines that belong to one block once the text is final (cleaned, contact details
masked), so spans always point into the text every other span points into.
"""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("heading", "paragraph", "list_item", "table_row", "furniture")


@dataclass(frozen=True)
class Block:
    """One unit of the published layout: a heading, paragraph, list item, table row or piece
    of page furniture, covering `Document.text[start:end]` (whole lines)."""

    kind: str
    start: int
    end: int
    text: str  # the block's words, one space between them
    level: int = 0  # a heading's level (1 = the page title); a list item's depth (1 = outermost)
    marker: str = ""  # "1.", "(a)", "•", an item number in a table's first cell or a PDF's margin
    cells: tuple[str, ...] = ()  # a table row's cells, left to right
    bold: bool | None = None  # None where the format does not say
    size: float | None = None  # font size in points, where the format gives it


@dataclass(frozen=True)
class Shape:
    """What a reader knows of one line before the text is final. Lines with the same `group`
    next to each other are one block."""

    kind: str
    group: int
    level: int = 0
    marker: str = ""
    cells: tuple[str, ...] = ()
    bold: bool | None = None
    size: float | None = None


def blocks_from_shapes(text: str, shapes: list[Shape | None]) -> list[Block]:
    """The blocks of `text`, one `Shape` (or None for a blank line) per line. Blank lines end
    a block; a line whose shape has another group starts a new one."""
    out: list[Block] = []
    pos = 0
    cur: tuple[Shape, int, int, list[str]] | None = None  # shape, start, end, texts

    def close() -> None:
        if cur is not None:
            shape, start, end, texts = cur
            out.append(Block(shape.kind, start, end, " ".join(texts), shape.level, shape.marker,
                             shape.cells, shape.bold, shape.size))

    for i, line in enumerate(text.split("\n")):
        shape = shapes[i] if i < len(shapes) else None
        words = " ".join(line.split())
        start, end = pos, pos + len(line)
        pos = end + 1
        if not words or shape is None:
            close()
            cur = None
            continue
        if cur is not None and cur[0].group == shape.group:
            cur[3].append(words)
            cur = (cur[0], cur[1], end - len(line) + len(line.rstrip()), cur[3])
            continue
        close()
        lead = len(line) - len(line.lstrip())
        cur = (shape, start + lead, start + len(line.rstrip()), [words])
    close()
    return out


def line_count(text: str) -> int:
    return text.count("\n") + 1
