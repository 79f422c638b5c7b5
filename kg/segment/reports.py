"""Reports put to an item, what the committee asked to come back, and the next meeting's date.

Reports: "Report of the Director of ..." or "Report author: ..." under an item's title (web
pages), "The Committee considered a report of the ...", "To consider a report by the ...",
"There was submitted a report by ...", "The Scrutiny Officer submitted a report ...",
"Mr X presented an update ...", "X, Post, introduced the report", "There had been circulated
Report No. ... by the ...", an item titled as a report ("Police Report", "Treasurer's Report",
"... Update", "Work Programme") or linking its document. The report takes the item's title; its
authors are the posts or people it is "of" ("Name, Post" is the post; "Mr Name, Post" the person).

Follow-ups: a clause or sentence asking for something to come back: "a further report be brought
to ...", "requested further information on ...", "will be invited to a future meeting", "report
back", "X to write to ... in time for the next meeting", "offered to follow up", "at the May board
meeting", with the date named where there is one; a resolved request stands for the discussion
that led to it.
"""
from __future__ import annotations

from extractors.titles import HONORIFIC_PATTERN

import re
from datetime import date

from kg.models import FollowUp, Report, Span
from kg.segment.header import year_for
from kg.segment.literal import WORD_START, Cues, any_in, finditer_near, finditer_twin, lower_twin, lowered, may_hold, search_near
from kg.segment.patterns import FOLLOW_UP, split_authors
from kg.segment.when import MONTH, dates_in, dates_without_year

_AUTHOR_LINE = re.compile(r"^[ \t]*(?:(?:Joint\s+)?Report\s+(?:of|by|from)|Report\s+author|Report\s+of|Lead\s+officer|"
                          r"Presented\s+by|Author(?=\s*(?:\(s\))?\s*:))\b\s*(?:\(s\))?\s*:?\s*(?:the\s+)?(?P<who>[^\n]{3,160})$",
                          re.IGNORECASE | re.MULTILINE)
_END = (r"(?=\s+(?:which|on|providing|that|setting|regarding|concerning|about|in\s+relation|to\s+(?!the\s+\w+\s+Committee)\w+|"
        r"presenting|outlining|seeking|giving|highlighting|informing|updating|detailing|summarising|explaining|with|around|"
        r"\(copy|\(previously|\(circulated|\(attached|\(appended|\(enclosed|\(agenda|\(now|for\s+the|as\s+set)\b|[,.;]|\s*$)")
_CONSIDERED = re.compile(
    r"\b(?:considered|consider|received|receive|noted|note|had\s+before\s+it|gave\s+consideration\s+to|"
    r"there\s+(?:was|were|had\s+been)\s+(?:submitted|circulated)|submitted|circulated|presented|introduced|tabled)\s+"
    r"(?:(?:a|an|the)\s+)?(?:joint\s+)?(?:written\s+|verbal\s+|oral\s+|detailed\s+|annual\s+)?(?P<kind>report|presentation|update)s?"
    r"(?:\s+No\.?\s*[\w/.-]+)?(?:\s+dated\s+[^,\n]{3,30}?)?\s+(?:of|from|by)\s+"
    r"(?:the\s+)?(?P<who>(?:[^\n]|\n(?![ \t]*\n)){3,160}?)" + _END, re.IGNORECASE)
_CONSIDERED_LOW = lower_twin(_CONSIDERED)
_REPORT_TITLE = re.compile(r"\b(?:Report|Update|Presentation|Review|Strategy|Plan|Statement|Accounts|Assessment|Monitoring|"
                           r"Performance|Budget|Audit)\b", re.IGNORECASE)
_NOT_AUTHOR = re.compile(r"^(?:The\s+)?(?:Committee|Sub-Committee|Board|Panel|Council|Cabinet|Members?|Chair(?:man)?|"
                         r"Meeting|It|He|She|They|This|There|Following|During|Councillors)$", re.IGNORECASE)


