"""Shared helpers for the extractor components: the versioned pattern files (read by
`extractors.vocab`), a Doc's text (`extractors.doctext`) and its table-cell wraps
(`extractors.cells`), all re-exported here; writing mentions into `doc.spans["mkg_mentions"]`
with deterministic overlap resolution; walking capitalised phrases over the tokens."""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import IDX, IS_SPACE, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from extractors.cells import CELL_WIDTH, cell_wraps, in_cell, is_wrap  # noqa: F401 (the components read them as M.*)
from extractors.doctext import make_doc, text_of  # noqa: F401 (the components read them as M.*)
from extractors.extensions import SPAN_GROUP, register
from extractors.vocab import load_jsonl, load_tsv, words  # noqa: F401 (the components read them as M.*)

#: the kind of a mention named inside another ("Development Management" in "Head of
#: Development Management"): it stays beside the longer mention rather than competing with it
INNER = "in_post"

#: on equal length, which label wins (lower first)
PRIORITY = {"POST": 1, "COMMITTEE": 2, "ORG": 3, "SERVICE": 4, "PERSON": 5}


def regexes(records, kind: str) -> list[tuple[str, re.Pattern]]:
    return [(r["id"], re.compile(r["pattern"], re.MULTILINE)) for r in records if r.get("kind") == kind]


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """A token-aligned span for characters [start, end), trimmed of surrounding spaces."""
    text = text_of(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="contract") \
        or doc.char_span(start, end, label=label, alignment_mode="expand")


def norm_of(span: Span) -> str | None:
    """`span._.mkg_norm`, read where spaCy keeps it (`doc.user_data`, by the span's characters,
    not its label) without making an object per read, as the helpers below write and read too."""
    return span.doc.user_data.get(("._.", "mkg_norm", span.start_char, span.end_char))


def kind_of(span: Span) -> str | None:
    """`span._.mkg_kind`."""
    return span.doc.user_data.get(("._.", "mkg_kind", span.start_char, span.end_char))


def set_norm(span: Span, norm: str) -> None:
    """`span._.mkg_norm = norm`."""
    span.doc.user_data[("._.", "mkg_norm", span.start_char, span.end_char)] = norm


def add(doc: Doc, start: int, end: int, label: str, norm: str, kind: str,
        wikidata: str | None = None) -> Span | None:
    """Add one candidate mention (character offsets) to the span group."""
    if not norm:
        return None
    span = char_span(doc, start, end, label)
    if span is None:
        return None
    data, a, b = doc.user_data, span.start_char, span.end_char
    data[("._.", "mkg_norm", a, b)] = norm  # what `span._.mkg_norm = norm` writes
    data[("._.", "mkg_kind", a, b)] = kind
    data[("._.", "mkg_wikidata", a, b)] = wikidata or None
    group, spans, _ = _known(doc)
    if group is None:
        group, spans, _ = set_mentions(doc, [])
    group.append(span)  # in place: copying the group on each add was quadratic
    spans.append(span)
    return span


#: what `doc.user_data["mkg_group"]` holds: the span group, its spans as Span objects, and the
#: number of spans it had when `resolve` last left it (-1: not since it changed)
Known = tuple  # (SpanGroup | None, list[Span], int)


def _known(doc: Doc) -> Known:
    """The span group beside its spans as a list of Span objects (spaCy makes a new Span object
    for each span on every read of the group). The list is the group's as long as the group is
    the same object of the same length (`add` appends to both, `set_mentions` replaces both)."""
    group = doc.spans.data.get(SPAN_GROUP)  # (SpanGroups is a UserDict: its dict, read without its Python methods)
    if group is None:
        return None, [], -1
    known = doc.user_data.get("mkg_group")
    if known is None or known[0] is not group or len(known[1]) != len(group):
        known = doc.user_data["mkg_group"] = (group, list(group), -1)
    return known


