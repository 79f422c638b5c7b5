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

A listing of every meeting's rows (items, resolutions ...) can mark its first subquery, the
meetings that have rows in the order the rows follow, with a `#page` line after its ORDER BY.
Asked for a page (`run(..., limit=100, offset=200)`), that line becomes `LIMIT 37`, then
`LIMIT 300` if the rows of 37 meetings did not fill the page, and so on (`_page_sizes`): rows in
meeting order come from the first 300 meetings at most, so the store joins the items of a few
meetings, not of the whole archive. Otherwise it is a comment. (An Oxigraph text may page by
something else the rows are ordered by first: partners-mentioned by organisation.)

On Oxigraph, `run` writes the parameters in as constants (`fold_params`): its optimiser uses a
constant in a FILTER to order the joins, but not a BIND's variable.

In Oxigraph (0.5) a `FILTER EXISTS` with more than one pattern, or a path, inside runs in
time that grows with the whole graph for every row (over 25 s for 7,000 meetings): keep one
pattern in it.

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
    def oxigraph_text(self) -> str:
        """The query as Oxigraph runs it: `oxigraph/NAME.rq` where that exists (see `for_engine`)."""
        return for_engine(self.text, "oxigraph", self.name)

    def text_for(self, engine: str) -> str:
        """The query as `engine` ("rdflib" or "oxigraph") runs it."""
        return for_engine(self.text, engine, self.name)

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


