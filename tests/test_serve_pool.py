"""kg serve's query workers: a timed-out query's process is killed, at most N queries run at once,
the standard prefixes are added, and syntax errors are one sentence at the user's line and column."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Dataset, Literal, Namespace

from kg.queries import standard_prefixes
from kg.serve import free_port, wait_until_up
from kg.serve_pool import QueryPool
from kg.sparql_errors import one_sentence
from kg.store import load_into_store, save

EX = Namespace("http://example.org/")
MKG = "https://w3id.org/minutes-kg/def#"
# a grouping over a four-way cross join of 300 triples (8.1e9 rows): never ends within a test
HEAVY = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } GROUP BY ?c"
LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pool")
    ds = Dataset(default_union=True)
    for i in range(300):
        ds.graph(EX.doc).add((EX[f"meeting{i}"], EX.number, Literal(i)))
    ds.graph(EX.doc).add((EX.meeting0, EX.label, Literal("Finance Panel")))
    load_into_store(save(ds, tmp / "filler.nq"), tmp / "store")
    return tmp / "store"


def alive(pid: int) -> bool:
    """True while the process exists (a killed and reaped worker does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_timed_out_query_kills_its_worker_and_a_new_one_answers(store):
    pool = QueryPool(store, size=1, timeout=1, queue_wait=30, prefixes=standard_prefixes())
    try:
        [before] = pool.pids()
        started = time.monotonic()
        answer = pool.run(HEAVY, "text/csv")
        assert answer.status == 503 and b"longer than 1 s" in answer.body and answer.retry_after == 1
        assert time.monotonic() - started < 20  # generous: the point is that it returns at all
        assert not alive(before)  # the heavy query's process is gone, and its CPU with it
        light = pool.run(LIGHT, "text/csv")  # waits for the fresh worker
        assert light.status == 200 and light.body.decode().splitlines() == ["n", "301"]
        assert pool.pids() and before not in pool.pids()
    finally:
        pool.close()


def test_at_most_n_queries_at_once_the_rest_get_503_with_retry_after(store):
    pool = QueryPool(store, size=1, timeout=3, queue_wait=0.2)
    try:
        heavy = threading.Thread(target=pool.run, args=(HEAVY, "text/csv"))
        heavy.start()
        deadline = time.monotonic() + 10
        while not pool.busy and time.monotonic() < deadline:
            time.sleep(0.02)
        busy = pool.run(LIGHT, "text/csv")
        assert busy.status == 503 and busy.retry_after == 3 and b"busy" in busy.body
        heavy.join(timeout=30)
        assert not heavy.is_alive()
        deadline = time.monotonic() + 30
        while pool.idle.empty() and time.monotonic() < deadline:  # the killed worker's successor starts
            time.sleep(0.05)
        assert pool.run(LIGHT, "text/csv").status == 200
        workers = pool.pids()
    finally:
        pool.close()
    assert workers and not any(alive(p) for p in workers)


def test_standard_prefixes_are_added_when_missing(store):
    pool = QueryPool(store, size=1, timeout=10, prefixes=standard_prefixes())
    try:
        answer = pool.run("SELECT (COUNT(*) AS ?n) WHERE { ?s a mkg:Meeting }", "text/csv")
        assert answer.status == 200 and answer.body.decode().splitlines() == ["n", "0"]
        # a query's own declaration wins
        own = pool.run("PREFIX mkg: <http://example.org/>\nSELECT (COUNT(*) AS ?n) WHERE { ?s mkg:number ?o }",
                       "text/csv")
        assert own.body.decode().splitlines() == ["n", "300"]
    finally:
        pool.close()


def test_syntax_error_is_one_sentence_at_the_users_line(store):
    pool = QueryPool(store, size=1, timeout=10, prefixes=standard_prefixes())
    try:
        answer = pool.run("SELECT ?s\nWHERE {\n  ?s ?p\n}", "application/sparql-results+json")
        text = answer.body.decode()
        assert answer.status == 400 and text.count("\n") == 1
        assert text.startswith("Syntax error at line 4") and "[" not in text
        undeclared = pool.run("SELECT ?s WHERE {\n  ?s ex:thing ?o }", "text/csv").body.decode()
        assert "line 2" in undeclared and "'ex:'" in undeclared and "not declared" in undeclared
    finally:
        pool.close()


def test_one_sentence_without_a_position():
    assert one_sentence("something odd\n  happened").startswith("The query could not be parsed: something odd happened")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.add(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _get(base: str, query: str) -> tuple[int, dict, str]:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/csv"}), timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


@pytest.mark.server
def test_served_timeout_frees_the_cpu(store, tmp_path):
    """Through `kg serve`: the timed-out query's process is gone, and a light query still answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli_store", "serve", str(store), "--port", str(port),
                                "--timeout", "1", "--workers", "1"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/queries.json", attempts=300, pause=0.1, process=process)
        before = _children(process.pid)
        status, headers, body = _get(base, HEAVY)
        assert status == 503 and "longer than 1 s" in body and headers.get("Retry-After") == "1"
        assert before and not any(alive(p) for p in before - _children(process.pid))
        assert not (before & _children(process.pid))
        status, _, body = _get(base, LIGHT)
        assert status == 200 and body.splitlines() == ["n", "301"]
    finally:
        process.terminate()
        process.wait(timeout=15)
