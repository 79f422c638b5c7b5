"""Who attended: the attendance sections at the head of minutes of any council.

A section opens with a label ("Present:", "IN ATTENDANCE", "Apologies", "Sederunt", "Clerk •"),
on its own line or inline, or a sentence ("Board members present were ..."), and runs to the
next label, a numbered item, a heading or prose (`kg.segment.attendance_labels`). Its list is
read by `kg.segment.names_list`, its grids and tables by `kg.segment.attendance_grids`; here are the
sections read, roll calls with no label, apologies items and the chair.
"""
from __future__ import annotations

import re

from extractors.names import squash
from kg.models import Attendance, PersonRef, Span
from kg.segment.attendance_grids import grid, table, to_present
from kg.segment.attendance_labels import LABEL_HERE, find_labels, label_at, list_opens_at, prose_line, region_end
from kg.segment.names_list import (CHAIR_PREFIX, MEMBER_TITLES, PLURALS, TITLE, alternation, name_at, name_before, people_in_list,
                                   person_key, skip_gap, top_level_cuts, unique)

__all__ = ["read_attendance", "apologies_in", "chair_in", "substitutes_in", "find_labels", "list_opens_at"]


# ---------------------------------------------------------------- the head of the minutes

def read_attendance(text: str, start: int, end: int) -> Attendance:
    """Attendance sections found in text[start:end]: members present (the chair too), the chair,
    others in attendance with their posts, apologies and substitutes."""
    att = Attendance()
    rows = table(text, start, end, att)
    labels = [lb for lb in find_labels(text, start, end) if rows is None or not rows[0] <= lb[0] < rows[1]]
    for i, (l_start, l_end, section) in enumerate(labels):
        nxt = labels[i + 1][0] if i + 1 < len(labels) else end
        if rows and l_start < rows[0] < nxt:
            nxt = rows[0]  # the label over the table: its rows are read above
        if section == "stop":
            continue
        if section == "absent":  # "Absent:", "Councillors not present:": neither present nor apologies
            att.apologies.extend(_apologies_among_absent(text, l_end, region_end(text, l_end, nxt, section)))
            continue
        label = squash(text[l_start:l_end]).lower()
        _read_section(text, l_start, l_end, region_end(text, l_end, nxt, section), section, label, att)
    if not att.present:
        _roll_call(text, start, end, att)
    _also_present(text, start, end, att)
    if not att.apologies:
        att.apologies = apologies_in(text, start, end) if _APOLOGY_FROM.search(text, start, end) else []
    if att.chair is None:
        att.chair = _chair_sentence(text, start, end)
    if att.chair is not None:
        key = person_key(att.chair.name)
        att.in_attendance = [r for r in att.in_attendance if person_key(r.name) != key]
        if not any(person_key(r.name) == key for r in att.present) and att.present:
            att.present.insert(0, att.chair)
    for name in ("present", "in_attendance", "apologies", "substitutes"):
        setattr(att, name, unique(getattr(att, name)))
    return att


def _read_section(text: str, l_start: int, start: int, end: int, section: str, label: str, att: Attendance) -> None:
    sentence = section.endswith("!")
    section = section.rstrip("!")
    while True:  # "Five members of the public" above the names
        line = re.compile(r"[ \t\n]*([^\n]*)").match(text, start, end)
        if not (line.group(1).strip() and prose_line(line.group(1)) and not re.search(r"[,;]", line.group(1))):
            break
        start = line.end()
    if grid(text, start, end, att):
        return
    first = skip_gap(text, start, end)
    chair = CHAIR_PREFIX.match(text, first, end)
    outer = TITLE.match(text, skip_gap(text, chair.end(), end) if chair else first, end)
    if section == "apologies":
        att.apologies.extend(apologies_in(text, start, end))
        return
    for ref, flag in people_in_list(text, start, end, _label_title(label), sentence=sentence):
        if section == "present" and flag != "chair" and re.match(r"County\s+C", ref.name) and outer \
                and not outer.group(0).startswith("County"):
            section_here = "attendance"  # a county councillor at a town council's meeting
        else:
            section_here = section
        if section_here in ("present", "chair") or flag == "chair":
            to_present(att, ref, "chair" if section == "chair" else flag)
        elif section_here == "substitutes":
            att.substitutes.append(ref)
        else:
            member = re.search(r"member|councillor", label) or _MEMBER_TITLE.match(ref.name) or re.search(r"\bCC$", ref.name)
            ref.role = "member" if member else "officer"
            att.in_attendance.append(ref)


