"""How the head of a minuted item is written: the forms of its number ("36", "Item 5:", "5.1",
"CAB.23", "PLA146/14", "23-24/FRA/1"), a number or code alone on its line, the "(Item N)" tag,
the words of usual agenda headings and of attendance labels (never items), and the `Head`
record `kg.segment.items` makes of each item's opening."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.segment.when import MONTH

# a year range before the code: "23-24/FRA/1"
_REF = (r"(?P<ref>(?:\d{2}-\d{2}/(?=[A-Z]{2,5}/\d))?(?:(?P<code>[A-Z]{1,5})(?:[ \t]|[./-](?=\d))?)?(?P<n>\d{1,4})(?!(?i:st|nd|rd|th)\b)(?P<sub>(?:\.\d{1,2})*)"
        r"(?P<yr>/\d{2,4}(?:/\d{1,4})?)?)")
# "36 APOLOGIES", "2614. Police Report:", "Item 5:", "Minute 44/23 Apologies", "| 23. | Title" (a table's number cell)
NUMBERED = re.compile(rf"^[ \t]*(?:\|[ \t]*)?(?P<item>(?:Item|Minute|Min\.?)[ \t]+)?{_REF}(?P<stop>[.):]|[ \t]+[-–—])?"
                      rf"(?:[ \t]*\|)?(?:[ \t]+|(?=[A-Z‘'\"]))(?P<title>\S.*?)?[ \t]*$", re.IGNORECASE)
MAYBE_NUMBER = re.compile(r"[ \t]*(?:\|[ \t]*)?(?:(?:Item|Minute|Min\.?)[ \t]+)?(?:[A-Z]{1,5}[ \t./-]?)?\d", re.IGNORECASE)
NUMBER_ALONE = re.compile(rf"^[ \t]*(?:\|[ \t]*)?(?:(?:Item|Minute)[ \t]+)?{_REF}[.:)]?[ \t]*(?:\|[ \t]*)?$", re.IGNORECASE)
CODE_ALONE = re.compile(r"^[ \t]*(?P<code>[A-Z]{2,5})[ \t]*$")
ITEM_TAG = re.compile(r"^[ \t]*\(Item[ \t]+(?P<n>\d{1,3}[a-z]?)\)[ \t]*$", re.IGNORECASE)
# attendance labels standing where an item's title would ("2.0 PRESENT", "1 In Attendance", "OFFICIALS IN ATTENDANCE:")
ATTENDANCE_TITLE = re.compile(r"^(?:PRESENT|Present|(?:Members|Councillors|Officers|Officials|Those|Others)\s+(?:present|in\s+attendance|"
                              r"attending)|In\s+attendance|Also\s+(?:present|in\s+attendance)|Attendance(?:\s+details)?|Sederunt|"
                              r"Apology|Apologies\s*:)\s*[:.]?\s*$", re.IGNORECASE)
NOT_TITLE = re.compile(rf"^(?:(?i:{MONTH})\b[,.]?\s*(?:\d|$)|(?i:[ap]\.?m)\b|noon\b|hours?\b|minutes\b|mins?\b|%|per\b|x\b|"
                        rf"years?\b|and\b|to\b|or\b|(?i:Mr|Mrs|Ms|Dr)\.?\s|(?i:AT|ON)\s+\d)")
# the headings most agendas use, whatever the council: a curated vocabulary of council words
AGENDA_WORDS = re.compile(
    r"^(?:Apolog(?:y|ies)|Declarations?|Disclosures?|Conflicts?\s+of\s+interest|Minutes|Matters\s+arising|"
    r"Urgent\s+(?:business|items?)|Exclusion\s+of|Any\s+other\s+business|A\.?O\.?B|AOCB|Date\s+of\s+(?:the\s+)?next|"
    r"Next\s+meeting|Public\s+(?:questions?|forum|participation|speaking|question\s+time)|Open\s+forum|Questions?\b|"
    r"Petitions?|Deputations?|Chair(?:man|person)?['’]?s?\s+(?:announcements|communications|report|remarks|business)|"
    r"Announcements|Election\s+of|Appointment\s+of|Work\s+programme|Forward\s+plan|Call(?:ing)?\s+(?:of\s+the\s+)?"
    r"(?:roll|to\s+order)|Welcome|Correspondence|Finance|Financial|Planning|Reports?\b|Notices?\s+of\s+motion|"
    r"Substitut|Late\s+items|Confirmation\s+of|Approval\s+of|Adoption\s+of|Procedural|To\s+(?:approve|consider|receive|"
    r"note|confirm|elect|appoint|agree|take|sign|review|adopt|determine|discuss))", re.IGNORECASE)
LABEL = re.compile(r"^(?:Present|Members\s+present|In\s+attendance|Also\s+(?:present|in\s+attendance)|Officers?\b|"
                    r"Apologies|Apology|Substitutes?|Venue|Contact|Date|Time|Place|Items?|No\.?\s+Item|Minutes|Agenda|"
                    r"PART\s+(?:I|1|ONE|II|2|TWO)\b|Part\s+\d|Media|Documents?|Attendance|Visitors|Signed|Dated|Chair(?:man)?$)",
                    re.IGNORECASE)


@dataclass
class Head:
    """Where one item opens: its title line(s), the number it carries, where its words start."""

    start: int
    number: str | None
    title: str
    title_start: int
    title_end: int
    line: int  # index of the line the item opens on
    key: tuple = ()
    titled: bool = True
    body_at: int | None = None  # where the item's words start, when not right after its title
    bare: bool = False  # a number alone on its line with no stop: may be a page number


def number_key(m: re.Match) -> tuple:
    """(code, number, sub-numbers, number after a stroke): "CAB.23" → ("CAB", 23, (), None), "5.1" → ("", 5,
    (1,), None), "1.0" → ("", 1, (), None), "45/23" → ("", 45, (), 23), "01/25/02" → ("01/25", 2, (), None)."""
    code = (m.group("code") or "").upper()
    sub = tuple(int(x) for x in m.group("sub").split(".")[1:]) if m.group("sub") else ()
    if sub and all(x == 0 for x in sub):
        sub = ()  # "2.0": an item numbered with a zero decimal
    parts = m.group("yr")[1:].split("/") if m.group("yr") else []
    if len(parts) == 2:  # "01/25/02": a fixed prefix, then the running number
        return f"{code}{m.group('n')}/{parts[0]}", int(parts[1]), sub, None
    return code, int(m.group("n")), sub, int(parts[0]) if parts else None


def ref_of(m: re.Match) -> str:
    ref = " ".join(m.group("ref").split())
    return ref
