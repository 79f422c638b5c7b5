"""Whose minutes these are: the council or public body a document belongs to.

Minutes name their body in a few shapes, all near the top of the page:

* a heading or letterhead line that is the body's name and nothing else
  ("Fenwater District Council", "NORTHMOOR COMMUNITY COUNCIL", "# Town of Eastbrook");
* a heading line that starts with it and goes on to the committee or the date
  ("THE FENWATER COUNCIL - POLICY AND RESOURCES COMMITTEE", "Upland Police and Crime Panel -
  Thursday, 5th March, 2024", "MARSHLAND NATIONAL PARK AUTHORITY MINUTES OF THE BOARD MEETING");
* the opening sentence: "Minutes of a meeting of Fenwater District Council held ...", "A
  meeting of Northmoor City and County Council, Housing Committee was held ...";
* a page title ending in the body: "Agenda and minutes | Fenwater District Council".

"Minutes of a meeting of the above Council" names it by the heading above, which the first
shape reads. A name made only of council words ("the County Council", "Full Council") names no
body. Nothing else is guessed: a council named in passing in the text is not the document's
own, so `body_of` answers None rather than pick one.
"""
from __future__ import annotations

import re

from kg.segment.literal import WORD_START, Cues, finditer_near
from kg.textutil import fold, squash, title_case

__all__ = ["body_of", "body_key", "HEAD_CHARS"]

#: how much of the text is looked at: the body is named in the first lines or not at all
HEAD_CHARS = 3000
#: a standalone heading naming the body is one of the first few lines
HEADING_LINES = 12

# the words a body's name ends in ("... District Council", "... Fire and Rescue Authority")
_HEAD = (r"(?:Council|Authority|Police\s+and\s+Crime\s+Panel|Township|"
         r"Combined\s+Authority|Corporation\s+of\s+London)")
# the words a body's name may open with instead ("Town of Eastbrook", "London Borough of Fenwater")
_PREFIX = r"(?:Town|Township|Village|Shire|City|Municipality|(?:London|Royal)\s+Borough)\s+of"
# one word of a place's name: capitalised (any case after), hyphenated, with an apostrophe, or "&"
_WORD = r"(?:[A-Z][A-Za-z'’.]*(?:-[A-Za-z][A-Za-z'’]*)*|&|and|of|upon|the|le|la)"
_NAME = rf"(?:{_WORD}(?:[ \t]+|[ \t]*\n[ \t]*)){{1,7}}?{_HEAD}\b"
_PREFIXED = rf"{_PREFIX}[ \t]+{_WORD}(?:[ \t]+(?!(?:minutes|meeting|held)\b){_WORD}){{0,4}}"  # "SHIRE OF FENWATER MINUTES"
_BODY = rf"(?:{_NAME}|{_PREFIXED})"

# what a name's words are, when they are only the council's own words: no body named
_GENERIC = {"the", "county", "district", "borough", "city", "town", "parish", "community", "regional",
            "metropolitan", "full", "and", "of", "council", "authority", "local", "unitary", "this",
            "above", "said", "principal", "combined", "islands", "national", "park", "fire", "rescue",
            "police", "crime", "panel", "township", "ordinary", "annual", "special", "extraordinary",
            "general", "meeting", "minutes", "adjourned", "monthly", "inaugural", "emergency", "reconvened",
            "regular", "urgent", "additional", "statutory", "agm", "egm", "cabinet", "executive", "shadow", "neighbouring", "our", "your",
            "a", "an", "its", "each", "every", "other", "all", "any", "whole", "new", "old", "same",
            "last", "previous", "next", "this", "that"}  # "the minutes of the last Full Council meeting"
# a council that is a forum of some people, not a public body ("Youth Council", "Children in Care Council")
_FORUM = {"youth", "children", "child", "parent", "parents", "pupil", "pupils", "school", "schools",
          "student", "students", "care", "business", "arts", "sports", "faith", "tenants", "tenant",
          "residents", "carers", "elders", "senior", "young", "people", "leavers", "staff", "works"}

