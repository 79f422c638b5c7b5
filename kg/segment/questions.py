"""Questions put by members of the public, as minutes of any council record them.

They stand under a heading of their own, whatever a council calls it: Public Question Time,
Public Questions, Question Time, Public Forum, Open Forum, Public Participation, Questions
from Members of the Public, Deputations, Petitions. Under it, each question begins with the
person who put it, read by the shape of the words:

- "(A) Mrs Ann Marlow asked the following question of the Chairman:" over the question;
- "Question by Mrs Marlow:", "Question from Joe Dace (resident):";
- "Mr Dace asked whether ...", "Mr Dace also asked if ...", "Ann Marlow spoke regarding ...";
- "Mrs Marlow asked a supplementary question ..." (or one under "Supplementary Question").

The answer follows: "The Chairman replied", "Reply by the Leader:", "Mrs Fenn replied as
follows:", "At the invitation of the Chairman, the Director of Housing replied"; "He was
informed that ..." ends the question without naming who answered.

"There were no questions" or "There was no public participation" give none, and so does a
councillor's question under standing orders ("Question submitted by Councillor Dace",
"Questions on notice by members"): only a member of the public's question is one.
"""
from __future__ import annotations

import re

from kg.models import PersonRef, PublicQuestion, Span
from kg.segment.declarations import COUNCILLOR_TITLE, COURTESY, NOT_NAME, NAME, sections
from kg.segment.literal import Cues
from kg.textutil import squash

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
#: the heading of an item or section where the public put questions
PUBLIC_HEAD = re.compile(
    r"Public\s+Question\s+Time|Public\s+Questions?|Questions?\s+(?:from|by|put\s+by|submitted\s+by|asked\s+by)\s+"
    r"(?:(?:\w+\s+and\s+)?members\s+of\s+)?the\s+public|Question\s+Time|Public\s+Forum|Open\s+Forum"
    r"|Public\s+Participation|Public\s+Speaking|Public\s+Session|Public\s+Comments?|Public\s+Address"
    r"|Deputations?|Petitions?|Residents['’]?\s+Questions?|Questions?\s+from\s+(?:local\s+)?residents",
    re.IGNORECASE)
# each PUBLIC_HEAD holds one of these words, two runs of spaces or words at most after its start ("Open Forum")
PUBLIC_NEAR = Cues(re.compile("question|public|forum|deputation|petition"), 4)
#: the heading of councillors' own questions ("Questions on notice by members")
MEMBER_HEAD = re.compile(r"(?:Members['’]?|Councillors['’]?)\s+Question|Questions?\s+(?:on\s+notice\s+)?(?:by|from|asked\s+by|"
                         r"submitted\s+by)\s+(?:members|councillors|Councillor|Cllr)\b|Questions?\s+on\s+notice\s+by\s+members",
                         re.IGNORECASE)
# a section ends at the next numbered heading (a short line: "78. Questions asked by members"),
# a line in capitals or a usual agenda heading; numbered paragraphs ("1. Mr Dace – Mr Dace
# addressed Council about ...") run on
QUESTIONS_STOP = re.compile(
    r"^[ \t]*(?:(?:[A-Z]{1,5}\s?)?\d{1,4}(?:[./]\d{1,4})*[.)]?(?:[ \t]+[A-Z‘'\"][^\n]{0,90}|[ \t]*)$"
    r"|[^a-z\n]*[A-Z]{3,}[^a-z\n]*\s[A-Z]{2,}[^a-z\n]*$"
    r"|(?:Apologies|Declarations?|Minutes\s+of|Urgent\s+Items?|Chair(?:man)?['’]?s?\s+Announcements|Exclusion"
    r"|Date\s+of\s+(?:the\s+)?next)[^\n.]{0,80}\.?$)", re.MULTILINE)
