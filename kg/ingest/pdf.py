"""A PDF page → lines of text as a reader sees them, read from where each character stands.

PDFium's own text order follows the file's drawing order, which glues what a reader sees
apart: a footer drawn first comes out at the top of the page, a right-hand "Action" column
runs into the paragraph beside it, a word-processor table comes out column by column, and
some writers put a tab, a line break and a no-break space between every two words. So the
page is rebuilt from the position of each character (its box, from PDFium):

- characters become words (a break at white space or a jump in position); the soft hyphen
  is dropped and one glyph written twice (a hyphen given as "-", U+00AD and U+2010) is kept once;
- words at the same height become one line, left to right, lines top to bottom, so headers,
  footers and page numbers are lines of their own, where the page shows them;
- a wide gap between two words on a line (a tab stop, a second column) is written " | ",
  except after a label ("Present:", "Date:") or a number or bullet in the margin
  ("52   Apologies" → "52 Apologies", "•  text" → "• text"), which are joined by one space;
- a ruled table (thin lines above, below and at both sides of its cells) is written one row
  per line, cells separated by " | "; within a cell, wrapped lines are joined by a space and
  each paragraph, bullet or numbered point starts a line of its own.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

from kg.ingest.blocks import Shape

# a gap wider than this many line heights between two words is a tab stop or a column
COLUMN_GAP = 1.6
# a gap narrower than this many line heights is inside a word (a word drawn in pieces)
NO_SPACE_GAP = 0.08
_HYPHENS = {"-", "\u2010", "\u2011", "\u00ad"}
_SKIP = {"\u00ad", "\ufffe", "\uffff", "\x00"}
BULLETS = "•◦▪▫●○■□‣⁃∙·➢➤►✓✔"  # \uf0b7, \uf0a7: Word's Symbol-font bullets
_BULLET = "[" + re.escape(BULLETS) + "]"
# a number, letter or bullet standing in the margin before a title or a point
LABEL = re.compile(r"^(?:\(?\d{1,4}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,5}[.)]|" + _BULLET + r"|[-–*o])$")
# a line that starts a point of its own inside a table cell
POINT = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\)|" + _BULLET + r"|[-–] )\s*")


@dataclass
class Word:
    """One word on the page, with its box in page units (y grows upwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 0.0  # font size in points
    bold: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    """Words at one height, left to right."""

    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def bottom(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def height(self) -> float:
        return max(w.height for w in self.words)


# ---------------------------------------------------------------- characters → words


def page_words(textpage, pdfium_c) -> tuple[list[Word], int]:
    """The words of one page in drawing order, and how many characters stood at a slant
    (a "DRAFT" watermark); those are left out."""
    n = pdfium_c.FPDFText_CountChars(textpage)
    words: list[Word] = []
    cur: list = []  # [text, x0, y0, x1, y1] of the word being read
    last_box = None
    slanted = 0
    for i in range(n):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        ch = "-" if code == 2 else chr(code)  # PDFium marks a line-end hyphen with U+0002
        if ch in _SKIP:
            continue
        if ch.isspace() or pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            _end_word(cur, words)
            cur = []
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, i)
        if 0.09 < angle < 6.19:  # more than ~5 degrees off the horizontal
            slanted += 1
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, _rect_buf):
            continue
        x0, y1, x1, y0 = _rect_buf.left, _rect_buf.top, _rect_buf.right, _rect_buf.bottom
        box = (round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))
        if box[:2] == last_box and cur and (ch == cur[0][-1:] or ch in _HYPHENS and cur[0][-1:] in _HYPHENS):
            continue  # one glyph given twice ("-", U+00AD, U+2010 on one box)
        last_box = box[:2]
        if ch in _HYPHENS:
            ch = "-"
        if cur and _same_word(cur, x0, y0, x1, y1):
            cur[0] += ch
            cur[3] = max(cur[3], x1)
            cur[2], cur[4] = min(cur[2], y0), max(cur[4], y1)
        else:
            _end_word(cur, words)
            cur = [ch, x0, y0, x1, y1, *_font(textpage, i, pdfium_c)]
    _end_word(cur, words)
    return words, slanted


