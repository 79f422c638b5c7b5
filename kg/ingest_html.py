"""An HTML page → its visible text, one block a line.

Each heading, paragraph, list item and `<br>` line is a line of its own; a table row is one
line, its cells written "cell | cell |" (as ModernGov pages read when copied); text inside
`<pre>` keeps its line breaks. Scripts, styles, forms' controls, navigation, breadcrumbs,
footers, cookie notices (by tag, role, class or id) and hidden elements are dropped. Two
inline elements written with nothing between them ("<span>4.00pm</span><span>21 January</span>")
are kept apart by a space when a reader sees two words, but "18<sup>th</sup>" stays one.
"""
from __future__ import annotations

import re


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

    # iterative walk (deeply nested pages must not hit the recursion limit)
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            tag = (node.name or "").lower()
            if leaving:
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
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(out).replace("\r", "\n").split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


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
