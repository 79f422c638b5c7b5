"""What an item decided, in the wordings councils use.

A decision opens with a mark: "RESOLVED", "Resolved:-", "RESOLVED -", "UNANIMOUSLY RESOLVED that",
"It was RESOLVED", "And Resolved:", "The Committee resolved:-", "Committee resolved to ...",
"AGREED", "Decision", "DECISION:", "Council resolution", "Recommendations approved",
"Resolution 449/2019 Moved: ... Seconded: ... <clause>". What follows the mark is one clause, or
several lettered or numbered ones ("(1)", "(a)", "A)", "i)", "1."), each its own resolution.

Where an item carries no such mark, the minutes record its decisions in prose: "It was agreed
that ...", "The meeting agreed to ...", "The Minutes ... were approved. Proposed by X and seconded
by Y.", "Motion by X, second by Y to ... Motion carried." (a motion that was lost is no
resolution), a planning or payment entry ending "Approved." or "recommended approval", and the
quoted texts of motions ("The following motions were agreed: 'That ...'"). Prose that merely
mentions an approval ("£600 was approved to start the project") is narrative, and where the item
carries a mark its prose is narrative too. Where the publisher dropped the mark (web pages often
do), a paragraph that opens "That ..." or a run of "1) ..." / "(a) ..." clauses stands as the
decision.
"""
from __future__ import annotations

from extractors.titles import TITLE_PATTERN

import re

from kg.models import Resolution, Span
from kg.segment.literal import Cues, finditer_near
from kg.segment.sentences import sentence_spans

_BODY = r"(?:Committee|Sub-Committee|Board|Panel|Cabinet|Council|Executive|Authority|Commission|Forum|Meeting|Group|Members)"
MARK = re.compile(
    r"(?:(?<=\s)|^|(?<=[>*(\[“\"‘]))(?:(?:UNANIMOUSLY|unanimously|Unanimously)\s+)?"
    r"(?:(?:It|it)\s+was\s+(?:further\s+|also\s+|then\s+|unanimously\s+)?(?:RESOLVED|Resolved|resolved)\b|(?:And\s+|and\s+)?(?:RESOLVED|Resolved)\b|(?:AND|And)\s+AGREED\b)"
    r"(?:\s*(?:[:;]-?|[-–—]+|:\s*[-–—])\s*)?"
    rf"|(?P<subj>(?:(?<=\s)|^)(?:The\s+)?{_BODY}\s+(?:RESOLVED|resolved|resolves|AGREED|DECIDED|decided|unanimously\s+(?:agreed|resolved))\b)"
    r"|^[ \t]*(?i:Resolution)\s+(?:(?i:number|no\.?)\s+)?(?:[A-Z]{1,4}/?)?\d+(?:/\d{1,4})+\b"
    r"|^[ \t]*(?:DECISIONS?|Decisions?|AGREED|Agreed|Council\s+[Rr]esolution|Resolution|"
    r"Recommendations?\s+(?:approved|agreed|adopted))\b[ \t]*(?:[:\-–—]+[ \t]*|(?=\n)|$)",
    re.MULTILINE)
#: a word every MARK holds (lower case): a text without one holds no mark
MARK_CUES = ("resol", "agreed", "decid", "decision", "recommendation")
# where MARK is tried: it opens after a space, at a line's start or after one of _MARK_AFTER, at most 8 runs of
# spaces or words ("UNANIMOUSLY It was further RESOLVED", "The Sub-Committee unanimously agreed") before its cue
MARK_NEAR = Cues(re.compile("|".join(MARK_CUES)), 10, ">*([“\"‘")
CLAUSE = re.compile(r"(?:^|(?<=[\s;:]))(?:\((?P<a>[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)\.?|(?P<b>[a-zA-Z]|[ivx]{1,5}|\d{1,2})\)|"
                    r"(?<![^\n])[ \t]*(?P<c>\d{1,2}|[a-z])\.)(?=[ \t]+\S|\s*\n\s*\S)", re.MULTILINE)
