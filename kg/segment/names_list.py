"""Lists of names as minutes print them, for any council.

A list is read by shape: names split by commas, semicolons, "and", bullets or lines; a post after
a dash, a comma or in brackets, or a post with the name in brackets ("Director of Roads (Mr. A.
Bell)"); a plural title ("Councillors A, B and C") giving each name its singular; a chair's
prefix ("Chairman Cllr X") or mark ("(in the Chair)"); an initials column ("Jane Dale JD").
The vocabulary is `extractors/patterns/attendance.v1.jsonl` on top of `extractors.names`.
"""
from __future__ import annotations

import re

from extractors.names import squash
from extractors.titles import MEMBER_TITLES, PLURALS, POSTNOMINALS, RANK_PATTERN, TITLES
from extractors.vocab import load_jsonl, trie_alternation, words
from kg.models import PersonRef, Span
from kg.segment.people import person_key, unique  # noqa: F401 (kept API)

__all__ = ["people_in_list", "name_at", "name_before", "top_level_cuts", "person_key", "unique"]

VOCAB = load_jsonl("attendance.v1.jsonl")
_PEOPLE = load_jsonl("people.v1.jsonl")
NOT_FORENAMES = words(_PEOPLE, "not_names") | words(VOCAB, "not_names") | words(VOCAB, "not_surnames")
NOT_SURNAMES = words(VOCAB, "not_surnames")


def alternation(items) -> str:
    """Words and phrases as one alternation, longest first, any run of spaces between words
    (built by the project's one trie builder, `extractors.vocab.trie_alternation`)."""
    pieces = ([*(p for k, word in enumerate(w.split()) for p in ([r"\s+"] if k else []) + [re.escape(c) for c in word])]
              for w in items)
    return "(?:" + trie_alternation(pieces) + ")"


TITLE = re.compile(rf"(?:{alternation(PLURALS)}|{alternation(TITLES)}|{RANK_PATTERN})\.?(?![\w'’])")
CHAIR_PREFIX = re.compile(rf"{alternation(words(VOCAB, 'chair_titles'))}(?=\s*[A-Z(]|(?:Cllr|Councillor))")
_POSTNOMINAL = re.compile(rf",?\s+(?:{'|'.join(POSTNOMINALS)})\b\.?")
_INITIAL = re.compile(r"[A-Z]\.?(?=[ \t\xa0])")  # one initial, after a surname
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

_PIECE_END = re.compile(r"[,;.]$")


def name_at(text: str, pos: int, end: int, ctx: str | None, one_line: bool) -> tuple[int, int, str, str | None] | None:
    """The name starting at `pos`: (start, end, name as the list means it, title it gives the names
    after it). "Cllrs Hayward" gives "Cllr Hayward" and "Cllr"; under `ctx` a surname alone is a name."""
    gap = _GAP_LINE if one_line else _GAP_ANY
    title, opens, plural, q, courtesy = None, None, None, pos, None
    m = TITLE.match(text, pos, end)
    if m:
        raw = squash(m.group(0)).rstrip(".")
        plural = PLURALS.get(raw)
        title = plural or raw
        if plural or raw.split()[-1] in {"Councillor", "Cllr", "Cr"}:
            opens = plural or raw
        q = m.end()
        g = gap.match(text, q, end)
        m2 = TITLE.match(text, g.end(), end) if g else None
        if m2 and squash(m2.group(0)).rstrip(".") not in PLURALS:  # "Councillor Mrs", "Cllr Dr"
            q = m2.end()
            courtesy = m2.start()
    parts: list[tuple[str, int, int]] = []
    while len(parts) < 12:
        if parts or title:
            g = gap.match(text, q, end)
            if g and "\n" in g.group(0) and _has_word(parts) and (TITLE.match(text, g.end(), end) or _PIECE_END.search(text, q - 2, q)):
                break  # the next line opens another name
            broken = "\n" in g.group(0) and len(parts) == 1 if g else False  # only a forename before the break
            if g and not broken and _has_word(parts) and re.search(r"[ \xa0]{3}|\t", g.group(0)):
                break  # a column's edge: "N. Lund       Housing Strategy Manager"; a name broken under a
                # hanging indent ("Cr Ruth" / "        Amos") runs on
            if g:
                q = g.end()
            elif not (title and not parts and q < end and text[q].isupper()):  # "Cllr.Scanlan"
                break
        has_word = any(k == "w" for k, _, _ in parts)
        wm = _WORD.match(text, q, end)
        im = (_INITIAL if has_word else _INITIALS).match(text, q, end)
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
    if re.match(r"[\\/<>@#{}\[\]=]|[^\W_]", text[parts[-1][2]:parts[-1][2] + 1]):
        return None  # "Mr B. Back\slash CC": a name runs on into what no name holds; never cut it short
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

