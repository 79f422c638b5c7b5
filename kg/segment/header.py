"""The meeting's header: which committee met, on what day, when and where.

Minutes state these near the top in many orders and forms; the cues they share:
- a ModernGov-style heading line "<Committee> - <date> <time>" ("Cabinet - Tuesday, 14th November,
  2023 7.00 pm"), its issue and decision pages' "Meeting: 06/12/2012 - <Committee> (Item 44)",
  "Decided at meeting: <date> - <Committee>" and "Decision Maker: <Committee>";
- a sentence "Minutes of a meeting of <Committee> held at <venue> on <date>" (also "Minute of
  ...", "Minutes of proceedings at meeting of ...", "A meeting of <Council>, <Committee> was held
  on ...", "At the Annual Meeting of <Council> held ...", "... of the above Council" with the
  council's name on the line above);
- the line right above the meeting's date line, when it reads as a name ("Planning Committee" /
  "Wednesday, 25 March 2015");
- labelled lines: "Date:", "Time:", "Place:", "Venue:", "Meeting Commenced:", "Held at".
The meeting's date is the date of that header: the last date stated before the attendance list
when there is one (so a covering letter's date or an agenda-pack's next meeting above the minutes
is not taken), else the first date of the head that is not a previous meeting's or a
publication date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from kg.segment.layout import Line, is_upper, looks_like_title
from kg.segment.literal import Cues, finditer_near
from kg.segment.naming import BODY_WORDS, COMMITTEE_WORD, KIND_ONLY, MEETING_KINDS, own_council, without_meeting
from kg.segment.when import dates_in, dates_without_year, time_range, times_in
from kg.textutil import title_case

_STRONG = re.compile(r"\b(?:Sub[- ]Committee|Committee|Cabinet|Executive|Panel|Board|Commission|Forum|Group|"
                     r"Scrutiny)\b", re.IGNORECASE)

_MINUTES_OF_HEAD = (r"\b(?:minutes?|a|at\s+the)\s+(?:of\s+)?(?:the\s+)?(?:proceedings\s+(?:at|of)\s+)?"
                    rf"(?:(?:a|an|the)\s+)?(?:(?:{MEETING_KINDS})\s+)*"
                    r"(?:(?:parish|town|community|district|borough|county|city|shire)\s+council\s+)?"  # "Annual Parish Council Meeting of"
                    r"(?:meeting|meetings|AGM|EGM)\s+of\s+(?:the\s+)?(?P<name>[^\n]{2,160}?(?:\n[^\n]{1,120}?){0,2}?)")
_HELD_NEXT = r"\s+(?:(?:which|that)\s+)?(?:was\s+)?held\b"  # "... held", "... which was held"
_MINUTES_OF_HELD = re.compile(_MINUTES_OF_HEAD + rf"(?={_HELD_NEXT}|\s+on\s+\w+day\b|,\s+\w+day\b)", re.IGNORECASE)
_MINUTES_OF_X = re.compile(r"\bminutes?\s+of\s+(?:the\s+)?(?P<name>(?!(?:a|an|the)\s)[^\n]{2,120}?(?:\n[^\n]{1,120}?){0,3}?)"
                           r"(?=" + _HELD_NEXT + r"|[ \t]+(?:on[ \t]+)?(?:\w+day,?[ \t]+)?\d{1,2}"
                           r"(?:[ \t]?(?:st|nd|rd|th))?[ \t]+[A-Z][a-z]+[ \t]+\d{4})",
                           re.IGNORECASE)
# "The 49th Annual General Meeting of the Council was held on ...": the sentence that opens the minutes
_THE_MEETING_WAS_HELD = re.compile(rf"^[ \t]*The[ \t]+(?:(?:{MEETING_KINDS})[ \t]+)*Meeting[ \t]+of[ \t]+(?:the[ \t]+)?"
                                   r"(?P<name>[^\n]{2,120}?)(?=[ \t]+was[ \t]+held\b)", re.IGNORECASE | re.MULTILINE)
_MINUTES_OF_EOL = re.compile(_MINUTES_OF_HEAD + r"(?=\s*[,.]?\s*$)", re.IGNORECASE | re.MULTILINE)
# "CAIRNGORMS NATIONAL PARK AUTHORITY MINUTES OF THE BOARD MEETING held at"
_BODY_MINUTES_OF = re.compile(r"^[ \t]*(?P<body>[A-Z][A-Za-z&'’ -]{3,80}?)[ \t]+MINUTES[ \t]+OF[ \t]+THE[ \t]+(?P<name>[A-Z][A-Za-z&'’ -]{2,60}?)"
                              r"[ \t]+MEETING\b", re.MULTILINE)
# "Fenwater Community Council held their meeting remotely on ..."
_BODY_HELD = re.compile(r"^[ \t]*(?:The[ \t]+)?(?P<name>(?:[A-Z][\w'’-]*[ \t]+){1,5}(?:Council|Committee|Board|Panel|Authority|Forum))"
                        r"[ \t]+held[ \t]+(?:its|their|a|the)[ \t]+(?:\w+[ \t]+)?meeting\b", re.MULTILINE)
# "Ordinary Council Meeting held in the Council Chambers, Varrow on ...", "The Annual Parish Meeting (Village)
# was held on ...": the meeting's kind and whose meeting it was
_KIND_HELD = re.compile(r"^[ \t]*(?:The[ \t]+)?(?P<name>(?:(?:Ordinary|Special|Extraordinary|Annual|Monthly|Statutory)[ \t]+)+"
                        r"(?:Council|Committee|Board|Authority|Parish|Town|Village|Community)[ \t]+Meeting)"
                        r"(?:[ \t]+\([^)\n]{1,40}\))?[ \t]+(?:was[ \t]+)?held[ \t]+(?:in|at|on|via|by|remotely)\b",
                        re.MULTILINE)
# "Minute General Meeting of the Council Tuesday, 8 December 2020"
_MINUTE_TITLE = re.compile(r"^\s*Minutes?\s+(?!of\b)(?P<name>[A-Z][^\n]{3,100}?)\s+(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)",
                           re.MULTILINE)
_LABELLED = re.compile(r"^\s*(?:Meeting|Decided at meeting|Decision Maker|Committee|Meeting of)\s*:\s*(?P<value>.+)$",
                       re.IGNORECASE | re.MULTILINE)
_PUBLISHED = re.compile(r"(?:publication|published|publish|printed|issued|despatch|dispatch|letter\s+dated|"
                        r"circulated|call[- ]in|expiry)\W*(?:date)?\W*$", re.IGNORECASE)
_PREVIOUS = re.compile(r"(?:last|previous|preceding)\s+meeting\W+(?:\w+\W+){0,5}$|meeting\s+dated\s+$"
                       r"|\bminutes\s+of\s+(?:the\s+)?$|\bnext\s+(?:\w+\s+){0,3}?meeting\b[^.\n]{0,60}$|\b(?:deadline|not\s+later\s+than|received\s+on|"
                       r"submitted\s+by|by\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|noon)\s+on)\W+(?:\w+\W+){0,4}$"
                       r"|\b(?:confirm|approv|sign|agree|adopt|accept)\w*\s+(?:\w+\s+){0,4}?(?:the\s+)?minutes\s+of\s+the\s+(?:\w+\s+){0,8}?"
                       r"held\s+(?:on\s+)?$",
                       re.IGNORECASE)
_VENUE = re.compile(r"^\s*(?:Venue|Place|Location|Where)\s*:?\s*(?P<v>[^\n|]*)$", re.IGNORECASE | re.MULTILINE)
_HELD = re.compile(r"\bheld\s+(?:at|in)\s+(?![0-2]?\d(?:[.:]\d\d)?\s*[ap]\.?m\b)"  # not "held at 7.30pm on ..."
                   r"(?P<v>[^\n]{3,140}?(?:\n[^\n]{1,80}?)?)(?=\s*(?:,\s*)?\b(?:on|at)\s+(?:\w+day|\d)|\s+on\s+|\s*[.;]?\s*$)",
                   re.IGNORECASE | re.MULTILINE)
# "... on Thursday 9 February 2023 at 10.00 am in the Council Chamber, Town Hall"
_AT_TIME_IN = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)\s*,?\s+(?:in|at)\s+(?P<v>[^\n]{3,120}?)"
                         r"(?:\s*[.;]?\s*$|(?<=[a-z]{4})\.\s+(?=[A-Z]))",  # its line's end, or its sentence's in a paragraph
                         re.IGNORECASE | re.MULTILINE)
# a label the header's line runs on to when a PDF gives it as one paragraph
_RUN_ON_LABEL = re.compile(r"\s+(?:Date|Time|Venue|Place|Location|Present)\s*(?::.*)?$")
_ATTENDANCE_LABEL = re.compile(r"\s+(?:PRESENT|Present|(?:Members|Councillors|Cllrs)\s+[Pp]resent|IN ATTENDANCE|In [Aa]ttendance|"
                               r"APOLOGIES|Apologies|Chair|CHAIR)\b\s*:?"
                              r"|,?\s+there\s+were\s+present\b")  # "in the Council Chamber, there were present: ..."
# where a sentence ends within a line ("in the Council Chamber. Members present: ..."): a full stop after a
# word of four letters or more, so not the stop of a short form ("St. Mary's", "Co. Limerick", "Rd.")
_SENTENCE_END = re.compile(r"(?<=[A-Za-z]{4})\.\s+(?=[A-Z])")
_END_TIME = re.compile(r"(?=[mwcfMWCF])(?:meeting|which)\s+(?:closed|ended|concluded|finished|terminated|rose)\s+at"
                       r"|meeting\s+concluded\s*:|closed\s+at|meeting\s+closed\s*:|finish(?:ed)?\s*:", re.IGNORECASE)
_END_TIME_NEAR = Cues(re.compile("closed|ended|concluded|finish|terminated|rose"), 4)  # "which rose at": 3 runs
_START_TIME = re.compile(r"(?:time|commenced|start(?:ed|s)?|called\s+(?:the\s+\w+\s+)?meeting\s+to\s+order)\s*(?:at|:)?\s*$",
                         re.IGNORECASE)
_TRAIL = re.compile(r"\s*(?:[-–—|,:]\s*)?(?:\(?\b(?:Minutes|Open Minutes|Agenda and (?:draft )?minutes|Minutes?|Unconfirmed|"
                    r"Draft|Confirmed|Approved|virtual|remote|hybrid)\b\)?)\s*$"
                    r"|\s*\((?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d\)\s*$|\s+(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d\s*$",
                    re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:Minutes?\s+(?:of\s+)?(?:the\s+)?|Agenda\s+and\s+(?:draft\s+)?minutes\s*|Meeting\s+of\s+(?:the\s+)?|"
                   r"the\s+)", re.IGNORECASE)


@dataclass
class Header:
    """What the head of the minutes says of the meeting, each with where it was read."""

    committee: str | None = None
    body: str | None = None
    date: date | None = None
    date_at: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    venue: str | None = None


def tidy_name(raw: str) -> str | None:
    """A committee's name as a heading gives it: one line, no "Minutes of", no trailing year."""
    name = " ".join(raw.replace("|", " ").split()).strip(" .,:;-–—")
    name = _RUN_ON_LABEL.split(name, 1)[0]  # one paragraph: "Finance Committee Date: Tuesday 9 May ..."
    for _ in range(2):
        name = _LEAD.sub("", name)
        name = _TRAIL.sub("", name).strip(" .,:;-–—")
    if not name or len(name) > 120 or not re.search(r"[A-Za-z]{3}", name):
        return None
    if dates_in(name) or times_in(name) or re.search(r"\bheld\b|^(?:a|an)\s|^Meeting$", name, re.IGNORECASE):
        return None
    if re.match(r"(?:Venue|Place|Location|Contact|Date|Time|Where|Address)\s*:", name, re.IGNORECASE):
        return None
    if KIND_ONLY.fullmatch(name):
        return None  # "52nd Annual Meeting", "Special Meeting": which meeting, not whose
    return title_case(name) if is_upper(name) or name.islower() else name


