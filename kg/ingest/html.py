"""An HTML page → its visible text, one block a line, and the blocks its markup gives.

Each heading, paragraph, list item and `<br>` line is a line of its own; a table row is one
line, its cells written "cell | cell |" (as ModernGov pages read when copied); text inside
`<pre>` keeps its line breaks. Scripts, styles, forms' controls, navigation, breadcrumbs,
footers, cookie notices (by tag, role, class or id) and hidden elements are dropped. Two
inline elements written with nothing between them ("<span>4.00pm</span><span>21 January</span>")
are kept apart by a space when a reader sees two words, but "18<sup>th</sup>" stays one.

The blocks come from the DOM, not the text: each line belongs to the innermost element that
holds its first word: h1-h6 (a heading with its level), p, dt, dd, pre (a paragraph, bold
when all its words are), li (a list item with its marker, "3." in an ordered list, "•"
otherwise, and its depth), tr (a table row with its cells; ModernGov's item rows, whose second
cell holds the item's whole minutes, are a row for their first line, "1. | Title", and the
paragraphs of the minutes under it), a page's own <header> (furniture).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from kg.ingest.blocks import Shape


_DROP = frozenset({"script", "style", "nav", "head", "noscript", "template", "title", "svg", "iframe", "footer",
                   "button", "select", "option", "input", "textarea"})
# a class or id naming site furniture, not minutes: "mgFooter", "breadcrumb", "cookie-banner",
# "skip-link", "site-navigation", "mainMenu" (split at capitals, dashes and underscores)
_FURNITURE_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "bread",
                              "footer", "cookie", "cookies", "skip", "skiplink", "sidebar"})
_FURNITURE_ROLES = frozenset({"navigation", "contentinfo", "banner", "search"})
_NO_GAP = frozenset({"sup", "sub"})  # "18<sup>th</sup>": part of the word before
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
                    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                    "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table", "tbody",
                    "tfoot", "thead", "tr", "ul"})
_CELLS = ("td", "th")


def html_text(markup: str) -> str:
    """The visible text of an HTML page: blocks on their own lines, table cells as
    "cell | cell |" (as ModernGov pages read when copied), scripts and navigation dropped."""
    return html_text_shapes(markup)[0]


def html_text_shapes(markup: str) -> tuple[str, list[Shape | None] | None]:
    """The visible text of an HTML page (as `html_text`) and one `Shape` per line of it (None
    where the walk and the text disagree, which they should not)."""
    from bs4 import BeautifulSoup
    from bs4.element import CData, NavigableString, Tag

    soup = BeautifulSoup(markup, "html.parser")
    out: list[str] = []
    cell_start = False  # nothing written yet in the table cell just opened
    in_pre = 0  # inside <pre>: line breaks are kept as written
    boundary = False  # a tag opened or closed since the last text written

    def newline() -> None:  # a block boundary: start a new line unless already at one
        if out and not out[-1].endswith("\n") and not cell_start:
            out.append("\n")

    marks: list[list] = []  # [node, kind, first piece, end piece] of each element that makes a block
    open_marks: dict[int, list] = {}

    # iterative walk (deeply nested pages must not hit the recursion limit)
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            tag = (node.name or "").lower()
            if leaving:
                mark = open_marks.pop(id(node), None)
                if mark is not None:
                    mark[3] = len(out)
                if tag not in _NO_GAP:
                    boundary = True
                if tag == "pre":
                    in_pre -= 1
                if tag in _CELLS:
                    while out and out[-1] == "\n":  # "<td><p>...</p></td>": close the cell on its last line
                        out.pop()
                    out.append(" |")
                    cell_start = False
                elif tag in _BLOCK:
                    newline()
                continue
            if tag in _DROP or _furniture(node):
                continue
            if tag not in _NO_GAP:
                boundary = True
            if tag == "br":
                out.append("\n")
                continue
            if tag == "pre":
                in_pre += 1
            if tag in _CELLS:
                out.append(" ")
                cell_start = True
            elif tag in _BLOCK:
                newline()
            kind = _KIND.get(tag)
            if kind is not None:
                mark = [node, kind, len(out), len(out)]
                marks.append(mark)
                open_marks[id(node)] = mark
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            s = str(node)
            if in_pre:
                out.append(s)
            else:
                s = re.sub(r"\s+", " ", s)
                if boundary and s.strip() and out and _glued(out[-1][-1:], s[0]):
                    s = " " + s  # "<span>4.00pm</span><span>21 January 2021</span>"
                if s != " " or (out and not out[-1].endswith("\n")):
                    out.append(s)
                    boundary = boundary and not s.strip()
                    cell_start = cell_start and not s.strip()
    raw = "".join(out).replace("\r", "\n")
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    text = text + "\n" if text else ""
    return text, line_shapes(text, raw, out, marks)


def _furniture(node) -> bool:
    """Site furniture or hidden text: navigation, breadcrumbs, footers, cookie notices
    (named by role, class or id), and elements marked hidden."""
    if (node.name or "").lower() in ("html", "body", "main", "form", "article"):
        return False  # "<body class='nav-open'>", ASP.NET's page-wide <form>: the page itself
    attrs = node.attrs or {}
    if attrs.get("role", "").lower() in _FURNITURE_ROLES or "hidden" in attrs \
            or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(attrs.get("style", "")).lower().replace(" ", "")
    if "display:none" in style or "visibility:hidden" in style:
        return True
    names = attrs.get("class", [])
    names = [names] if isinstance(names, str) else list(names)
    names.append(str(attrs.get("id", "")))
    words = {w.lower() for name in names for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name)}
    return bool(words & _FURNITURE_WORDS)


def _glued(before: str, after: str) -> bool:
    """Two inline elements written with nothing between them that a reader sees apart:
    "4.00pm" + "21 January", "Cabinet" + "Thursday", "2020" + "Minutes" (not "18" + "th")."""
    if not before or not after.isalnum():
        return False
    return ((before.isalpha() and after.isdigit()) or (before.isdigit() and (after.isdigit() or after.isupper()))
            or (before.islower() and after.isupper()) or before in ":;,)")


# elements whose lines make one block, and the kind of block
_KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
         "p": "paragraph", "dt": "paragraph", "dd": "paragraph", "pre": "paragraph", "caption": "paragraph",
         "li": "list_item", "tr": "table_row", "header": "furniture"}
# an item number in a table's first cell: "1.", "12", "7.1", "(a)", "CAB.23", "GB 12/2324"
ITEM_NUMBER = re.compile(r"\(?[A-Z]{0,5}[ .]?\d{1,4}(?:[./]\d{1,4})*[.)]?|\(?[a-zA-Z]{1,4}\)|[a-z]\.")


def line_shapes(text: str, raw: str, out: list[str], marks: list[list]) -> list[Shape | None] | None:
    """One Shape per line of `text`: the block element that holds each line's first word."""
    offs = [0, *accumulate(len(p) for p in out)]
    n = len(out)
    owner = [-1] * n
    for idx, (node, kind, a, b) in enumerate(marks):
        if kind == "furniture" and node.find_parent(["main", "article"]) is not None:
            continue  # an article's own header: its headings and paragraphs speak for it
        for k in range(a, min(b, n)):
            owner[k] = idx
    raw_lines = raw.split("\n")
    starts = [0, *accumulate(len(x) + 1 for x in raw_lines)]
    line_owner: list[int | None] = []
    for i, line in enumerate(raw_lines):
        lead = len(line) - len(line.lstrip())
        if lead == len(line):
            line_owner.append(None)
            continue
        piece = bisect_right(offs, starts[i] + lead) - 1
        line_owner.append(owner[piece] if 0 <= piece < n else -1)
    split_rows: set[int] = set()
    for idx, (node, kind, a, b) in enumerate(marks):
        if kind != "table_row" or a >= n:
            continue
        m = re.compile(r"\S").search(raw, offs[a], offs[min(b, n)])
        if m is None:
            continue
        first = bisect_right(starts, m.start()) - 1
        last = bisect_right(starts, max(m.start(), offs[min(b, n)] - 1)) - 1
        line_owner[first] = idx
        if any(line_owner[j] not in (idx, None) for j in range(first + 1, last + 1)):
            split_rows.add(idx)
    kept: list[tuple[str, int | None]] = []
    for i, line in enumerate(raw_lines):
        words = re.sub(r"[ \t\xa0]+", " ", line).strip()
        if not words and (not kept or not kept[-1][0]):
            continue
        kept.append((words, line_owner[i] if words else None))
    while kept and not kept[-1][0]:
        kept.pop()
    if "\n".join(w for w, _o in kept) + ("\n" if kept else "") != text:
        return None
    cache: dict[int, Shape] = {}
    shapes: list[Shape | None] = []
    loose = len(marks) + 1  # groups for lines no block element holds
    for words, idx in kept:
        if idx is None:
            shapes.append(None)
            loose += 1
        elif idx < 0:
            shapes.append(Shape("paragraph", loose))
        else:
            if idx not in cache:
                cache[idx] = _shape(marks[idx], idx + 1, words if idx in split_rows else None)
            shapes.append(cache[idx])
    return shapes


