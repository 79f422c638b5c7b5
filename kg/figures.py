"""Figures: the numbers minutes quote, so that one can be traced from meeting to meeting.

Three kinds, found from the shape of the text:

- money: "£330.9m", "£798,000", "£1.2 million", "£45k" (value in pounds, unit "GBP");
- rates: "61%", "12 per cent" (unit "percent");
- counts: a number followed by what it counts, "622 looked after children",
  "1,126 families", "164 needs assessments" (unit "count").

What a figure counts is read from the words around it: for a count, the noun phrase after
the number; for money and rates, the phrase before "of £..." ("a net budget of £118.6m"),
or the words after it ("£310,000 a year", "12% fall in first time entrants"). Years,
dates, minute and paragraph numbers, ages and times are not figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kg.models import AgendaItem, Document, Meeting, Span

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY = re.compile(rf"£\s?(?P<num>{NUMBER})(?:\s?(?P<mult>bn|billion|m|million|k|thousand)\b)?")
# NUMBER after its first digit: RATE and COUNT are `(?<![...])(?P<num>{NUMBER})` written to begin
# with that digit, which lets `re` skip to the digits of a text rather than try every character
# (the look-behind, two characters wide, looks at the one before the digit as before)
NUMBER_REST = r"\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?"
RATE = re.compile(rf"(?P<num>\d(?<![\w.,£]\d)(?:{NUMBER_REST}))\s?(?:%|per\s?cent\b|percent\b)")
COUNT = re.compile(rf"(?P<num>\d(?<![\w.,£/-]\d)(?:{NUMBER_REST}))(?![\w%]|\.\d|,\d|\s?(?:%|per\s?cent|percent)|/)")
MULTIPLIER = {"bn": 10 ** 9, "billion": 10 ** 9, "m": 10 ** 6, "million": 10 ** 6, "k": 1000, "thousand": 1000}
# words before a number that make it a reference, not a quantity
REFERENCE_BEFORE = re.compile(
    r"(?i)(?:minute|minutes|item|items|paragraph|paragraphs|para|page|pages|appendix|annex|section|stage|"
    r"standing\s+order|order|rule|no\.?|number|year|years|aged|age|ages|room|key\s+stage|phase|tier|level|"
    r"quarter|q|version|agenda|clause|regulation|schedule|part|chapter|ks|covid|the|since|from|to|and|until|"
    r"between|in|on|by|at|of|top|under|over|about|around)\s*$")
# what a count can count: plural nouns, or these collective ones
COLLECTIVE = {"children", "people", "staff", "young", "families", "adults", "pupils", "schools", "cases",
              "members", "carers", "places", "homes", "referrals", "contacts", "plans", "posts", "beds"}
STOP = {"of", "in", "on", "at", "for", "with", "and", "or", "to", "from", "by", "which", "who", "that",
        "had", "have", "has", "were", "was", "are", "is", "be", "been", "would", "will", "could", "than",
        "compared", "against", "a", "an", "the", "per", "each", "this", "these", "those", "its", "their"}
ARTICLES = re.compile(r"(?i)^(?:a|an|the|its|their|our|some|total|overall)\s+")
# a count's neighbours that make it a reference or a date, not a count
# `REFERENCE_BEFORE`, `OF_BEFORE` and `NAMED_REFERENCE` end in a word of at most this many
# letters ("paragraphs"; "standing order" ends in "order", itself a word of the first) and
# then only spaces, so one matches if one matches among the last characters before them
LONGEST_WORD = 12
OF_BEFORE = re.compile(r"(?i)\b(?:of|to|from|by|at|in)\s*$")
NAMED_REFERENCE = re.compile(r"(?i)\b(?:minute|item|paragraph|page|appendix|stage|order|rule|aged?|section)\s*$")
NOT_COUNT_AFTER = re.compile(rf"\s*(?:{MONTHS})\b|\s*(?:am|pm|a\.m|p\.m|years?\s+old|year-olds?|st|nd|rd|th)\b|[:.]\d|"
                             r"\s*[-–]\s*\d|\)", re.IGNORECASE)
SPACES = re.compile(r"\s+")
# up to six (eight) words, each after whitespace: the words after a figure up to the first that is not one
WORDS_AFTER = {limit: re.compile(rf"(?:\s*[A-Za-z][A-Za-z'’-]*){{0,{limit}}}") for limit in (6, 8)}
# "a net budget of", "savings were about": what names money before it (`_before_of`), and its
# last words on their own, which must be there for it to match
OF_TAIL = (r"\s+(?:of|was|is|were|be|totalling|totals?|at|amounting\s+to)\s*"
           r"(?:about|around|some|approximately|nearly|over|almost)?\s*$")
BEFORE_OF = re.compile(rf"([A-Za-z][A-Za-z0-9'’/ -]{{2,80}}?){OF_TAIL}")
OF_TAIL_ONLY = re.compile(OF_TAIL)
OF_TAIL_WORDS = ("of", "was", "is", "were", "be", "totalling", "total", "totals", "at", "to", "about", "around",
                 "some", "approximately", "nearly", "over", "almost")
WHEN_TAIL = re.compile(r"\s+(?:in|for|during|by|at)\s+[\d/ -]+$")  # "... in 2024/25"
DIGIT = re.compile(r"\d")
SENTENCE_LEFT = re.compile(r"(?s:.*)(?:[.;!?](?=\s)|\n\s*\n|\|)")  # up to the last boundary
SENTENCE_RIGHT = re.compile(r"[.;!?](?=\s|$)|\n\s*\n|\|")


@dataclass(frozen=True)
class FigureFound:
    """One number quoted in the text: its value, unit, what it counts, where."""

    surface: str
    value: Decimal
    unit: str  # GBP | percent | count
    counts: str | None
    sentence: str
    span: Span
    sentence_span: Span


def find_figures(text: str, offset: int = 0) -> list[FigureFound]:
    """Every figure in `text`, in order; spans are offsets + `offset`."""
    out: list[FigureFound] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in MONEY.finditer(text):
        value = _decimal(m.group("num"))
        if value is None:
            continue
        mult = (m.group("mult") or "").lower()
        if mult:
            value *= MULTIPLIER[mult]
        counts = _before_of(text, m.start()) or _after(text, m.end())
        out.append(_figure(text, offset, m.start(), m.end(), value, "GBP", counts))
        taken.append((m.start(), m.end()))
    for m in RATE.finditer(text):
        value = _decimal(m.group("num"))
        if value is None or not free(m.start(), m.end()):
            continue
        counts = _rate_of(text, m.start(), m.end())
        out.append(_figure(text, offset, m.start(), m.end(), value, "percent", counts))
        taken.append((m.start(), m.end()))
    for m in COUNT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        num = m.group("num")
        value = _decimal(num)
        if value is None or value == 0 or "." in num:
            continue
        if "," not in num and 1900 <= value <= 2100:
            continue  # a year
        before = text[max(0, m.start() - 25):m.start()]
        last_word = max(0, len(before.rstrip()) - LONGEST_WORD)
        if REFERENCE_BEFORE.search(before, last_word) and not OF_BEFORE.search(before, last_word):
            continue
        if NAMED_REFERENCE.search(before, last_word):
            continue
        if NOT_COUNT_AFTER.match(text[m.end():m.end() + 40]):
            continue
        counts = _counted(text, m.end())
        if counts is None:
            continue
        out.append(_figure(text, offset, m.start(), m.end(), value, "count", counts))
        taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f.span.start)


def _figure(text: str, offset: int, s: int, e: int, value: Decimal, unit: str, counts: str | None) -> FigureFound:
    ss, se = _sentence_bounds(text, s, e)
    return FigureFound(SPACES.sub(" ", text[s:e]), Decimal(format(value.normalize(), "f")),
                       unit, counts, " ".join(text[ss:se].split()), Span(offset + s, offset + e),
                       Span(offset + ss, offset + se))


def _decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


def _words_after(text: str, end: int, limit: int = 6) -> list[str]:
    """The words (letters, apostrophes, hyphens) after `end`, at most `limit`, up to the first
    thing that is not one; a word ends where a letter is not followed by one, so the next
    begins after whitespace."""
    return WORDS_AFTER[limit].match(text[end:end + 80]).group(0).split()


def _counted(text: str, end: int) -> str | None:
    """"622 looked after children" → "looked after children": the words after a number up
    to and including its head noun (a plural, or a collective noun)."""
    words = _words_after(text, end)
    phrase: list[str] = []
    head = None
    for k, w in enumerate(words):
        low = w.lower()
        if low in STOP and low not in ("after",) or (k == 0 and low in STOP):
            break
        phrase.append(w)
        if low in COLLECTIVE or (len(low) > 3 and low.endswith("s") and not low.endswith("ss") and low not in STOP):
            head = len(phrase)
            nxt = words[k + 1].lower() if k + 1 < len(words) else ""
            if low == "young" and nxt == "people":
                continue
            if nxt not in COLLECTIVE and not (nxt.endswith("s") and len(nxt) > 3 and nxt not in STOP):
                break
    if head is None or phrase[0][:1].isupper() and len(phrase) > 1 and phrase[1][:1].isupper():
        return None  # a name ("12 Downing Street"), not a count
    return " ".join(phrase[:head])


CHANGE = {"increase", "rise", "fall", "reduction", "decrease", "drop", "growth", "decline", "cut", "share",
          "proportion", "rate", "improvement"}
CHANGE_BY = re.compile(
    r"([A-Za-z][A-Za-z'’ -]{2,60}?)\s+(?:had\s+|has\s+|have\s+)?(?:risen|rose|fallen|fell|increased|decreased|grown|grew|"
    r"dropped|reduced|gone\s+up|gone\s+down|improved)\s+(?:by|to)\s*(?:a\s+)?(?:further\s+)?"
    r"(?:about|around|some|nearly|almost|over)?\s*$")
CHANGE_BY_LAST = ("by", "to", "a", "further", "about", "around", "some", "nearly", "almost", "over")  # how it can end
CLAUSE_VERB = re.compile(r"(?i)\b(?:is|was|are|were|be|been|would|will|had|has|have|forecast|expected|estimated|"
                         r"projected|proposed\s+to|set|totalling|totals?|amounting)\b")


def _noun_phrase(words: list[str], limit: int = 5) -> str | None:
    out = []
    for w in words:
        if w.lower() in STOP and out:
            break
        if w.lower() in STOP:
            continue
        out.append(w)
        if len(out) >= limit:
            break
    return " ".join(out) or None


def _rate_of(text: str, start: int, end: int) -> str | None:
    """"61% of children" → "children"; "a 9% increase in contacts" → "increase in contacts";
    "requests rose by 7%" → "requests"."""
    words = _words_after(text, end, 8)
    low = [w.lower() for w in words]
    if low[:1] == ["of"]:
        return _noun_phrase(words[1:])
    if low and low[0] in CHANGE:
        if len(low) > 1 and low[1] in ("in", "on", "of") and len(words) > 2:
            rest = _noun_phrase(words[2:])
            return f"{words[0]} {words[1]} {rest}" if rest else words[0]
        return words[0]
    window = text[max(0, start - 80):start]
    before = CHANGE_BY.search(window) if window.rstrip().endswith(CHANGE_BY_LAST) else None
    if before:
        return _clause_tail(before.group(1))
    return None


def _before_of(text: str, start: int) -> str | None:
    """"a net budget of £118.6m" → "net budget"; "savings of £3.2m" → "savings"."""
    before = text[max(0, start - 90):start]
    if not before.rstrip().endswith(OF_TAIL_WORDS):
        return None
    tail = OF_TAIL_ONLY.search(before)  # where the first tail begins: the phrase ends there or later
    if tail is None:
        return None
    # the phrase is at most 81 characters, so it starts no earlier than 81 before that tail
    m = BEFORE_OF.search(before, max(0, tail.start() - 81))
    if not m:
        return None
    return _clause_tail(m.group(1))


def _clause_tail(phrase: str) -> str | None:
    """The noun phrase a figure is about, from the words before it: the subject before any
    verb, without a trailing "in 2024/25", at most six words, no leading article."""
    phrase = CLAUSE_VERB.split(phrase)[0]
    phrase = WHEN_TAIL.sub("", phrase.strip())
    words = [w for w in phrase.split() if not DIGIT.search(w)][-6:]
    while words and (words[0].lower() in STOP or words[0].lower() in {"proposed", "total", "overall"}):
        words = words[1:]
    return " ".join(words) or None


def _after(text: str, end: int) -> str | None:
    """"£310,000 a year" → "a year"; "£845,000 savings" → "savings"."""
    words = _words_after(text, end, 6)
    if words[:2] and words[0].lower() in ("a", "per", "each") and len(words) > 1:
        return f"{words[0]} {words[1]}"
    return _noun_phrase(words) if words and words[0].lower() not in STOP else None


def _sentence_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    """The sentence (or table cell) around text[s:e], at most 600 characters each way."""
    lo = max(0, s - 600)
    last = SENTENCE_LEFT.match(text[lo:s])  # ends where the last boundary before the figure ends
    left = last.end() if last else 0
    m = SENTENCE_RIGHT.search(text[e:e + 600])
    end = e + m.end() if m else min(len(text), e + 600)
    return lo + left, end


# ---------------------------------------------------------------- the texts whose figures are kept

def item_parts(item: AgendaItem) -> tuple[Span, Span]:
    """An item's title and the body after it (the whole item when it has no title span)."""
    title_span = item.title_span or Span(item.span.start, item.span.start)
    return title_span, Span(max(title_span.end, item.span.start), item.span.end)


def report_extent(m: Meeting, k: int) -> Span:
    """The text of a pack's k-th report: up to the next report, or the end of the meeting."""
    report = m.reports[k]
    end = m.reports[k + 1].span.start if k + 1 < len(m.reports) else m.span.end
    return Span(report.span.start, max(end, report.span.end))


def precompute_figures(doc: Document, meetings: list[Meeting]) -> None:
    """Find the figures of every item body and pack report of `doc` now and keep them on the
    document (`doc.figures`, by span), where `kg.decisions` looks first: `kg.build` calls this
    in the per-document stage, so the search runs in the worker processes and is kept in the
    extraction cache. A span not kept is searched when asked for."""
    spans = [item_parts(item)[1] for m in meetings for item in m.items]
    spans += [report_extent(m, k) for m in meetings for k in range(len(m.reports))]
    for span in spans:
        if (span.start, span.end) not in doc.figures:
            doc.figures[(span.start, span.end)] = find_figures(doc.text[span.start:span.end], span.start)
