"""Text → meetings: the header, attendance, minute-numbered items, RESOLVED clauses, the
reports put to the meeting and the date of the next one. Every record keeps its span.

Minutes come in many shapes. This module works on a *masked* copy of the text, the same
length as the original, in which page numbers, markdown markup and web-page clutter are
blanked out with spaces: so a span found in the masked copy is a span of the source.

The shapes it knows, recognised from the content:
- "Minutes of a meeting of <committee> held at <venue> on <date>." followed by PRESENT,
  "In Attendance", apologies, and items numbered "26." before their title (on the same line
  or one of its own, as pdftotext leaves it) or not at all;
- an agenda pack: "<COMMITTEE> – <DATE>" headings, each over one report for that meeting
  ("REPORT OF THE DIRECTOR OF ...", "Officer(s) to Contact"), possibly after the previous
  meeting's minutes;
- ModernGov web-page text: a "No. | Item |" table, one row per item, "Minutes:" before
  each item's text, no date or minute numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.names import HONORIFICS, RANK_PATTERN, parse_person
from extractors.vocab import load_jsonl, words
from kg.models import (AgendaItem, Attendance, Declaration, Document, FollowUp, Meeting,
                       PersonRef, PublicQuestion, Report, Resolution, Span)
from kg.textutil import (DATE_PATTERN, DATE_RE, MONTH_RE, MONTHS, find_dates, mask_pattern, parse_date,
                         parse_time, parse_time_range, squash, title_case)

# ---------------------------------------------------------------- shapes of lines

# police ranks ("Detective Chief Inspector Jane Smith") stand where an honorific would
HONORIFIC = rf"(?:{RANK_PATTERN}|Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|County Councillor|Sir|Dame|Prof|Professor|Rev|Revd|Lord|Lady)"
POSTNOMINAL = r"(?:CC|OBE|MBE|CBE|JP|DL|MP|KC|QC|BEM)"
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters with accents too: "Zoë", "Ó Súilleabháin"
# A surname ends where the word ends: never cut short ("Back\\slash" is no name, not "Mr Back").
_SURNAME = rf"[{_UPPER}][{_UPPER}{_LOWER}'’\-]+(?:-[{_UPPER}][{_UPPER}{_LOWER}'’]+)?(?![\w\\])"
# Words that start what follows a name, never a forename or a surname: "Ms Jane Smith Head of
# Service" is Ms Jane Smith, "Mrs A. Cole Mr B. Dale" two people.
_NOT_NAME = (rf"(?!(?:{HONORIFIC}|{POSTNOMINAL}|Director|Head|Manager|Officer|Lead|Chief|Assistant|Deputy|"
             r"Cabinet|Member|Chair|Chairman|Chairperson|Vice|Executive|Service|Services|Team|Council|County|"
             r"City|Borough|District|Police|Trust|Senior|Principal|Interim|Acting|Strategic|Corporate|"
             r"Leader|Clerk|Secretary|Commissioner|The|And|For|Of|On|In|At|To|From)\b)")
# A courtesy title may follow a councillor's: "Councillor Mrs P. Okafor", "Cllr Dr A. Shah".
COURTESY = "(?:" + "|".join(sorted({h.capitalize() for h, c in HONORIFICS.items() if c != "Cllr"},
                                    key=lambda h: (-len(h), h))) + ")"
# Forenames are greedy (the whole of "Ms Jane Mary Smith"), on one line, and stop at a word above.
PERSON = (rf"{HONORIFIC}\.?(?:(?:(?<=Councillor)|(?<=Cllr)|(?<=Cllr\.))\s+{COURTESY}\.?(?=\s))?"
          rf"(?:\s+[{_UPPER}]\.?(?=[\s.])|[ ]{_NOT_NAME}[{_UPPER}][{_LOWER}]+(?![\w\\]))*\s+"
          rf"(?:(?:Mc|Mac|O'|O’|De|Van|Von|St\.?)\s?)?{_NOT_NAME}{_SURNAME}"
          rf"(?:\s+{POSTNOMINAL}\b\.?)*")
PERSON_RE = re.compile(PERSON)
PERSON_LINE = re.compile(rf"^\s*(?:[-*•]\s*)?({PERSON})\s*(\((?:in the )?chair(?:man)?\)|\(.*?\))?[\s.,;]*$", re.IGNORECASE | 0)
CHAIR_MARK = re.compile(r"\(\s*in\s+the\s+chair\s*\)|\(\s*(?:chair(?:man|person)?|conven[eo]r)\s*\)", re.IGNORECASE)
# A minute number: "26.", "Minute 26", a committee's code before it ("CAB.23") or a year after
# or before it ("45/23", "23/45"); the whole reference is the item's number as written.
_MINUTE_REF = r"(?:Minute\s+)?(?P<ref>(?P<code>[A-Z]{2,6}[./\-])?(?P<n>\d{1,4})(?P<year>/\d{1,4})?)"
NUMBER_LINE = re.compile(rf"^[ \t]*{_MINUTE_REF}(?P<stop>[.)])?[ \t]*$", re.MULTILINE)
NUMBER_TITLE = re.compile(rf"^[ \t]*{_MINUTE_REF}(?P<stop>[.)])?[ \t]+(?P<title>\S.*)$", re.MULTILINE)
PAGE_NUMBER = re.compile(r"^[ \t]*(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?[ \t]*$|^[ \t]*\d{1,3}[ \t]+Agenda Item[ \t]+\d+[ \t]*$"
                         r"|^[ \t]*This page is intentionally left blank[ \t]*$", re.MULTILINE | re.IGNORECASE)
MARKDOWN = re.compile(r"\*\*|__|^[ \t]*#{1,6}[ \t]|^[ \t]*[-*+][ \t]+(?=\(?[a-z0-9]{1,4}\))|^[ \t]*>[ \t]?"
                      r"|\[insert link\]|<https?://[^>\s]+>", re.MULTILINE)
ATTENDANCE_HEADING = re.compile(r"^\s*(?:PRESENT|Present|Members present|(?:Also\s+)?In\s+Attendance|Also\s+present|"
                                r"Apologies(?:\s+for\s+absence)?|Substitutes?)\s*[.:]?\s*$", re.IGNORECASE)

MINUTES_HEADER = re.compile(
    r"minutes\s+of\s+(?:a|the)\s+(?:meeting|proceedings)\s+of\s+(?:the\s+)?(?P<committee>[A-Z][^\n]*?(?:\n[^\n]*?){0,2}?)"
    r"\s+held\s+(?P<rest>(?:[^\n]*\n?){1,3})",
    re.IGNORECASE)
REPORT_HEAD = re.compile(
    rf"^[ \t]*(?P<committee>[A-Z][A-Z ,&'’\-]{{5,150}}?(?:[ \t]*\n\s*(?:[A-Z][A-Z ,&'’\-]{{0,80}}?)?)?"
    rf"(?:COMMITTEE|CABINET|COMMISSION|BOARD|PANEL|COUNCIL|FORUM))"
    rf"[ \t]*(?:[–—:\-]|\s)\s*(?P<date>\d{{1,2}}(?:ST|ND|RD|TH)?\s+{MONTH_RE.upper()}\s*\n?\s*\n?\s*\d{{4}})",
    re.MULTILINE)
CONTACT_HEAD = re.compile(r"^[ \t]*(?:Officers?\s*(?:\(s\))?|Contact Officers?|Background papers)[ \t]+to[ \t]+[Cc]ontact[ \t:]*$"
                          r"|^[ \t]*(?:Contact Officers?|Officers?\s*\(s\)\s*to\s+contact)[ \t:]*$", re.MULTILINE | re.IGNORECASE)
WEB_TABLE = re.compile(r"^\s*\|?\s*No\.?\s*\|\s*Item\s*\|", re.MULTILINE | re.IGNORECASE)  # "| No. | Item |" in markdown
WEB_CLUTTER = re.compile(r"\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b|\bAdditional documents:"
                         r"|^\s*-{2,}\s*\|\s*-{2,}\s*\|\s*$|(?<!Item )\|\s*$|^[ \t]*Supporting\s+documents?:[^\n|]*", re.MULTILINE | re.IGNORECASE)
RESOLVED = re.compile(r"(?:^|(?<=[\s:>*]))(?:It\s+was\s+(?:further\s+|also\s+)?)?(?:RESOLVED|Resolved|resolved)\b(?:\s*(?:[:\-–—]|(?:that|That|THAT)\b)|\s*$)"
                      r"|^[ \t]*(?:DECISIONS?|Decisions?|AGREED|Agreed)\s*[:\-–—]|^[ \t]*DECISIONS?[ \t]*$", re.MULTILINE)
# "The Committee AGREED:-", "The Board DECIDED that": found apart from RESOLVED, by its first word, so
# that `re` can skip to each "The" (a leading look-behind would make it try every character)
BODY_DECIDED = re.compile(r"The\s+(?:Committee|Sub-Committee|Board|Panel|Cabinet|Council|Executive)\s+(?:AGREED|DECIDED)\b"
                          r"(?:\s*(?::-?|[\-–—]|(?:that|That|THAT|to)\b))?")
NEXT_MEETING = re.compile(
    rf"next\s+(?:ordinary\s+)?meeting\s+of\s+the\s+\w+(?:\s+\w+){{0,6}}?\s+(?:would|will|is|was|to|shall)\s+"
    rf"(?:be\s+held|take\s+place|scheduled\s+to\s+take\s+place|be)\s+on\s+{DATE_RE}"
    rf"|next\s+meeting\s*(?:will\s+be|is)?\s*(?:held\s+)?on\s+{DATE_RE}"
    rf"|date\s+of\s+(?:the\s+)?next\s+meeting[:\s-]+{DATE_RE}", re.IGNORECASE)
PREVIOUS_MINUTES = re.compile(rf"minutes\s+of\s+the\s+(?:last\s+)?meeting\s+(?:of\s+the\s+\w+(?:\s+\w+){{0,6}}?\s+)?held\s+on\s+{DATE_RE}",
                              re.IGNORECASE)
FOOTER_LINE = re.compile(rf"^\s*(?:CHAIR(?:MAN|PERSON)?|Chair(?:man|person)?|Times?\s+Not\s+Specified|Signed:?.*|"
                         rf"{DATE_RE}|\d{{1,2}}[.:]\d{{2}}\s*(?:am|pm)?\s*(?:–|—|-|to)\s*\d{{1,2}}[.:]\d{{2}}\s*(?:am|pm)?(?:\s+CHAIR(?:MAN)?)?"
                         rf"|The meeting (?:closed|ended|finished) at .*)\s*$", re.IGNORECASE)
REPORT_MENTION = re.compile(
    r"\b(?:considered|received|noted|had\s+before\s+it|gave\s+consideration\s+to|there\s+(?:was|were)\s+submitted)\s+(?:a|an|the)\s+"
    r"(?P<joint>joint\s+)?(?P<kind>report|presentation|update)\s+(?:of|from|by)\s+(?:the\s+)?(?P<authors>.+?)"
    r"(?=\s+(?:which|on|providing|that|setting|regarding|concerning|about|in\s+relation|to\s+\w+|presenting|outlining|seeking|giving|highlighting|informing|updating|detailing|summarising|explaining)\b|[,.(]|\s*$)",
    re.IGNORECASE | re.DOTALL)
REPORT_NOAUTHOR = re.compile(
    r"\b(?:considered|received|noted)\s+the\s+(?P<title>[A-Z][^.]{5,200}?\b(?:Report|Plan|Strategy|Review|Update|Presentation))\b",
    re.DOTALL)
COPY_OF_REPORT = re.compile(r"(?:copy\s+of\s+the\s+(?:report|presentation)|(?:report|presentation)[^.]{0,40}?)\s+marked\s+['‘’\"]?(Agenda\s+Item\s+\d+)",
                            re.IGNORECASE)
POST_HEAD = re.compile(
    r"^(?:the\s+)?(?:Director|Chief|Head|Assistant|Deputy|Lead|Cabinet|County|Leader|Monitoring|Strategic|Service|"
    r"Corporate|Executive|Interim|Acting|Principal|Senior|Independent|Treasurer|Clerk|Solicitor|Manager|Cabinet|"
    r"Children|Council)\b", re.IGNORECASE)
FOLLOW_UP = re.compile(
    r"\b(?:further|progress|update|updated|follow[- ]up|final)\s+(?:report|update|information|presentation)s?\b"
    r"|\b(?:report|update|updates|findings|results|outcome|outcomes)\b[^.;]{0,150}?\b(?:be|would\s+be|will\s+be|to\s+be|should\s+be)\s+"
    r"(?:presented|submitted|provided|brought|reported|given|considered|shared)\s+(?:back\s+)?(?:to|at|in)\b"
    r"|\b(?:receive|be\s+presented\s+with)\s+a\s+(?:further\s+)?(?:report|update)\b"
    r"|\bbe\s+invited\s+to\s+(?:attend|a)\s+(?:a\s+)?future\s+meeting"
    r"|\b(?:reported|presented|brought)\s+(?:back\s+)?to\s+a\s+future\s+meeting"
    r"|\bin\s+a\s+future\s+report\b|\breport\s+back\s+(?:on|to)\b"
    r"|\b(?:asks?|asked|requests?|requested)\s+(?:for\s+)?(?:a|an)\s+(?:further\s+)?(?:update|report)\b"
    r"|\b(?:Committee|Members|members)\s+(?:would|will)\s+be\s+(?:informed|updated|advised|kept\s+informed)\s+(?:of|on|about)\b"
    r"|\b(?:future|later|next)\s+meeting\s+of\s+the\s+(?:Committee|Commission|Panel|Board)",
    re.IGNORECASE)
FOLLOW_UP_CONTEXT = re.compile(
    r"future|further|update|come back|report(?:ed)? (?:back )?to|presented to|informed of|in \w+ 20\d\d|months?['’]? time",
    re.IGNORECASE)
CLAUSE_MARK = re.compile(r"(?:^|(?<=[\s;:.]))(?:-\s+)?(?:\(?(?P<label>[a-z]|[ivx]{1,5}|\d{1,2})\)\.?|^[ \t]*(?P<dot>\d{1,2})\.)(?=\s)",
                         re.MULTILINE)
# "Mr A. Bell asked the following question:", "Question by Mrs Jane Moss:"
QUESTION_HEAD = re.compile(
    rf"^[ \t]*(?:\((?P<letter>[A-Z])\)\s*)?(?P<by>Questions?\s+(?:by|from|submitted\s+by)\s+)?(?P<asker>{PERSON})"
    rf"(?(by)\s*:|\s+asked\s+the\s+following\s+question)", re.MULTILINE)
SUPPLEMENTARY = re.compile(r"^[ \t]*Supplementary\s+Questions?\s*:?\s*$", re.MULTILINE | re.IGNORECASE)
# "The Chairman replied as follows:", "Reply by the Chairman:"
REPLY = re.compile(rf"^[ \t]*(?P<by>(?:Reply|Response|Answer)\s+(?:by|from)\s+)?(?P<who>{PERSON}|[Tt]he\s+Chairman|[Tt]he\s+Chair)"
                   rf"(?(by)\s*:|\s+replied(?:\s+as\s+follows)?\s*:)", re.MULTILINE)
ANSWERED_BY_POST = re.compile(r"(?:the\s+)(?P<post>(?:Director|Lead Member|Chief Executive|Assistant Director|Head of)[^,.;]{0,60}?)\s+replied",
                              re.IGNORECASE)
DECLARATION = re.compile(
    rf"(?P<who>{PERSON})\s+declared\s+an?\s+(?P<kind>(?:personal|prejudicial|pecuniary|disclosable\s+pecuniary|other\s+registrable|non-registrable|non-pecuniary|non-prejudicial|significant|private|registrable)?(?:\s+and\s+\w+)?)\s*interest",
    re.IGNORECASE)
_DECLARED = re.compile(r"declared", re.IGNORECASE)
# where a declaration names what the interest is in: after "as a governor of", "because she works
# for", or right after "an interest in" when a name follows; not the item it is declared on
# ("in the report on the Ofsted inspection")
INTEREST_IN = re.compile(r"\binterest\b[\s\S]*?(?:\b(?:as|being|since|because)\b|\b(?:trustee|governor|employee|volunteer|"
                         r"director|patron|works?|worked|employed)\b(?:\s+(?:of|with|at|for|by))?)"
                         r"|\binterest\s+in\s+(?:the\s+)?(?=[A-Z])")



@dataclass
class _Line:
    start: int
    end: int
    text: str  # from the masked copy

    @property
    def blank(self) -> bool:
        return not self.text.strip()


# ---------------------------------------------------------------- entry point

def segment(doc: Document) -> list[Meeting]:
    """Every meeting a document holds: minutes, and the meetings an agenda pack's reports are for."""
    text = clean_view(doc.text, doc.fmt)
    blocks = _blocks(text)
    meetings: list[Meeting] = []
    for kind, start, end, head in blocks:
        if kind == "minutes":
            meetings.append(_minutes(text, start, end, head))
        elif kind == "web":
            meetings.append(_web_minutes(text, start, end, doc.text))
    reports = [b for b in blocks if b[0] in ("report", "form")]
    if reports:
        meetings.extend(_agenda_meetings(text, reports))
    if not meetings:
        m = Meeting(span=Span(0, len(text)))
        m.warnings.append("no meeting found: no 'Minutes of a meeting of ...' heading, no numbered items "
                          "and no agenda report headings")
        meetings.append(m)
    for m in meetings:
        if m.date is None:
            m.warnings.append("no meeting date found in the document; the meeting is left undated")
        if m.committee is None:
            m.warnings.append("no committee name found; the meeting is not linked to a committee")
    return meetings


