"""The shapes a build checks, compiled into plain lookups over a graph's lines: the same results
as pySHACL gives for them (`kg.validate` runs pySHACL whenever a shape uses anything else).

The bundled shapes use a small part of SHACL: targets by class or node, property paths of one
property or its inverse, and the constraints `sh:minCount`, `sh:maxCount`, `sh:datatype`,
`sh:nodeKind`, `sh:class`, `sh:in`, `sh:or` (of class or datatype shapes), `sh:minInclusive` and
`sh:maxInclusive`, each property shape with its `sh:message`. Each is checked as pySHACL 0.40
checks it (one result for a count, one for each value that fails; a literal of the right
datatype that does not parse fails; a class given by a subclass passes), on pyoxigraph's terms,
without making an rdflib graph: a document's graph is checked in a tenth of pySHACL's time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.namespace import RDF, RDFS, SH, XSD
from kg.store import to_rdflib


class Unsupported(Exception):
    """A shape uses more of SHACL than this module checks: pySHACL checks it instead."""


#: what a property shape may say besides its constraints
_ABOUT = {SH.path, SH.message, SH.name, SH.description, SH.order, SH.group, RDFS.comment, RDFS.label, RDF.type,
          SH.severity}
_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH["in"], SH["or"],
                SH.minInclusive, SH.maxInclusive}
#: each constraint by the name `_passes` knows it by
_TAGS = {c: str(c).rsplit("#", 1)[-1] for c in _CONSTRAINTS}
_NODE_ABOUT = {RDF.type, RDFS.comment, RDFS.label, SH.property, SH.targetClass, SH.targetNode, SH.name,
               SH.description}


@dataclass
class _Property:
    predicate: str
    inverse: bool
    path_text: str
    message: str
    severity: str
    rules: list = field(default_factory=list)  # (constraint IRI, its value)


@dataclass
class _NodeShape:
    classes: list[URIRef]
    nodes: list[str]
    properties: list[_Property]


class CompiledShapes:
    """`shapes` (with `ontology`'s subclass axioms) ready to check graphs given as N-Quads;
    `Unsupported` when a shape uses what is not compiled."""

    def __init__(self, shapes: Graph, ontology: Graph):
        self.above: dict[str, set[str]] = defaultdict(set)  # a class -> its direct superclasses
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self.above[str(sub)].add(str(sup))
        self._types: dict[str, set[str]] = {}
        self._isa: dict[tuple[str, str], bool] = {}
        self.shapes = [self._node_shape(shapes, s) for s in sorted(
            set(shapes.subjects(SH.targetClass)) | set(shapes.subjects(SH.targetNode)), key=str)]

    # -- compiling ------------------------------------------------------------------------

    def _node_shape(self, g: Graph, s) -> _NodeShape:
        for p in g.predicates(s):
            if p not in _NODE_ABOUT:
                raise Unsupported(f"{p} on a node shape")
        classes = list(g.objects(s, SH.targetClass))
        nodes = [o for o in g.objects(s, SH.targetNode)]
        if any(not isinstance(n, URIRef) for n in nodes + classes):
            raise Unsupported("a target that is not an IRI")
        return _NodeShape(classes, [str(n) for n in nodes], [self._property(g, p) for p in g.objects(s, SH.property)])

    def _property(self, g: Graph, p) -> _Property:
        path = g.value(p, SH.path)
        inverse = False
        if isinstance(path, BNode):
            inner = g.value(path, SH.inversePath)
            if not isinstance(inner, URIRef) or len(list(g.predicate_objects(path))) != 1:
                raise Unsupported("a path other than one property or its inverse")
            path, inverse = inner, True
        if not isinstance(path, URIRef):
            raise Unsupported("a property shape without a path")
        messages = list(g.objects(p, SH.message))
        if len(messages) != 1:
            raise Unsupported("a property shape without one sh:message")
        severity = g.value(p, SH.severity)
        prop = _Property(str(path), inverse, f"^{path}" if inverse else str(path), str(messages[0]),
                         str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation")
        for k, v in g.predicate_objects(p):
            if k in _ABOUT:
                continue
            if k not in _CONSTRAINTS:
                raise Unsupported(f"{k} on a property shape")
            if k == SH["in"]:
                v = set(Collection(g, v))
            elif k == SH["or"]:
                v = [(_TAGS[a], str(b) if a == SH["class"] else b)
                     for a, b in (self._alternative(g, a) for a in Collection(g, v))]
            elif k in (SH.minCount, SH.maxCount):
                v = int(v)
            elif k in (SH["class"], SH.nodeKind):
                v = str(v)
            prop.rules.append((_TAGS[k], v))
        return prop

    def _alternative(self, g: Graph, a) -> tuple:
        said = list(g.predicate_objects(a))
        if len(said) != 1 or said[0][0] not in (SH["class"], SH.datatype):
            raise Unsupported("an sh:or of shapes other than one sh:class or sh:datatype each")
        return said[0]

    # -- checking ---------------------------------------------------------------------------

    def check(self, lines: bytes) -> list[dict]:
        """The results for the graph of N-Quads (or N-Triples) `lines`, as `kg.validate` lists
        them (focus, path, message, severity), sorted."""
        out: dict[tuple[str, str], list] = defaultdict(list)
        back: dict[tuple[str, str], list] = defaultdict(list)
        types: dict[str, set[str]] = defaultdict(set)
        of_type: dict[str, set[str]] = defaultdict(set)  # a class -> the nodes typed with it
        type_p = str(RDF.type)
        for q in ox.parse(lines, format=ox.RdfFormat.N_QUADS):
            s, p, o = q.subject, q.predicate.value, q.object
            key = s.value if isinstance(s, ox.NamedNode) else f"_:{s.value}"
            if p == type_p and isinstance(o, ox.NamedNode):
                types[key].add(o.value)
                of_type[o.value].add(key)
            out[(key, p)].append(o)
            if not isinstance(o, ox.Literal):
                back[(o.value if isinstance(o, ox.NamedNode) else f"_:{o.value}", p)].append(s)
        self._types = types
        rows = []
        for shape in self.shapes:
            focus = set(shape.nodes)
            for c in shape.classes:
                for t, nodes in of_type.items():
                    if self._is_a(t, str(c)):
                        focus.update(nodes)
            for f in sorted(focus):
                if f.startswith("_:"):
                    raise Unsupported("a blank node as focus")
                for prop in shape.properties:
                    values = back.get((f, prop.predicate), []) if prop.inverse else out.get((f, prop.predicate), [])
                    values = list(dict.fromkeys(values))
                    for _ in range(self._failures(prop, values)):
                        rows.append({"focus": f, "path": prop.path_text, "message": prop.message,
                                     "severity": prop.severity})
        return sorted(rows, key=lambda row: (row["focus"], row["path"] or "", row["message"]))

    def _is_a(self, t: str, c: str) -> bool:
        """Whether class `t` is `c` or below it."""
        known = self._isa.get((t, c))
        if known is None:
            known = self._isa[(t, c)] = self._below(t, c)
        return known

    def _below(self, t: str, c: str) -> bool:
        if t == c:
            return True
        seen, todo = {t}, [t]
        while todo:
            for sup in self.above.get(todo.pop(), ()):
                if sup == c:
                    return True
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return False

    def _failures(self, prop: _Property, values: list) -> int:
        n = 0
        for k, v in prop.rules:
            if k == "minCount":
                n += len(values) < v
            elif k == "maxCount":
                n += len(values) > v
            else:
                n += sum(1 for x in values if not self._passes(k, v, x))
        return n

    def _passes(self, k: str, rule, x) -> bool:
        if k == "class":
            return self._has_class(x, rule)
        if k == "datatype":
            return _datatype_ok(x, rule)
        if k == "nodeKind":
            return _kind_ok(x, rule)
        if k == "in":
            return to_rdflib(x) in rule
        if k == "or":
            return any(self._passes(kind, value, x) for kind, value in rule)
        if k in ("minInclusive", "maxInclusive"):
            if not isinstance(x, ox.Literal):
                return False
            try:
                value = to_rdflib(x)
                return bool(value >= rule) if k == "minInclusive" else bool(value <= rule)
            except TypeError:
                return False
        raise Unsupported(k)

    def _has_class(self, x, c: str) -> bool:
        if isinstance(x, ox.Literal):
            return False
        key = x.value if isinstance(x, ox.NamedNode) else f"_:{x.value}"
        return any(self._is_a(t, c) for t in self._types.get(key, ()))


def _datatype_ok(x, rule: URIRef) -> bool:
    """pySHACL's `DatatypeConstraintComponent`, on one value."""
    if not isinstance(x, ox.Literal):
        return False
    v = to_rdflib(x)
    if v.datatype == rule:
        return getattr(v, "ill_typed", None) is not True and _actual(v, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype and v.datatype:
        return True
    if v.datatype is None and v.language is None and rule == XSD.string:
        return _actual(v, rule)
    if rule == RDF.langString and v.language:
        return _actual(v, rule)
    return False


def _actual(v: Literal, rule: URIRef) -> bool:
    value = v.value
    checks = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
              XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}
    kind = checks.get(rule)
    return True if kind is None else isinstance(value, kind)


def _kind_ok(x, kind: str) -> bool:
    iri, blank, literal = isinstance(x, ox.NamedNode), isinstance(x, ox.BlankNode), isinstance(x, ox.Literal)
    return {str(SH.IRI): iri, str(SH.BlankNode): blank, str(SH.Literal): literal, str(SH.BlankNodeOrIRI): iri or blank,
            str(SH.IRIOrLiteral): iri or literal, str(SH.BlankNodeOrLiteral): blank or literal}.get(kind, False)