_LEAD = r"[ \t]*(?:\((?P<letter>[A-Za-z0-9]{1,3})\)|[•·▪*\-–]|\d{1,3}[.)])?[ \t]*"
_BARE = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?:\s+[{_UP}]\.?)?\s+[{_UP}][{_UP}{_LOW}'’\-]*[{_LOW}][{_UP}{_LOW}'’\-]*"
_PLAIN_NAME = re.sub(r"\(\?P<\w+>", "(?:", NAME.pattern)  # its groups unnamed, to be used more than once
_PERSON = rf"(?:(?:{COURTESY}|{COUNCILLOR_TITLE})\s+{_PLAIN_NAME}|{_BARE})"
_LEAD_PLAIN = _LEAD.replace("?P<letter>", "?:")
# "Question by Mrs Marlow:", "Question 2 from Joe Dace (resident) -"
# "Question 2: Joe Dace", "A question was asked by Mrs Marlow about ..."
QUESTION_BY = re.compile(rf"^{_LEAD}(?:Questions?\s+(?:\d+\s+)?(?:by|from|submitted\s+by|asked\s+by|put\s+by)|Question\s+\d+\s*[:.\-–—])\s+"
                         rf"(?P<asker>{_PERSON})(?:\s*\([^)\n]*\))?\s*[:.\-–—]?"
                         rf"|(?:^{_LEAD_PLAIN}|(?<=[.!?]\s))(?:An?|The)\s+(?:\w+\s+)?questions?\s+(?:was|were)\s+(?:asked|put|submitted|raised)\s+"
                         rf"by\s+(?P<passive>{_PERSON})", re.MULTILINE)
# "Mrs Marlow asked the following question ...:", "Mr Dace also asked whether", "Ann Marlow spoke regarding"
ASKED = re.compile(
    rf"(?:^{_LEAD}|(?<=[.!?]\s)|(?<=[.!?]\s\s))(?P<asker>{_PERSON})(?:\s*\([^)\n]*\))?(?:,\s+(?:a|an|the)\s+[^,\n]{{1,60}},)?,?\s+(?:(?:also|then|further|again)\s+)?"
    r"(?P<verb>asked|queried|enquired|inquired|questioned|raised|spoke|addressed|sought|requested|put|presented|"
    r"wished\s+to\s+know)\b(?P<supp>\s+(?:a|the|two|further)\s+(?:\w+\s+)?supplementary)?"
    r"(?P<following>[^\n:]{0,160}?\bfollowing\s+questions?\b[^\n:]{0,160}:)?", re.MULTILINE)
# "1. Mr. Joe Dace – Mr. Dace addressed Council ...": a numbered list of speakers
SPEAKER = re.compile(rf"^[ \t]*\d{{1,2}}[.)][ \t]*(?P<asker>{_PERSON})[ \t]*[–—\-:]", re.MULTILINE)
SUPPLEMENTARY = re.compile(r"^[ \t]*Supplementary\s+Questions?\b", re.MULTILINE | re.IGNORECASE)
REPLY = re.compile(
    rf"(?:^{_LEAD}|(?<=[.!?:]\s)|(?<=[.!?]\s\s))(?:(?:Reply|Response|Answer)\s+(?:by|from)\s+(?P<by>(?:the\s+)?[^\n:]{{2,80}}?)\s*:"
    rf"|(?P<who>{_PERSON}|[Tt]he\s+(?:Chair(?:man|person)?|Leader|Mayor|Convener|Clerk|Cabinet\s+Member[^\n,]{{0,60}}?|"
    rf"Portfolio\s+Holder[^\n,]{{0,60}}?|Lead\s+Member[^\n,]{{0,60}}?))\s+(?:replied|responded|answered)\b"
    rf"|At\s+the\s+invitation\s+of\s+the\s+Chair(?:man|person)?,?\s+(?:the\s+)?(?P<post>[^\n,.;]{{3,80}}?)\s+(?:replied|responded|answered)\b"
    rf"|In\s+(?:reply|response),?\s+(?:(?P<said>{_PERSON}|the\s+(?:Chair(?:man|person)?|Leader|Mayor|Clerk|[A-Z][^\n,]{{2,60}}?))"
    rf"\s+(?:said|stated|explained|advised|confirmed|replied|responded))?"
    rf"|(?:He|She|They)\s+(?:was|were)\s+(?:informed|told|advised)\s+that)", re.MULTILINE)


def public_title(title: str | None) -> bool:
    """Whether an item's title is one under which the public put questions."""
    return bool(title and PUBLIC_HEAD.search(title) and (re.search(r"public", title, re.IGNORECASE)
                                                           or not MEMBER_HEAD.search(title)))


def _asker(m: re.Match) -> PersonRef | None:
    """The person who put a question, unless a councillor did: their questions are not the public's."""
    group = "asker" if m.groupdict().get("asker") else "passive"
    name = squash(m.group(group))
    if re.match(COUNCILLOR_TITLE + r"\s", name) or any(len(w) > 1 and w.lower() in NOT_NAME for w in re.findall(r"\w+", name)):
        return None
    return PersonRef(name=name, span=Span(m.start(group), m.end(group)), role="public")


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else ""