def clean_view(text: str, fmt: str = "text") -> str:
    """The masked copy: same length, page numbers, markdown markup and web clutter blanked."""
    text = mask_pattern(text, PAGE_NUMBER)
    text = mask_pattern(text, MARKDOWN)
    if WEB_TABLE.search(text) or fmt == "html":
        text = mask_pattern(text, WEB_CLUTTER)
    return text


def _lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _blocks(text: str) -> list[tuple[str, int, int, re.Match | None]]:
    """Cut the document into minutes blocks and report blocks, in order."""
    starts: list[tuple[int, str, re.Match | None]] = []
    for m in MINUTES_HEADER.finditer(text):
        starts.append((m.start(), "minutes", m))
    for m in REPORT_HEAD.finditer(text):
        # a report heading is followed, within a few lines, by the report's title and "REPORT OF"
        window = text[m.end():m.end() + 600]
        if re.search(r"\bREPORT\b", window) or re.search(r"\bPurpose\b", window, re.IGNORECASE):
            starts.append((m.start(), "report", m))
    for m in FORM_REPORT.finditer(text):
        head = _FormHead.read(text, m)
        if head is not None:
            starts.append((head.start, "form", head))
    if not starts:  # two or more "<Committee>" / "Minutes of the meeting held on ..." headings: a meeting each
        held = [h for h in (_held_heading(text, m) for m in HELD_LINE.finditer(text)) if h is not None]
        starts.extend((h, "minutes", None) for h in (held if len(held) > 1 else []))
    starts.sort(key=lambda s: s[0])
    if not starts:
        if WEB_TABLE.search(text) or re.search(r"\bMinutes:\s", text):
            return [("web", 0, len(text), None)]
        if sum(1 for m in NUMBER_TITLE.finditer(text) if _marked(m)) + len(NUMBER_LINE.findall(text)) >= 2:
            return [("minutes", 0, len(text), None)]
        return []
    out = []
    for i, (pos, kind, m) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append((kind, pos, end, m))
    # text before the first heading that holds numbered items belongs to an unheaded minutes block
    return out


# ---------------------------------------------------------------- minutes

def _minutes(text: str, start: int, end: int, head: re.Match | None) -> Meeting:
    meeting = Meeting(span=Span(start, end))
    body_start = start
    contacts: list[PersonRef] = []
    if head is not None:
        meeting.committee = _committee_name(head.group("committee"))
        header = squash(text[head.start():head.end() + 200])
        rest = squash(head.group("rest"))
        meeting.date = parse_date(rest) or parse_date(header)
        venue = re.match(r"(?:at|in)\s+(.+?)(?:,?\s+on\s+|\s*,?\s*(?:\d{1,2}\s+" + MONTH_RE + r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))",
                         rest, re.IGNORECASE)
        if venue:
            meeting.venue = venue.group(1).strip(" ,.")
        else:
            v = re.search(r"\b(?:at|in|AT|IN)\s+((?:the\s+|THE\s+)?[A-Z][^.]+?)(?:\s+(?:at|AT)\s+\d|\.|$)",
                          rest[rest.find(str(meeting.date.year)) if meeting.date else 0:])
            if v:
                meeting.venue = v.group(1).strip(" ,.")
                meeting.venue = title_case(meeting.venue) if meeting.venue.isupper() else meeting.venue
        body_start = head.end() - len(head.group("rest")) + _header_length(head.group("rest"))
    else:
        contacts = _headless_header(text, start, end, meeting)
    end = _minutes_end(text, body_start, end)
    meeting.span = Span(start, end)
    footer = _footer_start(text, body_start, end)
    times = parse_time_range(text[footer:end]) if footer < end else None
    if times is None:
        times = _times_in(text[start:end])
    if times:
        meeting.start_time, meeting.end_time = times
    items_end = footer
    chain = _item_chain(text, body_start, items_end)
    first_title = chain[0][2] if chain else items_end
    meeting.attendance = _attendance(text, body_start, first_title, chain)
    meeting.attendance.contacts = contacts
    meeting.items = _items(text, chain, items_end)
    _finish(meeting, text)
    if head is not None and end - start > 0 and not meeting.items:
        meeting.warnings.append("minutes heading found but no minute-numbered items")
    _warn_truncated(meeting, text, items_end)
    return meeting