# posts a report may be "of": the last word of a post ("Participation Support Officer", "Town Clerk")
_POST_WORD = (r"(?:Director|Manager|Officer|Head|Headteacher|Executive|Clerk|Treasurer|Secretary|Chair|Chairman|"
              r"Chairperson|Convener|Commissioner|Member|Leader|Mayor|Provost|Nurse|Engineer|Planner|Assistant|"
              r"Co-?ordinator|Adviser|Advisor|Accountant|Auditors?|Solicitor|Lead|Inspector|Consultant|Administrator|"
              r"Analyst|Controller|Surveyor|Architect|Librarian|Warden|Ranger|Superintendent|Sergeant|Constable|"
              r"PCSOs?|CPOs?|Monitoring|Governance|Services?|Commissioning|Operations|Team)")
_HONOUR = rf"(?:{HONORIFIC_PATTERN})\.?"
_NAME = re.compile(rf"^(?:(?P<hon>{_HONOUR})\s+)?(?:[A-Z]\.\s*)*[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.\s*)*[A-Z][a-z'’-]+){{0,2}}$")
_POSTISH = re.compile(rf"\b{_POST_WORD}\b|\b(?:of|for)\b|[()]", re.IGNORECASE)
_NAME_WORD = rf"(?!{_POST_WORD}\b)[A-Z][a-z'’-]+"
_PIECES = re.compile(rf",\s*(?:and\s+)?|\s+(?:and|&)\s+(?=(?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD}\s*,)")


def _is_name(piece: str) -> bool:
    """"Jo Carpenter", "Mr Billy Lynch": a person's name, not a post."""
    return bool(_NAME.match(piece)) and not _POSTISH.search(piece)


def _people_and_posts(raw: str) -> list[str]:
    """"Jo Carpenter, Participation and Engagement Manager, and Tom Byrne, Participation Support
    Officer" -> the posts; "Mr Billy Lynch, Senior Project Manager" -> the person (a name with a
    title stands for the person, a bare name before a post for the post it holds)."""
    pieces = [p.strip(" ,.;") for p in _PIECES.split(raw)]
    pieces = [re.sub(r"^(?:the|our)\s+", "", p, flags=re.IGNORECASE) for p in pieces if p.strip(" ,.;")]
    out: list[str] = []
    k = 0
    while k < len(pieces):
        p = pieces[k]
        if _is_name(p):
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            if nxt is not None and not _is_name(nxt) and _POSTISH.search(nxt):
                honoured = _NAME.match(p).group("hon")
                out.append(p if honoured else nxt)
                k += 2
                continue
            out.append(p)
        elif _POSTISH.search(p) or re.fullmatch(r"[A-Z][\w'’-]+s", p):
            out += [a for a in split_authors(p) if a]
        k += 1
    return out


def _author(raw: str) -> list[str]:
    raw = re.sub(r"\s*\((?:copy|previously|circulated|attached|enclosed|now)[^)]*\)", "", raw)
    raw = re.sub(r"\s+(?:on|to|for|which|that|providing|seeking|setting)\b.*$", "", raw.strip(), flags=re.IGNORECASE)
    raw = " ".join(raw.strip(" .,;:").split())
    if not raw or len(raw) > 120 or _NOT_AUTHOR.match(raw) or re.fullmatch(r"[A-Z]{1,3}", raw) \
            or re.search(r"(?<![\w'’-])(?!(?:of|and|for|the|in|to|on|de|du)\b)[a-z]+\b", re.sub(r"\([^)]*\)", "", raw)):
        return []
    return split_authors(raw)


_TO_REPORT = re.compile(r"^[ \t]*[•·*\-]?[ \t]*(?P<who>[A-Z][^\n]{4,200}?),?[ \t]+to[ \t]+report\.?[ \t]*$", re.MULTILINE)
_TO_REPORT_END = re.compile(r"[ \t]to[ \t]+report\.?[ \t]*$", re.MULTILINE)  # how each _TO_REPORT line ends: a quick look
_ONE_WORD_POST = re.compile(r"(?i)(?:Clerk|Treasurer|Secretary|Chair(?:man|person)?|Leader|Mayor|Provost|Convener|Solicitor|"
                            r"Auditor|Coordinator|Manager|Officer|Director|Headteacher|CPOs?|Secretariat)")


