"""Topics: which subjects of the topic scheme an item or report is about, and the words
that gave each away.

The scheme is one Turtle file (`ontology/topics.ttl` unless the user gives another): each
`skos:Concept` with its `skos:prefLabel` and `skos:altLabel`s. A multi-word label matches
whatever its case; a single word (mostly acronyms: "SEND", "UASC") only as written, so that
"send" the verb is not special educational needs.

Weighting: a label in the title counts 3, one in the body 1; a topic is assigned from a
score of 2 (one title hit, or two in the body), with weight = min(1, score / 6).
"""
from __future__ import annotations

import hashlib

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from extractors.vocab import trie_alternation

TITLE_WEIGHT = 3
MIN_SCORE = 2
FULL_SCORE = 6
MAX_EVIDENCE = 6
_SPACES = re.compile(r"\s+")
_WORDISH = re.compile(r"[\w-]")  # what the labels' regexes may not have on either side
# the only characters that match an ASCII letter of a case-blind pattern other than as their
# lower case does ("ı" matches "i", "ſ" matches "s") or whose lower case is another kind of
# character (a word character, a space): found by trying every code point against `re`
_CASE_TRAPS = ("\u0131", "\u017f")


def _case_safe(text: str) -> bool:
    """Whether `text` in lower case matches a pattern of ASCII lower case letters where `text`
    matches it ignoring case: no trap, and each character its own lower case ("İ" is two)."""
    return not any(trap in text for trap in _CASE_TRAPS) and len(text.lower()) == len(text)


def default_scheme_path() -> Path:
    return Path(str(resources.files("ontology") / "topics.ttl"))


@dataclass(frozen=True)
class TopicHit:
    topic: URIRef
    start: int  # document offsets of the first occurrence of each distinct phrase
    end: int
    words: str


@dataclass(frozen=True)
class TopicScore:
    """One topic of one item or report: its weight, the phrases seen, where first seen."""

    topic: URIRef
    score: int
    weight: float
    evidence: tuple[str, ...]
    hits: tuple[TopicHit, ...]


@dataclass(frozen=True)
class Scan:
    """Where the labels' regexes match in one text (its quotes folded), before overlaps are
    settled: `find` reads its hits from it, and `topics_within` those of a stretch of it."""

    text: str
    phrases: list[tuple[int, int]]
    exact: list[tuple[int, int]]


class TopicScheme:
    """The concepts of a topic scheme and a matcher over their labels."""

    def __init__(self, graph: Graph, source: str, digest: str = ""):
        self.graph = graph
        self.source = source
        self.digest = digest  # of the file's bytes as read: part of kg.build's cache key
        self.label: dict[URIRef, str] = {}
        by_phrase: dict[str, URIRef] = {}
        exact: dict[str, URIRef] = {}
        for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
            labels = [*graph.objects(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel),
                      *graph.objects(concept, RDFS.label)]
            pref = next(iter(sorted(str(x) for x in graph.objects(concept, SKOS.prefLabel))), None)
            self.label[concept] = pref or (str(labels[0]) if labels else str(concept).rsplit("/", 1)[-1])
            for lab in sorted({_fold_quotes(str(x)) for x in labels}):
                if " " in lab or "-" in lab:
                    by_phrase.setdefault(lab.lower(), concept)
                else:
                    exact.setdefault(lab, concept)
        self._phrase = by_phrase
        self._exact = exact
        self._said: dict[URIRef, tuple] = {}  # concept -> its triples (`concept_triples`), worked out once
        self._phrase_re = _alternation(by_phrase, re.IGNORECASE)
        # the same labels, matched in the text put in lower case: finds the same places three times faster
        self._phrase_lower_re = _alternation(by_phrase, 0) if all(w.isascii() for w in by_phrase) else None
        self._exact_re = _alternation(exact, 0)

    def find(self, text: str, offset: int = 0, scan: Scan | None = None) -> list[tuple[URIRef, int, int, str]]:
        """Every label occurrence in `text`: (topic, start, end, words), offsets + `offset`
        (from `scan`, the text's `scan`, when given)."""
        return self._hits(scan or self.scan(text), offset)

    def scan(self, text: str) -> Scan:
        """Where the labels' regexes match in `text`, before `find` settles overlaps."""
        text = _fold_quotes(text)
        phrase_re, phrase_text = self._phrases_in(text)
        phrases = [m.span() for m in phrase_re.finditer(phrase_text)] if phrase_re is not None else []
        exact = [m.span() for m in self._exact_re.finditer(text)] if self._exact_re is not None else []
        return Scan(text, phrases, exact)

    def _hits(self, scan: Scan, offset: int) -> list[tuple[URIRef, int, int, str]]:
        out = []
        taken: list[tuple[int, int]] = []
        for spans, table, fold in ((scan.phrases, self._phrase, True), (scan.exact, self._exact, False)):
            for start, end in spans:
                if any(s < end and start < e for s, e in taken):
                    continue  # "SEND" inside "SEND Local Offer" already counted
                words = scan.text[start:end]
                key = _SPACES.sub(" ", words)
                key = key.lower() if fold else key
                topic = table.get(key) or (table.get(key.casefold()) if fold else None)
                if topic is None:
                    continue  # matched without case through a letter whose lower case is no label's ("ſ" for "s")
                out.append((topic, offset + start, offset + end, words))
                taken.append((start, end))
        return sorted(out, key=lambda h: (h[1], h[2]))

    def topics_within(self, scan: Scan, start: int, end: int) -> set[URIRef] | None:
        """The topics `find` gives the text of `scan` from `start` to `end` with its spaces
        squashed and trimmed (a figure's sentence), read from `scan` rather than found again;
        None where that could differ: next to a word character, or where a match crosses an end."""
        text = scan.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start > 0 and _WORDISH.match(text, start - 1) or end < len(text) and _WORDISH.match(text, end):
            return None  # the regexes look one character beyond the stretch
        inside: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
        for spans, kept in ((scan.phrases, inside[0]), (scan.exact, inside[1])):
            for a, b in spans:
                if a < start < b or a < end < b:
                    return None  # scanned on its own, the stretch could match elsewhere
                if start <= a and b <= end:
                    kept.append((a, b))
        return {hit[0] for hit in self._hits(Scan(text, *inside), 0)}

    def _phrases_in(self, text: str) -> tuple[re.Pattern | None, str]:
        """The regex of multi-word labels and the text to run it on: where it finds the same
        places, the text in lower case and a regex that minds case (Python's `re` ignores case
        slowly); else the text itself and the case-blind regex."""
        if self._phrase_lower_re is not None and _case_safe(text):
            return self._phrase_lower_re, text.lower()
        return self._phrase_re, text

    def score(self, title: str, body: str, title_offset: int, body_offset: int,
              body_scan: Scan | None = None) -> list[TopicScore]:
        """The topics of one item or report, strongest first (`body_scan`: the body's `scan`, when made)."""
        scores: dict[URIRef, int] = {}
        firsts: dict[URIRef, dict[str, TopicHit]] = {}  # topic -> phrase in lower case -> first hit
        for part, offset, weight, scan in ((title, title_offset, TITLE_WEIGHT, None), (body, body_offset, 1, body_scan)):
            for topic, s, e, words in self.find(part, offset, scan):
                scores[topic] = scores.get(topic, 0) + weight
                seen = firsts.setdefault(topic, {})
                key = _SPACES.sub(" ", words).strip()
                if key.lower() not in seen:
                    seen[key.lower()] = TopicHit(topic, s, e, key)
        out = []
        for topic, score in scores.items():
            if score < MIN_SCORE:
                continue
            hits = tuple(list(firsts[topic].values())[:MAX_EVIDENCE])
            out.append(TopicScore(topic, score, round(min(1.0, score / FULL_SCORE), 2),
                                  tuple(h.words for h in hits), hits))
        return sorted(out, key=lambda t: (-t.score, str(t.topic)))

    def concept_triples(self, concept: URIRef) -> tuple:
        """What the graph should say of a topic it uses: its type, labels, scheme, broader
        (asked for by every document that uses it: worked out once)."""
        said = self._said.get(concept)
        if said is None:
            said = self._said[concept] = tuple(self._concept_triples(concept))
        return said

    def _concept_triples(self, concept: URIRef):
        yield concept, RDF.type, SKOS.Concept
        for p in (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.inScheme,
                  SKOS.broader, SKOS.topConceptOf, SKOS.exactMatch):
            for o in sorted(self.graph.objects(concept, p)):
                yield concept, p, o
        if not any(self.graph.objects(concept, RDFS.label)):
            yield concept, RDFS.label, Literal(self.label[concept])