def _font(textpage, i: int, pdfium_c) -> tuple[float, bool]:
    """The font size of character i and whether its font is bold (by weight, flag or name)."""
    size = round(pdfium_c.FPDFText_GetFontSize(textpage, i), 1)
    if pdfium_c.FPDFText_GetFontWeight(textpage, i) >= 600:
        return size, True
    flags = ctypes.c_int(0)
    n = pdfium_c.FPDFText_GetFontInfo(textpage, i, _name_buf, len(_name_buf), ctypes.byref(flags))
    name = bytes(_name_buf[:max(0, min(n, len(_name_buf)) - 1)]).decode("latin-1").lower()
    return size, bool(flags.value & (1 << 18)) or "bold" in name or "black" in name or "heavy" in name


_name_buf = ctypes.create_string_buffer(128)


_rect_buf = None  # set by `_init_rect`


def _init_rect(pdfium_c) -> None:
    global _rect_buf
    if _rect_buf is None:
        _rect_buf = pdfium_c.FS_RECTF()


def _same_word(cur: list, x0: float, y0: float, x1: float, y1: float) -> bool:
    """The next character continues the word: at the same height and right after it."""
    height = max(cur[4] - cur[2], y1 - y0, 0.1)
    overlap = min(cur[4], y1) - max(cur[2], y0)
    gap = x0 - cur[3]
    return overlap > 0.5 * min(cur[4] - cur[2], y1 - y0) and -0.3 * height < gap < NO_SPACE_GAP * height


def _end_word(cur: list, words: list[Word]) -> None:
    if cur:
        words.append(Word(*cur))


# ---------------------------------------------------------------- ruled tables


@dataclass
class Rules:
    """The thin lines drawn on a page: horizontal (y, x0, x1) and vertical (x, y0, y1)."""

    across: list[tuple[float, float, float]]
    down: list[tuple[float, float, float]]


def page_rules(page, pdfium_c) -> Rules:
    """Thin path objects (a table's borders, as word processors draw them)."""
    across, down = [], []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # a path PDFium cannot measure is no border
            continue
        w, h = x1 - x0, y1 - y0
        if h <= 2.5 and w >= 8:
            across.append(((y0 + y1) / 2, x0, x1))
        elif w <= 2.5 and h >= 8:
            down.append(((x0 + x1) / 2, y0, y1))
    return Rules(across, down)


def _cell_of(word: Word, rules: Rules) -> tuple[float, float, float, float] | None:
    """The ruled cell (top, bottom, left, right) a word stands in, or None."""
    x, y = (word.x0 + word.x1) / 2, word.middle
    above = [r[0] for r in rules.across if r[0] >= y and r[1] - 1 <= x <= r[2] + 1]
    below = [r[0] for r in rules.across if r[0] <= y and r[1] - 1 <= x <= r[2] + 1]
    if not above or not below:
        return None
    top, bottom = min(above), max(below)
    spans = [r[0] for r in rules.down if r[1] - 2 <= y <= r[2] + 2]
    lefts = [v for v in spans if v <= x]
    rights = [v for v in spans if v >= x]
    if not lefts or not rights:
        return None
    return top, bottom, max(lefts), min(rights)


# ---------------------------------------------------------------- words → lines


