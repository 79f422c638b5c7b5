"""What an item decided, in the wordings councils use.

A decision opens with a mark: "RESOLVED", "Resolved:-", "RESOLVED -", "UNANIMOUSLY RESOLVED that",
"It was RESOLVED", "And Resolved:", "The Committee resolved:-", "Committee resolved to ...",
"AGREED", "The Council AGREED", "It was agreed that ...", "Decision", "DECISION:", "Council
resolution", "Recommendations approved", "Resolution 449/2019 Moved: ... Seconded: ... <clause>",
"Motion by X, second by Y to ... Motion carried". What follows the mark is one clause, or
several lettered or numbered ones ("(1)", "(a)", "A)", "i)", "1."), each its own resolution. A
motion that was lost is no resolution. Where the publisher dropped the mark (web pages often do),
a paragraph that opens "That ..." or a run of "1) ..." / "(a) ..." clauses at the foot of an item
stands as the decision.
"""
from __future__ import annotations

import re

from kg.models import Resolution, Span

MARK = re.compile(
    r"(?:(?<=\s)|^|(?<=[>*(\[]))(?:(?:UNANIMOUSLY|unanimously|Unanimously)\s+)?(?:It\s+was\s+(?:further\s+|also\s+|then\s+|unanimously\s+)?|And\s+|and\s+)?"
    r"(?:RESOLVED|Resolved)\b(?:\s*(?:[:;]-?|[-–—]+|:\s*[-–—])\s*)?"
    r"|(?:(?<=\s)|^)(?:The\s+)?(?:Committee|Sub-Committee|Board|Panel|Cabinet|Council|Executive|Authority|Commission|Forum|"
    r"Meeting|Group|Members)\s+(?:RESOLVED|resolved|resolves|AGREED|DECIDED|decided|unanimously\s+(?:agreed|resolved))\b(?:\s*:-?)?"
    r"|^[ \t]*Resolution\s+\d+/\d{2,4}\b"
    r"|^[ \t]*(?:DECISIONS?|Decisions?|AGREED|Agreed|Council\s+[Rr]esolution|Resolution|"
    r"Recommendations?\s+(?:approved|agreed|adopted))\b[ \t]*(?:[:\-–—]+[ \t]*|(?=\n)|$)",
    re.MULTILINE)
AGREED = re.compile(r"\b(?:it\s+was\s+(?:unanimously\s+|further\s+|also\s+|then\s+|duly\s+)?(?:AGREED|agreed|agree|resolved|decided)"
                    r"|(?:was|were)\s+(?:unanimously\s+)?(?:agreed|approved|adopted|accepted|supported)\b"
                    r"|(?:agreed|approved)\s+unanimously|support\s+was\s+given"
                    r"|(?:meeting|members?|councillors|committee|council|board|panel)\s+(?:unanimously\s+)?agreed\s+(?:to|that)\b)",
                    re.IGNORECASE)
MOTION = re.compile(r"\b(?:Motion\s+by|Moved\s+by|Proposed\s+by|On\s+the\s+proposal\s+of|It\s+was\s+(?:moved|proposed)\s+by)\b",
                    re.IGNORECASE)
OUTCOME = re.compile(r"\b(?:motion|amendment|recommendation|proposal)?\s*(?:was\s+)?(?P<o>carried|passed|approved|lost|"
                     r"defeated|failed|fell|withdrawn|not\s+carried)\b", re.IGNORECASE)
LOST = re.compile(r"\b(?:lost|defeated|failed|fell|withdrawn|not\s+carried)\b", re.IGNORECASE)
CLAUSE = re.compile(r"(?:^|(?<=[\s;:]))(?:\((?P<a>[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)\.?|(?P<b>[a-zA-Z]|[ivx]{1,5}|\d{1,2})\)|"
                    r"(?<![^\n])[ \t]*(?P<c>\d{1,2}|[a-z])\.)(?=[ \t]+\S|\s*\n\s*\S)", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[A-Z(‘\"“])|\n[ \t]*\n")
_PARA_END = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,4}[.)]?[ \t]+[A-Z]|[A-Z][A-Z ]{4,}$))", re.MULTILINE)
_MOVED = re.compile(r"Moved\s*:?.*?Seconded\s*:?\s*(?:(?:Cr|Cllr|Councillor|Mr|Mrs|Ms|Dr|Mayor)\.?\s+)?"
                    r"(?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+\s+", re.DOTALL)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\r-–—:;|*>•·":
        start += 1
    while end > start and text[end - 1] in " \t\n\r|*":
        end -= 1
    return start, end


