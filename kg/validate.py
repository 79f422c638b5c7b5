"""graph → does it meet the data contract? SHACL validation against `ontology/shapes.ttl`.

The ontology's triples are checked alongside the data, so `rdfs:subClassOf` from
minutes-kg.ttl is visible to `sh:class` (the shapes rely on it: `mkg:NamedThing`), but no
inference runs: a graph conforms only if it asserts what the contract asks for directly, which
is what its SPARQL users rely on. All of the ontology is mixed in, not only its RDFS and OWL
axioms as pySHACL's `ont_graph` would: shapes that target by class see no difference.

A build checks in two passes, with the same results as one pass over the whole graph
(`validate`): each document's nodes (`DOCUMENT_CLASSES`) where the document's graph is made
(`validate_document`, in the worker processes, kept in the cache with the graph), and once over
the batch what crosses documents (`validate_build`): meetings (one may be minuted in two
documents), follow-ups (answered by the batch), people, posts, committees, bodies, topics, the
meeting a report is for, and any document's node that another graph says something of.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.exceptions import ParserError

from kg.errors import ValidationError
from kg.namespace import MKG, RDF, RDFS, SH
from kg.store import Quads, _nt, _parsed, union_triples
from ontology import ONTOLOGY, SHAPES


@dataclass
class ValidationResult:
    """The outcome of checking a graph against the shapes.

    `results` holds one plain dict per problem: `focus` (the node), `path` (the property,
    or None), `message` (what is wrong, in words) and `severity` ("Violation", "Warning",
    "Info"). `text` is pySHACL's own report, for people.
    """

    conforms: bool
    results: list[dict] = field(default_factory=list)
    text: str = ""


#: the classes whose nodes one document's graph holds whole: checked where that graph is made
RDF_SUBCLASS = RDFS.subClassOf
DOCUMENT_CLASSES = frozenset({MKG.Document, MKG.AgendaItem, MKG.Report, MKG.Resolution, MKG.PublicQuestion,
                              MKG.Declaration, MKG.TopicAssignment, MKG.Figure})


def validate(graph: "Graph | Quads", shapes: Path | None = None) -> ValidationResult:
    """Check `graph` (a Graph, a Dataset whose graphs are validated as one, or a build's
    `kg.store.Quads`, read straight from its lines) against the minutes-kg shapes, or against
    the shapes in `shapes` if given.

    Raises ValidationError when the shapes or the ontology cannot be loaded or used; a graph
    that merely does not conform is a result, not an error.
    """
    shapes_graph = _load(Path(shapes) if shapes else SHAPES)
    data = _with_ontology(graph, _load(ONTOLOGY))
    conforms, results, text = _run(data, shapes_graph)
    return ValidationResult(conforms=conforms, results=results, text=text)


def _run(data: Graph, shapes_graph: Graph) -> tuple[bool, list[dict], str]:
    """pySHACL over `data` (changed in place: a copy of the caller's). Imported here: a build
    whose shapes `kg.shapecheck` compiles never needs it (0.13 s of every start)."""
    from pyshacl import validate as shacl_validate
    from pyshacl.errors import ReportableRuntimeError

    try:
        conforms, report, text = shacl_validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=None,  # already mixed in: pySHACL would copy the whole data graph to mix it
            inplace=True,  # `data` is our own copy
            inference="none",
            advanced=False,
            abort_on_first=False,
            allow_warnings=False,
        )
    except ReportableRuntimeError as exc:
        raise ValidationError(
            f"SHACL validation could not run: {exc}. Check the shapes file for mistakes."
        ) from exc
    return bool(conforms), _results(report), text


def _with_ontology(graph: "Graph | Quads", ontology: Graph) -> Graph:
    """A new plain Graph holding every triple of `graph` (all named graphs of a Dataset
    included, each triple once) and of `ontology`: the one copy validation makes. Triples go
    to the store directly; they were checked as terms when first added."""
    union = Graph()
    add = union.store.add
    for triple in chain(graph.triples() if isinstance(graph, Quads) else union_triples(graph), ontology):
        add(triple, union)
    return union


@lru_cache(maxsize=8)
def _load(path: Path) -> Graph:
    """Parse a Turtle file of the ontology package once; never mutated by callers."""
    if not path.is_file():
        raise ValidationError(
            f"Cannot find {path}. Reinstall minutes-kg (pip install -e .) so the ontology files are present."
        )
    try:
        return Graph().parse(path, format="turtle")
    except (ParserError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"Cannot read {path} as Turtle: {exc}. Fix the file and try again.") from exc


def _results(report: Graph) -> list[dict]:
    """The validation report graph as plain dicts, in a stable order."""
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = _path_text(report, report.value(result, SH.resultPath))
        severity = report.value(result, SH.resultSeverity)
        rows.append(
            {
                "focus": str(report.value(result, SH.focusNode)),
                "path": path,
                "message": str(report.value(result, SH.resultMessage) or ""),
                "severity": str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            }
        )
    return sorted(rows, key=lambda row: (row["focus"], row["path"] or "", row["message"]))


def _path_text(report: Graph, path) -> str | None:
    """A result path as text: the property IRI, or "^IRI" for an inverse path."""
    if path is None:
        return None
    inverse = report.value(path, SH.inversePath)
    return f"^{inverse}" if inverse is not None else str(path)


# ---------------------------------------------------------------- a build's two passes

def validate_document(lines: bytes, known: Iterable[tuple]) -> list[dict]:
    """The problems of one document's nodes (those of `DOCUMENT_CLASSES`) in its named graph
    `lines` (N-Quads), `known` giving the types (and topic concepts) of the shared nodes it
    points at: what `validate` reports of those nodes when nothing else speaks of them."""
    paths, value_types = _document_needs()
    type_p = f"<{RDF.type}>".encode()
    needed = []  # the lines the shapes read: their paths, and the types of nodes (not of mentions, spans)
    for line in lines.splitlines(keepends=True):
        _, p, rest = line.split(b" ", 2)
        if p in paths or (p == type_p and rest[: rest.index(b" ")] in value_types):
            needed.append(line)
    known = list(known)
    compiled = _compiled_document_shapes()
    if compiled is not None:
        return compiled.check(b"".join(needed) + "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n"
                                                         for s, p, o in known).encode("utf-8"))
    data = Graph()
    add = data.store.add
    for triple in chain(_parsed(b"".join(needed)), known, _subclasses()):
        add(triple, data)
    return _run(data, _split_shapes()[0])[1]


@lru_cache(maxsize=1)
def _compiled_document_shapes():
    """The shapes of the documents' nodes compiled (`kg.shapecheck`), or None when they use
    more of SHACL than it checks (then pySHACL checks them)."""
    return _compiled(_split_shapes()[0])


def _compiled(shapes: Graph):
    from kg.shapecheck import CompiledShapes, Unsupported

    try:
        return CompiledShapes(shapes, _load(ONTOLOGY))
    except Unsupported:
        return None


@lru_cache(maxsize=1)
def _document_needs() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """What the shapes of the documents' nodes read (N-Triples forms): the properties of their
    paths (inverse ones too), and the classes of nodes they target or ask values to be of."""
    shapes = _split_shapes()[0]
    paths = {f"<{p}>".encode() for p in shapes.objects(None, SH.path) if isinstance(p, URIRef)}
    paths |= {f"<{p}>".encode() for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)}
    return frozenset(paths), _classes()[2]


@lru_cache(maxsize=1)
def _subclasses() -> tuple[tuple, ...]:
    """The ontology's rdfs:subClassOf triples: all of it that `sh:class` reads."""
    return tuple(_load(ONTOLOGY).triples((None, RDF_SUBCLASS, None)))


def validate_build(quads: Quads, checks: dict[str, list[dict]]) -> ValidationResult:
    """What `validate(quads)` reports, from each document's problems already found
    (`checks`, by graph name as N-Triples writes it) and one pass over what crosses documents:
    the nodes of the other classes, the meeting each report is for, and the documents' nodes
    typed in two graphs or spoken of by a graph other than their own (read again whole)."""
    doc_types, across_types, value_types = _classes()
    type_p = f"<{RDF.type}>".encode()
    linking = {f"<{MKG.forMeeting}>".encode(), f"<{MKG.item}>".encode()}
    home: dict[bytes, str] = {}  # a document's node -> the graph typing it
    keep: set[bytes] = set()  # the nodes of the other classes
    foreign: dict[bytes, URIRef] = {}  # documents' nodes to read again whole -> their class
    subjects: dict[str, set[bytes]] = {}
    picked: list[bytes] = []  # the lines every pass needs: types of values, reports' meetings, meetings' items
    for name, data in quads.graphs.items():
        found = subjects[name] = set()
        for line in data.splitlines(keepends=True):
            s, p, rest = line.split(b" ", 2)
            found.add(s)
            if p == type_p:
                o = rest[: rest.index(b" ")]
                if o in value_types:
                    picked.append(line)
                cls = doc_types.get(o)
                if cls is None:
                    if o in across_types:
                        keep.add(s)
                elif home.setdefault(s, name) != name:
                    foreign[s] = cls
            elif p in linking:
                picked.append(line)
    for name, found in subjects.items():
        for s in found:
            if home.get(s, name) != name and s not in foreign:
                foreign[s] = _class_of(quads.graphs[home[s]], s, doc_types)
    keep.update(foreign)
    for name, data in quads.graphs.items():
        picked.extend(_lines_of(data, x) for x in sorted(keep & subjects[name]))
    shapes = _across_shapes({x.decode(): c for x, c in foreign.items()})
    compiled = _compiled(shapes)
    if compiled is not None:
        results = compiled.check(b"".join(picked))
    else:
        graph = Graph()
        add = graph.store.add
        for triple in chain(_parsed(b"".join(picked)), _load(ONTOLOGY)):
            add(triple, graph)
        _, results, _ = _run(graph, shapes)
    results += [r for found in checks.values() for r in found if f"<{r['focus']}>".encode() not in foreign]
    results.sort(key=lambda row: (row["focus"], row["path"] or "", row["message"]))
    text = "Validation Report\nConforms: " + str(not results) + "\n" + "".join(
        f"{r['severity']}: {r['focus']} {r['path'] or ''}: {r['message']}\n" for r in results)
    return ValidationResult(conforms=not results, results=results, text=text)


def _lines_of(data: bytes, subject: bytes) -> bytes:
    """The lines of `data` (sorted N-Quads) whose subject is `subject`: one run of lines."""
    key = subject + b" "
    start = 0 if data.startswith(key) else data.find(b"\n" + key) + 1
    if start == 0 and not data.startswith(key):
        return b""
    end = start
    while data.startswith(key, end):
        end = data.index(b"\n", end) + 1
    return data[start:end]


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[bytes, URIRef], frozenset[bytes], frozenset[bytes]]:
    """In N-Triples form, each with its subclasses in the ontology: the classes of the
    documents' nodes (to the class its shape targets), those the other shapes target, and
    every class a shape asks a value to be of (`sh:class`) or targets."""
    ontology = _load(ONTOLOGY)
    shapes = _load(SHAPES)

    def below(c) -> set[bytes]:
        return {f"<{sub}>".encode() for sub in ontology.transitive_subjects(RDF_SUBCLASS, c)}

    doc = {sub: c for c in DOCUMENT_CLASSES for sub in below(c)}
    across = set().union(*(below(c) for c in _split_shapes()[1].objects(None, SH.targetClass))) - set(doc)
    values = set().union(*(below(c) for c in shapes.objects(None, SH["class"])), across, doc)
    return doc, frozenset(across), frozenset(values)


