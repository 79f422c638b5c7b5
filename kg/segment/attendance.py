"""Who attended: the attendance sections at the head of minutes of any council.

A section opens with a label ("Present:", "IN ATTENDANCE", "Apologies", "Sederunt", "Clerk •"),
on its own line or inline, and runs to the next label, a numbered item, a heading or prose.
Its list is read by shape: names split by commas, semicolons, "and", bullets or lines; a post
after a dash, a comma or in brackets, or a post with the name in brackets; a plural title
("Councillors A, B and C") giving each name its singular; grids whose rows carry a mark
(P / A, * / Ø) or a table's Present / Apologies cell. The vocabulary is
`extractors/patterns/attendance.v1.jsonl` on top of `extractors.names`.
"""
from __future__ import annotations

import re

from extractors.names import HONORIFICS, POSTNOMINALS, RANK_PATTERN, squash
from extractors.vocab import load_jsonl, words
from kg.models import Attendance, PersonRef, Span

__all__ = ["read_attendance", "apologies_in", "chair_in"]

_VOCAB = load_jsonl("attendance.v1.jsonl")
_PEOPLE = load_jsonl("people.v1.jsonl")
NOT_FORENAMES = words(_PEOPLE, "not_names") | words(_VOCAB, "not_names") | words(_VOCAB, "not_surnames")
NOT_SURNAMES = words(_VOCAB, "not_surnames")
PLURALS = {p: s for r in _VOCAB if r["kind"] == "plural_titles" for p, s in r["pairs"]}
MEMBER_TITLES = words(_VOCAB, "member_titles")


def _alternation(items, flags: str = "") -> str:
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(items, key=len, reverse=True)) + ")"


_TITLES = {h.capitalize() for h in HONORIFICS} | MEMBER_TITLES
_TITLE = re.compile(rf"(?:{_alternation(PLURALS)}|{_alternation(_TITLES)}|{RANK_PATTERN})\.?(?![\w'’])")
_CHAIR_PREFIX = re.compile(rf"{_alternation(words(_VOCAB, 'chair_titles'))}(?=\s*[A-Z(]|(?:Cllr|Councillor))")
_POSTNOMINAL = re.compile(rf",?\s+(?:{'|'.join(POSTNOMINALS)}|MSP|AM|MS)\b\.?")
_INITIALS = re.compile(r"[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z](?=[\s,;)]|$)|(?:[A-Z]\.?){2,3}(?=\s+[A-Z][a-z])")
_WORD = re.compile(r"(?:(?:de|da|van|von|der|le|la|du)\s+)?[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\u00ad\u2010\-]*[a-zà-ÿ][A-Za-zÀ-ÿ'’]*"
                   r"(?:[\-\u00ad\u2010]+[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]+)?")
_GAP_ANY = re.compile(r"[ \t\n\r\xa0]+")
_GAP_LINE = re.compile(r"[ \t\xa0]+")
CHAIR_MARK = re.compile(r"^\(?\s*(?:in\s+the\s+chair|chair(?:man|woman|person)?|conven[eo]r|cathaoirleach|presiding)\s*\)?$",
                        re.IGNORECASE)
POST_WORD = re.compile(r"\b(?:Director|Head|Manager|Officer|Lead|Executive|Member|Partner|Commissioner|Advis[eo]r|"
                       r"Co-?ordinator|Assistant|Chief|Analyst|Consultant|Principal|Specialist|Worker|Clerk|Leader|"
                       r"Secretary|Treasurer|Solicitor|Lawyer|Accountant|Engineer|Planner|Inspector|Holder|Invitee|"
                       r"Nurse|Administrator|Professional|Spokesperson|Mayor|Chair(?:man|person)?|CPO)s?\b")
_SMALL = {"of", "and", "for", "the", "&", "in", "to", "on", "at", "with", "a"}


# ---------------------------------------------------------------- one name

