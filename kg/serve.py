"""`kg serve`: a read-only SPARQL endpoint and a query page for one graph.

Design: a small Python front, and the SPARQL work in a few killable worker processes.

* GRAPH (a file, a folder of files, or a store folder) is put into an Oxigraph store folder
  (a temporary one, or `--store DIR`), whose default graph is the merge of the documents'
  named graphs (see `kg.store.merge_into_default_graph`).
* `kg.serve_pool.QueryPool` keeps `--workers N` child processes with the store open read-only
  (pyoxigraph); each answers one query at a time: SPARQL 1.1 Protocol results (JSON, CSV, TSV,
  XML by content negotiation), kg's standard prefixes when the query lacks them, a syntax
  error as one sentence. A query still running after `--timeout` seconds has its worker
  killed (its CPU is freed at once) and replaced; a query that finds all workers busy waits
  briefly, then gets 503 with Retry-After. Oxigraph's own server (`oxigraph serve --timeout-s`)
  did not stop sorts and groupings, which kept a core busy long after the 503.
* The front, a `ThreadingHTTPServer` on HOST:PORT, serves our own page (plain JS `fetch`,
  results shown with `textContent`, no CDN), `/queries.json` (the named queries), and sends
  `/query` (alias `/sparql`) to the workers after refusing updates (403) and `SERVICE` (400).
  Everything else, including `/update` and `/store`, is 403/404.

`--host` changes where the front listens, and a non-loopback address gets a loud warning.
`oxigraph_server` (the Oxigraph binary) stays for `kg push` tests and users of `oxigraph serve`."""
from __future__ import annotations

import ipaddress
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import MinutesKGError
from kg.serve_pool import QueryPool

MAX_BODY = 1_000_000        # bytes of a request
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values")


class ServeError(MinutesKGError):
    """The SPARQL server could not be started or reached."""


# ---------------------------------------------------------------- query checks

_IGNORED = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',   # long strings
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"',            # short strings
    r"'(?:[^'\\\n]|\\.)*'",
    r'<[^<>"{}|^`\\\s]*>',               # IRIs
    r"#[^\n]*",                          # comments
]))
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(r"(?<![\w?$:.-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)(?![\w:-])", re.IGNORECASE)


def _code_only(query: str) -> str:
    """The query with strings, IRIs and comments blanked out, so keywords inside them don't count.

    SPARQL decodes \\uXXXX escapes before parsing (even in keywords), so they are decoded first."""
    query = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    return _IGNORED.sub(" ", query)


def uses_service(query: str) -> bool:
    """True when the query has a SERVICE clause (federated query: the server would fetch a URL)."""
    return bool(_SERVICE.search(_code_only(query)))


def looks_like_update(query: str) -> bool:
    """True when the text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...), not a query."""
    code = _code_only(query)
    return bool(_UPDATE.search(code)) and not re.search(r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])",
                                                         code, re.IGNORECASE)


# ---------------------------------------------------------------- the Oxigraph process

def oxigraph_binary() -> str:
    """The `oxigraph` server binary: beside this Python (the virtualenv) or on PATH."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server binary is not installed. Install it: pip install 'minutes-kg[server]' "
                         "(or: pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def stop_process(process: subprocess.Popen, timeout: float = 15, close: bool = True) -> None:
    """Ask `process` to end, and end it when it has not within `timeout` seconds; its
    stderr pipe (if any) closed unless `close` is False (a thread still reads it to its end)."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    if close and process.stderr:
        process.stderr.close()