def group_lines(words: list[Word]) -> list[Line]:
    """Words at the same height as one line each, top to bottom, left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (-w.y1, w.x0)):
        for line in reversed(lines[-4:]):
            if _on_line(line, w):
                line.words.append(w)
                break
        else:
            lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: -ln.top)
    return lines


def _on_line(line: Line, w: Word) -> bool:
    first = line.words[0]
    return first.y0 <= w.middle <= first.y1 or w.y0 <= first.middle <= w.y1


def line_text(line: Line, cells: bool = True) -> str:
    """A line's words joined by a space, " | " at a column gap when `cells`."""
    out = line.words[0].text
    pairs = list(zip(line.words, line.words[1:]))
    # a justified line stretches every space alike: a column gap is wider than the narrowest
    # ("Mr C Broadley,   Mrs B Bruneau," with no-break spaces inside names stretches only
    # the spaces between them, all alike, so equal wide gaps are a stretched line too)
    gaps = [w.x0 - prev.x1 for prev, w in pairs]
    narrowest = min(gaps, default=0.0)
    wide = [g for g in gaps if g > COLUMN_GAP * line.height]
    if len(wide) >= 2 and max(wide) - min(wide) < 0.5:
        cells = False
    for prev, w in pairs:
        gap = w.x0 - prev.x1
        height = max(prev.height, w.height, 0.1)
        if gap < NO_SPACE_GAP * height:
            sep = ""
        elif (cells and gap > COLUMN_GAP * height and (len(pairs) == 1 or gap > 2 * narrowest)
              and not _label_before(out)):
            sep = " | "
        else:
            sep = " "
        out += sep + w.text
    return out


def _label_before(text: str) -> bool:
    """What stands left of a gap is a label, not a column: "Present:", "52.", "(a)", "•"."""
    last = text.rsplit(" | ", 1)[-1]
    return last.endswith(":") or bool(LABEL.match(last))


# ---------------------------------------------------------------- a page


def page_lines(page, textpage, pdfium_c) -> list[str]:
    """The lines of one page as a reader sees them (see the module docstring)."""
    return [text for text, _shape in page_shaped(page, textpage, pdfium_c)]


def page_shaped(page, textpage, pdfium_c) -> list[tuple[str, Shape | None]]:
    """The lines of one page as a reader sees them, each with its shape: a table row (a ruled
    row, or a line in columns) with its cells, a line with a number or bullet in the margin
    (a list item with its marker), or a paragraph's line with its font size and boldness.
    Lines of one paragraph (same size, no gap between) share a group; groups count from 1
    on each page."""
    _init_rect(pdfium_c)
    words, slanted = page_words(textpage, pdfium_c)
    if not words:
        return []
    if slanted > len(words) * 2:  # a page set sideways: fall back to PDFium's own order
        return [(t, None) for t in textpage.get_text_range().replace("\x02", "-").splitlines()]
    rules = page_rules(page, pdfium_c)
    cells: dict[tuple[float, float, float, float], list[Word]] = {}
    free: list[Word] = []
    for w in words:
        key = _cell_of(w, rules) if rules.down else None
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


def row_text(cells: list[list[tuple[float, str]]]) -> str:
    """One table row: its cells joined by " | ". When the first cell holds several points
    ("Points discussed | Action"), each other cell follows the point it stands beside."""
    cells = [c for c in cells if c]
    if not cells:
        return ""
    spine = cells[0]
    if len(spine) == 1:
        return " | ".join("\n".join(text for _top, text in cell) for cell in cells)
    beside: list[list[str]] = [[text] for _top, text in spine]
    for cell in cells[1:]:
        for top, text in cell:
            at = max((k for k, (spine_top, _t) in enumerate(spine) if spine_top >= top - 2), default=0)
            beside[at].append(text)
    return "\n".join(" | ".join(parts) for parts in beside)


def cell_paragraphs(words: list[Word]) -> list[tuple[float, str]]:
    """A table cell's paragraphs, each with its top: wrapped lines joined by a space, each
    paragraph, bullet or numbered point apart."""
    out: list[tuple[float, str]] = []
    prev: Line | None = None
    for ln in group_lines(words):
        text = line_text(ln, cells=False)
        if prev is None or POINT.match(text) or prev.bottom - ln.top > 0.6 * ln.height:
            out.append((ln.top, text))
        elif out[-1][1].endswith("-") and out[-1][1][-2:-1].isalpha():
            out[-1] = (out[-1][0], out[-1][1] + text)  # "Bartlett-" / "Butt"
        else:
            out[-1] = (out[-1][0], out[-1][1] + " " + text)
        prev = ln
    return out


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