def _name_at(text: str, pos: int, end: int, ctx: str | None, one_line: bool) -> tuple[int, int, str, str | None] | None:
    """The name starting at `pos`: (start, end, name as the list means it, title it gives the names
    after it). "Cllrs Hayward" gives "Cllr Hayward" and "Cllr"; under `ctx` a surname alone is a name."""
    gap = _GAP_LINE if one_line else _GAP_ANY
    title, opens, plural, q, courtesy = None, None, None, pos, None
    m = _TITLE.match(text, pos, end)
    if m:
        raw = squash(m.group(0)).rstrip(".")
        plural = PLURALS.get(raw)
        title = plural or raw
        if plural or raw.split()[-1] in {"Councillor", "Cllr", "Cr"}:
            opens = plural or raw
        q = m.end()
        g = gap.match(text, q, end)
        m2 = _TITLE.match(text, g.end(), end) if g else None
        if m2 and squash(m2.group(0)).rstrip(".") not in PLURALS:  # "Councillor Mrs", "Cllr Dr"
            q = m2.end()
            courtesy = m2.start()
    parts: list[tuple[str, int, int]] = []
    while len(parts) < 12:
        if parts or title:
            g = gap.match(text, q, end)
            if g:
                q = g.end()
            elif not (title and not parts and q < end and text[q].isupper()):  # "Cllr.Scanlan"
                break
        has_word = any(k == "w" for k, _, _ in parts)
        wm = _WORD.match(text, q, end)
        im = re.compile(r"[A-Z]\.?(?=[ \t\xa0])").match(text, q, end) if has_word else _INITIALS.match(text, q, end)
        if wm and (not im or wm.end() >= im.end()):
            w = wm.group(0).split()[-1]
            if w in NOT_SURNAMES or (not parts and not title and not ctx and w in NOT_FORENAMES):
                break
            parts.append(("w", wm.start(), wm.end()))
            q = wm.end()
        elif im:
            parts.append(("i", im.start(), im.end()))
            q = im.end()
        else:
            break
    while parts and parts[-1][0] == "i":  # a name ends with a surname
        parts.pop()
    if not parts or (not title and not ctx and len(parts) < 2):
        return None
    last_end = parts[-1][2]
    pm = _POSTNOMINAL.match(text, last_end, end)
    if pm and pm.group(0).strip(" ,.") == _initials_of(text, parts):
        pm = None  # "Kenny Combe KC": an initials column, not King's Counsel
    while pm:
        last_end = pm.end()
        pm = _POSTNOMINAL.match(text, last_end, end)
    first = parts[0][1] if courtesy is None or not plural else courtesy
    if title and not plural:
        return pos, last_end, squash(text[pos:last_end]).rstrip(".,"), opens
    prefix = plural or ctx
    return first, last_end, (f"{prefix} " if prefix else "") + squash(text[first:last_end]).rstrip(".,"), opens


# ---------------------------------------------------------------- a list of names

def _top_level_cuts(text: str, start: int, end: int, one_line: bool) -> list[tuple[int, int, str]]:
    """Pieces of a list between commas, semicolons, bullets, "and"/"&" (and line ends, when each
    line holds one entry), outside brackets; with the kind of cut before each piece."""
    out, depth, piece, kind = [], 0, start, "hard"
    k = start
    while k < end:
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            cut = None
            if ch in ";•|" or (ch == "\n" and one_line):
                cut = ("hard", k + 1)
            elif ch == ",":
                cut = ("soft", k + 1)
            else:
                am = re.compile(r"\s+(?:and|&)\s+|\s*&\s*").match(text, k, end)
                if am and am.start() == k and (k == start or text[k - 1] != ","):
                    cut = ("and", am.end())
            if cut:
                out.append((piece, k, kind))
                kind, piece = cut
                k = piece
                continue
        k += 1
    out.append((piece, end, kind))
    return [(s, e, kd) for s, e, kd in out if text[s:e].strip(" \t\n\xa0.")]


def _post_like(piece: str) -> bool:
    if not piece[:1].isupper() or _POSTNOMINAL.fullmatch(" " + piece):
        return False  # "the Clerk", "CBE"
    ws = [w for w in re.findall(r"[^\s]+", piece) if w.lower() not in _SMALL]
    return bool(ws) and (bool(POST_WORD.search(piece)) or sum(w[:1].isupper() or w[:1] == "(" for w in ws) * 2 >= len(ws))


