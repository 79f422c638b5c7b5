"""mkg_organisations: named bodies outside the council (label ORG).

Found, in order of confidence:
1. the curated table of national bodies (`patterns/national_bodies.v1.tsv`), names and
   aliases, with a Wikidata IRI where one was verified;
2. acronym definitions, "Care Quality Commission (CQC)": the name, and later bare uses of
   the acronym, when the name is an organisation (national, or ends in an organisational head);
3. a capitalised name ending in an organisational head ("... Trust", "... Police",
   "... City Council", "... Ltd", "... Clinical Commissioning Group");
4. names in a partner context: "colleagues from X", "commissioned X", "in partnership
   with X", "the charity X", "X, as the Department's strategic partner"; a possessive
   name of the "Name's" shape counts only in such a context or before a verb ("X's had");
   once found, the same name elsewhere in the text is tagged too.
The council itself ("the County Council", "<home> County Council") and its own bodies are
not organisations; `home_council` in the config names it when known.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors.committees import _followed_by_cap
from extractors.names import normalise_org, straighten
from extractors.vocab import trie_alternation

VERSION = "1.2.0"
PATTERNS = "organisations.v1.jsonl"
NATIONAL = "national_bodies.v1.tsv"

_CAPW = r"(?:[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,}s?|[A-Z][a-z]+(?:['’][a-z]+)?)(?![A-Za-z])"
_CONN = r"(?:of[ \t]+the|and|&|of|for)"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_NAME = rf"{_CAPW}(?:{_GAP}(?:{_CONN}{_GAP})*{_CAPW}){{0,5}}"
_ACRONYM_DEF = re.compile(rf"({_NAME})[ \t]*\((?P<acr>[A-Z][A-Za-z]{{1,9}})\)")
_ACRONYM_MARK = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")  # what every _ACRONYM_DEF match ends with
_HEAD_STOP = frozenset({
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Our", "Their", "In", "On", "At",
    "For", "By", "With", "From", "As", "To", "Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor",
    "Leader", "Chairman", "Chair", "Both", "All", "Each", "Other", "Some", "Many", "Local", "Regional",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December"})
_ROLES = frozenset({"Governor", "Governors", "Director", "Directors", "Head", "Chair", "Chairman",
                    "Member", "Members", "Leader", "Trustee", "Trustees", "Chief", "Officer",
                    "Representative", "Representatives", "Part", "Principal", "Manager"})
_FORCE_HEADS = frozenset({"Police", "Constabulary"})
_PLACE = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?"
_COORDINATED = re.compile(rf"(?P<places>(?:{_PLACE}[ \t]*,[ \t]*)*{_PLACE})[ \t]+(?:and|&)[ \t]+(?P<last>{_PLACE})[ \t]+"
                          rf"(?P<head>Police|Constabulary)\b")
_PLACES_BEFORE = re.compile(rf"(?:(?<![\w'’-]){_PLACE}[ \t]*,[ \t]*)+$")  # "Fenwater, " before "X and Y <head>"
_VERB_AFTER = re.compile(r"^(?:\s*[,.;:)]|\s+(?:had|has|have|was|were|is|are|would|will|could|as|for|and|to|in|who|which|staff|worker|workers|colleagues)\b)")
_PARTNER_BEFORE = re.compile(r"\b(?:with|from|by|for|and|the charity|commissioned|commissions)\s+$")


class OrganisationFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS, national: str = NATIONAL,
                 home_council: str | None = None):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "org_heads")
        self.multi = sorted(M.words(recs, "org_multi_heads"), key=len, reverse=True)
        self.generic = M.words(recs, "generic_modifiers")
        self.bare = M.words(recs, "org_bare_heads")
        self.not_names = M.words(recs, "not_names")
        self.not_poss = M.words(recs, "not_possessive_names")
        self.contexts = M.regexes(recs, "context")
        self.head_stop = _HEAD_STOP | self.heads | {"Council", "Board", "Group", "Service"}
        self.own_agency = M.words(M.load_jsonl("services.v1.jsonl"), "agency_modifiers")
        self.after = M.regexes(recs, "context_after")
        self.home = normalise_org(home_council) if home_council else None
        self.national: dict[str, tuple[str, str]] = {}
        for row in M.load_tsv(national):
            canon, iri = row["name"].strip(), (row.get("wikidata") or "").strip()
            for form in [canon] + [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]:
                self.national[straighten(form)] = (canon, iri)
        pieces = ([r"['’]" if ch in "'’" else re.escape(ch) for ch in form] for form in self.national)
        self.national_rx = re.compile(r"(?<![\w-])" + trie_alternation(pieces) + r"(?![\w-])")
        self.multi_rx = re.compile(r"(?:" + "|".join(re.escape(m) for m in self.multi) + r")(?![\w'’-])(?![ \t]+[A-Z][a-z])")

    # -- 1. national bodies ---------------------------------------------------
    def _national(self, doc: Doc) -> None:
        for m in self.national_rx.finditer(M.text_of(doc)):
            canon, iri = self.national[straighten(m.group(0))]
            M.add(doc, m.start(), m.end(), "ORG", canon, "national", iri)

    # -- 2. acronym definitions ----------------------------------------------
    def _acronyms(self, doc: Doc) -> dict[str, str]:
        aliases: dict[str, str] = {}
        if not _ACRONYM_MARK.search(M.text_of(doc)):
            return aliases  # no "(ABC)" anywhere: no definition to look for
        for m in _ACRONYM_DEF.finditer(M.text_of(doc)):
            acr = m.group("acr")
            letters = [c for c in acr if c.isupper()]
            words = re.findall(rf"{_CAPW}|{_CONN}", m.group(1))
            caps = [(k, w) for k, w in enumerate(words) if w[0].isupper()]
            if len(caps) < len(letters):
                continue
            tail = caps[-len(letters):]
            if [w[0] for _, w in tail] != letters:
                continue
            first_word = tail[0][1]
            start = m.start(1) + _nth_word_offset(m.group(1), tail[0][0])
            name_text = M.text_of(doc)[start:m.end(1)]
            norm = normalise_org(name_text)
            if norm in self.national or first_word in self.not_names and norm not in self.national:
                if norm in self.national:
                    aliases[acr] = self.national[norm][0]
                continue
            if self._is_org_name(norm):
                M.add(doc, start, m.end(1), "ORG", norm, "acronym")
                aliases[acr] = norm
        for acr, norm in aliases.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", M.text_of(doc)):
                M.add(doc, m.start(), m.end(), "ORG", norm, "acronym")
        return aliases

    def _is_org_name(self, norm: str) -> bool:
        words = norm.split()
        if len(words) < 2:
            return False
        if any(norm.endswith(h) for h in self.multi) and not self._own_council(norm):
            return True
        if words[-1] in self.heads and any(w not in self.generic and w[0].isupper() for w in words[:-1]):
            return words[-1] != "Commission" or "Scrutiny" not in words
        return norm.startswith("Office of ")

    def _own_council(self, norm: str) -> bool:
        if self.home:
            return norm == self.home
        return norm.endswith("County Council")

    # -- 3. organisational heads --------------------------------------------
    def _heads(self, doc: Doc) -> None:
        for m in self.multi_rx.finditer(M.text_of(doc)):
            i = M.token_at(doc, m.start())
            if i is None:
                continue
            start = M.walk_left(doc, i, stop=self.head_stop)
            if start == i and m.group(0) not in self.bare:
                continue
            start = self._past_role(doc, start, i)
            s_char = doc[start].idx if start < i else m.start()
            text = M.text_of(doc)
            if start < i and re.search(r"\s(?:and|&)\s", text[s_char:m.start()]):
                places = _PLACES_BEFORE.search(text, max(0, s_char - 80), s_char)
                words = re.findall(r"[A-Z][a-z]+", places.group(0)) if places else ()
                if places and not any(w in self.head_stop or w in self.not_names or w in self.generic for w in words):
                    s_char = places.start()  # "Fenwater, Northmoor and Vale Integrated Care Board": one body
            norm = normalise_org(text[s_char:m.end()])
            if self._own_council(norm):
                continue
            if start < i and all(x.text in self.generic for x in doc[start:i] if M.is_cap(x)):
                continue
            M.add(doc, s_char, m.end(), "ORG", norm, "head")
        for t in M.tokens_matching(doc, self.heads):
            if t.text not in self.heads or _followed_by_cap(doc, t.i):
                continue
            start = M.walk_left(doc, t.i, stop=self.head_stop, newline_before_head=False)
            start = self._past_role(doc, start, t.i)
            if start == t.i:
                continue
            if t.text == "Agency" and doc[t.i - 1].text in self.own_agency:
                continue
            mods = [x.text for x in doc[start:t.i] if M.is_cap(x)]
            if not mods or all(x in self.generic for x in mods):
                continue
            if t.text == "Commissioner" and doc[start].text != "Office":
                continue
            surface = M.phrase_text(doc, start, t.i + 1)
            if t.text in _FORCE_HEADS and re.search(r"\s(?:and|&)\s", surface):
                continue  # "Northmoor and Vale Police": two forces, see _coordinated

            M.add(doc, doc[start].idx, t.idx + len(t.text), "ORG", normalise_org(surface), "head")

    def _coordinated(self, doc: Doc) -> None:
        """"Northmoor, Vale and Eastshire Police" names three forces."""
        text = M.text_of(doc)
        if "Police" not in text and "Constabulary" not in text:
            return  # the heads every _COORDINATED match ends with
        for m in _COORDINATED.finditer(text):
            head = m.group("head")
            places = [p for p in re.finditer(_PLACE, m.group("places"))] + [None]
            words = {w for p in places if p for w in p.group(0).split()} | set(m.group("last").split())
            if words & (self.heads | self.not_names | self.generic | _HEAD_STOP):
                continue  # "the Trust and Northmoor Police": not a list of forces
            for p in places[:-1]:
                place = p.group(0)
                start = m.start("places") + p.start()
                M.add(doc, start, start + len(place), "ORG", f"{place} {head}", "head")
            M.add(doc, m.start("last"), m.end("head"), "ORG", normalise_org(f"{m.group('last')} {head}"), "head")

    def _past_role(self, doc: Doc, start: int, head: int) -> int:
        """Skip a leading "Governor of", "Director of the": a role, not part of the name."""
        for k in range(start, head):
            if doc[k].text in _ROLES and k + 1 < head and doc[k + 1].lower_ == "of":
                start = k + 2
                if start < head and doc[start].lower_ == "the":
                    start += 1
        return start

    # -- 4. context -----------------------------------------------------------
    def _context(self, doc: Doc) -> set[str]:
        found: set[str] = set()
        text = M.text_of(doc)
        name_rx = re.compile(rf"(?:{_CAPW}['’]s|{_NAME})")
        for _, rx in self.contexts:
            for m in rx.finditer(text):
                n = name_rx.match(text, m.end())
                if n and self._context_name_ok(n.group(0)):
                    found.add(self._emit_context(doc, n.start(), n.end()))
        # "X, as the Department's strategic partner"
        after = [rx for _, rx in self.after if rx.search(text)]  # what matches nowhere matches after no name
        for m in re.finditer(rf"({_CAPW}['’]s|{_NAME})(?=,?\s)", text) if after else ():
            for rx in after:
                if rx.match(text, m.end()) and self._context_name_ok(m.group(1)):
                    found.add(self._emit_context(doc, m.start(1), m.end(1)))
        # "Kestrel's"-shaped names: before a verb and after a partner word
        for m in re.finditer(r"(?<![\w'’-])([A-Z][a-z]{2,})['’]s\b", text):
            word = m.group(1)
            if word in self.not_poss or word in self.not_names:
                continue
            if _VERB_AFTER.match(text[m.end():m.end() + 20]) and (
                    _PARTNER_BEFORE.search(text[max(0, m.start() - 30):m.start()]) or m.group(0) in found):
                found.add(self._emit_context(doc, m.start(), m.end()))
        found.discard("")
        # the same name elsewhere in the text
        for name in sorted(found, key=len, reverse=True):
            forms = {name, name.replace("'", "’")}
            for f in forms:
                for m in re.finditer(rf"(?<![\w'’-]){re.escape(f)}(?![\w'’-])", text):
                    M.add(doc, m.start(), m.end(), "ORG", name, "context")
        return found

    def _context_name_ok(self, name: str) -> bool:
        words = re.findall(r"[A-Za-z&]+", name)
        if not words or words[0] in self.not_names:
            return False
        if len(words) == 1 and words[0] in self.heads:
            return False  # "funded by the Trust": a reference back, not a name
        caps = [w for w in words if w[0].isupper()]
        if any(w in self.not_names for w in caps[-1:]):
            return False
        return not all(w in self.not_names or w in self.generic for w in caps)

    def _emit_context(self, doc: Doc, start: int, end: int) -> str:
        norm = normalise_org(M.text_of(doc)[start:end])
        if norm in self.national:
            return ""
        M.add(doc, start, end, "ORG", norm, "context")
        return norm

    def __call__(self, doc: Doc) -> Doc:
        self._national(doc)
        self._acronyms(doc)
        self._coordinated(doc)
        self._heads(doc)
        self._context(doc)
        M.resolve(doc)
        return doc


def _nth_word_offset(text: str, n: int) -> int:
    ms = list(re.finditer(rf"{_CAPW}|{_CONN}", text))
    return ms[n].start()


@Language.factory("mkg_organisations",
                  default_config={"patterns": PATTERNS, "national": NATIONAL, "home_council": None},
                  assigns=["doc.spans"])
def make_organisations(nlp: Language, name: str, patterns: str, national: str,
                       home_council: str | None) -> OrganisationFinder:
    return OrganisationFinder(nlp, name, patterns, national, home_council)
