"""mkg_people: people's names as minutes write them (label PERSON).

* an honorific, initials or given names, a surname and post-nominals:
  "Mrs. H. J. Quarrie CC", "Mr T. Brindle CC", "Mrs Penelope Yarrow", "Cllr Jane Smith", "Mrs Quarrie";
* a bare "First Last" only in a strong context: a line of an "Officer(s) to Contact"
  block, right before or after a post ("Jane Moorcroft, Director of ...", "the Agency Decision
  Maker, Jane Moorcroft,", "Head of Service – Jane Moorcroft", a name alone on the line above
  a post), after a police rank ("Detective Inspector Jane Moorcroft"), or before a speech verb
  ("Jane Moorcroft explained"). Inside a narrow table cell a name may wrap ("Jane \nMoorcroft").
"Mr Chairman", "Mrs Justice" and capitalised ordinary words are refused. Needs the POST
spans of `mkg_posts`. `span._.mkg_norm` is the name as written, whitespace squashed.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.names import parse_person, squash, straighten
from extractors.titles import PERSONAL, POSTNOMINALS, RANKS

VERSION = "1.2.1"
PATTERNS = "people.v1.jsonl"

_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
_BARE = rf"{_WORD}(?:[ \t]+{_WORD}){{1,2}}"
_WORD_AT = re.compile(_WORD + r"(?![\w'’-])")
_GAP_AT = re.compile(r"[ \t]+(?=[A-Z])|[ \t]*\n[ \t]*(?=[A-Z])")
_DASH = re.compile(r"[ \t]*(?:\n[ \t]*)?[–—-][ \t]*(?:\n[ \t]*)?(?=[A-Z])")
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[,.;:)&/\n]|and\b|\()")


def _last_chunks(line: str, n: int) -> int:
    """Where the white space before the last `n` runs of other characters of `line` begins (0 when
    it has no more). A `before_post` match (a name of three words at most, then a comma, a
    bracket or a dash, the words and the mark parted by spaces and tabs) holds at most four
    such runs and ends the line, so it starts there or later."""
    parts = line.rsplit(None, n)
    return len(parts[0]) if len(parts) > n else 0


class PersonFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        hons = sorted(PERSONAL, key=len, reverse=True)
        posts = sorted(POSTNOMINALS, key=len, reverse=True)
        self.not_names = M.words(recs, "not_names")
        verbs = sorted(M.words(recs, "speech_verbs"))
        self.verbs = tuple(verbs)
        self.contact = M.regexes(recs, "regex")
        self.honorific = re.compile(
            rf"(?<![\w'’])(?P<hon>{'|'.join(hons)})\.?[ \t]+"
            rf"(?P<init>(?:[A-Z](?:\.[ \t]*|[ \t]+)){{0,5}})"
            rf"(?P<given>(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ \t]+){{0,2}})"
            rf"(?P<sur>{_WORD})(?![\w'’-])"
            rf"(?P<post>(?:[ \t]+(?:{'|'.join(posts)})(?![\w]))*)")
        self.speech = re.compile(rf"(?<![\w'’.-])({_BARE})[ \t]+(?:{'|'.join(verbs)})\b")
        self.before_post = re.compile(rf"(?:^|(?<=[,;:(\n])|(?<=\. )|(?<=[ \t]and[ \t])|(?<=\bwelcomed[ \t])|(?<=\bthanked[ \t]))[ \t]*({_BARE})[ \t]*(?:,|\(|–|-)?[ \t]*$")
        self.after_post = re.compile(rf"[ \t]*,[ \t]*({_BARE})[ \t]*(?=[,.)\n]|$)")
        self.contact_line = re.compile(rf"^[ \t]*({_BARE})[ \t]*(?=$|,|\(|[ \t]+[A-Z])", re.MULTILINE)
        self.line_above = re.compile(rf"(?:^|\n)[ \t]*({_BARE})[ \t]*\n[ \t]*$")
        self.rank = re.compile(rf"(?<![\w'’])(?:{'|'.join(RANKS)})[ \t]+({_BARE})(?![\w'’-])")

    def _ok_bare(self, name: str) -> bool:
        words = name.split()
        if any(w in self.not_names or w.upper() == w for w in words):
            return False
        return parse_person(name) is not None

    def _name_at(self, text: str, pos: int, wraps) -> tuple[int, int] | None:
        """The bare name starting at `pos` (two or three words, the longest that is a name),
        its words on one line or wrapped inside a table cell; it must end its clause."""
        ends = []
        at = pos
        for k in range(3):
            w = _WORD_AT.match(text, at)
            if not w:
                break
            ends.append(w.end())
            gap = _GAP_AT.match(text, w.end())
            if not gap or "\n" in gap.group(0) and w.end() + gap.group(0).index("\n") not in wraps:
                break
            at = gap.end()
        for end in reversed(ends[1:]):
            name = " ".join(text[pos:end].split())
            if _CLAUSE_END.match(text, end) and self._ok_bare(name):
                return pos, end
        return None

    def _emit(self, doc: Doc, start: int, end: int, kind: str) -> None:
        M.add(doc, start, end, "PERSON", squash(straighten(M.text_of(doc)[start:end])), kind)

    def __call__(self, doc: Doc) -> Doc:
        text = M.text_of(doc)
        for m in S.finditer(self.honorific, text):
            given = m.group("given").split()
            if m.group("sur") in self.not_names or any(g in self.not_names for g in given):
                continue
            if parse_person(m.group(0)) is None:
                continue
            self._emit(doc, m.start(), m.end(), "honorific")
        # officers in "Officer(s) to Contact" blocks
        for _, rx in self.contact:
            for m in rx.finditer(text):
                block = text[m.end():m.end() + 900]
                for n in self.contact_line.finditer(block):
                    if self._ok_bare(n.group(1)):
                        s = m.end() + n.start(1)
                        self._emit(doc, s, s + len(n.group(1)), "contact")
        # next to a post
        wraps = M.cell_wraps(doc)
        for post in M.mentions(doc, "POST"):
            line_start = text.rfind("\n", 0, post.start_char) + 1
            before = text[line_start:post.start_char]
            b = self.before_post.search(before, _last_chunks(before, 4))
            if b and self._ok_bare(b.group(1)):
                s = line_start + b.start(1)
                self._emit(doc, s, s + len(b.group(1)), "post")
            elif not text[line_start:post.start_char].strip():
                # "Jane Moorcroft\nDirector of ...": the name alone on the line above the post
                above = self.line_above.search(text, max(0, line_start - 80), line_start)
                if above and self._ok_bare(above.group(1)):
                    self._emit(doc, above.start(1), above.end(1), "post")
            a = self.after_post.match(text, post.end_char)
            if a and self._ok_bare(a.group(1)):
                self._emit(doc, a.start(1), a.end(1), "post")
            d = _DASH.match(text, post.end_char)
            if d:
                span = self._name_at(text, d.end(), wraps)
                if span:
                    self._emit(doc, *span, "post")
        for m in S.finditer(self.rank, text):
            if self._ok_bare(m.group(1)):
                self._emit(doc, m.start(1), m.end(1), "rank")
        for m in S.finditer_lines(self.speech, text, self.verbs):  # a name and its verb on one line
            if self._ok_bare(m.group(1)):
                self._emit(doc, m.start(1), m.end(1), "speech")
        M.resolve(doc)
        return doc


@Language.factory("mkg_people", default_config={"patterns": PATTERNS}, requires=["doc.spans"],
                  assigns=["doc.spans"])
def make_people(nlp: Language, name: str, patterns: str) -> PersonFinder:
    return PersonFinder(nlp, name, patterns)
