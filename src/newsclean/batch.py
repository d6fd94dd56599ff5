"""Many pages: `segment_many()` for code, and the engine of `newsclean batch`.

One page is a pure function call (`segment`), so a batch is an ordered map over pages:

- **Order.** Results come back in input order whatever the number of workers, so the output of
  a run is byte-identical for any `workers`.
- **Bounded memory.** Inputs are read lazily and cut into chunks (`chunksize` pages, at most
  `CHUNK_BYTES` of input); at most `IN_FLIGHT_PER_WORKER` chunks a worker are read ahead. A
  10 GB dump never sits in memory.
- **One result per page.** A page that cannot be segmented (an exception of any kind, a
  timeout, a worker process that died on it) becomes a `Failure`, never a lost page or an
  aborted run.
- **Timeout per page.** POSIX only: `signal.setitimer` around each `segment` call, in the
  process that runs it (a pool worker, or the caller's main thread when `workers=1`). Elsewhere,
  or off the main thread, there is no timeout.

`workers=1` runs in the calling process, without a pool. Otherwise a
`concurrent.futures.ProcessPoolExecutor` of the platform's default start method runs the chunks;
a worker that dies (killed, out of memory) breaks the pool: the chunks in flight are then re-run
in a fresh pool, page by page for the chunk that broke it, and the page that kills a worker
alone becomes a `WorkerCrashed` failure.
"""
from __future__ import annotations

import collections
import contextlib
import gzip
import json
import os
import signal
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import IO, Any, NamedTuple

import attrs

from newsclean.errors import (BadRecord, BatchInputError, EmptyPage, InputTooLarge, Timeout,
                              WorkerCrashed)
from newsclean.model import Document
from newsclean.pipeline import INPUTS, MAX_CHARS, segment

CHUNKSIZE = 64  # pages a chunk: one task of a worker, one write (and flush) of the output
CHUNK_BYTES = 4_000_000  # a chunk also ends once it holds this much input
IN_FLIGHT_PER_WORKER = 2  # chunks read ahead and not yet written, per worker
MAX_PAGE_BYTES = 4 * MAX_CHARS  # a file or JSONL line larger than this is InputTooLarge, unread
MESSAGE_CHARS = 500  # an error message is cut to this length
PAGE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = (".jsonl",)


# --- results --------------------------------------------------------------------------------

@attrs.frozen(slots=True)
class Failure:
    """A page that gave no Document: `type` is the exception's class name (`DecodeError`,
    `InputTooLarge`, `Timeout`, `JSONDecodeError`, …), `message` its one-line text. `id` is the
    page's position in the input for `segment_many`, the record's id for `newsclean batch`."""

    id: Any
    type: str
    message: str

    @classmethod
    def of(cls, id: Any, exc: BaseException) -> Failure:
        message = " ".join(str(exc).split())[:MESSAGE_CHARS] or type(exc).__name__
        return cls(id, type(exc).__name__, message)

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


class Task(NamedTuple):
    """One page to segment. `page` is a Failure when reading it already failed."""

    id: Any
    page: str | bytes | Failure
    input: str
    size: int  # bytes of input, for progress figures


@attrs.frozen(slots=True)
class Options:
    """What a worker needs besides the pages. `lines`: render each result as an output line."""

    lang: str | None = None
    timeout: float | None = None
    max_chars: int = MAX_CHARS
    lines: bool = False
    with_text: bool = False


# --- one page -------------------------------------------------------------------------------

_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def _on_alarm(signum: int, frame: Any) -> None:
    raise Timeout()


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise `Timeout` inside the block once `seconds` have passed (wall clock).

    POSIX and the main thread only (a SIGALRM timer); elsewhere the block runs without limit.
    The caller's own SIGALRM handler is put back afterwards."""
    if not seconds or not _HAS_TIMER or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def segment_task(task: Task, options: Options) -> Document | Failure:
    """Segment one page; any exception (but KeyboardInterrupt and SystemExit) is a Failure."""
    if isinstance(task.page, Failure):
        return task.page
    try:
        with deadline(options.timeout):
            return segment(task.page, lang=options.lang, input=task.input,
                           max_chars=options.max_chars)
    except Timeout:
        return Failure.of(task.id, Timeout(f"no result within {options.timeout:g} s"))
    except Exception as exc:  # noqa: BLE001 - one bad page must not end a run
        return Failure.of(task.id, exc)


