"""One meeting's minutes → a `Meeting` record: header, attendance, items and what each decided.

The order of reading follows the cues minutes share (see the modules it calls): first where
the items start (`kg.segment.items`), since everything above the first item is the head; then
the head's header (`kg.segment.header`) and attendance (`kg.segment.attendance`); then each item's
decisions, reports, follow-ups, declarations and questions; last, what the whole text says of the
end time and the next meeting.
"""
from __future__ import annotations

import re

from kg.models import AgendaItem, Attendance, Meeting, PersonRef, Span
from kg.segment.decisions import resolutions_in
from kg.segment.finish import number_from_agenda, warn_truncated
from kg.segment.header import end_time, read_header
from kg.segment.items import Head, find_heads
from kg.segment.layout import Line
from kg.segment.patterns import COPY_OF_REPORT, PREVIOUS_MINUTES
from kg.segment.people import contact_people
from kg.segment.reports import asks, follow_ups_in, next_meeting_in, reports_in
from kg.segment.when import dates_in, time_range

def attendance_at(text: str, start: int, end: int) -> int | None:
    """Where the attendance list opens within 6,000 characters of `start` (its labels are the
    attendance vocabulary's, `kg.segment.attendance.list_opens_at`)."""
    from kg.segment.attendance import list_opens_at  # noqa: PLC0415

    return list_opens_at(text, start, min(end, start + 6000))


def read_minutes(text: str, lines: list[Line], start: int, end: int, marked: set[int], linked: set[int],
                 source: str | None = None) -> Meeting:
    """The meeting minuted in text[start:end] (`text` is the masked copy, `lines` its lines; `source`
    the document's own text, from which titles and quoted clauses take their words)."""
    from kg.segment import attendance as att  # noqa: PLC0415

    own = [ln for ln in lines if start <= ln.start < end]
    offset = lines.index(own[0]) if own else 0
    heads = find_heads(own, {i - offset for i in marked}, {i - offset for i in linked})
    at = attendance_at(text, start, end)
    if at is not None:
        heads = [h for h in heads if h.start > at] or heads
    head_end = heads[0].start if heads else _head_end(text, own, start, end, at)
    header = read_header(text, lines, start, head_end if heads else min(end, start + 3000), at)
    if heads and header.committee is None and len(heads) > 1:
        # a heading right above the meeting's date line is the document's title, not an item ("# Town of X" / "April 20, 2020")
        early = read_header(text, lines, start, heads[1].start, at)
        if early.date_at is not None and heads[0].title_end <= early.date_at and not text[heads[0].title_end:early.date_at].strip():
            heads = [h for h in heads if h.start > early.date_at]
            head_end = heads[0].start
            header = read_header(text, lines, start, head_end, at)
    if header.committee is None and re.search(r"meeting\s+of\s+the\s+above\s+Council", text[start:head_end], re.IGNORECASE):
        from kg.segment.header import council_by_acronym  # noqa: PLC0415
        header.committee = council_by_acronym(text[start:end])
    meeting = Meeting(span=Span(start, end), committee=header.committee, body=header.body, date=header.date,
                      venue=header.venue, start_time=header.start_time, end_time=header.end_time)
    meeting.attendance = att.read_attendance(_without_margin_numbers(text, start, head_end), start, head_end)
    _merge(meeting.attendance, att.substitutes_in(text, start, head_end), "substitutes")
    meeting.attendance.contacts = contact_people(text[start:head_end], start)
    if not heads and text[head_end:end].strip():
        whole = _whole(text, own, head_end, end)
        if header.date or header.committee or meeting.attendance.present or resolutions_in(text, head_end, end):
            heads = [whole]
    opening = _opening_item(text, own, start, head_end) if heads else None
    if opening is not None:
        heads = [opening, *heads]
    for k, h in enumerate(heads):
        item_end = heads[k + 1].start if k + 1 < len(heads) else end
        meeting.items.append(_item(text, h, k + 1, item_end, meeting, linked, offset, att))
    number_from_agenda(meeting)
    if meeting.items:
        _head_sections(text, start, head_end, meeting)
    _end_at_close(text, meeting)
    if meeting.items:
        warn_truncated(meeting, text, meeting.items[-1].span.end)
    prev = PREVIOUS_MINUTES.search(text, start, end)
    if prev:
        meeting.previous_meeting = next(iter(d for d, _, _ in dates_in(prev.group(0))), None)
    if meeting.end_time is None:
        sitting = time_range(text[max(start, end - 400):end])  # "10.00am – 12.05pm" above the chair's signature
        if sitting:
            meeting.start_time, meeting.end_time = meeting.start_time or sitting[0], sitting[1]
    closed = end_time(text, start, end)
    if closed and (meeting.start_time is None or closed > meeting.start_time):
        meeting.end_time = closed
    nxt = next_meeting_in(text, start, end, meeting.date)
    if nxt:
        meeting.next_meeting = nxt[0]
    if not meeting.attendance.present and meeting.items:
        _tail_attendance(text, meeting, end, att)
    first = meeting.items[1].span.end if len(meeting.items) > 1 else end
    if not meeting.attendance.present:
        # no list at the head: the roll may stand in the first item ("CALL TO ORDER ... present were ...")
        found = att.read_attendance(text, start, first)
        if found.present:
            _merge(found, meeting.attendance.apologies)
            found.contacts = meeting.attendance.contacts
            meeting.attendance = found
    if meeting.attendance.chair is None:
        meeting.attendance.chair = att.chair_in(text, start, first)
    if source is not None:
        _as_written(text, source, meeting)
    return meeting


