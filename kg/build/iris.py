"""The IRIs of the graph: the only place they are minted.

Every IRI is minted from content (a meeting from its committee and date, a person from their
identity key, a span from the document's hash and its offsets), so building the same inputs
twice gives the same graph, byte for byte once serialised.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import re
from datetime import date

from rdflib import URIRef

from kg.models import AgendaItem, Document, Meeting, Span
from kg.namespace import ID
from kg.segment.body import body_key
from kg.identity import thing_key
from kg.textutil import slug

ENTITY_GRAPH = ID["graph/entities"]
BUILD_GRAPH = ID["graph/build"]
#: what the batch concludes across documents (follow-ups answered at later meetings, agenda-pack
#: reports considered by minuted items): it changes with any document, so it is not kept in theirs
LINKS_GRAPH = ID["graph/links"]


def doc_iri(doc: Document) -> URIRef:
    return doc_iri_of(doc.sha256)


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def doc_iri_of(sha256: str) -> URIRef:
    """The document whose content hash is `sha256`."""
    return ID[f"doc/{sha256[:16]}"]


def graph_iri(doc: Document) -> URIRef:
    return graph_iri_of(doc.sha256)


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def graph_iri_of(sha256: str) -> URIRef:
    """The named graph of what was read from the document whose content hash is `sha256`."""
    return ID[f"graph/{sha256[:16]}"]


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def body_iri(name: str) -> URIRef:
    return ID[f"body/{slug(body_key(name))}"]


def _within(body: str | None) -> str:
    """The part a body gives an IRI ("fenwater-district-council/"), "" when none is known."""
    return f"{slug(body_key(body))}/" if body else ""


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def committee_iri(name: str, body: str | None = None) -> URIRef:
    """The committee `name` of `body`: one node for the ways of writing its name (`thing_key`)."""
    return ID[f"committee/{_within(body)}{slug(thing_key(name))}"]


def dated_meeting_iri(committee: str, when: date, body: str | None = None) -> URIRef:
    """The meeting of `committee` (of `body`) on the day `when`: two councils' Cabinets meeting
    on one day are two meetings."""
    return ID[f"meeting/{_within(body)}{slug(committee)}/{when.isoformat()}"]


def meeting_iri(meeting: Meeting, doc: Document, index: int) -> URIRef:
    if meeting.date and meeting.committee:
        return dated_meeting_iri(meeting.committee, meeting.date, meeting.body)
    # undated or unnamed: the document is all that identifies it
    return ID[f"meeting/undated/{doc.sha256[:16]}-{index}"]


def item_iri(m_iri: URIRef, item: AgendaItem, items: Sequence[AgendaItem] = ()) -> URIRef:
    """An item by its minute number; one whose number an earlier item of the meeting already
    carries (a running number printed twice) takes its order too, so two items never share an IRI."""
    if not item.number:
        return URIRef(f"{m_iri}/item/n{item.order}")
    number = item.number if re.fullmatch(r"[\w.\-]+", item.number) else slug(item.number)
    twin = any(o is not item and o.number == item.number and o.order < item.order for o in items)
    return URIRef(f"{m_iri}/item/{number}" + (f"-n{item.order}" if twin else ""))


def span_iri(doc: Document, span: Span) -> URIRef:
    return ID[f"span/{doc.sha256[:16]}/{span.start}-{span.end}"]


def span_nt(doc: Document, span: Span) -> str:
    """`span_iri(doc, span)` as N-Triples writes it, without making the URIRef: a build writes
    one for every third triple."""
    return f"<{ID}span/{doc.sha256[:16]}/{span.start}-{span.end}>"


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def post_iri(label: str) -> URIRef:
    return ID[f"post/{slug(label, 90)}"]


def post_key(label: str) -> str:
    """What two spellings of one post share: "Director of Children and Families Service" and
    "Director of Children and Family Services" differ only in plurals, "&" or apostrophes."""
    words = re.sub(r"['’]s\b|['’]", "", label.lower().replace("&", " and ")).split()
    return " ".join(w[:-3] + "y" if w.endswith("ies") and len(w) > 4 else
                    w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
                    for w in (re.sub(r"\W", "", w) for w in words) if w)


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def entity_iri(kind: str, label: str) -> URIRef:
    """An organisation or a service; a service is one node for the ways of writing its name (`thing_key`)."""
    return ID[f"{kind}/{slug(thing_key(label) if kind == 'service' else label, 90)}"]


@lru_cache(maxsize=1 << 14)  # minted again for every triple naming it
def person_iri(key: str) -> URIRef:
    return ID[f"person/{key}"]


def part_iri(item: URIRef, kind: str, key: object) -> URIRef:
    """A part of an item: its resolution, question, declaration or follow-up `key` ("resolution/2")."""
    return URIRef(f"{item}/{kind}/{key}")


def report_iri(meeting: URIRef, item: URIRef | None, title: str) -> URIRef:
    """The report an item considered, or a report put to a meeting by its title (an agenda pack's)."""
    return URIRef(f"{item}/report") if item is not None else URIRef(f"{meeting}/report/{slug(title, 80)}")


def again_iri(iri: URIRef, n: int) -> URIRef:
    """The `n`th node minted where `iri` was already taken (an item that considered two reports)."""
    return URIRef(f"{iri}-{n}")


def mention_iri(doc: Document, start: int, end: int) -> URIRef:
    """The place [start, end) of `doc` where an entity is named."""
    return ID[f"mention/{doc.sha256[:16]}/{start}-{end}"]


def build_iri(digest: str) -> URIRef:
    """A run of `kg build` over the documents whose hashes give `digest`."""
    return ID[f"build/{digest}"]


def extractor_iri(name: str, version: str) -> URIRef:
    """The code (`name` at `version`) that made part of the graph."""
    return ID[f"extractor/{slug(name)}/{version}"]