# "Motion by X, second by Y", "Proposed by X; Seconded by Y", "Cllr X proposed & Cllr Y seconded"
MOTION = re.compile(r"\b(?:Motion\s+by|Moved\s+by|Proposed\s+by|On\s+the\s+proposal\s+of|It\s+was\s+(?:moved|proposed)\s+by)\b"
                    r"|\bproposed\b[^.]{0,120}?\bseconded\b|\b(?:proposed|moved)\s+that\b", re.IGNORECASE)
# "Proposed by X and seconded by Y." under the decision it moved; not "Moved by X, seconded by Y, that ..."
SECONDER_ONLY = re.compile(r"^\s*(?:Proposed|Moved)\s+by\b(?![^.]*\bthat\b)[^.]*\bseconded\b[^.]*\.?\s*$", re.IGNORECASE)
LOST = re.compile(r"\b(?:lost|defeated|withdrawn|not\s+carried|(?:was|were)\s+rejected|(?:motion|amendment|it)\s+(?:fell|failed))\b",
                  re.IGNORECASE)
CARRIED = re.compile(r"\b(?:carried|passed|agreed|approved|resolved|adopted|in\s+agreement|co-opted|appointed|elected)\b", re.IGNORECASE)
# "Motion carried.", "Carried unanimously.", "Agreed unanimously.": the outcome alone, never part of the decision
FORMULA = re.compile(r"^\s*(?:The\s+)?(?:(?:Substantive\s+)?(?:Motion|Amendment|Resolution|Proposal)\s+)?(?:was\s+)?"
                     r"(?:carried|passed|agreed|lost|defeated|fell)\b", re.IGNORECASE)
AGREED = re.compile(r"\b(?:it\s+was\s+(?:unanimously\s+|further\s+|also\s+|then\s+|duly\s+)?(?:AGREED|agreed|agree|resolved|decided)"
                    r"|^\W*general\s+agreement\s+that"
                    r"|(?:meeting|members?|councillors|committee|council|board|panel|group)\s+(?:unanimously\s+)?agreed\s+(?:to|that)\b)",
                    re.IGNORECASE)
PASSIVE = re.compile(r"\b(?:was|were)\s+(?:unanimously\s+|duly\s+)?(?:agreed|approved|adopted|accepted|endorsed|ratified|"
                     r"moved\s+as\s+(?:a\s+)?(?:correct|true))\b", re.IGNORECASE)
# what a meeting approves: the thing named before "was approved"
OBJECT = re.compile(r"\b(?:minutes|report|recommendations?|motion|proposals?|application|accounts|payments?|response|budget|"
                    r"precept|policy|plan|strategy|terms\s+of\s+reference|programme|request|nominations?|appointments?|"
                    r"amendments?|these)\b", re.IGNORECASE)
BY_BODY = re.compile(rf"\bby\s+(?:the\s+)?(?:{_BODY}|[A-Z]{{2,6}}\b)", re.IGNORECASE)
# an approval told of another time: "at the January meeting", "had been", "originally"
NARRATIVE = re.compile(r"\bat\s+the\s+(?:\w+\s+){0,3}meeting\b|\bhad\s+been\b|\boriginal(?:ly)?\b|\bpreviously\b|^\s*Then\b"
                       r"|\blast\s+(?:year|month|meeting)\b", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|n't)\s+(?:\w+\s+)?(?:agreed|approved|supported)\b|\bif\s+(?:agreed|approved)|\bonce\s+agreed"
                     r"|\badjourn", re.IGNORECASE)
