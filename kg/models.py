"""The domain model, in the council's words.

Every record carries character offsets into the text of the document it was read from,
so that any fact in the graph can be traced back to the words that gave it.
Nothing here knows about RDF: `kg/build.py` turns these records into triples.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.ingest.blocks import Block


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a document's text."""

    start: int
    end: int


@dataclass
class Document:
    """One input file, read into plain text.

    `text` is what every span points into: for a PDF or HTML page it is the extracted text,
    not the raw bytes. `fmt` is how the file was read ("text", "markdown", "html", "pdf").
    `blocks` is its layout as published (`kg.ingest.blocks.Block`: headings, paragraphs, list
    items, table rows, page furniture), each over whole lines of `text`.
    """

    path: str
    file_name: str
    text: str
    sha256: str
    fmt: str
    encoding: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    #: figures found per (start, end) span of `text`, worked out once in the per-document stage
    #: (`kg.figures.precompute_figures`); not part of what the document is
    figures: dict[tuple[int, int], list] = field(default_factory=dict, repr=False, compare=False)
    blocks: list[Block] = field(default_factory=list, repr=False, compare=False)


@dataclass
class PersonRef:
    """A person as one place in the text names them ("Mrs. P. A. Okafor CC"), with the post
    the text gives them there, if any ("Lead Member for Children and Families")."""

    name: str
    span: Span
    post: str | None = None
    role: str = "member"  # member | officer | public


@dataclass
class Attendance:
    """Who the minutes list at the head of the meeting."""

    present: list[PersonRef] = field(default_factory=list)
    chair: PersonRef | None = None
    in_attendance: list[PersonRef] = field(default_factory=list)
    apologies: list[PersonRef] = field(default_factory=list)
    substitutes: list[PersonRef] = field(default_factory=list)
    contacts: list[PersonRef] = field(default_factory=list)  # "Contact: ..." at the head of a web page


@dataclass
class Resolution:
    """One resolved clause: "a) That the report be noted;" is one, "b) ..." the next."""

    text: str
    span: Span
    label: str | None = None  # "a", "b", "i" ... as the source letters it


@dataclass
class Report:
    """A report or presentation put to a meeting, with the posts or people it is "of"."""

    title: str
    span: Span
    authors: list[str] = field(default_factory=list)
    kind: str = "report"  # report | presentation
    for_meeting_date: date | None = None
    agenda_item: str | None = None  # "Agenda Item 8", as the minutes cite it
    contacts: list[PersonRef] = field(default_factory=list)  # "Officer(s) to Contact", with posts


@dataclass
class PublicQuestion:
    """A question put by a member of the public (a supplementary question is its own record)."""

    text: str
    span: Span
    asker: PersonRef | None = None
    answerer: PersonRef | None = None
    supplementary: bool = False
    letter: str | None = None  # "(A)", as the source letters it


@dataclass
class Declaration:
    """A declaration of interest by a member."""

    text: str
    span: Span
    by: PersonRef | None = None
    interest: str | None = None  # "personal", "disclosable pecuniary", ...
    interest_in: Span | None = None  # the words naming what it is in ("as a governor of <school>"), not the item


@dataclass
class FollowUp:
    """Something the committee asked to come back later: a further report, an update."""

    text: str
    span: Span
    due: date | None = None
    due_precision: str | None = None  # day | month | relative | None
    target: str | None = None  # the body it should come back to, as written


@dataclass
class AgendaItem:
    """One minuted item of a meeting: its number as the source gives it, its title, its text."""

    title: str
    span: Span
    number: str | None = None
    title_span: Span | None = None
    order: int = 0
    resolutions: list[Resolution] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    questions: list[PublicQuestion] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


@dataclass
class Meeting:
    """One sitting of a committee, as one document minutes it (or, in an agenda pack, the
    coming meeting that the pack's reports are for)."""

    span: Span
    committee: str | None = None
    body: str | None = None  # the council or public body whose meeting this is, as the text names it
    date: date | None = None
    venue: str | None = None
    start_time: time | None = None
    end_time: time | None = None
    attendance: Attendance = field(default_factory=Attendance)
    items: list[AgendaItem] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)  # reports with no minuted item
    next_meeting: date | None = None
    previous_meeting: date | None = None  # "the minutes of the meeting held on ..."
    kind: str = "minutes"  # minutes | agenda
    warnings: list[str] = field(default_factory=list)