def _header_length(rest: str) -> int:
    """The header sentence ends at its first full stop after the date."""
    m = re.search(DATE_RE + r"[^\n.]*\.?", rest, re.IGNORECASE)
    return m.end() if m else len(rest.split("\n")[0])


def _committee_name(raw: str) -> str:
    name = squash(raw).strip(" ,.")
    name = re.sub(r"^(?:the\s+)", "", name, flags=re.IGNORECASE)
    if name.isupper():
        name = title_case(name)
    return name


def _headless_header(text: str, start: int, end: int, meeting: Meeting) -> list[PersonRef]:
    """Minutes without a 'Minutes of a meeting of' sentence: take a venue line and a dated
    heading only where the text states them; never borrow a date from the body. Returns the
    page's contact officers, for the attendance read later."""
    top = text[start:min(end, start + 1500)]
    v = re.search(r"^\s*Venue:\s*(.+?)\s*$", top, re.MULTILINE)
    if v:
        meeting.venue = squash(v.group(1))
    d = re.search(r"^\s*(?:Date(?: and time)?|Meeting date)\s*:\s*(.+)$", top, re.MULTILINE | re.IGNORECASE)
    if d:
        meeting.date = parse_date(d.group(1))
        t = parse_time_range(d.group(1))
        if t:
            meeting.start_time, meeting.end_time = t
    c = re.search(r"^\s*(?:Committee|Meeting)\s*:\s*(.+)$", top, re.MULTILINE | re.IGNORECASE)
    if c:
        meeting.committee = _committee_name(c.group(1))
    _page_title(top[:_header_end(top)], meeting)
    return _contact_people(top, start)


_COMMITTEE_HEAD = r"(?:Committee|Sub-Committee|Board|Panel|Cabinet|Forum|Commission|Executive)"
# a web page's heading: "Minutes of Adult Social Care Scrutiny Committee", "Cabinet - Tuesday,
# 14th November, 2023 7.00 pm" (ModernGov's titles), a date and time on a line of its own
_COMMITTEE_NAME = rf"(?:[A-Z][^\n|:.;]{{0,100}}?\b)?(?i:{_COMMITTEE_HEAD})"
TITLE_LINE = re.compile(
    rf"^[ \t]*(?P<minutes>Minutes\s+of\s+(?:the\s+)?(?:meeting\s+of\s+(?:the\s+)?)?)?"
    rf"(?P<committee>{_COMMITTEE_NAME})"
    rf"(?:[ \t]*(?:,|–|—|[ \t]-)[ \t]*(?P<rest>[^\n]*))?[ \t]*$", re.MULTILINE)
DATE_LINE = re.compile(rf"^[ \t]*{DATE_RE}(?:,?[ \t]+(?:at[ \t]+)?\d{{1,2}}(?:[.:]\d{{2}})?[ \t]*(?:am|pm|a\.m\.|p\.m\.)"
                       rf"(?:[ \t]*(?:–|—|-|to)[ \t]*\d{{1,2}}(?:[.:]\d{{2}})?[ \t]*(?:am|pm|a\.m\.|p\.m\.)?)?)?[ \t]*$",
                       re.MULTILINE | re.IGNORECASE)
HELD_LINE = re.compile(r"^[ \t]*Minutes?\s+of\s+(?:(?:the|a)\s+)?(?:[Mm]eeting|proceedings)\s+held\s+(?P<rest>[^\n]*(?:\n[^\n]+){0,2})",
                       re.MULTILINE | re.IGNORECASE)
COMMITTEE_LINE = re.compile(rf"^[ \t]*(?:the\s+)?(?P<committee>{_COMMITTEE_NAME})[ \t]*$")
_HEADER_END = re.compile(r"^[ \t]*(?:Present|Attendance|Apologies|Members|Councillors|Items?|No\.?[ \t]*\|)\b"
                         r"|^[ \t]*\d{1,4}\.?[ \t]*(?:\||[A-Z])", re.MULTILINE | re.IGNORECASE)


def _line_above(text: str, pos: int) -> tuple[int, str]:
    """The last non-blank line before the line that starts at `pos`: its start and text."""
    end = pos - 1  # the line break that ends the line above
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, text[start:end]
        end = start - 1  # a blank line: the one above it
    return 0, ""


def _held_heading(text: str, held: re.Match) -> int | None:
    """Where the headings of a "Minutes of the meeting held on ..." line start: the committee's
    right above it, and the council's above that if there is one."""
    start, line = _line_above(text, held.start())
    if not line.strip() or not COMMITTEE_LINE.match(line):
        return None
    council_start, council = _line_above(text, start)
    if re.fullmatch(r"[ \t]*[A-Z][\w'’ ,&-]{0,80}\b(?:Council|COUNCIL)[ \t]*", council):
        return council_start
    return start


def _header_end(top: str) -> int:
    """Where a page's heading lines end: at its attendance or its first item."""
    m = _HEADER_END.search(top)
    return m.start() if m else len(top)


def _page_title(head: str, meeting: Meeting) -> None:
    """The committee and date a web page's heading states, where no labelled line gave them.
    A committee is taken from "Minutes of ..." or from a heading that also carries the date."""
    for m in TITLE_LINE.finditer(head):
        if len(m.group("committee").split()) > 12:
            continue
        when = parse_date(m.group("rest") or "")
        if meeting.committee is None and (m.group("minutes") or when):
            meeting.committee = _committee_name(m.group("committee"))
        if meeting.date is None and when:
            meeting.date = when
            _page_times(m.group("rest"), meeting)
    held = HELD_LINE.search(head)
    if held:  # "Children's Services Scrutiny Board" / "Minutes of the meeting held on 9 February 2023 at ..."
        rest = squash(held.group("rest"))
        named = COMMITTEE_LINE.match(_line_above(head, held.start())[1])
        if meeting.committee is None and named:
            meeting.committee = _committee_name(named.group("committee"))
        if meeting.date is None and parse_date(rest):
            meeting.date = parse_date(rest)
            _page_times(rest, meeting)
        where = re.search(r"\b(?:in|at)\s+((?:the\s+)?[A-Z][^;]*?)(?:,?\s+on\b|,?\s+at\s+\d|\s*\.?\s*$)",
                          DATE_PATTERN.sub("", rest))
        if meeting.venue is None and where:
            meeting.venue = where.group(1)
    held_at = re.search(r"^[ \t]*Held\s+(?:at|in)\s+(?P<venue>[^\n]+?)(?:,?\s+(?:at|on|from)\s+(?:\d|[A-Z][a-z]+day)[^\n]*)?[ \t]*\.?[ \t]*$",
                        head, re.MULTILINE)
    if meeting.venue is None and held_at:  # "Held at the Civic Offices, Marlow Road, at 6.00pm."
        meeting.venue = held_at.group("venue").strip(" ,")
    d = DATE_LINE.search(head)
    if d and meeting.date is None:
        meeting.date = parse_date(d.group(0))
        _page_times(d.group(0), meeting)
    if d and meeting.committee is None:  # "Planning Committee" / "Tuesday, 14th November, 2023 7.00 pm"
        _, line = _line_above(head, d.start())
        named = COMMITTEE_LINE.match(line)
        if named and len(named.group("committee").split()) <= 12:
            meeting.committee = _committee_name(named.group("committee"))


def _page_times(line: str, meeting: Meeting) -> None:
    t = parse_time_range(line)
    if t:
        meeting.start_time, meeting.end_time = t
    elif meeting.start_time is None:
        at = re.search(r"\b(\d{1,2}(?:[.:]\d{2})?[ \t]*(?:am|pm|a\.m\.|p\.m\.))", line, re.IGNORECASE)
        meeting.start_time = parse_time(at.group(1)) if at else None


CONTACT_LINE = re.compile(r"^[ \t]*Contacts?(?:[ \t]+officers?)?[ \t]*:[ \t]*([^\n]+)$", re.MULTILINE | re.IGNORECASE)
_CONTACT_CUT = re.compile(r"\(|\d|,|;|\b(?:Tel|Telephone|Phone|E-?mail|Ext)\b|@", re.IGNORECASE)
_NOT_A_CONTACT = re.compile(r"\b(?:Services?|Team|Unit|Office|Officers?|Department|Support|Democratic|Committee|"
                            r"Clerk|Section|Governance|Enquiries|Council)\b", re.IGNORECASE)


def _contact_people(top: str, offset: int) -> list[PersonRef]:
    """The officer a web page names as its contact ("Contact: Miss. F. Gall (0116 ...) Email:
    ..."): the name only; the phone number and email after it are never kept."""
    found = []
    for m in CONTACT_LINE.finditer(top):
        cut = _CONTACT_CUT.search(m.group(1))
        name = m.group(1)[:cut.start() if cut else None].rstrip(" \t.-:")
        parsed = parse_person(name)
        if parsed is None or not (parsed.honorific or parsed.given) or (
                not parsed.honorific and _NOT_A_CONTACT.search(name)):
            continue
        found.append(PersonRef(name, Span(offset + m.start(1), offset + m.start(1) + len(name)), role="officer"))
    return found


def _minutes_end(text: str, start: int, end: int) -> int:
    """Minutes close with the chairman's signature line; what follows (an agenda pack's
    reports, appendices) is not part of them."""
    sign = re.compile(r"^[^\n]*\bCHAIR(?:MAN|PERSON)?[ \t]*$", re.MULTILINE).search(text, start, end)
    if not sign:
        return end
    stop = sign.end()
    for ln in _lines(text, stop + 1, end)[:4]:
        if ln.blank:
            continue
        if FOOTER_LINE.match(ln.text):
            stop = ln.end
        else:
            break
    return stop


def _footer_start(text: str, start: int, end: int) -> int:
    """Where the closing lines begin: the sitting's times, the date, 'CHAIRMAN'."""
    lines = [ln for ln in _lines(text, start, end) if not ln.blank]
    cut = end
    for ln in reversed(lines[-8:]):
        if FOOTER_LINE.match(ln.text):
            cut = ln.start
        else:
            break
    return cut


_CLOCK = r"(?P<clock>\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))"
TIME_LINE = re.compile(r"^[ \t]*(?:Time:?[ \t]*)?\d{1,2}(?:[.:]\d{2})?[ \t]*(?:am|pm)?[ \t]*(?:–|—|-|to)[ \t]*"
                       r"\d{1,2}(?:[.:]\d{2})?[ \t]*(?:am|pm)[ \t]*$", re.MULTILINE | re.IGNORECASE)
STARTED_AT = re.compile(rf"\b(?:held|commencing|starting|commenced|started|began)\b[^.\n]{{0,150}}?\bat\s+{_CLOCK}", re.IGNORECASE)
CLOSED_AT = re.compile(rf"\bmeeting\s+(?:closed|ended|finished|concluded|terminated|rose)\s+at\s+{_CLOCK}", re.IGNORECASE)


