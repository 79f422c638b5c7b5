"""The versioned word lists and patterns in `extractors/patterns/`, read without spaCy, so
that `extractors.names` and `kg.segment` share the spaCy components' vocabulary."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

PATTERN_DIR = Path(__file__).parent / "patterns"


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict, ...]:
    """Records of `patterns/<name>` (one JSON object a line; blank and // lines skipped)."""
    out = []
    for line in (PATTERN_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            out.append(json.loads(line))
    return tuple(out)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict, ...]:
    with (PATTERN_DIR / name).open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")
        return tuple(dict(r) for r in rows)


def words(records, kind: str) -> frozenset[str]:
    """The `words` of every record of `kind`, as one set."""
    return frozenset(w for r in records if r.get("kind") == kind for w in r["words"])


def trie_alternation(words: Iterable[Sequence[str]]) -> str:
    """Words, each given as its regex pieces (a character escaped, a gap as `\\s+`), as one
    nested alternation: at each step the continuations, then the end. It matches what the flat
    alternation of the words, longest first, matches: two words that part at a piece cannot both
    match at one place, and where one word is the start of another the longer is tried first.
    Python's `re` tries a flat alternation's words one by one at every character; this tries
    one branch."""
    trie: dict = {}
    for word in words:
        node = trie
        for piece in word:
            node = node.setdefault(piece, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        alts = [piece + emit(child) for piece, child in node.items() if piece]
        if not alts:
            return ""
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)
