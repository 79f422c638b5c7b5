"""mkg_services: the council's own named services, teams, units and programmes.

"<Capitalised words> Service|Team|Unit|Hub|Programme" ("Children and Family Wellbeing
Service", "Care Leavers Team", "Transformation Unit"), a fostering or adoption "Agency", and
a small vocabulary of services named without a head ("Virtual School", "First Response").
Lowercase heads ("the service", "early help services") and plurals are not names.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors.committees import _followed_by_cap
from extractors.names import normalise_org

VERSION = "1.0.0"
PATTERNS = "services.v1.jsonl"
_AND = frozenset({"and", "&"})
_GAP = r"(?:[ \t]+\n?|\n)[ \t]*"  # at least one space or a line break between words
_ACRONYM_TEAM = re.compile(rf"(?P<name>[A-Z][\w'’]+(?:{_GAP}(?:(?:and|of|for){_GAP})?[A-Z][\w'’]+){{1,6}})[ \t]*\n?[ \t]*"
                           r"\((?P<acr>[A-Z]{2,8})\)[ \t]*\n?[ \t]*(?P<head>team|service|hub|unit|programme)\b")


_DOCUMENT_WORDS = frozenset({"Plan", "Report", "Strategy", "Update", "Review", "Statement", "Framework", "Policy",
                             "Protocol", "Offer", "Charter", "Self-Assessment", "Evaluation"})


def _document_follows(doc: Doc, i: int) -> bool:
    """"Youth Justice Service Annual Plan": the service, then the title of one of its documents."""
    for t in doc[i + 1:i + 5]:
        if t.text in _DOCUMENT_WORDS:
            return True
        if not (t.is_space or t.text[:1].isupper() or t.like_num or t.text in ("/", "-", "–")):
            return False
    return False


def _initials_match(words: list[str], acr: str) -> bool:
    caps = [w[0] for w in words if w[0].isupper()]
    return "".join(caps[-len(acr):]) == acr


class ServiceFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "heads")
        self.exclude = M.words(recs, "exclude")
        self.agency = M.words(recs, "agency_modifiers")
        self.owners = M.words(recs, "owner_possessives")
        self.stop = M.words(recs, "not_modifiers")
        vocab = sorted(M.words(recs, "vocab_labelled"), key=len, reverse=True)
        self.vocab = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in vocab) + r")(?![\w'’-])")

    def __call__(self, doc: Doc) -> Doc:
        for t in M.tokens_matching(doc, self.heads):
            if t.text not in self.heads or (_followed_by_cap(doc, t.i) and not _document_follows(doc, t.i)):
                continue
            start = M.walk_left(doc, t.i, stop=self.stop | self.heads, owners=self.owners, max_words=5,
                                connectors=_AND)
            if start == t.i:
                continue
            if t.text == "Agency" and doc[t.i - 1].text not in self.agency:
                continue
            surface = M.phrase_text(doc, start, t.i + 1)
            norm = normalise_org(surface)
            if any(norm == x or norm.endswith(" " + x) for x in self.exclude):
                continue
            M.add(doc, doc[start].idx, t.idx + len(t.text), "SERVICE", norm, "shape")
        for m in self.vocab.finditer(doc.text):
            M.add(doc, m.start(), m.end(), "SERVICE", m.group(0), "vocab")
        # "the Supporting Young Families (SYF) team": a name and its acronym before a lowercase head
        for m in _ACRONYM_TEAM.finditer(doc.text):
            name_start = m.start("name")
            lead = re.match(r"(?:[A-Z][\w]*['’]s[ \t]*\n?[ \t]*)+", m.group("name"))
            if lead:  # "the Council's Child Exploitation (CE) team": the owner is not part of the name
                name_start += lead.end()
            name = normalise_org(doc.text[name_start:m.end("name")])
            words = name.split()
            norm = f"{name} {m.group('head').capitalize()}"  # "Child Exploitation Team"; the bare name is an altLabel
            if len(words) < 2 or words[0] in self.stop or not all(w[0].isupper() or w in ("and", "of", "for") for w in words):
                continue
            if not _initials_match(words, m.group("acr")):
                continue
            M.add(doc, name_start, m.end("name"), "SERVICE", norm, "acronym")
            for a in re.finditer(rf"(?<![\w-]){re.escape(m.group('acr'))}(?![\w-])", doc.text):
                M.add(doc, a.start(), a.end(), "SERVICE", norm, "acronym")
        M.resolve(doc)
        return doc


@Language.factory("mkg_services", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_services(nlp: Language, name: str, patterns: str) -> ServiceFinder:
    return ServiceFinder(nlp, name, patterns)