def for_engine(text: str, engine: str, name: str) -> str:
    """The text of the named query `name` (whose main text is `text`) for `engine` ("rdflib"
    or "oxigraph").

    rdflib and Oxigraph plan joins differently: rdflib passes each row's bindings on to the next
    pattern, Oxigraph chooses its own order and looks each row up in the index one at a time
    unless a pattern stands alone in a subquery, which it reads once and joins in memory. A few
    aggregates over a whole archive therefore have a second text in `oxigraph/NAME.rq`, written
    with those subqueries (10x faster at 10 million triples, 3x slower in rdflib): its WHERE
    clause replaces the main file's, whose header stays; it sets the same parameters with the
    same BINDs. Both give the same rows
    (tests/test_queries.py runs every query both ways on the examples)."""
    variant = QUERY_DIR / "oxigraph" / f"{name}.rq"
    if engine != "oxigraph" or not variant.is_file():
        return text
    header = [line for line in text.splitlines() if line.startswith("#")]
    body = [line for line in variant.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return "\n".join(header + body) + "\n"


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


def fold_params(text: str) -> str:
    """`text` with each parameter written in as a constant: its `BIND(value AS ?name)` lines
    dropped and `?name` replaced by the value wherever else it stands.

    For Oxigraph. Its optimiser does not carry a BIND's constant into the patterns: a FILTER
    on a parameter is applied after the patterns around it are joined, where a FILTER on the
    constant itself picks the join order and runs as soon as its variable is bound
    (figures-over-time at 10 million triples: 9.7 s with the BIND, 0.5 s folded). Oxigraph's
    own `substitutions` are applied after optimising too, so they do not help. A named
    query's parameters are not among its columns (tests/test_queries.py checks), so folding
    gives the same rows; a parameter that is a column (named by a SELECT) is left as it is.
    Text without a `# params:` line comes back unchanged."""
    values = {name: value for name, value in parameters(text).items()
              if not re.search(rf"\bSELECT\b[^{{]*[?$]{name}\b", text, re.I)}
    if not values:
        return text
    lines = []
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            folded = _BIND.sub(lambda m: "" if m.group(2) in values else m.group(0), line)
            if not folded.strip() and line.strip():
                continue  # the line was the BIND
            line = re.sub(r"[?$](\w+)\b", lambda m: values.get(m.group(1), m.group(0)), folded)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _sparql_value(v: object) -> str:
    if isinstance(v, bool) or not isinstance(v, (str, int, float, Decimal, date)):
        raise QueryError(f"a parameter value must be text, a number or a date, not {v!r}")
    return Literal(Decimal(str(v)) if isinstance(v, float) else v).n3()


def resolve(query: str) -> str:
    """A named query, a path to a .rq file, or SPARQL text, as SPARQL text."""
    named = _named(query)
    if named is not None:
        return named.text
    p = Path(query)
    if query.endswith((".rq", ".sparql")):
        if not p.exists():
            raise QueryError(f"{query}: no such query file")
        return p.read_text(encoding="utf-8")
    if not any(k in query.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"'{query}' is not a named query, a .rq file or SPARQL text. See: kg query --list")
    return query


def _named(query: str) -> NamedQuery | None:
    return next((q for q in named_queries() if q.name == query), None)


def standard_prefixes() -> dict[str, str]:
    """PREFIXES as a map (mkg -> its namespace ...), for engines that take prefixes beside the
    text, so that an error's line and column are those of the user's text."""
    return {line.split()[1].rstrip(":"): line.split()[2].strip("<>") for line in PREFIXES.splitlines() if line}


def _with_prefixes(text: str) -> str:
    declared = {line.split()[1] for line in text.splitlines() if line.strip().upper().startswith("PREFIX")
                and len(line.split()) > 1}
    extra = [line for line in PREFIXES.splitlines() if line.split()[1] not in declared]
    return "\n".join(extra) + "\n" + text


def run(graph: Dataset, query: str, params: dict[str, object] | None = None, *,
        limit: int | None = None, offset: int = 0) -> QueryResult:
    """Run a named query, a .rq file or SPARQL text on `graph`: an rdflib Dataset, a pyoxigraph
    Store, or a path (graph file, folder, or Oxigraph store folder; see `kg.store.execute`).
    Datasets backed by Oxigraph (`kg.store.load` of a store folder or a big file) and stores
    are queried by Oxigraph; rows hold rdflib terms either way. `params` replace the values of
    the query's `BIND(... AS ?name)` parameters (see `bind_params`).

    `limit` and `offset` ask for one page of the rows (in the query's order): they are added
    to the query as LIMIT and OFFSET, so the store stops sorting and converting rows once the
    page is full, which is what keeps a whole-archive listing quick. A query that has its own
    LIMIT or OFFSET is paged after it runs.

    On a Dataset that rdflib itself answers, the parsed query is kept (by its text), so running
    the same query again skips rdflib's parser, which costs 5-30 ms a query."""
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("a page's limit and offset cannot be negative")
    if isinstance(graph, (str, Path)):
        from kg.store import load

        graph = load(graph)
    by_rdflib = isinstance(graph, Graph) and getattr(graph.store, "ox", None) is None
    named = _named(query)
    text = named.text_for("rdflib" if by_rdflib else "oxigraph") if named is not None else resolve(query)
    text = bind_params(text, params)
    if not by_rdflib:
        text = fold_params(text)  # as kg serve's front does: any text with a `# params:` line
    # the standard prefixes go beside the text, not above it, so errors point into the user's text
    paged = limit is not None or offset
    in_query = paged and not _has_slice(text)
    if in_query:
        text += (f"\nLIMIT {limit}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
    if in_query and limit and _PAGE.search(text):
        # The rows of the first few meetings, then of more (see _page_sizes), then of all: too
        # few meetings, or meetings with no rows, leave a page short, and so does the last
        # page; only then is the store asked again.
        for meetings in _page_sizes(offset + limit):
            columns, rows = _execute(graph, _PAGE.sub(f"LIMIT {meetings}" if meetings else "", text), by_rdflib)
            if len(rows) == limit:
                break
    else:
        columns, rows = _execute(graph, text, by_rdflib)
    if paged and not in_query:
        rows = rows[offset:] if limit is None else rows[offset:offset + limit]
    return QueryResult(columns, rows)


def query_any(path, sparql: str) -> tuple[list[str], list[list]]:
    """Answer a query (a named query, a .rq file or SPARQL text) from a graph file, a folder of
    them, or an Oxigraph store folder. Returns (columns, rows); rows hold rdflib terms, which
    `plain` turns into str/int/float/bool."""
    result = run(Path(path), sparql)
    return result.columns, result.rows


def _page_sizes(rows: int) -> list[int | None]:
    """How many meetings (or other leading things) to ask for, in turn, to fill `rows` rows:
    an eighth as many first (a meeting has 9 items on average), as many, eight times as many,
    then all."""
    sizes = [max(1, rows // 8), rows, 8 * rows]
    return [n for k, n in enumerate(sizes) if n not in sizes[:k]] + [None]


def _execute(graph, text: str, by_rdflib: bool) -> tuple[list[str], list[list]]:
    from kg.store import execute

    _, columns, rows = execute(graph, _prepared(text) if by_rdflib else text, prefixes=standard_prefixes())
    return columns, rows


_PAGE = re.compile(r"^[ \t]*#page[ \t]*$", re.MULTILINE)
_SLICE = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*(?:(?:LIMIT|OFFSET)\s+\d+\s*)?$", re.IGNORECASE)


def _has_slice(text: str) -> bool:
    """True when the query ends in its own LIMIT or OFFSET (comments and blank lines aside),
    or is not a SELECT, whose rows a LIMIT would not page the same way."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).rstrip()
    if not re.search(r"\bSELECT\b", body, re.IGNORECASE) or re.search(r"\b(CONSTRUCT|DESCRIBE|ASK)\b", body,
                                                                      re.IGNORECASE):
        return True
    return bool(_SLICE.search(body))


@lru_cache(maxsize=256)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=standard_prefixes())
    except Exception as err:  # rdflib's parser raises pyparsing errors of many kinds
        from kg.sparql_errors import one_sentence

        raise QueryError(one_sentence(str(err), text, set(standard_prefixes()))) from err


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