def _has_word(parts: list[tuple[str, int, int]]) -> bool:
    """Whether a name's parts so far hold a word (a surname), not initials alone."""
    return any(k == "w" for k, _, _ in parts)


_AND = re.compile(r"\s+(?:and|&)\s+|\s*&\s*")
# the characters top_level_cuts looks at: brackets, cuts, and where an "and" can open (a space or "&")
_CUT_CHAR = re.compile(r"[();•|,&\s]")


def top_level_cuts(text: str, start: int, end: int, one_line: bool) -> list[tuple[int, int, str]]:
    """Pieces of a list between commas, semicolons, bullets, "and"/"&" (and line ends, when each
    line holds one entry), outside brackets; with the kind of cut before each piece."""
    out, depth, piece, kind = [], 0, start, "hard"
    k = start
    while k < end:
        at = _CUT_CHAR.search(text, k, end)
        if at is None:
            break
        k = at.start()
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
                am = _AND.match(text, k, end)
                if am and (k == start or text[k - 1] != ",") and not _and_in_post(text, piece, k, am.end(), end):
                    cut = ("and", am.end())
            if cut:
                out.append((piece, k, kind))
                kind, piece = cut
                k = piece
                continue
        k += 1
    out.append((piece, end, kind))
    return [(s, e, kd) for s, e, kd in out if text[s:e].strip(" \t\n\xa0.")]


_DASH = re.compile(r"\s[–—\-]\s")


def _and_in_post(text: str, piece: int, at: int, after: int, end: int) -> bool:
    """"Cllr D. Fay - Portfolio Holder for Housing and Communities": an "and" inside the post after
    a dash, unless a title or another name with its own post follows it."""
    if not _DASH.search(text, piece, at) or TITLE.match(text, after, end):
        return False
    stop = re.compile(r"[,;|\n(]").search(text, after, end)
    return not _DASH.search(text, after, stop.start() if stop else end)


def _post_like(piece: str) -> bool:
    if not piece[:1].isupper() or _POSTNOMINAL.fullmatch(" " + piece):
        return False  # "the Clerk", "CBE"
    ws = [w for w in re.findall(r"[^\s]+", piece) if w.lower() not in _SMALL]
    return bool(ws) and (bool(POST_WORD.search(piece)) or sum(w[:1].isupper() or w[:1] == "(" for w in ws) * 2 >= len(ws))


