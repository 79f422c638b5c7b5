"""Questions put by members of the public, under every heading councils use, with invented
names (Fenwater District Council), and on the seeds' minutes when ../shared is beside the clone."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.segment.questions import public_title, questions_in

SHARED = Path(__file__).resolve().parents[2] / "shared"


def asked(text: str, title: str | None = None) -> list[tuple]:
    found = questions_in(text, 0, len(text), title)
    for q in found:  # every span points into the text
        assert q.asker is not None and q.asker.role == "public"
        assert text[q.asker.span.start:q.asker.span.end] in q.asker.name
        if q.answerer is not None:
            assert text[q.answerer.span.start:q.answerer.span.end].lower() in q.answerer.name.lower()
    return [(q.asker.name, q.answerer.name if q.answerer else None, q.supplementary) for q in found]


def test_asked_the_following_question_with_a_reply_and_a_supplementary():
    text = ("The following questions, received under Standing Order 34, were put to the Chairman:\n\n"
            "(A) Mrs Ann Marlow asked the following question of the Chairman of the Committee:\n\n"
            "What plans does the authority have to support parents?\n\n"
            "Mrs P Hale CC replied as follows:\n\nThe authority recognises the importance of support.\n\n"
            "Supplementary Question\n\n"
            "Mrs Marlow asked a supplementary question to identify what support was given. Mrs Marlow also stated "
            "that a service existed. Mrs Marlow asked if the authority would provide it?\n\n"
            "At the invitation of the Chairman, the Director of Children's Services replied to the effect that it would.\n\n"
            "(B) Mr Joe Dace asked the following question of the Chairman:\n\nWhen will the plan be published?\n\n"
            "Mrs P Hale CC replied as follows:\n\nIn July.\n")
    found = questions_in(text, 0, len(text), "Question Time.")
    assert [(q.asker.name, q.answerer.name, q.supplementary, q.letter) for q in found] == [
        ("Mrs Ann Marlow", "Mrs P Hale CC", False, "(A)"),
        ("Mrs Marlow", "Director of Children's Services", True, None),
        ("Mr Joe Dace", "Mrs P Hale CC", False, "(B)")]
    assert found[0].text == "What plans does the authority have to support parents?"
    assert found[1].answerer.role == "officer"


def test_question_by_and_reply_by():
    text = ("Question by Mrs Ruth Fenn:\n\"Will the Council resurface Fen Lane this year?\"\n"
            "Reply by the Leader:\nThe work is programmed for the autumn.\n"
            "Question from Joe Dace (resident):\nWhy was the library closed?\n"
            "Reply by the Cabinet Member for Communities:\nFor repairs.\n")
    assert asked(text, "Public Question Time") == [("Mrs Ruth Fenn", "The Leader", False),
                                                   ("Joe Dace", "The Cabinet Member for Communities", False)]


def test_asked_whether_and_he_was_informed():
    text = ("2615. Public Forum: Mr & Mrs Fenn and Mr & Mrs A. Dace all present regarding the planning application "
            "and they raised a number of issues relating to it.\n"
            "Mr Dace also asked whether the council had any further information on the road closures. He was informed "
            "that dates were awaited.\nMr Hale asked if it would be possible to see a map of the boundaries. Clerk to "
            "arrange. Cllr Rowe confirmed that this was the case.\n2616. Apologies for absence: Cllr Marsh.\n")
    found = questions_in(text, 0, len(text))
    assert [(q.asker.name, q.answerer) for q in found] == [("Mr Dace", None), ("Mr Hale", None)]
    assert found[0].text == "Mr Dace also asked whether the council had any further information on the road closures."


def test_numbered_passive_and_appositive_askers():
    text = ("Public Questions\nQuestion 1: Joe Dace\nWhy is the lane closed?\nReply by the Leader: For repairs.\n"
            "A question was asked by Mrs Ann Fenn about bins. In response, the Chairman said that collections would resume.\n"
            "Mr Hale, a local resident, asked whether parking would be reviewed. In reply, the Cabinet Member for "
            "Transport stated that it would.\n")
    found = questions_in(text, 0, len(text))
    assert [(q.asker.name, q.answerer.name) for q in found] == [
        ("Joe Dace", "The Leader"), ("Mrs Ann Fenn", "The Chairman"), ("Mr Hale", "The Cabinet Member for Transport")]
    assert found[1].text == "A question was asked by Mrs Ann Fenn about bins."


def test_a_named_speaker_under_public_questions():
    text = ("Public Gallery: There were 4 members of the public present.\nPublic Questions:\n"
            "Ann Marlow spoke regarding the application from the festival for a community grant.\n"
            "A local resident raised concerns about grass cutting. The Chairman advised that the city council is responsible.\n"
            "52 Apologies for Absence\nCllrs Fenn and Dace.\n")
    assert asked(text) == [("Ann Marlow", None, False)]


def test_deputations_as_a_numbered_list_of_speakers():
    text = ("Deputations\n1. Mr. Joe Dace – Mr. Dace addressed Council in relation to his sewer pipe.\n"
            "2. Mrs Ruth Fenn – Mrs Fenn spoke in opposition to the recommendation for item 8.4.3.\n")
    assert [a for a, _, _ in asked(text)] == ["Mr. Joe Dace", "Mrs Ruth Fenn"]


@pytest.mark.parametrize("title, body", [
    ("QUESTIONS FROM COUNCILLORS AND MEMBERS OF THE PUBLIC", "Minutes:\n\nThere were no questions\n"),
    ("PUBLIC PARTICIPATION", "There was no public participation.\n"),
    ("Public Forum", "No one present.\n"),
    ("PUBLIC QUESTIONS ON NOTICE", "The Chair advised that no public questions on notice had been received.\n"),
    ("Deputations", "No deputations were made at this meeting.\n"),
    ("Open Forum", "• Gold Award – Ann Marlow introduced the two volunteers who would be working in the village.\n"),
])
def test_none_put(title, body):
    assert asked(body, title) == []
    assert asked(f"4. {title}\n{body}5. Minutes\nApproved.\n") == []


def test_a_councillors_question_is_not_the_publics():
    text = ("QUESTIONS\n3. Question submitted by Councillor W. Fenn\nI will ask for an update on the treatment plant.\n"
            "REPLY: Approval has been obtained.\n")
    assert asked(text) == []
    assert asked(text, "Question submitted by Councillor W. Fenn") == []
    body = "Mr Dace asked the following question of the Leader:\nWhen will the road reopen?\n"
    assert asked(body, "Questions on notice by members") == []
    assert asked(body, "Members' Question Time") == []
    assert public_title("Question Time") and public_title("Questions from Members of the Public")


def test_not_read_outside_a_public_heading():
    text = ("7. Budget Monitoring\nMr Dace asked whether the overspend would be recovered. The Treasurer replied that it would.\n")
    assert asked(text) == []


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the seeds are not beside the clone")
def test_the_seeds_questions():
    from kg.ingest import read_document
    from kg.segment import clean_view
    found = []
    for path in sorted((SHARED / "seeds").iterdir()):
        doc = read_document(str(path))
        text = clean_view(doc.text, doc.fmt)
        found += questions_in(text, 0, len(text))
    assert len(found) == 13
    assert sum(q.supplementary for q in found) == 6
    assert all(q.answerer is not None for q in found if not q.supplementary)