_MEMBER_TITLE = re.compile(rf"(?:{alternation(MEMBER_TITLES)})\b")
_APOLOGY_NOTE = re.compile(r"(?i)(?<!without )(?<!no )\bapolog(?!\w*[ \t]+not\b)")


def _apologies_among_absent(text: str, start: int, end: int) -> list[PersonRef]:
    """Those of an "Absent:" list noted as having sent apologies ("Cllr A Dale (apologies received)");
    the others, absent without apology, are not recorded: the graph keeps no absence."""
    refs = [ref for ref, _ in people_in_list(text, start, end)]
    out = []
    for i, ref in enumerate(refs):
        stop = refs[i + 1].span.start if i + 1 < len(refs) else end
        if _APOLOGY_NOTE.search(text, ref.span.end, stop) or (ref.post and _APOLOGY_NOTE.search(ref.post)):
            ref.post = None
            out.append(ref)
    return out


def _label_title(label: str) -> str | None:
    """The title a label gives the surnames under it: "Councillors Present: Dale (Chairman), Amos"."""
    return next((one for many, one in sorted(PLURALS.items(), key=lambda p: -len(p[0]))
                 if re.match(rf"{re.escape(many.lower())}\b", label)), None)


def _roll_call(text: str, start: int, end: int, att: Attendance) -> None:
    """A roll call with no label: a paragraph that is only a list of titled names."""
    for para in re.finditer(r"(?:[^\n]+\n?)+", text[start:end]):
        s, e = start + para.start(), start + para.end()
        cuts = top_level_cuts(text, s, e, False)
        if len(cuts) < 5:
            continue
        titled = sum(bool(TITLE.match(text, skip_gap(text, a, b), b)) and
                     name_at(text, skip_gap(text, a, b), b, None, False) is not None for a, b, _ in cuts)
        plural = re.compile(rf"[ \t]*(?:{alternation(PLURALS)})\.?[ \t]+[A-Z]").match(text, s, e)
        if plural and len(people_in_list(text, s, e)) * 5 >= len(cuts) * 4:
            titled = len(cuts)  # "Cllrs A Dale, B Hill, C Amos (Mayor) and D Rook": one title for all the names
        if titled * 5 >= len(cuts) * 4:
            for ref, flag in people_in_list(text, s, e):
                to_present(att, ref, flag)
            return


# "Mr D Thorn, Link Officer, was in attendance.", "County Cllrs A and B were also present."
_ALSO_PRESENT = re.compile(r"(?:^|(?<=\.\s))[ \t]*(?P<who>[A-Z](?:[^.\n]|(?<=\b[A-Z])\.|(?<=Mr|Ms|Dr)\.|(?<=Mrs)\.){2,300}?)\s+(?:was|were)\s+(?:also\s+)?"
                           r"(?:present|in\s+attendance)\b(?!\s+(?:as|in\s+substitution|for|on\s+behalf|via|remotely|virtually))",
                           re.MULTILINE)
_WAS_PRESENT = re.compile(r"\s(?:was|were)\s+(?:also\s+)?(?:present|in\s+attendance)\b")  # what each _ALSO_PRESENT holds


def _also_present(text: str, start: int, end: int, att: Attendance) -> None:
    """Others in attendance named in a sentence ending "... were also present" / "was in attendance"."""
    known = {person_key(r.name) for r in (*att.present, *att.apologies, *att.in_attendance)}
    if not _WAS_PRESENT.search(text, start, end):
        return
    for m in _ALSO_PRESENT.finditer(text, start, end):
        if re.search(r"(?i)\b(?:apolog|not|absent|who)\b", m.group("who")):
            continue
        for ref, _ in people_in_list(text, m.start("who"), m.end("who")):
            if person_key(ref.name) in known:
                continue
            known.add(person_key(ref.name))
            ref.role = "member" if _MEMBER_TITLE.match(ref.name) else "officer"
            att.in_attendance.append(ref)


# ---------------------------------------------------------------- apologies and the chair

# at most one colon on the way: "Apologies: Officials in Attendance: Directors of Service: ..." names no apology
# "... received from", "... on behalf of", "apologies of", "... intimated by" / "submitted by" / "tendered by"
_APOLOGY_FROM = re.compile(r"apolog(?:y|ies)\b[^.:]{0,30}:?[^.:]{0,60}?\b(?:from|on\s+behalf\s+of|of|"
                           r"(?:intimated|submitted|tendered|sent|given|offered)\s+by)[ \t]*:?\s+(?=(?-i:[A-Z]))", re.IGNORECASE)