def _committee_from_heading(line: str) -> str | None:
    """"<Committee> - <date>", "<Committee> Minutes | <date>", "THE X COUNCIL - Y COMMITTEE -"."""
    found = dates_in(line)
    if found:
        raw_before = line[:found[0][1]]
        before = re.sub(r"[\s\-–—|,]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)?[\s,]*$", "",
                        raw_before, flags=re.IGNORECASE)
        if re.search(r"[-–—|]\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?[\s,]*$", raw_before, re.IGNORECASE):
            parts = [p for p in re.split(r"\s*[-–—|]\s+|\s+[-–—|]$", before) if p.strip()]
            named = [p for p in parts if COMMITTEE_WORD.search(p)] or parts
            best = sorted(named, key=lambda p: (not _STRONG.search(p), named.index(p)))
            return tidy_name(best[0]) if best else None
        return None
    parts = [p for p in re.split(r"\s+[-–—|]\s+|\s+[-–—|]\s*$", line) if p.strip()]
    strong = [p for p in parts if _STRONG.search(p)]
    if len(parts) > 1 and strong:
        return tidy_name(strong[0])
    return None


def _from_sentence(head: str) -> tuple[str | None, str | None, int]:
    """(committee, body, offset) from "Minutes of a meeting of X held ...", the forms around it."""
    m = _BODY_HELD.search(head) or _KIND_HELD.search(head)
    if m:
        return tidy_name(m.group("name")), None, m.start()
    m = _BODY_MINUTES_OF.search(head)
    if m and not KIND_ONLY.fullmatch(f"{m.group('name')} Meeting"):  # not "... MINUTES OF THE EXTRAORDINARY MEETING OF ..."
        body = tidy_name(m.group("body"))
        return (f"{body} {tidy_name(m.group('name'))}" if body else tidy_name(m.group("name"))), body, m.start()
    best = None
    for m in [*_MINUTES_OF_HELD.finditer(head), *_MINUTES_OF_X.finditer(head), *_MINUTES_OF_EOL.finditer(head),
              *_THE_MEETING_WAS_HELD.finditer(head)]:
        name = " ".join(m.group("name").split())
        held = bool(re.match(_HELD_NEXT, head[m.end():]))
        if not COMMITTEE_WORD.search(name) and not re.search(r"\b(?:above|District|Municipal)\b", name, re.IGNORECASE):
            continue
        if re.search(r"\bmeeting\s+held\b|^(?:a|an)\s|^meeting\b|\bdated$", name, re.IGNORECASE) \
                or re.search(r"(?:approv|confirm|sign|adopt|agree)\w*\s+(?:\w+\s+){0,4}$", head[max(0, m.start() - 40):m.start()], re.IGNORECASE):
            continue  # the minutes of an earlier meeting, put for approval
        score = (held, -m.start())
        if best is None or score > best[0]:
            best = (score, m, name)
    if best is None:
        m = _MINUTE_TITLE.search(head)
        return (tidy_name(m.group("name")), None, m.start()) if m else (None, None, -1)
    _, m, name = best
    name = re.split(r"\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})", name)[0]
    if re.fullmatch(r"(?:the\s+)?Council", name.strip(), re.IGNORECASE):
        kind = re.search(r"((?:Special|Annual|Ordinary|Extraordinary|General|Monthly)\s+)+Meeting\s+of\s+(?:the\s+)?Council",
                         m.group(0), re.IGNORECASE)
        if kind:
            name = kind.group(0)
    body = None
    if re.search(r"\babove\b", name, re.IGNORECASE):
        above = head[:m.start()].rstrip().rsplit("\n", 1)[-1]
        name = above if COMMITTEE_WORD.search(above) else ""
    elif "," in name:
        first, rest = name.split(",", 1)
        if COMMITTEE_WORD.search(rest):
            body, name = first, rest
    elif own := re.match(r"(?P<b>.+?\b(?:Council|Authority))['’]s?\s+(?P<c>.+)$", " ".join(name.split())):
        if _STRONG.search(own.group("c")):  # "Brackendale Town Council's Planning Committee"
            name, body = own.group("c"), own.group("b")
    else:
        # "the Cabinet of the Brackendale District Council": the committee, then its council
        of = re.match(r"(?P<c>.+?)\s+of\s+(?:the\s+)?(?P<b>[^\n]*\b(?:Council|Authority))\s*$", " ".join(name.split()), re.IGNORECASE)
        if of and _STRONG.search(of.group("c")):
            name, body = of.group("c"), of.group("b")
    return tidy_name(without_meeting(" ".join(name.split()))), (tidy_name(body) if body else None), m.start()