def load_scheme(path: str | None = None) -> TopicScheme:
    """The topic scheme in `path` (default: the bundled ontology/topics.ttl), read again
    when the file has changed since it was last read."""
    p = Path(path) if path else default_scheme_path()
    try:
        stamp = p.stat()
    except OSError:
        return _load_scheme(str(p), None)
    return _load_scheme(str(p), (stamp.st_mtime_ns, stamp.st_size))


@lru_cache(maxsize=8)
def _load_scheme(path: str, stamp: tuple[int, int] | None) -> TopicScheme:
    from kg.errors import MinutesKGError

    p = Path(path)
    g = Graph()
    try:
        data = p.read_bytes()
        g.parse(data=data, format="turtle")
    except FileNotFoundError:
        raise MinutesKGError(f"{p}: no such topic scheme file") from None
    except Exception as err:  # a Turtle syntax error names line and column
        raise MinutesKGError(f"{p}: not a readable Turtle topic scheme ({err})") from None
    if not any(g.subjects(RDF.type, SKOS.Concept)):
        raise MinutesKGError(f"{p}: holds no skos:Concept; each topic must be typed skos:Concept")
    from kg.namespace import MKG

    for c in set(g.subjects(RDF.type, SKOS.Concept)):
        g.add((c, RDF.type, MKG.Topic))
    return TopicScheme(g, str(p), hashlib.sha256(data).hexdigest()[:12])


def _fold_quotes(text: str) -> str:
    """Curly apostrophes as straight ones (same length, so offsets hold)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _alternation(table: dict[str, URIRef], flags: int) -> re.Pattern | None:
    """One regex for every label of `table`, longest first. For ASCII labels the alternation
    is written as a trie (shared prefixes once), which finds the same matches: two labels
    that part at a character cannot both match at one place (ASCII, and lower case when
    case is ignored), and where one label is the start of another the longer is tried
    first, as in the flat list. Python's `re` tries a flat alternation's labels one by one
    at every character, which made topic tagging a fifth of assembling the graph."""
    if not table:
        return None
    words = sorted(table, key=lambda w: (-len(w), w))
    if all(w.split() and w.isascii() and (w == w.lower() or not flags & re.IGNORECASE) for w in words):
        body = trie_alternation(_units(w) for w in words)
    else:
        body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def _units(word: str) -> list[str]:
    """The regex pieces of one label: each character escaped, each gap as `\\s+`."""
    out: list[str] = []
    for k, part in enumerate(word.split()):
        if k:
            out.append(r"\s+")
        out.extend(re.escape(ch) for ch in part)
    return out
