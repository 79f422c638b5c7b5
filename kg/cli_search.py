"""`kg search`: where the minutes say something, ranked (see kg/search/)."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from kg.search.index import KINDS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COLUMNS = ("date", "committee", "body", "kind", "title", "snippet", "iri", "document", "start", "end", "score")


@click.command("search", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("--reindex", is_flag=True, help="Make GRAPH's index again (graphs/x.ttl → graphs/x.ttl.search.sqlite), "
              "then search if a QUERY is given.")
@click.option("--sources", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="With --reindex: the minutes GRAPH was built from, so the index holds the minutes under each "
                   "item too (as kg build's does); documents changed since are left out. Repeat for several.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only meetings on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only meetings on or before this day.")
@click.option("--committee", metavar="WORDS", help="Only committees whose name contains these words (any case).")
@click.option("--body", metavar="WORDS", help="Only councils or bodies whose name contains these words (any case).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only this kind of passage; repeat for several.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most this many hits.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def search(graph, query, reindex, sources, date_from, date_to, committee, body, kinds, limit, fmt):
    """Find where the minutes say something: item titles and the minutes under them,
    resolution clauses, questions, declarations and report titles, best match first (BM25).

    Each hit gives the meeting's date, committee and body, the kind of passage, the words
    around the match with each matched word [in brackets], the node's IRI (to go on with
    kg query) and the source document with the characters it spans.

    A word finds its other endings too (placement, placements); "quoted words" are a phrase;
    placement* is a prefix; AND (or nothing), OR, NOT and brackets combine them. `kg build`
    writes the index beside the graph (graphs/x.ttl.search.sqlite) and keeps it in step; a
    graph without one, or whose content changed since (its size and sha256), is indexed first.

    \b
    Example:
      kg search graphs/examples.ttl fostering
      kg search graphs/examples.ttl '"further report"' --kind resolution
      kg search graphs/examples.ttl 'placement* NOT residential' --from 2023-09-01 -f json
      kg search --reindex graphs/examples.ttl --sources examples
    """
    from kg.search import index_fresh, index_graph, index_path, search_index

    index = index_path(graph)
    if sources and not reindex:
        raise click.UsageError("--sources goes with --reindex")
    if reindex or not index_fresh(graph, index):
        if not reindex:
            click.echo(f"Indexing {graph} for search (graph text only; kg build's index also holds the minutes "
                       "under each item)", err=True)
        index, n = index_graph(graph, index, sources)
        if reindex:
            click.echo(f"Wrote {index}: {n} passages", err=True)
    if query is None:
        if not reindex:
            raise click.UsageError("give a QUERY (or --reindex)")
        return
    hits = search_index(index, query, date_from=date_from, date_to=date_to, committee=committee, body=body,
                        kinds=kinds, limit=limit)
    rows = [h.as_dict() for h in hits]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue().rstrip("\n"))
    else:
        click.echo(as_table(rows))
    if not rows:
        click.echo("Nothing found: try fewer words, a prefix (placement*) or fewer filters.", err=True)


def as_table(rows: list[dict]) -> str:
    """Each hit on two lines: date, kind, committee and where it was read; then the words."""
    out = []
    for r in rows:
        where = f"{r['document']}:{r['start']}-{r['end']}" if r["document"] else ""
        meeting = " · ".join(v for v in (r["committee"], r["body"]) if v)
        out.append(f"{r['date'] or 'undated':10}  {r['kind']:11}  {meeting}  {where}")
        out.append(f"    {r['snippet']}")
        out.append(f"    {r['iri']}")
    out.append(f"({len(rows)} hit{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def index_after_build(result, output: Path, *, redacted: bool, quiet: bool, fresh: bool = False,
                      workers: int = 1) -> None:
    """`kg build`'s step after writing the graph: the search index beside it, brought in step
    with the built graph by reading again only the documents' graphs that changed (all of
    them when `fresh`: `kg build --no-cache`), with the text of the documents built."""
    from kg.search import index_built

    sources = None if redacted else {o.sha256: o.path for o in result.outcomes if o.status == "built" and o.sha256}
    done = index_built(result.quads, output, sources, fresh=fresh, workers=workers)
    if not quiet:
        click.echo(f"Search index {done.path}: {done.passages} passages ({done.graphs_read} graph(s) read, "
                   f"{done.graphs_kept} kept)", err=True)


COMMANDS = [search]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(search())
