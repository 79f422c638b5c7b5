"""`kg load`, `kg serve`, `kg push`: where graphs live (see kg/store.py and kg/serve.py).

Registered by `kg/cli.py` through `COMMANDS`; `python -m kg.cli_store` runs them alone."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import MinutesKGError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.command("load", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--store", "store_dir", required=True, type=click.Path(path_type=Path),
              help="Oxigraph store folder to create or add to.")
@click.option("--replace", is_flag=True, help="Empty the store first instead of adding to it.")
def load_cmd(graph, store_dir, replace):
    """Put a graph file (or a folder of them) into a persistent Oxigraph store.

    Each document keeps its named graph; the store's default graph is their merge. Every
    command that reads a GRAPH also reads a store folder, and `kg query` on one is fast.

    \b
    Example:
      kg load graphs/examples.nq --store graphs/store
      kg query graphs/store attendance-per-member
    """
    from kg.store import load_into_store

    n = load_into_store(graph, store_dir, replace=replace)
    click.echo(f"{store_dir}: {n} quads (named graphs plus their merge in the default graph)", err=True)


@click.command("serve", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the graph to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(1, 3600),
              help="Seconds a query may run before it is stopped (its worker process is killed).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries that may run at once; more wait up to 2 s, then get 503 with Retry-After.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Keep the store in this folder [default: a temporary folder, removed on exit].")
def serve_cmd(graph, host, port, timeout, workers, store_dir):
    """Serve a graph read-only: a SPARQL endpoint at /query and a query page at /.

    The endpoint speaks the SPARQL 1.1 Protocol (GET and POST; JSON, CSV, TSV or XML results
    by the Accept header), refuses updates and SERVICE, adds kg's standard prefixes (mkg:,
    skos: ...) when a query lacks them, runs at most --workers queries at once and stops a
    query after --timeout seconds. The page offers the named queries (kg query --list) ready to run.

    \b
    Example:
      kg serve graphs/examples.nq
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/query
    """
    from kg.serve import serve

    if not graph.exists():
        raise click.BadParameter(f"{graph}: no such file or store folder", param_hint="GRAPH")
    serve(graph, host=host, port=port, timeout=timeout, workers=workers, store_dir=store_dir,
          echo=lambda m: click.secho(m, err=True, fg="red" if m.startswith("WARNING") else None, bold=m.startswith("WARNING")))


@click.command("push", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL of the server (Oxigraph: http://HOST:7878/store).")
@click.option("--replace", is_flag=True, help="Overwrite graphs that are already on the server.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def push_cmd(graph, endpoint, replace, quiet):
    """Load a graph into a SPARQL 1.1 Graph Store Protocol server, one named graph per document.

    Each document's graph is PUT to ENDPOINT?graph=<iri> as N-Triples; graphs already on the
    server are left alone unless --replace is given.

    \b
    Example:
      oxigraph serve --location /tmp/ox --bind 127.0.0.1:7879 &
      kg push graphs/examples.nq --endpoint http://127.0.0.1:7879/store
    """
    from kg.store import push

    if not endpoint.startswith(("http://", "https://")):
        raise click.BadParameter("give an http:// or https:// URL", param_hint="--endpoint")
    sent = push(graph, endpoint, replace=replace)
    if not quiet:
        named = sum(1 for k in sent if k != "default")
        click.echo(f"Pushed {sum(sent.values())} triples in {named} named graph(s)"
                   + (" and the default graph" if "default" in sent else "") + f" to {endpoint}", err=True)


COMMANDS = [serve_cmd, push_cmd, load_cmd]


class _Standalone(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MinutesKGError as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            sys.exit(2)


if __name__ == "__main__":
    _Standalone(commands={c.name: c for c in COMMANDS}, context_settings=CONTEXT)()
