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
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsclean.batch.safe import Task

CHUNKSIZE = 64  # pages a chunk: one task of a worker, one write (and flush) of the output
CHUNK_BYTES = 4_000_000  # a chunk also ends once it holds this much input
IN_FLIGHT_PER_WORKER = 2  # chunks read ahead and not yet written, per worker
# Seconds a chunk may take beyond its pages' timeouts before the watchdog kills its worker: room
# for a worker to start and import, and for the in-worker SIGALRM to end Python-level slowness
# first (the cheap way: no process is lost).
WATCHDOG_GRACE_S = 3.0


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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's run turns it into Ctrl-C
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


class _Overrun(Exception):
    """The watchdog's verdict: a chunk (or page) took longer than its deadline."""


def _deadline(tasks: int, timeout: float | None) -> float | None:
    """Seconds the watchdog gives `tasks` pages, or None (no watchdog)."""
    return None if timeout is None else tasks * timeout + WATCHDOG_GRACE_S


def _result(future, seconds: float | None) -> list:
    """The future's result; BrokenProcessPool if its worker died, _Overrun after `seconds`."""
    if future is None:
        raise BrokenProcessPool
    try:
        return future.result(timeout=seconds)
    except FutureTimeout:
        raise _Overrun from None


def ordered_map(func: Callable[[list[Task]], list], crashed: Callable[[Task], Any],
                chunks: Iterable[list[Task]], workers: int,
                in_flight: int | None = None, *, timeout: float | None = None,
                timed_out: Callable[[Task], Any] | None = None,
                ) -> Iterator[tuple[list[Task], list]]:
    """Yield `(chunk, func(chunk))` for each chunk, in order, with at most `in_flight` chunks
    submitted and not yet yielded. `func` must be picklable; `crashed(task)` gives the result of
    a task whose worker died on it, `timed_out(task)` that of a task the watchdog ended
    (`timeout`: seconds a task; see the module docstring). With a `timeout`, even `workers=1`
    runs in a worker process: only a process can be stopped inside C code."""
    if workers <= 1 and timeout is None:
        for chunk in chunks:
            yield chunk, func(chunk)
        return
    workers = max(workers, 1)
    lost_result = {BrokenProcessPool: crashed, _Overrun: timed_out or crashed}
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
                results = _result(future, _deadline(len(chunk), timeout))
            except (BrokenProcessPool, _Overrun) as exc:
                # A worker died, or was stuck and is killed now: every chunk in flight is lost.
                # Re-run them in a fresh pool, one at a time; page by page the one that failed
                # (an overrun: at once, since it will overrun again; a crash: if it crashes again).
                redo = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool = _renew(pool, workers)
                for i, lost in enumerate(redo):
                    results, pool = _rerun(func, lost_result, lost, pool, workers, timeout,
                                           by_page=i == 0 and isinstance(exc, _Overrun))
                    yield lost, results
                continue
            yield chunk, results
        finished = True
    finally:
        _stop_pool(pool, kill=not finished)


def _rerun(func: Callable[[list[Task]], list], lost_result: dict,
           chunk: list[Task], pool: ProcessPoolExecutor, workers: int, timeout: float | None,
           by_page: bool = False) -> tuple[list, ProcessPoolExecutor]:
    """Run a chunk that was in flight when a worker died or was killed; if it fails again (or at
    once with `by_page`), run its pages one at a time, and give a page that fails alone
    `lost_result[why](task)`. Return its results and a pool that works."""
    if not by_page:
        try:
            return _result(pool.submit(func, chunk), _deadline(len(chunk), timeout)), pool
        except (BrokenProcessPool, _Overrun):
            pool = _renew(pool, workers)
    results = []
    for task in chunk:
        try:
            results.extend(_result(pool.submit(func, [task]), _deadline(1, timeout)))
        except (BrokenProcessPool, _Overrun) as exc:
            results.append(lost_result[type(exc)](task))
            pool = _renew(pool, workers)
    return results, pool
