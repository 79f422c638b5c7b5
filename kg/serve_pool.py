"""The query workers of `kg serve`: at most N queries run at once, and one that runs too long is killed.

Each worker is a child Python process (`python -m kg.serve_pool STORE`) holding the Oxigraph
store open read-only (pyoxigraph). The server hands a worker one query at a time over its
stdin and reads the serialised result from its stdout. A query still running at the timeout
is stopped the only sure way: its worker process is killed (SIGKILL), so its CPU and memory
are freed at once, and a fresh worker takes its place. Oxigraph's own `--timeout-s` did not
stop sorts and groupings: they kept a core busy for minutes after the answer 503.

A query that finds every worker busy waits up to `queue_wait` seconds for one; then it is
answered 503 with Retry-After, and never queues without bound.

Protocol: the server writes one JSON line {"query", "accept", "default_graph_uri",
"named_graph_uri"}; the worker answers one JSON line {"status", "type", "length"} followed
by `length` bytes of body (the result, or a one-line message when status is not 200)."""
from __future__ import annotations

import json
import math
import os
import queue
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import MinutesKGError

MAX_RESULT = 64_000_000     # bytes of a result
READY = b"ready\n"


class Busy(MinutesKGError):
    """Every worker is busy: the query was not started (answer 503 with Retry-After)."""


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends back for one query."""
    status: int
    ctype: str
    body: bytes
    retry_after: int | None = None


class Worker:
    """One child process answering queries on the store, one at a time."""

    def __init__(self, location: Path, union: bool, prefixes: dict[str, str]):
        cmd = [sys.executable, "-m", "kg.serve_pool", str(location), json.dumps(prefixes)]
        if union:
            cmd.append("--union")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [str(Path(__file__).parent.parent),
                                                                       os.environ.get("PYTHONPATH", "")] if p))
        self.process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=env)
        self.pid = self.process.pid

    def wait_ready(self, seconds: float) -> bool:
        """True once the worker has opened the store (it says `ready`)."""
        try:
            return _read_exactly(self.process.stdout.fileno(), len(READY), time.monotonic() + seconds) == READY
        except (TimeoutError, EOFError):
            return False

    def ask(self, request: dict, seconds: float) -> Answer:
        """Send one query and read its answer; TimeoutError when none came within `seconds`."""
        deadline = time.monotonic() + seconds
        self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        self.process.stdin.flush()
        fd = self.process.stdout.fileno()
        header = json.loads(_read_line(fd, deadline))
        body = _read_exactly(fd, header["length"], deadline)
        return Answer(header["status"], header["type"], body)

    def kill(self) -> None:
        """Stop the worker at once (SIGKILL) and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass  # the pipe to a killed process may already be broken


def _read_exactly(fd: int, n: int, deadline: float) -> bytes:
    chunks, got = [], 0
    while got < n:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _read_line(fd: int, deadline: float) -> bytes:
    line = bytearray()
    while not line.endswith(b"\n"):
        line += _read_exactly(fd, 1, deadline)
    return bytes(line)


