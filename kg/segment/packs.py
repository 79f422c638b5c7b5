"""Agenda packs: the reports a pack carries for a coming meeting.

A pack (the previous meeting's minutes, then the reports for the next one) heads each report
with "<COMMITTEE> – <DATE>" and "REPORT OF THE ...", or with a cover sheet of labelled lines
("Report to:", "Date of meeting:", "Report of:", "Title:", "Contact Officer:"). Each report
becomes a report of the meeting it names. The minutes above the first report are read as minutes.

The pack is read in its clean view (`clean_view`): a copy of the text of the same length in which
page numbers, markdown markup and web-page clutter are blanked, so that a span found in it is a
span of the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.models import Document, Meeting, PersonRef, Report, Span
from kg.segment.patterns import split_authors
from kg.segment.people import POST_WORD, bare_person_with_post, looks_like_post, person_with_post
from kg.textutil import MONTH_RE, mask_pattern, parse_date, squash, title_case

__all__ = ["agenda_reports", "clean_view"]

PAGE_NUMBER = re.compile(r"^[ \t]*(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?[ \t]*$|^[ \t]*\d{1,3}[ \t]+Agenda Item[ \t]+\d+[ \t]*$"
                         r"|^[ \t]*This page is intentionally left blank[ \t]*$", re.MULTILINE | re.IGNORECASE)
MARKDOWN = re.compile(r"\*\*|__|^[ \t]*#{1,6}[ \t]|^[ \t]*[-*+][ \t]+(?=\(?[a-z0-9]{1,4}\))|^[ \t]*>[ \t]?"
                      r"|\[insert link\]|<https?://[^>\s]+>", re.MULTILINE)
WEB_TABLE = re.compile(r"^\s*\|?\s*No\.?\s*\|\s*Item\s*\|", re.MULTILINE | re.IGNORECASE)  # "| No. | Item |" in markdown
WEB_CLUTTER = re.compile(r"\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b|\bAdditional documents:"
                         r"|^\s*-{2,}\s*\|\s*-{2,}\s*\|\s*$|(?<!Item )\|\s*$|^[ \t]*Supporting\s+documents?:[^\n|]*", re.MULTILINE | re.IGNORECASE)

# where a pack's previous minutes start: a report block ends there
MINUTES_HEADER = re.compile(
    r"minutes\s+of\s+(?:a|the)\s+(?:meeting|proceedings)\s+of\s+(?:the\s+)?(?P<committee>[A-Z][^\n]*?(?:\n[^\n]*?){0,2}?)"
    r"\s+held\s+(?P<rest>(?:[^\n]*\n?){1,3})",
    re.IGNORECASE)
# "<COMMITTEE> – <DATE>" over a report
REPORT_HEAD = re.compile(
    rf"^[ \t]*(?P<committee>[A-Z][A-Z ,&'’\-]{{5,150}}?(?:[ \t]*\n\s*(?:[A-Z][A-Z ,&'’\-]{{0,80}}?)?)?"
    rf"(?:COMMITTEE|CABINET|COMMISSION|BOARD|PANEL|COUNCIL|FORUM))"
    rf"[ \t]*(?:[–—:\-]|\s)\s*(?P<date>\d{{1,2}}(?:ST|ND|RD|TH)?\s+{MONTH_RE.upper()}\s*\n?\s*\n?\s*\d{{4}})",
    re.MULTILINE)
CONTACT_HEAD = re.compile(r"^[ \t]*(?:Officers?\s*(?:\(s\))?|Contact Officers?|Background papers)[ \t]+to[ \t]+[Cc]ontact[ \t:]*$"
                          r"|^[ \t]*(?:Contact Officers?|Officers?\s*\(s\)\s*to\s+contact)[ \t:]*$", re.MULTILINE | re.IGNORECASE)
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


Block = tuple[str, int, int, "re.Match | FormHead"]  # ("report" or "form", start, end, its heading)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # from the clean view

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def clean_view(text: str, fmt: str = "text") -> str:
    """The clean view: same length, page numbers, markdown markup and web clutter blanked."""
    text = mask_pattern(text, PAGE_NUMBER)
    text = mask_pattern(text, MARKDOWN)
    if WEB_TABLE.search(text) or fmt == "html":
        text = mask_pattern(text, WEB_CLUTTER)
    return text


def agenda_reports(doc: Document) -> tuple[int | None, list[Meeting]]:
    """(where the pack's first report starts, the meetings its reports are for); (None, []) for
    a document that carries no agenda reports."""
    if not (REPORT_HEAD.search(doc.text) or FORM_REPORT.search(doc.text)):
        return None, []  # no report heading and no cover sheet, even before the page clutter is blanked
    text = clean_view(doc.text, doc.fmt)
    reports = report_blocks(text)
    if not reports:
        return None, []
    return reports[0][1], _agenda_meetings(text, reports)


def report_blocks(text: str) -> list[Block]:
    """The pack's reports in order, each from its heading or cover sheet to the next heading (a
    report's, a cover sheet's or a "Minutes of a meeting of ..." header)."""
    starts: list[tuple[int, str, re.Match | FormHead]] = []
    for m in MINUTES_HEADER.finditer(text):
        starts.append((m.start(), "minutes", m))
    for m in REPORT_HEAD.finditer(text):
        # a report heading is followed, within a few lines, by the report's title and "REPORT OF"
        window = text[m.end():m.end() + 600]
        if re.search(r"\bREPORT\b", window) or re.search(r"\bPurpose\b", window, re.IGNORECASE):
            starts.append((m.start(), "report", m))
    for m in FORM_REPORT.finditer(text):
        head = FormHead.read(text, m)
        if head is not None:
            starts.append((head.start, "form", head))
    starts.sort(key=lambda s: s[0])
    out = []
    for i, (pos, kind, m) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if kind != "minutes":
            out.append((kind, pos, end, m))
    return out


def _lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _committee_name(raw: str) -> str:
    name = squash(raw).strip(" ,.")
    name = re.sub(r"^(?:the\s+)", "", name, flags=re.IGNORECASE)
    if name.isupper():
        name = title_case(name)
    return name


def _agenda_meetings(text: str, blocks: list[Block]) -> list[Meeting]:
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


@dataclass
class FormHead:
    """A report's cover sheet written as labelled lines: the meeting it is for and the report."""

    start: int  # its "AGENDA ITEM n" line, or its first field
    end: int  # its last field
    committee: str
    date: date
    report: Report

    @classmethod
    def read(cls, text: str, anchor: re.Match) -> "FormHead | None":
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
            ref = person_with_post(c.group("v"), c.start("v")) or bare_person_with_post(c.group("v"), c.start("v"))
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
        if not m or looks_like_post(m.group("name")):
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

