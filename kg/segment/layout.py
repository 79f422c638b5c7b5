"""The document as lines, with what its publisher's layout says of each.

Every council's minutes, whatever the format, reach the segmenter as text whose lines still
carry the layout: a heading on a line of its own, a numbered title, a label such as "Present:",
a table row with " | " between cells, page furniture. This module makes a *masked* copy of
the text (same length, so every span found in it is a span of the source) in which publishing
clutter is blanked out, and cuts it into `Line` records that the other stages read.

Blanked as clutter: markdown markup (bold, heading hashes, quote marks), HTML tags left in
text, YAML front matter fences, web-page links and file sizes ("pdf icon PDF 65 KB",
"Additional documents:", "View directions"), ModernGov's "Minutes:" label, bare page numbers
and "This page is intentionally left blank".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg.ingest.blocks import Block
from kg.textutil import mask_pattern

# one scan: an inline piece of clutter starts with one of a few characters (the lookahead lets
# the scan skip every other position at once), a line's clutter is tried only at a line's start
CLUTTER = re.compile(
    r"(?=[*_\\<\[pPvV\ufeff])(?:\*\*|__|\\$"
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?>"            # <AI1>, <h1 class="...">, </p>
    r"|\[Original file\]\([^)\n]*\)|\[insert link\]|<https?://[^>\s]+>"
    r"|\bpdf\s+icon\s+PDF\s+\d+(?:\.\d+)?\s*[KM]B\b|\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b|\bView\s+directions\b|\ufeff)"
    r"|^[ \t]*(?:#{1,6}[ \t]|>[ \t]?"
    r"|Additional\s+documents:[ \t]*$|Supporting\s+documents:[^\n]*$"
    r"|Minutes:[ \t]*$|---[ \t]*$|<!--\s*-->[ \t]*$"
    r"|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$"  # a markdown table's rule
    r"|\*<small>[^\n]*$"                                    # "*<small>Scanned page ...*"
    r"|(?:Page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\.?|Page\s*\|\s*\d{1,4})[ \t]*$"
    r"|This page is intentionally left blank[ \t]*$)",
    re.MULTILINE | re.IGNORECASE)
# a YAML front-matter block at the very top ("---\ntitle: ...\n---"): its lines stay readable
# (a title or date may be all a document says of its meeting), only the fences go.
TABLE_END = re.compile(r"[ \t]*\|[ \t]*$", re.MULTILINE)


PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$", re.MULTILINE)


def masked(text: str, fmt: str = "text", blocks: list[Block] | None = None) -> str:
    """The text with publishing clutter blanked out: same length, same line breaks. A number
    alone on a line is a page number in a PDF; elsewhere it may be a minute number (CMIS). A
    PDF's page furniture (running headers and footers, as its reader found them) goes too."""
    text = mask_pattern(text, CLUTTER)
    if fmt == "pdf":
        text = mask_pattern(text, PAGE_NUMBER)
        furniture = [b for b in blocks or () if b.kind == "furniture"]
        if furniture:
            text = _blank_spans(text, [(b.start, b.end) for b in furniture])
    return mask_pattern(text, TABLE_END) if "|" in text else text  # a table's edge is a "|"


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(re.sub(r"[^\n]", " ", text[s:e]))
        pos = e
    out.append(text[pos:])
    return "".join(out)


@dataclass
class Line:
    """One line of the masked text: [start, end) in the source, its words, and the block of the
    published layout it belongs to (a heading, paragraph, list item, table row or furniture),
    where the document's reader gave one."""

    start: int
    end: int
    raw: str
    block: Block | None = field(default=None, compare=False, repr=False)

    @property
    def kind(self) -> str | None:
        """"heading", "paragraph", "list_item", "table_row", "furniture", or None (blank, or no block)."""
        return self.block.kind if self.block is not None else None

    @property
    def level(self) -> int:
        return self.block.level if self.block is not None else 0

    @property
    def marker(self) -> str:
        return self.block.marker if self.block is not None else ""

    @property
    def cells(self) -> tuple[str, ...]:
        return self.block.cells if self.block is not None else ()

    @cached_property
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def blank(self) -> bool:
        return not self.raw or self.raw.isspace()

    @property
    def first(self) -> int:
        """Offset of the first non-space character."""
        return self.start + len(self.raw) - len(self.raw.lstrip())

    @property
    def last(self) -> int:
        """Offset just after the last non-space character."""
        return self.start + len(self.raw.rstrip())


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of text[start:end], blank ones included."""
    end = len(text) if end is None else end
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def attach_blocks(lines: list[Line], blocks: list[Block]) -> None:
    """Give each line the block that holds its first word (blocks and lines both in text order);
    a line the masked text blanks ("Minutes:") keeps its block."""
    k, n = 0, len(blocks)
    for ln in lines:
        if ln.start == ln.end or k >= n:
            continue
        raw = ln.raw
        lead = len(raw) - len(raw.lstrip())
        blank = lead == len(raw)
        at = ln.start if blank else ln.start + lead
        while k < n and blocks[k].end <= at:
            k += 1
        if k < n and blocks[k].start < ln.end and (blank or blocks[k].start <= at):
            ln.block = blocks[k]


# formats whose blocks come from the publisher's markup or fonts, not from the text's line shapes
MARKUP_FORMATS = frozenset({"html", "markdown", "pdf"})


def heading_lines(lines: list[Line], fmt: str) -> set[int]:
    """Indices of the lines the publisher's markup makes headings."""
    if fmt not in MARKUP_FORMATS:
        return set()
    return {i for i, ln in enumerate(lines) if ln.kind == "heading"}


