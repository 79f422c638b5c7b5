"""Lists of names found by spaCy's `PhraseMatcher`, over tokens, wherever the text breaks a name.

A name of the list may be written across a line break or with a double space ("Care Quality
\\nCommission"); the matcher reads the text's words without its white space, and a hit counts
when the text there, squashed, is the name, and no word or hyphen runs on at either end
("NHS-funded" is no mention of the NHS). Where two names of the list overlap, the one that
starts first wins, and the longer of two that start together.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.mentions import orths, token_table
from extractors.names import straighten


class Gazetteer:
    """Names, each under the key it is known by (`straighten`ed, white space single)."""

    def __init__(self, nlp: Language, names: Iterable[str]):
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted({v for n in names for v in (n, n.replace("'", "’"), n.replace("’", "'"))})
        patterns = list(nlp.tokenizer.pipe(forms))
        self.matcher.add("NAME", patterns)
        #: two words that follow each other in a name: white space between them may break the name
        self.pairs = frozenset((p[k].orth, p[k + 1].orth) for p in patterns for k in range(len(p) - 1))

    def find(self, doc: Doc, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, key) of each name in `doc` (whose text is `text`), in order, none overlapping."""
        if not len(doc):
            return
        spaces, ids = token_table(doc)[1], orths(doc)
        pairs, n = self.pairs, len(doc)
        if not any(0 < i < n - 1 and (ids[i - 1], ids[i + 1]) in pairs for i in compress(range(n), spaces)):
            words_doc, index = doc, None
        else:  # a name broken by white space: match over the words alone
            index = [i for i, sp in enumerate(spaces) if not sp]
            strings = doc.vocab.strings  # a token's text is the string of its ORTH
            words_doc = Doc(self.vocab, words=[strings[ids[i]] for i in index])
        hits = sorted(((s, -e) for _, s, e in self.matcher(words_doc)))
        last = -1
        for s, neg_e in hits:
            e = -neg_e
            if s < last:
                continue
            a, b = (s, e - 1) if index is None else (index[s], index[e - 1])
            start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] in "_-"):
                continue
            last = e
            yield start, end, straighten(" ".join(text[start:end].split()))