def _shape(mark: list, group: int, first_line: str | None) -> Shape:
    node, kind = mark[0], mark[1]
    tag = node.name.lower()
    if kind == "heading":
        return Shape("heading", group, level=int(tag[1]))
    if kind == "list_item":
        return Shape("list_item", group, level=len(node.find_parents(["ol", "ul"])), marker=_li_marker(node))
    if kind == "table_row":
        if first_line is not None:  # a row whose cell holds paragraphs of its own: its first line
            cells = tuple(c for c in re.split(r"\s*\|\s*", first_line.strip()) if c)
        else:
            cells = tuple(" ".join(c.get_text(" ").split()) for c in node.find_all(["td", "th"], recursive=False))
            cells = tuple(c for c in cells if c)
        marker = cells[0] if cells and len(cells) > 1 and ITEM_NUMBER.fullmatch(cells[0]) else ""
        return Shape("table_row", group, marker=marker, cells=cells)
    if kind == "furniture":
        return Shape("furniture", group)
    return Shape("paragraph", group, bold=_all_bold(node) or None)


def _li_marker(node) -> str:
    """"3." for the third item of an ordered list (its start and type counted), "•" otherwise."""
    parent = node.parent
    if parent is None or (parent.name or "").lower() != "ol":
        return "•"
    try:
        n = int(parent.get("start", 1))
    except (TypeError, ValueError):
        n = 1
    for sib in node.find_previous_siblings("li"):
        n += 1
    kind = str(parent.get("type", "1"))
    if kind in "aA" and 1 <= n <= 26:
        label = chr(ord(kind) + n - 1)
    elif kind in "iI" and 1 <= n <= 39:
        label = _roman(n) if kind == "I" else _roman(n).lower()
    else:
        label = str(n)
    return label + "."


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _all_bold(node) -> bool:
    """Every word of the element is inside <strong> or <b>."""
    words = "".join(node.get_text().split())
    if not words:
        return False
    if node.find_parent(["strong", "b"]) is not None:
        return True
    bold = "".join("".join(b.get_text().split()) for b in node.find_all(["strong", "b"])
                   if b.find_parent(["strong", "b"]) is None)  # the outermost, each counted once
    return bold == words
