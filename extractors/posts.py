"""mkg_posts: roles people hold, found from the shape of the words.

"Director of X", "Assistant Director, X", "Head of Service - X", "Head of X",
"(Cabinet) Lead Member for X" take the capitalised area that follows them and stop at the
first lowercase word or punctuation ("... Family Services which provided" stops before
"which"); generic council posts ("Chief Executive", "Monitoring Officer") are a vocabulary.
Inside a narrow table cell (`mentions.cell_wraps`) the area runs on over the cell's line
breaks and commas. "<Capitalised words> Manager|Lead|Officer|..." is a post where its holder
stands beside it (kind "role"), and "a Governor of <organisation>" a place on that body's
board (kind "board", the span the role word alone).
`span._.mkg_norm` is the canonical label from `extractors.names.normalise_post`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.names import normalise_post
from extractors.titles import HONORIFIC_PATTERN
from extractors.vocab import trie_alternation

VERSION = "1.2.1"
PATTERNS = "posts.v1.jsonl"

_SEP_COMPOUND = re.compile(r"[ \t]*(?:(?:\n[ \t]*)?(?:of|for)\s+|[-–:,][ \t]*\n?[ \t]*|\n[ \t]*|[ \t]+)")
_SEP_DIRECTOR = re.compile(r"[ \t]*(?:(?:\n[ \t]*)?of\s+|[-–:][ \t]*\n?[ \t]*|\n[ \t]*|[ \t]+)")
_SEP_SPACE = re.compile(r"\s+")
_NEXT_PERSON = re.compile(rf"\s+and\s+(?:(?:{HONORIFIC_PATTERN})\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z'’\-]+\s*,")
_AREA_TAKING = re.compile(r"(?:Manager|Lead|Commissioner)$")
# before a dash, a line break or a comma: what may follow a post named by its last word
_ROLE_FOLLOWS = re.compile(r"[ \t]*(?:[–—\-,.;:)\n]|and\b|$)")
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
        # a vocabulary post may wrap onto the next line ("Safeguarding and Improvement \nManager")
        self.vocab = re.compile(r"(?<![\w'’])(?:" + trie_alternation(map(_flexible_pieces, vocab)) + r")(?![\w'’])")
        self.role_nouns = M.words(recs, "role_nouns")
        self.role_stop = M.words(recs, "role_not_modifiers") | self.stop
        self.not_posts = M.words(recs, "not_posts")
        board = sorted(M.words(recs, "board_roles"), key=len, reverse=True)
        self.board_roles = re.compile(r"(?<![\w'’-])(?P<role>" + "|".join(_flexible(b) for b in board)
                                      + r")[ \t]+of[ \t]+(?:the[ \t]+)?")

    def __call__(self, doc: Doc) -> Doc:
        text = M.text_of(doc)
        wraps = M.cell_wraps(doc)
        for hid, rx in self.heads:
            for m in S.finditer(rx, text):
                head = " ".join(m.group(0).split())
                if hid == "director":
                    sep = (_SEP_COMPOUND if head.lower() in self.compound else _SEP_DIRECTOR).match(text, m.end())
                elif hid == "head_of_service":
                    sep = _SEP_COMPOUND.match(text, m.end())
                else:
                    sep = _SEP_SPACE.match(text, m.end())
                if not sep:
                    continue
                lead = re.match(r"[ \t]*\n", sep.group(0))
                if lead and m.end() + lead.end() - 1 not in wraps:
                    # the post ends its line ("Head of Service\nChildren and Family Services"):
                    # the next line is another field, unless a table cell wraps the area onto it
                    if hid == "head_of_service" and not sep.group(0).strip():
                        M.add(doc, m.start(), m.end(), "POST", "Head of Service", "shape")
                    continue
                i = M.token_at(doc, sep.end())
                if i is None or doc[i].idx != sep.end():
                    continue
                end = M.walk_right(doc, i, stop=self.stop, continuations=self.cont,
                                   allow_leading_the=hid == "head_of", wraps=wraps)
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
        for m in S.finditer(self.vocab, text):
            end_char = m.end()
            if _AREA_TAKING.search(m.group(0)):
                # "Service Manager Safeguarding", "Team Manager Children and Families Services"
                i = M.token_at(doc, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
                if i is not None and doc[i].idx == m.end() + 1:
                    end = M.walk_right(doc, i, stop=self.stop, continuations=self.cont, max_words=6, wraps=wraps)
                    if end > i:
                        end_char = doc[end - 1].idx + len(doc[end - 1].text)
            at = _AT_BODY.match(text, end_char)
            if at:
                # "Chief Executive, Northmoor District Council": a post at another named body
                end_char = at.end()
            surface = text[m.start():end_char]
            M.add(doc, m.start(), end_char, "POST", normalise_post(surface), "vocab")
        self._roles(doc, wraps)
        self._at_body(doc)
        M.resolve(doc)
        return doc

    def _at_body(self, doc: Doc) -> None:
        """"a Governor of Eastfold College", "Trustee of the Brightpath Trust": a place on the
        board of an organisation already found. The span is the role word alone, so the
        organisation keeps its own mention; the post is named with both."""
        text = M.text_of(doc)
        orgs = {s.start_char: s for s in M.mentions(doc, "ORG")}
        for m in S.finditer(self.board_roles, text):
            org = orgs.get(m.end())
            if org is not None:
                M.add(doc, m.start(), m.start() + len(m.group("role")), "POST",
                      f"{' '.join(m.group('role').split())} of {M.norm_of(org)}", "board")

    def _roles(self, doc: Doc, wraps) -> None:
        """"Business Intelligence Performance Manager", "Public Protection Lead, Northmoor Police",
        "Strategic Commissioner Public Health": capitalised words before a role noun, the area
        after it. Found by its last word only, such a post is kept only where the text names
        its holder beside it (`mkg_holders` drops it otherwise; kind "role")."""
        text = M.text_of(doc)
        known = [(s.start_char, s.end_char) for s in M.mentions(doc, "POST")]
        for t in M.tokens_matching(doc, self.role_nouns):
            if t.text not in self.role_nouns or any(a <= t.idx < b for a, b in known):
                continue  # already part of a post found by its head or by name
            start = M.walk_left(doc, t.i, stop=self.role_stop, max_words=5, connectors=frozenset({"and", "&"}),
                                newline_before_head=False, wraps=wraps)
            # "Jane Ash &\nPerformance Manager": a joining word at a line break starts the post
            for k in range(t.i - 1, start, -1):
                if doc[k].lower_ in ("and", "&") and (doc[k - 1].is_space or doc[k + 1].is_space):
                    start = k + 1
                    while start < t.i and doc[start].is_space:
                        start += 1
                    break
            if start == t.i:
                continue
            end_char = t.idx + len(t.text)
            if _AREA_TAKING.search(t.text) and text[end_char:end_char + 1] == " ":
                i = M.token_at(doc, end_char + 1)
                if i is not None and doc[i].idx == end_char + 1:
                    end = M.walk_right(doc, i, stop=self.stop, continuations=self.cont, max_words=4, wraps=wraps)
                    if end > i:
                        end_char = doc[end - 1].idx + len(doc[end - 1].text)
            at = _AT_BODY.match(text, end_char)
            if at:
                end_char = at.end()
            if not _ROLE_FOLLOWS.match(text, end_char):
                continue
            norm = normalise_post(text[doc[start].idx:end_char])
            if norm in self.not_posts:
                continue
            M.add(doc, doc[start].idx, end_char, "POST", norm, "role")


_GAP = r"[ \t]*\n?[ \t]*"  # a space in a phrase: any run of spaces with at most one line break


def _flexible_pieces(phrase: str) -> list[str]:
    """`_flexible`'s regex as pieces for `trie_alternation`: each character, and each gap."""
    return [p for k, w in enumerate(phrase.split(" ")) for p in ([_GAP] if k else []) + [re.escape(c) for c in w]]


def _flexible(phrase: str) -> str:
    """A regex for `phrase` whose spaces may be any run of spaces with at most one line break."""
    return _GAP.join(re.escape(w) for w in phrase.split(" "))


@Language.factory("mkg_posts", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_posts(nlp: Language, name: str, patterns: str) -> PostFinder:
    return PostFinder(nlp, name, patterns)
