"""The vocabularies of the graph: minutes-kg's own terms (a closed namespace, kept in step
with `ontology/minutes-kg.ttl` by `tests/test_ontology.py`) and the standard ones it reuses.

Build code writes `MKG.Meeting`, never a hand-typed IRI string; a misspelt term fails at
import time instead of producing a graph nobody can query.
"""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "MKG",
    "ID",
    "BESLUIT",
    "OA",
    "SCHEMA",
    "PERSON",
    "DCTERMS",
    "FOAF",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
    "PREFIXES",
    "bind_prefixes",
]


class MKG(DefinedNamespace):
    """
    minutes-kg ontology

    Meetings, agenda items, reports, resolutions, people, posts, services, partner
    organisations and topics, as read from local-council committee minutes.

    Defined in: ontology/minutes-kg.ttl (https://w3id.org/minutes-kg/def)
    """

    _fail = True
    _NS = Namespace("https://w3id.org/minutes-kg/def#")

    # http://www.w3.org/2002/07/owl#Class
    # -- the sources
    Document: URIRef  # One input file of minutes (text, Markdown, HTML or PDF).
    # -- meetings and what happens at them
    Meeting: URIRef  # One sitting of a committee on one day.
    AgendaItem: URIRef  # One minuted item of a meeting.
    Report: URIRef  # A report or presentation put to a meeting.
    Resolution: URIRef  # One resolved clause of an item: "a) That the report be noted;".
    PublicQuestion: URIRef  # A question put by a member of the public; a supplementary is its own node.
    Declaration: URIRef  # A declaration of interest by a member.
    FollowUp: URIRef  # Something the committee asked to come back later: a further report, an update.
    # -- people, posts and bodies
    NamedThing: URIRef  # Superclass of Committee, Person, Post, Organisation, Service: what mentions point at.
    Committee: URIRef  # A council body that meets: committee, Cabinet, commission, board, panel, forum.
    Person: URIRef  # A councillor, officer, co-opted member or member of the public.
    Post: URIRef  # A role people hold: "Director of Children and Family Services".
    Organisation: URIRef  # A named body outside the council: partner, regulator, NHS body, school ...
    Service: URIRef  # A named service, team, unit or programme of the council.
    PublicBody: URIRef  # The council or public body whose minutes a document is: "Fenwater District Council".
    # -- subjects, mentions and figures
    Topic: URIRef  # A subject traced across meetings (a concept of the topic scheme).
    TopicAssignment: URIRef  # Qualified item/report -> topic link with weight and evidence.
    Mention: URIRef  # One place where the text names a person, post, service, organisation or committee.
    Figure: URIRef  # A number quoted in the minutes: money, a count, a rate.
    # -- provenance of the graph itself
    Build: URIRef  # One run of `kg build` (a prov:Activity).
    Extractor: URIRef  # A versioned component that reads one kind of fact (a prov:SoftwareAgent).

    # http://www.w3.org/2002/07/owl#ObjectProperty
    # -- spans
    span: URIRef  # Where something extracted was read: an oa:TextPositionSelector.
    inDocument: URIRef  # The document a span's offsets count into.
    # -- meeting
    committee: URIRef  # Meeting -> the committee whose meeting it was.
    present: URIRef  # Meeting -> a member listed as present (the chair too).
    chair: URIRef  # Meeting -> who chaired.
    inAttendance: URIRef  # Meeting -> someone listed "In Attendance" (not a member).
    apology: URIRef  # Meeting -> a member who sent apologies.
    substitute: URIRef  # Meeting -> a member attending in place of another.
    contactOfficer: URIRef  # Meeting -> the officer its page names as contact (the name only).
    item: URIRef  # Meeting -> a minuted item.
    declaration: URIRef  # Meeting -> a declaration of interest made at it.
    confirmsMinutesOf: URIRef  # Meeting -> the earlier meeting whose minutes it confirmed.
    # -- agenda item
    considered: URIRef  # AgendaItem -> a report considered under it.
    resolved: URIRef  # AgendaItem -> a resolution made under it.
    question: URIRef  # AgendaItem -> a public question taken under it.
    followUp: URIRef  # AgendaItem -> something asked to come back later.
    figure: URIRef  # AgendaItem -> a number quoted in it.
    # -- item or report
    mentions: URIRef  # AgendaItem/Report -> an organisation, service, person, post (or committee) named in it.
    mention: URIRef  # AgendaItem/Report -> one Mention (qualified form of mentions).
    topic: URIRef  # AgendaItem/Report/TopicAssignment -> a topic.
    topicAssignment: URIRef  # AgendaItem/Report -> a TopicAssignment (qualified form of topic).
    # -- report
    forMeeting: URIRef  # Report -> the meeting it was put to.
    author: URIRef  # Report -> the post or person (or committee) it is "of".
    # -- resolution, question, declaration, follow-up
    resolutionType: URIRef  # Resolution -> a concept of the resolution-type scheme.
    askedBy: URIRef  # PublicQuestion -> who asked it.
    answeredBy: URIRef  # PublicQuestion -> who answered it.
    supplementaryTo: URIRef  # PublicQuestion -> the question it followed up.
    declaredBy: URIRef  # Declaration -> the member who declared.
    coversItem: URIRef  # Declaration -> the agenda item the interest relates to.
    interestIn: URIRef  # Declaration -> the organisation the interest is in.
    targetBody: URIRef  # FollowUp -> the committee it should come back to.
    fulfilledBy: URIRef  # FollowUp -> the later item that answered it.
    # -- people and posts
    heldBy: URIRef  # Post -> a person named as holding it.
    memberOf: URIRef  # Person -> a committee they sit on.
    # -- whose minutes
    body: URIRef  # Document/Meeting/Committee/Person -> the council or public body it belongs to.
    # -- mentions
    refersTo: URIRef  # Mention -> the person, organisation, service, post or committee named.

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    # -- document
    fileName: URIRef  # Document -> base name of the file, "000_cfd6ab707287b23f.txt".
    sha256: URIRef  # Document -> SHA-256 of its bytes, hex.
    format: URIRef  # Document -> "text", "markdown", "html" or "pdf".
    retrievedAt: URIRef  # Document -> xsd:dateTime it was fetched from its prov:hadPrimarySource.
    # -- meeting
    date: URIRef  # Meeting -> xsd:date it was held.
    venue: URIRef  # Meeting -> where it was held, as written.
    startTime: URIRef  # Meeting -> xsd:time it began.
    endTime: URIRef  # Meeting -> xsd:time it closed.
    nextMeetingDate: URIRef  # Meeting -> xsd:date of the next meeting, as announced.
    previousMeetingDate: URIRef  # Meeting -> xsd:date of the meeting whose minutes it confirmed.
    # -- agenda item and report
    minuteNumber: URIRef  # AgendaItem -> its number as the source gives it, "26".
    order: URIRef  # AgendaItem -> xsd:integer position in its meeting.
    agendaReference: URIRef  # Report -> "Agenda Item 8", as the minutes cite it.
    reportKind: URIRef  # Report -> "report" or "presentation".
    # -- resolution, question, declaration, follow-up
    text: URIRef  # Resolution/PublicQuestion/Declaration/FollowUp -> the words of the source.
    label: URIRef  # Resolution -> its clause letter, "a", "b" (not rdfs:label).
    interestKind: URIRef  # Declaration -> "personal", "disclosable pecuniary", ...
    dueDate: URIRef  # FollowUp -> xsd:date it is due back.
    dueMonth: URIRef  # FollowUp -> xsd:gYearMonth it is due back.
    dueDatePrecision: URIRef  # FollowUp -> "day", "month" or "relative".
    fulfilmentConfidence: URIRef  # FollowUp -> xsd:decimal 0..1 that fulfilledBy is right.
    fulfilmentReason: URIRef  # FollowUp -> why it was matched, in plain words.
    status: URIRef  # FollowUp -> "open", "fulfilled" or "overdue".
    # -- people
    role: URIRef  # Person -> "member", "officer" or "public".
    # -- mentions, topic assignments, figures
    surfaceForm: URIRef  # Mention -> the words used there.
    weight: URIRef  # TopicAssignment -> xsd:decimal 0..1.
    evidence: URIRef  # TopicAssignment -> the words that gave the topic away.
    value: URIRef  # Figure -> xsd:decimal, "£2.5m" is 2500000.
    unit: URIRef  # Figure -> "GBP", "count" or "percent".
    counts: URIRef  # Figure -> what it counts, in the text's words.
    sentence: URIRef  # Figure -> the sentence it stands in.
    # -- build
    extractorVersion: URIRef  # Extractor -> its version string.


