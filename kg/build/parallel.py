"""Parallel runs: a job over many inputs in forked worker processes, results in order, and
big results handed back through files rather than the pipe."""
from __future__ import annotations

import gc
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from kg.build import codec


@contextmanager
def _fewer_collections():
    """Run Python's cyclic garbage collector's passes less often while a batch is built.

    A build makes hundreds of thousands of long-lived objects (rdflib's indexes, the
    extracted records) and almost no cyclic garbage; at the default threshold (a young pass
    every 700 allocations, each tenth promoting into full passes over the whole heap) the
    collector took a fifth of the time of a 100-document build. Same output, same peak
    memory; the previous threshold is restored afterwards."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 10_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _spill(folder: str, obj) -> str:
    """`obj` written into a new file of `folder` as a cache entry is (`kg.build.codec`: data,
    not a pickle; `obj` may be one already); the file's path. Workers hand back what they
    made this way rather than through the pool's pipe: reading a file back costs the parent a
    third as much (300 documents' graphs, 96 MB: 0.25 s of its time against 0.65 s), time in
    which the workers wait on it."""
    fd, path = tempfile.mkstemp(suffix=".json", dir=folder)
    with os.fdopen(fd, "wb") as out:
        out.write(obj if isinstance(obj, bytes) else codec.dumps(obj))
    return path


def _summary_in(folder: str, job, path) -> "ReadDocument":
    """`job(path)` (`read_and_extract`) in a worker, handed back without its content (see
    `ReadDocument.without_content`)."""
    return job(path).without_content(folder)


def _reads_back(results, folder: str | None):
    """The results of `_run`, those a worker left in a file read back; the files of `folder`
    (the batch's hand-off folder, not the cache) removed once read."""
    for r in results:
        if isinstance(r, str):
            data = Path(r).read_bytes()
            if folder is not None and os.path.dirname(r) == folder:
                os.unlink(r)
            r = codec.loads(data)
        yield r


def _run(job, inputs: list, workers: int, sizes: list[int] | None = None, pipeline: bool = True,
         child_job=None):
    """Apply `job` to every input and yield the results in order, in `workers` processes when
    more than one: this one and `workers` - 1 forked children, which run `child_job` (by
    default `job`; one that hands a big result back through a file, see `_spill`). Every
    process takes the next input from a shared counter, the biggest inputs (by `sizes`) first,
    so that no process is left with a long one at the end while the others wait.

    This process works too, rather than only collecting: what it makes needs no hand-off, and
    `workers` processes share `workers` cores instead of `workers` + 1 (a collector that woke
    for every result took CPU from the workers: 2 workers gave 1.6x, not the machine's 1.8-1.9x)."""
    if workers <= 1 or len(inputs) < 2:
        yield from map(job, inputs)
        return
    import multiprocessing

    from extractors import load_pipeline

    if pipeline:
        load_pipeline()  # once here, so that every forked child starts with it instead of building its own
    order = sorted(range(len(inputs)), key=lambda k: -sizes[k]) if sizes else list(range(len(inputs)))
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)
    done: dict[int, object] = {}
    children, live = [], {}
    # what the children inherit is kept out of the collector's passes: they would walk the whole
    # inherited heap, and touching it copies every page into each child
    frozen = gc.get_freeze_count() == 0  # leave alone what a caller froze itself
    if frozen:
        gc.freeze()
    try:
        for _ in range(min(workers, len(inputs)) - 1):
            ours, theirs = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(child_job or job, inputs, order, taken, theirs), daemon=True)
            child.start()
            theirs.close()
            children.append(child)
            live[ours] = child
        upto = 0
        while True:
            n = _take(taken)
            if n < len(order):
                done[order[n]] = job(inputs[order[n]])
            _collect(live, done, timeout=0 if n < len(order) else None)
            while upto in done:
                yield done.pop(upto)
                upto += 1
            if n >= len(order) and not live:
                break
        if upto < len(inputs):
            raise RuntimeError(f"{len(inputs) - upto} input(s) were not handed back by the worker processes")
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        for conn in live:
            conn.close()
        if frozen:
            gc.unfreeze()


class Later:
    """`fn()` worked out in a forked child while this process goes on with other work (`fork`),
    handed back by `result()`; without `fork`, worked out by `result()` itself. `kg build -w N`
    checks what crosses documents against the shapes this way while it writes the search index:
    two steps that each used one core while the other waited."""

    def __init__(self, fn, fork: bool = True):
        import multiprocessing

        self._fn, self._live = fn, {}
        if fork:
            context = multiprocessing.get_context("fork")
            ours, theirs = context.Pipe(duplex=False)
            child = context.Process(target=_later_child, args=(fn, theirs), daemon=True)
            child.start()
            theirs.close()
            self._live = {ours: child}

    def result(self):
        if not self._live:
            return self._fn()
        done: dict[int, object] = {}
        try:
            while self._live:
                _collect(self._live, done, timeout=None)
        finally:
            for conn, child in self._live.items():
                child.terminate()
                child.join()
                conn.close()
            self._live = {}
        return done[0]


def _later_child(fn, conn) -> None:
    """The forked child of `Later`: `fn()` sent as `_child` sends a result, then None."""
    try:
        conn.send((0, fn()))
        conn.send(None)
    except BaseException as err:  # noqa: BLE001 (handed to the parent, which raises it)
        _send_raised(conn, err)
    finally:
        conn.close()


def _take(taken) -> int:
    """The next place in the order of inputs, shared by every process of `_run`."""
    with taken.get_lock():
        n = taken.value
        taken.value = n + 1
    return n


def _child(job, inputs: list, order: list[int], taken, conn) -> None:
    """A forked child of `_run`: take inputs until none are left, send (index, result) for
    each, then None; an exception is sent to be raised in the parent."""
    try:
        while (n := _take(taken)) < len(order):
            conn.send((order[n], job(inputs[order[n]])))
        conn.send(None)
    except BaseException as err:  # noqa: BLE001 (handed to the parent, which raises it)
        _send_raised(conn, err)
    finally:
        conn.close()


def _send_raised(conn, err: BaseException) -> None:
    try:
        conn.send(("raised", err))
    except Exception:  # noqa: BLE001 (the exception would not pickle)
        conn.send(("raised", RuntimeError(f"a worker process failed: {type(err).__name__}: {err}")))


def _collect(live: dict, done: dict[int, object], timeout: float | None) -> None:
    """Results the children of `_run` have sent, into `done`, waiting up to `timeout` (None:
    until one is ready); a child that has finished is dropped from `live`."""
    from multiprocessing.connection import wait

    for conn in wait(list(live), timeout):
        try:
            message = conn.recv()
        except EOFError:
            child = live.pop(conn)
            child.join()
            raise RuntimeError(f"a worker process stopped unexpectedly (exit code {child.exitcode})") from None
        if message is None:
            live.pop(conn).join()
            conn.close()
        elif message[0] == "raised":
            raise message[1]
        else:
            done[message[0]] = message[1]


def _size(path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