def people_in_list(text: str, start: int, end: int, ctx: str | None = None,
                    sentence: bool = False) -> list[tuple[PersonRef, str]]:
    """Each person of a list with a flag: "chair", "vice", "sub" (a substitute) or ""."""
    _POST_FROM.clear()
    from kg.segment.name_rows import capitals_as_names, laid_out, without_row_labels  # noqa: PLC0415 (builds on this module)

    text = capitals_as_names(without_row_labels(text, start, end), start, end)
    region = text[start:end]
    lines = [ln for ln in region.split("\n") if ln.strip(" \t\xa0|")]
    named = [bool(name_at(text, start + region.index(ln) + len(ln) - len(ln.lstrip(" \t\xa0•*-")), end, None, True))
             or ln.strip(" \t;,:") in PLURALS for ln in lines]  # "Councillors;" over the names of its group
    # one name a line; a line that is no name ("Mr A. \"Quote\" O'Brien") is passed over, not the list's end
    one_line = len(lines) > 1 and (all(named) or (sum(named) >= 3 and sum(named) >= 0.6 * len(lines)
                                                  and all(re.search(r"[\"<>\\]|\S {3,}\S", ln) for ln, ok in zip(lines, named) if not ok))) \
        and not any(re.search(r"(?:[,;&]|\band)\s*$", ln) and ln.strip(" \t;,:") not in PLURALS for ln in lines)
    bracketed = _post_then_name(text, start, end) or laid_out(text, start, end, named)
    if bracketed:
        return bracketed
    out: list[tuple[PersonRef, str]] = []
    last: PersonRef | None = None
    post: str | None = None  # "CPOs Jane Dale and Ruth Amos": a post written once before names
    shape: str | None = None  # how the first name under a plural title is written: "surname" alone or "named"
    for p_start, p_end, kind in top_level_cuts(text, start, end, one_line):
        if kind == "hard":
            last = None
        if kind != "and":
            post = None
        pos, made = p_start, False
        while pos < p_end:
            pos = _GAP_ANY.match(text, pos, p_end).end() if _GAP_ANY.match(text, pos, p_end) else pos
            if pos >= p_end:
                break
            flag = ""
            am = re.compile(r"(?:and|&)\s+").match(text, pos, p_end)
            pos = am.end() if am else pos
            cm = CHAIR_PREFIX.match(text, pos, p_end)
            if cm and name_at(text, skip_gap(text, cm.end(), p_end), p_end, ctx, one_line):
                flag, pos = "chair", skip_gap(text, cm.end(), p_end)
            lead = re.compile(r"(?:[a-z]+\s+){1,2}(?=[A-Z])" if sentence and not made else r"[A-Z]{2,6}s?\s+(?=[A-Z][a-z])"
                              ).match(text, pos, p_end)
            found, post_here = _name_after_post(text, pos, p_end, ctx, one_line)
            post = post_here or post
            if found is None and lead:
                found = name_at(text, lead.end(), p_end, ctx, one_line)
            if found and ctx and not found[3] and not TITLE.match(text, pos, p_end):
                if shape == "surname" and _given_and_surname(text, found[0], found[1]):
                    ctx, shape = None, None  # "Cllrs Amos and Dale, Jane Rook": the title's list is over
                    found = name_at(text, found[0], p_end, None, one_line)
                else:
                    shape = shape or _shape(text, found[0], found[1])
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
                ctx, shape = opens, _shape(text, n_start, n_end)
            for ref in _split_run(text, n_start, n_end, name, ctx):
                ref.post = post
                out.append((ref, flag))
                last = ref
            made = True
            pos = n_end
            pos = _trailing(text, pos, p_end, out, last, ctx)
    return out


_POST_ACRONYM = re.compile(r"([A-Z]{2,6})s[ \t]+(?=[A-Z][a-z])|([A-Z]{4,6})[ \t]+(?=[A-Z][a-z])")


def _name_after_post(text: str, pos: int, end: int, ctx: str | None,
                     one_line: bool) -> tuple[tuple[int, int, str, str | None] | None, str | None]:
    """The name at `pos`, and the post written before it as an acronym ("CPOs Jane Dale")."""
    acronym = _POST_ACRONYM.match(text, pos, end)
    found = name_at(text, acronym.end(), end, ctx, one_line) if acronym else None
    if found:
        return found, acronym.group(1) or acronym.group(2)
    return name_at(text, pos, end, ctx, one_line), None


def _shape(text: str, start: int, end: int) -> str:
    """How a name under a plural title is written: a "surname" alone, or "named" more fully."""
    return "surname" if len(text[start:end].split()) == 1 else "named"


def _given_and_surname(text: str, start: int, end: int) -> bool:
    """"Jane Dale", not "Dale" nor "J Dale": a given name written in full before the surname."""
    toks = text[start:end].split()
    return len(toks) >= 2 and bool(re.fullmatch(r"[A-Z][a-z][\w'’\-]*", toks[0]))


def _initials_of(text: str, parts) -> str:
    return "".join(text[s] for _, s, _ in parts)


def _initials_of_name(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.rstrip(".") not in TITLES)


def skip_gap(text: str, pos: int, end: int) -> int:
    g = _GAP_ANY.match(text, pos, end)
    return g.end() if g else pos


def _split_run(text: str, start: int, end: int, name: str, ctx: str | None) -> list[PersonRef]:
    """A run of four or more capitalised words with no title ("Jane Dale Ruth Amos") is pairs; a run
    with a title inside it ("Mrs D Eves Mr E Frith") is cut before that title."""
    toks = list(re.finditer(r"\S+", text[start:end]))
    inner = [i for i in range(2, len(toks) - 1) if toks[i].group(0).rstrip(".") in TITLES
             and toks[i - 1].group(0).rstrip(".") not in TITLES and toks[i - 1].group(0)[:1].isupper()]
    if inner:
        cuts = [0, *inner, len(toks)]
        return [PersonRef(name=squash(text[start + toks[a].start():start + toks[b - 1].end()]),
                          span=Span(start + toks[a].start(), start + toks[b - 1].end())) for a, b in zip(cuts, cuts[1:])]
    if ctx or len(toks) < 4 or len(toks) % 2 or any(not t.group(0)[0].isupper() or t.group(0).rstrip(".") in TITLES
                                                  or len(t.group(0).rstrip(".")) < 2 for t in toks):
        return [PersonRef(name=name, span=Span(start, end))]
    out = []
    for a, b in zip(toks[::2], toks[1::2]):
        s, e = start + a.start(), start + b.end()
        out.append(PersonRef(name=squash(text[s:e]), span=Span(s, e)))
    return out