def _times_in(text: str):
    """A sitting's times: "The meeting commenced at ...", a line of its own ("7.00 pm - 9.15 pm")
    near the top, or the time in the heading with "The meeting closed at ..." at the end."""
    m = re.search(r"(?:meeting\s+(?:commenced|started|began)\s+at|time\s+of\s+meeting:?)", text, re.IGNORECASE)
    if m:
        found = parse_time_range(text[m.start():m.start() + 200])
        if found:
            return found
    line = TIME_LINE.search(text, 0, 1500)
    if line:
        return parse_time_range(line.group(0))
    began, closed = STARTED_AT.search(text, 0, 1500), _closed_at(text, 0, len(text))
    if began and closed:
        start = parse_time(began.group("clock"))
        if start and start < closed:
            return start, closed
    return None


def _closed_at(text: str, start: int, end: int):
    """The time the last "The meeting closed at ..." between `start` and `end` gives, or None."""
    closed = None
    for closed in CLOSED_AT.finditer(text, start, end):
        pass
    return parse_time(closed.group("clock")) if closed else None


def _item_chain(text: str, start: int, end: int) -> list[tuple[str, int, int, int]]:
    """Minute numbers in sequence: (number, number-line start, title start, title end).

    Candidates are "26. Title" lines and "26." lines on their own; the longest run of
    increasing numbers (steps of 1 to 3) wins, so page numbers, paragraph numbers and a
    title's "Rule 16." do not start items."""
    cands = []
    for m in NUMBER_TITLE.finditer(text, start, end):
        title = m.group("title")
        # "1. That the report be noted." numbers a resolution's clause, not an item
        if _marked(m) and re.match(r"[A-Z‘'\"(]", title.strip()) and not re.match(r"That\b", title.strip()):
            cands.append((m, m.start(), m.start("title"), "inline"))
    for m in NUMBER_LINE.finditer(text, start, end):
        if _marked(m) or text[m.start():m.end()].strip().lower().startswith("minute"):
            cands.append((m, m.start(), m.end(), "alone"))
    cands.sort(key=lambda c: c[1])
    if not cands:
        return []
    # "45/23" counts by its first number, "23/45" by its second: whichever makes the longer run
    top = _longest_run([int(c[0].group("n")) for c in cands])
    if any(c[0].group("year") for c in cands):
        other = _longest_run([int(c[0].group("year")[1:] or 0) if c[0].group("year") else -9 for c in cands])
        if len(other) > len(top):
            top = other
    cands = [(c[0].group("ref") if c[0].group("code") or c[0].group("year") else str(int(c[0].group("n"))), *c[1:])
             for c in cands]
    if len(top) < 2 and not (len(top) == 1 and cands[top[0]][3] == "inline"):
        return []
    out = []
    for idx in top:
        n, pos, after, how = cands[idx]
        if how == "inline":
            t_start = after
            t_end = _title_end(text, t_start, end)
        else:
            t_start = _title_after_number(text, after, end)
            t_end = _title_end(text, t_start, end)
            before = _title_before_number(text, pos, out[-1][3] if out else start)
            if before and BODY_START.match(text[t_start:t_end]):
                t_start, t_end = before
                pos = t_start
        out.append((n, pos, t_start, t_end))
    return out


def _marked(m: re.Match) -> bool:
    """A number followed by a full stop or bracket, or a reference no date or sum looks like."""
    return bool(m.group("stop") or m.group("code") or m.group("year"))


def _longest_run(numbers: list[int]) -> list[int]:
    """Indices of the longest run of increasing numbers, in steps of 1 to 3."""
    length, parent = [0] * len(numbers), [-1] * len(numbers)
    best_by_value: dict[int, int] = {}  # value -> index of the longest run ending there so far
    for i, n in enumerate(numbers):
        length[i] = 1
        for step in (1, 2, 3):
            j = best_by_value.get(n - step)
            if j is not None and length[j] + 1 > length[i]:
                length[i], parent[i] = length[j] + 1, j
        if n not in best_by_value or length[i] > length[best_by_value[n]]:
            best_by_value[n] = i
    end_at = max(range(len(numbers)), key=lambda i: (length[i], -i))
    top = []
    while end_at != -1:
        top.append(end_at)
        end_at = parent[end_at]
    top.reverse()
    return top


# the first words of an item's text, never of its title: they show that pdftotext put the
# title above the minute number ("Question Time." / "20." / "The Chief Executive reported ...")
BODY_START = re.compile(
    r"\s*(?:The\s+(?:Committee|Chief\s+Executive|Chairman|Chair|Director|minutes|Cabinet|Lead\s+Member)\b|"
    r"There\s+(?:were|was|are|is|had)\b|It\s+was\b|Members\s+(?:were|noted|received|considered)|"
    r"No\s+(?:declarations|questions|petitions|urgent)\b|A\s+copy\b|In\s+response\b|Arising\b)")


def _title_before_number(text: str, pos: int, floor: int) -> tuple[int, int] | None:
    """A short paragraph just above a minute number, for layouts where the title comes first."""
    lines = [ln for ln in _lines(text, floor, pos) if not ln.blank]
    if not lines:
        return None
    run = [lines[-1]]
    for ln in reversed(lines[:-1]):
        if text[ln.end:run[0].start].count("\n") > 1 or len(run) == 3:
            break
        run.insert(0, ln)
    title = squash(" ".join(ln.text for ln in run))
    if len(title) > 250 or not re.match(r"[A-Z0-9‘'\"(]", title) or BODY_START.match(title):
        return None
    first = run[0]
    return first.start + len(first.text) - len(first.text.lstrip()), run[-1].start + len(run[-1].text.rstrip())


def _title_after_number(text: str, pos: int, end: int) -> int:
    """The title that a number on a line of its own belongs to: the next line that is not
    blank and not a name from an attendance list the number was stranded in."""
    for ln in _lines(text, pos, min(end, pos + 4000))[1:]:
        if ln.blank:
            continue
        if PERSON_LINE.match(ln.text) and re.search(rf"\b{POSTNOMINAL}\b|\(in the chair\)", ln.text, re.IGNORECASE):
            continue
        if ATTENDANCE_HEADING.match(ln.text) or re.match(rf"\s*{PERSON}\s*(?:–|—|-)\s*\S", ln.text):
            continue
        return ln.start + len(ln.text) - len(ln.text.lstrip())
    return end


def _title_end(text: str, t_start: int, end: int) -> int:
    """A title runs to its full stop, or over a wrapped line (one that filled the width)."""
    lines = _lines(text, t_start, min(end, t_start + 1200))
    stop = t_start
    for k, ln in enumerate(lines[:4]):
        if ln.blank:
            break
        s = ln.text.rstrip()
        stop = ln.start + len(s)
        if k == 0 and re.search(r"\s(?:Minutes|RESOLVED)\s*:", s):
            stop = ln.start + re.search(r"\s(?:Minutes|RESOLVED)\s*:", s).start()
            break
        if re.search(r"[.?:!]['’\"]?$", s) or len(s) < 55:
            break
        if k + 1 < len(lines) and re.match(r"\s*(?:The|There|It|A|An|Members|This|In|Mr|Mrs|Ms|Dr)\s", lines[k + 1].text) \
                and len(s) < 70:
            break
    return stop


def _attendance(text: str, start: int, end: int, chain) -> Attendance:
    att = Attendance()
    stranded = {c[1] for c in chain}
    section = None
    done_to = -1  # the end of an inline list ("Present: Councillors A, B and C.") already read
    for ln in _lines(text, start, end):
        if ln.blank or ln.start in stranded:
            continue
        s = ln.text.strip()
        low = s.lower().rstrip(".: ")
        if re.match(r"^(?:present|(?:members|councillors)\s+present|co-?opted\s+members?(?:\s+present)?)$", low):
            section = "present"
            continue
        if re.match(r"^(?:also\s+)?in\s+attendance$|^also\s+present$|^officers(?:\s+(?:present|in attendance))?$", low):
            section = "attendance"
            continue
        if re.match(r"^attendance(?:\s+(?:details|list|record))?$", low):
            section = "table"  # a table of names and roles: members present and officers in attendance
            continue
        inline = INLINE_ATTENDANCE.match(ln.text)
        if inline and ln.end > done_to:
            section = "present" if re.search(r"present|co-?opted", inline.group("head"), re.IGNORECASE) \
                and not re.match(r"also|officers", inline.group("head"), re.IGNORECASE) else "attendance"
            list_end = _paragraph_end(text, ln.start, end)
            done_to = list_end
            councillors = bool(re.match(r"\s*Councillors\b", inline.group("head"), re.IGNORECASE))
            for ref, chair in _listed_people(text, ln.start + inline.start("rest"), list_end, councillors):
                if section == "present":
                    if chair:
                        att.chair = ref
                    att.present.append(ref)
                else:
                    ref.role = "member" if re.match(r"(?:Councillor|Cllr)\b", ref.name) else "officer"
                    att.in_attendance.append(ref)
            section = None
            continue
        if ln.end <= done_to:
            continue
        if re.match(r"^apologies(?:\s+for\s+absence)?$", low):
            section = "apologies"
            continue
        if re.match(r"^(?:substitutes?|substitute members?)$", low):
            section = "substitutes"
            continue
        if low.startswith("apologies for absence were received from"):
            continue  # read by _body_attendance, with the sentence's continuation lines
        if low.startswith("apologies:"):
            att.apologies.extend(_people_in(text, ln.start, ln.end)
                                 or [ref for ref, _ in _listed_people(text, ln.start + ln.text.index(":") + 1, ln.end)])
            continue
        raw_cells = ln.text.strip().strip("|").split("|")
        if len(raw_cells) > 1 and re.fullmatch(r"\s*(?:Name|Members?|Councillors?|Attendees?)\s*", raw_cells[0], re.IGNORECASE) \
                and re.fullmatch(r"\s*(?:Role|Position|Capacity|Post|Title)\s*", raw_cells[1], re.IGNORECASE):
            section = "table"  # "| Councillor | Role |": the header of an attendance table
            continue
        if section is None:
            continue
        if len(raw_cells) > 1:  # a table row: "Councillor Ruth Ames | Chair |", "Paul Dent | Head of Planning |"
            found = _table_row(ln, raw_cells, section)
        elif re.match(r"\s*(?:Councillors|Cllrs)\b", ln.text):  # "Councillors Brown, Castellano and Evans"
            found = [(ref, chair, section) for ref, chair in _listed_people(text, ln.start, ln.end, councillors=True)]
        else:
            found = [(ref, chair, section) for ref, chair in _column_people(ln, section)]
        for ref, chair, section_here in found:
            if section_here == "present":
                if chair:
                    att.chair = ref
                att.present.append(ref)
            elif section_here == "attendance":
                ref.role = "member" if (re.search(rf"\b{POSTNOMINAL}\b", ref.name) and "CC" in ref.name) \
                    or re.match(r"(?:Councillor|Cllr)\b", ref.name) else "officer"
                att.in_attendance.append(ref)
            elif section_here == "apologies":
                att.apologies.append(ref)
            elif section_here == "substitutes":
                att.substitutes.append(ref)
    return att