_TAIL_LABEL = re.compile(r"^[ \t#*]*(?:Attendance(?:\s+Details)?|Attendees|Members\s+Present|Present)[ \t*]*:?[ \t]*$",
                         re.IGNORECASE | re.MULTILINE)


def _tail_attendance(text: str, meeting: Meeting, end: int, att) -> None:
    """An attendance list after the last item (a CMIS page's "Attendance" table at its foot): the
    meeting's attendance when its head had none; the last item ends above it."""
    last = meeting.items[-1]
    label = None
    for label in _TAIL_LABEL.finditer(text, last.span.start, end):
        pass
    if label is None or label.start() <= (last.title_span.end if last.title_span else last.span.start):
        return
    found = att.read_attendance(text, label.start(), end)
    if len(found.present) < 2:
        return
    _merge(found, meeting.attendance.apologies)
    found.contacts = meeting.attendance.contacts
    meeting.attendance = found
    last.span = Span(last.span.start, label.start())


_MARKUP = re.compile(r"\*\*|__|^[ \t]*#{1,6}[ \t]+|\\$", re.MULTILINE)


def written(source: str, span: Span) -> str:
    """The words of source[span] as the document writes them (markup a tag-like string is kept: it
    is data; markdown emphasis is dropped), on one line."""
    return " ".join(_MARKUP.sub(" ", source[span.start:span.end]).split())


def _as_written(text: str, source: str, meeting: Meeting) -> None:
    """Titles and quoted clauses in the document's own words: the masked copy `text` blanks page
    clutter that a title or a clause may contain as text ("Budget <review> & costs")."""
    for item in meeting.items:
        if item.title_span is not None and item.title_span.end > item.title_span.start:
            item.title = written(source, item.title_span).rstrip(" :|") or item.title
            for r in item.reports:
                if r.span == item.title_span:
                    r.title = item.title.rstrip(".")
        for x in (*item.resolutions, *item.follow_ups, *item.declarations, *item.questions):
            x.text = _source_words(text, source, x.span, x.text)


def _source_words(text: str, source: str, span: Span, said: str) -> str:
    """`said`, read from the masked text within `span`, as the source writes it."""
    if not said:
        return said
    at = text.find(said.split()[0], span.start, span.end)
    if at < 0:
        return said
    tail = Span(at, span.end)
    if " ".join(text[tail.start:tail.end].split()) != said:
        return said
    return written(source, tail) or said


def _without_margin_numbers(text: str, start: int, end: int) -> str:
    """The text with numbers standing alone on lines of the head blanked (pdftotext leaves an
    item's margin number inside the attendance list it sits beside)."""
    head = re.sub(r"(?m)^[ \t]*\d{1,4}\.?[ \t]*$", lambda m: " " * len(m.group(0)), text[start:end])
    # "1.0 PRESENT", "2 Apologies:": a number before an attendance label is no part of it
    head = re.sub(r"(?mi)^[ \t]*\d{1,3}(?:\.\d{1,2})?\.?[ \t]+(?=(?:present|members\s+present|in\s+attendance|also\s+present|"
                  r"apolog|those\s+(?:present|attending)|officers?\s+(?:present|in\s+attendance))\b)",
                  lambda m: " " * len(m.group(0)), head)
    return text[:start] + head + text[end:]