_SAID_BY = re.compile(
    rf"(?:^|(?<=[.:\n])[ \t]*|(?<=\.\s))(?:\(?[a-z0-9]{{1,3}}[.)][ \t]+)?"
    rf"(?P<who>(?:The\s+|Our\s+)?(?:{_HONOUR}\s+)?[A-Z](?:[^.;:!?\n]|\n(?![ \t]*(?:\n|\(|\d{{1,3}}[.)]|[a-z][.)]\s))|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|"
    rf"(?<=\bDr)\.|(?<=\bCllr)\.){{1,220}}?)\s*,?\s+"
    r"(?:submitted|presented|introduced|gave|delivered|provided|highlighted|summarised|outlined)"
    r"(?:\s+and\s+(?:summarised|outlined|highlighted|introduced|presented|discussed)\b)?\s+"
    r"(?:(?:a|an|the|his|her|their)\s+)?(?:[^.;]{0,70}?\s)??"
    r"(?P<kind>(?i:report|update|presentation|proposal|item|strategy|overview))s?\b")
_PRESENTING = re.compile(r"\b(?:submitted|presented|introduced|gave|delivered|provided|highlighted|summarised|outlined)\b")


def _said_by(text: str, start: int, end: int):
    """_SAID_BY's matches, looked for only around the verbs it needs (its subject is long and lazy)."""
    windows: list[list[int]] = []
    for v in _PRESENTING.finditer(text, start, end):
        s, e = max(start, v.start() - 260), min(end, v.end() + 120)
        if windows and s <= windows[-1][1]:
            windows[-1][1] = e
        else:
            windows.append([s, e])
    for s, e in windows:
        yield from _SAID_BY.finditer(text, s, e)


_NOT_SUBJECT = re.compile(r"^(?:It|In|At|As|On|This|There|Following|During|RESOLVED|She|He|They|We|I)\b|"
                          r"\b(?:was|were|is|are|who|which|that|had|has|have|then|also|been|will|would)\b")
_CIRCULATED_NO_AUTHOR = re.compile(
    r"\b(?:considered|received|noted|note|had\s+before\s+it)\s+(?:a|the)\s+(?:\w+\s+){0,3}?report\b|"
    r"\bthe\s+report\s+be\s+(?:noted|received)\b", re.IGNORECASE)
_CIRCULATED_NEAR = Cues(re.compile("report"), 16, WORD_START)  # "had before it the three page draft report"
_TITLE_REPORT = re.compile(r"\S\s+(?:\S+\s+)*?(?:Reports?|Updates?|Presentation)(?:\s+\d{4}(?:[/-]\d{2,4})?)?\s*[.:]?\s*$"
                           r"|\bWork\s+Programme\b", re.IGNORECASE)
_TITLE_POST = re.compile(r"^(?P<post>(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)['’]s\s+Reports?\s*[.:]?\s*$", re.IGNORECASE)


def _title_author(title: str) -> list[str]:
    """"Treasurer's Report", "CHAIR'S REPORT": the report is the post's own."""
    m = _TITLE_POST.match(title.strip())
    if not m or not re.search(rf"{_POST_WORD}$", m.group("post"), re.IGNORECASE) \
            or re.search(r"Councillor", m.group("post"), re.IGNORECASE):
        return []
    post = m.group("post")
    return [post.title() if post.isupper() else post]


def reports_in(text: str, start: int, end: int, title: str, title_span: Span | None, linked: bool) -> list[Report]:
    """The reports item text[start:end] (title `title`) considered; one report per item."""
    authors: list[str] = []
    kind, at = "report", None

    def add(found: list[str]) -> None:
        authors.extend(a for a in found if a and a not in authors and not re.fullmatch(r"[A-Z]{1,3}", a)
                       and (" " in a or _ONE_WORD_POST.fullmatch(a) or re.fullmatch(r"[A-Z]{2,6}s?", a)))  # "Rachel": a forename alone is no author

    for m in _AUTHOR_LINE.finditer(text, start, end):
        add(_author(m.group("who")))
        at = at or m.start()
        break
    listed = _TO_REPORT.finditer(text, start, end) if _TO_REPORT_END.search(text, start, end) else ()
    for m in listed:  # an agenda's "• X and Y, Post, Department, to report."
        add([a.strip(" ,") for a in split_authors(m.group("who"))])
        at = at or m.start()
        break
    told = bool(authors)
    for m in finditer_twin(_CONSIDERED, _CONSIDERED_LOW, text, start, end):
        if re.search(r"\bwhich\s+$", text[max(start, m.start() - 8):m.start()]):
            continue  # "a report of the Director which presented the annual report of X": X is its subject
        # "presented the Annual Report of the Independent Reviewing Officer": the item's own title
        add([a for a in _author(m.group("who")) if re.sub(r"\s*\([^)]*\)", "", a).lower() not in title.lower()])
        kind = "presentation" if m.group("kind").lower() == "presentation" else kind
        at = at or m.start()
    for m in _said_by(text, start if not told else end, end):
        who = " ".join(m.group("who").split())
        if _NOT_AUTHOR.match(who) or _NOT_SUBJECT.search(who):
            continue
        add(_people_and_posts(who))
        kind = "presentation" if m.group("kind").lower() == "presentation" else kind
        at = at or m.start()
    if at is None:
        m = search_near(_CIRCULATED_NO_AUTHOR, text, start, end, _CIRCULATED_NEAR)
        at = m.start() if m else None
    add(_title_author(title))
    if at is None and not _TITLE_REPORT.search(title) and not (linked and _REPORT_TITLE.search(title)):
        return []
    span = title_span or Span(start, min(end, start + 1))
    return [Report(title=title.rstrip(" .:") or title, span=span, authors=authors, kind=kind)]