def _people_in_list(text: str, start: int, end: int, ctx: str | None = None,
                    sentence: bool = False) -> list[tuple[PersonRef, str]]:
    """Each person of a list with a flag: "chair", "vice", "sub" (a substitute) or ""."""
    lines = [ln for ln in text[start:end].split("\n") if ln.strip(" \t\xa0|")]
    one_line = len(lines) > 1 and all(_name_at(text, start + text[start:end].index(ln) + len(ln) - len(ln.lstrip(" \t\xa0•*-")),
                                                end, None, True) for ln in lines) \
        and not any(re.search(r"(?:[,;&]|\band)\s*$", ln) for ln in lines)
    bracketed = _post_then_name(text, start, end)
    if bracketed:
        return bracketed
    out: list[tuple[PersonRef, str]] = []
    last: PersonRef | None = None
    for p_start, p_end, kind in _top_level_cuts(text, start, end, one_line):
        if kind == "hard":
            last = None
        pos, made = p_start, False
        while pos < p_end:
            pos = _GAP_ANY.match(text, pos, p_end).end() if _GAP_ANY.match(text, pos, p_end) else pos
            if pos >= p_end:
                break
            flag = ""
            am = re.compile(r"(?:and|&)\s+").match(text, pos, p_end)
            pos = am.end() if am else pos
            cm = _CHAIR_PREFIX.match(text, pos, p_end)
            if cm and _name_at(text, _skip_gap(text, cm.end(), p_end), p_end, ctx, one_line):
                flag, pos = "chair", _skip_gap(text, cm.end(), p_end)
            lead = re.compile(r"(?:[a-z]+\s+){1,2}(?=[A-Z])" if sentence and not made else r"[A-Z]{2,6}s?\s+(?=[A-Z][a-z])"
                              ).match(text, pos, p_end)
            found = _name_at(text, pos, p_end, ctx, one_line)
            if found is None and lead:
                found = _name_at(text, lead.end(), p_end, ctx, one_line)
            if found is None and text[pos:p_end].strip(" .").rstrip(".") in PLURALS:
                ctx = PLURALS[text[pos:p_end].strip(" .").rstrip(".")]
                break
            if found is None:
                piece = squash(text[pos:p_end]).strip(" .")
                if last is not None and not made and kind != "hard" and _post_like(piece):
                    _add_post(text, last, pos, p_end)
                    if CHAIR_MARK.match(piece):
                        out[-1] = (last, "chair")
                break
            n_start, n_end, name, opens = found
            if opens:
                ctx = opens
            for ref in _split_run(text, n_start, n_end, name, ctx):
                out.append((ref, flag))
                last = ref
            made = True
            pos = n_end
            pos = _trailing(text, pos, p_end, out, last)
    return out


def _initials_of(text: str, parts) -> str:
    return "".join(text[s] for _, s, _ in parts)


def _initials_of_name(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.rstrip(".") not in _TITLES)


def _skip_gap(text: str, pos: int, end: int) -> int:
    g = _GAP_ANY.match(text, pos, end)
    return g.end() if g else pos


def _split_run(text: str, start: int, end: int, name: str, ctx: str | None) -> list[PersonRef]:
    """A run of four or more capitalised words with no title ("Jane Dale Ruth Amos") is pairs."""
    toks = list(re.finditer(r"\S+", text[start:end]))
    if ctx or len(toks) < 4 or len(toks) % 2 or any(not t.group(0)[0].isupper() or t.group(0).rstrip(".") in _TITLES
                                                  or len(t.group(0).rstrip(".")) < 2 for t in toks):
        return [PersonRef(name=name, span=Span(start, end))]
    out = []
    for a, b in zip(toks[::2], toks[1::2]):
        s, e = start + a.start(), start + b.end()
        out.append(PersonRef(name=squash(text[s:e]), span=Span(s, e)))
    return out