def _head_end(text: str, own: list[Line], start: int, end: int, at: int | None) -> int:
    """Where the head ends when no item heading was found (an item or decision page): after the
    attendance list, if there is one, else at the top."""
    from kg.segment.attendance import find_labels  # noqa: PLC0415

    if at is None:
        return start
    stop = end
    for ln in own:
        if ln.start > at + 40 and ln.blank:
            stop = ln.start
            break
    while stop < end:  # and over the paragraphs after it that hold attendance sections ("Also Present:")
        para = re.compile(r"\s*((?:[^\n]*\S[^\n]*\n?)+)").match(text, stop, end)
        if not para or not any(sec != "stop" for _, _, sec in find_labels(text, para.start(1), para.end(1))):
            break
        stop = para.end(1)
    return stop


def _opening_item(text: str, own: list[Line], start: int, end: int) -> Head | None:
    """Business minuted under its own heading between the attendance lists and the first numbered
    item ("Public Questions:" / "Zoe Toft spoke ...", "Election of Chair" / "1. Mr X proposed ..."):
    an item of its own, unnumbered."""
    from kg.segment.attendance import find_labels  # noqa: PLC0415
    from kg.segment.marks import AGENDA_WORDS  # noqa: PLC0415
    from kg.segment.layout import short_title  # noqa: PLC0415

    labels = {s for s, _, sec in find_labels(text, start, end) if sec != "stop"}
    first_label = min(labels, default=start)
    head = [ln for ln in own if first_label <= ln.start and ln.end <= end]
    for k, ln in enumerate(head[:-1]):
        t = ln.text.rstrip(":").strip()
        if not t or len(t.split()) > 6 or not AGENDA_WORDS.match(t) or not short_title(t) or dates_in(t):
            continue
        if any(ln.start <= s < ln.end for s in labels) or re.match(r"(?i)apolog|present|in attendance|also", t):
            continue
        nxt = next((x for x in head[k + 1:] if x.text), None)
        words = re.sub(r"^\(?\w{1,3}[.)]\s+", "", nxt.text).split() if nxt is not None else []
        if len(words) >= 6 and sum(w[:1].islower() for w in words) >= 3:
            return Head(ln.first, None, t, ln.first, ln.first + len(t), 0)
    return None


def _whole(text: str, own: list[Line], start: int, end: int) -> Head:
    """One unnumbered item for a text that has no headings (an item or decision page)."""
    from kg.segment.header import COMMITTEE_WORD  # noqa: PLC0415
    from kg.segment.layout import short_title  # noqa: PLC0415
    for ln in own:
        if ln.start >= start and ln.text and short_title(ln.text) and ":" not in ln.text \
                and not re.match(r"\(?[a-z0-9]{1,3}[.)]", ln.text) \
                and not COMMITTEE_WORD.search(ln.text) and not re.match(r"(?:Agenda and|Issue|Decision details|Meeting)", ln.text):
            title = ln.text[:120].rstrip(" .:")
            return Head(start, None, title, ln.first, ln.first + len(title), 0, body_at=start)
    return Head(start, None, "Item", start, start, 0, body_at=start)


