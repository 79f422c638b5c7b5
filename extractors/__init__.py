"""spaCy rule components that find people, posts, organisations, services and committees.

    from extractors import load_pipeline, EXTRACTOR_VERSIONS
    doc = load_pipeline()(text)
    for span in doc.spans["mkg_mentions"]:
        span.label_, span._.mkg_norm, span._.mkg_wikidata

`extractors.names` (parsing and normalising names) needs no spaCy; importing this package
does not load spaCy until `load_pipeline` or `EXTRACTOR_VERSIONS` is used.
"""
from __future__ import annotations

import importlib

__all__ = ["load_pipeline", "EXTRACTOR_VERSIONS", "SPAN_GROUP", "LABELS"]

SPAN_GROUP = "mkg_mentions"
LABELS = ("PERSON", "POST", "ORG", "SERVICE", "COMMITTEE")
_MODULES = {"mkg_people": "people", "mkg_posts": "posts", "mkg_organisations": "organisations",
            "mkg_services": "services", "mkg_committees": "committees", "mkg_holders": "holders"}


def __getattr__(name: str):
    if name == "load_pipeline":
        from extractors.pipeline import load_pipeline
        return load_pipeline
    if name == "EXTRACTOR_VERSIONS":
        return {comp: importlib.import_module(f"extractors.{mod}").VERSION
                for comp, mod in sorted(_MODULES.items())}
    raise AttributeError(f"module 'extractors' has no attribute {name!r}")
