"""graph → does it meet the data contract? SHACL validation against `ontology/shapes.ttl`.

The ontology's triples are checked alongside the data, so `rdfs:subClassOf` from
minutes-kg.ttl is visible to `sh:class` (the shapes rely on it: `mkg:NamedThing`), but no
inference runs: a graph conforms only if it asserts what the contract asks for directly, which
is what its SPARQL users rely on. All of the ontology is mixed in, not only its RDFS and OWL
axioms as pySHACL's `ont_graph` would: shapes that target by class see no difference.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

from pyshacl import validate as shacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph
from rdflib.exceptions import ParserError

from kg.errors import ValidationError
from kg.namespace import RDF, SH
from kg.store import Quads, union_triples
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


def validate(graph: "Graph | Quads", shapes: Path | None = None) -> ValidationResult:
    """Check `graph` (a Graph, a Dataset whose graphs are validated as one, or a build's
    `kg.store.Quads`, read straight from its lines) against the minutes-kg shapes, or against
    the shapes in `shapes` if given.

    Raises ValidationError when the shapes or the ontology cannot be loaded or used; a graph
    that merely does not conform is a result, not an error.
    """
    shapes_graph = _load(Path(shapes) if shapes else SHAPES)
    data = _with_ontology(graph, _load(ONTOLOGY))
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
    return ValidationResult(conforms=bool(conforms), results=_results(report), text=text)


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