# an entry's outcome: "Approved.", "Supported.", "Support was given.", "all approved for payment."
SHORT_OUTCOME = re.compile(r"^\s*(?:all\s+)?(?:approved|supported|agreed|support\s+was\s+given)\b(?:\s+\w+){0,3}\W*$", re.IGNORECASE)
LIST_OUTCOME = re.compile(r"\s[-–—]\s+(?=all\s+(?:approved|agreed)\b)", re.IGNORECASE)
RECOMMENDED = re.compile(r"\b(?:recommended\s+approval|approval\s+recommended)\b", re.IGNORECASE)
ANNOUNCE = re.compile(r"\b(?:motions?|recommendations?|proposals?)\b[^.]*\b(?:agreed|carried|adopted|passed|approved)\b", re.IGNORECASE)
QUOTED = re.compile(r"[ \t]*(?:\*\*)?[‘“\"'](?P<q>.+?)[’”\"'](?=\**[ \t]*(?:\n|$))", re.DOTALL)
_ENTRY = re.compile(r"\n[ \t]*\n|(?<=[.:;!?\-])[ \t]*\n|\n(?=[ \t]*[•·>▪◦\uf0b7])|[•·▪◦\uf0b7][ \t]*|\|[ \t]*")
_PARA_END = re.compile(r"\n[ \t]*\n|[ \t]*\|[ \t]*|\n(?=[ \t]*(?:\d{1,4}[.)]?[ \t]+[A-Z]|[A-Z][A-Z ]{4,}$))"
                       r"|(?<=[.;:])[ \t]*\n(?=[ \t]*[A-Z][^\n.;:,]{0,60}\n)"  # a heading line below
                       r"|(?<=\.)\s+(?=The\s+meeting\s+(?:closed|ended|concluded)|Meeting\s+closed)", re.MULTILINE)
_MOVED = re.compile(rf"\s*Moved\s*:?.*?Seconded\s*:?\s*(?:(?:{TITLE_PATTERN})\.?\s+)?"
                    r"(?:[A-Z][a-z'’-]+\s+)?[A-Z][a-z'’-]+\s+", re.DOTALL)
# the mover and seconder in brackets after the mark: "RESOLVED (Cr Dale/Cr Amos)"
_MOVER_PAIR = re.compile(r"[ \t]*\([ \t]*[A-Z][^()\n/]{1,40}/[ \t]*[A-Z][^()\n/]{1,40}\)[ \t]*(?=\n|$)")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def resolutions_in(text: str, start: int, end: int) -> list[Resolution]:
    """Every resolved clause of one item's body text[start:end]."""
    out: list[Resolution] = []
    marks = list(finditer_near(MARK, text, start, end, MARK_NEAR))
    for k, m in enumerate(marks):
        nxt = marks[k + 1].start() if k + 1 < len(marks) else end
        out.extend(_after_mark(text, m, nxt))
    if not out:
        announced, out = _quoted_motions(text, start, end)
        covered = announced + [(r.span.start, r.span.end) for r in out]
        out.extend(_prose(text, start, end, covered))
        covered = [(r.span.start, r.span.end) for r in out]
        out.extend(r for r in _unmarked(text, start, end) if not _overlaps(r.span, covered))
    out.sort(key=lambda r: r.span.start)
    return out


# ---------- words and spans ----------

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\r-–—:;|*>•·\uf0b7▪◦‘“\"":
        start += 1
    while end > start and text[end - 1] in " \t\n\r|*’”\"":
        end -= 1
    bullet = re.search(r"\n[ \t]*[-•*][ \t]*$", text[start:end])  # the next list item's bullet
    if bullet:
        end = start + bullet.start()
        while end > start and text[end - 1] in " \t\n\r":
            end -= 1
    return start, end


def _res(text: str, start: int, end: int, label: str | None = None) -> Resolution | None:
    start, end = _trim(text, start, end)
    words = " ".join(text[start:end].replace("**", " ").split())
    if len(words) < 4 or not re.search(r"[A-Za-z]{2}", words):
        return None
    return Resolution(text=words, span=Span(start, end), label=label)


def _block_end(text: str, start: int, end: int) -> int:
    m = _PARA_END.search(text, start, end)
    return m.start() if m else end


