"""The parts of minutes read from their words, as spaCy components: who attended, declarations of
interest, public questions and follow-ups.

    nlp = spacy.blank("en")
    nlp.add_pipe("mkg_attendance")         # doc._.mkg_attendance, doc.spans["mkg_attendance"]
    nlp.add_pipe("mkg_declarations")       # doc._.mkg_declarations, doc.spans["mkg_declarations"]
    nlp.add_pipe("mkg_questions")          # doc._.mkg_questions, doc.spans["mkg_questions"]
    nlp.add_pipe("mkg_follow_ups")         # doc._.mkg_follow_ups, doc.spans["mkg_follow_ups"]
    doc = nlp(minutes_text)

A Doc is one stretch of minutes: the head of a meeting (for attendance) or one item's text. What
the segmenter knows of it rides in `doc.user_data`: "mkg_title" (the item's title, "Declarations
of Interest") and "mkg_meeting_date" (a `datetime.date`, for follow-ups due "next month").
Each component reads the Doc's text with the segmenter's rules (`kg.segment.attendance`,
`.declarations`, `.questions`, `.reports`), the same rules `kg.segment.segment` composes over a
whole document, so a part read here and in a segmented meeting is the same record. Records keep
character offsets into `doc.text`; each span group holds their token-aligned spans, labelled.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.models import Span as TextSpan

VERSIONS = {"mkg_attendance": "1.0.0", "mkg_declarations": "1.0.0", "mkg_questions": "1.0.0",
            "mkg_follow_ups": "1.0.0"}
#: attendance's span labels, by the part of the record they come from
ATTENDANCE_LABELS = {"chair": "CHAIR", "present": "PRESENT", "in_attendance": "IN_ATTENDANCE",
                     "apologies": "APOLOGIES", "substitutes": "SUBSTITUTES"}


def register() -> None:
    """Declare the Doc extensions the components set (idempotent)."""
    for name, default in (("mkg_attendance", None), ("mkg_declarations", None), ("mkg_questions", None),
                          ("mkg_follow_ups", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _span(doc: Doc, where: TextSpan | None, label: str) -> Span | None:
    if where is None or where.end <= where.start:
        return None
    return doc.char_span(where.start, where.end, label=label, alignment_mode="expand")


def _group(doc: Doc, name: str, spans: Iterable[Span | None]) -> None:
    doc.spans[name] = [s for s in spans if s is not None]


class _Reader:
    """A component that reads one part of minutes from the whole of a Doc's text."""

    name = ""

    def __init__(self, read: Callable[[Doc], object]):
        self.read = read

    def __call__(self, doc: Doc) -> Doc:
        register()
        setattr(doc._, self.name, self.read(doc))
        self.spans(doc, getattr(doc._, self.name))
        return doc

    def spans(self, doc: Doc, found) -> None:
        _group(doc, self.name, (_span(doc, r.span, self.label) for r in found))


class AttendanceReader(_Reader):
    """Who the minutes list as present, in the chair, in attendance, sending apologies or substituting."""

    name = "mkg_attendance"

    def spans(self, doc: Doc, att) -> None:
        refs = [("chair", att.chair)] if att.chair else []
        refs += [(part, r) for part in ATTENDANCE_LABELS if part != "chair" for r in getattr(att, part)]
        _group(doc, self.name, (_span(doc, r.span, ATTENDANCE_LABELS[part]) for part, r in refs))


class DeclarationReader(_Reader):
    """Declarations of interest: the member, the kind of interest, what it is in."""

    name, label = "mkg_declarations", "DECLARATION"


class QuestionReader(_Reader):
    """Questions put by members of the public, with who asked and who answered."""

    name, label = "mkg_questions", "QUESTION"


class FollowUpReader(_Reader):
    """What the committee asked to come back later ("a further report be brought to ...")."""

    name, label = "mkg_follow_ups", "FOLLOW_UP"


def _attendance(doc: Doc):
    from kg.segment.attendance import read_attendance  # noqa: PLC0415  (kg.segment reads extractors' vocabularies)

    return read_attendance(doc.text, 0, len(doc.text))


def _declarations(doc: Doc):
    from kg.segment.declarations import declarations_in  # noqa: PLC0415

    return declarations_in(doc.text, 0, len(doc.text), doc.user_data.get("mkg_title"))


def _questions(doc: Doc):
    from kg.segment.questions import questions_in  # noqa: PLC0415

    return questions_in(doc.text, 0, len(doc.text), doc.user_data.get("mkg_title"))


def _follow_ups(doc: Doc):
    from kg.segment.reports import follow_ups_in  # noqa: PLC0415

    return follow_ups_in(doc.text, 0, len(doc.text), doc.user_data.get("mkg_meeting_date"))


@Language.factory("mkg_attendance", assigns=["doc._.mkg_attendance", "doc.spans"])
def make_attendance(nlp: Language, name: str) -> AttendanceReader:
    return AttendanceReader(_attendance)


@Language.factory("mkg_declarations", assigns=["doc._.mkg_declarations", "doc.spans"])
def make_declarations(nlp: Language, name: str) -> DeclarationReader:
    return DeclarationReader(_declarations)


@Language.factory("mkg_questions", assigns=["doc._.mkg_questions", "doc.spans"])
def make_questions(nlp: Language, name: str) -> QuestionReader:
    return QuestionReader(_questions)


@Language.factory("mkg_follow_ups", assigns=["doc._.mkg_follow_ups", "doc.spans"])
def make_follow_ups(nlp: Language, name: str) -> FollowUpReader:
    return FollowUpReader(_follow_ups)


register()
