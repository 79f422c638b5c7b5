"""Dates and clock times as minutes write them, anywhere in the world.

"Monday, 28th February, 2011", "Tuesday 10TH DECEMBER, 2019", "the 18thday of JULY 2023",
"15th JANUARY,\\n2015", "14 th May 2018" (a PDF's raised suffix), "April 20, 2020", "14/11/2023" and
"14.11.2023" (day first, as British, Irish and Australasian minutes write them), "2020-04-20". A date without its year is never
completed by guessing; `dates_without_year` finds them for the caller to place against a year the
same document states.

kg locates a date (the patterns below); `dateutil` reads the located day, month and year
(day first), so month names and their short forms are read by the library, not a table here.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache

from dateutil import parser as dateparser

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_ORD = r"(?:st|nd|rd|th|™|\"|”|'')?"
# in a full date a PDF's text may part the day from its suffix, which was printed raised: "14 th May 2018", "1 ST SEPTEMBER"
_ORD_FULL = r"(?:[ \t]?(?:st|nd|rd|th)|™|\"|”|'')?"
DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d/:.])(?:{WEEKDAY}[,\s]+)?(?:the\s+)?(?P<d>[0-3]?\d){_ORD_FULL}(?:[ \t]*day)?[ \t]*(?:\n[ \t]*)?(?:of[ \t]+)?(?:[ \t]*[-–]?[ \t]*)"
    rf"(?P<m>{MONTH})\b\.?,?\s*(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"(?<![\w/])(?P<m>{MONTH})\b\.?\s+(?P<d>[0-3]?\d){_ORD_FULL},?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
                            re.IGNORECASE)
NUMERIC = re.compile(r"(?<![\w/.£$€-])(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])")
ISO = re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")
DAY_MONTH = re.compile(rf"(?<![\w/])(?:{WEEKDAY}[,\s]+)?(?:the\s+)?(?P<d>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<m>{MONTH})\b"
                       rf"(?!\.?,?\s*(?:19|20)\d\d)", re.IGNORECASE)
MONTH_DAY = re.compile(rf"(?<![\w/])(?P<m>{MONTH})\b\.?\s+(?P<d>[0-3]?\d){_ORD}(?![\d,]*\s*(?:19|20)\d\d)(?![\d:.])",
                       re.IGNORECASE)

CLOCK = re.compile(r"(?<![\d.£$€/:])(?P<h>[0-2]?\d)(?:[.:](?P<min>[0-5]\d))?\s*(?P<mer>a\.?\s?m\.?|p\.?\s?m\.?|noon)(?![a-z])"
                   r"|(?<![\d.£$€/:])(?P<h24>[0-2]?\d):(?P<m24>[0-5]\d)(?![\d:])", re.IGNORECASE)


_YEAR = re.compile(r"(?:19|20)\d\d")  # what each full date's pattern holds

_NO_DEFAULT = datetime(2000, 1, 1)


@lru_cache(maxsize=4096)
def _parse(text: str, dayfirst: bool) -> date | None:
    """The date `dateutil` reads in a located date; None when there is no such day ("31/02/2020")."""
    try:
        return dateparser.parse(text, dayfirst=dayfirst, yearfirst=not dayfirst, default=_NO_DEFAULT).date()
    except (ValueError, OverflowError):
        return None


def _make(y: str, m: str, d: str) -> date | None:
    """The day `d` of month `m` (a number or a month's name, "Sept.", "JULY") of year `y`;
    never a month and day swapped ("05/13/2023" is no date)."""
    got = _parse(f"{int(d)} {m.rstrip('.')} {y}" if not m.isdigit() else f"{int(d)}/{int(m)}/{y}", True)
    return got if got is not None and got.day == int(d) and str(got.year) == y else None


def dates_in(text: str, offset: int = 0) -> list[tuple[date, int, int]]:
    """Every full date in `text`, in order, with its offsets (plus `offset`)."""
    if not _YEAR.search(text):
        return []  # every full date holds its year
    found: dict[int, tuple[date, int, int]] = {}
    taken: list[tuple[int, int]] = []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO, NUMERIC):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = _make(m.group("y"), m.group("m"), m.group("d"))
            if d is not None:
                found[m.start()] = (d, m.start() + offset, m.end() + offset)
                taken.append(m.span())
    return [found[k] for k in sorted(found)]


def first_date(text: str) -> date | None:
    got = dates_in(text)
    return got[0][0] if got else None


def dates_without_year(text: str, year: int) -> list[tuple[date, int, int]]:
    """Day-and-month dates ("MONDAY 4 DECEMBER", "April 20") placed in `year`, the year the
    document itself states; the caller decides whether that year applies."""
    out = []
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(text):
            d = _make(str(year), m.group("m"), m.group("d"))
            if d is not None:
                out.append((d, m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def clock(m: re.Match) -> time | None:
    """The time a CLOCK match names."""
    if m.group("h24") is not None:
        h, mi = int(m.group("h24")), int(m.group("m24"))
        return time(h, mi) if h < 24 else None
    h, mi = int(m.group("h")), int(m.group("min") or 0)
    mer = re.sub(r"[\s.]", "", m.group("mer").lower())
    if mer == "noon":
        return time(12, 0)
    if h > 12 or h == 0:
        return None
    if mer == "pm" and h < 12:
        h += 12
    if mer == "am" and h == 12:
        h = 0
    return time(h, mi)


def times_in(text: str) -> list[tuple[time, int, int]]:
    """Every clock time with am/pm ("7.00pm", "10.30 a.m.") or in 24-hour form ("18:30")."""
    out = []
    for m in CLOCK.finditer(text):
        t = clock(m)
        if t is not None:
            out.append((t, m.start(), m.end()))
    return out


# "10:00 to 11:30", "10.00am-11.59am", "2.30pm – 4.38pm": a sitting's start and end
RANGE = re.compile(r"(?<![\d.:/£$])(?P<a>[0-2]?\d(?:[.:][0-5]\d)?\s*(?:[ap]\.?\s?m\.?)?)\s*(?:–|—|-|to)\s*"
                   r"(?P<b>[0-2]?\d(?:[.:][0-5]\d)?\s*(?:[ap]\.?\s?m\.?|noon)?)(?![\d])", re.IGNORECASE)


def time_range(text: str) -> tuple[time, time] | None:
    """Start and end from "10:00 to 11:30" or "10.00am-11.59am" (one am/pm may serve both)."""
    for m in RANGE.finditer(text):
        a, b = times_in(m.group("a")), times_in(m.group("b"))
        if not b:
            continue
        end = b[0][0]
        if a:
            start = a[0][0]
        else:
            mer = re.search(r"[ap]\.?\s?m", m.group("b"), re.IGNORECASE)
            if not mer or not re.fullmatch(r"\s*[0-2]?\d(?:[.:][0-5]\d)?\s*", m.group("a")):
                continue
            start_m = CLOCK.search(m.group("a").strip() + mer.group(0))
            start = clock(start_m) if start_m else None
        if start and start < end:
            return start, end
    return None