def _table_row(ln: _Line, cells: list[str], section: str) -> list[tuple[PersonRef, bool, str]]:
    """The person of an attendance table's row, whether they chaired, and the section they
    belong to: in a table of names and roles ("table"), a councillor or a member's role is
    present, anyone else in attendance with the role as their post."""
    ref = _table_person(ln, cells)
    if ref is None:
        return []
    role = squash(cells[1])
    if section == "table":
        member = re.match(r"(?:Councillor|Cllr)\b", ref.name) or re.fullmatch(
            r"(?:(?:Vice[\s-]*)?Chair(?:man|person)?|(?:Committee\s+|Co-?opted\s+)?Member|Councillor|Substitute(?:\s+Member)?)",
            role, re.IGNORECASE)
        section = "present" if member else "attendance"
    if section == "attendance" and POST_WORD.search(role) and not ORG_TAIL.search(role):
        ref.post = role
    return [(ref, bool(re.fullmatch(r"Chair(?:man|person)?|in\s+the\s+chair", role, re.IGNORECASE)), section)]


def _column_people(ln: _Line, section: str) -> list[tuple[PersonRef, bool]]:
    """The people on a line of an attendance section, a column each ("Mrs A. Cole CC    Mr B. Dale
    CC"), whether each chaired; a column holding only a post is the post of the name before it."""
    found: list[tuple[PersonRef, bool]] = []
    for piece_start, piece in _split_columns(ln):
        ref = _person_with_post(piece, piece_start)
        if ref is None and section == "attendance":
            ref = _bare_person_with_post(piece, piece_start)
        if ref is not None and re.match(r"\s+[a-z]", piece[ref.span.end - piece_start:]):
            continue  # "Mr. E. Fox CC took the Chair for item 55.": a sentence, not the list
        if ref is not None:
            found.append((ref, bool(CHAIR_MARK.search(piece))))
        elif found and found[-1][0].post is None and POST_WORD.search(piece) and not ORG_TAIL.search(piece):
            found[-1][0].post = squash(piece).rstrip(".")  # "M. Kovac      Head of Housing Needs"
    return found


def _table_person(ln: _Line, cells: list[str]) -> PersonRef | None:
    """The person in the first cell of a table row, or None (a header row, "Name | Role")."""
    first = cells[0]
    body = ln.text.lstrip()
    offset = ln.start + len(ln.text) - len(body) + (1 if body.startswith("|") else 0) + len(first) - len(first.lstrip())
    piece = first.strip()
    ref = _person_with_post(piece, offset) if PERSON_RE.match(piece) else _bare_person_with_post(piece, offset)
    if ref is None or piece[ref.span.end - offset:].strip():
        return None  # more than a name in the cell
    return ref


# "Present: Councillors A (Chair), B and C." / "Officers: Jane Doe (Director of ...), ..." / "Councillors
# Present: Smith (Chairman), Jones": a heading and its list on one line, wrapping until a blank line
INLINE_ATTENDANCE = re.compile(
    r"^\s*(?P<head>(?:(?:Members|Councillors)\s+)?Present|Co-?opted\s+Members?(?:\s+present)?|Also\s+present|(?:Also\s+)?In\s+attendance"
    r"|Officers(?:\s+(?:present|in\s+attendance))?)\s*[:\-–]\s*(?P<rest>\S.*)$", re.IGNORECASE)
COUNCILLOR_WORD = re.compile(r"^(?:Councillors?|Cllrs?\.?)\s+")
# a name written without a title: "Jane Doe", "J Okafor-Lane", a police rank before it; in a
# councillors' list a surname alone ("Smith (Chairman), Jones")
_RANK = r"(?:(?:Chief\s+|Detective\s+)?(?:Inspector|Superintendent|Sergeant|Constable)|PC|PCSO|DS|DI)"
_FORENAME = rf"(?:[{_UPPER}]\.?(?=\s)|{_NOT_NAME}[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
BARE_NAME = re.compile(rf"(?:{_RANK}\s+)?(?:{_FORENAME}\s+){{1,3}}{_NOT_NAME}{_SURNAME}")
SURNAME_ONLY = re.compile(rf"{_NOT_NAME}{_SURNAME}")
VICE_CHAIR = re.compile(r"^\s*\(\s*(?:vice[\s\-]*)?chair(?:man|person)?\s*\)", re.IGNORECASE)


def _paragraph_end(text: str, start: int, end: int) -> int:
    stop = re.compile(r"\n[ \t]*\n").search(text, start, end)
    return stop.start() if stop else end


def _listed_people(text: str, start: int, end: int, councillors: bool = False) -> list[tuple[PersonRef, bool]]:
    """The people of a list written as a sentence, each with a post in brackets or after a
    dash, and whether they chaired. "Councillors" before the list makes every name a councillor's."""
    out: list[tuple[PersonRef, bool]] = []
    depth, piece_start = 0, start
    cuts = []
    k = start
    while k < end:
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            line_start = text.rfind("\n", 0, k) + 1
            # a short line ends one person ("Present: Cllr A (Chair)" / "Cllr B"); a long one wrapped
            if ch in ",;" or (ch == "\n" and k - line_start < 60):
                cuts.append((piece_start, k))
                piece_start = k + 1
            else:
                m = re.compile(r"\s+(?:and|&)\s+").match(text, k, end)
                if m and m.start() == k and not _and_in_post(text, piece_start, k, m.end(), end):
                    cuts.append((piece_start, k))
                    piece_start = m.end()
                    k = m.end()
                    continue
        k += 1
    cuts.append((piece_start, end))
    for p_start, p_end in cuts:
        piece = text[p_start:p_end]
        lead = len(piece) - len(piece.lstrip())
        piece, p_start = piece.strip().rstrip("."), p_start + lead
        ref = _person_with_post(piece, p_start) if PERSON_RE.match(piece) else None  # "Cllr Jane Smith"
        word = COUNCILLOR_WORD.match(piece)
        prefix = "Councillor " if councillors or word else ""
        if word and ref is None:  # "Councillors Jane Smith (Chair), ..."
            councillors = councillors or word.group(0).lower().rstrip(". ").endswith("s")
            piece, p_start = piece[word.end():], p_start + word.end()
        if ref is None:
            ref = _bare_person_with_post(piece, p_start, surname_alone=bool(prefix))
            if ref is None:
                continue
            ref.name = prefix + ref.name
        rest = piece[ref.span.end - p_start:]
        chair = bool(CHAIR_MARK.search(rest))  # "Cllr A (Leader of the Council) (in the Chair)"
        bracket = re.match(r"\s*\(([^)]+)\)", rest)
        if ref.post is None and bracket and not VICE_CHAIR.match(rest) and POST_WORD.search(bracket.group(1)):
            ref.post = squash(bracket.group(1))  # "Cllr Jane Smith (Cabinet Member for Housing)"
        out.append((ref, chair))
    return out


def _and_in_post(text: str, start: int, at: int, after: int, end: int) -> bool:
    """Whether the "and" at `at` belongs to a post written after a dash ("Cllr D. Fay - Portfolio
    Holder for Housing and Communities") rather than joining two people."""
    if not re.search(r"\s[-–—:]\s", text[start:at]):
        return False
    return not (PERSON_RE.match(text, after, end) or BARE_NAME.match(text, after, end))


def _bare_person_with_post(piece: str, offset: int, surname_alone: bool = False) -> PersonRef | None:
    """A name with no title before it, then "(post)", "- post" or ", post"."""
    s = piece.lstrip()
    offset += len(piece) - len(s)
    m = BARE_NAME.match(s) or (SURNAME_ONLY.match(s) if surname_alone else None)
    if not m:
        return None
    rest = s[m.end():]
    if rest.strip() and not re.match(r"\s*(?:\(|–|—|-|,|:)", rest):
        return None  # a sentence, not a name: "Members noted the report"
    post = None
    if not VICE_CHAIR.match(rest):
        pm = re.match(r"\s*(?:\((?P<b>[^)]+)\)|(?:–|—|-|,|:)\s*(?P<d>.+?))\s*\.?\s*$", rest)
        if pm:
            post = squash(pm.group("b") or pm.group("d")).rstrip(".")
        if post and not POST_WORD.search(post):
            post = None  # "Inspector Jones - Valley Police": where they work, not a post
    return PersonRef(name=squash(m.group(0)), span=Span(offset, offset + m.end()), post=post)


def _split_columns(ln: _Line):
    """A line may hold two names in columns ("Mrs P. Okafor CC     Mr. T. Lindqvist CC")."""
    pos = ln.start
    for part in re.split(r"(\s{3,}|\t+)", ln.text):
        if part.strip() and not re.fullmatch(r"\s{3,}|\t+", part):
            yield pos, part
        pos += len(part)


def _person_with_post(piece: str, offset: int) -> PersonRef | None:
    m = PERSON_RE.search(piece)
    if not m or m.start() > 6:
        return None
    name = squash(m.group(0)).rstrip(".,")
    if re.search(rf"\s{POSTNOMINAL}$", name) is None and name.endswith("."):
        name = name.rstrip(".")
    rest = piece[m.end():]
    post = None
    pm = re.match(r"\s*(?:–|—|-|,|:)\s*(.+?)\s*\.?\s*$", rest)
    if pm and not CHAIR_MARK.search(rest):
        post = squash(pm.group(1)).rstrip(".")
        if not POST_WORD.search(post) and ORG_TAIL.search(post):
            post = None  # "Mr A. Khan - Valley Police", "Inspector Jones, Valley Police": where they work
    return PersonRef(name=name, span=Span(offset + m.start(), offset + m.start() + len(m.group(0).rstrip(". "))), post=post)


def _people_in(text: str, start: int, end: int) -> list[PersonRef]:
    out = []
    for m in PERSON_RE.finditer(text, start, end):
        name = squash(m.group(0)).rstrip(".,")
        out.append(PersonRef(name=name, span=Span(m.start(), m.start() + len(m.group(0)))))
    return out


def _items(text: str, chain, end: int) -> list[AgendaItem]:
    items = []
    for k, (number, pos, t_start, t_end) in enumerate(chain):
        i_end = chain[k + 1][1] if k + 1 < len(chain) else end
        if t_start >= i_end:
            t_start = t_end = pos
        title = squash(text[t_start:t_end])
        span_start = min(pos, t_start)
        items.append(AgendaItem(title=title or f"Item {number}", number=number, order=k + 1,
                                span=Span(span_start, i_end), title_span=Span(t_start, t_end)))
    return items


# ---------------------------------------------------------------- ModernGov web text