_MARKUP = re.compile(r"<[^>]{0,200}>|^\s*#{1,6}\s+|^\s*Page\s+\d+\s+of\s+\d+\b|\*\*|__|^\s*[|>]+|[|]+\s*$")
_STANDALONE = re.compile(rf"(?:the\s+)?({_BODY})[\s.:,;|]*", re.IGNORECASE)
_LEADING = re.compile(rf"(?:the\s+)?({_BODY})\s*(?:[-–—:,|.]\s*\S|MINUTES\b|Minutes\b|MEETING\b|Meeting\b)", re.IGNORECASE)
# a Welsh council's heading gives its name in Welsh first: "CYNGOR CYMUNED FENWATER COMMUNITY COUNCIL"
_WELSH_LEAD = re.compile(r"^Cyngor\s+(?:Cymuned|Tref|Bro|Dinas|Sir|Bwrdeistref\s+Sirol)\s+(?=\S+.*\b(?:Council|COUNCIL)$)", re.IGNORECASE)
_SENTENCE = re.compile(
    rf"\b(?:minutes?|proceedings|meeting)[ \t]*\n?[ \t]*of[ \t]+(?:proceedings[ \t]+(?:of|at)[ \t]+)?(?:an?[ \t]+|the[ \t]+)?"
    rf"(?:(?:\d{{1,3}}(?:st|nd|rd|th)|ordinary|annual|special|extraordinary|general|full|monthly|statutory|adjourned|inaugural|"
    rf"emergency|reconvened)[ \t]+)*"
    rf"(?:(?:meeting|AGM|EGM)[ \t]+of[ \t]+)?(?:the[ \t]+)?({_BODY})", re.IGNORECASE)
_SENTENCE_NEAR = Cues(re.compile("minute|proceedings|meeting"), 1, WORD_START)  # _SENTENCE opens with one
_TITLE = re.compile(rf"\s[-–|]\s+(?:the\s+)?({_BODY})\s*$", re.IGNORECASE)
_FRONT_TITLE = re.compile(r"^\s*title:\s*[\"']?(.+?)[\"']?\s*$", re.IGNORECASE)


def body_of(text: str) -> str | None:
    """The council or public body whose minutes `text` is, as its heading, letterhead or
    opening sentence names it; None when the top of the page does not name one."""
    head = text[:HEAD_CHARS]
    seen = 0
    for raw in head.splitlines():  # the first HEADING_LINES lines with words, each read without its markup
        line = _unmark(raw)
        if not line:
            continue
        name = _standalone(line) or _leading(line) or _page_title(line)
        if name:
            return name
        seen += 1
        if seen == HEADING_LINES:
            break
    for m in finditer_near(_SENTENCE, head, 0, len(head), _SENTENCE_NEAR):
        name = _accept(m.group(1))
        if name:
            return name
    return None


def body_key(name: str) -> str:
    """What two spellings of one body share: "Fenwater & Hill District Council" and "The
    FENWATER AND HILL DISTRICT COUNCIL" are one body."""
    words = fold(name.replace("&", " and ")).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _unmark(line: str) -> str:
    """A line without its Markdown or HTML markup ("**NAME**", "# Name", "<h1>Name</h1>")."""
    m = _FRONT_TITLE.match(line)
    if m:
        line = m.group(1)
    return squash(_MARKUP.sub(" ", line)).strip(" *_|")


def _standalone(line: str) -> str | None:
    m = _STANDALONE.fullmatch(line)
    return _accept(m.group(1)) if m else None


def _leading(line: str) -> str | None:
    m = _LEADING.match(line)
    return _accept(m.group(1)) if m else None


def _page_title(line: str) -> str | None:
    m = _TITLE.search(line)
    return _accept(m.group(1)) if m else None


def _accept(raw: str) -> str | None:
    """`raw` as the body's name, or None when it names no particular body (only council words,
    a forum of some people, or a run of lower-case words caught by accident)."""
    name = _WELSH_LEAD.sub("", squash(raw).strip(" ,.;:"))
    words = re.findall(r"[A-Za-z'’]+(?:-[A-Za-z'’]+)*", name)  # "Orlham-on-Sea" is one word
    lowered = [w.lower() for w in words]
    if not words or all(w in _GENERIC for w in lowered) or _FORUM & set(lowered):
        return None
    if any(w[0].islower() and w.lower() not in {"and", "of", "upon", "the", "le", "la"} for w in words):
        return None
    if {"held", "at", "minutes", "meeting"} & set(lowered):  # ran on into the sentence
        return None
    if len(name) > 90:
        return None
    if re.fullmatch(r"[^a-z]+", name):  # "FENWATER DISTRICT COUNCIL": written in capitals
        name = title_case(name)
    return re.sub(r"^(?:the|The|THE)\s+", "", name)