def _trailing(text: str, pos: int, end: int, out: list, ref: PersonRef, ctx: str | None = None) -> int:
    """What follows a name in its piece: "(Chairman)", "(post)", "- post", "(substitute for X)",
    an initials column ("KC", "(JA)"), a part-of-meeting star."""
    while pos < end:
        q = skip_gap(text, pos, end)
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
                cm.group(1) == _initials_of_name(ref.name) or not name_at(text, q, end, None, False)):
            pos = cm.end()
        elif re.compile(r"\s*[–—\-:]\s*").match(text, pos, end) and ref.post is None:
            d = re.compile(r"\s*[–—\-:]\s*").match(text, pos, end)
            rest = squash(text[d.end():end]).strip(" .")
            if rest:
                if not _body_not_post(rest):
                    _add_post(text, ref, d.end(), end)
                if CHAIR_MARK.match(re.sub(r"(?i)^the\s+", "", rest)) or re.search(r"(?i)\(in the chair\)", rest):
                    out[-1] = (ref, "chair")
                return end
            pos = d.end()
            break
        elif ref.post is None and POST_WORD.search(text[q:end]) and _post_like(text[q:end]) \
                and not _name_next(text, q, end, ctx) and text[q:q + 1].isupper():
            _add_post(text, ref, q, end)  # "Jane Dale Head of Housing"
            return end
        else:
            break
    return pos


_ORG_HEADS = words(load_jsonl("organisations.v1.jsonl"), "org_heads")


def _body_not_post(piece: str) -> bool:
    """"Jane Dale – Northmoor Police": the body a person comes from, not a post they hold."""
    last = re.findall(r"[\w'’]+", piece)
    return bool(last) and last[-1] in _ORG_HEADS and not POST_WORD.search(piece) and not CHAIR_MARK.match(piece)


def _name_next(text: str, pos: int, end: int, ctx: str | None) -> bool:
    """A name starts at `pos`; under a plural title, a surname alone before a bracket or a comma
    ("Councillor A (Chair) Dale (Deputy Chair)", the comma left out)."""
    if name_at(text, pos, end, None, False):
        return True
    found = name_at(text, pos, end, ctx, False) if ctx else None
    return bool(found) and bool(re.match(r"[ \t]*(?:[(,;]|$)", text[found[1]:end]))


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
    named = [g for g in groups if name_at(text, start + g.start(1), start + g.end(1), None, False)]
    if not named or len(named) * 2 < len(groups) or name_at(text, skip_gap(text, start, end), end, None, False):
        return []
    out, prev = [], start
    for g in named:
        post = squash(re.sub(r"^[\s,;]+", "", text[prev:start + g.start()])).strip(" ,;")
        ctx = None
        for s, e, _ in top_level_cuts(text, start + g.start(1), start + g.end(1), False):
            s = skip_gap(text, s, e)
            found = name_at(text, s, e, ctx, False)
            if found:
                ctx = found[3] or ctx
                out.append((PersonRef(name=found[2], span=Span(found[0], found[1]), post=post or None, role="officer"), ""))
        prev = start + g.end()
    tail = re.compile(r"[\s,;]*(?:and\s+|&\s*)?").match(text, prev, end).end()
    if tail < end and name_at(text, tail, end, None, False):
        out.extend(people_in_list(text, tail, end))  # "The Mayor (Cllr A Dale), Cllrs B Hill, C Amos": the members after
    return out


# ---------------------------------------------------------------- a name before its cue

def name_before(text: str, floor: int, cue: int) -> PersonRef | None:
    """The name that ends just before `cue` ("Ms M Smith in the Chair", "that Mr A Bell be elected")."""
    for w in re.compile(r"(?<![\w.'’])[A-Z]").finditer(text, floor, cue):
        found = name_at(text, w.start(), cue, None, False)
        if found and re.fullmatch(r"[\s,]*(?:\([^)]*\)[\s,]*)?(?:[–—\-][^()\n]*)?[\s(]*", text[found[1]:cue]):
            return PersonRef(name=found[2], span=Span(found[0], found[1]))
    return None