def _web_minutes(text: str, start: int, end: int, raw: str) -> Meeting:
    meeting = Meeting(span=Span(start, end))
    contacts = _headless_header(text, start, end, meeting)
    rows = _web_rows(text, start, end, raw)
    for k, (r_start, r_end) in enumerate(rows):
        row = text[r_start:r_end]
        num = NUMBER_CELL.match(row)
        number = num.group(1) if num else None
        body_at = re.search(r"\bMinutes:\s*", row)
        pre_end = r_start + (body_at.start() if body_at else len(row))
        pre_start = r_start + (num.end() if num else 0)
        pre = text[pre_start:pre_end]
        lead = len(pre) - len(pre.lstrip())
        t_start = pre_start + lead
        sentence = re.search(r"(?<!\b[A-Z])[.?!](?=\s+[A-Z]|\s*$)", pre[lead:])
        t_end = t_start + (sentence.end() if sentence else len(pre.rstrip()) - lead)
        line_end = text.find("\n", t_start, pre_end)
        if num and line_end != -1 and line_end < t_end:
            t_end = line_end  # "23. | Apologies for Absence" and the minute on the lines below
        while t_end > t_start and text[t_end - 1] in " \t|":
            t_end -= 1
        title = squash(text[t_start:t_end])
        if not title:
            body = squash(row[body_at.end():] if body_at else row)
            title = "Minutes." if re.match(r"The minutes of the (?:last |previous )?meeting", body, re.IGNORECASE) else f"Item {k + 1}"
            t_start = t_end = r_start
        meeting.items.append(AgendaItem(title=title, number=number, order=k + 1, span=Span(r_start, r_end),
                                        title_span=Span(t_start, t_end)))
    if meeting.start_time is not None and meeting.end_time is None:  # the heading's time, then "The meeting closed at"
        until = _closed_at(text, start, end)
        if until is not None and until > meeting.start_time:
            meeting.end_time = until
    first_row = rows[0][0] if rows else end
    meeting.attendance = _attendance(text, start, first_row, [])
    meeting.attendance.contacts = contacts
    _finish(meeting, text)
    _number_from_agenda(meeting)
    return meeting


def _number_from_agenda(meeting: Meeting) -> None:
    """A web page's "No." column is lost in its text, but an item that says its report is
    "marked 'Agenda Item 8'" and is the 8th row of the table is item 8: both the text and the
    table say so. Any other item keeps no number (its order is in its IRI), never a guess."""
    for item in meeting.items:
        if item.number:
            continue
        cited = {re.sub(r"\D", "", r.agenda_item) for r in item.reports if r.agenda_item}
        if cited == {str(item.order)}:
            item.number = str(item.order)


NUMBER_CELL = re.compile(r"\s*\|?\s*(\d{1,4})\.?\s*\|")  # "23. |", "| 23. |": a row's number cell
_ROW_START = re.compile(rf"{NUMBER_CELL.pattern}\s*[A-Z‘'\"(]")  # and the title cell after it


def _web_rows(text: str, start: int, end: int, raw: str) -> list[tuple[int, int]]:
    """Rows of the item table: separated by lines holding only '|' (blanked) in the raw text;
    a row that begins with its number cell ("24. | Title") ends at the line closing its last cell."""
    table = WEB_TABLE.search(text, start, end)
    pos = text.find("\n", table.end()) + 1 if table else start
    if table:
        sep = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*\|.*$", re.MULTILINE).match(text, pos)
        if sep:
            pos = sep.end() + 1
    rows, cur = [], None
    last = None  # the number of the last row begun at a number cell
    for ln in _lines(text, pos, end):
        if ln.blank:
            if cur is not None:
                rows.append(cur)
                cur = None
            continue
        cell = _ROW_START.match(ln.text)
        if cell and (last is None or 0 < int(cell.group(1)) - last <= 3):  # the next number, not a figure
            last = int(cell.group(1))
            if cur is not None:
                rows.append(cur)  # "24. | Declarations of Interest": a row of its own, with no blank line before it
                cur = None
        if cur is None:
            cur = (ln.start, ln.end)
        else:
            cur = (cur[0], ln.end)
        if last is not None and raw[ln.start:ln.end].rstrip().endswith("|"):
            rows.append(cur)  # a numbered row closes with its last cell: what follows is not in it
            cur = None
    if cur is not None:
        rows.append(cur)
    rows = [r for r in rows if text[r[0]:r[1]].strip()]
    if last is None:
        return rows
    # numbered rows: a block that closes a cell ("... |") but has no number is the rest of the
    # row above (a further cell); one that closes none ("The meeting closed at ...") is no row
    out: list[tuple[int, int]] = []
    for r in rows:
        if _ROW_START.match(text, r[0]):
            out.append(r)
        elif out and raw[r[0]:r[1]].rstrip().endswith("|"):
            out[-1] = (out[-1][0], r[1])
    return out


# ---------------------------------------------------------------- within items

APOLOGIES = re.compile(r"apologies\s+(?:for\s+absence\s+)?(?:were|was)\s+(?:received|submitted|given)\s+(?:on\s+behalf\s+)?(?:from|of)\s+",
                       re.IGNORECASE)
SUBSTITUTE = re.compile(rf"(?P<who>{PERSON})\s+(?:attended|was\s+present)\s+as\s+(?:a\s+)?substitute\s+for\s+(?P<for>{PERSON})"
                        rf"|(?P<who2>{PERSON})\s*\(\s*substitute\s+for\s+(?P<for2>{PERSON})\s*\)")


def _body_attendance(meeting: Meeting, text: str) -> None:
    """Apologies and substitutes minuted as an item ("Apologies for absence were received from ...")."""
    known = {fold_name(p.name) for p in meeting.attendance.apologies}
    for m in APOLOGIES.finditer(text, meeting.span.start, meeting.span.end):
        s_end = _sentence_end(text, m.end(), meeting.span.end)
        # "from Mrs A. Cole CC and Mr B. Dale CC", or "from Councillors Ann Cole and Ben Dale"
        refs = _people_in(text, m.end(), s_end) or [ref for ref, _ in _listed_people(text, m.end(), s_end)]
        for ref in refs:
            if fold_name(ref.name) not in known:
                known.add(fold_name(ref.name))
                meeting.attendance.apologies.append(ref)
    subs = {fold_name(p.name) for p in meeting.attendance.substitutes}
    if text.find("substitute", meeting.span.start, meeting.span.end) < 0:
        return  # every SUBSTITUTE match says "substitute"
    for m in SUBSTITUTE.finditer(text, meeting.span.start, meeting.span.end):
        g = "who" if m.group("who") else "who2"
        ref = PersonRef(name=squash(m.group(g)).rstrip(".,"), span=Span(m.start(g), m.end(g)))
        if fold_name(ref.name) not in subs:
            subs.add(fold_name(ref.name))
            meeting.attendance.substitutes.append(ref)


def _sentence_end(text: str, start: int, end: int) -> int:
    """The full stop that ends a sentence, passing over initials and titles ("Mr. D. Smith CC.")."""
    for m in re.finditer(r"\.(?=\s|$)|\n\s*\n", text[start:min(end, start + 600)]):
        before = text[start:start + m.start()].split()
        last = before[-1] if before else ""
        if m.group(0) == "." and (re.fullmatch(r"[A-Z]|Mr|Mrs|Ms|Dr|Miss|Mx|Cllr|Prof|Rev|St", last)):
            continue
        return start + m.start()
    return min(end, start + 600)