_COUNCIL = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,4}(?:Community|Town|Parish|District|Borough|County|City|Regional|Shire)\s+Council)\b")


def council_by_acronym(text: str) -> str | None:
    """The council a text calls by its initials most ("TCC", "the above Council" above it having
    been lost): among the councils it names in full, the one whose initials it uses twice or more."""
    best, count = None, 1
    for name in sorted({re.sub(r"^The\s+", "", " ".join(m.group(1).split())) for m in _COUNCIL.finditer(text)}):
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        n = len(re.findall(rf"\b{initials}\b", text))
        if len(initials) >= 2 and n > count:
            best, count = name, n
    return best


def _line_above_date(lines: list[Line], date_at: int | None) -> str | None:
    """The name on the line right above the line that gives the meeting's date."""
    if date_at is None:
        return None
    for i, ln in enumerate(lines):
        if ln.start <= date_at <= ln.end:
            own = ln.text[:max(0, date_at - ln.first)]
            for _, a, b in reversed(times_in(own)):
                own = own[:a] + own[b:]
            if own.strip(" ,-–—|") and not re.fullmatch(r"[\w\s,]*?(?:Date|on|held\s+on)\W*", own, re.IGNORECASE):
                return None
            for j in range(i - 1, max(-1, i - 4), -1):
                t = lines[j].text
                if not t:
                    continue
                if t.endswith(":") or not looks_like_title(t, loose=True) or dates_in(t):
                    return None
                name = tidy_name(t)
                if name and re.search(r"\b(?:Room|Chamber|Hall|Offices|Centre|Center|House|Suite|Building|Library)\b", name):
                    return None  # a venue on the line above the date is no committee
                if name and not re.fullmatch(r"(?:Minutes|Agenda|Meeting details|Decision details|Issue - meetings)",
                                             name, re.IGNORECASE):
                    return without_meeting(name)
                return None
    return None