def _trailing(text: str, pos: int, end: int, out: list, ref: PersonRef) -> int:
    """What follows a name in its piece: "(Chairman)", "(post)", "- post", "(substitute for X)",
    an initials column ("KC", "(JA)"), a part-of-meeting star."""
    while pos < end:
        q = _skip_gap(text, pos, end)
        if text.startswith("(", q):
            close = text.find(")", q, end)
            close = end if close < 0 else close + 1
            inner = squash(text[q + 1:close].rstrip(")"))
            if CHAIR_MARK.match(inner):
                out[-1] = (ref, "chair")
            elif re.match(r"(?i)(?:joint\s+)?(?:vice|deputy)[\s\-]*chair", inner):
                out[-1] = (ref, "vice")
            elif re.match(r"(?i)substitut", inner):
                out[-1] = (ref, "sub")
            elif ref.post is None and POST_WORD.search(inner) and not re.match(r"(?i)for\s+items?", inner):
                ref.post = inner
            pos = close
        elif re.match(r"[*]+", text[q:q + 1]):
            pos = q + 1
        elif (cm := re.compile(r"\(?([A-Z]{2,3})\b\)?").match(text, q, end)) and (
                cm.group(1) == _initials_of_name(ref.name) or not _name_at(text, q, end, None, False)):
            pos = cm.end()
        elif re.compile(r"\s*[–—\-:]\s*").match(text, pos, end) and ref.post is None:
            d = re.compile(r"\s*[–—\-:]\s*").match(text, pos, end)
            rest = squash(text[d.end():end]).strip(" .")
            if rest:
                _add_post(text, ref, d.end(), end)
                if CHAIR_MARK.match(re.sub(r"(?i)^the\s+", "", rest)) or re.search(r"(?i)\(in the chair\)", rest):
                    out[-1] = (ref, "chair")
                return end
            pos = d.end()
            break
        elif ref.post is None and POST_WORD.search(text[q:end]) and _post_like(text[q:end]) \
                and not _name_at(text, q, end, None, False) and text[q:q + 1].isupper():
            _add_post(text, ref, q, end)  # "Jane Dale Head of Housing"
            return end
        else:
            break
    return pos


_POST_FROM: dict[int, int] = {}


def _add_post(text: str, ref: PersonRef, start: int, end: int) -> None:
    """Give `ref` the post written at text[start:end], or extend the post it has to there."""
    if ref.post and id(ref) in _POST_FROM:
        start = _POST_FROM[id(ref)]
        ref.post = None
    _POST_FROM[id(ref)] = start
    piece = re.sub(r"(?i)\s*\((?:for\s+)?items?\b[^)]*\)", "", squash(text[start:end])).strip(" .,")
    piece = re.sub(r"\s*\((?i:in the chair)\)", "", piece)
    if not piece:
        return
    ref.post = f"{ref.post}, {piece}" if ref.post else piece


def _post_then_name(text: str, start: int, end: int) -> list[tuple[PersonRef, str]]:
    """"Director of X (Mr. K. Lehane), Senior Engineer (Messrs. A. Bell and C. Dale)": posts with
    the names in brackets."""
    groups = list(re.finditer(r"\(([^()]*)\)", text[start:end]))
    named = [g for g in groups if _name_at(text, start + g.start(1), start + g.end(1), None, False)]
    if not named or len(named) * 2 < len(groups) or _name_at(text, _skip_gap(text, start, end), end, None, False):
        return []
    out, prev = [], start
    for g in named:
        post = squash(re.sub(r"^[\s,;]+", "", text[prev:start + g.start()])).strip(" ,;")
        ctx = None
        for s, e, _ in _top_level_cuts(text, start + g.start(1), start + g.end(1), False):
            s = _skip_gap(text, s, e)
            found = _name_at(text, s, e, ctx, False)
            if found:
                ctx = found[3] or ctx
                out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post or None, role="officer"), ""))
        prev = start + g.end()
    return out


# ---------------------------------------------------------------- sections

def _labels(section: str) -> frozenset[str]:
    return frozenset(w for r in _VOCAB if r["kind"] == "labels" and r["section"] == section for w in r["words"])


_SECTION_OF = {w.lower(): sec for sec in ("chair", "present", "attendance", "apologies", "substitutes", "stop")
               for w in _labels(sec)}
# one-word labels that also start a list or a sentence ("Councillors A, B", "Chair Jane Dale called ...")
_WEAK = {"members", "councillors", "officers", "officials", "clerk", "chair", "chairman", "chairperson", "absent",
         "attendance", "substitute", "presiding", "public", "press", "date", "time", "place", "item", "items",
         "agenda", "contact", "venue", "declarations", "administration", "webcast", "part i", "part one"}
