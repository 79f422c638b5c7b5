"""The extractor pipeline: `spacy.blank("en")` plus the rule components, in order.

Posts run before people (people use the posts next to a bare name); committees, services
and organisations run first so the longest-span rule can settle what each phrase is.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from extractors import committees, holders, organisations, people, posts, services  # noqa: F401  (registers factories)
from extractors.extensions import register

COMPONENTS = ("mkg_committees", "mkg_services", "mkg_organisations", "mkg_posts", "mkg_people", "mkg_holders")


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The extractor pipeline, built once per `model`.

    `model` may name an installed spaCy package to use as the base (its own components are
    kept but ours are added after them); by default a blank English pipeline is used and no
    trained model is needed.
    """
    register()
    nlp = spacy.load(model) if model else spacy.blank("en")
    # a bullet written against its word ("-Fenwater Partnership NHS Trust") is a token of its own
    prefixes = [*nlp.Defaults.prefixes, r"[-–—](?=[A-Z])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    nlp.max_length = max(nlp.max_length, 3_000_000)
    return nlp
