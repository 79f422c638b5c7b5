"""The build cache: what a document's extraction and graph are kept under, the people
resolutions kept between builds, and the pruning of what no build of this version can use.

Entries are data (`kg.build.codec`: a digest, then JSON; never a pickle), checked when read:
a truncated or edited entry is refused and built again. A cache entry's name carries `pipeline_version()`: the declared versions and a digest of the
code and patterns that read, extract and assemble, so that a changed rule never serves a stale
entry even when nobody bumped a version.
"""
from __future__ import annotations

import functools
import hashlib
import os
from contextlib import suppress
from pathlib import Path

from kg import __version__
from kg.identity import PersonSighting, resolve_people
from kg.build import codec

SEGMENTER_VERSION = "2.1.0"  # 2.1: no empty meeting for a document in which none is found
SUFFIX = ".json"  # every cache entry's name ends so (`kg.build.codec`); older builds wrote ".pickle"


def pipeline_version() -> str:
    """Everything that changes what a document's extraction gives: part of the cache key. The
    declared versions, and the bytes of the code and patterns that read and extract, so that a
    changed rule never serves a stale extraction even when nobody bumped a version."""
    from extractors import EXTRACTOR_VERSIONS

    parts = [f"kg={__version__}", f"segment={SEGMENTER_VERSION}"] + [f"{k}={v}" for k, v in sorted(EXTRACTOR_VERSIONS.items())]
    return hashlib.sha256((";".join(parts) + _code_digest()).encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """The bytes of the code and patterns that read, extract and assemble, hashed."""
    here = Path(__file__).resolve().parent.parent  # kg/
    extractors_dir = here.parent / "extractors"
    files = sorted((here / "ingest").glob("*.py"))
    files += [here / n for n in ("textutil.py", "models.py", "identity.py",
                                "figures.py", "decisions.py", "topics.py", "namespace.py", "store.py", "validate.py")]
    files += [here.parent / "ontology" / n for n in ("shapes.ttl", "minutes-kg.ttl")]  # the checks kept with a graph
    files += sorted((here / "build").glob("*.py"))
    files += sorted((here / "segment").glob("*.py"))
    files += sorted(extractors_dir.glob("*.py")) + sorted((extractors_dir / "patterns").glob("*"))
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _identity(sightings: list[PersonSighting], cache_dir: str | None):
    """`resolve_people(sightings)` (documents of no known body read apart unless they name the
    same people, see `kg.identity`), kept in `cache_dir` under a digest of the sightings: a
    rebuild after an edit that named nobody new finds the same people without working them out."""
    if cache_dir is None:
        return resolve_people(sightings, unknown="linked")
    digest = hashlib.sha256(f"{pipeline_version()}{sightings!r}".encode()).hexdigest()
    path = Path(cache_dir) / "identity" / f"{digest}{SUFFIX}"
    try:
        identity = read_entry(path)
    except (OSError, codec.CacheEntryError):
        pass
    else:
        with suppress(OSError):
            os.utime(path)  # last used now: `prune_cache` keeps the latest few
        return identity
    identity = resolve_people(sightings, unknown="linked")
    _write_atomically(path, codec.dumps(identity))
    return identity


def read_entry(path: Path):
    """The object kept in the cache entry `path`: OSError when there is none, and
    `codec.CacheEntryError` when it is truncated, edited or not one this build wrote."""
    return codec.loads(path.read_bytes())


KEEP_IDENTITIES = 8  # people resolutions kept: one per distinct set of names a batch had


def prune_cache(cache_dir: str | Path) -> int:
    """Remove from `cache_dir` what no build of this version can use again, and return how
    many files went: the entries another version of the pipeline wrote (each entry's name
    carries the version, see `pipeline_version`; every upgrade or changed rule would
    otherwise leave a full copy behind), and all but the `KEEP_IDENTITIES` most recently
    used people resolutions, and every pickle an older build left (never read: a pickle can run
    code when loaded). Entries of documents that are no longer in the batch stay: one
    cache may serve several folders (`.kg-cache` beside outputs that share a folder)."""
    root = Path(cache_dir)
    version = pipeline_version()
    removed = 0
    for sub in sorted(root.glob("[0-9a-f][0-9a-f]")):
        for entry in sorted(sub.glob("*.pickle")):
            parts = entry.name.split("-")
            if len(parts) >= 3 and len(parts[0]) == 64:
                removed += _remove(entry)
        for entry in sorted(sub.glob(f"*{SUFFIX}")):
            parts = entry.name.split("-")
            if len(parts) >= 3 and len(parts[0]) == 64 and parts[1] != version:
                removed += _remove(entry)
    for entry in sorted(root.glob("identity/*.pickle")):
        removed += _remove(entry)
    identities = sorted(root.glob(f"identity/*{SUFFIX}"), key=_last_used, reverse=True)
    for entry in identities[KEEP_IDENTITIES:]:
        removed += _remove(entry)
    return removed


def _last_used(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except OSError:  # gone already (another build pruning), or not ours to remove
        return 0
    return 1


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