def _answerer(m: re.Match | None) -> PersonRef | None:
    if m is None:
        return None
    for group, role in (("who", "member"), ("by", "member"), ("said", "member"), ("post", "officer")):
        if m.group(group):
            name = squash(m.group(group))
            name = name[:1].upper() + name[1:]  # "Reply by the Chairman:" is The Chairman's
            if group == "post" or re.match(r"(?:The\s+)?(?:Director|Head|Chief|Assistant|Deputy|Manager|Clerk)", name):
                role = "officer"
            return PersonRef(name=name, span=Span(m.start(group), m.end(group)), role=role)
    return None


def _sentence_end(text: str, at: int, end: int) -> int:
    m = re.compile(r"[.?!](?=\s)|\n[ \t]*\n").search(text, at, end)
    return m.end() if m else end


def _in_section(text: str, start: int, end: int) -> list[PublicQuestion]:
    """Every question put in a part of the minutes where the public speak."""
    marks: list[tuple[int, re.Match, str]] = []
    for pattern, kind in ((QUESTION_BY, "by"), (ASKED, "asked"), (SPEAKER, "speaker")):
        marks += [(m.start(), m, kind) for m in pattern.finditer(text, start, end)]
    marks.sort(key=lambda x: x[0])
    kept: list[tuple[int, re.Match, str]] = []
    for pos, m, kind in marks:  # "1. Mr Dace – Mr Dace addressed ...": one question, not two
        if kept and pos < kept[-1][1].end():
            continue
        kept.append((pos, m, kind))
    sups = [m.start() for m in SUPPLEMENTARY.finditer(text, start, end)]
    starts: list[tuple[int, re.Match, str, PersonRef]] = []
    for pos, m, kind in kept:
        asker = _asker(m)
        if asker is None:
            continue
        if starts and _surname(starts[-1][3].name) == _surname(asker.name) and not (kind == "asked" and m.group("supp")) \
                and not REPLY.search(text, starts[-1][1].end(), pos) and not any(starts[-1][0] < s < pos for s in sups):
            continue  # "Mrs Marlow also stated ... Mrs Marlow asked if ...": the same question goes on
        starts.append((pos, m, kind, asker))
    out: list[PublicQuestion] = []
    for k, (pos, m, kind, asker) in enumerate(starts):
        seg_end = starts[k + 1][0] if k + 1 < len(starts) else end
        seg_end = min([s for s in sups if s > m.end()] + [seg_end])
        reply = REPLY.search(text, m.end(), seg_end)
        supplementary = bool(kind == "asked" and m.group("supp")) or any(0 < pos - s < 200 for s in sups)
        if (kind == "by" and not m.group("passive")) or (kind == "asked" and m.group("following")):
            q_start, q_end = m.end(), reply.start() if reply else seg_end
        else:
            q_start = m.start() if kind == "by" else asker.span.start
            q_end = reply.start() if reply else _sentence_end(text, m.end(), seg_end)
        letter = m.groupdict().get("letter")
        out.append(PublicQuestion(text=squash(text[q_start:q_end]), span=Span(asker.span.start, max(q_end, m.end())),
                                  asker=asker, answerer=_answerer(reply), supplementary=supplementary,
                                  letter=f"({letter})" if letter else None))
    return out


def _heading_ok(text: str, at: int, end: int) -> bool:
    """A heading's words stand alone on their line, or before a colon or a dash: "Public
    Forum: Mr Dace ...", not "... and members of the public forum of the district"."""
    return text[:at].rstrip(" \t").endswith((":", ".", "-", "–", "—", ")")) or bool(
        re.match(r"[ \t]*(?:\n|$|(?:under|in\s+accordance|on\s+notice|if\s+any)\b)", text[at:end], re.IGNORECASE))


def questions_in(text: str, start: int, end: int, title: str | None = None) -> list[PublicQuestion]:
    """Questions put by members of the public in text[start:end] (an item's body; title is the item's title)."""
    if title and MEMBER_HEAD.search(title) and not public_title(title):
        return []
    if public_title(title):
        return _in_section(text, start, end)
    out: list[PublicQuestion] = []
    for head, s, e in sections(text, start, end, PUBLIC_HEAD, QUESTIONS_STOP, limit=40000, near=PUBLIC_NEAR):
        if _heading_ok(text, s, end):
            out += _in_section(text, s, e)
    return out