def _group(doc: Doc) -> list[Span]:
    return _known(doc)[1]


def set_mentions(doc: Doc, spans: list[Span], resolved: bool = False) -> Known:
    """Replace the span group with `spans` (`resolved`: as `resolve` leaves them)."""
    doc.spans[SPAN_GROUP] = spans
    known = doc.user_data["mkg_group"] = (doc.spans[SPAN_GROUP], list(spans), len(spans) if resolved else -1)
    return known


def resolve(doc: Doc) -> None:
    """Keep a non-overlapping set: longest span wins, then label priority, then earliest.
    What it keeps it keeps again, so a group it left unchanged is left as it is."""
    register()
    group, spans, resolved = _known(doc)
    if group is None:
        set_mentions(doc, [], resolved=True)
        return
    if resolved == len(spans):
        return  # nothing added since
    data = doc.user_data
    rows = [(s, s.start, s.end, s.start_char, s.end_char, s.label_) for s in spans]
    kinds = [data.get(("._.", "mkg_kind", a, b)) for _, _, _, a, b, _ in rows]
    inner = {(i, j, lab): s for (s, i, j, _, _, lab), k in zip(rows, kinds) if k == INNER}  # "Head of <service>"
    ranked = sorted(((row, k) for row, k in zip(rows, kinds) if k != INNER),
                    key=lambda rk: (rk[0][3] - rk[0][4], _rank(rk[0][5], rk[1]), rk[0][1], rk[0][5]))
    taken = bytearray(len(doc))
    kept = []
    for (s, a, b, *_), _ in ranked:
        if any(taken[a:b]):
            continue
        kept.append((a, b, s))
        taken[a:b] = b"\x01" * (b - a)
    spans_at = {(a, b) for a, b, _ in kept}
    kept += [(a, b, s) for (a, b, _), s in inner.items() if (a, b) not in spans_at]
    kept.sort(key=lambda abs_: (abs_[0], abs_[1]))
    set_mentions(doc, [s for _, _, s in kept], resolved=True)


def _rank(label: str, kind: str | None) -> int:
    """Which label wins on equal length (lower first): a national body before all."""
    if label == "ORG" and kind == "national":
        return 0
    return PRIORITY.get(label, 9)


def mentions(doc: Doc, label: str | None = None) -> list[Span]:
    """The mentions found so far (of `label`), in the group's order."""
    spans = _group(doc)
    return list(spans) if label is None else [s for s in spans if s.label_ == label]


# --------------------------------------------------------------------------- phrase walking

CONNECTORS = frozenset({"and", "&", "of", "for"})


def is_cap(t) -> bool:
    """A capitalised word or acronym token ("Family", "SEND", "DfE")."""
    s = t.text
    known = _CAPS.get(s)
    if known is None:
        # (a token whose text starts with a capital is no white space: `t.is_space` is `s.isspace()`)
        known = bool(s) and s[0].isupper() and any(c.isalpha() for c in s) and all(c.isalnum() or c in "'’" for c in s)
        if len(_CAPS) > 100_000:
            _CAPS.clear()
        _CAPS[s] = known
    return known


_CAPS: dict[str, bool] = {}  # is_cap by token text


def is_poss(t) -> bool:
    """A possessive "'s" glued to the word before it."""
    return t.text in ("'s", "’s", "'", "’") and t.i > 0 and t.doc[t.i - 1].whitespace_ == ""


def _joiner(t) -> bool:
    """A hyphen inside a word ("Sub-Committee")."""
    return t.text == "-" and t.i > 0 and t.doc[t.i - 1].whitespace_ == "" and t.whitespace_ == "" \
        and t.i + 1 < len(t.doc)


def _newline_ok(t) -> bool:
    return t.is_space and t.text.count("\n") <= 1 and t.text.strip(" \t\n") == ""


