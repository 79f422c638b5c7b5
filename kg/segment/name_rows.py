"""Lists of names as tables and PDFs lay them out, flattened one cell a line: an office cell beside
the name ("Mayor" | "Mayor Ann Dale"), a name over its post, "Post: names" and "Name, Post," lines,
rows of cells "Name | Post | Organisation"; and lists printed in capitals ("A FARROW (CHAIR), B GANT").
Each reader answers [] when the list is not of its shape; `kg.segment.names_list.people_in_list`
tries them before reading the list as names between commas."""
from __future__ import annotations

import re

from extractors.names import squash
from kg.models import PersonRef, Span
from extractors.titles import POSTNOMINALS
from kg.segment.names_list import CHAIR_MARK, POST_WORD, TITLE, name_at, skip_gap, top_level_cuts

__all__ = ["without_row_labels", "laid_out", "capitals_as_names", "titled_name_in_capitals"]


# a table's first cell naming the office of the name beside it ("Mayor" | "Mayor Ann Dale"), flattened one
# cell a line; and the style of a mayor before the name ("His Worship the Mayor Ann Dale")
_ROW_LABEL = re.compile(r"^[ \t|]*(?:(?:Deputy|Lord|Lady)[ \t]+)?Mayor[ \t|]*$|\b(?:His|Her|Their)[ \t]+Worship[ \t]+(?:[Tt]he[ \t]+)?(?=Mayor\b)",
                        re.MULTILINE)


def without_row_labels(text: str, start: int, end: int) -> str:
    """The text with the office cells and mayoral styles in text[start:end] blanked (offsets kept)."""
    cuts = [m.span() for m in _ROW_LABEL.finditer(text, start, end) if m.group(0).strip()]
    if not cuts:
        return text
    parts, pos = [], 0
    for a, b in cuts:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    return "".join(parts) + text[pos:]


def _name_then_post_lines(text: str, start: int, end: int, named: list[bool]) -> list[tuple[PersonRef, str]]:
    """A name on one line and its post on the next, for each person: "Ann Dale" / "Head of Planning"
    (a two-column table flattened one cell a line)."""
    if len(named) < 4 or len(named) % 2 or not all(named[0::2]) or any(named[1::2]):
        return []
    rows = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])
            if m.group(0).strip(" \t\xa0|")]
    out = []
    for (a, b), (c, d) in zip(rows[0::2], rows[1::2]):
        post = squash(text[start + c:start + d]).strip(" |")
        if not POST_WORD.search(post) or name_at(text, start + c, start + d, None, True):
            return []
        s = skip_gap(text, start + a, start + b)
        found = name_at(text, s, start + b, None, True)
        out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post), ""))
    return out


_POST_COLON = re.compile(r"[ \t\xa0•*\-]*(?P<post>[A-Z][^:\n]{2,60}?)[ \t]*:[ \t]*(?P<names>\S[^\n]*)")


def _post_colon_lines(text: str, start: int, end: int) -> list[tuple[PersonRef, str]]:
    """A post, a colon and the names holding it, a line each: "County Manager: Ann Dale",
    "Directors: Ruth Amos, Tom Hill"."""
    rows = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])]
    heads = [_POST_COLON.fullmatch(text, a, b) for a, b in rows]
    if len(rows) < 2 or not all(h and POST_WORD.search(h.group("post")) and not TITLE.match(h.group("post")) for h in heads):
        return []
    out = []
    for h in heads:
        post = re.sub(r"(?<=[a-z])s$", "", squash(h.group("post")))  # "Directors: A, B": each a Director
        for s, e, _ in top_level_cuts(text, h.start("names"), h.end("names"), False):
            found = name_at(text, skip_gap(text, s, e), e, None, False)
            if found:
                out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post, role="officer"), ""))
    return out


def _name_comma_post_lines(text: str, start: int, end: int) -> list[tuple[PersonRef, str]]:
    """A name, a comma and its post, a line each: "P Dale, Area Engineer," / "R Amos, Director of Services"."""
    rows = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])]
    if len(rows) < 2:
        return []
    out, posts = [], 0
    for a, b in rows:
        found = name_at(text, skip_gap(text, a, b), b, None, True)
        rest = text[found[1]:b] if found else ""
        post = squash(rest.strip(" \t,.;"))
        if len(out) >= 2 and "," not in text[a:b]:
            break  # a heading under the list ("Vote of Thanks")
        if not found or not rest.startswith(",") or not post or "," in post or TITLE.match(post) \
                or TITLE.match(text, found[0], found[1]) or CHAIR_MARK.match(post):
            return []  # members with their roles ("Cllr A Dale, Chair") are read as a list of members
        posts += bool(POST_WORD.search(post))
        out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post, role="officer"), ""))
    return out if posts * 5 >= len(out) * 3 else []


_POST_NAME = re.compile(r"[ \t\n]*(?P<post>[A-Z][\w&'’/-]*(?:[ \t\n]+(?:[A-Z][\w&'’/-]*|of|and|for|the|&|[-–]))*?)"
                        r"[ \t\n]+(?P<name>[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z]\.?)?[ \t]+(?:(?:van|de|von|le)[ \t]+)?[A-Z][\w'’-]+)[ \t\n.]*")