def _settle(namespace: type[DefinedNamespace]) -> None:
    """Make each term of `namespace` a plain class attribute. rdflib looks `RDF.type` up
    through its metaclass's `__getattr__` on every use, and assembling a graph uses terms
    about a thousand times per document (7 % of its time). The values are the same terms."""
    for name in sorted(getattr(namespace, "__annotations__", {})):
        if not name.startswith("_") and name not in vars(namespace):
            type.__setattr__(namespace, name, namespace[name])


for _namespace in (MKG, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD):
    _settle(_namespace)

# The identifiers of the data (meetings, people, topics ...) the build mints.
ID = Namespace("https://w3id.org/minutes-kg/id/")

# Standard vocabularies rdflib does not ship.
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
PERSON = Namespace("http://www.w3.org/ns/person#")

# The prefixes every graph we write is serialised with.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "mkg": MKG,
    "besluit": BESLUIT,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "person": PERSON,
    "oa": OA,
    "schema": SCHEMA,
    "xsd": XSD,
    "rdfs": RDFS,
    "owl": OWL,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the usual prefixes on `graph` (a Graph or Dataset) and return it.

    `replace=True` matters for "schema": rdflib binds it to https://schema.org/ by default,
    while this project uses http://schema.org/.
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, URIRef(str(namespace)), override=True, replace=True)
    return graph