def fold_name(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


# "In the absence of the Chairman, Mrs C. Dale CC (Vice-Chairman) took the Chair", "RESOLVED: That
# Mr E. Fox CC be elected Chairman for the meeting"
TOOK_CHAIR = re.compile(
    rf"(?P<who>{PERSON})(?:\s*\([^)\n]{{0,60}}\))?,?\s+(?:took|was\s+in|occupied)\s+the\s+[Cc]hair\b"
    rf"|(?P<who2>{PERSON})\s+(?:be|was)\s+(?:appointed|elected)\s+(?:as\s+)?(?:the\s+)?[Cc]hair(?:man|person)?\s+"
    rf"(?:for\s+the\s+(?:meeting|remainder)|of\s+the\s+meeting)")


_CHAIR_HINT = re.compile(r"(?:took|occupied|in)\s+the\s+[Cc]hair|(?:appointed|elected)\s+(?:as\s+)?(?:the\s+)?[Cc]hair")


def _chair_named_in_the_body(meeting: Meeting, text: str) -> None:
    """A meeting whose attendance marks no chair: the member the minutes say took the chair."""
    if meeting.attendance.chair is not None:
        return
    m = None
    for hint in _CHAIR_HINT.finditer(text, meeting.span.start, meeting.span.end):  # cheap to find; the name before it
        m = TOOK_CHAIR.search(text, max(meeting.span.start, hint.start() - 160), min(meeting.span.end, hint.end() + 60))
        if m:
            break
    if not m:
        return
    group = "who" if m.group("who") else "who2"
    name = squash(m.group(group)).rstrip(".,")
    listed = [r for r in meeting.attendance.present if fold_name(r.name) == fold_name(name)]
    meeting.attendance.chair = listed[0] if listed else PersonRef(name=name, span=Span(m.start(group), m.end(group)))


def _finish(meeting: Meeting, text: str) -> None:
    _body_attendance(meeting, text)
    _chair_named_in_the_body(meeting, text)
    for item in meeting.items:
        body_start = item.title_span.end if item.title_span else item.span.start
        body = (body_start, item.span.end)
        decided = _decision_marks(text, *body)
        item.resolutions = _resolutions(text, decided, item.span.end)
        item.reports = _item_reports(text, item, *body)
        item.questions = _questions(text, *body)
        item.declarations = _declarations(text, *body)
        item.follow_ups = _follow_ups(text, item, body_start, decided[0].start() if decided else item.span.end)
        for fu in item.follow_ups:
            fu.due, fu.due_precision = due_date(fu.text, meeting.date)
        nm = NEXT_MEETING.search(text, *body)
        if nm and meeting.next_meeting is None:
            meeting.next_meeting = parse_date(nm.group(0))
        pm = PREVIOUS_MINUTES.search(text, *body)
        if pm and meeting.previous_meeting is None:
            meeting.previous_meeting = parse_date(pm.group(0))
    if meeting.next_meeting is None:
        nm = NEXT_MEETING.search(text, meeting.span.start, meeting.span.end)
        if nm:
            meeting.next_meeting = parse_date(nm.group(0))


def _resolutions(text: str, marks: list[re.Match], end: int) -> list[Resolution]:
    """Every RESOLVED block of an item ("RESOLVED: ...", then "It was further RESOLVED: ..."),
    each running to the next or to `end`, split into its clauses."""
    out: list[Resolution] = []
    for k, m in enumerate(marks):
        out.extend(_resolution_block(text, m, marks[k + 1].start() if k + 1 < len(marks) else end))
    return out


def _decision_marks(text: str, start: int, end: int) -> list[re.Match]:
    """Where decisions begin between `start` and `end`: RESOLVED and its kin, and "The Committee
    AGREED" after a line start, a space or ":", ">", "*"; in order, none overlapping."""
    marks = list(RESOLVED.finditer(text, start, end))
    body = [m for m in BODY_DECIDED.finditer(text, start, end)
            if m.start() == 0 or text[m.start() - 1].isspace() or text[m.start() - 1] in ":>*"]
    if not body:
        return marks
    out: list[re.Match] = []
    for m in sorted(marks + body, key=lambda m: m.start()):
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _resolution_block(text: str, m: re.Match, end: int) -> list[Resolution]:
    b_start = m.end()
    said = text[m.start():m.end()].lower().rstrip()
    if said.endswith("that"):
        b_start = m.end() - 4
    elif said.endswith(" to"):  # "The Committee AGREED to note the report"
        b_start = m.end() - 2
    b_end = end
    stop = re.compile(r"^\s*(?:Arising from|The Committee|Members|Minutes:|The meeting (?:closed|ended|finished|concluded)\b)",
                      re.MULTILINE).search(text, b_start, end)
    if stop and stop.start() > b_start + 10:
        b_end = stop.start()
    # trailing table pipes or whitespace
    while b_end > b_start and text[b_end - 1] in " \n\t|":
        b_end -= 1
    while b_start < b_end and text[b_start] in " \n\t:-–":
        b_start += 1
    out = []
    for c_start, c_end, label in _clauses(text, b_start, b_end):
        clause = squash(text[c_start:c_end])
        if clause:
            out.append(Resolution(text=clause, span=Span(c_start, c_end), label=label))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Split a RESOLVED block at a), b), c) ... (or (i), (ii) ..., or (1), (2) ... and 1., 2. at
    the start of lines), in sequence only."""
    marks = []
    expect_alpha, expect_roman, expect_number = "a", 1, 1
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    for m in CLAUSE_MARK.finditer(text, start, end):
        label = m.group("label") or m.group("dot")
        if label.isdigit():
            if int(label) == expect_number and (not marks or marks[0][2] == "1"):
                marks.append((m.start(), m.end(), label))
                expect_number += 1
        elif label == expect_alpha:
            marks.append((m.start(), m.end(), label))
            expect_alpha = chr(ord(expect_alpha) + 1)
            if label == "i":
                expect_roman = 2
        elif expect_roman - 1 < len(romans) and label == romans[expect_roman - 1] and (not marks or marks[0][2] == "i"):
            marks.append((m.start(), m.end(), label))
            expect_roman += 1
    if not marks:
        return [(start, end, None)]
    out = []
    for k, (m_start, m_end, label) in enumerate(marks):
        c_end = marks[k + 1][0] if k + 1 < len(marks) else end
        c_start = m_end
        while c_start < c_end and text[c_start] in " \t\n":
            c_start += 1
        while c_end > c_start and text[c_end - 1] in " \t\n":
            c_end -= 1
        out.append((c_start, c_end, label))
    head = text[start:marks[0][0]].strip()
    if head and len(head) > 3 and not re.fullmatch(r"(?:that|That|THAT)\s*[:\-–—]?", head):  # "That:" only leads in
        out.insert(0, (start, marks[0][0], None))
    return out


def split_authors(raw: str) -> list[str]:
    """"Chief Executive and Director of Children and Family Services" -> two posts;
    "Director of Children and Family Services" stays one."""
    raw = squash(raw).strip(" ,.;")
    raw = re.sub(r"^(?:the\s+)", "", raw, flags=re.IGNORECASE)
    parts = [raw]
    while True:
        last = parts[-1]
        m = None
        for cand in re.finditer(r"\s+(?:and|&)\s+(?:the\s+)?", last, re.IGNORECASE):
            right = last[cand.end():]
            if POST_HEAD.match(right) and not re.match(r"(?:Children|Council)\b", right, re.IGNORECASE):
                m = cand
                break
        if not m:
            break
        parts[-1:] = [last[:m.start()], last[m.end():]]
    out = []
    for p in parts:
        p = p.strip(" ,.;")
        if p.isupper():
            p = title_case(p)
        if p:
            out.append(p[0].upper() + p[1:])
    return out


def _item_reports(text: str, item: AgendaItem, start: int, end: int) -> list[Report]:
    head = text[start:min(end, start + 1500)]
    m = REPORT_MENTION.search(head)
    title = re.sub(r"[.\s]+$", "", item.title)
    agenda = COPY_OF_REPORT.search(text, start, end)
    agenda_ref = squash(agenda.group(1)) if agenda else None
    if m and m.start() < 900:
        authors = split_authors(m.group("authors"))
        authors = [a for a in authors if len(a) < 120]
        kind = "presentation" if m.group("kind").lower() == "presentation" else "report"
        return [Report(title=title, span=Span(start + m.start(), start + m.end()), authors=authors, kind=kind,
                       agenda_item=agenda_ref)]
    m2 = REPORT_NOAUTHOR.search(head)
    if (m2 and m2.start() < 600) or agenda_ref:
        where = m2 or agenda
        s = (start + where.start()) if where is m2 else where.start()
        e = (start + where.end()) if where is m2 else where.end()
        return [Report(title=title, span=Span(s, e), authors=[], agenda_item=agenda_ref)]
    return []


def _questions(text: str, start: int, end: int) -> list[PublicQuestion]:
    heads = list(QUESTION_HEAD.finditer(text, start, end))
    sups = list(SUPPLEMENTARY.finditer(text, start, end))
    if not heads:
        return []
    marks = sorted([(h.start(), "q", h) for h in heads] + [(s.start(), "s", s) for s in sups], key=lambda x: x[0])
    out: list[PublicQuestion] = []
    last_asker = None
    for k, (pos, kind, m) in enumerate(marks):
        q_end = marks[k + 1][0] if k + 1 < len(marks) else end
        seg = text[pos:q_end]
        reply = REPLY.search(text, pos, q_end)
        answerer = None
        if reply:
            who = squash(reply.group("who"))
            who = who[:1].upper() + who[1:]  # "Reply by the Chairman:" is The Chairman's, as "The Chairman replied"
            answerer = PersonRef(name=who, span=Span(reply.start("who"), reply.end("who")))
        else:
            post = ANSWERED_BY_POST.search(seg)
            if post:
                answerer = PersonRef(name=squash(post.group("post")), span=Span(pos + post.start("post"), pos + post.end("post")),
                                     role="officer")
        if kind == "q":
            asker = PersonRef(name=squash(m.group("asker")), span=Span(m.start("asker"), m.end("asker")), role="public")
            last_asker = asker
            q_text_end = reply.start() if reply else q_end
            qt = squash(text[m.end():q_text_end]).lstrip(":* ")
            qt = re.sub(r"^of the [^:]*:\s*", "", qt)
            out.append(PublicQuestion(text=qt, span=Span(pos, q_text_end), asker=asker, answerer=answerer,
                                      letter=m.group("letter")))
        else:
            body = text[m.end():q_end]
            who = PERSON_RE.search(body)
            asker = last_asker
            if who and re.match(r"\s*asked", body[who.end():who.end() + 12]):
                name = squash(who.group(0))
                asker = PersonRef(name=name, span=Span(m.end() + who.start(), m.end() + who.end()), role="public")
            q_text_end = (pos + (reply.start() - pos)) if reply else q_end
            inv = re.search(r"At the invitation of the Chair(?:man)?,?", body)
            if inv:
                q_text_end = m.end() + inv.start()
            out.append(PublicQuestion(text=squash(text[m.end():q_text_end]), span=Span(pos, q_text_end), asker=asker,
                                      answerer=answerer, supplementary=True))
    return out


def _declarations(text: str, start: int, end: int) -> list[Declaration]:
    out = []
    if not _DECLARED.search(text, start, end):
        return out  # every declaration says "declared": skip trying a name at each character
    for m in DECLARATION.finditer(text, start, end):
        sent_end = _sentence_end(text, m.end(), end)  # past "item CSSB.34", "Mr. D. Smith"
        sent_end = sent_end + 1 if sent_end < end and text[sent_end] == "." else sent_end
        who = squash(m.group("who"))
        body = INTEREST_IN.search(text, m.start(), sent_end)
        out.append(Declaration(text=squash(text[m.start():sent_end]), span=Span(m.start(), sent_end),
                               by=PersonRef(name=who, span=Span(m.start("who"), m.end("who"))),
                               interest=squash(m.group("kind")).lower() or None,
                               interest_in=Span(body.end(), sent_end) if body else None))
    return out


def _follow_ups(text: str, item: AgendaItem, start: int, end: int) -> list[FollowUp]:
    """Clauses and statements asking for something to come back. Resolutions first; a
    statement in the discussion (`start` to `end`, where the first decision begins) counts
    when no resolution already asks for the same."""
    out: list[FollowUp] = []
    for r in item.resolutions:
        if FOLLOW_UP.search(r.text) and not re.search(r"next meeting of the Committee would be held", r.text, re.IGNORECASE):
            out.append(FollowUp(text=r.text, span=r.span))
    if out:
        return out
    for s_start, s_end in _sentences(text, start, end):
        sentence = squash(text[s_start:s_end])
        if FOLLOW_UP.search(sentence) and re.search(r"\b(?:would|will|should|be|to)\b", sentence) \
                and not re.search(r"next meeting of the Committee would be held|minutes of the meeting held", sentence, re.IGNORECASE) \
                and FOLLOW_UP_CONTEXT.search(sentence):
            out.append(FollowUp(text=sentence, span=Span(s_start, s_end)))
    return out[:2]


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}


def due_date(text: str, meeting_date) -> tuple[object, str | None]:
    """When a follow-up is due, and how precisely the text says so.

    "on 19 January 2021" → (2021-01-19, "day"); "in September 2020" → (2020-09-01, "month");
    "in 6 months' time" → meeting date + 6 months, "relative" (None when the meeting is
    undated); "a future meeting" → (None, None). Nothing is guessed beyond what is written."""
    from datetime import date as _date

    dates = find_dates(text)
    if dates:
        return dates[0][0], "day"
    m = re.search(rf"\b(?:in|by|during|until|before|end of)\s+({MONTH_RE})\s+(\d{{4}})\b", text, re.IGNORECASE)
    if m:
        return _date(int(m.group(2)), MONTHS[m.group(1).lower()], 1), "month"
    m = re.search(r"\b(?:in|within)\s+(?:the\s+next\s+)?(\d{1,2}|[a-z\-]+)\s+(month|year|week)s?['’]?\s*(?:time)?", text, re.IGNORECASE)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1).lower())
        if n and meeting_date:
            unit = m.group(2).lower()
            if unit == "week":
                from datetime import timedelta
                return meeting_date + timedelta(weeks=n), "relative"
            months = n * (12 if unit == "year" else 1)
            y, mo = divmod(meeting_date.month - 1 + months, 12)
            day = min(meeting_date.day, 28)
            return _date(meeting_date.year + y, mo + 1, day), "relative"
        return None, "relative" if n else None
    return None, None


def _sentences(text: str, start: int, end: int):
    pos = start
    for m in re.finditer(r"[.;!?](?=\s+[A-Z(]|\s*$)|\n\s*\n|\n\s*(?:[ivx]+\)|\([ivx]+\))\s", text[start:end]):
        s_end = start + m.end()
        if text[pos:s_end].strip():
            lead = len(text[pos:s_end]) - len(text[pos:s_end].lstrip())
            yield pos + lead, s_end
        pos = s_end
    if text[pos:end].strip():
        lead = len(text[pos:end]) - len(text[pos:end].lstrip())
        yield pos + lead, end


def _warn_truncated(meeting: Meeting, text: str, end: int) -> None:
    k = end
    while k > 0 and text[k - 1].isspace():  # the last character written, found without copying the text
        k -= 1
    if meeting.items and k and text[k - 1] not in ".!?:;)'’\"]|":
        meeting.warnings.append("the document seems cut off: its last item ends mid-sentence")


# ---------------------------------------------------------------- agenda packs

def _agenda_meetings(text: str, blocks) -> list[Meeting]:
    """Reports of an agenda pack, grouped into the meetings they are for."""
    by_meeting: dict[tuple[str, object], Meeting] = {}
    for kind, start, end, head in blocks:
        if kind == "form":
            committee, when, report = head.committee, head.date, head.report
            report.contacts = head.contacts(text, end)
        else:
            committee = _committee_name(head.group("committee"))
            when = parse_date(squash(head.group("date")))
            report = _pack_report(text, head.end(), end)
        if report is None:
            continue
        report.for_meeting_date = when
        key = (committee.lower(), when)
        meeting = by_meeting.get(key)
        if meeting is None:
            meeting = Meeting(span=Span(start, end), committee=committee, date=when, kind="agenda")
            by_meeting[key] = meeting
        meeting.span = Span(meeting.span.start, end)
        meeting.reports.append(report)
    return list(by_meeting.values())


# a report's cover sheet as a form: "Report to: Community Scrutiny Committee", "Date of meeting:
# 12 March 2024", "Report of: Director of Communities", "Title: Leisure Centre Contract Review"
FORM_REPORT = re.compile(r"^[ \t]*Report\s+to\s*:[ \t]*(?P<committee>\S[^\n]*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_FORM_FIELDS = {
    "date": re.compile(r"^[ \t]*(?:Date(?:\s+of\s+(?:the\s+)?meeting)?|Meeting\s+date)\s*:[ \t]*(?P<v>\S[^\n]*?)[ \t]*$",
                       re.MULTILINE | re.IGNORECASE),
    "authors": re.compile(r"^[ \t]*(?:Report\s+(?:of|by|from|author)|Lead\s+officer)\s*:[ \t]*(?P<v>\S[^\n]*?)[ \t]*$",
                          re.MULTILINE | re.IGNORECASE),
    "title": re.compile(r"^[ \t]*(?:Title|Subject|Report\s+title)\s*:[ \t]*(?P<v>\S[^\n]*?)[ \t]*$", re.MULTILINE | re.IGNORECASE),
}
FORM_CONTACT = re.compile(r"^[ \t]*Contact\s+officers?\s*:[ \t]*(?P<v>\S[^\n]*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)


@dataclass
class _FormHead:
    """A report's cover sheet written as labelled lines: the meeting it is for and the report."""

    start: int  # its "AGENDA ITEM n" line, or its first field
    end: int  # its last field
    committee: str
    date: date
    report: Report

    @classmethod
    def read(cls, text: str, anchor: re.Match) -> "_FormHead | None":
        """The sheet whose "Report to:" line is `anchor`: its fields in the run of lines around it
        (at most 800 characters either way, so that a long run stays linear). None without a
        date and a title (a "Report to" in passing is no cover sheet)."""
        gap = re.compile(r"\n[ \t]*\n")
        lo = max([g.end() for g in gap.finditer(text, max(0, anchor.start() - 800), anchor.start())]
                 or [max(0, anchor.start() - 800)])
        after = gap.search(text, anchor.end(), anchor.end() + 800)
        hi = after.start() if after else min(len(text), anchor.end() + 800)
        fields = {name: rx.search(text, lo, hi) for name, rx in _FORM_FIELDS.items()}
        when = parse_date(fields["date"].group("v")) if fields["date"] else None
        title = fields["title"]
        if when is None or title is None:
            return None
        found = [anchor] + [m for m in fields.values() if m is not None]
        start, sheet_end = min(m.start() for m in found), max(m.end() for m in found)
        item, back = None, max(0, lo - 400)
        for item in re.finditer(r"^[ \t]*AGENDA\s+ITEM\s+\d+[ \t]*$", text[back:start], re.MULTILINE | re.IGNORECASE):
            pass
        if item is not None and re.search(r"[a-z]", text[back + item.end():start]):
            item = None  # another report's text lies between: the line is not this sheet's
        authors = split_authors(fields["authors"].group("v")) if fields["authors"] else []
        report = Report(title=squash(title.group("v")), span=Span(title.start("v"), title.end("v")), authors=authors,
                        agenda_item=title_case(squash(item.group(0))) if item else None)
        return cls(back + item.start() if item else start, sheet_end, _committee_name(anchor.group("committee")),
                   when, report)

    def contacts(self, text: str, end: int) -> list[PersonRef]:
        """The "Contact Officer: name, post" lines between the sheet and `end`."""
        out = []
        for c in FORM_CONTACT.finditer(text, self.end, end):
            ref = _person_with_post(c.group("v"), c.start("v")) or _bare_person_with_post(c.group("v"), c.start("v"))
            if ref is not None:
                ref.role = "officer"
                out.append(ref)
        return out


