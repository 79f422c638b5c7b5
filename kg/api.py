"""The Python API for notebooks: build or load a graph, then ask it questions.

    import kg.api as mk
    g = mk.build("examples")                   # files or folders of minutes
    g = mk.load("graphs/examples.ttl")         # a graph file, a folder of them, or an Oxigraph store folder
    g.query("chairs")                          # a named query, a .rq file or SPARQL text → list of dicts
    g.query("topic-items", topic_name="fostering")
    g.df("chairs")                             # the same as a pandas DataFrame (pip install pandas)

Each method calls the library function the matching `kg` command calls, so the answers are
the command's answers. Results come back as plain Python values (str, int, float, bool,
datetime.date / datetime.time, None), never rdflib terms; `g.dataset` is the rdflib Dataset
itself for anything else.

Importing this module is cheap: spaCy, pySHACL, pyvis, networkx and rdflib itself are imported
only by the methods that need them.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.errors import IngestError, QueryError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

FOLLOW_UP_STATUSES = ("open", "fulfilled", "overdue")
_DATE_FIELDS = ("date", "asked", "fulfilled_on")  # trace and follow-up fields that hold a full ISO date


def build(inputs: str | Path | Iterable[str | Path], *, topics: str | Path | None = None, workers: int = 1,
          cache_dir: str | Path | None = None, max_mb: float = 50) -> MinutesGraph:
    """Build a graph from minutes (files or folders, searched recursively), as `kg build` does,
    without writing anything: `g.save(path)` writes the graph, `g.report` is the build report.

    `topics` is a Turtle topic scheme to use instead of the bundled one; `workers` reads and
    extracts documents in that many processes; `cache_dir` keeps each document's extraction
    by content hash so a rebuild re-extracts only new or changed documents (`kg build` keeps
    one beside its output; here there is none unless given); inputs over `max_mb` megabytes
    are skipped and reported. A bad input never stops the batch: see `g.report["documents"]`.
    Raises IngestError when an input does not exist or no minutes are found in the inputs."""
    from kg.build import build as run_build
    from kg.ingest import iter_inputs
    from kg.summary import build_report

    if not isinstance(inputs, (str, Path)):
        inputs = list(inputs)
    files = iter_inputs(inputs)
    if not files:
        raise IngestError(inputs, "no-inputs", "no minutes found in the inputs (looked for .txt .md .html .htm "
                                               ".pdf files): give a file of minutes or a folder holding some")
    result = run_build(files, topics=topics, workers=workers, cache_dir=cache_dir, max_bytes=int(max_mb * 1_000_000))
    report = build_report(result, None)  # "output": None, as nothing is written until g.save()
    source = str(inputs) if isinstance(inputs, (str, Path)) else ", ".join(str(p) for p in inputs)
    return MinutesGraph(result.dataset, report=report, source=source)


def load(path: str | Path) -> MinutesGraph:
    """Read a graph file (.ttl .nt .nq .trig .jsonld), a folder of them, or an Oxigraph store
    folder (opened read-only, nothing copied), as every `kg` command does. Raises
    GraphLoadError when it cannot be read."""
    from kg.store import load as load_dataset

    return MinutesGraph(load_dataset(path), report=None, source=str(path))


def queries() -> list[tuple[str, str]]:
    """The named queries as (name, title), in name order: what `kg query --list` shows."""
    from kg.queries import named_queries

    return [(q.name, q.title) for q in named_queries()]


class MinutesGraph:
    """A knowledge graph of council minutes: the rdflib `dataset` (default graph = the union
    of the per-document graphs), the build `report` (None when loaded from a file or store)
    and where it came from (`source`)."""

    def __init__(self, dataset: Dataset, report: dict | None = None, source: str | None = None):
        self.dataset = dataset
        self.report = report
        self.source = source

    def __repr__(self) -> str:
        how = "built from" if self.report is not None else "loaded from"
        return f"<MinutesGraph {how} {self.source}: {len(self.dataset)} triples>"

    # ------------------------------------------------------------ files

    def save(self, path: str | Path) -> Path:
        """Write the graph to `path` in the syntax its extension names (.ttl .nt .nq .trig
        .jsonld; Turtle and N-Triples get the union of the per-document graphs)."""
        from kg.store import save

        return save(self.dataset, path)

    # ------------------------------------------------------------ questions

    def queries(self) -> list[tuple[str, str]]:
        """The named queries as (name, title): see the module-level `queries()`."""
        return queries()

    def query(self, query: str, /, *, limit: int | None = None, offset: int = 0, **params) -> list[dict]:
        """Rows of a named query, a .rq file or SPARQL text, one dict per row, column → plain
        Python value. Keyword arguments set the query's parameters (`kg query --list` and the
        query's `# params:` line name them), e.g. `g.query("topic-items", topic_name="fostering")`;
        an unknown parameter raises QueryError listing the known ones. `limit` and `offset` ask
        for one page of the rows, as `kg query --limit --offset` do (quick on a whole archive)."""
        columns, rows = self._run(query, params, limit, offset)
        return [dict(zip(columns, row)) for row in rows]

    def df(self, query: str, /, *, limit: int | None = None, offset: int = 0, **params):
        """`query` as a pandas DataFrame, one column per query variable (even with no rows)."""
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError("g.df() needs pandas, which is not installed: pip install pandas "
                              "(or pip install 'minutes-kg[pandas]'); g.query() gives the same rows as dicts") from err
        columns, rows = self._run(query, params, limit, offset)
        return pd.DataFrame(rows, columns=columns)

    def _run(self, query: str, params: dict, limit: int | None = None,
             offset: int = 0) -> tuple[list[str], list[list]]:
        from kg.queries import run

        result = run(self.dataset, query, params or None, limit=limit, offset=offset)
        return result.columns, [[python_value(v) for v in row] for row in result.rows]

    def info(self) -> dict:
        """What `kg info` shows: the number of triples, nodes per minutes-kg class
        ({"Meeting": 5, ...}) and the meetings by date (undated last), each with its label
        and number of agenda items."""
        from kg.summary import summarise

        return summarise(self.dataset)

    def validate(self) -> tuple[bool, str]:
        """Check the graph against the SHACL shapes (ontology/shapes.ttl), as `kg validate`
        does: (conforms, pySHACL's report text). Raises ValidationError only when the check
        itself cannot run."""
        from kg.validate import validate

        outcome = validate(self.dataset)
        return outcome.conforms, outcome.text

    # ------------------------------------------------------------ across meetings

    def trace(self, subject: str) -> list[dict]:
        """Every item and report about a topic or a named thing (partner, service, person,
        post, committee), and the resolutions, follow-ups and figures in them, oldest first:
        the rows of `kg trace`. `subject` is matched against labels and alternative labels,
        exact matches first, else any label containing it (`kg.trace.find_subjects` tells
        which were matched). Raises QueryError when nothing in the graph is called that."""
        from kg.trace import trace

        subjects, rows = trace(self.dataset, subject)
        if not subjects:
            raise QueryError(f"nothing in the graph is called {subject!r}: try part of a name, or list the topics "
                             "with g.query(\"SELECT ?l WHERE { ?t a mkg:Topic ; rdfs:label ?l }\")")
        return [_dated(asdict(r)) for r in rows]

    def follow_ups(self, status: str | Iterable[str] | None = None, as_of: date | str | None = None) -> list[dict]:
        """What committees asked to come back, each with its status (open, fulfilled,
        overdue), as `kg followups` lists them. `status` keeps only those in that state (or
        states); `as_of` works the status out for that day instead of the latest meeting in
        the graph. `due` stays text, as it may be a month ("2024-03", see `precision`)."""
        from kg.trace import follow_ups

        wanted = _statuses(status)
        rows, _ = follow_ups(self.dataset, _as_date(as_of))
        return [_dated(asdict(r)) for r in rows if wanted is None or r.status in wanted]

    def search(self, query: str, /, *, date_from: date | str | None = None, date_to: date | str | None = None,
               committee: str | None = None, body: str | None = None, kind: str | Iterable[str] | None = None,
               limit: int | None = 20) -> list[dict]:
        """Where the minutes say `query`, best first: the hits of `kg search` (see it for the
        query language: words, "phrases", prefix*, AND/OR/NOT), each a dict with date,
        committee, body, kind, title, snippet (matched words [in brackets]), iri, document,
        start, end and score. The index beside the graph file is used when it is as new as
        the file; otherwise the graph is indexed once for this object. Raises SearchError on
        a query that cannot be read."""
        from kg.search import search_index

        kinds = [kind] if isinstance(kind, str) else list(kind) if kind else None
        hits = search_index(self._search_index(), query, date_from=_iso(date_from), date_to=_iso(date_to),
                            committee=committee, body=body, kinds=kinds, limit=limit)
        return [h.as_dict() for h in hits]

    def _search_index(self) -> Path:
        from kg.search import build_index, index_fresh, index_path

        if self.report is None and self.source and Path(self.source).is_file():
            beside = index_path(self.source)
            if index_fresh(self.source, beside):
                return beside
        if getattr(self, "_index", None) is None:
            import tempfile
            import weakref

            import pyoxigraph as ox

            from kg.store import load_into_store

            folder = tempfile.TemporaryDirectory(prefix="mkg-search-")
            weakref.finalize(self, folder.cleanup)
            store = ox.Store()
            load_into_store(self.dataset, store=store)
            self._index = Path(folder.name) / "graph.search.sqlite"
            build_index(store, self._index)
        return self._index

    # ------------------------------------------------------------ networks

    def networkx(self, *, types=None, date_from=None, date_to=None, topic=None, collapse: bool = False) -> nx.MultiDiGraph:
        """The typed network of meetings, items, reports, people, posts, organisations,
        services, committees and topics (`kg.analyse.to_networkx`; see it for the filters)."""
        from kg.analyse import to_networkx

        return to_networkx(self.dataset, types=types, date_from=date_from, date_to=date_to, topic=topic,
                           collapse=collapse)

    def analyse(self) -> dict:
        """All the tables of `kg analyse` (centrality, attendance, communities, partners over
        time ...) as a dict of lists of dicts."""
        from kg.analyse import analyse

        return analyse(self.dataset)

    def attendance(self) -> list[dict]:
        """Attendance rate per member and committee: meetings present at, out of the
        committee's meetings whose attendance is recorded while the member was listed. A
        meeting without an attendance list (known only from its agenda) is unknown for
        everyone, counted in `meetings_unrecorded`, never an absence."""
        from kg.analyse import attendance_rates

        return attendance_rates(self.dataset)

    def map(self, path: str | Path, *, view: str | None = None, types=None, date_from=None, date_to=None,
            topic=None, ego: str | None = None, depth: int = 1, top: int = 25, colour: str = "kind",
            title: str | None = None) -> Path:
        """Write an interactive map page of `kg map` to `path` and return the path. `view` is
        one of `kg map --view` (overview, people, partners, topic, ego); without it the whole
        map is drawn (`kg map --all`). The filters are those of `kg map`: `types` (e.g.
        "person,organisation"), `date_from`, `date_to`, `topic`, and `ego` (part of a name, or
        an IRI) with `depth` and `top` to centre it."""
        from kg.maps import make_view, render_map
        from kg.maps.views import VIEWS

        g, _ = make_view(self.dataset, view or "overview", types=types, date_from=date_from, date_to=date_to,
                         topic=topic, ego=ego, depth=depth, top=top, everything=view is None)
        return render_map(g, path, title=title or "minutes-kg map", question=VIEWS.get(view or "", ""),
                          colour=colour)

    def export(self, path: str | Path, fmt: str, *, types=None, date_from=None, date_to=None, topic=None,
               collapse: bool = False) -> list[Path]:
        """Write the typed network as gexf, graphml or csv (`kg export`); the files written."""
        from kg.export import export

        g = self.networkx(types=types, date_from=date_from, date_to=date_to, topic=topic, collapse=collapse)
        return export(g, path, fmt)


# ---------------------------------------------------------------- values

def python_value(value) -> object:
    """An rdflib term as a plain Python value: an IRI or blank node as its text, a literal as
    int, float (xsd:decimal too), bool, str, datetime.date, datetime or time, and anything
    else (a month, a duration, an ill-typed value) as its text."""
    from rdflib import Literal
    from rdflib.term import Node

    if isinstance(value, Literal):
        v = value.toPython()
        if isinstance(v, Decimal):
            return float(v)
        return v if isinstance(v, (bool, int, float, date, time)) else str(value)
    if isinstance(value, Node):
        return str(value)
    return value  # already plain: an ASK answer, or None for an unbound variable


def _dated(row: dict) -> dict:
    for key in _DATE_FIELDS:
        if isinstance(row.get(key), str):
            try:
                row[key] = date.fromisoformat(row[key])
            except ValueError:
                pass  # not a full date: left as written
    return row


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as err:
        raise QueryError(f"as_of={value!r} is not a date: give a datetime.date or 'YYYY-MM-DD'") from err


def _statuses(status: str | Iterable[str] | None) -> set[str] | None:
    if status is None:
        return None
    wanted = {status} if isinstance(status, str) else set(status)
    unknown = sorted(wanted - set(FOLLOW_UP_STATUSES))
    if unknown:
        raise QueryError(f"unknown follow-up status {', '.join(map(repr, unknown))}: use {', '.join(FOLLOW_UP_STATUSES)}")
    return wanted


__all__ = ["build", "load", "queries", "MinutesGraph", "python_value", "FOLLOW_UP_STATUSES"]
