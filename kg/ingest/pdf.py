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


_rect_buf = None  # set by `init_rect`


def init_rect(pdfium_c) -> None:
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


def cell_of(word: Word, rules: Rules) -> tuple[float, float, float, float] | None:
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