def _item(text: str, h: Head, order: int, end: int, meeting: Meeting, linked: set[int], offset: int, att) -> AgendaItem:
    from kg.segment import declarations as dec, questions as qs  # noqa: PLC0415

    body = min(end, h.title_end if h.body_at is None else h.body_at)
    title = " ".join(h.title.split()) or "Item"
    item = AgendaItem(title=title, span=Span(h.start, end), number=h.number,
                      title_span=Span(h.title_start, h.title_end), order=order)
    item.resolutions = resolutions_in(text, body, end)
    item.reports = reports_in(text, body, end, title, item.title_span, (h.line + offset) in linked)
    cited = COPY_OF_REPORT.search(text, body, end)
    for r in item.reports[:1]:
        r.agenda_item = r.agenda_item or (cited and " ".join(cited.group(1).split()))
    item.follow_ups = follow_ups_in(text, body, end, meeting.date)
    for fu in item.follow_ups:  # a request made in a resolved clause is that clause, as its resolution reads
        overlap = [r for r in item.resolutions if r.span.start < fu.span.end and fu.span.start < r.span.end]
        asking = [r for r in overlap if asks(r.text)]
        clause = (asking or overlap or [None])[0]
        if clause is not None and (clause.span.start, clause.span.end) != (fu.span.start, fu.span.end):
            fu.text, fu.span = clause.text, clause.span
    item.declarations = dec.declarations_in(text, body, end, title)
    item.questions = qs.questions_in(text, body, end, title)
    if re.search(r"\b(?:apolog|substitut)", title, re.IGNORECASE) or order == 1:
        if re.search(r"\bapolog", title, re.IGNORECASE):
            _merge(meeting.attendance, att.apologies_in(text, body, end))
        _merge(meeting.attendance, att.substitutes_in(text, body, end), "substitutes")
    if re.search(r"\b(?:roll|sederunt|attendance|present)\b", title, re.IGNORECASE) and not meeting.attendance.present:
        found = att.read_attendance(text, body, end)
        meeting.attendance.present = found.present
        meeting.attendance.chair = meeting.attendance.chair or found.chair
        _merge(meeting.attendance, found.apologies)
    return item


_CLOSED = re.compile(r"^[ \t]*(?:(?:The\s+meeting\s+(?:closed|ended|concluded|finished|terminated)|Meeting\s+(?:closed|ended)|"
                     r"There\s+being\s+no\s+further\s+business)\b[^\n]*|\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:–|—|-|to)\s*"
                     r"\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?(?:\s+CHAIR(?:MAN)?)?[ \t]*|(?:CHAIRMAN|CHAIR|Chairman|Signed:?)[ \t]*)$",
                     re.IGNORECASE | re.MULTILINE)


def _end_at_close(text: str, meeting: Meeting) -> None:
    """The last item ends where the minutes say the meeting closed: that line is no resolution."""
    if not meeting.items:
        return
    last = meeting.items[-1]
    m = _CLOSED.search(text, last.span.start, last.span.end)
    if m is None:
        return
    keep = lambda spans: [x for x in spans if x.span.start < m.start()]
    last.span = Span(last.span.start, m.start())
    last.resolutions = keep(last.resolutions)
    for r in last.resolutions:
        if r.span.end > m.start():
            r.span = Span(r.span.start, m.start())
            r.text = " ".join(text[r.span.start:m.start()].split())
    last.follow_ups = keep(last.follow_ups)


def _head_sections(text: str, start: int, end: int, meeting: Meeting) -> None:
    """Declarations and public questions written in the head, above the first item (a
    "Declarations of Interest" list under the attendance, "Public Questions:" before item 1):
    kept with the first item, the meeting's opening business."""
    from kg.segment import declarations as dec, questions as qs  # noqa: PLC0415

    first = meeting.items[0]
    from kg.segment.decisions import MARK  # noqa: PLC0415
    if MARK.search(text, start, end):  # a decision before the first item ("2. RESOLVED that X be elected to Chair")
        seen = {(r.span.start, r.span.end) for r in first.resolutions}
        first.resolutions[:0] = [r for r in resolutions_in(text, start, end) if (r.span.start, r.span.end) not in seen]
    seen = {(d.span.start, d.span.end) for d in first.declarations}
    first.declarations[:0] = [d for d in dec.declarations_in(text, start, end) if (d.span.start, d.span.end) not in seen]
    seen = {(q.span.start, q.span.end) for q in first.questions}
    first.questions[:0] = [q for q in qs.questions_in(text, start, end) if (q.span.start, q.span.end) not in seen]


def _merge(a: Attendance, people: list[PersonRef], section: str = "apologies") -> None:
    """Add people to one list of the attendance, each once."""
    listed = getattr(a, section)
    known = {" ".join(p.name.lower().split()) for p in listed}
    for p in people:
        key = " ".join(p.name.lower().split())
        if key not in known:
            known.add(key)
            listed.append(p)

