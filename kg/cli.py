"""The `kg` command: parses options, calls one library function, shows progress, and turns
domain errors into messages that say what to do next. No pipeline logic lives here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import MinutesKGError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MinutesKGError as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kg")
def main():
    """minutes-kg: turn council committee minutes into an RDF knowledge graph.

    \b
    Example:
      kg build examples -o graphs/examples.ttl
      kg query graphs/examples.ttl attendance-per-member
    """


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")


# ---------------------------------------------------------------- build

@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Graph file to write; the extension picks the syntax (.ttl .nt .nq .trig .jsonld).")
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help="Where to write the build report as JSON [default: OUTPUT with .report.json].")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the written graph.")
@click.option("--strict", is_flag=True, help="Exit 1 when any input failed, was a duplicate or held no meeting.")
@click.option("--max-mb", type=click.FloatRange(0, min_open=True), default=50, show_default=True,
              help="Skip (and report) any input larger than this many megabytes.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Read, extract and build documents' graphs in this many processes, this one included "
                   "(same output whatever the number).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path),
              help="Keep each document's extraction here by content hash, so a rebuild re-extracts only "
                   "new or changed documents [default: .kg-cache beside OUTPUT].")
@click.option("--no-cache", is_flag=True, help="Extract every document afresh and keep nothing.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also keep the graph in this persistent Oxigraph store folder (replacing what a previous "
                   "build put there): every command reads it, and queries on it stay fast at archive scale.")
@click.option("--topics", "topics", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A Turtle topic scheme to tag items with, instead of the bundled ontology/topics.ttl.")
@click.option("--redact-public", is_flag=True,
              help="Replace the names of members of the public (who asked questions) by stable pseudonyms.")
@click.option("--body", "body", metavar="NAME",
              help="The council or public body whose minutes every input is (\"North Westshire Council\"): it "
                   "scopes committees, meetings and people. Overrides a folder's minutes-kg.toml and the text.")
@quiet_option
def build(inputs, output, report_path, no_validate, strict, max_mb, workers, cache_dir, no_cache, store_dir, topics, redact_public,
          body, quiet):
    """Build a knowledge graph from minutes (files or folders, searched recursively).

    Every input is listed in the build report with what was found in it, its warnings, or
    why it was skipped; a bad file never stops the batch.

    Each document belongs to a council or public body, and people, committees and meetings
    are one node per body: "Cllr Smith" of two councils is two people. The body is --body if
    given, else the `body` of the nearest minutes-kg.toml (or minutes-kg.json) in the input's
    folder or a folder above it (up to the folder named), else the one the minutes' heading
    names ("Fenwater District Council", "Minutes of a meeting of Fenwater District Council"),
    else none: documents of no known body are resolved together, apart from every known body.

    \b
    Example:
      kg build examples -o graphs/examples.ttl
      kg build ../shared/seeds minutes.pdf -o graphs/seeds.trig
      kg build archive/ -o graphs/archive.nq --store graphs/store -w 4
      kg build --body "North Westshire Council" minutes/ -o graphs/northwestshire.ttl
      echo 'body = "Fenwater District Council"' > archive/fenwater/minutes-kg.toml
      kg build archive/ -o graphs/archive.ttl
    """
    from kg.build import build as run_build, configured_bodies
    from kg.build.parallel import Later
    from kg.ingest import iter_inputs
    from kg.summary import build_report
    from kg.store import rdf_format

    rdf_format(output)  # fail early on an unknown extension
    files = iter_inputs(inputs)
    if not files:
        raise click.UsageError("no minutes found in the inputs (looked for .txt .md .html .htm .pdf files)")
    options = {"max_bytes": int(max_mb * 1_000_000), "workers": workers,
               "cache_dir": None if no_cache else (cache_dir or output.parent / ".kg-cache"), "topics": topics,
               "body": body, "bodies": {} if body else configured_bodies(inputs), "validate": not no_validate}
    # one bar for the whole build: reading each file, then assembly, writing and validation,
    # each step named as it starts (on a terminal in the bar's label, elsewhere on a line of its own)
    steps = len(files) + 2 + (0 if no_validate else 1)
    with click.progressbar(length=steps, label="Reading minutes", file=sys.stderr, show_pos=True,
                           hidden=quiet) as bar:
        def step(label: str, done: int = 1) -> None:
            """Name the step that starts now; `done` steps have ended."""
            bar.label = label
            bar.update(done)
            if not done:
                bar.render_progress()

        result = run_build(files, progress=lambda _: bar.update(1), stage=lambda label: step(label, 0), **options)
        if result.cache_pruned and not quiet:
            click.echo(f"Removed {result.cache_pruned} stale file(s) from the cache {options['cache_dir']} "
                       "(left by another version of minutes-kg, or old people resolutions)", err=True)
        redacted = _redact_public(result) if redact_public else None
        step(f"Writing {output}")
        result.save(output)
        # what crosses documents is checked against the shapes in a child while the index is written
        checked = None if no_validate else Later(result.validate, fork=workers > 1)
        from kg.cli_search import index_after_build

        index_after_build(result, output, redacted=bool(redact_public), quiet=quiet, fresh=no_cache,
                          workers=workers)
        if store_dir:
            from kg.store import load_into_store

            quads = load_into_store(result.quads, store_dir, replace=True)
            if not quiet:
                click.echo(f"Store {store_dir}: {quads} quads", err=True)
        report = build_report(result, output)  # kg.summary
        if redacted is not None:
            report["redacted_public"] = redacted
        report_path = report_path or output.with_name(output.stem + ".report.json")
        report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        conforms = True
        if not no_validate:
            step("Validating against the shapes")
            outcome = checked.result()  # each document was checked as it was built; what crosses them, now
            conforms = outcome.conforms
            report["conforms"] = conforms
            report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        bar.update(1)
    if not quiet:
        _print_report(report, output, report_path)
        if not conforms:
            click.secho("The graph does not conform to ontology/shapes.ttl: run `kg validate` on it for details.",
                        fg="yellow", err=True)
        elif not no_validate:
            click.echo("The graph conforms to the shapes in ontology/shapes.ttl.", err=True)
    if sum(1 for o in result.outcomes if o.status == "built") == 0:
        why = "no input held a meeting" if any(o.status == "skipped" for o in result.outcomes) else "every input failed"
        click.secho(f"Nothing was built: {why}.", fg="red", err=True)
        sys.exit(1)
    if strict and any(o.status != "built" for o in result.outcomes):
        sys.exit(1)


def _redact_public(result) -> int:
    """Pseudonymise the members of the public in the built graph and the identity log; how many."""
    from kg.redact import redact_public, redact_text

    done = redact_public(result.dataset)
    result.identity_log[:] = [redact_text(line, done) for line in result.identity_log]
    return len(done)


def _print_report(report: dict, output: Path, report_path: Path) -> None:
    err = sys.stderr
    click.echo("", file=err)
    for d in report["documents"]:
        name = Path(d["input"]).name
        if d["status"] == "built":
            f = d.get("found", {})
            counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in f.items() if not k.startswith("mentions"))
            mentions = sum(v for k, v in f.items() if k.startswith("mentions"))
            click.secho(f"  ok        {name}: {counts}" + (f", {mentions} mentions" if mentions else ""), file=err)
            for w in d.get("warnings", []):
                click.secho(f"    warning: {w}", fg="yellow", file=err)
        else:
            click.secho(f"  {d['status']:<9} {name}: {d.get('message', '')}", fg="red" if d["status"] == "failed" else "yellow",
                        file=err)
    if "redacted_public" in report:
        click.echo(f"Replaced the names of {report['redacted_public']} member(s) of the public by pseudonyms", file=err)
    click.echo(f"\nWrote {report['triples']} triples from {report['built']} of {report['inputs']} input(s) to {output}"
               f" (report: {report_path})", file=err)


# ---------------------------------------------------------------- validate

@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--max-results", default=20, show_default=True, help="How many violations to list.")
def validate(graph, max_results):
    """Check a graph against the SHACL shapes in ontology/shapes.ttl.

    Exits 0 when the graph conforms, 1 when it does not, 2 on an error.

    \b
    Example:
      kg validate graphs/examples.ttl
    """
    from kg.store import load
    from kg.validate import validate as run_validate

    outcome = run_validate(load(graph))
    if outcome.conforms:
        click.echo(f"{graph}: conforms to the minutes-kg shapes")
        return
    click.echo(f"{graph}: does NOT conform ({len(outcome.results)} violation(s))")
    for r in outcome.results[:max_results]:
        click.echo(f"  {r.get('focus')}  {r.get('path') or ''}: {r.get('message')}")
    sys.exit(1)


# ---------------------------------------------------------------- query

@main.command(context_settings=CONTEXT)
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what each answers.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many rows: one page, which the store "
              "stops at (quick on a whole archive).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (the next page).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter of a named query (see --show NAME); repeat for several.")
@click.option("--show", "show", metavar="NAME", help="Print what a named query answers, its parameters and its SPARQL.")
def query(graph, query, fmt, list_queries, limit, offset, params, show):
    """Run a SPARQL query: a named query, a .rq file, or the query text itself.

    \b
    Example:
      kg query --list
      kg query graphs/examples.ttl attendance-per-member
      kg query --show topic-items
      kg query graphs/examples.ttl topic-items -p topic_name=fostering
      kg query archive-store resolutions --limit 100 --offset 100
      kg query graphs/examples.ttl "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" -f csv
    """
    from kg import queries as catalogue

    if list_queries:
        for q in catalogue.named_queries():
            click.echo(f"{q.name:32} {q.title}")
        return
    if show:
        _show_query(catalogue, show)
        return
    if graph is None or query is None:
        raise click.UsageError("give a GRAPH and a QUERY (or --list)")
    from kg.store import load, require_triples

    values = _query_params(catalogue.resolve(query), params)
    result = catalogue.run(require_triples(load(graph), graph), query, values or None, limit=limit, offset=offset)
    click.echo(catalogue.render(result.columns, result.rows, fmt))
    if limit and len(result.rows) == limit:
        click.echo(f"rows {offset + 1}-{offset + limit}; the next page: --offset {offset + limit}", err=True)


def _show_query(catalogue, name: str) -> None:
    named = {q.name: q for q in catalogue.named_queries()}
    if name not in named:
        raise click.BadParameter(f"no named query '{name}' (see kg query --list)", param_hint="--show")
    q = named[name]
    click.echo(f"{q.name}: {q.title}\n\n{q.description}\n")
    if q.params:
        click.echo(f"Parameters (-p NAME=VALUE): {q.params}\n")
    click.echo(q.text.strip())


def _query_params(text: str, given: tuple[str, ...]) -> dict[str, object]:
    """{name: value} from NAME=VALUE options; a value is a number where the query's default is."""
    from decimal import Decimal, InvalidOperation

    from kg.queries import parameters

    defaults = parameters(text)
    out: dict[str, object] = {}
    for item in given:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--param")
        name = name.strip()
        if name in defaults and not defaults[name].startswith('"'):
            try:
                out[name] = Decimal(value)
            except InvalidOperation:
                raise click.BadParameter(f"{name} takes a number, not '{value}'", param_hint="--param") from None
        else:
            out[name] = value
    return out


# ---------------------------------------------------------------- info

@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
def info(graph):
    """Summarise a graph: nodes per class and the meetings it holds, by date.

    \b
    Example:
      kg info graphs/examples.ttl
    """
    from kg.store import load
    from kg.summary import summarise

    summary = summarise(load(graph))
    click.echo(f"{graph}: {summary['triples']} triples")
    click.echo("\nNodes per class:")
    for name, n in summary["classes"].items():
        click.echo(f"  {name:16} {n:6d}")
    click.echo("\nMeetings:")
    for m in summary["meetings"]:
        source = f"  from {m['document']}" if m["date"] is None and m["document"] else ""  # tells undated ones apart
        click.echo(f"  {m['date'].isoformat() if m['date'] else 'undated':10}  {m['label']}  ({m['items']} items)"
                   f"{source}")


# ---------------------------------------------------------------- commands kept in their own modules

def _register(module_names: tuple[str, ...]) -> None:
    """Commands of a larger concern live in `kg/cli_<concern>.py` and export `COMMANDS`."""
    import importlib

    for name in module_names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register(("kg.cli_explore", "kg.cli_store", "kg.cli_decisions", "kg.cli_bench", "kg.cli_harvest",
           "kg.cli_search"))

if __name__ == "__main__":
    main()
