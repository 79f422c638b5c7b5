"""Where each attendance section of minutes starts and stops, for any council.

A section opens with a label of the attendance vocabulary (`extractors/patterns/attendance.v1.jsonl`:
"Present:", "IN ATTENDANCE", "Apologies", "Sederunt", "Clerk •"), on its own line or inline, or a
sentence ("Board members present were ..."), and runs to the next label, a numbered item, a
heading or prose. The lists inside are read by `kg.segment.attendance`.
"""
from __future__ import annotations

import re

from extractors.names import squash
from kg.segment.name_rows import titled_name_in_capitals
from kg.segment.names_list import TITLE, VOCAB, alternation, name_at, skip_gap

def _labels(section: str) -> frozenset[str]:
    return frozenset(w for r in VOCAB if r["kind"] == "labels" and r["section"] == section for w in r["words"])


_SECTION_OF = {w.lower(): sec for sec in ("chair", "present", "attendance", "apologies", "absent", "substitutes", "stop")
               for w in _labels(sec)}
# one-word labels that also start a list or a sentence ("Councillors A, B", "Chair Jane Dale called ...")
_WEAK = {"members", "councillors", "officers", "officials", "clerk", "chair", "chairman", "chairperson", "absent",
         "attendance", "substitute", "presiding", "public", "press", "date", "time", "place", "item", "items",
         "agenda", "contact", "venue", "declarations", "administration", "webcast", "part i", "part one"}
_LABEL_ALT = alternation(_SECTION_OF)
LINE_LABEL = re.compile(rf"^[ \t|>•*#\-]*(?P<label>{_LABEL_ALT})(?P<sep>[ \t]*(?:[:|•–]|-(?=\s)|\.?[ \t]*$)|[ \t]+(?=[A-Z(]))",
                        re.IGNORECASE | re.MULTILINE)
LABEL_HERE = re.compile(LINE_LABEL.pattern[1:], re.IGNORECASE | re.MULTILINE)
MID_LABEL = re.compile(rf"(?<=[\s.)|])(?P<label>{_LABEL_ALT})(?P<sep>[ \t]*(?:[:•|]|[–—](?=\s)))", re.IGNORECASE)
PROSE_LABEL = re.compile(r"\b(?P<label>(?:(?:board|committee)\s+)?members\s+present\s+were|also\s+present\s+were"
                         r"|(?:also\s+)?in\s+attendance\s+were|present\s+were|there\s+were\s+present"
                         r"|the\s+following\s+(?:(?:members|councillors)\s+)?were\s+present)\b(?:[ \t]*:)?",
                         re.IGNORECASE)  # "..., there were present: Councillors A, B and C."
NUMBERED = re.compile(r"^[ \t]*(?:Item\s+)?(?:[A-Z]{1,4}\s?)?\d{1,4}(?:[./]\d{1,4})*[.):]?(?:[ \t]+\S|[ \t]*$)|"
                      r"^[ \t]*(?:Items?\b|Min\s*No|No\.?\s+Item)", re.MULTILINE | re.IGNORECASE)
_LIST_WORDS = {"and", "of", "for", "&", "de", "van", "von", "le", "da", "du", "la", "the", "to", "in"}


def label_at(text: str, m: re.Match, line_start: bool) -> str | None:
    label = squash(m.group("label")).lower()
    if not m.group("label")[0].isupper() and not (line_start and label in _LOWER_OK and _alone(text, m)):
        return None
    strong_sep = bool(re.search(r"[:|•–\-]", m.group("sep"))) or not text[m.end():text.find("\n", m.end()) % (len(text) + 1)].strip()
    if label in _WEAK and not strong_sep:
        return None
    section = _SECTION_OF.get(label)
    if section == "chair" and _BODY_END.search(text, m.end(), _line_end(text, m.end())):
        return None  # "Chairman: Hill Community Board", a post under a name, not who chaired
    return section


_BODY_END = re.compile(r"\b(?:Board|Committee|Council|Trust|Forum|Panel|Group|Authority|Association)\)?[ \t.]*$", re.MULTILINE)


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


# a table's first cell styled in capitals by the page, stored in lower case ("present" above the names)
_LOWER_OK = {"present", "in attendance", "apologies", "also present", "staff present", "officers present"}


def _alone(text: str, m: re.Match) -> bool:
    """The label is the whole of its line."""
    line_start = text.rfind("\n", 0, m.start("label")) + 1
    line_end = text.find("\n", m.end("label"))
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:line_end].strip(" \t|:") == m.group("label")