_ASKED = re.compile(
    r"\b(?:requested|request|asked\s+for|asked\s+that|sought)\s+(?:that\s+)?(?:a\s+|an\s+)?(?:further|more|additional|an?\s+update)"
    r"|\b(?:will|would|to)\s+(?:come\s+back\s+to|revert|report\s+back|be\s+(?:arranged|brought\s+back|reported|considered\s+again|"
    r"invited\s+to\s+(?:attend\s+)?(?:a|the)\s+(?:future|next|later))|return\s+to\s+(?:the|this)\s+(?:matter|issue|item|"
    r"Committee|Panel|Board|Council))"
    r"|\b(?:at|to|for)\s+(?:a|the)\s+(?:future|next|following|later)\s+(?:\w+\s+)?meeting"
    rf"|\b(?:will|would|shall|plans?|intends?)\b[^.]{{0,120}}\b(?:at|to|for)\s+the\s+{MONTH}\s+(?:\w+\s+)?meeting"
    r"|\bin\s+time\s+for\s+the\s+next\s+meeting|\b(?:keen|agreed)\s+to\s+consider\s+this\s+again"
    r"|\bto\s+be\s+(?:brought|reported|presented)\s+(?:back\b|to\s+(?:the\s+|a\s+|this\s+)?(?:\w+\s+){0,3}?"
    r"(?:Committee|Panel|Board|Council|Commission|Members|meeting))"
    r"|\boffered\s+to\s+(?:follow\s+up|come\s+back|report\s+back|provide\s+(?:\w+\s+){0,3}?(?:further|more|additional))"
    r"|\bto\s+(?:the\s+)?(?:Panel|Committee|Board|Council|Commission|Members)\b[^.]{0,40}\bat\s+a\s+(?:later|future)\s+date"
    r"|\brequested\s+that\s+[^.]{0,120}?\bbe\s+(?:shared|circulated|provided|sent|brought|reported|presented)\b"
    r"|\bchase\b[^.]{0,80}?\bupdate\b|\b(?:is|are)\s+(?:still\s+)?awaited\b"
    r"|\bwish(?:es)?\s+for\s+clarification\b"
    r"|\bconsidered\s+alongside\b",
    re.IGNORECASE)
# what is no request to come back: the next meeting's date, a member's notice ("I will move at
# the next meeting that ..."), a heading or a table row
_NOT_ASKED = re.compile(
    r"\bnext\s+meeting\b[^.]{0,60}?\b(?:will|would|is\s+to|to)\s+be\s+held\b|\bdate\s+of\s+(?:the\s+)?next\s+meeting"
    r"|(?:^|\s)[I|!l1]\s+will\s+(?:ask|move|raise|propose)\b|\|", re.IGNORECASE)
_RESOLVED_CLAUSE = re.compile(r"^\s*(?:[-•·]\s*)?(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:That|THAT)\b|\bRESOLVED\b|\b[Rr]esolved\s+(?:to|that)\b")


def _heading(said: str) -> bool:
    """"Progress Report: Ofsted Recommendations ...": a title, most of its words capitalised."""
    words = re.findall(r"[A-Za-z][\w'’-]*", said)
    big = [w for w in words if w[0].isupper()]
    return len(words) >= 2 and len(big) / len(words) > 0.7