def walk_left(doc, i: int, *, stop=frozenset(), owners=frozenset(), max_words: int = 6,
              newline_before_head: bool = True, connectors=CONNECTORS, wraps=frozenset(),
              the_after=("of",)) -> int:
    """Index of the first token of the capitalised phrase that ends just before token `i`
    (== i when there is none). Connectors (and, &, of, for; "the" after "of") are kept only
    between capitalised words; a line break only next to a connector, right before the head,
    where running prose wraps (the line before is long) or at a table-cell wrap (`wraps`,
    see `cell_wraps`)."""
    start, words, j = i, 0, i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or not (is_cap(doc[j]) or is_poss(doc[j])):
        return i
    j = i - 1
    while j >= 0 and words < max_words:
        t = doc[j]
        if t.is_space:
            right = doc[j + 1] if j + 1 < len(doc) else None
            left = doc[j - 1] if j > 0 else None
            if not _newline_ok(t) or not (
                    (right is not None and right.lower_ in connectors)
                    or (left is not None and (left.lower_ in connectors or is_poss(left)))
                    or (newline_before_head and j + 1 == i)
                    or (left is not None and is_cap(left) and _line_len(doc, left) > 50)
                    or is_wrap(t, wraps)):
                break
            j -= 1
            continue
        if is_poss(t):
            owner = doc[j - 1]
            if owner.text in owners or not is_cap(owner) or owner.text in stop:
                break
            start, words, j = j - 1, words + 1, j - 2
            continue
        if _joiner(t):
            j -= 1
            continue
        if is_cap(t) and t.text not in stop:
            start, words = j, words + 1
        elif t.text in connectors:
            if j > 0 and doc[j - 1].lower_ in connectors:
                break  # "the Care Partnership and of Vale Group": two names, never one
        elif t.text == "the" and j > 0 and doc[j - 1].lower_ in the_after and doc[j - 1].lower_ in connectors:
            pass
        else:
            break
        j -= 1
    return start


def _line_len(doc, t) -> int:
    """Length of the line that ends with token `t`."""
    text = text_of(doc)
    end = t.idx + len(t.text)
    return end - (text.rfind("\n", 0, t.idx) + 1)


def walk_right(doc, i: int, *, stop=frozenset(), continuations=frozenset(), max_words: int = 8,
               allow_leading_the: bool = False, wraps=frozenset()) -> int:
    """End index (exclusive) of the capitalised phrase starting at token `i`. Inside a table
    cell (`wraps`, see `cell_wraps`) the phrase runs on over the cell's wraps, and over commas
    and "with" between capitalised words ("Children in \nCare, Fostering \n& Adoption")."""
    end, words, j = i, 0, i
    while j < len(doc) and words < max_words:
        t = doc[j]
        if t.is_space:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            prev = doc[j - 1] if j > 0 else None
            if not _newline_ok(t) or "\n" in t.text and not (
                    (nxt is not None and nxt.text in continuations)
                    or (prev is not None and prev.lower_ in CONNECTORS)
                    or is_wrap(t, wraps)):
                break
            j += 1
            continue
        if is_poss(t) and end == j:
            end = j + 1
            j += 1
            continue
        if _joiner(t) and end == j:
            j += 1
            continue
        if is_cap(t) and t.text not in stop:
            end, words = j + 1, words + 1
        elif t.text in ("and", "&", "of", "for", "in") and words:
            pass
        elif t.text in (",", "with") and words and in_cell(doc, t.idx, wraps) and _cap_next(doc, j):
            pass
        elif t.lower_ == "the" and (allow_leading_the and words == 0 or j > 0 and doc[j - 1].lower_ == "of"):
            pass
        else:
            break
        j += 1
    return end


def _cap_next(doc, j: int) -> bool:
    """The next word after token `j` is capitalised (or "&")."""
    k = j + 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and (is_cap(doc[k]) or doc[k].text == "&")


