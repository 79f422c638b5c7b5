"""The few domain exceptions of minutes-kg. The CLI turns them into messages; nothing else catches them silently."""
from __future__ import annotations


class MinutesKGError(Exception):
    """Base class: every message says what went wrong and what to do next."""


class IngestError(MinutesKGError):
    """A document could not be read as minutes (empty, binary, image-only, encrypted, too large ...).

    `reason` is a short machine-readable code (e.g. "empty", "binary", "no-text-layer"),
    the message is for people.
    """

    def __init__(self, path, reason: str, message: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(message)


class GraphLoadError(MinutesKGError):
    """A graph file could not be read (missing, unknown format, bad syntax)."""


class QueryError(MinutesKGError):
    """A SPARQL query could not be found, parsed or run."""


class ValidationError(MinutesKGError):
    """SHACL validation could not be run (not: the graph does not conform)."""


class HarvestError(MinutesKGError):
    """A council's website could not be harvested, or one document of it could not be fetched.

    `reason` names the failure ("not-moderngov", "no-committee", "not-found", "error-page",
    "too-large", "robots", "http-error", "unreachable"); the message is for people."""

    def __init__(self, url: str, reason: str, message: str):
        self.url = url
        self.reason = reason
        super().__init__(message)


class SearchError(MinutesKGError):
    """A text search could not be read or run, or its index is missing."""