_SENT = re.compile(r"(?<=[.!?;])[\"'”’]?\s+(?=[A-Z(‘\"“])|\n[ \t]*\n|\n(?=[ \t]*(?:[-•·o]|\(?[a-z0-9]{1,3}[.)])\s)")


def _sentences(text: str, start: int, end: int):
    pos = start
    for m in _SENT.finditer(text, start, end):
        yield pos, m.start() + (1 if text[m.start():m.start() + 1] in ".!?;" else 0)
        pos = m.end()
    yield pos, end


# a word every match of FOLLOW_UP holds, and one every match of _ASKED holds (one per alternative of
# each): a text without any of a pattern's words needs no search for it
_FOLLOW_UP_WORDS = ("report", "update", "information", "present", "findings", "results", "outcome", "meeting", "informed",
                    "advised")
_ASKED_WORDS = ("request", "asked", "sought", "back", "revert", "arranged", "brought", "reported", "again", "invited",
                "return", "meeting", "presented", "offered", "date", "chase", "awaited", "clarification", "alongside")
_ASK_WORDS = tuple(dict.fromkeys(_FOLLOW_UP_WORDS + _ASKED_WORDS))


def _may_ask(said: str) -> bool:
    """False when FOLLOW_UP and _ASKED certainly find nothing in `said` (it holds none of their words)."""
    return may_hold(said, _ASK_WORDS)


_FOLLOW_UP_LOW, _ASKED_LOW = lower_twin(FOLLOW_UP), lower_twin(_ASKED)


def _ask_in(said: str) -> re.Match | None:
    """FOLLOW_UP's match in `said`, else _ASKED's; each searched only where its words stand and
    its quicker lower-case twin matches."""
    low = lowered(said)
    if low is None:
        return FOLLOW_UP.search(said) or _ASKED.search(said)
    return (any_in(low, _FOLLOW_UP_WORDS) and _FOLLOW_UP_LOW.search(low) and FOLLOW_UP.search(said)) \
        or (any_in(low, _ASKED_WORDS) and _ASKED_LOW.search(low) and _ASKED.search(said)) or None


def asks(said: str) -> bool:
    """Do these words ask for something to come back?"""
    return bool(_ask_in(said) and not _NOT_ASKED.search(said))


def follow_ups_in(text: str, start: int, end: int, meeting_date: date | None) -> list[FollowUp]:
    """Every sentence of text[start:end] in which the committee asks for something to come back,
    and every action the minutes assign ("ACTION: Clerk to write to the owner", "... Action: JD")."""
    actions = _actions(text, start, end, meeting_date)
    if not _may_ask(text[start:end]):
        return actions
    out: list[FollowUp] = []
    shown = False  # has a sentence's match been found to stand in the item's text as well?
    for s, e in _sentences(text, start, end):
        said = text[s:e]
        if len(said.strip()) < 12:
            continue
        m = _ask_in(said)
        if m is None:
            continue
        shown = shown or m.re.match(text, s + m.start(), end) is not None
        if _NOT_ASKED.search(said) or _heading(said):
            continue
        due, precision = _due(said, meeting_date)
        while s < e and text[s] in " \t\n-•·":
            s += 1
        out.append(FollowUp(text=" ".join(said.split()), span=Span(s, e), due=due, due_precision=precision))
    if not out and all(a.span.start <= b.span.start for a, b in zip(actions, actions[1:])):
        return actions
    # only an item whose text asks for something (searched whole, unless a sentence's match showed it) has follow-ups
    if not shown and not (FOLLOW_UP.search(text, start, end) or _ASKED.search(text, start, end)):
        return actions
    # a request the item resolved is the one the committee made: the discussion that led to it
    # ("It was asked that a further update be provided ...") is not another
    resolved = [f for f in out if _RESOLVED_CLAUSE.search(f.text)]
    taken = resolved or out
    return sorted(taken + [a for a in actions if not any(a.span.start < f.span.end and f.span.start < a.span.end for f in taken)],
                  key=lambda f: f.span.start)


# "ACTION: Clerk to write to the owner", "Action – JD", "ACTION POINT: ..."; after a colon or dash
_ACTION = re.compile(r"(?:^|(?<=[.\s]))(?:\*\*)?(?:ACTION(?:\s+POINTS?)?|Action(?:\s+[Pp]oints?)?)(?:\*\*)?[ \t]*[:–—-][ \t]*(?P<what>[^\n]+)",
                     re.MULTILINE)


