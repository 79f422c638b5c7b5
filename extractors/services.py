"""mkg_services: the council's own named services, teams, units and programmes.

"<Capitalised words> Service|Team|Unit|Hub|Programme" ("Children and Family Wellbeing
Service", "Care Leavers Team", "Transformation Unit"), a fostering or adoption "Agency", and
a small vocabulary of services named without a head ("Virtual School", "First Response").
A lowercase head counts after capitalised words ("the Complaints team", "the Holiday
Activity and Food scheme", "a multi-agency CSE team"), a programme's name may hold "for the"
("Families for the Future programme"), a list of capitalised words may hold commas before
its "and" ("Exploitation, Missing and Trafficked Hub"), and a named service takes its
plural ("Early Help Services"). A bare lowercase head ("the service"), a wholly lowercase
phrase ("early help services") and other plurals are not names.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors.committees import _followed_by_cap
from extractors.names import normalise_org

VERSION = "1.2.0"
PATTERNS = "services.v1.jsonl"
_AND = frozenset({"and", "&"})
_TITLE_CONNECTORS = frozenset({"and", "&", "for", "of"})  # "Families for the Future Programme"
_TITLED = frozenset({"Programme", "programme", "Scheme", "scheme"})
_MULTI_AGENCY = re.compile(r"(?:[Mm]ulti|[Ii]nter)-[Aa]gency[ \t]+$")
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


_OPENING_QUOTES = ("‘", "'", "“", '"')  # before a name: its closing quote is not a possessive's


class ServiceFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "heads")
        self.exclude = M.words(recs, "exclude")
        self.agency = M.words(recs, "agency_modifiers")
        self.owners = M.words(recs, "owner_possessives")
        self.stop = M.words(recs, "not_modifiers")
        self.lower_heads = M.words(recs, "lower_heads")
        self.lower_stop = M.words(recs, "lower_head_not_modifiers") | self.stop
        self.compounds = M.words(recs, "lower_head_compounds")
        vocab = sorted(M.words(recs, "vocab_labelled"), key=len, reverse=True)
        self.vocab = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in vocab) + r")(?![\w'’-])")
        named = sorted(M.words(recs, "vocab"), key=len, reverse=True)
        self.plural = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in named) + r")[ \t]+Services?\b")
        self.all_heads = self.heads | self.lower_heads
        self.head_stops = {True: self.lower_stop | self.heads, False: self.stop | self.heads}  # by lowercase head

    def __call__(self, doc: Doc) -> Doc:
        text = M.text_of(doc)
        heads = self.all_heads
        for t in M.tokens_matching(doc, heads):
            if t.text not in heads or (_followed_by_cap(doc, t.i) and not _document_follows(doc, t.i)):
                continue
            lower = t.text in self.lower_heads
            stop = self.head_stops[lower]
            connectors = _TITLE_CONNECTORS if t.text in _TITLED else _AND
            start = M.walk_left(doc, t.i, stop=stop, owners=self.owners, max_words=6 if t.text in _TITLED else 5,
                                connectors=connectors, the_after=("of", "for"))
            start = self._list_before(doc, start, t.i, stop)
            if start == t.i or doc[start].lower_ in connectors:
                continue
            if t.text == "Agency" and doc[t.i - 1].text not in self.agency:
                continue
            if lower and not self._lower_ok(doc, start, t):
                continue
            s_char = doc[start].idx
            multi = _MULTI_AGENCY.search(text, max(0, s_char - 14), s_char)
            if multi:  # "a multi-agency CSE team": the lowercase modifier is part of the name
                s_char = multi.start()
            surface = " ".join(text[s_char:t.idx + len(t.text)].split())
            if text[s_char - 1:s_char] in _OPENING_QUOTES:  # "the ‘Family Link’ team": quoted, not a possessive
                surface = re.sub(r"['’”\"](?= \S+$)", "", surface)
            if lower or multi:
                words = surface.split(" ")
                if multi:
                    words[0] = "-".join(w.capitalize() for w in words[0].split("-"))
                words[-1] = words[-1].capitalize()
                surface = " ".join(words)
            norm = normalise_org(surface)
            if any(norm == x or norm.endswith(" " + x) for x in self.exclude):
                continue
            if lower and self.vocab.fullmatch(norm.rsplit(" ", 1)[0]):
                norm = norm.rsplit(" ", 1)[0]  # "the First Response service" is First Response
            M.add(doc, s_char, t.idx + len(t.text), "SERVICE", norm, "lower" if lower else "shape")
        for m in self.vocab.finditer(text):
            M.add(doc, m.start(), m.end(), "SERVICE", m.group(0), "vocab")
        for m in self.plural.finditer(text):  # "Early Help Services"
            M.add(doc, m.start(), m.end(), "SERVICE", " ".join(m.group(0).split()), "vocab")
        # "the Supporting Young Families (SYF) team": a name and its acronym before a lowercase head
        acronyms: dict[str, str] = {}
        for m in _ACRONYM_TEAM.finditer(text):
            name_start = m.start("name")
            lead = re.match(r"(?:[A-Z][\w]*['’]s[ \t]*\n?[ \t]*)+", m.group("name"))
            if lead:  # "the Council's Child Exploitation (CE) team": the owner is not part of the name
                name_start += lead.end()
            name_end = m.end("name")
            if text[name_end - 1] in "'’" and text[name_start - 1:name_start] in _OPENING_QUOTES:
                name_end -= 1  # "an ‘Early Steps’ (ES) team": quoted, not a possessive
            name = normalise_org(text[name_start:name_end])
            words = name.split()
            norm = f"{name} {m.group('head').capitalize()}"  # "Child Exploitation Team"; the bare name is an altLabel
            if len(words) < 2 or words[0] in self.stop or not all(w[0].isupper() or w in ("and", "of", "for") for w in words):
                continue
            if not _initials_match(words, m.group("acr")):
                continue
            M.add(doc, name_start, name_end, "SERVICE", norm, "acronym")
            acronyms[m.group("acr")] = norm
            for a in re.finditer(rf"(?<![\w-]){re.escape(m.group('acr'))}(?![\w-])", M.text_of(doc)):
                M.add(doc, a.start(), a.end(), "SERVICE", norm, "acronym")
        M.resolve(doc)
        _one_name_for_possessive(doc, acronyms)
        return doc

    def _lower_ok(self, doc: Doc, start: int, head) -> bool:
        """A lowercase head names a service only after capitalised words that are a name: not a
        single word opening its sentence or line ("Planned programme"), not the tail of a title
        cut at a small word ("Better Value in SEND programme"), not "service" after one
        ordinary word ("the Northmoor service"), and not as the first half of a compound ("the
        SEND service plan")."""
        mods = [t for t in doc[start:head.i] if M.is_cap(t)]
        if start >= 2 and doc[start - 1].lower_ in ("in", "on", "to", "with", "at", "by") and M.is_cap(doc[start - 2]):
            return False  # "Delivering Better Value in SEND programme": the end of a longer title
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in self.compounds:
            return False
        if len(mods) == 1:
            if head.text == "service" and not mods[0].text.isupper():
                return False
            before = M.text_of(doc)[:doc[start].idx].rstrip(" \t")
            if not before or before[-1] in "\n.:;•·*-–(" or before.endswith(("\n\u2022", "\n-")):
                return False
        return True

    @staticmethod
    def _list_before(doc: Doc, start: int, head: int, stop) -> int:
        """"Child Criminal Exploitation, Missing and Trafficked Hub": capitalised words and a comma
        before a phrase that holds "and" are the first items of one list-shaped name."""
        words = {t.lower_ for t in doc[start:head]}
        if start == head or not words & _AND or start < 2 or doc[start - 1].text != ",":
            return start
        before = M.walk_left(doc, start - 1, stop=stop, max_words=4, connectors=frozenset())
        return before if before < start - 1 and all(M.is_cap(t) for t in doc[before:start - 1]) else start


def _one_name_for_possessive(doc: Doc, acronyms: dict[str, str]) -> None:
    """One service, one name: "Northmoor and Eastfold’s Adoption Agency" beside "Northmoor and
    Eastfold Adoption Agency" is named without the possessive; "the SYF programme" after
    "Supporting Young Families (SYF) team" is that team."""
    spans = M.mentions(doc, "SERVICE")
    names = {s._.mkg_norm for s in spans}
    for s in spans:
        plain = re.sub(r"'s\b", "", s._.mkg_norm)
        if plain != s._.mkg_norm and plain in names:
            s._.mkg_norm = plain
        words = s._.mkg_norm.split()
        if s._.mkg_kind == "lower" and len(words) == 2 and words[0] in acronyms:
            s._.mkg_norm = acronyms[words[0]]


@Language.factory("mkg_services", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_services(nlp: Language, name: str, patterns: str) -> ServiceFinder:
    return ServiceFinder(nlp, name, patterns)
