"""The ontology, its SKOS schemes and its SHACL shapes: in step with the code and the contract.

- kg/namespace.py's MKG and ontology/minutes-kg.ttl name the same terms;
- every term is documented (label, comment) and every property has a domain and range;
- every term of the query contract (../shared/eval/CONTRACT.md) is defined, with the
  domain, range and alignments the contract gives;
- the topic and resolution-type schemes are well-formed SKOS;
- the shapes accept a small conforming graph and reject the faults they exist to catch.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.errors import ValidationError
from kg.namespace import (
    ID,
    MKG,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    bind_prefixes,
)
from kg.validate import ValidationResult, validate
from ontology import ONTOLOGY, RESOLUTION_TYPES, SHAPES, TOPICS

# A plain Namespace: rdflib's open XSD namespace makes pytest's collection warn.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "CONTRACT.md"  # ../shared beside the clone
NS = str(MKG)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
TOPIC_SCHEME = URIRef(str(ID) + "topic")
RESOLUTION_TYPE_SCHEME = URIRef(str(ID) + "resolution-type")

# Prefixes the contract uses in its tables, for turning `org:Post` into an IRI.
CONTRACT_PREFIXES = {
    "mkg": NS,
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "org": "http://www.w3.org/ns/org#",
    "person": "http://www.w3.org/ns/person#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def topics() -> Graph:
    return Graph().parse(TOPICS)


@pytest.fixture(scope="module")
def resolution_types() -> Graph:
    return Graph().parse(RESOLUTION_TYPES)


def defined_terms(onto: Graph) -> set[URIRef]:
    return {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def is_property(onto: Graph, term: URIRef) -> bool:
    return any((term, RDF.type, kind) in onto for kind in PROPERTY_TYPES)


def members(onto: Graph, node) -> set:
    """The classes a domain or range names: itself, or the members of its owl:unionOf."""
    union = onto.value(node, OWL.unionOf)
    return set(Collection(onto, union)) if union is not None else {node}


# ---------------------------------------------------------------------------------------------
# (1) the namespace is kept in step with the TTL


def test_namespace_and_ontology_name_the_same_terms(onto):
    in_ttl = {str(t)[len(NS):] for t in defined_terms(onto)}
    in_code = set(MKG.__annotations__)
    assert in_ttl - in_code == set(), "terms in minutes-kg.ttl missing from kg/namespace.py MKG"
    assert in_code - in_ttl == set(), "terms in kg/namespace.py MKG missing from minutes-kg.ttl"
    for name in in_code:
        assert getattr(MKG, name) == URIRef(NS + name)


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        MKG.meeting  # noqa: B018 (the class is Meeting)


def test_bind_prefixes_uses_http_schema_org():
    graph = bind_prefixes(Graph())
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert bound["mkg"] == NS
    assert bound["schema"] == "http://schema.org/"
    assert bound["oa"] == str(OA)


# ---------------------------------------------------------------------------------------------
# (2) every term is documented


def test_every_term_has_one_english_label_and_comment(onto):
    for term in defined_terms(onto):
        for prop in (RDFS.label, RDFS.comment):
            values = list(onto.objects(term, prop))
            assert len(values) == 1, f"{term} needs exactly one {prop}"
            assert values[0].language == "en", f"{term} {prop} should be tagged @en"
        assert (term, RDFS.isDefinedBy, URIRef(NS.rstrip("#"))) in onto


def test_every_term_is_a_class_or_a_property(onto):
    for term in defined_terms(onto):
        assert (term, RDF.type, OWL.Class) in onto or is_property(onto, term), term


def test_every_property_has_domain_and_range(onto):
    for term in defined_terms(onto):
        if not is_property(onto, term):
            continue
        for prop in (RDFS.domain, RDFS.range):
            values = list(onto.objects(term, prop))
            assert len(values) == 1, f"{term} needs exactly one {prop} (use owl:unionOf for several)"
            for cls in members(onto, values[0]):
                assert isinstance(cls, URIRef), f"{term} {prop}: union member {cls} is not an IRI"
        if (term, RDF.type, OWL.DatatypeProperty) in onto:
            for dt in members(onto, onto.value(term, RDFS.range)):
                assert str(dt).startswith(str(XSD)), f"{term} range is not an xsd type"


def test_mkg_classes_referenced_in_the_ontology_are_defined(onto):
    defined = defined_terms(onto)
    for node in onto.all_nodes():
        if isinstance(node, URIRef) and str(node).startswith(NS):
            assert node in defined, f"{node} is used but not defined"


# ---------------------------------------------------------------------------------------------
# (3) the query contract


def contract_tables() -> tuple[list[list[str]], list[list[str]]]:
    """The rows (as lists of cells) of the Classes and Properties tables of CONTRACT.md."""
    if not CONTRACT.is_file():
        pytest.skip(f"{CONTRACT} not present")
    sections: dict[str, list[list[str]]] = defaultdict(list)
    heading = ""
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip().lower()
        elif line.startswith("|") and heading in ("classes", "properties"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if set(cells[0]) <= set("-: ") or cells[0] in ("class", "property"):
                continue  # the header and its underline
            sections[heading].append(cells)
    assert sections["classes"] and sections["properties"], "could not find the two tables in CONTRACT.md"
    return sections["classes"], sections["properties"]


def backticked(cell: str) -> list[URIRef]:
    return [
        URIRef(CONTRACT_PREFIXES[prefix] + local)
        for prefix, local in re.findall(r"`(\w+):(\w+)`", cell)
        if prefix in CONTRACT_PREFIXES
    ]


def mkg_names(text: str) -> set[URIRef]:
    """`AgendaItem or Report` -> {mkg:AgendaItem, mkg:Report}; "string" -> xsd:string."""
    names = {URIRef(NS + word) for word in re.findall(r"\b([A-Z][A-Za-z]+)\b", text)}
    names |= set(backticked(text))
    if re.search(r"\bstring\b", text):
        names.add(XSD.string)
    return names


def test_contract_classes_are_defined_and_aligned(onto):
    classes, _ = contract_tables()
    for cells in classes:
        (term,) = [t for t in backticked(cells[0]) if str(t).startswith(NS)]
        assert (term, RDF.type, OWL.Class) in onto, f"contract class {term} not defined"
        linked = {o for p in (RDFS.subClassOf, OWL.equivalentClass, SKOS.closeMatch) for o in onto.objects(term, p)}
        for target in backticked(cells[2]) if len(cells) > 2 else []:
            assert target in linked, f"{term} should be aligned to {target}"


def test_contract_properties_are_defined_with_their_domain_and_range(onto):
    _, properties = contract_tables()
    seen = 0
    for cells in properties:
        frm, _, to = cells[1].partition("→")
        for term in backticked(cells[0]):
            if not str(term).startswith(NS):
                continue  # a standard term such as prov:wasDerivedFrom: not ours to define
            seen += 1
            assert is_property(onto, term), f"contract property {term} not defined"
            domain = members(onto, onto.value(term, RDFS.domain))
            range_ = members(onto, onto.value(term, RDFS.range))
            assert mkg_names(frm) <= domain, f"{term}: domain {domain} lacks {mkg_names(frm) - domain}"
            assert mkg_names(to) <= range_, f"{term}: range {range_} lacks {mkg_names(to) - range_}"
    assert seen >= 25


def test_contract_property_alignments(onto):
    expected = {
        MKG.chair: URIRef(CONTRACT_PREFIXES["besluit"] + "heeftVoorzitter"),
        MKG.present: URIRef(CONTRACT_PREFIXES["besluit"] + "heeftAanwezige"),
        MKG.item: URIRef(CONTRACT_PREFIXES["besluit"] + "behandelt"),
        MKG.committee: URIRef(CONTRACT_PREFIXES["besluit"] + "isGehoudenDoor"),
        MKG.heldBy: URIRef(CONTRACT_PREFIXES["org"] + "heldBy"),
        MKG.mentions: URIRef("http://schema.org/mentions"),
        MKG.topic: URIRef("http://schema.org/about"),
        MKG.inAttendance: URIRef("http://schema.org/attendee"),
    }
    for term, parent in expected.items():
        assert (term, RDFS.subPropertyOf, parent) in onto


# ---------------------------------------------------------------------------------------------
# (4) the SKOS schemes


def check_scheme(graph: Graph, scheme: URIRef) -> list[URIRef]:
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = list(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for concept in concepts:
        assert str(concept).startswith(str(scheme) + "/"), f"{concept} is not under {scheme}/"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(concept).rsplit("/", 1)[1]), f"bad slug {concept}"
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, f"{concept}: one prefLabel"
        assert (concept, SKOS.inScheme, scheme) in graph, f"{concept} not inScheme"
        assert len(list(graph.objects(concept, SKOS.definition))) == 1, f"{concept}: one definition"
        assert graph.value(concept, RDFS.label) == graph.value(concept, SKOS.prefLabel)
        broader = list(graph.objects(concept, SKOS.broader))
        top = (concept, SKOS.topConceptOf, scheme) in graph
        assert bool(broader) != top, f"{concept}: either skos:broader or skos:topConceptOf"
        for parent in broader:
            assert (parent, RDF.type, SKOS.Concept) in graph, f"{concept} broader {parent} is not in the scheme"
    return concepts


def test_resolution_type_scheme(resolution_types):
    concepts = check_scheme(resolution_types, RESOLUTION_TYPE_SCHEME)
    slugs = {str(c).rsplit("/", 1)[1] for c in concepts}
    assert slugs == {
        "noted", "further-report-requested", "update-requested", "comments-forwarded", "recommendation",
        "approval", "appointment", "next-meeting-date", "minutes-confirmed", "other",
    }


def test_topic_scheme(topics):
    concepts = check_scheme(topics, TOPIC_SCHEME)
    assert len(concepts) >= 30
    for concept in concepts:
        assert (concept, RDF.type, MKG.Topic) in topics, f"{concept} should also be typed mkg:Topic"
    for slug in ("send", "children-in-care", "fostering", "ofsted-inspection", "finance-budget", "covid-19", "uasc"):
        assert URIRef(f"{TOPIC_SCHEME}/{slug}") in concepts


def test_topic_labels_are_unambiguous(topics):
    """The matcher maps a label to one topic: no label may belong to two topics, whatever its case,
    and no concept repeats a label."""
    owner: dict[str, set[URIRef]] = defaultdict(set)
    for concept in topics.subjects(RDF.type, SKOS.Concept):
        labels = [str(l) for l in topics.objects(concept, SKOS.prefLabel)]
        labels += [str(l) for l in topics.objects(concept, SKOS.altLabel)]
        assert len(labels) == len(set(labels)), f"{concept} repeats a label"
        for label in labels:
            assert label == label.strip() and label, f"{concept}: blank or padded label {label!r}"
            owner[label.casefold()].add(concept)
    shared = {label: sorted(c) for label, c in owner.items() if len(c) > 1}
    assert not shared, f"labels used by several topics: {shared}"


def test_key_surface_forms_are_altlabels(topics):
    def alt(slug):
        return {str(l) for l in topics.objects(URIRef(f"{TOPIC_SCHEME}/{slug}"), SKOS.altLabel)}

    assert {"SEND", "SEN", "EHCP", "Education, Health and Care Plan", "special educational needs"} <= alt("send")
    assert {"LAC", "looked after children"} <= alt("children-in-care")
    assert {"UASC"} <= alt("uasc")
    assert {"CSE"} <= alt("child-sexual-exploitation")
    assert {"CCE", "county lines"} <= alt("child-criminal-exploitation")
    assert {"MTFS", "Medium Term Financial Strategy"} <= alt("finance-budget")
    assert {"coronavirus", "pandemic"} <= alt("covid-19")


# ---------------------------------------------------------------------------------------------
# (5) the shapes


def test_shapes_parse_and_every_property_shape_has_a_message():
    shapes = Graph().parse(SHAPES)
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 14
    property_shapes = set(shapes.subjects(SH.path, None))
    assert property_shapes
    for shape in property_shapes:
        assert shapes.value(shape, SH.message), f"property shape {shape} has no sh:message"
    for shape in node_shapes:
        assert shapes.value(shape, SH.targetClass) is not None
    mkg_used = {n for n in shapes.all_nodes() if isinstance(n, URIRef) and str(n).startswith(NS)}
    for term in mkg_used:
        getattr(MKG, str(term)[len(NS):])  # raises if the shapes name a term that does not exist


def minimal_graph() -> Graph:
    """A small meeting with one of everything the contract describes, which should conform."""
    g = bind_prefixes(Graph())
    base = str(ID)
    doc, meeting, committee = URIRef(base + "doc/d1"), URIRef(base + "meeting/m1"), URIRef(base + "committee/c")
    chair, member, officer, public = (URIRef(base + f"person/{n}") for n in ("chair", "member", "officer", "public"))
    post, org, service = URIRef(base + "post/director"), URIRef(base + "org/nhs"), URIRef(base + "service/fostering")
    item, report, res = URIRef(base + "meeting/m1/item/1"), URIRef(base + "report/r1"), URIRef(base + "meeting/m1/item/1/res/a")
    question, declaration, follow_up = URIRef(base + "q/1"), URIRef(base + "decl/1"), URIRef(base + "fu/1")
    send = URIRef(f"{TOPIC_SCHEME}/send")

    def add(s, *pairs):
        for i in range(0, len(pairs), 2):
            g.add((s, pairs[i], pairs[i + 1]))

    add(doc, RDF.type, MKG.Document, RDFS.label, Literal("000_cfd6ab707287b23f.txt"),
        MKG.fileName, Literal("000_cfd6ab707287b23f.txt"), MKG.format, Literal("text"))
    add(committee, RDF.type, MKG.Committee, RDFS.label, Literal("Children and Families Overview and Scrutiny Committee"))
    add(meeting, RDF.type, MKG.Meeting, RDFS.label, Literal("Children and Families OSC, 7 June 2022"),
        MKG.committee, committee, MKG.date, Literal("2022-06-07", datatype=XSD.date),
        MKG.startTime, Literal("14:00:00", datatype=XSD.time), MKG.venue, Literal("County Hall, Glenfield"),
        PROV.wasDerivedFrom, doc, MKG.present, chair, MKG.present, member, MKG.chair, chair,
        MKG.inAttendance, officer, MKG.apology, member, MKG.item, item, MKG.declaration, declaration,
        MKG.nextMeetingDate, Literal("2022-09-05", datatype=XSD.date))
    for person, name in ((chair, "Mrs. P. A. Okafor CC"), (member, "Mr. T. Smith CC"),
                         (officer, "Helen Ashdown"), (public, "Mr. A. Jones")):
        add(person, RDF.type, MKG.Person, RDFS.label, Literal(name))
    g.add((chair, SKOS.altLabel, Literal("Mrs P Okafor CC")))
    add(post, RDF.type, MKG.Post, RDFS.label, Literal("Director of Children and Family Services"), MKG.heldBy, officer)
    add(org, RDF.type, MKG.Organisation, RDFS.label, Literal("NHS England"))
    add(service, RDF.type, MKG.Service, RDFS.label, Literal("Fostering Service"))
    add(item, RDF.type, MKG.AgendaItem, RDFS.label, Literal("SEND Written Statement of Action"),
        MKG.minuteNumber, Literal("26"), MKG.order, Literal(1), PROV.wasDerivedFrom, doc,
        MKG.considered, report, MKG.resolved, res, MKG.question, question, MKG.followUp, follow_up,
        MKG.mentions, org, MKG.mentions, service, MKG.mentions, post, MKG.topic, send)
    add(report, RDF.type, MKG.Report, RDFS.label, Literal("SEND Written Statement of Action: progress"),
        MKG.forMeeting, meeting, MKG.author, post, PROV.wasDerivedFrom, doc)
    add(res, RDF.type, MKG.Resolution, RDFS.label, Literal("Resolution 26 a"), MKG.label, Literal("a"),
        MKG.text, Literal("That the report be noted."), PROV.wasDerivedFrom, doc,
        MKG.resolutionType, URIRef(f"{RESOLUTION_TYPE_SCHEME}/noted"))
    add(question, RDF.type, MKG.PublicQuestion, RDFS.label, Literal("Question from Mr. A. Jones"),
        MKG.text, Literal("How many EHCPs were issued within 20 weeks?"), MKG.askedBy, public, MKG.answeredBy, chair)
    add(declaration, RDF.type, MKG.Declaration, RDFS.label, Literal("Declaration by Mrs. P. A. Okafor CC"),
        MKG.text, Literal("Mrs. Okafor declared a personal interest as a school governor."), MKG.declaredBy, chair)
    add(follow_up, RDF.type, MKG.FollowUp, RDFS.label, Literal("Further report on SEND"),
        MKG.text, Literal("That a further report be submitted in six months."),
        MKG.dueMonth, Literal("2022-12", datatype=XSD.gYearMonth))
    span = BNode()
    add(span, RDF.type, OA.TextPositionSelector, OA.start, Literal(120), OA.end, Literal(170), MKG.inDocument, doc)
    g.add((res, MKG.span, span))
    g += Graph().parse(TOPICS)  # the build brings the topic concepts it links to
    return g


def problems(result: ValidationResult) -> set[tuple[str, str | None]]:
    return {(r["focus"], r["path"]) for r in result.results}


def test_minimal_graph_conforms():
    result = validate(minimal_graph())
    assert result.conforms, result.text
    assert result.results == []


def test_meeting_without_a_label_does_not_conform():
    g = minimal_graph()
    meeting = URIRef(str(ID) + "meeting/m1")
    g.remove((meeting, RDFS.label, None))
    result = validate(g)
    assert not result.conforms
    assert problems(result) == {(str(meeting), str(RDFS.label))}
    (row,) = result.results
    assert row["severity"] == "Violation" and "rdfs:label" in row["message"]


def test_resolution_with_two_texts_does_not_conform():
    g = minimal_graph()
    res = URIRef(str(ID) + "meeting/m1/item/1/res/a")
    g.add((res, MKG.text, Literal("That the report be approved.")))
    result = validate(g)
    assert not result.conforms
    assert problems(result) == {(str(res), str(MKG.text))}


@pytest.mark.parametrize(
    "fault, expected_path",
    [
        (lambda g, m: g.set((m, MKG.date, Literal("7 June 2022"))), MKG.date),
        (lambda g, m: g.remove((m, PROV.wasDerivedFrom, None)), PROV.wasDerivedFrom),
        (lambda g, m: g.add((m, MKG.present, URIRef(str(ID) + "org/nhs"))), MKG.present),
    ],
    ids=["date-not-xsd-date", "no-source-document", "present-not-a-person"],
)
def test_other_meeting_faults_are_caught(fault, expected_path):
    g = minimal_graph()
    meeting = URIRef(str(ID) + "meeting/m1")
    fault(g, meeting)
    result = validate(g)
    assert not result.conforms
    assert (str(meeting), str(expected_path)) in problems(result)


def test_report_needs_a_meeting_and_item_needs_one_meeting():
    g = minimal_graph()
    report, item = URIRef(str(ID) + "report/r1"), URIRef(str(ID) + "meeting/m1/item/1")
    g.remove((report, MKG.forMeeting, None))
    g.remove((None, MKG.item, item))
    result = validate(g)
    assert (str(report), str(MKG.forMeeting)) in problems(result)
    assert (str(item), "^" + str(MKG.item)) in problems(result)


def test_validate_checks_all_graphs_of_a_dataset():
    ds = Dataset()
    for i, triple in enumerate(minimal_graph()):
        ds.graph(URIRef(str(ID) + f"graph/{i % 3}")).add(triple)
    assert validate(ds).conforms
    meeting = URIRef(str(ID) + "meeting/m1")
    for graph in ds.graphs():
        graph.remove((meeting, RDFS.label, None))
    result = validate(ds)
    assert not result.conforms
    assert (str(meeting), str(RDFS.label)) in problems(result)


def test_missing_shapes_raise_validation_error(tmp_path):
    with pytest.raises(ValidationError):
        validate(Graph(), shapes=tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(ValidationError):
        validate(Graph(), shapes=broken)


def test_a_due_date_is_a_day_or_a_month_and_nothing_else():
    g = minimal_graph()
    follow_up = URIRef(str(ID) + "fu/1")
    g.add((follow_up, MKG.dueDate, Literal("2022-12", datatype=XSD.gYearMonth)))
    assert (str(follow_up), str(MKG.dueDate)) not in problems(validate(g))
    g.set((follow_up, MKG.dueDate, Literal("next spring")))
    assert (str(follow_up), str(MKG.dueDate)) in problems(validate(g))


def test_items_may_mention_and_reports_may_be_of_a_committee():
    g = minimal_graph()
    committee = URIRef(str(ID) + "committee/c")
    g.add((URIRef(str(ID) + "meeting/m1/item/1"), MKG.mentions, committee))
    g.add((URIRef(str(ID) + "report/r1"), MKG.author, committee))
    assert validate(g).conforms


def test_a_mention_must_be_of_a_named_thing_and_validating_leaves_the_graph_alone():
    """mkg:mentions is checked against mkg:NamedThing, the superclass the ontology gives the
    five kinds of named node: a meeting or a bare IRI is not one. The check adds the
    ontology to a copy, never to the caller's graph."""
    g = minimal_graph()
    item = URIRef(str(ID) + "meeting/m1/item/1")
    before = len(g)
    g.add((item, MKG.mentions, URIRef(str(ID) + "meeting/m1")))
    g.add((item, MKG.mentions, URIRef(str(ID) + "nothing/known")))
    result = validate(g)
    assert not result.conforms
    assert (str(item), str(MKG.mentions)) in problems(result)
    assert len(g) == before + 2
    assert not list(g.triples((MKG.Person, None, None)))
