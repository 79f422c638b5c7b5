"""Every Doc/Span extension the extractors set, declared in one place.

Import this module before reading `span._.mkg_*`; registering is idempotent.

* `Span._.mkg_norm`      the normalised name (canonical post label, organisation name, ...)
* `Span._.mkg_wikidata`  Wikidata IRI of a curated national body, else None
* `Doc._.mkg_holders`    (person span, post span) pairs found by mkg_holders
* `Span._.mkg_kind`      how the mention was found ("national", "acronym", "head", "context",
                         "possessive", "vocab", "shape", "honorific", "contact", ...)
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_GROUP = "mkg_mentions"
LABELS = ("PERSON", "POST", "ORG", "SERVICE", "COMMITTEE")


def register() -> None:
    for name in ("mkg_norm", "mkg_wikidata", "mkg_kind"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("mkg_holders"):
        # (person span, post span) pairs: the person named as holding the post
        Doc.set_extension("mkg_holders", default=[])


register()
