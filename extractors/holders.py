"""mkg_holders: who holds which post, from how the two sit side by side in the text.

Minutes and reports name an officer and their post in a handful of shapes:

    Helen Ashdown (Director- Children's Services).             person (post)
    Helen Ashdown, Director Children's Services                person, post
    Helen Ashdown                                              person / post on the next line
    Director of Children's Services
    Aoife Rourke Head of Fostering Service                     person post (a list line)
    Head of Service Fieldwork – Aoife Rourke                   post – person
    the Agency Decision Maker, Simon Pryce, be invited         post, person,
    Mr Pemberton's last meeting as Lead Member for ...         person ... as post
    Mr Ash declared ... . He was also a Governor of X.          the one person of the sentence before

The component pairs the PERSON and POST mentions already found (it runs last) and writes
the pairs to `doc._.mkg_holders` as (person span, post span). A post "of the Director"
on its own is not paired with anybody, and a post found by its role noun alone (kind "role",
"Data Quality Manager") is dropped from the mentions when nobody stands beside it.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M

VERSION = "1.2.1"

# what may stand between a person and the post that follows them
_AFTER_PERSON = re.compile(r"[ \t]*(?:[,(:–—-][ \t]*)?(?:\n[ \t]*){0,2}$|[ \t]*[,(][ \t]*\n?[ \t]*$")
# what may stand between a post and the person that follows it
_AFTER_POST = re.compile(r"[ \t]*(?:\n[ \t]*)?[–—:-][ \t]*(?:\n[ \t]*)?$|[ \t]*,[ \t]*$")
_COMMA = re.compile(r"[ \t]*,[ \t]*\n?[ \t]*$")
# "Mr Ash declared an interest ... He was also a Governor of ...": the one person of the sentence before
_PRONOUN_BEFORE = re.compile(r"(?:^|[.;:]\s+)(?:He|She)\s+(?:was|is|had\s+been|has\s+been|remained)\s+(?:also\s+)?"
                             r"(?:a|an|the)\s+$")
_AS_POST = re.compile(r"^['’]s\s+(?:\w+\s+){0,4}?as\s+(?:the\s+)?$|^,?\s+(?:the\s+)?(?:new\s+|current\s+|interim\s+)?$")


class HolderFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = M.text_of(doc)
        spans = sorted((s for s in M.mentions(doc) if s.label_ in ("PERSON", "POST")), key=lambda s: s.start_char)
        pairs: list[tuple] = []
        used_posts: set[int] = set()
        for k, s in enumerate(spans):
            if s.label_ != "PERSON":
                continue
            left = spans[k - 1] if k > 0 and spans[k - 1].label_ == "POST" else None
            right = spans[k + 1] if k + 1 < len(spans) and spans[k + 1].label_ == "POST" else None
            gap_left = text[left.end_char:s.start_char] if left is not None else None
            gap_right = text[s.end_char:right.start_char] if right is not None else None
            # "Head of Service – Anita Gurry": a dash before the person binds it to that post;
            # "Ann Bell, Director, Cy Dunn, Head of Audit": between two commas, the post after
            right_first = right is not None and (re.match(r"\s*\(", gap_right) or left is not None and (
                _COMMA.match(gap_left) and _COMMA.match(gap_right)))
            if left is not None and left.start_char not in used_posts and _AFTER_POST.match(gap_left) \
                    and not right_first:
                pairs.append((s, left))
                used_posts.add(left.start_char)
                continue
            if right is not None and gap_right.count("\n") <= 2 and (
                    _AFTER_PERSON.match(gap_right) or _AS_POST.match(gap_right)):
                pairs.append((s, right))
                used_posts.add(right.start_char)
        self._pronouns(doc, spans, pairs, used_posts)
        doc._.mkg_holders = pairs
        # a post found by its last word alone ("... Manager") stands only beside its holder
        if any(M.kind_of(s) == "role" and s.start_char not in used_posts for s in spans):
            M.set_mentions(doc, [s for s in M.mentions(doc)
                                 if not (s.label_ == "POST" and M.kind_of(s) == "role"
                                         and s.start_char not in used_posts)])
        return doc


    @staticmethod
    def _pronouns(doc: Doc, spans: list, pairs: list, used_posts: set[int]) -> None:
        """"He was also a Governor of X": the post of the one person named in the sentence before."""
        text = M.text_of(doc)
        for k, post in enumerate(spans):
            if post.label_ != "POST" or post.start_char in used_posts:
                continue
            if not _PRONOUN_BEFORE.search(text, max(0, post.start_char - 40), post.start_char):
                continue
            here = _sentence_start(text, post.start_char)
            before = _sentence_start(text, here - 1)
            people = [s for s in spans[:k] if s.label_ == "PERSON" and before < s.start_char < here]
            if len({" ".join(p.text.split()) for p in people}) == 1:
                pairs.append((people[-1], post))
                used_posts.add(post.start_char)


# a full stop that ends a sentence, not one after an initial or a title ("Mr. A. E. Ash")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bCllr)[.!?](?=\s+[A-Z\d(])")


def _sentence_start(text: str, pos: int) -> int:
    """Offset of the full stop that ends the sentence before the one holding `pos` (-1 if none)."""
    last = -1
    lo = max(0, pos - 800)
    for m in _SENTENCE_END.finditer(text, lo, max(pos, lo)):
        last = m.start()
    return last


@Language.factory("mkg_holders", assigns=["doc._.mkg_holders"], requires=["doc.spans"])
def make_holders(nlp: Language, name: str) -> HolderFinder:
    return HolderFinder(nlp, name)