def next_text(lines: list[Line], i: int, limit: int = 6) -> int | None:
    """Index of the first non-blank line after i (within `limit` lines), or None."""
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if not lines[j].blank:
            return j
    return None


def prev_text(lines: list[Line], i: int, limit: int = 6) -> int | None:
    """Index of the last non-blank line before i (within `limit` lines), or None."""
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        if not lines[j].blank:
            return j
    return None


_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
          "with", "&", "-", "–", "—", "/"}
# words that make a line a sentence of prose rather than a heading
_FINITE = re.compile(r"(?=[wWhHiIaAbBcCsSdDtT])\b(?:was|were|had|has|have|is|are|been|would|will|could|should|did|there)\b", re.IGNORECASE)
# reporting verbs: prose when a subject stands before them ("The Chair reminded ...", "Mr X presented ..."),
# a title's participle otherwise ("Questions asked by members under Standing Order 7")
_REPORTING = re.compile(r"\b(?:said|noted|welcomed|thanked|advised|explained|reported|asked|stated|confirmed|agreed|resolved|"
                        r"received|presented|informed|raised|queried|requested|discussed|referred|introduced|gave|made|took|"
                        r"moved|declared|attended|addressed|spoke|reminded|expressed|provided|highlighted|outlined|sought)\b",
                        re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:The|A|An|He|She|It|They|We|This|Members|Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr|[A-Z]{2,4}\b|"
                      r"[A-Z][a-z]+\s+[A-Z][a-z]+\s+(?:presented|reported|said|gave|asked|explained|noted))")


def prose(text: str) -> bool:
    """Does the line read as a sentence of prose rather than a heading?"""
    if _FINITE.search(text):
        return True
    m = _REPORTING.search(text)
    return bool(m) and bool(_SUBJECT.match(text)) and m.start() < 60


def capitalised_share(text: str) -> float:
    """Share of a line's words (small words aside) that start with a capital or digit."""
    words = [w for w in re.findall(r"[^\s]+", text) if w.lower().strip(".,:;()'’") not in _SMALL]
    if not words:
        return 0.0
    return sum(1 for w in words if w[:1].isupper() or w[:1].isdigit() or w[:1] in "(‘'\"") / len(words)


def is_upper(text: str) -> bool:
    """Written in capitals: more than 85% of its (at least three) letters."""
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) / len(letters) > 0.85


@lru_cache(maxsize=8192)  # a pure function of its words, asked again of the same line by each reading of the items
def looks_like_title(text: str, *, loose: bool = False) -> bool:
    """A heading's words: short, starts with a capital, not a sentence of prose."""
    t = text.strip()
    if not t or len(t) > (200 if loose else 130) or not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\"("):
        return False
    if t.endswith((",", ";")) or re.match(r"(?:RESOLVED|Resolved|That\b|It was|There (?:was|were)|The\s+\w+\s+"
                                          r"(?:was|were|had|has|noted|received|considered))", t):
        return False
    if is_upper(t):
        return True
    if prose(t) and not re.match(r"To\s+\w+", t):
        return False
    if t.endswith(".") and len(t) > 90 and not loose:
        return False
    return capitalised_share(t) >= (0.34 if loose else 0.5) or len(t.split()) <= 3


@lru_cache(maxsize=8192)
def short_title(text: str, limit: int = 150) -> bool:
    """A numbered line's words read as a title, capitalised or not ("Approval of minutes of
    previous meeting"), and not as a sentence of prose."""
    t = text.strip()
    if not t or len(t) > limit or not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\"("):
        return False
    if re.match(r"(?:RESOLVED|Resolved|That\b|It\s+was|There\s+(?:was|were)|The\s+\w+\s+(?:was|were|had|has))", t):
        return False
    if prose(t) and not re.match(r"To\s+\w+", t) and not is_upper(t):
        return False
    return looks_like_title(t, loose=True) or len(t.split()) <= 10 or limit > 150