# words that leave a post unfinished at the end of a line ("DIRECTOR OF CHILDREN'S" / "SERVICES")
POST_MODIFIER_END = (r"\b(?:CHILDREN['’]?S?|FAMILY|FAMILIES|CORPORATE|PUBLIC|SOCIAL|YOUNG|ADULTS?|COMMUNITY|COMMUNITIES|"
                     r"STRATEGIC|LEGAL|DEMOCRATIC|EDUCATION|HEALTH|ENVIRONMENT|FINANCIAL|PEOPLE['’]?S)$")


def _capsish(s: str) -> bool:
    """A heading line in capitals: no lower-case letter, at least one letter or digit."""
    return bool(re.search(r"[A-Z0-9]", s)) and not re.search(r"[a-z]", s)


def _pack_report(text: str, start: int, end: int) -> Report | None:
    """Title, authors and contacts of one report in an agenda pack. The title is the block
    of capitals around the "REPORT OF ..." line; that line names the authors."""
    lines = [ln for ln in _lines(text, start, min(end, start + 1500)) if not ln.blank]
    title_parts: list[_Line] = []
    authors: list[str] = []
    k = 0
    while k < len(lines):
        s = lines[k].text.strip()
        if re.match(r"^(?:Purpose|Introduction|Background|Summary|Recommendations?|1\.)\b", s, re.IGNORECASE) \
                or not _capsish(s):
            break
        rm = re.match(r"^(?P<lead>.*?)\b(?:JOINT\s+)?REPORT\s+OF\s+(?:THE\s+)?(?P<rest>.*)$", s)
        if rm and not authors:
            who, stmt = [rm.group("rest")], [lines[k]]
            while k + 1 < len(lines) and _capsish(lines[k + 1].text):
                cur, nxt = squash(" ".join(who)), lines[k + 1].text.strip()
                wrapped = re.search(r"(?:\b(?:OF|AND|THE|FOR|ON|IN)|&|,|–|-)$", cur) or (len(nxt.split()) <= 3 and (
                    len(stmt[-1].text.strip()) >= 40 or re.search(POST_MODIFIER_END, cur)))
                if not wrapped:
                    break
                who.append(nxt)
                stmt.append(lines[k + 1])
                k += 1
            authors = split_authors(" ".join(who))
            if rm.group("lead").strip():
                title_parts.extend(stmt)
            k += 1
            continue
        title_parts.append(lines[k])
        k += 1
    if not title_parts:
        return None
    raw_title = squash(" ".join(text[ln.start:ln.end] for ln in title_parts))
    title = title_case(raw_title) if _capsish(raw_title) else raw_title
    report = Report(title=title, span=Span(title_parts[0].start, title_parts[-1].end), authors=authors)
    report.contacts = _contacts(text, start, end)
    return report


def _contacts(text: str, start: int, end: int) -> list[PersonRef]:
    """People under "Officer(s) to Contact", each with the post written beside or below them."""
    head = None
    for m in CONTACT_HEAD.finditer(text, start, end):
        head = m
    if head is None:
        return []
    out = []
    lines = [ln for ln in _lines(text, head.end(), min(end, head.end() + 1200))]
    k = 0
    name_re = re.compile(r"^(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,2})\s*(?:,|\(|–|-|$)")
    misses = 0
    while k < len(lines):
        ln = lines[k]
        s = ln.text.strip()
        k += 1
        if not s:
            continue
        if re.match(r"^(?:Tel|Telephone|Phone|E-?mail|Email|Mobile)\b", s, re.IGNORECASE) \
                or re.fullmatch(r"[#\d\s()+.\-]+", s) or re.fullmatch(r"\S+@\S+", s):
            continue
        m = name_re.match(s)
        if not m or _looks_like_post(m.group("name")):
            misses += 1
            if misses > 2 or not (POST_WORD.search(s) or re.search(r"Council|Department|Services?$", s)):
                break  # the contact block is over: a report's appendix or next page begins
            continue
        misses = 0
        name = m.group("name")
        rest = s[m.end("name"):].strip(" ,–-()")
        post = None
        if rest:
            post = re.sub(r"\)\s*\.?\s*$", "", rest).strip(" .,")
        else:
            while k < len(lines) and lines[k].blank:
                k += 1
            if k < len(lines):
                cand = lines[k].text.strip()
                if cand and not re.match(r"^(?:Tel|Telephone|Phone|E-?mail|Email)\b", cand, re.IGNORECASE) and not name_re.fullmatch(cand):
                    post = cand.strip(" .,")
                    k += 1
        if post:
            post = re.sub(r"\s*(?:Tel|Email|E-mail)\b.*$", "", post, flags=re.IGNORECASE).strip(" .,")
            if not POST_WORD.search(post):
                post = None
        s_off = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        out.append(PersonRef(name=squash(name), span=Span(s_off, s_off + len(name)), post=squash(post) if post else None,
                             role="officer"))
    return out


# a name ending as an outside body's does ("Valley Police", "Eastbridge City Council"): the organisations
# component's head words
_ORG_RECORDS = load_jsonl("organisations.v1.jsonl")
ORG_TAIL = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words(_ORG_RECORDS, "org_heads")
                                                     | words(_ORG_RECORDS, "org_multi_heads")), key=len, reverse=True))
                      + r")\W*$")
POST_WORD = re.compile(r"\b(?:Director|Head|Manager|Officer|Lead|Executive|Member|Partner|Commissioner|Advis[eo]r|"
                       r"Co-?ordinator|Assistant|Chief|Analyst|Consultant|Principal|Specialist|Worker|Clerk|Leader|"
                       r"Secretary|Treasurer|Solicitor|Accountant|Engineer|Planner|Inspector|Champion|Holder|Chair(?:man)?)\b")


def _looks_like_post(name: str) -> bool:
    return bool(re.match(r"(?:Director|Head|Assistant|Chief|Service|Children|County|Tel|Email|Business|Lead|Cabinet|Council|Department)\b", name)) or name.endswith(("Council", "Services", "Service"))