def result_line(id: Any, result: Document | Failure, with_text: bool = False) -> bytes:
    """The output line of `newsclean batch` for one page, UTF-8, ending in a newline."""
    if isinstance(result, Failure):
        record = {"id": id, "ok": False, "error": result.to_dict()}
    else:
        record = {"id": id, "ok": True, "document": result.to_dict(with_text=with_text)}
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the page: \u-escapes are valid JSON
        return (json.dumps(record) + "\n").encode("ascii")


def run_chunk(chunk: list[Task], options: Options) -> list:
    """A worker's task: the chunk's results, Documents and Failures; with `options.lines`,
    (output line, the failure's type or None) instead."""
    results = [segment_task(t, options) for t in chunk]
    if options.lines:
        return [_as_line(t, r, options) for t, r in zip(chunk, results)]
    return results


def _as_line(task: Task, result: Document | Failure, options: Options) -> tuple[bytes, str | None]:
    return (result_line(task.id, result, options.with_text),
            result.type if isinstance(result, Failure) else None)


def _crashed(task: Task, options: Options) -> Any:
    failure = Failure.of(task.id, WorkerCrashed(
        "the worker process died while segmenting this page (killed, out of memory, a crash)"))
    return _as_line(task, failure, options) if options.lines else failure


# --- the ordered, bounded pool --------------------------------------------------------------

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
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(timeout=5)


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


def _rerun(func, crashed, chunk, pool, workers):
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


def _renew(pool: ProcessPoolExecutor, workers: int) -> ProcessPoolExecutor:
    _stop_pool(pool, kill=True)
    return _new_pool(workers)


# --- segment_many ---------------------------------------------------------------------------

def segment_many(pages: Iterable[str | bytes], *, workers: int | None = None,
                 lang: str | None = None, input: str = "auto", timeout: float | None = None,
                 chunksize: int = CHUNKSIZE) -> Iterator[Document | Failure]:
    """Segment many pages; yield a `Document` or a `Failure` for each page, in input order.

    `pages` is any iterable of `str` or `bytes`, read lazily: at most about
    `IN_FLIGHT_PER_WORKER * workers` chunks of `chunksize` pages are held at once.
    `workers` defaults to the CPUs available; `workers=1` segments in this process, without a
    pool. `lang` and `input` are those of `segment()`, for every page. `timeout` (seconds, per
    page; POSIX, and in this process only from the main thread) turns a slow page into a
    `Failure` of type "Timeout". A `Failure`'s `id` is the page's position in `pages` (from 0).

    With `workers > 1`, call it under `if __name__ == "__main__":` in a script (the start
    method of the platform may re-import the main module in the workers).
    """
    if input not in INPUTS:
        raise ValueError(f"input must be one of {INPUTS}, not {input!r}")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive, not {timeout}")
    options = Options(lang=lang, timeout=timeout)
    tasks = (Task(i, page, input, _size(page)) for i, page in enumerate(pages))
    return _results(tasks, options, workers, chunksize)


def _results(tasks, options, workers, chunksize):
    for _, results in ordered_map(partial(run_chunk, options=options),
                                  partial(_crashed, options=options),
                                  chunked(tasks, chunksize), workers):
        yield from results


def _size(page: Any) -> int:
    return len(page) if isinstance(page, (str, bytes, bytearray)) else 0


# --- reading inputs (newsclean batch) -------------------------------------------------------

@attrs.frozen
class Fields:
    """Where a JSONL record keeps its page and its id."""

    text: str = "text"
    html: str = "html"
    id: str = "id"