def _post_before_name(text: str, start: int, end: int) -> list[tuple[PersonRef, str]]:
    """Posts written before the names, between commas: "Chief Executive Ann Dale, Group Manager Services
    and Assets Tom Hill and Committee Advisor Ruth Amos." (InfoCouncil's in-attendance paragraph)."""
    para = re.compile(r"[ \t\n]*[^\n]+?\.[ \t]*(?=\n[ \t]*\n|\s*$)").match(text, start, end)  # one closed paragraph
    if para:
        end = para.end() - 1 - (len(para.group(0)) - len(para.group(0).rstrip(" \t")))
    pieces, pos = [], start
    for m in re.finditer(r",", text[start:end]):
        pieces.append((pos, start + m.start()))
        pos = start + m.end()
    pieces.append((pos, end))
    if len(pieces) < 2:
        return []
    last_a, last_b = pieces[-1]
    tail = [m for m in re.finditer(r"[ \t\n]+and[ \t\n]+", text[last_a:last_b])]
    if tail:
        cut = last_a + tail[-1].start()
        if _POST_NAME.fullmatch(text, cut + len(tail[-1].group(0)), last_b):
            pieces[-1:] = [(last_a, cut), (cut + len(tail[-1].group(0)), last_b)]
    out = []
    for a, b in pieces:
        m = _POST_NAME.fullmatch(text, a, b)
        if not m or not POST_WORD.search(m.group("post")) or TITLE.match(m.group("post")):
            return []
        out.append((PersonRef(name=squash(m.group("name")), span=Span(m.start("name"), m.end("name")),
                              post=squash(m.group("post")), role="officer"), ""))
    return out


def _name_post_cells(text: str, start: int, end: int) -> list[tuple[PersonRef, str]]:
    """Table rows, one person a row: the name in the first cell, the post in the next and any
    other cell (the organisation) after it: "Ann Dale | Project Manager | Hill Housing Trust"."""
    rows = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])
            if m.group(0).strip(" \t\xa0|")]
    out = []
    for a, b in rows:
        cells = [(a + c.start(), a + c.end()) for c in re.finditer(r"[^|]+", text[a:b]) if c.group(0).strip(" \t\xa0")]
        if len(cells) < 2 or "|" not in text[a:b]:
            return []
        found = _whole_cell_name(text, *cells[0])
        if not found or any(_whole_cell_name(text, c, d) for c, d in cells[1:]):
            return []  # a cell more than a name, or names side by side ("Ann Dale | Tom Hill")
        post = squash(text[cells[1][0]:cells[1][1]]).strip(" .,;")
        if CHAIR_MARK.match(post) or _MEMBER_CELL.fullmatch(post):  # "Ann Dale | Chair", "Tom Hill | Member"
            out.append((PersonRef(name=found[2], span=Span(found[0], found[1])), "chair" if CHAIR_MARK.match(post) else ""))
            continue
        if TITLE.match(post) or not (POST_WORD.search(post) or _BODY_CELL.fullmatch(post)):
            return []
        out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post if POST_WORD.search(post) else None), ""))
    return out


# a cell naming the body a person comes from, not a post: "Hill Housing Trust", "Vale Police"
_BODY_CELL = re.compile(r"[A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.()-]*|of|and|for|the|&|on))*")


_MEMBER_CELL = re.compile(r"(?i)(?:(?:elected|co-?opted|committee|board|council|voting|independent)[ \t]+)?(?:member|councillor)")


def _whole_cell_name(text: str, start: int, end: int) -> tuple[int, int, str, str | None] | None:
    """The name that fills the cell text[start:end], if one does ("Hill Housing Trust" holds none)."""
    found = name_at(text, skip_gap(text, start, end), end, None, True)
    return found if found and not text[found[1]:end].strip(" \t\xa0,.") else None


def laid_out(text: str, start: int, end: int, named: list[bool]) -> list[tuple[PersonRef, str]]:
    """The people of a list in one of the laid-out shapes above, or []."""
    return _name_post_cells(text, start, end) or _name_then_post_lines(text, start, end, named) or _post_colon_lines(text, start, end) \
        or _name_comma_post_lines(text, start, end) or _post_before_name(text, start, end)


# ---------------------------------------------------------------- lists printed in capitals

_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z][A-Z'’\-]+(?![\w'’])")
_SMALL_WORDS = {"of", "and", "for", "the", "in", "to", "on", "at", "with"}


def capitals_as_names(text: str, start: int, end: int) -> str:
    """A list printed all in capitals ("A FARROW (CHAIR), B GANT") as names are written ("A Farrow
    (Chair), B Gant"), so that it reads like any list; the same length, so spans hold."""
    region = text[start:end]
    if re.search(r"[a-z]", region) or not re.search(r"[A-Z]{3}", region):
        return text

    def cased(m: re.Match) -> str:
        w = m.group(0)
        if w.rstrip(".") in POSTNOMINALS:
            return w
        if w.lower() in _SMALL_WORDS:  # "J DALE AND K AMOS"
            return w.lower()
        return re.sub(r"(?<=[A-Z])([A-Z]+)", lambda r: r.group(1).lower(), w)

    return text[:start] + _CAPS_WORD.sub(cased, region) + text[end:]


def titled_name_in_capitals(line: str) -> bool:
    """A line in capitals that opens with a titled name, forename or initial and surname ("CLLR A
    FARROW (CHAIRMAN)", "COUNCILLORS A FARROW, B GANT"), not a heading ("COUNCILLOR QUESTIONS")."""
    line = line.strip(" \t|*•-")
    cased = capitals_as_names(line, 0, len(line))
    title = TITLE.match(cased)
    if cased == line or not title:
        return False
    found = name_at(cased, 0, len(cased), None, True)
    return found is not None and len(cased[title.end():found[1]].split()) >= 2 \
        and bool(re.match(r"[ \t]*(?:[(,;.]|and\b|$)", cased[found[1]:]))