class QueryPool:
    """`size` workers on one store; `run` answers a query or says why not."""

    def __init__(self, location: Path, *, size: int = 2, timeout: float = 10, queue_wait: float = 2,
                 union: bool = False, prefixes: dict[str, str] | None = None, start_wait: float = 60):
        self.location, self.union, self.prefixes = Path(location), union, prefixes or {}
        self.size, self.timeout, self.queue_wait, self.start_wait = size, timeout, queue_wait, start_wait
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.busy: dict[int, Worker] = {}
        self.lock = threading.Lock()
        self.closed = False
        for worker in [self._start() for _ in range(size)]:
            if not worker.wait_ready(start_wait):
                worker.kill()
                self.close()
                raise MinutesKGError(f"{location}: a query worker could not open the store. Check it: "
                                     f"kg query {location} 'ASK {{}}'")
            self.idle.put(worker)

    def _start(self) -> Worker:
        return Worker(self.location, self.union, self.prefixes)

    def pids(self) -> list[int]:
        """The worker processes alive now (idle and busy)."""
        with self.lock:
            return sorted([w.pid for w in list(self.idle.queue)] + list(self.busy))

    def run(self, query: str, accept: str, default_graphs: list[str] = (), named_graphs: list[str] = ()) -> Answer:
        """Answer one query on a free worker; 503 when none is free within `queue_wait` seconds or
        when the query runs longer than `timeout` seconds (its worker is then killed and replaced)."""
        retry = max(1, math.ceil(self.timeout))
        try:
            worker = self.idle.get(timeout=self.queue_wait)
        except queue.Empty:
            return _message(503, f"The server is busy: {self.size} queries are running. Try again in {retry} s.",
                            retry)
        with self.lock:
            self.busy[worker.pid] = worker
        request = {"query": query, "accept": accept, "default_graph_uri": list(default_graphs),
                   "named_graph_uri": list(named_graphs)}
        try:
            answer = worker.ask(request, self.timeout)
        except TimeoutError:
            self._replace(worker)
            return _message(503, f"The query ran longer than {self.timeout:g} s and was stopped "
                                 "(kg serve --timeout sets the limit).", retry)
        except (EOFError, OSError, ValueError) as err:
            self._replace(worker)
            return _message(500, f"The query stopped its worker ({type(err).__name__}). Simplify the query.")
        self._release(worker)
        return answer

    def _release(self, worker: Worker) -> None:
        with self.lock:
            self.busy.pop(worker.pid, None)
        if self.closed:
            worker.kill()
        else:
            self.idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a worker now; start its successor in the background and add it once ready."""
        with self.lock:
            self.busy.pop(worker.pid, None)
        worker.kill()
        if not self.closed:
            threading.Thread(target=self._add_fresh, daemon=True).start()

    def _add_fresh(self) -> None:
        worker = self._start()
        if worker.wait_ready(self.start_wait) and not self.closed:
            self.idle.put(worker)
        else:
            worker.kill()

    def close(self) -> None:
        """Stop every worker (idle ones now, busy ones as they finish)."""
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                break
        with self.lock:
            busy = list(self.busy.values())
        for worker in busy:
            worker.kill()


def _message(status: int, text: str, retry_after: int | None = None) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8"), retry_after)


# ---------------------------------------------------------------- the worker process

RESULT_FORMATS = {"application/sparql-results+json": "JSON", "application/json": "JSON",
                  "application/sparql-results+xml": "XML", "application/xml": "XML", "text/csv": "CSV",
                  "text/tab-separated-values": "TSV"}
GRAPH_FORMATS = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/rdf+xml": "RDF_XML",
                 "application/ld+json": "JSON_LD"}


def _negotiate(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The first media type of the Accept header that `table` knows (q-values are ignored)."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
    return default, table[default]


class _Capped:
    """A binary sink that refuses to grow beyond MAX_RESULT bytes."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > MAX_RESULT:
            raise OverflowError
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer(store, request: dict, union: bool, prefixes: dict[str, str]) -> tuple[int, str, bytes]:
    """Run one request on an open pyoxigraph store: (status, content type, body)."""
    import pyoxigraph as ox

    from kg.sparql_errors import one_sentence

    options = {"use_default_graph_as_union": union, "prefixes": prefixes}
    if request.get("default_graph_uri"):
        options = {"default_graph": [ox.NamedNode(g) for g in request["default_graph_uri"]], "prefixes": prefixes}
    if request.get("named_graph_uri"):
        options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graph_uri"]]
    try:
        result = store.query(request["query"], **options)
    except SyntaxError as err:
        return 400, "text/plain; charset=utf-8", (one_sentence(str(err), request["query"], set(prefixes)) + "\n").encode("utf-8")
    except (OSError, ValueError) as err:
        return 400, "text/plain; charset=utf-8", (f"The query could not be run: {err}\n").encode("utf-8")
    if isinstance(result, ox.QueryTriples):
        media, name = _negotiate(request.get("accept", ""), GRAPH_FORMATS, "text/turtle")
        fmt = getattr(ox.RdfFormat, name)
    else:
        media, name = _negotiate(request.get("accept", ""), RESULT_FORMATS, "application/sparql-results+json")
        fmt = getattr(ox.QueryResultsFormat, name)
    sink = _Capped()
    try:
        result.serialize(sink, fmt)
    except OverflowError:
        return 503, "text/plain; charset=utf-8", (f"The result is larger than {MAX_RESULT // 1_000_000} MB. Add a "
                                                  "LIMIT or aggregate, or query the graph with kg query.\n").encode()
    except OSError as err:
        return 400, "text/plain; charset=utf-8", (f"The query could not be run: {err}\n").encode("utf-8")
    charset = "" if "xml" in media or "json" in media else "; charset=utf-8"
    return 200, media + charset, b"".join(sink.parts)


def main(argv: list[str]) -> None:
    """A worker: open the store read-only, say `ready`, then answer one request per line of stdin."""
    import pyoxigraph as ox

    location, prefixes, union = argv[0], json.loads(argv[1]), "--union" in argv[2:]
    store = ox.Store.read_only(location)
    out = sys.stdout.buffer
    out.write(READY)
    out.flush()
    for line in sys.stdin.buffer:
        status, ctype, body = answer(store, json.loads(line), union, prefixes)
        out.write(json.dumps({"status": status, "type": ctype, "length": len(body)}).encode("utf-8") + b"\n")
        out.write(body)
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