def _next_nonblank(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end] (`kg.segment.sentences`), trimmed of marks and bullets."""
    out = [_trim(text, s, e) for s, e in sentence_spans(text, start, end)]
    return [(a, b) for a, b in out if b > a]


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _overlaps(span: Span, spans) -> bool:
    return any(s < span.end and span.start < e for s, e in spans)


# ---------- clauses after a mark ----------

def _follows(prev: str, label: str) -> bool:
    """Whether `label` comes next after `prev` in one lettering: a, b, c / 1, 2, 3 / i, ii, iii."""
    if prev.isdigit() and label.isdigit():
        return int(label) == int(prev) + 1
    if prev.lower() in _ROMAN and label.lower() in _ROMAN \
            and _ROMAN.index(label.lower()) == _ROMAN.index(prev.lower()) + 1:
        return True
    return len(prev) == len(label) == 1 and prev.isalpha() and ord(label) == ord(prev) + 1


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The run of lettered or numbered clauses in text[start:end] opening with a, 1 or i, as
    (start, end, label); a clause ends at the next mark or at a blank line."""
    marks = list(CLAUSE.finditer(text, start, end))
    label = lambda m: (m.group("a") or m.group("b") or m.group("c"))
    if not marks or label(marks[0]).lower() not in ("a", "1", "i"):
        return []
    run = [marks[0]]
    for m in marks[1:]:
        if _follows(label(run[-1]), label(m)):
            run.append(m)
    if len(run) < 2:
        return []
    out = []
    for k, m in enumerate(run):
        stop = run[k + 1].start() if k + 1 < len(run) else end
        blank = re.compile(r"\n[ \t]*\n").search(text, m.end(), stop)
        out.append((m.end(), blank.start() if blank else stop, label(m)))
    return out


def _after_mark(text: str, m: re.Match, stop: int) -> list[Resolution]:
    """The clause or clauses a decision mark opens."""
    rest = text[m.end():m.end() + 12]
    if m.group("subj"):
        if re.match(r"\s+to\s", rest) and not re.match(r"\s+to\s*:", rest):
            s, e = _sentence_at(text, m.start(), stop)  # "Committee resolved to note the apologies."
            r = _res(text, m.start(), e)
            return [r] if r else []
        if not re.match(r"\s*(?:to\s*)?(?:that\b|[:;\-–—])", rest):
            r = _res(text, m.start(), _block_end(text, m.end(), stop))  # "The Committee resolves in accordance ..."
            return [r] if r else []
    body_start = m.end()
    moved = _MOVED.match(text, body_start, stop)
    if moved and m.group(0).strip().lower().startswith("resolution"):
        body_start = moved.end()
    if m.group(0).strip().lower().startswith("resolution"):
        that = re.compile(r"^[ \t]*(?:That|THAT)\b", re.MULTILINE).search(text, body_start, min(stop, body_start + 400))
        if that and re.search(r"(?i)\b(?:moved|seconded)\b", text[body_start:that.start()]):
            body_start = that.start()  # "Resolution 12/2024 / Moved: X / Seconded: Y / That ...": the clause
    pair = _MOVER_PAIR.match(text, body_start, stop)
    body_start = pair.end() if pair else body_start  # "RESOLVED (Cr Dale/Cr Amos)" above the clause
    body_start = _next_nonblank(text, re.match(r"\s*(?:to\s*)?:?-?", text[body_start:stop]).end() + body_start, stop)
    clauses = _clauses(text, body_start, stop)
    if clauses:
        lead = text[body_start:clauses[0][0]]
        lead = CLAUSE.sub("", lead, count=1) if CLAUSE.match(lead.lstrip()) else lead
        intro = re.fullmatch(r"\s*(?:that|That|THAT)?[^.;]{0,60}?(?:[:–—-]\s*|\bthat\s*)?", lead)
        if intro or clauses[0][0] - body_start < 40:
            return [r for r in (_res(text, s, e, lab) for s, e, lab in clauses) if r]
        head_end = min(_block_end(text, body_start, stop), _line_before(text, clauses[0][0]))
        if re.search(r"[.;]\s*$", text[body_start:head_end]) and not text[head_end:_line_before(text, clauses[0][0])].strip():
            head = _res(text, body_start, head_end)  # "RESOLVED that the Minutes be signed." then "(i) ...", "(ii) ..."
            out = [head] if head else []
            return out + [r for r in (_res(text, s, e, lab) for s, e, lab in clauses) if r]
    one = CLAUSE.match(text, body_start, stop)
    if one and (one.group("a") or one.group("b") or one.group("c")).lower() in ("a", "1", "i"):
        r = _res(text, one.end(), _block_end(text, one.end(), stop), one.group("a") or one.group("b") or one.group("c"))
        return [r] if r else []  # "It was further RESOLVED:" then "(1) That a review be held."
    r = _res(text, body_start, _block_end(text, body_start, stop))
    return [r] if r else []


