"""A Doc's text, built once per Doc, and Docs made to know it (see `extractors.mentions`)."""
from __future__ import annotations

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token's text on each `doc.text`)."""
    known = doc.user_data.get("mkg_text")
    if known is None or known[0] != len(doc):  # a Doc made from another's user data
        known = doc.user_data["mkg_text"] = (len(doc), doc.text)
    return known[1]


def make_doc(nlp, text: str) -> Doc:
    """`text` tokenised, with `text_of` already knowing its text (a Doc's text is exactly
    the text it was made from), for feeding `nlp.pipe` Docs rather than strings."""
    doc = nlp.make_doc(text)
    doc.user_data["mkg_text"] = (len(doc), text)
    return doc
