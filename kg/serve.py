"""`kg serve`: a read-only SPARQL endpoint and a query page for one graph.

Design: the real Oxigraph server does the SPARQL work, a small Python front does the rest.

* GRAPH (a file, a folder of files, or a store folder) is put into an Oxigraph store folder
  (a temporary one, or `--store DIR`), whose default graph is the merge of the documents'
  named graphs (see `kg.store.merge_into_default_graph`).
* `oxigraph serve-read-only --location DIR --bind 127.0.0.1:<private port> --timeout-s N`
  (the binary of the `oxigraph` PyPI package) answers SPARQL 1.1 Protocol queries: GET and
  POST, JSON/CSV/TSV/XML results by content negotiation, a real per-query timeout
  (`--timeout-s`), and no update endpoint in read-only mode. It is compiled Rust: fast, and
  it cancels a query that runs too long, which pyoxigraph inside Python cannot.
* Why a front at all: Oxigraph's own page is YASGUI. Its files are served locally, but it
  knows nothing of kg's named queries and offers an /update endpoint in its catalogue, and
  Oxigraph executes `SERVICE` clauses, i.e. lets any visitor make the server fetch URLs.
  So a `ThreadingHTTPServer` on HOST:PORT serves our own page (plain JS `fetch`, results
  shown with `textContent`, no CDN), `/queries.json` (the named queries), and proxies
  `/query` (alias `/sparql`) to Oxigraph after refusing updates (403) and `SERVICE` (400).
  Everything else, including Oxigraph's `/update` and `/store`, is 403/404.

The private Oxigraph port listens on 127.0.0.1 only; `--host` changes where the front
listens, and a non-loopback address gets a loud warning."""
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

MAX_BODY = 1_000_000        # bytes of a request
MAX_RESULT = 64_000_000     # bytes of a result
CANCELLED = b"operation has been cancelled"  # what Oxigraph writes when --timeout-s stops a query
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
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def prepare_store(graph: Path, store_dir: Path | None) -> tuple[Path, bool]:
    """The store folder to serve for GRAPH, and whether its default graph is the merge
    (False: a store made elsewhere, served with Oxigraph's union default graph)."""
    from kg.store import has_merged_default, is_store, load_into_store, open_store

    if is_store(graph):
        merged = has_merged_default(open_store(graph, read_only=True))
        return graph, merged
    target = store_dir or Path(tempfile.mkdtemp(prefix="kg-serve-")) / "store"
    load_into_store(graph, target, replace=True)
    return target, True


# ---------------------------------------------------------------- the front

@dataclass
class FrontConfig:
    upstream: str          # base URL of the Oxigraph server
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
        passed = {k: v for k, v in params.items() if k in ("default-graph-uri", "named-graph-uri")}
        url = self.config.upstream + "/query" + ("?" + urllib.parse.urlencode(passed, doseq=True) if passed else "")
        req = urllib.request.Request(url, data=query.encode("utf-8"), method="POST", headers={
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": self.headers.get("Accept") or "application/sparql-results+json"})
        try:
            resp = urllib.request.urlopen(req, timeout=self.config.timeout + 5)
        except urllib.error.HTTPError as err:
            text = err.read().decode("utf-8", "replace")
            status = 503 if "timeout" in text.lower() or "timed out" in text.lower() else err.code
            return self._error(status, text.strip() or err.reason)
        except (TimeoutError, socket.timeout):
            return self._error(503, f"The query ran longer than {self.config.timeout:g} s and was stopped.")
        except OSError as err:
            return self._error(502, f"The SPARQL engine is not reachable: {err}")
        # Oxigraph streams results: when --timeout-s cancels a query, the 200 status is already
        # sent and the body ends with an error message. So the result is read whole (up to
        # MAX_RESULT bytes) before anything is sent, and a cancelled one becomes a 503.
        with resp:
            try:
                data = resp.read(MAX_RESULT + 1)
            except (TimeoutError, socket.timeout):
                return self._error(503, f"The query ran longer than {self.config.timeout:g} s and was stopped.")
            ctype = resp.headers.get("Content-Type", "application/octet-stream")
        if len(data) > MAX_RESULT:
            return self._error(503, f"The result is larger than {MAX_RESULT // 1_000_000} MB. Add a LIMIT or "
                                    "aggregate, or query the graph with kg query.")
        if CANCELLED in data[-200:]:
            return self._error(503, f"The query ran longer than {self.config.timeout:g} s and was stopped "
                                    "(kg serve --timeout sets the limit).")
        self.send_response(resp.status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

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


def serve(graph: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10,
          store_dir: Path | None = None, echo: Callable[[str], None] = print) -> None:
    """Serve GRAPH until interrupted (Ctrl-C or SIGTERM)."""
    import signal

    location, merged = prepare_store(Path(graph), store_dir)
    if not is_loopback(host):
        echo(f"WARNING: listening on {host}, not loopback: anyone who can reach this machine can query the graph.")
    with oxigraph_server(location, timeout=timeout, union_default_graph=not merged) as upstream:
        front = make_front(host, port, FrontConfig(upstream, timeout, named_queries_for_page()))
        from kg.search.web import index_for_serving  # /search: the graph's full-text index

        front.RequestHandlerClass.search_index = index_for_serving(Path(graph))
        signal.signal(signal.SIGTERM, _interrupt)
        shown = f"[{host}]" if ":" in host else host
        echo(f"Serving {graph} at http://{shown}:{port}/ (SPARQL endpoint: /query; Ctrl-C to stop)")
        try:
            front.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            front.server_close()
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