_GAVE_APOLOGY = re.compile(r"\b(?:had|has|have)\s+(?:given|sent|submitted|tendered)\b[^.\n]{0,25}?apolog", re.IGNORECASE)
# "...; and for lateness from Councillors C and D": they came, late
_LATENESS = re.compile(r"\b(?:lateness|late\s+arrival|arriving\s+late|leaving\s+early|early\s+departure)\b", re.IGNORECASE)
_FOR_LATENESS = re.compile(rf"[;,]?\s+(?:and\s+)?(?:also\s+)?for\s+{_LATENESS.pattern}", re.IGNORECASE)
_CLAUSE = re.compile(r"\s(?:who|attended|was|were|had|has|is|but|would|sent|substituted)\b")


def apologies_in(text: str, start: int, end: int) -> list[PersonRef]:
    """People an apologies item names: "Apologies for absence were received from Councillors A, B
    and C", "An apology for absence was received from Councillor X", "Apologies: Cllr Y". A member
    who "attended as substitute" sent none."""
    out: list[PersonRef] = []
    cues = list(_APOLOGY_FROM.finditer(text, start, end))
    for cue in cues:
        if _LATENESS.search(cue.group(0)):
            continue  # "Apologies for lateness were received from Cllr C": came late
        s_end = _sentence_end(text, cue.end(), end)
        late = _FOR_LATENESS.search(text, cue.end(), s_end)
        s_end = late.start() if late else s_end
        clause = _CLAUSE.search(text, cue.end(), s_end)
        people = people_in_list(text, cue.end(), clause.start() if clause else s_end)
        if clause and not clause.group(0).strip() == "who" and people and len(people) > 1 \
                and not text[people[-1][0].span.end:clause.start()].strip():
            people = people[:-1]  # "... and Cllr B attended as substitute"
        out.extend(ref for ref, _ in people)
    for cue in _GAVE_APOLOGY.finditer(text, start, end):
        who = name_before(text, max(start, text.rfind("\n", start, cue.start()), _sentence_start(text, start, cue.start())),
                           cue.start())
        if who:
            out.append(who)
    if not cues and not out:
        s = re.compile(r"[ \t\n]*(?:[A-Z]{0,4}\s?\d{1,4}[.)]?[ \t]*)?").match(text, start, end).end()
        body = LABEL_HERE.match(text, s, end)
        s = body.end() if body and label_at(text, body, True) else s  # not "Councillors A and B"
        s = re.compile(r"[\s:–—\-]*").match(text, s, end).end()  # "Apologies for absence: Cllr A"
        while s < end:
            s = _group_label_end(text, s, end)
            stop = re.compile(r"\n[ \t]*\n").search(text, s, end)
            e = stop.start() if stop else end
            if prose_line(text[s:e][:80]):
                lead = _NAME_THEN_DASH.match(text, s, e)  # "Cllr Pattison – it was agreed that ..."
                found = name_at(text, s, e, None, False) if lead else None
                if found and found[1] == s + len(lead.group("who").rstrip()):
                    out.append(PersonRef(name=found[2], span=Span(found[0], found[1])))
                break
            e = _sentence_end(text, s, e)
            if text.startswith("|", e):
                e = _name_rows_end(text, s, end)
            out.extend(ref for ref, _ in people_in_list(text, s, e))
            s = skip_gap(text, stop.end(), end) if stop else end
            if not (_GROUP_LABEL.match(text, s, end) and name_at(text, _group_label_end(text, s, end), end, None, False)):
                break
    return unique(out)


_NAME_THEN_DASH = re.compile(r"(?P<who>[A-Z][^\n–—:]{2,60}?)[ \t]+[–—-][ \t]+(?=[a-z])")
_SUBSTITUTE = re.compile(r"\s+(?:attended|was\s+present|sat|acted|attending)\s+(?:as\s+(?:a\s+|the\s+)?substitute|in\s+substitution)\b"
                         r"|\s+substituted\s+for\b", re.IGNORECASE)


def substitutes_in(text: str, start: int, end: int) -> list[PersonRef]:
    """Members sitting in another's place, named in a sentence: "Miss A. Nowak CC attended as a
    substitute for Mr B. Cole CC", "Councillor X was present in substitution for Councillor Y",
    "Cllr Clark substituted for Cllr Wells"."""
    out = []
    for cue in _SUBSTITUTE.finditer(text, start, end):
        who = name_before(text, _sentence_start(text, start, cue.start()), cue.start())
        if who and all(who.name != o.name for o in out):
            out.append(who)
    return out


