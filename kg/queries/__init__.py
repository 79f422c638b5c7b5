"""The named SPARQL questions researchers run, one `.rq` file each in this folder.

Each file opens with a header of comment lines::

    # title: Attendance per member
    # description: How many meetings each member attended, sent apologies to, or chaired.
    # params: (optional) what a user may change

`kg query GRAPH NAME` runs one by its file name without `.rq`.

A parameter is a `BIND("value" AS ?name)` line in the query; `run(graph, name, params={"name": "x"})`
puts another value in its place. Parameters are BINDs rather than VALUES because rdflib evaluates
a VALUES block as a join, which makes it drop the bindings it would otherwise pass from one part
of the query to the next (its "lazy" joins) and compare every row with every row instead.

Queries are written for rdflib's evaluator as much as for Oxigraph's: the required triples come
first in one group (rdflib runs them in the order of fewest unknown terms, so a type triple or a
group already bound leads), a parameter's FILTER sits inside the group it narrows, and OPTIONALs
come last. tests/test_queries.py times every query on the examples."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import QueryError

QUERY_DIR = Path(__file__).parent
PREFIXES = """PREFIX mkg: <https://w3id.org/minutes-kg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path
    params: str = ""

    @property
    def parameters(self) -> dict[str, str]:
        """{name: default value as written} for each `BIND(... AS ?name)` parameter."""
        return parameters(self.text)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[object]]


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        body = line.lstrip("#").strip()
        if body.lower().startswith(key + ":"):
            return body[len(key) + 1:].strip()
    return ""


def named_queries() -> list[NamedQuery]:
    out = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append(NamedQuery(path.stem, _header(text, "title"), _header(text, "description"), text, path,
                              _header(text, "params")))
    return out


_BIND = re.compile(r"BIND\(\s*(\"(?:[^\"\\]|\\.)*\"|[-+]?\d+(?:\.\d+)?)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)


def parameters(text: str) -> dict[str, str]:
    """The parameters of a query: {name: value as written} for each variable that its
    `# params:` line names and that a `BIND("..." AS ?name)` or `BIND(0.5 AS ?name)` sets."""
    named = set(re.findall(r"\?(\w+)", _header(text, "params")))
    return {m.group(2): m.group(1) for m in _BIND.finditer(text) if m.group(2) in named}


def bind_params(text: str, params: dict[str, object] | None) -> str:
    """`text` with the value of each `BIND(... AS ?name)` parameter replaced by `params[name]`
    (a str, int, float, Decimal or date). Raises QueryError for a name the query has no BIND for."""
    if not params:
        return text
    known = parameters(text)
    unknown = sorted(set(params) - set(known))
    if unknown:
        have = ", ".join(sorted(known)) or "none"
        raise QueryError(f"the query has no parameter {', '.join(unknown)} (its parameters: {have})")

    def value(m: re.Match) -> str:
        name = m.group(2)
        if name not in params:
            return m.group(0)
        return f"BIND({_sparql_value(params[name])} AS ?{name})"

    return _BIND.sub(value, text)


def _sparql_value(v: object) -> str:
    if isinstance(v, bool) or not isinstance(v, (str, int, float, Decimal, date)):
        raise QueryError(f"a parameter value must be text, a number or a date, not {v!r}")
    return Literal(Decimal(str(v)) if isinstance(v, float) else v).n3()


def resolve(query: str) -> str:
    """A named query, a path to a .rq file, or SPARQL text, as SPARQL text."""
    named = {q.name: q for q in named_queries()}
    if query in named:
        return named[query].text
    p = Path(query)
    if query.endswith((".rq", ".sparql")):
        if not p.exists():
            raise QueryError(f"{query}: no such query file")
        return p.read_text(encoding="utf-8")
    if not any(k in query.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"'{query}' is not a named query, a .rq file or SPARQL text. See: kg query --list")
    return query


def _with_prefixes(text: str) -> str:
    declared = {line.split()[1] for line in text.splitlines() if line.strip().upper().startswith("PREFIX")
                and len(line.split()) > 1}
    extra = [line for line in PREFIXES.splitlines() if line.split()[1] not in declared]
    return "\n".join(extra) + "\n" + text


def run(graph: Dataset, query: str, params: dict[str, object] | None = None) -> QueryResult:
    """Run a named query, a .rq file or SPARQL text on `graph`: an rdflib Dataset, a pyoxigraph
    Store, or a path (graph file, folder, or Oxigraph store folder; see `kg.store.execute`).
    Datasets backed by Oxigraph (`kg.store.load` of a store folder or a big file) and stores
    are queried by Oxigraph; rows hold rdflib terms either way. `params` replace the values of
    the query's `BIND(... AS ?name)` parameters (see `bind_params`).

    On a Dataset that rdflib itself answers, the parsed query is kept (by its text), so running
    the same query again skips rdflib's parser, which costs 5-30 ms a query."""
    from kg.store import execute

    text = _with_prefixes(bind_params(resolve(query), params))
    if isinstance(graph, Graph) and getattr(graph.store, "ox", None) is None:
        _, columns, rows = execute(graph, _prepared(text))
    else:
        _, columns, rows = execute(graph, text)
    return QueryResult(columns, rows)


@lru_cache(maxsize=256)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except Exception as err:  # rdflib's parser raises pyparsing errors of many kinds
        raise QueryError(f"the query could not be run: {err}") from err


def plain(value) -> object:
    """A result cell as a plain Python value (None, str, int, float, bool)."""
    if value is None:
        return None
    if isinstance(value, Literal):
        v = value.toPython()
        return v if isinstance(v, (int, float, bool, str)) else str(value)
    return str(value)


def render(columns: list[str], rows: list[list[object]], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps([{c: plain(v) for c, v in zip(columns, row)} for row in rows], indent=2, ensure_ascii=False)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow(["" if v is None else plain(v) for v in row])
        return buf.getvalue().rstrip("\n")
    cells = [[_short(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _short(value, limit: int = 70) -> str:
    if value is None:
        return ""
    text = str(plain(value)) if not isinstance(value, URIRef) else str(value).rsplit("/id/", 1)[-1]
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
