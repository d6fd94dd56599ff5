"""Reading the INPUTs of `newsclean batch`: files, folders, JSONL (optionally gzipped) and
standard input, lazily, as Tasks in input order.

A page that cannot be read (too large, empty, broken JSON, a damaged .gz) becomes a Task that
already holds its Failure, so it still gets its own output line; only a problem with the run as
a whole (an INPUT that does not exist, is no page or JSONL file by its name) is a
BatchInputError, raised by `check_inputs` before anything is read.
"""
from __future__ import annotations

import collections
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from newsclean.batch.safe import Failure, Task
from newsclean.errors import BadRecord, BatchInputError, EmptyPage, InputTooLarge
from newsclean.pipeline import MAX_CHARS

MAX_PAGE_BYTES = 4 * MAX_CHARS  # a file or JSONL line larger than this is InputTooLarge, unread
PAGE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = (".jsonl",)


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
        if not os.path.isfile(path):  # a FIFO given by name: opening it would wait for a writer
            if not os.access(path, os.R_OK):
                raise BatchInputError(f"cannot read {path}: permission denied")
            continue
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise BatchInputError(f"cannot read {path}: {exc.strerror or exc}") from None


def iter_tasks(inputs: list[str], *, fields: Fields = Fields(), input: str | None = None,
               skip: Iterable[str] = (), stdin: IO[bytes] | None = None,
               skipped: collections.Counter | None = None) -> Iterator[Task]:
    """Every page of `inputs`, in order, as Tasks, read lazily.

    A file is one page (id: the path as given); a directory is walked recursively in name order
    for page and JSONL files (ids: paths relative to it, with /); a JSONL file or `-` (stdin)
    holds one page a line. `input` overrides what names and fields say the pages are.
    Paths in `skip` (the run's own output) are left out of directory walks. In a directory, a
    symlinked folder is followed once (a folder already walked, a loop, is skipped); a page
    name that is no regular file (a FIFO, a socket, a broken link) is skipped, never opened
    (a FIFO would wait forever): each skip is counted in `skipped` by its reason."""
    skip_real = {os.path.realpath(p) for p in skip}
    skipped = collections.Counter() if skipped is None else skipped
    for path in inputs:
        if path == "-":
            yield from _jsonl_tasks(stdin if stdin is not None else sys.stdin.buffer,
                                    "<stdin>", fields, input)
        elif os.path.isdir(path):
            for full, rel in _walk(path, skip_real, skipped, {_dir_key(path)}):
                if isinstance(full, OSError):
                    yield _failed_task(rel, full)
                else:
                    yield from _file_tasks(full, rel, fields, input)
        else:
            yield from _file_tasks(path, path, fields, input)


def total_bytes(inputs: list[str], skip: Iterable[str] = ()) -> int | None:
    """The bytes `iter_tasks` will read from `inputs`, for a progress line's share and ETA: the
    sizes of the files, those under folders walked as `iter_tasks` walks them. None when it
    cannot be known before reading: standard input, or a .gz (its pages' bytes are counted
    decompressed). Reads no file; a file that cannot be statted counts 0."""
    skip_real = {os.path.realpath(p) for p in skip}
    paths: list[str] = []
    for path in inputs:
        if path == "-":
            return None
        if os.path.isdir(path):
            paths += [full for full, _ in _walk(path, skip_real, collections.Counter(),
                                                {_dir_key(path)}) if isinstance(full, str)]
        else:
            paths.append(path)
    if any(p.lower().endswith(".gz") for p in paths):
        return None
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total