def _sentence_end(text: str, start: int, end: int) -> int:
    for m in re.compile(r"\.(?=\s|$)|\n[ \t]*\n|\|").finditer(text, start, end):
        before = text[max(start, m.start() - 6):m.start()].split()
        if m.group(0) == "." and before and re.fullmatch(r"(?:[A-Z]\.?)*[A-Z]|Mr|Mrs|Ms|Dr|Cllrs?|Crs?|St|Messrs|Prof|Rev", before[-1]):
            continue
        return m.start()
    return end


def _sentence_start(text: str, floor: int, pos: int) -> int:
    m = None
    for m in re.compile(r"(?<!\b[A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!Miss)(?<!Cllr)(?<!Prof)[.!?]\s+(?=[A-Z])|\n").finditer(text, floor, pos):
        pass
    return m.end() if m else floor


_GROUP_LABEL = re.compile(r"[A-Z][\w\-]*(?:[ \t]+[A-Za-z][\w\-]*){0,3}[ \t]*:[ \t]*")


def _group_label_end(text: str, pos: int, end: int) -> int:
    """After a label naming a group of the list: "Executive Members: Councillors A and B"."""
    m = _GROUP_LABEL.match(text, pos, end)
    return m.end() if m and name_at(text, m.end(), end, None, False) and not name_at(text, pos, end, None, False) else pos


def _name_rows_end(text: str, start: int, end: int) -> int:
    """Where rows of names split by bars end ("Jane Dale (JD) | Ruth Amos (RA)"): at the first
    line with a cell that holds no name."""
    pos = stop = start
    while pos < end:
        nl = text.find("\n", pos, end)
        e = end if nl < 0 else nl
        cells = [(pos + c.start(), pos + c.end()) for c in re.finditer(r"[^|]+", text[pos:e]) if c.group(0).strip()]
        names = [bool(name_at(text, skip_gap(text, a, b), b, None, True)) for a, b in cells]
        if not cells or not (all(names) or (names[0] and not any(names[1:]))):  # or "Ann Dale | Member"
            break
        stop, pos = e, e + 1
    return stop


_CHAIR_AFTER = re.compile(r"(?i:\bchaired\s+by)\s+|^[ \t]*Chair(?:man|person)?[ \t]+(?=[A-Z][^\n]{0,40}\b(?:called|opened|welcomed)\b)"
                          r"|^[ \t]*(?:Chair(?:man|person|woman)?|Cathaoirleach|Presiding(?:\s+Member)?)[ \t]*[,:–—-][ \t]*(?=[A-Z])",
                          re.MULTILINE)
_CHAIR_BEFORE = re.compile(r"\(?\s*\b(?i:in\s+the\s+chair)\b\)?|\b(?i:took\s+the\s+chair)\b|\bpresid(?:ing|ed)\b|"
                           r"\b(?:be|was|is)\s+(?:duly\s+)?(?:elected|appointed)\s+(?:as\s+)?(?:the\s+)?"
                           r"(?:Chair(?:man|person|woman)?|Mayor|Convener|Provost|Cathaoirleach)\b|\bbe\s+elected\s+to\s+(?i:chair)\b")


def _chair_sentence(text: str, start: int, end: int) -> PersonRef | None:
    for m in _CHAIR_AFTER.finditer(text, start, end):
        found = name_at(text, m.end(), end, None, False)
        if found and not _BODY_END.search(text, m.end(), _eol(text, m.end(), end)):  # not "Chairman: Hill Board"
            return PersonRef(name=found[2], span=Span(found[0], found[1]))
    for m in _CHAIR_BEFORE.finditer(text, start, end):
        ref = name_before(text, _sentence_start(text, start, m.start()), m.start())
        if ref:
            return ref
    return None


_BODY_END = re.compile(r"\b(?:Board|Committee|Council|Trust|Forum|Panel|Group|Authority|Association)\)?[ \t.]*$", re.MULTILINE)


def _eol(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return end if nl < 0 else nl


def chair_in(text: str, start: int, end: int) -> PersonRef | None:
    """Who chaired: "Councillor X in the Chair", "PRESENT IN THE CHAIR: Councillor X", "The Meeting
    was Chaired by X", "X took the Chair", "Chairman Cllr Mrs X" heading a list, "(Chair)",
    "(Convener)", "– The Mayor (In The Chair)", "X presiding"."""
    return read_attendance(text, start, end).chair


