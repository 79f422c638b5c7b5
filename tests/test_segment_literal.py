"""The literal shortcuts of the segmenter (`kg.segment.literal`) find what the full searches find."""
from __future__ import annotations

import random

from kg.segment import body, header, reports
from kg.segment.decisions import MARK, MARK_NEAR
from kg.segment.literal import finditer_near, may_hold, runs_back
from kg.segment.questions import PUBLIC_HEAD, PUBLIC_NEAR
from kg.segment.reports import _ASK_WORDS, _ASKED, _ASKED_WORDS, _FOLLOW_UP_WORDS
from kg.segment.patterns import FOLLOW_UP

_PIECES = ["RESOLVED", "Resolved", "resolved", "It", "was", "further", "UNANIMOUSLY", "And", "AGREED", "The",
           "Sub-Committee", "Committee", "agreed", "decided", "DECISION", "Resolution", "12/2024", "Council",
           "Recommendations", "approved", "**", "(", "“", ":", "-", "that", "Public", "Forum", "Open", "Questions",
           "from", "members", "of", "the", "public", "Residents’", "Question", "Time", "Petition", "xx", "İ", "ſ",
           "a", "further", "report", "be", "brought", "to", "future", "meeting", "requested", "update", ".",
           "considered", "there", "had", "been", "circulated", "joint", "written", "by", "Director", "date", "and",
           "next", "1.", "closed", "which", "rose", "finished:", "noted", "before", "it", "presentation", "_", "9"]
_GAPS = [" ", "  ", "\n", "\n\n", "\t", "", " \n  "]


_REPORTS = ["considered", "there had been circulated", "There  was\nsubmitted", "gave consideration to", "had before it",
            "the", "a joint written", "an annual", "report", "Report", "reports", "presentation", "update", "of the",
            "from", "by", "Director of Housing", "Clerk", "which", "noted", "the report be noted", "received",
            "(copy", ".", ",", "xx", "the three page draft report", "Minutes of a", "meeting\n of the",
            "Fenwater District Council", "proceedings of"]


_ASKS = ["requested that", "a further", "report", "be", "brought back", "to the", "Committee", "at a later date", "will",
         "come back to", "revert", "in time for the next meeting", "offered to", "follow up", "chase", "update", "is",
         "awaited", "wish for clarification", "considered alongside", "keen to consider this again", "Members",
         "would", "informed", "of", "outcome", "findings", "should", "presented", "June", "meeting", ".", ";", "the",
         "asked for", "an update", "to be reported", "future", "Panel", "İ", "ſ", "xx"]


def _texts(n: int, seed: int = 7, pieces: list[str] = _PIECES):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(pieces) + rnd.choice(_GAPS) for _ in range(rnd.randrange(1, 40)))


_NEAR = ((MARK, MARK_NEAR), (PUBLIC_HEAD, PUBLIC_NEAR),
         (reports._CIRCULATED_NO_AUTHOR, reports._CIRCULATED_NEAR), (reports._NEXT, reports._NEXT_NEAR),
         (header._END_TIME, header._END_TIME_NEAR), (body._SENTENCE, body._SENTENCE_NEAR))


def test_finditer_near_equals_finditer():
    rnd = random.Random(3)
    for text in [*_texts(3000), *_texts(2000, 5, _REPORTS)]:
        for pattern, near in _NEAR:
            s = rnd.randrange(len(text) + 1)
            e = rnd.randrange(s, len(text) + 1)
            for a, b in ((0, len(text)), (s, e)):
                want = [m.span() for m in pattern.finditer(text, a, b)]
                assert [m.span() for m in finditer_near(pattern, text, a, b, near)] == want, (text, a, b)


def test_may_hold_never_hides_a_match():
    for text in [*_texts(3000, seed=11), *_texts(3000, 13, _ASKS)]:
        if FOLLOW_UP.search(text):
            assert may_hold(text, _FOLLOW_UP_WORDS) and may_hold(text, _ASK_WORDS), text
        if _ASKED.search(text):
            assert may_hold(text, _ASKED_WORDS) and may_hold(text, _ASK_WORDS), text


def test_runs_back():
    text = "It  was\nfurther RESOLVED"
    at = text.index("RESOLVED")
    assert runs_back(text, at, 1) == at - 1
    assert runs_back(text, at, 2) == text.index("further")
    assert runs_back(text, at, 6) == 0
    assert runs_back(text, at, 9, floor=3) == 3


def test_runs_back_equals_stepping_back():
    from kg.segment.literal import _runs_back_slowly

    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(["a", "bb", " ", "\n", "x" * rnd.randrange(1, 300), " " * rnd.randrange(1, 300)])
                       for _ in range(rnd.randrange(1, 30)))
        pos = rnd.randrange(len(text) + 1)
        floor = rnd.randrange(pos + 1)
        runs = rnd.randrange(1, 17)
        assert runs_back(text, pos, runs, floor) == _runs_back_slowly(text, pos, runs, floor)


def test_lower_twins_match_where_the_patterns_match():
    from kg.segment.literal import lowered
    from kg.segment.reports import _ASKED_LOW, _FOLLOW_UP_LOW

    for text in [*_texts(3000, seed=11), *_texts(3000, 13, _ASKS)]:
        low = lowered(text)
        if low is None:
            continue
        for pattern, twin in ((FOLLOW_UP, _FOLLOW_UP_LOW), (_ASKED, _ASKED_LOW)):
            want = pattern.search(text)
            got = twin.search(low)
            assert (want and want.span()) == (got and got.span()), text


def test_finditer_twin_equals_finditer():
    from kg.segment.literal import finditer_twin

    rnd = random.Random(17)
    for text in [*_texts(2000, 5, _REPORTS), *_texts(500)]:
        s = rnd.randrange(len(text) + 1)
        e = rnd.randrange(s, len(text) + 1)
        for a, b in ((0, len(text)), (s, e)):
            want = [(m.span(), m.groupdict()) for m in reports._CONSIDERED.finditer(text, a, b)]
            got = [(m.span(), m.groupdict()) for m in finditer_twin(reports._CONSIDERED, reports._CONSIDERED_LOW, text, a, b)]
            assert got == want, (text, a, b)