def _res(text: str, start: int, end: int, label: str | None = None) -> Resolution | None:
    start, end = _trim(text, start, end)
    words = " ".join(text[start:end].split())
    if len(words) < 4 or not re.search(r"[A-Za-z]{2}", words):
        return None
    return Resolution(text=words, span=Span(start, end), label=label)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Lettered or numbered clauses in text[start:end] that follow one another: (start, end, label)."""
    marks = [m for m in CLAUSE.finditer(text, start, end)]
    if len(marks) < 2:
        return []
    label = lambda m: (m.group("a") or m.group("b") or m.group("c"))
    first = label(marks[0]).lower()
    if first not in ("a", "1", "i"):
        return []
    out = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else _block_end(text, m.end(), end)
        out.append((m.end(), stop, label(m)))
    return out


def _block_end(text: str, start: int, end: int) -> int:
    m = _PARA_END.search(text, start, end)
    return m.start() if m else end


def _sentence_span(text: str, pos: int, floor: int, end: int) -> tuple[int, int]:
    """The sentence of text around `pos`, within [floor, end)."""
    s = floor
    for m in _SENTENCE_END.finditer(text, floor, min(len(text), pos + 1)):
        if m.end() <= pos:
            s = m.end()
    m = _SENTENCE_END.search(text, pos, end)
    return s, (m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else end))


def _after_mark(text: str, m: re.Match, end: int, nxt: int) -> list[Resolution]:
    """The clause or clauses a decision mark opens."""
    stop = min(nxt, end)
    body_start = m.end()
    said = m.group(0).strip()
    if re.search(r"\b(?:resolved|resolves|decided|agreed)$", said) and re.match(r"\s+to\s", text[m.end():m.end() + 4]):
        s, e = _sentence_span(text, m.start(), m.start(), stop)  # "Committee resolved to note the apologies."
        r = _res(text, m.start(), e)
        return [r] if r else []
    moved = _MOVED.match(text, body_start, stop)
    if moved and re.match(r"Resolution", m.group(0).strip()):
        body_start = moved.end()
    block_end = _block_end(text, body_start, stop)
    # "RESOLVED:" alone on its line, or "that:" introducing clauses: take the clauses below it
    head = text[body_start:block_end]
    clauses = _clauses(text, body_start, stop)
    if clauses and (not head.strip() or re.fullmatch(r"\s*(?:that|That|THAT)?\s*(?:the\s+\w+\s*)?:?-?\s*", head)
                    or clauses[0][0] - body_start < 40):
        out = [_res(text, s, e, lab) for s, e, lab in clauses]
        return [r for r in out if r]
    if not head.strip():
        body_start = _next_nonblank(text, block_end, stop)
        block_end = _block_end(text, body_start, stop)
    r = _res(text, body_start, block_end)
    return [r] if r else []


def _next_nonblank(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\n\r":
        pos += 1
    return pos


def resolutions_in(text: str, start: int, end: int) -> list[Resolution]:
    """Every resolved clause of one item's body text[start:end]."""
    out: list[Resolution] = []
    marks = [m for m in MARK.finditer(text, start, end)]
    for k, m in enumerate(marks):
        nxt = marks[k + 1].start() if k + 1 < len(marks) else end
        out.extend(_after_mark(text, m, end, nxt))
    covered = [(r.span.start, r.span.end) for r in out] + [(m.start(), m.end()) for m in marks]
    out.extend(_motions(text, start, end, covered))
    covered += [(r.span.start, r.span.end) for r in out]
    out.extend(_agreed(text, start, end, covered))
    if not out:
        out.extend(_unmarked(text, start, end))
    out.sort(key=lambda r: r.span.start)
    return out


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _motions(text: str, start: int, end: int, covered) -> list[Resolution]:
    """"Motion by X, second by Y to approve ... Motion carried.": the motion, when carried."""
    out = []
    for m in MOTION.finditer(text, start, end):
        if _inside(m.start(), covered):
            continue
        s, e = _sentence_span(text, m.start(), start, end)
        after = text[e:min(end, e + 160)]
        outcome = OUTCOME.search(text, m.start(), min(end, e + 160))
        said = text[s:e]
        if outcome and LOST.search(outcome.group(0)):
            continue
        if not outcome and not re.search(r"\b(?:agreed|resolved|approved|carried)\b", said + after[:80], re.IGNORECASE):
            continue
        r = _res(text, s, e)
        if r:
            out.append(r)
    return out


def _agreed(text: str, start: int, end: int, covered) -> list[Resolution]:
    """Sentences that record a decision in prose: "It was agreed that ...", "... were approved"."""
    out = []
    seen = set()
    for m in AGREED.finditer(text, start, end):
        if _inside(m.start(), covered):
            continue
        s, e = _sentence_span(text, m.start(), start, end)
        if (s, e) in seen or _inside(s, covered):
            continue
        said = text[s:e]
        if re.search(r"\b(?:not|n't)\s+(?:agreed|approved|supported)\b|\bif\s+(?:agreed|approved)|\bonce\s+agreed", said, re.IGNORECASE):
            continue
        seen.add((s, e))
        r = _res(text, s, e)
        if r:
            out.append(r)
    return out


def _unmarked(text: str, start: int, end: int) -> list[Resolution]:
    """Decisions whose mark the publisher dropped: a paragraph opening "That ...", or lettered or
    numbered clauses whose first words are a decision's ("(a) the report be noted")."""
    out = []
    for m in re.finditer(r"(?:^|\n)[ \t]*(That\s+[^\n]{10,})", text[start:end]):
        s = start + m.start(1)
        e = _block_end(text, s, end)
        r = _res(text, s, e)
        if r:
            out.append(r)
    if out:
        return out
    clauses = _clauses(text, start, end)
    if clauses and re.search(r"\b(?:be|is|are)\s+(?:noted|approved|agreed|received|endorsed|appointed|adopted)\b|^\s*(?:Authorise|Agree|Approve|Note|Endorse|Delegate|Recommend)",
                             text[clauses[0][0]:clauses[0][1]], re.IGNORECASE):
        out = [r for r in (_res(text, s, e, lab) for s, e, lab in clauses) if r]
    return out
