"""A PDF's lines → the shapes of its blocks, from fonts and positions.

On a page: a ruled table's row, or a line whose words stand in columns (" | "), is a table
row with its cells; a number or bullet standing in the margin before a title ("12   Apologies")
is a list item with that marker; other lines are paragraphs' lines, one paragraph while the
font and boldness stay the same and no gap opens. Across the document: page numbers and
running headers or footers (recurring at the same edge of most pages) are furniture, and a
line set larger than the body text, or a short bold one, is a heading.
"""
from __future__ import annotations

import re

from kg.ingest.blocks import Shape
from kg.ingest.pdf import LABEL, Line, Word, cell_of, cell_paragraphs, group_lines, init_rect, line_text, \
    page_rules, page_words, row_text


def page_lines(page, textpage, pdfium_c) -> list[str]:
    """The lines of one page as a reader sees them (see the module docstring)."""
    return [text for text, _shape in page_shaped(page, textpage, pdfium_c)]


def page_shaped(page, textpage, pdfium_c) -> list[tuple[str, Shape | None]]:
    """The lines of one page as a reader sees them, each with its shape: a table row (a ruled
    row, or a line in columns) with its cells, a line with a number or bullet in the margin
    (a list item with its marker), or a paragraph's line with its font size and boldness.
    Lines of one paragraph (same size, no gap between) share a group; groups count from 1
    on each page."""
    init_rect(pdfium_c)
    words, slanted = page_words(textpage, pdfium_c)
    if not words:
        return []
    if slanted > len(words) * 2:  # a page set sideways: fall back to PDFium's own order
        return [(t, None) for t in textpage.get_text_range().replace("\x02", "-").splitlines()]
    rules = page_rules(page, pdfium_c)
    cells: dict[tuple[float, float, float, float], list[Word]] = {}
    free: list[Word] = []
    for w in words:
        key = cell_of(w, rules) if rules.down else None
        (cells.setdefault(key, []) if key else free).append(w)
    blocks: list[tuple[float, float, str, Line | None]] = [(-ln.top, ln.words[0].x0, line_text(ln), ln)
                                                           for ln in group_lines(free)]
    rows: dict[tuple[float, float], list[tuple[float, list[Word]]]] = {}
    for (top, bottom, left, _right), ws in cells.items():
        rows.setdefault((top, bottom), []).append((left, ws))
    for (top, _bottom), row in rows.items():
        row.sort(key=lambda c: c[0])
        row_top = max(w.y1 for _left, ws in row for w in ws)
        blocks.append((-min(top, row_top), row[0][0], row_text([cell_paragraphs(ws) for _left, ws in row]), None))
    blocks.sort(key=lambda b: (b[0], b[1]))
    return _shaped(blocks)


def _shaped(blocks: list[tuple[float, float, str, Line | None]]) -> list[tuple[str, Shape | None]]:
    out: list[tuple[str, Shape | None]] = []
    group = 0
    prev: tuple[Line, Shape] | None = None
    for _y, _x, text, ln in blocks:
        if ln is None:  # a ruled table's row: its lines are one block
            group += 1
            parts = text.split("\n")
            cells = tuple(c.strip() for c in parts[0].split(" | ") if c.strip()) if len(parts) > 1 else \
                tuple(c.strip() for c in text.split(" | ") if c.strip())
            shape = Shape("table_row", group, marker=_marker(cells[0]) if len(cells) > 1 else "", cells=cells)
            out += [(t, shape) for t in parts]
            prev = None
            continue
        size = max(w.size for w in ln.words)
        bold = sum(len(w.text) for w in ln.words if w.bold) >= 0.8 * sum(len(w.text) for w in ln.words)
        if " | " in text:
            cells = tuple(c.strip() for c in text.split(" | ") if c.strip())
            group += 1
            shape = Shape("table_row", group, marker=_marker(cells[0]), cells=cells, bold=bold, size=size)
            prev = None
        elif len(ln.words) > 1 and LABEL.match(ln.words[0].text) and ln.words[1].x0 - ln.words[0].x1 > 0.6 * ln.height:
            group += 1  # "12    Apologies for absence": a number or bullet in the margin
            shape = Shape("list_item", group, marker=ln.words[0].text, bold=bold, size=size)
            prev = (ln, shape)
        elif prev is not None and prev[1].kind == "paragraph" and prev[1].size == size and prev[1].bold == bold \
                and prev[0].bottom - ln.top < 0.7 * ln.height:
            shape = prev[1]  # the next line of the same paragraph
            prev = (ln, shape)
        else:
            group += 1
            shape = Shape("paragraph", group, bold=bold, size=size)
            prev = (ln, shape)
        out.append((text, shape))
    return out