_LABEL_ALT = _alternation(_SECTION_OF)
LINE_LABEL = re.compile(rf"^[ \t|>•*#\-]*(?P<label>{_LABEL_ALT})(?P<sep>[ \t]*(?:[:|•–]|-(?=\s)|\.?[ \t]*$)|[ \t]+(?=[A-Z(]))",
                        re.IGNORECASE | re.MULTILINE)
LABEL_HERE = re.compile(LINE_LABEL.pattern[1:], re.IGNORECASE | re.MULTILINE)
MID_LABEL = re.compile(rf"(?<=[\s.)|])(?P<label>{_LABEL_ALT})(?P<sep>[ \t]*(?:[:•|]|[–—](?=\s)))", re.IGNORECASE)
PROSE_LABEL = re.compile(r"\b(?P<label>(?:(?:board|committee)\s+)?members\s+present\s+were|also\s+present\s+were"
                         r"|(?:also\s+)?in\s+attendance\s+were|present\s+were)\b", re.IGNORECASE)
NUMBERED = re.compile(r"^[ \t]*(?:Item\s+)?(?:[A-Z]{1,4}\s?)?\d{1,4}(?:[./]\d{1,4})*[.):]?(?:[ \t]+\S|[ \t]*$)|"
                      r"^[ \t]*(?:Items?\b|Min\s*No|No\.?\s+Item)", re.MULTILINE | re.IGNORECASE)
_LIST_WORDS = {"and", "of", "for", "&", "de", "van", "von", "le", "da", "du", "la", "the", "to", "in"}


def _label_at(text: str, m: re.Match, line_start: bool) -> str | None:
    label = squash(m.group("label")).lower()
    if not m.group("label")[0].isupper():
        return None
    strong_sep = bool(re.search(r"[:|•–\-]", m.group("sep"))) or not text[m.end():text.find("\n", m.end()) % (len(text) + 1)].strip()
    if label in _WEAK and not strong_sep:
        return None
    return _SECTION_OF.get(label)