def meeting_date(head: str, offset: int, attendance_at: int | None) -> tuple[date, int] | None:
    """The meeting's date in the head, with its offset."""
    found = [(d, s, e) for d, s, e in dates_in(head, offset)
             if not _PUBLISHED.search(head[max(0, s - offset - 30):s - offset])
             and not _PREVIOUS.search(head[max(0, s - offset - 90):s - offset])]
    decided = [(d, s) for d, s, _ in found if re.search(r"(?:decision|decided\s+at\s+meeting|Meeting)\s*:\s*$",
                                                        head[max(0, s - offset - 30):s - offset], re.IGNORECASE)]
    if decided:
        return decided[0]
    # a date in markdown front matter ("date: 2013-08-15") is when the page was posted: the last resort
    posted = [f for f in found if re.search(r"(?m)^[ \t]*(?:date|published|modified|updated|created|title)\s*:[^\n]*$",
                                             head[head.rfind("\n", 0, f[1] - offset) + 1:f[1] - offset + 1])]
    found = [f for f in found if f not in posted]
    if attendance_at is not None:
        before = [(d, s) for d, s, _ in found if s < attendance_at]
        if before:
            return before[-1]
    found += posted
    found = [f for f in found if _header_like(head, f[1] - offset)]
    return (found[0][0], found[0][1]) if found else None


