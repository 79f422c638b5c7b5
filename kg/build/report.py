"""The build report: what happened to every input, and the graph of the batch."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.store import Quads


@dataclass
class DocumentOutcome:
    """What happened to one input: built (possibly with warnings), skipped or failed."""

    path: str
    status: str  # built | skipped (no meeting found: only its Document record is added) | duplicate | failed
    reason: str | None = None
    message: str | None = None
    warnings: list[str] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None


@dataclass
class BuildResult:
    """The graph of a batch and the fate of every input.

    `quads` is the graph as N-Quads lines by named graph (`kg.store.Quads`): what is written
    out or loaded into a store; `dataset` is the same graph as an rdflib Dataset, made on
    first use."""

    quads: "Quads"
    outcomes: list[DocumentOutcome]
    identity_log: list[str]
    cache_pruned: int = 0  # cache files removed as stale (see `prune_cache`)
    checks: dict[str, list[dict]] | None = None  # each document's own nodes' problems, when checked as built

    def validate(self):
        """The graph checked against the shapes (`kg.validate.ValidationResult`): the same
        results as `kg.validate.validate(self.quads)`, in less time when the build checked
        each document as it made its graph (`build(validate=True)`): then only what crosses
        documents is checked here."""
        from kg.validate import validate, validate_build

        if self.checks is None or self.quads._dataset is not None:  # not checked, or changed since
            return validate(self.quads)
        return validate_build(self.quads, self.checks)

    @property
    def dataset(self) -> Dataset:
        return self.quads.dataset

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def save(self, path: str | Path) -> Path:
        """Write the graph to `path` (see `kg.store.Quads.save`)."""
        return self.quads.save(path)