def input_kind(path: str) -> str | None:
    """'jsonl', 'text' or 'html' by the file's name (an optional .gz after it), else None."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return PAGE_SUFFIXES.get(os.path.splitext(name)[1])


def check_inputs(inputs: list[str], out: str | None = None) -> None:
    """Raise BatchInputError for an INPUT that cannot be read as a whole."""
    if not inputs:
        raise BatchInputError("no INPUT given")
    if inputs.count("-") > 1:
        raise BatchInputError("standard input (-) can be read only once")
    out_real = os.path.realpath(out) if out and out != "-" else None
    for path in inputs:
        if path == "-":
            continue
        if not os.path.exists(path):
            raise BatchInputError(f"cannot read {path}: no such file or directory")
        if os.path.isdir(path):
            if not os.access(path, os.R_OK | os.X_OK):
                raise BatchInputError(f"cannot read {path}: permission denied")
            continue
        if input_kind(path) is None:
            raise BatchInputError(
                f"{path}: not a page or JSONL file by its name "
                "(.txt, .html, .htm, .jsonl, each optionally .gz)")
        if out_real and os.path.realpath(path) == out_real:
            raise BatchInputError(f"{path} is both an INPUT and the output")
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise BatchInputError(f"cannot read {path}: {exc.strerror or exc}") from None


def iter_tasks(inputs: list[str], *, fields: Fields = Fields(), input: str | None = None,
               skip: Iterable[str] = (), stdin: IO[bytes] | None = None) -> Iterator[Task]:
    """Every page of `inputs`, in order, as Tasks, read lazily.

    A file is one page (id: the path as given); a directory is walked recursively in name order
    for page and JSONL files (ids: paths relative to it, with /); a JSONL file or `-` (stdin)
    holds one page a line. `input` overrides what names and fields say the pages are.
    Paths in `skip` (the run's own output) are left out of directory walks."""
    skip_real = {os.path.realpath(p) for p in skip}
    for path in inputs:
        if path == "-":
            yield from _jsonl_tasks(stdin if stdin is not None else sys.stdin.buffer,
                                    "<stdin>", fields, input)
        elif os.path.isdir(path):
            for full, rel in _walk(path, skip_real):
                if isinstance(full, OSError):
                    yield _failed(rel, full)
                else:
                    yield from _file_tasks(full, rel, fields, input)
        else:
            yield from _file_tasks(path, path, fields, input)


def _walk(top: str, skip_real: set[str], rel: str = "") -> Iterator[tuple[Any, str]]:
    """(path, relative id) of the page and JSONL files under `top`, in name order; an unreadable
    directory gives (the OSError, its relative id)."""
    here = os.path.join(top, rel) if rel else top
    try:
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield exc, rel or "."
        return
    for entry in entries:
        sub = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(top, skip_real, sub)
        elif input_kind(entry.name) and os.path.realpath(entry.path) not in skip_real:
            yield entry.path, sub


def _failed(id: Any, exc: BaseException, size: int = 0) -> Task:
    return Task(id, Failure.of(id, exc), "auto", size)


def _open(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _file_tasks(path: str, id: str, fields: Fields, input: str | None) -> Iterator[Task]:
    kind = input_kind(path)
    if kind == "jsonl":
        try:
            fh = _open(path)
        except OSError as exc:
            yield _failed(f"{id}:0", exc)
            return
        with fh:
            yield from _jsonl_tasks(fh, id, fields, input)
        return
    try:
        with _open(path) as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield _failed(id, exc)
        return
    if len(data) > MAX_PAGE_BYTES:
        yield _failed(id, InputTooLarge(f"the file holds more than {MAX_PAGE_BYTES} bytes"))
    elif not data.strip():
        yield _failed(id, EmptyPage("the page is empty"), len(data))
    else:
        yield Task(id, data, input or kind or "auto", len(data))


def _jsonl_tasks(fh: IO[bytes], name: str, fields: Fields,
                 input: str | None) -> Iterator[Task]:
    number = 0
    try:
        for number, line in _lines(fh):
            if line is None:
                yield _failed(f"{name}:{number}", InputTooLarge(
                    f"the line holds more than {MAX_PAGE_BYTES} bytes"))
            elif line.strip():
                yield _record_task(line, f"{name}:{number}", fields, input)
    except (OSError, EOFError, zlib.error) as exc:  # a broken .gz: the rest of the file is lost
        yield _failed(f"{name}:{number + 1}", exc)


def _lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) from 1; None for a line over MAX_PAGE_BYTES, which is skipped unread."""
    number = 0
    while True:
        line = fh.readline(MAX_PAGE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_PAGE_BYTES and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _record_task(line: bytes, where: str, fields: Fields, input: str | None) -> Task:
    size = len(line)
    try:
        record = json.loads(line)
    except Exception as exc:  # noqa: BLE001 - JSONDecodeError, UnicodeDecodeError, RecursionError
        return _failed(where, exc, size)
    if not isinstance(record, dict):
        return _failed(where, BadRecord(f"the line is a JSON {type(record).__name__}, "
                                        "not an object"), size)
    id = record.get(fields.id)
    if id is None:
        id = where
    for field, kind in ((fields.html, "html"), (fields.text, "text")):
        page = record.get(field)
        if page is None:
            continue
        if not isinstance(page, str):
            return _failed(id, BadRecord(f"field {field!r} is a JSON {type(page).__name__}, "
                                         "not a string"), size)
        if not page.strip():
            return _failed(id, EmptyPage(f"field {field!r} is empty"), size)
        return Task(id, page, input or kind, size)
    return _failed(id, BadRecord(f"no {fields.html!r} or {fields.text!r} field"), size)


# --- the output, and resuming it ------------------------------------------------------------

def id_key(id: Any) -> str:
    """How ids are compared when resuming: their JSON text."""
    return json.dumps(id, ensure_ascii=False, sort_keys=True)


@attrs.define
class Earlier:
    """What OUT already holds when resuming: ids (a multiset), line count, failure types."""

    ids: collections.Counter = attrs.Factory(collections.Counter)
    lines: int = 0
    failed: collections.Counter = attrs.Factory(collections.Counter)


_DECODER = json.JSONDecoder()
_PREFIX = '{"id": '


def _parse_line(line: bytes, number: int, path: str) -> tuple[str, str | None]:
    """(id key, the failure's type or None) of one line of OUT."""
    try:
        text = line.decode("utf-8")
        if text.startswith(_PREFIX):
            id, end = _DECODER.raw_decode(text, len(_PREFIX))
            if text.startswith(', "ok": true', end):
                return id_key(id), None
        record = json.loads(text)
        ok = record["ok"]
        return id_key(record["id"]), None if ok else str(record["error"]["type"])
    except (ValueError, KeyError, TypeError):
        raise BatchInputError(f"--resume: line {number} of {path} is not a line of newsclean "
                              "batch output") from None


def prepare_resume(path: str) -> Earlier:
    """Read OUT's ids, and cut OUT back to its last complete line (a killed run may have left
    half a line, or, for .gz, a stream without its end; such a .gz is rewritten)."""
    earlier = Earlier()
    if not os.path.exists(path):
        return earlier

    def note(line: bytes) -> None:
        earlier.lines += 1
        key, failed = _parse_line(line, earlier.lines, path)
        earlier.ids[key] += 1
        if failed:
            earlier.failed[failed] += 1

    try:
        if path.lower().endswith(".gz"):
            reader = _GzipLines(path)
            for line in reader:
                note(line)
            if not reader.clean:
                _rewrite_gzip(path, earlier.lines)
        else:
            good = 0
            with open(path, "rb") as fh:
                for line in fh:
                    if not line.endswith(b"\n"):
                        break
                    note(line)
                    good += len(line)
            if good != os.path.getsize(path):
                os.truncate(path, good)
    except OSError as exc:
        raise BatchInputError(f"--resume: cannot read {path}: {exc.strerror or exc}") from None
    return earlier


class _GzipLines:
    """The complete lines of a gzip file that may end early (a killed run) or hold damage;
    afterwards `clean` says whether the file was whole: every member ended, no partial line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.clean = True

    def __iter__(self) -> Iterator[bytes]:
        rest = b""
        decomp = zlib.decompressobj(31)
        in_member = False
        with open(self.path, "rb") as fh:
            while block := fh.read(1 << 20):
                while block:
                    try:
                        data = decomp.decompress(block)
                    except zlib.error:
                        self.clean = False
                        return
                    in_member = True
                    block = b""
                    if decomp.eof:  # a member ended; another may follow (a resumed run's)
                        block, decomp, in_member = decomp.unused_data, zlib.decompressobj(31), False
                    rest += data
                    *lines, rest = rest.split(b"\n")
                    for line in lines:
                        yield line + b"\n"
        if in_member or rest:
            self.clean = False


def _rewrite_gzip(path: str, lines: int) -> None:
    tmp = path + ".resume-tmp"
    with open(tmp, "wb") as raw, _gzip_writer(raw) as out:
        for i, line in enumerate(_GzipLines(path)):
            if i >= lines:
                break
            out.write(line)
    os.replace(tmp, path)


def _gzip_writer(raw: IO[bytes]) -> gzip.GzipFile:
    # mtime=0 and no file name in the header: the same lines give the same bytes.
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)


class _Sink:
    """OUT, opened to write (or to append, when resuming); `-` is standard output. Each chunk's
    lines are written whole and flushed, so a killed run leaves at most one partial line."""

    def __init__(self, path: str, append: bool) -> None:
        self.raw: IO[bytes] | None = None
        self.gz: gzip.GzipFile | None = None
        if path == "-":
            self.out: IO[bytes] = sys.stdout.buffer
            return
        try:
            self.raw = open(path, "ab" if append else "wb")
        except OSError as exc:
            raise BatchInputError(f"cannot write {path}: {exc.strerror or exc}") from None
        if path.lower().endswith(".gz"):
            self.gz = _gzip_writer(self.raw)  # appending starts a new gzip member
        self.out = self.gz or self.raw

    def write(self, lines: list[bytes]) -> None:
        self.out.write(b"".join(lines))
        self.out.flush()  # for .gz, a sync flush: what is written so far can be read back
        if self.gz is not None and self.raw is not None:
            self.raw.flush()

    def close(self) -> None:
        if self.gz is not None:
            self.gz.close()
        if self.raw is not None:
            self.raw.close()


class Progress:
    """One line on a terminal, rewritten in place (a carriage return): documents, documents a
    second, MB of input a second, failures. Redrawn at most every `every` seconds."""

    def __init__(self, stream: IO[str], every: float = 0.5) -> None:
        self.stream = stream
        self.every = every
        self.start = self.last = time.perf_counter()
        self.width = 0

    def update(self, docs: int, nbytes: int, failed: int) -> None:
        now = time.perf_counter()
        if now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        text = (f"{docs:,} documents  {docs / elapsed:,.1f} docs/s  "
                f"{nbytes / 1e6 / elapsed:,.2f} MB/s  {failed:,} failed")
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


@attrs.define
class Summary:
    """What a batch run did. `documents` is the number of lines in OUT at the end (one an input
    document), `earlier` how many of them an earlier run wrote (--resume); `failed` counts the
    failures by type, earlier ones included; `bytes` and `seconds` are this run's."""

    documents: int = 0
    earlier: int = 0
    failed: collections.Counter = attrs.Factory(collections.Counter)
    bytes: int = 0
    seconds: float = 0.0

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    def line(self) -> str:
        out = f"{self.documents:,} documents, {self.failures:,} failed"
        if self.failed:
            out += " (" + ", ".join(f"{n:,} {t}" for t, n in sorted(
                self.failed.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
        if self.earlier:
            out += f"; {self.earlier:,} of them from an earlier run"
        done = self.documents - self.earlier
        seconds = max(self.seconds, 1e-9)
        out += (f"; {done:,} in this run, {self.seconds:.1f} s "
                f"({done / seconds:,.1f} docs/s, {self.bytes / 1e6 / seconds:,.2f} MB/s)")
        return out


def run_batch(inputs: list[str], out: str, *, workers: int | None = None,
              timeout: float | None = None, resume: bool = False, lang: str | None = None,
              input: str | None = None, fields: Fields = Fields(), with_text: bool = False,
              chunksize: int = CHUNKSIZE, progress: Progress | None = None,
              stdin: IO[bytes] | None = None) -> Summary:
    """`newsclean batch`: segment every page of `inputs` into `out`, one line a page, in input
    order. Raises BatchInputError for a run that cannot start (exit 2); pages that fail are
    lines of their own and counted in the Summary."""
    workers = default_workers() if workers is None else workers
    check_inputs(inputs, out)
    if resume and out == "-":
        raise BatchInputError("--resume needs -o FILE: standard output cannot be resumed")
    earlier = prepare_resume(out) if resume else Earlier()
    summary = Summary(documents=earlier.lines, earlier=earlier.lines,
                      failed=collections.Counter(earlier.failed))
    options = Options(lang=lang, timeout=timeout, lines=True, with_text=with_text)
    tasks = iter_tasks(inputs, fields=fields, input=input,
                       skip=[out, out + ".resume-tmp"] if out != "-" else [], stdin=stdin)
    if earlier.ids:
        tasks = _not_done(tasks, earlier.ids)
    start = time.perf_counter()
    sink = _Sink(out, append=resume)
    mapped = ordered_map(partial(run_chunk, options=options), partial(_crashed, options=options),
                         chunked(tasks, chunksize), workers)
    try:
        for chunk, results in mapped:
            sink.write([line for line, _ in results])
            summary.documents += len(results)
            summary.bytes += sum(t.size for t in chunk)
            summary.failed.update(failed for _, failed in results if failed)
            if progress is not None:
                progress.update(summary.documents - summary.earlier, summary.bytes,
                                summary.failures)
    finally:
        mapped.close()  # on an error or Ctrl-C: stop the pool now
        summary.seconds = time.perf_counter() - start
        if progress is not None:
            progress.close()
        sink.close()
    return summary


def _not_done(tasks: Iterable[Task], done: collections.Counter) -> Iterator[Task]:
    """`tasks` less those whose id OUT already holds (each line of OUT skips one task)."""
    for task in tasks:
        key = id_key(task.id)
        if done[key] > 0:
            done[key] -= 1
            continue
        yield task