def _header_like(head: str, at: int) -> bool:
    """Is the date at `at` stated as a heading states it (on a short line, or after "held", "Date:",
    "meeting"), not in the middle of an item's prose ("a call was received on 26 November")?"""
    line_start = head.rfind("\n", 0, at) + 1
    line_end = head.find("\n", at)
    line = head[line_start:line_end if line_end >= 0 else len(head)]
    # within the header's sentence: no full stop but those of "10.00", "a.m." before the date
    return len(line.strip()) <= 160 or bool(re.search(r"(?:held|date|meeting|minutes?)\b(?:[^.]|\.(?!\s+[A-Z])){0,100}$",
                                                      head[line_start:at], re.IGNORECASE))


def read_header(text: str, lines: list[Line], start: int, head_end: int, attendance_at: int | None) -> Header:
    """The header of the meeting whose minutes start at `start`; `head_end` is where the first
    item begins, `attendance_at` where the attendance list begins, if any."""
    head = text[start:head_end]
    h = Header()
    got = meeting_date(head, start, attendance_at)
    if got is None and attendance_at is not None and attendance_at > head_end:
        # what was taken for the first item stands above the attendance list ("June 2023 Minutes", the
        # heading's lines in capitals): the head runs on to the list
        got = meeting_date(text[start:attendance_at], start, None)
    if got:
        h.date, h.date_at = got
    top = attendance_at if attendance_at is not None else head_end
    head_lines = [ln for ln in lines if start <= ln.start < top][:60]
    committee, body, _ = _from_sentence(text[start:top])
    for m in _LABELLED.finditer(text, start, top):
        value = re.sub(r"\(Item\s+\d+\)", "", m.group("value"))
        label = m.group(0).split(":")[0].strip().lower()
        if label in ("decision maker", "committee", "meeting of"):
            committee = committee or tidy_name(value)
        else:
            named = _committee_from_heading(value + " ") or _after_date(value)
            committee = committee or named
    if committee is None:
        for ln in head_lines:
            named = _committee_from_heading(ln.text)
            if named and COMMITTEE_WORD.search(named):
                committee = named
                break
    if committee is None and h.date is not None:
        for d, at, _ in dates_in(text[start:top], start):
            committee = _line_above_date(head_lines, at) if d == h.date else None
            if committee:
                break
    if committee is None:
        ranked = sorted(head_lines[:25], key=lambda ln: not _STRONG.search(ln.text))
        for ln in ranked:
            if ln.text and looks_like_title(ln.text) and re.search(rf"\b(?:{BODY_WORDS.replace('|Meeting', '')})(?:\s+Minutes)?\W*$",
                                                                   ln.text, re.IGNORECASE) \
                    and not dates_in(ln.text):
                committee = tidy_name(ln.text)
                if committee:
                    break
    h.committee, h.body = committee, body
    _times(h, head)
    h.venue = _venue(head)
    return h


