"""What the commands and the Python API both report about a build and a graph: the build
report (every input and its fate) and the summary of `kg info` (nodes per class, meetings by
date). One place, so that `kg` and `kg.api` always say the same thing."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from kg import __version__


def build_report(result, output: Path | str | None) -> dict:
    """The build report: every input, its fate, what was found and what was warned, and the
    identity log (each merge of two spellings of a person, each refusal)."""
    docs = []
    for o in result.outcomes:
        entry = {"input": o.path, "status": o.status}
        if o.reason:
            entry["reason"] = o.reason
        if o.message:
            entry["message"] = o.message
        if o.found:
            entry["found"] = o.found
        if o.warnings:
            entry["warnings"] = o.warnings
        docs.append(entry)
    return {
        "output": str(output) if output is not None else None,
        "kg_version": __version__,
        "inputs": len(result.outcomes),
        "built": sum(1 for o in result.outcomes if o.status == "built"),
        "skipped": sum(1 for o in result.outcomes if o.status == "skipped"),
        "failed": sum(1 for o in result.outcomes if o.status == "failed"),
        "duplicates": sum(1 for o in result.outcomes if o.status == "duplicate"),
        "triples": result.quads.triple_count(),  # distinct triples of the union, as `kg info` counts
        "documents": docs,
        "identity": result.identity_log,
    }


def summarise(dataset) -> dict:
    """{"triples", "classes": {local name: count}, "meetings": [{"iri", "date", "label", "items",
    "document"}]}: the triples of the graph, its nodes per minutes-kg class, and its meetings by
    date with the undated ones last, by their document (the file name of the first document the
    meeting was read from), which tells apart undated meetings of one label. Dates are
    `datetime.date` (or None)."""
    from rdflib.namespace import RDF

    from kg.namespace import MKG
    from kg.queries import run

    classes: Counter = Counter()
    for _, _, cls in dataset.triples((None, RDF.type, None)):
        if str(cls).startswith(str(MKG)):
            classes[str(cls)[len(str(MKG)):]] += 1
    result = run(dataset, """SELECT ?m ?date ?label (COUNT(DISTINCT ?i) AS ?items) (MIN(?file) AS ?document) WHERE {
          ?m a mkg:Meeting ; rdfs:label ?label . OPTIONAL { ?m mkg:date ?date }
          OPTIONAL { ?m mkg:item ?i } OPTIONAL { ?m prov:wasDerivedFrom/mkg:fileName ?file } }
          GROUP BY ?m ?date ?label""")
    meetings = []
    for m, d, label, items, document in result.rows:
        when = d.toPython() if d is not None else None
        meetings.append({"iri": str(m), "date": when if isinstance(when, date) else None, "label": str(label),
                         "items": int(items.toPython()) if items is not None else 0,
                         "document": str(document) if document is not None else None})
    meetings.sort(key=lambda m: (m["date"] is None, m["date"] or date.min, m["label"], m["document"] or "",
                                 m["iri"]))
    return {"triples": len(dataset), "classes": dict(sorted(classes.items())), "meetings": meetings}