def _line_before(text: str, pos: int) -> int:
    """Where the line holding `pos` starts."""
    return text.rfind("\n", 0, pos) + 1


def _sentence_at(text: str, pos: int, end: int) -> tuple[int, int]:
    """The sentence that opens at `pos`, within [pos, end)."""
    sents = _sentences(text, pos, end)
    return sents[0] if sents else (pos, end)


# ---------- decisions in prose ----------

def _prose(text: str, start: int, end: int, covered) -> list[Resolution]:
    """Motions carried, "It was agreed that ..." sentences and entries ending "Approved."."""
    sents = [(s, e) for s, e in _sentences(text, start, end) if not _inside(s, covered)]
    out: list[tuple[int, int]] = []
    taken: set[int] = set()
    for k, (s, e) in enumerate(sents):
        if k in taken:
            continue
        said = text[s:e]
        nxt = text[sents[k + 1][0]:sents[k + 1][1]] if k + 1 < len(sents) else ""
        if MOTION.search(said) and not SECONDER_ONLY.match(said):
            span = _motion(text, sents, k, said, nxt)
            if span:
                out.append(span)
                if span[1] > e:
                    taken.add(k + 1)
            continue
        if (AGREED.search(said) or _passive_decision(said)) and not NEGATED.search(said):
            if SECONDER_ONLY.match(nxt):
                taken.add(k + 1)
                e = sents[k + 1][1]  # "The Minutes were approved. Proposed by GD and seconded by PP."
            out.append((s, e))
            continue
        if SHORT_OUTCOME.match(said) or RECOMMENDED.search(said):
            span = _entry(text, start, s, e, said)
            if span:
                out.append(span)
            continue
        tail = LIST_OUTCOME.search(said)
        if tail:
            out.append((s + tail.end(), e))  # "Room Hire - £30 (Ch. No. 148) - all approved for payment."
    return [r for r in (_res(text, s, e) for s, e in out) if r]


def _motion(text: str, sents, k: int, said: str, nxt: str) -> tuple[int, int] | None:
    """A motion sentence, when carried: with the sentence saying so, unless that is a bare
    "Motion carried."; a motion lost is none."""
    s, e = sents[k]
    if LOST.search(said) or (LOST.search(nxt) and len(nxt.split()) <= 15):
        return None
    if FORMULA.match(nxt):
        return s, e
    if CARRIED.search(nxt) and not MOTION.search(nxt) and len(nxt.split()) <= 12:
        e = sents[k + 1][1]  # "Cllr A proposed ... and Cllr B seconded this. Cllr C was co-opted."
    elif not re.search(r"\b(?:agreed|resolved|approved|carried)\b", said, re.IGNORECASE):
        return None
    active = re.search(r"\b(?:and|&)\s+(?=\w+\s+proposed\b)", said)
    if active and active.start() > 30:
        s += active.end()  # "... could be considered and she proposed & Cllr B seconded that ..."
    return s, e


