"""Cues for reports and follow-ups that more than one reader shares: the previous meeting's
minutes, a report "marked 'Agenda Item 8'", a request for something to come back, when it is due,
and a report's authors split into posts.

(Kept apart from `kg.segment.reports` so that the agenda-pack reader and the minutes reader use
the same wording without importing each other.)
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kg.textutil import DATE_RE, MONTH_RE, MONTHS, find_dates, squash, title_case

__all__ = ["PREVIOUS_MINUTES", "COPY_OF_REPORT", "FOLLOW_UP", "split_authors", "due_date"]

# "the minutes of the last meeting of the Committee held on 12 May 2023"
PREVIOUS_MINUTES = re.compile(rf"minutes\s+of\s+the\s+(?:last\s+)?meeting\s+(?:of\s+the\s+\w+(?:\s+\w+){{0,6}}?\s+)?held\s+on\s+{DATE_RE}",
                              re.IGNORECASE)
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


# "Scrutiny Manager, ...": a post whose noun comes after a word or two of its area
_POST_NOUN_SOON = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,3}(?:Manager|Officer|Director|Co-?ordinator|Advis[eo]r|Lead|Head|Clerk|"
                             r"Commissioner|Engineer|Solicitor|Auditor|Secretary|Treasurer)\b")


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
            left = last[:cand.start()].split()
            if left and re.match(rf"(?:Vice|Deputy)[- ]{re.escape(left[-1])}\b", right, re.IGNORECASE):
                continue  # "Chair and Vice-Chair of the Commission": one pair of posts of one body
            if (POST_HEAD.match(right) or _POST_NOUN_SOON.match(right)) and not re.match(r"(?:Children|Council)\b", right, re.IGNORECASE):
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



NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}


def due_date(text: str, meeting_date: date | None) -> tuple[date | None, str | None]:
    """When a follow-up is due, and how precisely the text says so.

    "on 19 January 2021" → (2021-01-19, "day"); "in September 2020" → (2020-09-01, "month");
    "in 6 months' time" → meeting date + 6 months, "relative" (None when the meeting is
    undated); "a future meeting" → (None, None). Nothing is guessed beyond what is written."""
    dates = find_dates(text)
    if dates:
        return dates[0][0], "day"
    m = re.search(rf"\b(?:in|by|during|until|before|end of)\s+({MONTH_RE})\s+(\d{{4}})\b", text, re.IGNORECASE)
    if m:
        return date(int(m.group(2)), MONTHS[m.group(1).lower()], 1), "month"
    m = re.search(r"\b(?:in|within)\s+(?:the\s+next\s+)?(\d{1,2}|[a-z\-]+)\s+(month|year|week)s?['’]?\s*(?:time)?", text, re.IGNORECASE)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1).lower())
        if n and meeting_date:
            unit = m.group(2).lower()
            if unit == "week":
                return meeting_date + timedelta(weeks=n), "relative"
            months = n * (12 if unit == "year" else 1)
            y, mo = divmod(meeting_date.month - 1 + months, 12)
            day = min(meeting_date.day, 28)
            return date(meeting_date.year + y, mo + 1, day), "relative"
        return None, "relative" if n else None
    return None, None
