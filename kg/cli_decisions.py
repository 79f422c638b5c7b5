"""`kg trace` and `kg followups`: decisions and subjects across meetings."""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _open(graph: Path):
    """A graph file (or folder of them) as an rdflib Dataset, or an Oxigraph store folder as
    a read-only store: read once, queried many times."""
    from kg.store import is_store, load, open_store

    return open_store(graph, read_only=True) if is_store(graph) else load(graph)


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _sources(folders: tuple[Path, ...]) -> dict[str, Path]:
    from kg.ingest import iter_inputs

    found: dict[str, Path] = {}
    for f in iter_inputs(folders):
        found.setdefault(f.name, f)
    return found


@click.command("trace", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.argument("subject")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a timeline page here, each entry linked to its source.")
@click.option("--sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Folder(s) or files of the minutes the graph was built from: the page then quotes "
                   "and links the source text of every entry. Repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="How to print the trace.")
@click.option("--width", default=70, show_default=True, help="Table: characters of text per row.")
def trace_cmd(graph, subject, html_out, sources, fmt, width):
    """Trace a topic or a named thing (partner, service, person, post) across meetings.

    SUBJECT is matched against the labels and alternative labels of topics, organisations,
    services, people, posts and committees: exact matches first, else any label containing
    it. Prints, oldest first, every item and report about it and the resolutions,
    follow-ups and figures in them, each with the document and characters it was read from.

    \b
    Example:
      kg trace graphs/examples.ttl Ofsted
      kg trace graphs/examples.ttl "children in care" --html graphs/trace.html --sources examples
    """
    from kg.trace import timeline_html, trace

    subjects, rows = trace(_open(graph), subject)
    if not subjects:
        raise click.ClickException(f"nothing in {graph} is called {subject!r}: try part of a name, or "
                                   f"`kg query {graph} \"SELECT ?l WHERE {{ ?t a mkg:Topic ; rdfs:label ?l }}\"` "
                                   "to list the topics")
    if fmt == "json":
        click.echo(json.dumps({"subjects": [asdict(s) for s in subjects], "rows": [asdict(r) for r in rows]},
                              indent=2, ensure_ascii=False))
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["date", "meeting", "kind", "minute", "text", "detail", "file", "start", "end", "iri"])
        for r in rows:
            w.writerow([r.date or "", r.meeting, r.kind, r.minute or "", r.text, r.detail, r.file or "",
                        r.start if r.start is not None else "", r.end if r.end is not None else "", r.iri])
    else:
        click.echo("Tracing " + ", ".join(f"{s.label} ({s.kind})" for s in subjects)
                   + f": {len(rows)} entries, oldest first\n")
        click.echo(f"{'date':10}  {'minute':6}  {'kind':12}  {'text':{width}}  source")
        for r in rows:
            indent = "" if r.kind in ("item", "report") else "  "
            src = f"{r.file}:{r.start}-{r.end}" if r.file and r.start is not None else (r.file or "")
            click.echo(f"{r.date or 'undated':10}  {r.minute or '':6}  {indent + r.kind:12}  "
                       f"{_short(r.text, width):{width}}  {src}")
            if r.detail and r.kind in ("item", "report", "follow-up"):
                click.echo(f"{'':10}  {'':6}  {'':12}    {_short(r.detail, width - 2)}")
    if html_out:
        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(timeline_html(subjects, rows, subject, sources=_sources(sources) if sources else None,
                                          output=html_out), encoding="utf-8")
        click.echo(f"\nTimeline written to {html_out}", err=True)


@click.command("followups", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--status", type=click.Choice(["open", "fulfilled", "overdue"]), multiple=True,
              help="Only follow-ups in this state (repeatable).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Work the status out for this day (YYYY-MM-DD) [default: the latest meeting in the graph].")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="How to print the list.")
@click.option("--width", default=60, show_default=True, help="Table: characters of text per row.")
def followups_cmd(graph, status, as_of, fmt, width):
    """List what committees asked to come back, as open, fulfilled or overdue.

    A follow-up is fulfilled when a later item or report of the body it was asked of
    answered it (with the confidence and the reason of the match), overdue when its due date
    has passed with nothing in the graph answering it, open otherwise. "Passed" means
    before the latest meeting the graph holds, or before --as-of.

    \b
    Example:
      kg followups graphs/examples.ttl
      kg followups graphs/examples.ttl --status overdue --as-of 2024-12-31 -f csv
    """
    from kg.trace import follow_ups

    day = as_of.date() if as_of else None
    rows, when = follow_ups(_open(graph), day)
    if status:
        rows = [r for r in rows if r.status in status]
    if fmt == "json":
        click.echo(json.dumps({"as_of": when.isoformat() if when else None, "follow_ups": [asdict(r) for r in rows]},
                              indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["asked", "committee", "minute", "text", "due", "precision", "status", "fulfilled_by",
                    "fulfilled_on", "confidence", "reason", "file", "start", "end", "iri"])
        for r in rows:
            w.writerow([r.asked or "", r.committee or "", r.minute or "", r.text, r.due or "", r.precision or "",
                        r.status, r.fulfilled_by or "", r.fulfilled_on or "",
                        "" if r.confidence is None else r.confidence, r.reason or "", r.file or "",
                        "" if r.start is None else r.start, "" if r.end is None else r.end, r.iri])
        return
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("open", "fulfilled", "overdue")}
    click.echo(f"{len(rows)} follow-ups as of {when.isoformat() if when else 'an unknown date'}: "
               + ", ".join(f"{n} {s}" for s, n in counts.items()) + "\n")
    click.echo(f"{'asked':10}  {'minute':6}  {'status':9}  {'due':10}  text")
    for r in rows:
        click.echo(f"{r.asked or 'undated':10}  {r.minute or '':6}  {r.status:9}  {r.due or '-':10}  "
                   f"{_short(r.text, width)}")
        if r.fulfilled_by:
            click.echo(f"{'':42}→ {r.fulfilled_on or 'undated'} {_short(r.fulfilled_by, width - 13)} "
                       f"({r.confidence:.2f})" if r.confidence is not None else
                       f"{'':42}→ {r.fulfilled_on or 'undated'} {_short(r.fulfilled_by, width - 13)}")


COMMANDS = [trace_cmd, followups_cmd]