def _dir_key(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _walk(top: str, skip_real: set[str], skipped: collections.Counter, seen: set,
          rel: str = "") -> Iterator[tuple[Any, str]]:
    """(path, relative id) of the page and JSONL files under `top`, in name order; an unreadable
    directory gives (the OSError, its relative id). `seen`: the folders walked (device, inode),
    so that a symlinked folder is walked once and a loop ends."""
    here = os.path.join(top, rel) if rel else top
    try:
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield exc, rel or "."
        return
    for entry in entries:
        sub = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir():  # a symlink to a folder too
            try:
                key = _dir_key(entry.path)
            except OSError:
                skipped["unreadable folder"] += 1
                continue
            if key in seen:
                skipped["folder seen before (a symlink loop or a second link)"] += 1
                continue
            seen.add(key)
            yield from _walk(top, skip_real, skipped, seen, sub)
        elif input_kind(entry.name) and os.path.realpath(entry.path) not in skip_real:
            if not entry.is_file():  # a FIFO, socket or device named *.txt, a broken symlink
                skipped["not a regular file"] += 1
                continue
            yield entry.path, sub


def _failed_task(id: Any, exc: BaseException, size: int = 0) -> Task:
    """A page that could not be read: a Task that already holds its Failure."""
    return Task(id, Failure.of(id, exc), "auto", size)


def _open(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _file_tasks(path: str, id: str, fields: Fields, input: str | None) -> Iterator[Task]:
    kind = input_kind(path)
    if kind == "jsonl":
        try:
            fh = _open(path)
        except OSError as exc:
            yield _failed_task(f"{id}:0", exc)
            return
        with fh:
            yield from _jsonl_tasks(fh, id, fields, input)
        return
    try:
        with _open(path) as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield _failed_task(id, exc)
        return
    if len(data) > MAX_PAGE_BYTES:
        yield _failed_task(id, InputTooLarge(f"the file holds more than {MAX_PAGE_BYTES} bytes"))
    elif not data.strip():
        yield _failed_task(id, EmptyPage("the page is empty"), len(data))
    else:
        yield Task(id, data, input or kind or "auto", len(data))


def _jsonl_tasks(fh: IO[bytes], name: str, fields: Fields,
                 input: str | None) -> Iterator[Task]:
    number = 0
    try:
        for number, line in _numbered_lines(fh):
            if line is None:
                yield _failed_task(f"{name}:{number}", InputTooLarge(
                    f"the line holds more than {MAX_PAGE_BYTES} bytes"))
            elif line.strip():
                yield _record_task(line, f"{name}:{number}", fields, input)
    except (OSError, EOFError, zlib.error) as exc:  # a broken .gz: the rest of the file is lost
        yield _failed_task(f"{name}:{number + 1}", exc)


_NOT_SPACE = re.compile(rb"[^ \t\n\r\f\v]")  # what bytes.strip() keeps
_PEEK = 1 << 16


def _skip_blank_lines(fh: IO[bytes]) -> int:
    """Consume the blank lines just ahead in `fh`'s buffer, in C-speed slices; how many."""
    if not hasattr(fh, "peek"):
        return 0
    skipped = 0
    while True:
        ahead = fh.peek(_PEEK)[:_PEEK]
        m = _NOT_SPACE.search(ahead)
        end = ahead.rfind(b"\n", 0, m.start() if m else len(ahead)) + 1
        if not end:
            return skipped
        skipped += ahead.count(b"\n", 0, end)
        fh.read(end)
        if m:
            return skipped


def _numbered_lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) from 1 for the lines that are not blank; None for a line over
    MAX_PAGE_BYTES, which is skipped unread. Blank lines are counted, a buffer at a time, not
    read one by one: 65 MB of line breaks (a 65 KB .gz) was 65 million readline calls."""
    number = 0
    while True:
        line = fh.readline(MAX_PAGE_BYTES + 1)
        if not line:
            return
        number += 1
        if not line.strip():
            number += _skip_blank_lines(fh)
            continue
        if len(line) > MAX_PAGE_BYTES and not line.endswith(b"\n"):
            while True:  # skip to the line's end a MB at a time, never holding the line
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
        return _failed_task(where, exc, size)
    if not isinstance(record, dict):
        return _failed_task(where, BadRecord(f"the line is a JSON {type(record).__name__}, "
                                        "not an object"), size)
    id = record.get(fields.id)
    if id is None:
        id = where
    for field, kind in ((fields.html, "html"), (fields.text, "text")):
        page = record.get(field)
        if page is None:
            continue
        if not isinstance(page, str):
            return _failed_task(id, BadRecord(f"field {field!r} is a JSON {type(page).__name__}, "
                                         "not a string"), size)
        if not page.strip():
            return _failed_task(id, EmptyPage(f"field {field!r} is empty"), size)
        return Task(id, page, input or kind, size)
    return _failed_task(id, BadRecord(f"no {fields.html!r} or {fields.text!r} field"), size)
