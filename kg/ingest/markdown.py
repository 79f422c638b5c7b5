"""Markdown → blocks, from markdown-it-py's tokens (CommonMark with tables).

Each token that opens a block carries the lines it covers: a heading ("#" or underlined) with
its level, a paragraph, a list item with its marker ("1.", "-") and depth, a table row with
its cells. A paragraph inside a list item is that list item. A YAML front matter block at the
very top ("---" / "title: ..." / "---") is furniture. Without markdown-it-py the text is read
by line shape (`kg.ingest.text`), which knows "#" headings too.
"""
from __future__ import annotations

import functools
import re

from kg.ingest.blocks import Block, Shape, blocks_from_shapes
from kg.ingest.text import text_shapes

_BOLD = re.compile(r"^(?:\*\*|__)[^*_]+(?:\*\*|__)[:.]?$")


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of a markdown text (see the module docstring)."""
    return blocks_from_shapes(text, markdown_shapes(text))


def markdown_shapes(text: str) -> list[Shape | None]:
    parser = _parser()
    if parser is None:  # pragma: no cover - markdown-it-py is a dependency
        return text_shapes(text)
    lines = text.split("\n")
    shapes: list[Shape | None] = [None] * len(lines)
    group = 0
    front = _front_matter(lines)
    for i in range(front):
        group += 1
        shapes[i] = Shape("furniture", group)
    source = "\n" * front + "\n".join(lines[front:])
    tokens = parser.parse(source)
    lists: list[str] = []  # the open lists' markers, outermost first
    item: tuple[str, int] | None = None  # the open list item: marker, depth
    row_cells: list[str] | None = None
    row_map: list[int] | None = None
    for k, tok in enumerate(tokens):
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            lists.append(tok.markup)
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            marker = (tok.info + tok.markup) if tok.info else tok.markup
            item = (marker, len(lists))
            group += 1
            _paint(shapes, tok.map, Shape("list_item", group, level=len(lists), marker=marker))
        elif t == "list_item_close":
            item = None
        elif t == "heading_open":
            group += 1
            _paint(shapes, tok.map, Shape("heading", group, level=int(tok.tag[1])))
        elif t == "paragraph_open" and item is None:
            inline = tokens[k + 1].content if k + 1 < len(tokens) else ""
            group += 1
            _paint(shapes, tok.map, Shape("paragraph", group, bold=bool(_BOLD.match(inline.strip())) or None))
        elif t in ("fence", "code_block", "html_block", "blockquote_open") and item is None:
            group += 1
            _paint(shapes, tok.map, Shape("paragraph", group))
        elif t == "tr_open":
            row_cells, row_map = [], tok.map
        elif t == "inline" and row_cells is not None:
            row_cells.append(tok.content.strip())
        elif t == "tr_close" and row_cells is not None:
            group += 1
            cells = tuple(row_cells)
            marker = cells[0] if cells and re.fullmatch(r"\(?\w{1,6}(?:[./]\w{1,4})*[.)]?", cells[0]) else ""
            _paint(shapes, row_map, Shape("table_row", group, marker=marker, cells=cells))
            row_cells = None
    return shapes


@functools.lru_cache(maxsize=1)
def _parser():
    """CommonMark with tables; block tokens only (a paragraph's words are read as written)."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover
        return None
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"], ignoreInvalid=True)


def _paint(shapes: list[Shape | None], span: list[int] | None, shape: Shape) -> None:
    if span:
        for i in range(span[0], min(span[1], len(shapes))):
            shapes[i] = shape


def _front_matter(lines: list[str]) -> int:
    """How many lines a YAML front matter block takes at the top ("---" ... "---"), or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
    return 0