def _actions(text: str, start: int, end: int, meeting_date: date | None) -> list[FollowUp]:
    """The actions an item assigns: the words after the mark, or (when the mark names only who is
    to act: "ACTION: JD") the sentence before it."""
    out: list[FollowUp] = []
    if text.find("ACTION", start, end) < 0 and text.find("Action", start, end) < 0:
        return out  # every mark holds one of the two
    for m in _ACTION.finditer(text, start, end):
        s, e = m.start("what"), m.end("what")
        what = text[s:e].strip(" *")
        if len(re.findall(r"[a-z]{2,}", what)) < 2:  # only initials or a name: the task is the sentence before
            prev = [(a, b) for a, b in _sentences(text, start, m.start()) if text[a:b].strip()]
            if not prev:
                continue
            s, e = prev[-1]
            while s < e and text[s] in " \t\n-•·":
                s += 1
            what = text[s:e]
            if _ACTION.match(what):
                continue  # "ACTION: Clerk to write." then "ACTION: JD": one task
        if len(what.strip()) < 8:
            continue
        due, precision = _due(what, meeting_date)
        out.append(FollowUp(text=" ".join(what.split()), span=Span(s, e), due=due, due_precision=precision))
    return out


def _due(said: str, meeting_date: date | None) -> tuple[date | None, str | None]:
    from kg.segment import due_date  # noqa: PLC0415 ("in March 2024", "in 6 months' time")

    found = [d for d, _, _ in dates_in(said) if meeting_date is None or d > meeting_date]
    if found:
        return found[0], "day"
    due, precision = due_date(said, meeting_date)
    if precision in ("month", "relative"):
        return due, precision
    if meeting_date is not None:
        placed = year_for(dates_without_year(said, meeting_date.year), meeting_date)
        if placed:
            return placed, "day"
        m = re.search(rf"\b(?:in|at|for|by|until|to)\s+(?:the\s+)?(?P<m>{MONTH})\b(?!\s+\d)", said)
        if m:
            placed = year_for(dates_without_year(f"1 {m.group('m')}", meeting_date.year), meeting_date)
            if placed:
                return placed.replace(day=1), "month"
    return None, None


_NEXT = re.compile(r"(?P<label>date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+(?:\w+\s+){0,2}?meeting|^[ \t]*(?:\d{1,4}\.?\s+)?next\s+meeting)"
                   r"|next\s+(?:[\w&,'’-]+\s+){0,6}?meeting"
                   r"(?:[^\n.]{0,80}?(?:will\s+be|is|was|would\s+be|to\s+be|shall\s+be|be|has\s+been)\s+(?:held\s+|scheduled\s+|arranged\s+)?"
                   r"(?:for\s+|on\s+)?|\s*[:\-–—]+\s*|\s+(?:is\s*:?\s*)?|\s+on\s+)", re.IGNORECASE | re.MULTILINE)
_NEXT_NEAR = Cues(re.compile("next"), 12)  # "date and time of the next", anywhere ("update of the next meeting")


def next_meeting_in(text: str, start: int, end: int, meeting_date: date | None) -> tuple[date, int] | None:
    """The date the minutes announce for the next meeting, and where it is said: a "Date of next
    meeting" label before a sentence that names a next meeting ("Next meeting of the Business
    Forum 8th July" is another body's)."""
    found: list[tuple[int, date, int]] = []
    for m in finditer_near(_NEXT, text, start, end, _NEXT_NEAR):
        window = text[m.end():min(end, m.end() + 120)].split("\n\n")[0]
        when = _date_after(window, meeting_date)
        if when is not None:
            found.append((0 if m.group("label") else 1, when, m.start()))
    if not found:
        return None
    _, when, at = min(found, key=lambda f: (f[0], f[2]))
    return when, at


def _date_after(window: str, meeting_date: date | None) -> date | None:
    full = dates_in(window)
    if full and (meeting_date is None or full[0][0] > meeting_date):
        return full[0][0]
    if meeting_date is not None and not full:
        return year_for(dates_without_year(window[:40], meeting_date.year), meeting_date)
    return None