def _passive_decision(said: str) -> bool:
    """"The Minutes ... were approved", "A response was agreed by the Council": the thing approved
    is a decision's object or the approver is named; "£600 was approved" in a story is not."""
    m = PASSIVE.search(said)
    if not m or NARRATIVE.search(said):
        return False
    before = said[:m.start()]
    if re.fullmatch(r"\s*(?:This|It|Which|That)\s*", before, re.IGNORECASE):
        return False
    return bool(OBJECT.search(before) or BY_BODY.search(said, m.end()) or "moved as" in m.group(0).lower())


def _entry(text: str, floor: int, s: int, e: int, said: str) -> tuple[int, int] | None:
    """The entry (a line, a bullet, a table cell) an outcome closes: "DM/19/0902 – Rear
    extension. Approved."; "all approved" closes a list and stands alone."""
    if re.match(r"\s*all\b", said, re.IGNORECASE):
        return s, e
    begin = floor
    for m in _ENTRY.finditer(text, floor, s):
        begin = m.end()
    if not text[begin:s].strip() and SHORT_OUTCOME.match(said):
        return None  # a bare "Approved." with nothing it approves
    return begin, e


def _quoted_motions(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[Resolution]]:
    """The quoted texts of motions announced as agreed: "The following motions were agreed:"
    then "Recommendation 1 'That ...'", or "a Notice of Motion, which was agreed." then "'That ...'";
    with the announcing sentences, which are no decision of their own."""
    out, said_at = [], []
    for s, e in _sentences(text, start, end):
        said = text[s:e]
        if not ANNOUNCE.search(said) or LOST.search(said) or re.search(r"\bnot\b", said):
            continue
        pos = e
        while pos < end:
            pos = _skip_labels(text, pos, end)
            q = QUOTED.match(text, pos, end)
            if not q:
                break
            r = _res(text, q.start("q"), q.end("q"))
            if r:
                out.append(r)
                said_at.append((s, e))
            pos = q.end()
    return said_at, out


def _skip_labels(text: str, pos: int, end: int) -> int:
    """Past blank lines, rules and short label lines ("Recommendation 2", "---")."""
    while pos < end:
        nl = text.find("\n", pos, end)
        line = text[pos:nl if nl >= 0 else end]
        if line.strip() and (re.match(r"[ \t]*(?:\*\*)?[‘“\"']", line) or len(line.strip()) > 40):
            return pos
        if nl < 0:
            return end
        pos = nl + 1
    return pos


# ---------- decisions whose mark was dropped ----------

def _unmarked(text: str, start: int, end: int) -> list[Resolution]:
    """Decisions whose mark the publisher dropped: a paragraph opening "That ..." or "To approve"
    after a dangling "it was", or lettered or numbered clauses whose first words are a decision's
    ("(a) the report be noted")."""
    out = []
    for m in re.finditer(r"(?:^|\n)[ \t]*(That\s+[^\n]{10,})", text[start:end]):
        s = start + m.start(1)
        r = _res(text, s, _block_end(text, s, end))
        if r:
            out.append(r)
    for m in re.finditer(r"\bit\s+was\s*\n\s*\n\s*(?=To\s+[a-z])", text[start:end]):
        s = start + m.end()  # "... duly seconded and it was" / "To approve the Code"
        r = _res(text, s, _block_end(text, s, end))
        if r:
            out.append(r)
    if out:
        return out
    clauses = _clauses(text, start, end)
    if clauses and re.search(r"\b(?:be|is|are)\s+(?:noted|approved|agreed|received|endorsed|appointed|adopted)\b"
                             r"|^\s*(?:Authorise|Agree|Approve|Note|Endorse|Delegate|Recommend)",
                             text[clauses[0][0]:clauses[0][1]], re.IGNORECASE):
        out = [r for r in (_res(text, s, e, lab) for s, e, lab in clauses) if r]
    return out