_POST_HEAD = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][a-z]+[ \t]+){1,3}$")


def _name_ends(text: str, pos: int) -> bool:
    """A name ends right before pos: "... Cllr Dale Officers:"."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return bool(TITLE.search(line))


def _row_cell(text: str, pos: int) -> bool:
    """pos is in a table row after its first cell, which holds a name: "Ann Dale | Town Clerk |"."""
    line = re.compile(r"[ \t|]*").match(text, text.rfind("\n", 0, pos) + 1).end()
    bar = text.find("|", line, pos)
    if bar < 0:
        return False
    s = skip_gap(text, line, bar)
    return name_at(text, s, bar, None, True) is not None


def find_labels(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(label start, list start, section) for every label in text[start:end], in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for m in LINE_LABEL.finditer(text, start, end):
        sec = label_at(text, m, True)
        if sec:
            found[m.start("label")] = (m.start("label"), m.end(), sec)
    for m in MID_LABEL.finditer(text, start, end):
        sec = label_at(text, m, False)
        if sec and squash(m.group("label")).lower() in _WEAK and _POST_HEAD.search(text, max(0, m.start() - 40), m.start()) \
                and text.rfind("\n", 0, m.start()) < text.rfind(" ", 0, m.start()) and not _name_ends(text, m.start()):
            continue  # "Senior Executive Officers: A, B": a post over names, not a new section
        if sec and "|" in m.group("sep") and _row_cell(text, m.start("label")):
            continue  # "Ann Dale | Town Clerk | Hill Council": a post in a table's row, not a label
        if sec and not any(s <= m.start() < e for s, e, _ in found.values()):
            found.setdefault(m.start("label"), (m.start("label"), m.end(), sec))
    for m in PROSE_LABEL.finditer(text, start, end):
        sec = "attendance" if re.match(r"(?i)also|in", m.group("label")) else "present"
        found.setdefault(m.start(), (m.start(), m.end(), sec + "!"))
    return sorted(found.values())


def list_opens_at(text: str, start: int, end: int) -> int | None:
    """Where the list of members present opens in text[start:end] (its label at a line's
    start: "Present:", "Members present", "Sederunt", "Present in the Chair"), if anywhere."""
    for m in LINE_LABEL.finditer(text, start, end):
        if label_at(text, m, True) in ("present", "chair"):
            return m.start("label")
    return None


def prose_line(line: str) -> bool:
    """A line of sentences, not of names: "The Chair welcomed ...", "Under item 4 of the ..."."""
    toks = re.findall(r"[A-Za-z][\w'’]*", line)[:5]
    if "Denotes" in line:
        return False
    if toks and toks[0] in ("The", "It", "There", "This") and any(t[0].islower() for t in toks[1:4]):
        return True
    return sum(t[0].islower() and t.lower() not in _LIST_WORDS for t in toks) >= 2


def _heading(line: str) -> bool:
    s = line.strip(" \t|*#")
    return len(re.findall(r"[A-Z]{2,}", s)) >= 2 and s.upper() == s and len(s) > 6 and not TITLE.search(s) \
        and not titled_name_in_capitals(s)  # "CLLR A FARROW" under "PRESENT:", a name, not a heading


def region_end(text: str, start: int, end: int, section: str) -> int:
    """Where a section's list stops: a numbered item, a heading, prose, or (for a list read
    from a sentence) the sentence's end."""
    if section.endswith("!"):
        stop = re.compile(r"\.(?=\s)(?<![A-Z]\.)|\n[ \t]*\n").search(text, start, end)
        return stop.start() if stop else end
    pos = start
    first = True
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if not first and line.strip():
            if NUMBERED.match(line) and not _stranded_number(text, line, line_end, end):
                return pos
            if _heading(line) or (prose_line(line) and section != "apologies"):
                return pos
        if line.strip():
            first = False
        pos = line_end + 1
    return end


def _stranded_number(text: str, line: str, line_end: int, end: int) -> bool:
    """A page's minute number printed between the names of a list ("19." between two members)."""
    if not re.fullmatch(r"\s*\d{1,4}\.?\s*", line):
        return False
    nxt = re.compile(r"\s*").match(text, line_end, end).end()
    return name_at(text, nxt, end, None, True) is not None and bool(TITLE.match(text, nxt, end))
