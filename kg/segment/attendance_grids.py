"""Attendance laid out as grids and tables: rows marked present or absent ("P  Jane Dale",
"Ø  Ruth Amos") and tables with a head row ("| Attendee | Role | Attendance |", "| Name | Post |
Organisation |"). `kg.segment.attendance` reads the rest of the attendance."""
from __future__ import annotations

import re

from extractors.names import squash
from kg.models import Attendance, PersonRef, Span
from kg.segment.attendance_labels import find_labels
from kg.segment.names_list import POST_WORD, name_at, people_in_list

__all__ = ["grid", "table", "to_present"]

_MARK_LINE = re.compile(r"^[ \t]*(?P<mark>(?:Ø|∅|\*{1,2}|[PA](?=[ \t]+[A-Z]))(?:[ \t]+(?:Ø|∅|\*{1,2}))?)[ \t]*(?P<rest>.*)$",
                        re.MULTILINE)


def grid(text: str, start: int, end: int, att: Attendance) -> bool:
    """Rows marked present or absent: "P  Jane Dale", "A  Ruth Amos"; or a "*" / "Ø" on the row
    or on the line above it (a grid flattened one cell a line), two marks on one line for the
    two names under it ("Ø *" above "Cllr A", "Cllr B")."""
    marks = [m for m in _MARK_LINE.finditer(text, start, end) if "Denotes" not in m.group(0)]
    if len(marks) < 3:
        return False
    pending: list[str] = []
    pos = start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if not line.strip() or "Denotes" in line or re.match(r"\s*[PA]\s*:", line):
            continue
        m = _MARK_LINE.match(text, s, e)
        if m:
            pending = m.group("mark").split()
            s = m.start("rest")
        if not text[s:e].strip():
            continue
        mark = pending.pop(0) if pending else None
        for ref, flag in people_in_list(text, s, e):
            if mark in ("Ø", "∅", "A"):
                att.apologies.append(ref)
            elif mark is not None:
                to_present(att, ref, flag)
    return True


def to_present(att: Attendance, ref: PersonRef, flag: str) -> None:
    ref.role = "member"
    if flag == "chair" and att.chair is None:
        att.chair = ref
    if flag == "sub":
        att.substitutes.append(ref)
    att.present.append(ref)


# the head row; the bar closing it may be blanked: "| Councillor | Role", "Name | Role | Attendance |"
_TABLE_HEAD = re.compile(r"^[ \t]*\|?[ \t]*(?:Attendee|Name|Member|Councillor)s?[ \t]*\|"
                         r"(?P<rest>.*\|.*|[ \t]*(?:Role|Position|Capacity|Type|Attendance|Status|Attended|Post|Title|Job[ \t]+Title|Designation|"
                         r"Organi[sz]ation|Representing|Company|Affiliation)[ \t]*)$",
                         re.MULTILINE | re.IGNORECASE)
_ROLE_COLS = ("role", "position", "capacity", "type", "post", "title", "job title", "designation")


def table(text: str, start: int, end: int, att: Attendance) -> tuple[int, int] | None:
    """An attendance table, "| Attendee | Role | Attendance |" or "| Name | Post | Organisation |":
    who was present, who sent apologies, members and officers told apart by the role cell; under
    an "In attendance" label, each row one in attendance. Returns where it starts and ends."""
    head = _TABLE_HEAD.search(text, start, end)
    if not head:
        return None
    before = [sec for s, _, sec in find_labels(text, start, head.start()) if s < head.start()]
    under = before[-1].rstrip("!") if before else None  # the label the table stands under
    cols = [c.strip().lower() for c in head.group(0).strip().strip("|").split("|")]
    role_col = next((i for i, c in enumerate(cols) if c in _ROLE_COLS), None)
    status_col = next((i for i, c in enumerate(cols) if c in ("attendance", "status", "attended")), None)
    pos = head.end() + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        e = end if nl < 0 else nl
        line = text[pos:e]
        if not line.strip() or re.fullmatch(r"[\s|:\-]+", line):  # the rule under the head, blanked or not
            pos = e + 1
            continue
        if "|" not in line:
            break
        lead = len(line) - len(line.lstrip())
        cells, offs, k = [], [], pos + lead + (1 if line.lstrip().startswith("|") else 0)
        for cell in line.strip().strip("|").split("|"):
            cells.append(cell.strip())
            offs.append(k + len(cell) - len(cell.lstrip()))
            k += len(cell) + 1
        found = name_at(text, offs[0], offs[0] + len(cells[0]), None, True) if cells and cells[0] else None
        pos = e + 1
        if not found:
            continue
        ref = PersonRef(name=found[2], span=Span(found[0], found[1]))
        role = cells[role_col].lower() if role_col is not None and role_col < len(cells) else \
            ("" if under == "attendance" else "member")
        status = cells[status_col].lower() if status_col is not None and status_col < len(cells) else \
            ("apologies" if under == "apologies" else "present")
        officer = "officer" in role or not re.search(r"member|councillor|chair|substitute", role)
        if under in ("absent", "stop") and status_col is None:
            continue
        if status.startswith("apolog"):
            att.apologies.append(ref)
        elif status.startswith(("present", "attended", "in attendance", "virtual")):
            if officer:
                ref.role = "officer"
                ref.post = _role_post(cells[role_col]) if role_col is not None and role_col < len(cells) else None
                att.in_attendance.append(ref)
            elif under == "attendance":
                ref.role = "member"
                att.in_attendance.append(ref)
            else:
                to_present(att, ref, "chair" if re.fullmatch(r"chair(?:man|woman|person)?", role.strip()) else "")
    return head.start(), pos


def _role_post(cell: str) -> str | None:
    """A table's role cell as a post: "Head of Planning"; "Officer" or "Guest" name none."""
    cell = squash(cell).strip(" .*")
    return cell if POST_WORD.search(cell) and len(cell.split()) > 1 else None