def _class_of(data: bytes, subject: bytes, doc_types: dict[bytes, URIRef]) -> URIRef:
    """The class of the document's node `subject` that its graph `data` types it with."""
    type_p = f"<{RDF.type}>".encode()
    for line in _lines_of(data, subject).splitlines():
        _, p, o, _ = line.split(b" ", 3)
        if p == type_p and o in doc_types:
            return doc_types[o]
    raise ValueError(f"{subject!r} is not typed in its graph")


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, Graph, dict[URIRef, URIRef]]:
    """The bundled shapes in two: those of `DOCUMENT_CLASSES`, without the check that a
    report's meeting is a meeting (its meeting may be another document's), and the rest with
    that check; and the shape of each document class (for `_across_shapes`)."""
    base = _load(SHAPES)
    of_class = {c: s for s, c in base.subject_objects(SH.targetClass) if c in DOCUMENT_CLASSES}
    for_meeting = next(p for p in base.subjects(SH.path, MKG.forMeeting) if (p, SH["class"], MKG.Meeting) in base)
    doc, across = Graph(), Graph()
    for t in base:
        if t == (for_meeting, SH["class"], MKG.Meeting):
            continue
        if t[1] == SH.targetClass:
            (doc if t[2] in DOCUMENT_CLASSES else across).add(t)
        else:
            doc.add(t)
            across.add(t)
    shape, prop = URIRef("https://w3id.org/minutes-kg/shapes#ReportMeetingAcrossDocuments"), BNode()
    across.add((shape, RDF.type, SH.NodeShape))
    across.add((shape, SH.targetClass, MKG.Report))
    across.add((shape, SH.property, prop))
    for p, o in base.predicate_objects(for_meeting):
        if p not in (SH.minCount, SH.maxCount):
            across.add((prop, p, o))
    return doc, across, of_class


def _across_shapes(foreign: dict[str, URIRef]) -> Graph:
    """The shapes of the pass across documents, the documents' nodes of `foreign` (N-Triples
    form -> class) checked by their class's shape as well."""
    _, across, of_class = _split_shapes()
    if not foreign:
        return across
    shapes = Graph()
    for t in across:
        shapes.add(t)
    for node, cls in sorted(foreign.items()):
        shapes.add((of_class[cls], SH.targetNode, URIRef(node[1:-1])))
    return shapes
