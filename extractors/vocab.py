"""The versioned word lists and patterns in `extractors/patterns/`, read without spaCy, so
that `extractors.names` and `kg.segment` share the spaCy components' vocabulary."""
from __future__ import annotations

import csv
import json
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
