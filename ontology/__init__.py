"""The minutes-kg ontology files, shipped as package data (see README.md in this folder)."""
from __future__ import annotations

from pathlib import Path

ONTOLOGY_DIR: Path = Path(__file__).resolve().parent

ONTOLOGY: Path = ONTOLOGY_DIR / "minutes-kg.ttl"  # classes, properties, alignments
SHAPES: Path = ONTOLOGY_DIR / "shapes.ttl"  # SHACL: the data contract
RESOLUTION_TYPES: Path = ONTOLOGY_DIR / "resolution-types.ttl"  # SKOS scheme: kinds of resolution
TOPICS: Path = ONTOLOGY_DIR / "topics.ttl"  # SKOS scheme: topics, with the altLabels the matcher uses

__all__ = ["ONTOLOGY_DIR", "ONTOLOGY", "SHAPES", "RESOLUTION_TYPES", "TOPICS"]