def _marker(cell: str) -> str:
    return cell if re.fullmatch(r"\(?[A-Z]{0,5}[ .]?\d{1,4}(?:[./]\d{1,4})*[.)]?|\(?[a-z]{1,4}\)", cell) else ""


# ---------------------------------------------------------------- the document's shapes

_PAGE_NUMBER = re.compile(r"^\s*(?:(?:Page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|Page\s*\|\s*\d{1,4}|-\s*\d{1,4}\s*-)\s*$", re.I)


def pdf_shapes(texts: list[str], pages: list[list[Shape | None] | None]) -> list[Shape | None] | None:
    """Every line's shape across the pages (joined as the text joins them): page numbers and
    running headers or footers (a line at a page's top or bottom that recurs, numbers aside)
    are furniture; a line in a larger font than the body's, or a short bold one, is a heading."""
    if any(p is None for p in pages):
        return None
    body = _body_size(pages)
    edges: dict[tuple[str, str], int] = {}  # (top or bottom, the line with its numbers as "#") → pages
    for text in texts:
        for where, key in _edge_keys(text.split("\n")).values():
            edges[where, key] = edges.get((where, key), 0) + 1
    out: list[Shape | None] = []
    for k, (text, shapes) in enumerate(zip(texts, pages)):
        lines = text.split("\n")
        edge = _edge_keys(lines)
        for i, line in enumerate(lines):
            shape = shapes[i] if i < len(shapes) else None
            if shape is None or not line.strip():
                out.append(None)
                continue
            group = (k + 1) * 1_000_000 + shape.group
            kind, level = shape.kind, shape.level
            running = i in edge and len(texts) > 2 and edges.get(edge[i], 0) > len(texts) // 2 \
                and sum(c.isalpha() for c in edge[i][1]) >= 10
            if i in edge and (_PAGE_NUMBER.match(line) or running):
                kind, group = "furniture", -(k * 10_000 + i + 1)
            elif kind in ("paragraph", "list_item") and shape.size and body:
                if shape.size >= 1.15 * body and len(line) <= 150:
                    kind, level = "heading", 1 if shape.size >= 1.4 * body else 2
                elif shape.bold and len(line) <= 120:
                    kind, level = "heading", 3
            out.append(Shape(kind, group, level, shape.marker, shape.cells, shape.bold, shape.size))
    return out


def _edge_keys(lines: list[str]) -> dict[int, tuple[str, str]]:
    """A page's first two and last two lines with words: line index → (top or bottom, the
    line with its numbers written "#")."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    out = {i: ("bottom", re.sub(r"\d+", "#", " ".join(lines[i].split()))) for i in filled[-2:]}
    out.update({i: ("top", re.sub(r"\d+", "#", " ".join(lines[i].split()))) for i in filled[:2]})
    return out


def _body_size(pages: list[list[Shape | None]]) -> float | None:
    """The font size most lines are set in."""
    counts: dict[float, int] = {}
    for shapes in pages:
        for s in shapes or ():
            if s is not None and s.size:
                counts[s.size] = counts.get(s.size, 0) + 1
    return max(counts, key=lambda size: (counts[size], -size)) if counts else None