def _find_labels(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(label start, list start, section) for every label in text[start:end], in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for m in LINE_LABEL.finditer(text, start, end):
        sec = _label_at(text, m, True)
        if sec:
            found[m.start("label")] = (m.start("label"), m.end(), sec)
    for m in MID_LABEL.finditer(text, start, end):
        sec = _label_at(text, m, False)
        if sec and not any(s <= m.start() < e for s, e, _ in found.values()):
            found.setdefault(m.start("label"), (m.start("label"), m.end(), sec))
    for m in PROSE_LABEL.finditer(text, start, end):
        sec = "attendance" if re.match(r"(?i)also|in", m.group("label")) else "present"
        found.setdefault(m.start(), (m.start(), m.end(), sec + "!"))
    return sorted(found.values())


def _prose(line: str) -> bool:
    """A line of sentences, not of names: "The Chair welcomed ...", "Under item 4 of the ..."."""
    toks = re.findall(r"[A-Za-z][\w'’]*", line)[:5]
    if "Denotes" in line:
        return False
    if toks and toks[0] in ("The", "It", "There", "This") and any(t[0].islower() for t in toks[1:4]):
        return True
    return sum(t[0].islower() and t.lower() not in _LIST_WORDS for t in toks) >= 2


def _heading(line: str) -> bool:
    s = line.strip(" \t|*#")
    return len(re.findall(r"[A-Z]{2,}", s)) >= 2 and s.upper() == s and len(s) > 6 and not _TITLE.search(s)


def _region_end(text: str, start: int, end: int, section: str) -> int:
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
            if _heading(line) or (_prose(line) and section != "apologies"):
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
    return _name_at(text, nxt, end, None, True) is not None and bool(_TITLE.match(text, nxt, end))


# ---------------------------------------------------------------- grids and tables

_MARK_LINE = re.compile(r"^[ \t]*(?P<mark>Ø|∅|\*{1,2}|[PA](?=[ \t]+[A-Z]))(?:[ \t]+(?:Ø|∅|\*{1,2}))?[ \t]*(?P<rest>.*)$", re.MULTILINE)


def _grid(text: str, start: int, end: int, att: Attendance) -> bool:
    """Rows marked present or absent: "P  Jane Dale", "A  Ruth Amos"; or a "*" / "Ø" on the row
    or on the line above it (a grid flattened one cell a line)."""
    marks = [m for m in _MARK_LINE.finditer(text, start, end) if "Denotes" not in m.group(0)]
    if len(marks) < 3:
        return False
    pending = None
    pos = start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if not line.strip() or "Denotes" in line or re.match(r"\s*[PA]\s*:", line):
            continue
        m = _MARK_LINE.match(text, s, e)
        if m:
            pending = m.group("mark")
            s = m.start("rest")
        if not text[s:e].strip():
            continue
        for ref, flag in _people_in_list(text, s, e):
            if pending in ("Ø", "∅", "A"):
                att.apologies.append(ref)
            elif pending is not None:
                _to_present(att, ref, flag)
        pending = None
    return True


def _to_present(att: Attendance, ref: PersonRef, flag: str) -> None:
    ref.role = "member"
    if flag == "chair" and att.chair is None:
        att.chair = ref
    if flag == "sub":
        att.substitutes.append(ref)
    att.present.append(ref)


_TABLE_HEAD = re.compile(r"^[ \t]*\|?[ \t]*(?:Attendee|Name|Member|Councillor)s?[ \t]*\|(?P<rest>.*\|.*)$",
                         re.MULTILINE | re.IGNORECASE)


def _table(text: str, start: int, end: int, att: Attendance) -> int | None:
    """An attendance table, "| Attendee | Role | Attendance |": who was present, who sent
    apologies, members and officers told apart by the role cell. Returns where it ends."""
    head = _TABLE_HEAD.search(text, start, end)
    if not head:
        return None
    cols = [c.strip().lower() for c in head.group(0).strip().strip("|").split("|")]
    role_col = next((i for i, c in enumerate(cols) if c in ("role", "position", "capacity", "type")), None)
    status_col = next((i for i, c in enumerate(cols) if c in ("attendance", "status", "attended")), None)
    pos = head.end() + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        e = end if nl < 0 else nl
        line = text[pos:e]
        if "|" not in line:
            break
        lead = len(line) - len(line.lstrip())
        cells, offs, k = [], [], pos + lead + (1 if line.lstrip().startswith("|") else 0)
        for cell in line.strip().strip("|").split("|"):
            cells.append(cell.strip())
            offs.append(k + len(cell) - len(cell.lstrip()))
            k += len(cell) + 1
        found = _name_at(text, offs[0], offs[0] + len(cells[0]), None, True) if cells and cells[0] else None
        pos = e + 1
        if not found:
            continue
        ref = PersonRef(name=found[2], span=Span(found[0], found[1]))
        role = cells[role_col].lower() if role_col is not None and role_col < len(cells) else "member"
        status = cells[status_col].lower() if status_col is not None and status_col < len(cells) else "present"
        officer = "officer" in role or not re.search(r"member|councillor|chair|substitute", role)
        if status.startswith("apolog"):
            att.apologies.append(ref)
        elif status.startswith(("present", "attended", "in attendance", "virtual")):
            if officer:
                ref.role = "officer"
                att.in_attendance.append(ref)
            else:
                _to_present(att, ref, "chair" if "chair" == role.strip() else "")
    return pos


# ---------------------------------------------------------------- the head of the minutes

def read_attendance(text: str, start: int, end: int) -> Attendance:
    """Attendance sections found in text[start:end]: members present (the chair too), the chair,
    others in attendance with their posts, apologies and substitutes."""
    _POST_FROM.clear()
    att = Attendance()
    table_end = _table(text, start, end, att)
    labels = [lb for lb in _find_labels(text, start, end) if table_end is None or lb[0] >= table_end]
    for i, (l_start, l_end, section) in enumerate(labels):
        nxt = labels[i + 1][0] if i + 1 < len(labels) else end
        if section == "stop":
            continue
        label = squash(text[l_start:l_end]).lower()
        _read_section(text, l_start, l_end, _region_end(text, l_end, nxt, section), section, label, att)
    if not att.present:
        _roll_call(text, start, end, att)
    if not att.apologies:
        att.apologies = apologies_in(text, start, end) if _APOLOGY_FROM.search(text, start, end) else []
    if att.chair is None:
        att.chair = _chair_sentence(text, start, end)
    if att.chair is not None:
        key = _key(att.chair.name)
        att.in_attendance = [r for r in att.in_attendance if _key(r.name) != key]
        if not any(_key(r.name) == key for r in att.present) and att.present:
            att.present.insert(0, att.chair)
    for name in ("present", "in_attendance", "apologies", "substitutes"):
        setattr(att, name, _unique(getattr(att, name)))
    return att


def _read_section(text: str, l_start: int, start: int, end: int, section: str, label: str, att: Attendance) -> None:
    sentence = section.endswith("!")
    section = section.rstrip("!")
    while True:  # "Five members of the public" above the names
        line = re.compile(r"[ \t\n]*([^\n]*)").match(text, start, end)
        if not (line.group(1).strip() and _prose(line.group(1)) and not re.search(r"[,;]", line.group(1))):
            break
        start = line.end()
    if _grid(text, start, end, att):
        return
    outer = _TITLE.match(text, _skip_gap(text, start, end), end)
    if section == "apologies":
        att.apologies.extend(apologies_in(text, start, end))
        return
    for ref, flag in _people_in_list(text, start, end, sentence=sentence):
        if section == "present" and flag != "chair" and re.match(r"County\s+C", ref.name) and outer \
                and not outer.group(0).startswith("County"):
            section_here = "attendance"  # a county councillor at a town council's meeting
        else:
            section_here = section
        if section_here in ("present", "chair") or flag == "chair":
            _to_present(att, ref, "chair" if section == "chair" else flag)
        elif section_here == "substitutes":
            att.substitutes.append(ref)
        else:
            member = re.search(r"member|councillor", label) or re.match(
                rf"(?:{_alternation(MEMBER_TITLES)})\b", ref.name) or re.search(r"\bCC$", ref.name)
            ref.role = "member" if member else "officer"
            att.in_attendance.append(ref)


def _roll_call(text: str, start: int, end: int, att: Attendance) -> None:
    """A roll call with no label: a paragraph that is only a list of titled names."""
    for para in re.finditer(r"(?:[^\n]+\n?)+", text[start:end]):
        s, e = start + para.start(), start + para.end()
        cuts = _top_level_cuts(text, s, e, False)
        if len(cuts) < 5:
            continue
        titled = sum(bool(_TITLE.match(text, _skip_gap(text, a, b), b)) and
                     _name_at(text, _skip_gap(text, a, b), b, None, False) is not None for a, b, _ in cuts)
        if titled * 5 >= len(cuts) * 4:
            for ref, flag in _people_in_list(text, s, e):
                _to_present(att, ref, flag)
            return


def _key(name: str) -> str:
    ws = [w for w in re.findall(r"[^\W\d_]+", name) if w not in _TITLES and w.upper() != w or len(w) == 1]
    return (ws[-1].lower() if ws else name.lower())  + "|" + (ws[0][0].lower() if len(ws) > 1 else "")


def _unique(refs: list[PersonRef]) -> list[PersonRef]:
    seen, out = set(), []
    for r in refs:
        k = squash(r.name).lower().replace(".", "")
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


# ---------------------------------------------------------------- apologies and the chair

_APOLOGY_FROM = re.compile(r"apolog(?:y|ies)\b[^.]{0,80}?\b(?:from|on\s+behalf\s+of|of)\s+(?=(?-i:[A-Z]))", re.IGNORECASE)
_GAVE_APOLOGY = re.compile(r"\b(?:had|has|have)\s+(?:given|sent|submitted|tendered)\b[^.\n]{0,25}?apolog", re.IGNORECASE)
_CLAUSE = re.compile(r"\s(?:who|attended|was|were|had|has|is|but|would|sent|substituted)\b")


def apologies_in(text: str, start: int, end: int) -> list[PersonRef]:
    """People an apologies item names: "Apologies for absence were received from Councillors A, B
    and C", "An apology for absence was received from Councillor X", "Apologies: Cllr Y". A member
    who "attended as substitute" sent none."""
    out: list[PersonRef] = []
    cues = list(_APOLOGY_FROM.finditer(text, start, end))
    for cue in cues:
        s_end = _sentence_end(text, cue.end(), end)
        clause = _CLAUSE.search(text, cue.end(), s_end)
        people = _people_in_list(text, cue.end(), clause.start() if clause else s_end)
        if clause and not clause.group(0).strip() == "who" and people and len(people) > 1 \
                and not text[people[-1][0].span.end:clause.start()].strip():
            people = people[:-1]  # "... and Cllr B attended as substitute"
        out.extend(ref for ref, _ in people)
    for cue in _GAVE_APOLOGY.finditer(text, start, end):
        who = _name_before(text, max(start, text.rfind("\n", start, cue.start()), _sentence_start(text, start, cue.start())),
                           cue.start())
        if who:
            out.append(who)
    if not cues and not out:
        s = re.compile(r"[ \t\n]*(?:[A-Z]{0,4}\s?\d{1,4}[.)]?[ \t]*)?").match(text, start, end).end()
        body = LABEL_HERE.match(text, s, end)
        s = body.end() if body else s
        s = _skip_gap(text, s, end)
        stop = re.compile(r"\n[ \t]*\n").search(text, s, end)
        e = stop.start() if stop else end
        if not _prose(text[s:e][:80]):
            out.extend(ref for ref, _ in _people_in_list(text, s, _sentence_end(text, s, e)))
    return _unique(out)


def _sentence_end(text: str, start: int, end: int) -> int:
    for m in re.compile(r"\.(?=\s|$)|\n[ \t]*\n|\|").finditer(text, start, end):
        before = text[max(start, m.start() - 6):m.start()].split()
        if m.group(0) == "." and before and re.fullmatch(r"(?:[A-Z]\.?)*[A-Z]|Mr|Mrs|Ms|Dr|Cllr|Cr|St|Messrs", before[-1]):
            continue
        return m.start()
    return end


def _sentence_start(text: str, floor: int, pos: int) -> int:
    m = None
    for m in re.compile(r"(?<!\b[A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)[.!?]\s+(?=[A-Z])|\n").finditer(text, floor, pos):
        pass
    return m.end() if m else floor


def _name_before(text: str, floor: int, cue: int) -> PersonRef | None:
    """The name that ends just before `cue` ("Ms M Smith in the Chair", "that Mr A Bell be elected")."""
    for w in re.compile(r"(?<![\w.'’])[A-Z]").finditer(text, floor, cue):
        found = _name_at(text, w.start(), cue, None, False)
        if found and re.fullmatch(r"[\s,]*(?:\([^)]*\)[\s,]*)?(?:[–—\-][^()\n]*)?[\s(]*", text[found[1]:cue]):
            return PersonRef(name=found[2], span=Span(found[0], found[1]))
    return None


_CHAIR_AFTER = re.compile(r"(?i:\bchaired\s+by)\s+|^[ \t]*Chair(?:man|person)?[ \t]+(?=[A-Z][^\n]{0,40}\b(?:called|opened|welcomed)\b)",
                          re.MULTILINE)
_CHAIR_BEFORE = re.compile(r"\(?\s*\b(?i:in\s+the\s+chair)\b\)?|\b(?i:took\s+the\s+chair)\b|\bpresiding\b|"
                           r"\b(?:be|was|is)\s+(?:duly\s+)?(?:elected|appointed)\s+(?:as\s+)?(?:the\s+)?"
                           r"(?:Chair(?:man|person|woman)?|Mayor|Convener|Provost|Cathaoirleach)\b|\bbe\s+elected\s+to\s+(?i:chair)\b")


def _chair_sentence(text: str, start: int, end: int) -> PersonRef | None:
    for m in _CHAIR_AFTER.finditer(text, start, end):
        found = _name_at(text, m.end(), end, None, False)
        if found:
            return PersonRef(name=found[2], span=Span(found[0], found[1]))
    for m in _CHAIR_BEFORE.finditer(text, start, end):
        ref = _name_before(text, _sentence_start(text, start, m.start()), m.start())
        if ref:
            return ref
    return None


def chair_in(text: str, start: int, end: int) -> PersonRef | None:
    """Who chaired: "Councillor X in the Chair", "PRESENT IN THE CHAIR: Councillor X", "The Meeting
    was Chaired by X", "X took the Chair", "Chairman Cllr Mrs X" heading a list, "(Chair)",
    "(Convener)", "– The Mayor (In The Chair)", "X presiding"."""
    return read_attendance(text, start, end).chair
