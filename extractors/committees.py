"""mkg_committees: the council's own bodies (label COMMITTEE).

"Cabinet", "Scrutiny Commission", "<X> Overview and Scrutiny Committee", "<X> Board",
"<X> Panel", "<X> Forum": a head word with at least one capitalised modifier before it
(a bare "the Committee" names no body). A "Commission" is a council body only when it is a
scrutiny one; regulators such as the Care Quality Commission are organisations.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.names import normalise_org

VERSION = "1.2.0"
PATTERNS = "committees.v1.jsonl"
_AND = frozenset({"and", "&"})


class CommitteeFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "heads")
        self.commission = M.words(recs, "commission_modifiers")
        self.stop = M.words(recs, "not_modifiers")
        self.outside = tuple(sorted(M.words(recs, "outside_bodies")))
        singles = sorted(M.words(recs, "single"), key=len, reverse=True)
        self.single = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(s) for s in singles) + r")(?![\w'’-])")

    def __call__(self, doc: Doc) -> Doc:
        for t in M.tokens_matching(doc, self.heads):
            if t.text not in self.heads or _followed_by_cap(doc, t.i):
                continue
            start = M.walk_left(doc, t.i, stop=self.stop | self.heads, connectors=_AND)
            if start == t.i:
                continue
            words = {x.text for x in doc[start:t.i]}
            if t.text == "Commission" and not words & self.commission:
                continue
            surface = M.phrase_text(doc, start, t.i + 1)
            if surface.endswith(self.outside):
                continue  # "Integrated Care Board", "Parent Carer Forum": bodies outside the council
            M.add(doc, doc[start].idx, t.idx + len(t.text), "COMMITTEE", normalise_org(surface), "shape")
        for m in S.finditer(self.single, M.text_of(doc)):
            M.add(doc, m.start(), m.end(), "COMMITTEE", m.group(0), "vocab")
        M.resolve(doc)
        return doc


def _followed_by_cap(doc: Doc, i: int) -> bool:
    """The head is itself a modifier ("Committee Room", "Board Chair") when a capitalised
    word follows on the same line."""
    j = i + 1
    if j < len(doc) and doc[j].is_space:
        return False
    return j < len(doc) and M.is_cap(doc[j]) and doc[i].whitespace_ != ""


@Language.factory("mkg_committees", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_committees(nlp: Language, name: str, patterns: str) -> CommitteeFinder:
    return CommitteeFinder(nlp, name, patterns)