def _after_date(value: str) -> str | None:
    """"06/12/2012 - Health Select Commission" → the name after the date."""
    found = dates_in(value)
    if not found:
        return None
    rest = value[found[0][2]:].strip(" -–—|")
    return tidy_name(rest) if rest else None


def _times(h: Header, head: str) -> None:
    rng = time_range(head)
    if rng:
        h.start_time, h.end_time = rng
        return
    found = times_in(head)
    if found:
        h.start_time = found[0][0]


def end_time(text: str, start: int, end: int) -> time | None:
    """"The meeting closed at 8.45 pm", "Meeting Concluded: 4.38pm", the last one stated."""
    out = None
    for m in finditer_near(_END_TIME, text, start, end, _END_TIME_NEAR):
        got = times_in(text[m.end():m.end() + 20]) or _bare_time(text[m.end():m.end() + 12])
        if got:
            out = got[0][0]
    return out


def _bare_time(s: str) -> list:
    m = re.match(r"\s*(\d{1,2})[.:](\d{2})\b", s)
    if not m:
        return []
    hour = int(m.group(1))
    hour = hour + 12 if hour < 8 else hour  # a sitting that closes at "8.45" closes in the evening
    return [(time(hour, int(m.group(2))), 0, 0)] if hour < 24 else []


def _venue(head: str) -> str | None:
    m = _VENUE.search(head)
    if m:
        v = m.group("v").strip(" .,:")
        if not v:
            rest = head[m.end():].lstrip("\n").split("\n", 1)[0]
            v = rest.strip(" .,:|")
        return " ".join(v.split()) or None
    m = _HELD.search(head) or _AT_TIME_IN.search(head)
    if m:
        v = _SENTENCE_END.split(" ".join(m.group("v").split()), 1)[0]
        v = _ATTENDANCE_LABEL.split(v, 1)[0].strip(" .,")  # "in the Hall PRESENT: ..." in one paragraph
        return (title_case(v) if is_upper(v) else v) or None
    return None


def year_for(found: list[tuple[date, int, int]], after: date) -> date | None:
    """Of day-and-month dates placed in a year, the first on or after `after` (a later year's
    when the month has passed: "NEXT MEETING MONDAY 5 FEBRUARY" after a December meeting)."""
    for d, _, _ in found:
        try:
            cand = d if d > after else d.replace(year=d.year + 1)
        except ValueError:
            continue
        if cand > after and (cand - after).days < 366:
            return cand
    return None


__all__ = ["Header", "read_header", "end_time", "tidy_name", "own_council", "without_meeting", "COMMITTEE_WORD",
           "BODY_WORDS", "dates_without_year", "year_for"]
