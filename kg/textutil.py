"""Small text helpers shared by the segmenter and the builder: dates, times, whitespace,
and a same-length "mask" so that cleaning text never moves a character offset."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, time

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
            r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "18 November 2020", "Tuesday, 21 January 2020", "18th July 2018", "02 June 2020"
DATE_RE = rf"(?:{WEEKDAY_RE},?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\.?,?\s+(\d{{4}})"
DATE_PATTERN = re.compile(DATE_RE, re.IGNORECASE)
# "9.30am – 12.12pm", "2.00 – 4.12pm", "1.30 – 2.38pm", "10.00 am - 12.05 pm", "14:00 - 16:12"
TIME_RANGE = re.compile(
    r"(?<![\d.£])(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:–|—|-|to)\s*"
    r"(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|noon)?(?![\d])", re.IGNORECASE)


def squash(text: str) -> str:
    """Collapse every run of white space to one space and trim."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A comparison key: ASCII, lower case, letters and digits only, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def slug(text: str, limit: int = 60) -> str:
    """A readable, stable IRI segment: "Mrs. P. A. Okafor CC" -> "mrs-p-a-okafor-cc"."""
    s = fold(text).replace(" ", "-")[:limit].strip("-")
    return s or "x"


# "14/11/2023", "14.11.2023": day first, as British minutes write them; only where no date in words is
NUMERIC_DATE = re.compile(r"(?<![\w/.£$])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})(?![\d/])")


def parse_date(text: str) -> date | None:
    """The first full date in `text`, or None. Never guesses a missing year or day."""
    m = DATE_PATTERN.search(text)
    if m:
        return _date_from_match(m)
    n = NUMERIC_DATE.search(text)
    if n:
        try:
            return date(int(n.group(4)), int(n.group(3)), int(n.group(1)))
        except ValueError:
            return None
    return None


def _date_from_match(m: re.Match) -> date | None:
    day, month, year = int(m.group(1)), MONTHS.get(m.group(2).lower().rstrip(".")), int(m.group(3))
    try:
        return date(year, month, day) if month else None
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every full date in `text` with its offsets."""
    out = []
    for m in DATE_PATTERN.finditer(text):
        d = _date_from_match(m)
        if d:
            out.append((d, m.start(), m.end()))
    return out


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    mer = (meridiem or "").lower().replace(".", "")
    if mer == "noon":
        return time(12, 0)
    if mer == "pm" and hour < 12:
        hour += 12
    if mer == "am" and hour == 12:
        hour = 0
    return time(hour, minute) if 0 <= hour < 24 and 0 <= minute < 60 else None


def parse_time(text: str) -> time | None:
    """One clock time with its am/pm: "6.30 pm", "10am", "2.00 p.m."."""
    m = re.fullmatch(r"\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)\s*", text, re.IGNORECASE)
    return _clock(int(m.group(1)), int(m.group(2) or 0), m.group(3)) if m else None


def parse_time_range(text: str) -> tuple[time, time] | None:
    """Start and end of a sitting from "9.30am – 12.12pm" or "1.30 – 2.38pm".

    A start written without am/pm takes the end's, unless that would put it after the end
    ("11.00 – 1.15pm" starts in the morning). Needs at least one am/pm or a 24-hour clock.
    """
    for m in TIME_RANGE.finditer(text):
        h1, m1, mer1, h2, m2, mer2 = m.groups()
        if not (mer1 or mer2) and not (m1 and m2 and (int(h1) > 12 or int(h2) > 12)):
            continue
        if not m2 and not mer2:
            continue
        end = _clock(int(h2), int(m2 or 0), mer2)
        if end is None:
            continue
        if mer1:
            start = _clock(int(h1), int(m1 or 0), mer1)
        else:
            start = _clock(int(h1), int(m1 or 0), mer2)
            if start and start > end:
                start = _clock(int(h1), int(m1 or 0), "am")
        if start and start < end:
            return start, end
    return None


def mask(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces (newlines kept): offsets never move."""
    piece = re.sub(r"[^\n]", " ", text[start:end])
    return text[:start] + piece + text[end:]


def mask_pattern(text: str, pattern: re.Pattern, group: int = 0) -> str:
    """Blank out every match of `pattern` (or one group of it), keeping offsets."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        s, e = m.span(group)
        if s < pos or s == e:
            continue
        out.append(text[pos:s])
        piece = text[s:e]
        out.append(_BLANK.sub(" ", piece) if "\n" in piece else " " * len(piece))
        pos = e
    out.append(text[pos:])
    return "".join(out)


_BLANK = re.compile(r"[^\n]")


SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on",
               "or", "the", "to", "with", "within", "against", "under", "over"}


def title_case(text: str) -> str:
    """Sensible title case for an all-capitals heading: small words lower, acronyms kept
    when they hold no vowel or sit in brackets ("(SEND)")."""
    words = squash(text).split(" ")
    out = []
    for i, w in enumerate(words):
        bare = re.sub(r"[^A-Za-z]", "", w)
        if w.startswith("(") and w.endswith(")") and bare.isupper():
            out.append(w)
        elif bare.isupper() and len(bare) > 1 and not re.search(r"[AEIOUY]", bare):
            out.append(w)
        elif i > 0 and bare.lower() in SMALL_WORDS and bare == w.upper().strip(",:;"):
            out.append(w.lower())
        else:
            out.append(_cap_word(w))
    return " ".join(out)


def _cap_word(w: str) -> str:
    parts = re.split(r"([\-–/])", w.lower())
    return "".join(p[:1].upper() + p[1:] if p and p[0].isalpha() else _cap_inner(p) for p in parts)


def _cap_inner(p: str) -> str:
    # "(send)" -> "(Send)", "‘agenda" -> "‘Agenda"
    for i, ch in enumerate(p):
        if ch.isalpha():
            return p[:i] + ch.upper() + p[i + 1:]
    return p
