"""The ordered, bounded process pool under `segment_many` and `newsclean batch`.

Chunks of tasks go to a `ProcessPoolExecutor` (the platform's default start method) and their
results come back in input order, with a bounded number of chunks read ahead. A worker that dies
(killed, out of memory) breaks the pool: the chunks in flight are re-run in a fresh pool, page by
page for the chunk that broke it, and the page that kills a worker alone gets `crashed(task)`.
"""
from __future__ import annotations

import collections
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsclean.batch.safe import Task

CHUNKSIZE = 64  # pages a chunk: one task of a worker, one write (and flush) of the output
CHUNK_BYTES = 4_000_000  # a chunk also ends once it holds this much input
IN_FLIGHT_PER_WORKER = 2  # chunks read ahead and not yet written, per worker


def default_workers() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def chunked(tasks: Iterable[Task], size: int = CHUNKSIZE,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[Task]]:
    """Cut `tasks` into lists of at most `size` tasks and about `max_bytes` of input."""
    chunk: list[Task] = []
    held = 0
    for task in tasks:
        chunk.append(task)
        held += task.size
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _init_worker() -> None:
    """In each pool worker: Ctrl-C is the parent's to handle, and a worker whose parent died
    (a killed run) exits instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newsclean-orphan-watch", daemon=True).start()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)


def _stop_pool(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    if not kill:
        pool.shutdown(wait=True)
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def _renew(pool: ProcessPoolExecutor, workers: int) -> ProcessPoolExecutor:
    _stop_pool(pool, kill=True)
    return _new_pool(workers)


_END = object()


def ordered_map(func: Callable[[list[Task]], list], crashed: Callable[[Task], Any],
                chunks: Iterable[list[Task]], workers: int,
                in_flight: int | None = None) -> Iterator[tuple[list[Task], list]]:
    """Yield `(chunk, func(chunk))` for each chunk, in order, with at most `in_flight` chunks
    submitted and not yet yielded. `func` must be picklable; `crashed(task)` gives the result of
    a task whose worker died on it."""
    if workers <= 1:
        for chunk in chunks:
            yield chunk, func(chunk)
        return
    in_flight = in_flight or IN_FLIGHT_PER_WORKER * workers
    source = iter(chunks)
    pending: collections.deque = collections.deque()
    pool = _new_pool(workers)
    finished = False
    try:
        while True:
            while len(pending) < in_flight:
                chunk = next(source, _END)
                if chunk is _END:
                    break
                try:
                    pending.append((chunk, pool.submit(func, chunk)))
                except BrokenProcessPool:
                    pending.append((chunk, None))
            if not pending:
                break
            chunk, future = pending.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool
                results = future.result()
            except BrokenProcessPool:
                # A worker died: every chunk in flight is lost. Re-run them in a fresh pool, one
                # at a time, and page by page the one that breaks it again.
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool = _renew(pool, workers)
                for lost in redo:
                    results, pool = _rerun(func, crashed, lost, pool, workers)
                    yield lost, results
                continue
            yield chunk, results
        finished = True
    finally:
        _stop_pool(pool, kill=not finished)


def _rerun(func: Callable[[list[Task]], list], crashed: Callable[[Task], Any],
           chunk: list[Task], pool: ProcessPoolExecutor,
           workers: int) -> tuple[list, ProcessPoolExecutor]:
    """Run a chunk that was in flight when a worker died; if it breaks the pool again, run its
    pages one at a time. Return its results and a pool that works."""
    try:
        return pool.submit(func, chunk).result(), pool
    except BrokenProcessPool:
        pool = _renew(pool, workers)
    results = []
    for task in chunk:
        try:
            results.extend(pool.submit(func, [task]).result())
        except BrokenProcessPool:
            results.append(crashed(task))
            pool = _renew(pool, workers)
    return results, pool