def tokens_matching(doc: Doc, words) -> list:
    """The tokens whose text is one of `words`, standing whole in the text (no word character or
    hyphen runs on at either end; a possessive may follow: "the Service’s"). The tokens are
    picked from the Doc's ORTH column (read once per Doc, no Token made per word), and each is
    checked with the words' pattern at its own offset."""
    # a frozenset (what the components pass) keeps its hash: no sorting on every call
    key = words if isinstance(words, frozenset) else ("mkg_words", tuple(sorted(words)))
    entry = _WORD_RX.get(key)
    if entry is None:
        rx = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                        + r")(?![\w-])(?!['’](?!s\b))")
        # words of word characters, hyphens and apostrophes only: a match never starts inside another,
        # so the tokens spelt as a word are all the places a scan of the text would find
        simple = all(re.fullmatch(r"[\w'’-]+", w) for w in words)
        hashes = frozenset(hash_string(w) for w in words) if simple else None
        entry = _WORD_RX[key] = (rx, hashes)
    rx, hashes = entry
    text = text_of(doc)
    out = []
    if hashes is None:
        for m in rx.finditer(text):
            i = token_at(doc, m.start())
            if i is not None and token_table(doc)[0][i] == m.start() and doc[i].text == m.group(0):
                out.append(doc[i])
        return out
    ids = orths(doc)
    # most texts hold none of the words: told by one pass in C, no index of the Doc built
    found = [] if hashes.isdisjoint(ids) else [i for i, orth in enumerate(ids) if orth in hashes]
    starts = token_table(doc)[0]
    for i in found:
        m = rx.match(text, starts[i])
        if m is not None:
            t = doc[i]
            if t.text == m.group(0):
                out.append(t)
    return out


_WORD_RX: dict = {}


def orths(doc: Doc) -> list[int]:
    """Every token's ORTH (the hash of its text), read once per Doc from its arrays."""
    known = doc.user_data.get("mkg_orths")
    if known is None or len(known) != len(doc):
        known = doc.user_data["mkg_orths"] = doc.to_array(ORTH).tolist() if len(doc) else []
    return known


def token_table(doc) -> tuple[list[int], list[int]]:
    """Every token's start offset and whether it is white space, read once per Doc from its
    arrays (making a Token per word to ask is most of a component's time)."""
    table = doc.user_data.get("mkg_starts")
    if table is None or len(table[0]) != len(doc):
        columns = doc.to_array([IDX, IS_SPACE]).T.tolist() if len(doc) else [[], []]
        table = doc.user_data["mkg_starts"] = (columns[0], columns[1])
    return table


def token_at(doc, char: int) -> int | None:
    """Index of the first non-space token starting at or after character `char`."""
    starts, spaces = token_table(doc)
    k = bisect_left(starts, char)
    while k < len(starts) and spaces[k]:
        k += 1
    return k if k < len(starts) else None


def phrase_text(doc, start: int, end: int) -> str:
    """The text of tokens [start, end) with whitespace squashed."""
    if not 0 <= start < end <= len(doc):
        return " ".join(doc[start:end].text.split())
    last = doc[end - 1]  # a span's text runs from its first token's start to its last token's end
    return " ".join(text_of(doc)[token_table(doc)[0][start]:last.idx + len(last.text)].split())


def occurrences(text: str, word: str, joiners: str = "-") -> list[tuple[int, int]]:
    """Where `word` stands whole in `text`: no letter, digit, underscore or one of `joiners` runs
    on at either end (what `(?<![\\w<joiners>])word(?![\\w<joiners>])` finds, without compiling a
    pattern for each word)."""
    out, n, k = [], len(word), text.find(word)
    while k >= 0 and n:
        e = k + n
        if (k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_" or text[k - 1] in joiners)) and \
                (e >= len(text) or not (text[e].isalnum() or text[e] == "_" or text[e] in joiners)):
            out.append((k, e))
            k = text.find(word, e)
        else:
            k = text.find(word, k + 1)
    return out

