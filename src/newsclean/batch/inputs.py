"""Reading the INPUTs of `newsclean batch`: page files, folders, JSON and JSONL files, WARC
files and standard input, lazily, as Tasks in input order. Compression (gzip, zstd) is told by a
file's first bytes, not its name; a file given by name whose name says nothing is told by its
content too (WARC, a JSON array or JSONL, HTML). In folders, files are chosen by name.

A page that cannot be read (too large, empty, broken JSON, a damaged .gz) becomes a Task that
already holds its Failure, so it still gets its own output line; only a problem with the run as
a whole (an INPUT that does not exist, is no page, JSON or WARC file by its name or content,
needs an extra that is not installed) is a BatchInputError, raised by `check_inputs` before
anything is read.
"""
from __future__ import annotations

import collections
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsclean.batch.compress import compression_of, head_of, open_read, zstandard
from newsclean.batch.records import (MAX_PAGE_BYTES, READ_ERRORS, Fields, failed_task,
                                     first_byte, json_tasks)
from newsclean.batch.safe import Task
from newsclean.batch.warc import backend, warc_tasks
from newsclean.errors import BatchInputError, EmptyPage, InputTooLarge

PAGE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".warc": "warc"}
COMPRESSED_SUFFIXES = (".gz", ".zst")
KNOWN_NAMES = ".txt, .html, .htm, .jsonl, .ndjson, .json, .warc, each optionally .gz or .zst"

__all__ = ["Fields", "MAX_PAGE_BYTES", "check_inputs", "input_kind", "iter_tasks",
           "sniff_kind", "total_bytes"]


def input_kind(path: str) -> str | None:
    """'jsonl', 'json', 'warc', 'text' or 'html' by the file's name (an optional .gz or .zst
    after it), else None."""
    name = path.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            name = name[:-len(suffix)]
    ext = os.path.splitext(name)[1]
    return RECORD_SUFFIXES.get(ext) or PAGE_SUFFIXES.get(ext)


def sniff_kind(path: str) -> str | None:
    """What a file holds by its content (decompressed): 'warc', 'json' (an array), 'jsonl'
    (an object first), 'html' (markup first), else None."""
    try:
        with open_read(path) as fh:
            if fh.peek(5)[:5] == b"WARC/":
                return "warc"
            return {b"[": "json", b"{": "jsonl", b"<": "html"}.get(first_byte(fh))
    except (ImportError, *READ_ERRORS):
        return None


def file_kind(path: str) -> str | None:
    """A file's kind by its name, or for a regular file that its name says nothing of, by its
    content."""
    return input_kind(path) or (sniff_kind(path) if os.path.isfile(path) else None)


def _check_extras(path: str, kind: str | None) -> None:
    """A BatchInputError naming the extra a file needs and lacks (zstd, WARC)."""
    try:
        if os.path.isfile(path) and compression_of(head_of(path)) == "zstd":
            zstandard()
        if kind == "warc":
            backend()
    except ImportError as exc:
        raise BatchInputError(f"{path}: {exc}") from None
    except OSError:
        pass  # the open below says what is wrong


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
        kind = file_kind(path)
        if kind is None:
            raise BatchInputError(
                f"{path}: not a page, JSON, JSONL or WARC file by its name ({KNOWN_NAMES}) "
                "or its content")
        _check_extras(path, kind)
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
    for page, JSON, JSONL and WARC files (ids: paths relative to it, with /); a JSONL file or
    `-` (stdin) holds one page a line, a JSON file an array of them (or one), a WARC file one
    a HTML response (id: its WARC-Record-ID; other records skipped and counted). `input` overrides what names and fields say the pages are.
    Paths in `skip` (the run's own output) are left out of directory walks. In a directory, a
    symlinked folder is followed once (a folder already walked, a loop, is skipped); a page
    name that is no regular file (a FIFO, a socket, a broken link) is skipped, never opened
    (a FIFO would wait forever): each skip is counted in `skipped` by its reason."""
    skip_real = {os.path.realpath(p) for p in skip}
    skipped = collections.Counter() if skipped is None else skipped
    for path in inputs:
        if path == "-":
            yield from json_tasks(stdin if stdin is not None else sys.stdin.buffer,
                                  "<stdin>", fields, input)
        elif os.path.isdir(path):
            for full, rel in _walk(path, skip_real, skipped, {_dir_key(path)}):
                if isinstance(full, OSError):
                    yield failed_task(rel, full)
                else:
                    yield from _file_tasks(full, rel, input_kind(full), fields, input,
                                           skipped)
        else:
            yield from _file_tasks(path, path, file_kind(path), fields, input, skipped)


def total_bytes(inputs: list[str], skip: Iterable[str] = ()) -> int | None:
    """The bytes `iter_tasks` will read from `inputs`, for a progress line's share and ETA: the
    sizes of the files, those under folders walked as `iter_tasks` walks them. None when it
    cannot be known before reading: standard input, a .gz or .zst (its pages' bytes are
    counted decompressed), a WARC file (its payloads' bytes are counted, not its headers').
    Reads no file; a file that cannot be statted counts 0."""
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
    if any(p.lower().endswith(COMPRESSED_SUFFIXES) or input_kind(p) == "warc" for p in paths):
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


def _file_tasks(path: str, id: str, kind: str | None, fields: Fields, input: str | None,
                skipped: collections.Counter) -> Iterator[Task]:
    if kind == "warc":
        yield from warc_tasks(path, id, fields, input, skipped)
        return
    if kind in ("jsonl", "json"):
        try:
            fh = open_read(path)
        except (ImportError, *READ_ERRORS) as exc:
            yield failed_task(f"{id}:0", exc)
            return
        with fh:
            yield from json_tasks(fh, id, fields, input, whole=kind == "json")
        return
    try:
        with open_read(path) as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except (ImportError, *READ_ERRORS) as exc:
        yield failed_task(id, exc)
        return
    if len(data) > MAX_PAGE_BYTES:
        yield failed_task(id, InputTooLarge(f"the file holds more than {MAX_PAGE_BYTES} bytes"))
    elif not data.strip():
        yield failed_task(id, EmptyPage("the page is empty"), len(data))
    else:
        yield Task(id, data, input or kind or "auto", len(data))
