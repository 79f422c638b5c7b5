"""mkg_posts: roles people hold, found from the shape of the words.

"Director of X", "Assistant Director, X", "Head of Service - X", "Head of X",
"(Cabinet) Lead Member for X" take the capitalised area that follows them and stop at the
first lowercase word or punctuation ("... Family Services which provided" stops before
"which"); generic council posts ("Chief Executive", "Monitoring Officer") are a vocabulary.
`span._.mkg_norm` is the canonical label from `extractors.names.normalise_post`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors.names import normalise_post

VERSION = "1.0.0"
PATTERNS = "posts.v1.jsonl"

_SEP_COMPOUND = re.compile(r"[ \t]*(?:of\s+|[-–:,][ \t]*\n?[ \t]*|[ \t]+)")
_SEP_DIRECTOR = re.compile(r"[ \t]*(?:of\s+|[-–:][ \t]*\n?[ \t]*|[ \t]+)")
_SEP_SPACE = re.compile(r"\s+")
_NEXT_PERSON = re.compile(r"\s+and\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z'’\-]+\s*,")
_AREA_TAKING = re.compile(r"(?:Manager|Lead)$")
_AT_BODY = re.compile(r",[ \t]*(?:[A-Z][\w'’]+[ \t]+){0,4}(?:District|Borough|City|County|Parish|Town)?[ \t]*"
                      r"(?:Council|Police|Constabulary|CCG|NHS\s+Trust|Foundation\s+Trust|Integrated\s+Care\s+Board)\b")


class PostFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        self.heads = M.regexes(recs, "regex")
        self.compound = {w.lower() for w in M.words(recs, "compound_heads")}
        self.stop = M.words(recs, "area_stop")
        self.cont = M.words(recs, "area_continuations")
        vocab = sorted(M.words(recs, "vocab"), key=len, reverse=True)
        self.vocab = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(v) for v in vocab) + r")(?![\w'’])")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for hid, rx in self.heads:
            for m in rx.finditer(text):
                head = " ".join(m.group(0).split())
                rest = text[m.end():]
                if hid == "director":
                    sep = (_SEP_COMPOUND if head.lower() in self.compound else _SEP_DIRECTOR).match(rest)
                elif hid == "head_of_service":
                    sep = _SEP_COMPOUND.match(rest)
                else:
                    sep = _SEP_SPACE.match(rest)
                if not sep:
                    continue
                i = M.token_at(doc, m.end() + sep.end())
                if i is None or doc[i].idx != m.end() + sep.end():
                    continue
                end = M.walk_right(doc, i, stop=self.stop, continuations=self.cont,
                                   allow_leading_the=hid == "head_of")
                if end == i:
                    if hid == "head_of_service":
                        M.add(doc, m.start(), m.end(), "POST", "Head of Service", "shape")
                    continue
                end_char = doc[end - 1].idx + len(doc[end - 1].text)
                surface = text[m.start():end_char]
                # "Assistant Director, X CCG and Jane Roberts, ..." : the area ends before the next person
                nxt = _NEXT_PERSON.search(text[m.start():end_char + 2])
                if nxt and m.start() + nxt.start() < end_char:
                    end_char = m.start() + nxt.start()
                    surface = text[m.start():end_char]
                M.add(doc, m.start(), end_char, "POST", normalise_post(surface), "shape")
        for m in self.vocab.finditer(text):
            end_char = m.end()
            if _AREA_TAKING.search(m.group(0)):
                # "Service Manager Safeguarding", "Team Manager Children and Families Services"
                i = M.token_at(doc, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
                if i is not None and doc[i].idx == m.end() + 1:
                    end = M.walk_right(doc, i, stop=self.stop, continuations=self.cont, max_words=6)
                    if end > i:
                        end_char = doc[end - 1].idx + len(doc[end - 1].text)
            at = _AT_BODY.match(text, end_char)
            if at:
                # "Chief Executive, Northmoor District Council": a post at another named body
                end_char = at.end()
            surface = text[m.start():end_char]
            M.add(doc, m.start(), end_char, "POST", normalise_post(surface), "vocab")
        M.resolve(doc)
        return doc


@Language.factory("mkg_posts", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_posts(nlp: Language, name: str, patterns: str) -> PostFinder:
    return PostFinder(nlp, name, patterns)
