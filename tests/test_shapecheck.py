"""The compiled shapes (`kg.shapecheck`) find what pySHACL finds, on a graph that breaks every
kind of constraint the bundled shapes use; a shape using more of SHACL is left to pySHACL."""
from __future__ import annotations

from rdflib import Graph

import kg.validate as kv
from kg.shapecheck import CompiledShapes
from ontology import ONTOLOGY, SHAPES

ID = "https://w3id.org/minutes-kg/id/"
BROKEN = f"""
@prefix mkg: <https://w3id.org/minutes-kg/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <{ID}> .

id:doc a mkg:Document ; rdfs:label "minutes.txt" ; mkg:fileName "minutes.txt", "again.txt" .
id:m a mkg:Meeting ; rdfs:label "Leisure Committee, 3 March 2024" , "Leisure, March" ;
    prov:wasDerivedFrom id:doc ; mkg:date "2024-13-45"^^xsd:date , "2024-03-03"^^xsd:date ;
    mkg:venue "Hall"@en ; mkg:startTime "10:00" ; mkg:present id:nobody , "Councillor Marsh" ;
    mkg:committee id:c ; mkg:item id:i1 , id:i2 .
id:c a mkg:Committee ; rdfs:label "Leisure Committee" .
id:p a mkg:Person ; rdfs:label "A. Marsh" .
id:i1 a mkg:AgendaItem ; rdfs:label "Parks" ; prov:wasDerivedFrom id:doc ; mkg:minuteNumber 12 ;
    mkg:mentions id:p , id:c , id:doc ; mkg:topic id:p .
id:i2 a mkg:AgendaItem ; prov:wasDerivedFrom id:doc .
id:i3 a mkg:AgendaItem ; rdfs:label "Orphan" ; prov:wasDerivedFrom id:doc .
id:r a mkg:Report ; rdfs:label "Play areas" ; prov:wasDerivedFrom id:doc ; mkg:author id:p , id:doc , "the Head" .
id:res a mkg:Resolution ; rdfs:label "a" ; mkg:text "noted"@en ; prov:wasDerivedFrom id:doc ;
    mkg:resolutionType "noted" .
id:f a mkg:FollowUp ; rdfs:label "come back" ; mkg:text "report back" ; mkg:status "closed" ;
    mkg:dueDate "2024"^^xsd:gYear ; mkg:fulfilledBy id:i1 , id:r .
id:ta a mkg:TopicAssignment ; mkg:topic id:p ; mkg:weight "1.5"^^xsd:decimal , "0.5"^^xsd:decimal .
id:fig a mkg:Figure ; rdfs:label "£45,000" ; prov:wasDerivedFrom id:doc ; mkg:value "45000"^^xsd:integer ;
    mkg:unit "EUR" ; mkg:sentence "It cost £45,000." .
"""


def _data() -> Graph:
    return Graph().parse(data=BROKEN, format="turtle")


def test_every_kind_of_constraint_gives_what_pyshacl_gives():
    data = _data()
    expected = kv.validate(data).results
    lines = data.serialize(format="nt", encoding="utf-8")
    found = CompiledShapes(kv._load(SHAPES), kv._load(ONTOLOGY)).check(lines)
    assert len(expected) > 20  # counts, datatypes, ill-typed dates, classes, sh:in, sh:or, ranges, inverse paths
    assert found == expected


def test_a_shape_using_more_of_shacl_is_left_to_pyshacl(tmp_path, monkeypatch):
    shapes = tmp_path / "more.ttl"
    shapes.write_text(kv.SHAPES.read_text(encoding="utf-8") + """
mkgsh:ResolutionShape sh:property [ sh:path mkg:text ; sh:pattern "^That" ; sh:message "starts 'That'" ] .
""", encoding="utf-8")
    monkeypatch.setattr(kv, "SHAPES", shapes)
    for cached in (kv._split_shapes, kv._classes, kv._document_needs, kv._compiled_document_shapes):
        cached.cache_clear()
    try:
        assert kv._compiled_document_shapes() is None
    finally:
        for cached in (kv._split_shapes, kv._classes, kv._document_needs, kv._compiled_document_shapes):
            cached.cache_clear()