def wait_until_up(url: str, attempts: int = 100, pause: float = 0.1, process: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers (at most `attempts` times)."""
    for _ in range(attempts):
        if process is not None and process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            raise ServeError(f"the server stopped at start (exit {process.returncode}): {err.strip()[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(pause)
    raise ServeError(f"the server did not answer at {url} after {attempts * pause:.0f} s")


@contextmanager
def oxigraph_server(location: Path, *, read_only: bool = True, port: int | None = None, timeout: float = 10,
                    union_default_graph: bool = False) -> Iterator[str]:
    """Run `oxigraph serve[-read-only]` on 127.0.0.1 for as long as the context lasts;
    yields its base URL. The process is always stopped on exit."""
    port = port or free_port()
    cmd = [oxigraph_binary(), "serve-read-only" if read_only else "serve", "--location", str(location),
           "--bind", f"127.0.0.1:{port}", "--timeout-s", str(max(1, round(timeout)))]
    if union_default_graph:
        cmd.append("--union-default-graph")
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=" + urllib.parse.quote("ASK {}"), process=process)
        yield base
    finally:
        stop_process(process, timeout=10)


def prepare_store(graph: Path, store_dir: Path | None, echo: Callable[[str], None] = lambda m: None
                  ) -> tuple[Path, bool]:
    """The store folder to serve for GRAPH, and whether its default graph is the merge
    (False: a store made elsewhere, served with Oxigraph's union default graph). Loading a
    graph says what it reads, file by file, and how long it took."""
    from kg.store import _graph_files, has_merged_default, is_store, load_into_store, open_store

    if is_store(graph):
        merged = has_merged_default(open_store(graph, read_only=True))
        return graph, merged
    target = store_dir or Path(tempfile.mkdtemp(prefix="kg-serve-")) / "store"
    files = _graph_files(graph)
    total = sum(f.stat().st_size for f in files)
    echo(f"Loading {graph} ({len(files)} file(s), {total / 1e6:.1f} MB) into the store ...")
    started = time.monotonic()
    done = [0]

    def loaded(path: Path) -> None:
        done[0] += path.stat().st_size
        echo(f"  loaded {path.name} ({done[0] * 100 // max(total, 1)}% of the bytes, "
             f"{time.monotonic() - started:.1f} s)")

    n = load_into_store(graph, target, replace=True, progress=loaded, on_merge=lambda: echo(
        "  merging the documents' graphs into the default graph ..."))
    echo(f"Loaded {n} quads in {time.monotonic() - started:.1f} s.")
    return target, True


# ---------------------------------------------------------------- the front

@dataclass
class FrontConfig:
    pool: QueryPool        # the workers that run queries
    timeout: float         # seconds a query may run
    queries: list[dict]    # the named queries for the page


def named_queries_for_page() -> list[dict]:
    from kg.queries import _with_prefixes, named_queries

    return [{"name": q.name, "title": q.title, "description": q.description, "query": _with_prefixes(q.oxigraph_text)}
            for q in named_queries()]


class FrontHandler(BaseHTTPRequestHandler):
    server_version = "minutes-kg"
    sys_version = ""
    config: FrontConfig  # set on the subclass made by make_front

    # ------------------------------------------------ routing
    def do_GET(self):  # noqa: N802 (http.server's names)
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            return self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        if url.path == "/app.js":
            return self._send(200, APP_JS.encode("utf-8"), "text/javascript; charset=utf-8")
        if url.path == "/search":  # full-text search (kg/search/web.py)
            from kg.search.web import search_page
            return self._send(*search_page(getattr(self, "search_index", None), url.query))
        if url.path == "/queries.json":
            return self._send(200, json.dumps(self.config.queries).encode("utf-8"), "application/json")
        if url.path in ("/query", "/sparql"):
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            return self._sparql(params, None)
        if url.path in ("/update", "/store"):
            return self._error(403, "This endpoint is read-only: updates and the graph store are not served.")
        return self._error(404, "Not found. The SPARQL endpoint is /query; the query page is /.")

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/update", "/store"):
            return self._error(403, "This endpoint is read-only: updates and the graph store are not served.")
        if url.path not in ("/query", "/sparql"):
            return self._error(404, "Not found. The SPARQL endpoint is /query.")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"The request is larger than {MAX_BODY} bytes.")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._error(403, "SPARQL Update is refused: this endpoint is read-only.")
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            return self._sparql(params, None)
        if ctype == "application/sparql-query":
            return self._sparql(params, body)
        return self._error(415, "POST a query as application/sparql-query or as a form with query=.")

    def do_PUT(self):  # noqa: N802
        self._error(403, "This endpoint is read-only.")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    # ------------------------------------------------ SPARQL
    def _sparql(self, params: dict[str, list[str]], body: str | None):
        if "update" in params:
            return self._error(403, "SPARQL Update is refused: this endpoint is read-only.")
        queries = params.pop("query", [])
        if body is not None:
            queries = [body]
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "Give exactly one SPARQL query: ?query=... or a POST body.")
        query = queries[0]
        if looks_like_update(query):
            return self._error(403, "SPARQL Update is refused: this endpoint is read-only.")
        if uses_service(query):
            return self._error(400, "SERVICE (federated query) is not allowed on this endpoint.")
        from kg.queries import fold_params

        query = fold_params(query)  # a named query from the page: its parameters written in for Oxigraph
        answer = self.config.pool.run(query, self.headers.get("Accept") or "application/sparql-results+json",
                                      params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.ctype)
        self.send_header("Content-Length", str(len(answer.body)))
        if answer.retry_after is not None:
            self.send_header("Retry-After", str(answer.retry_after))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(answer.body)

    # ------------------------------------------------ helpers
    def _send(self, status: int, data: bytes, ctype: str):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str):
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def log_message(self, format, *args):  # noqa: A002 (http.server's name)
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


def make_front(host: str, port: int, config: FrontConfig) -> ThreadingHTTPServer:
    handler = type("Handler", (FrontHandler,), {"config": config})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port} ({err.strerror}). Pick another: --port {port + 1}") from err
    server.daemon_threads = True
    return server


def serve(graph: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10, workers: int = 2,
          store_dir: Path | None = None, echo: Callable[[str], None] = print) -> None:
    """Serve GRAPH until interrupted (Ctrl-C or SIGTERM); at most `workers` queries run at once."""
    import signal

    from kg.queries import standard_prefixes

    location, merged = prepare_store(Path(graph), store_dir, echo=echo)
    if not is_loopback(host):
        echo(f"WARNING: listening on {host}, not loopback: anyone who can reach this machine can query the graph.")
    pool = QueryPool(location, size=workers, timeout=timeout, queue_wait=min(2.0, timeout), union=not merged,
                     prefixes=standard_prefixes())  # added to a served query that lacks them
    try:
        front = make_front(host, port, FrontConfig(pool, timeout, named_queries_for_page()))
        from kg.search.web import index_for_serving  # /search: the graph's full-text index

        front.RequestHandlerClass.search_index = index_for_serving(Path(graph))
        signal.signal(signal.SIGTERM, _interrupt)
        shown = f"[{host}]" if ":" in host else host
        echo(f"Serving {graph} at http://{shown}:{port}/ (SPARQL endpoint: /query; {workers} queries at once, "
             f"each stopped after {timeout:g} s; Ctrl-C to stop)")
        try:
            front.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            front.server_close()
    finally:
        pool.close()
    if store_dir is None and location != Path(graph):
        shutil.rmtree(location.parent, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


# ---------------------------------------------------------------- the page (no external assets)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>minutes-kg SPARQL</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 80rem; }
textarea { width: 100%; height: 16rem; font-family: ui-monospace, monospace; font-size: 0.9rem; }
table { border-collapse: collapse; margin-top: 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
#status { margin-left: 1rem; color: #555; }
#description { color: #444; }
</style>
</head>
<body>
<h1>minutes-kg SPARQL</h1>
<p><a href="/search">Search the minutes' text</a></p>
<p>
  <label for="named">Named query:</label>
  <select id="named"><option value="">(write your own)</option></select>
</p>
<p id="description"></p>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<p>
  <button id="run">Run</button>
  <label for="format">Download as:</label>
  <select id="format">
    <option value="text/csv">CSV</option>
    <option value="text/tab-separated-values">TSV</option>
    <option value="application/sparql-results+json">JSON</option>
    <option value="application/sparql-results+xml">XML</option>
  </select>
  <button id="download">Download</button>
  <span id="status"></span>
</p>
<div id="results"></div>
<script src="/app.js"></script>
</body>
</html>
"""

APP_JS = r"""'use strict';
const $ = (id) => document.getElementById(id);
let named = [];

async function loadNamed() {
  const resp = await fetch('/queries.json');
  named = await resp.json();
  for (const q of named) {
    const opt = document.createElement('option');
    opt.value = q.name;
    opt.textContent = q.title ? q.name + ' \u2014 ' + q.title : q.name;
    $('named').appendChild(opt);
  }
}

function pick() {
  const q = named.find((x) => x.name === $('named').value);
  $('description').textContent = q ? q.description : '';
  if (q) $('query').value = q.query;
}

function cell(term) {
  if (!term) return '';
  return term.value;
}

function show(data) {
  const out = $('results');
  out.replaceChildren();
  if (typeof data.boolean === 'boolean') {
    const p = document.createElement('p');
    p.textContent = 'Answer: ' + data.boolean;
    out.appendChild(p);
    return 0;
  }
  const vars = data.head.vars;
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement('th');
    th.textContent = v;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.insertCell().textContent = cell(b[v]);
  }
  out.appendChild(table);
  return data.results.bindings.length;
}

async function send(accept) {
  return fetch('/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', 'Accept': accept },
    body: $('query').value,
  });
}

async function run() {
  $('status').textContent = 'Running\u2026';
  const started = performance.now();
  try {
    const resp = await send('application/sparql-results+json');
    if (!resp.ok) {
      $('results').replaceChildren();
      $('status').textContent = 'Error ' + resp.status + ': ' + (await resp.text());
      return;
    }
    const ctype = resp.headers.get('Content-Type') || '';
    if (!ctype.includes('json')) {
      const pre = document.createElement('pre');
      pre.textContent = await resp.text();
      $('results').replaceChildren(pre);
      $('status').textContent = '';
      return;
    }
    const n = show(await resp.json());
    $('status').textContent = n + ' row(s) in ' + Math.round(performance.now() - started) + ' ms';
  } catch (err) {
    $('status').textContent = 'Failed: ' + err;
  }
}

async function download() {
  const accept = $('format').value;
  const resp = await send(accept);
  if (!resp.ok) {
    $('status').textContent = 'Error ' + resp.status + ': ' + (await resp.text());
    return;
  }
  const ext = { 'text/csv': 'csv', 'text/tab-separated-values': 'tsv',
                'application/sparql-results+json': 'json', 'application/sparql-results+xml': 'xml' }[accept];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await resp.blob());
  link.download = ($('named').value || 'results') + '.' + ext;
  link.click();
  URL.revokeObjectURL(link.href);
}

$('named').addEventListener('change', pick);
$('run').addEventListener('click', run);
$('download').addEventListener('click', download);
loadNamed();
"""
