"""JSON records as Tasks: JSONL (`.jsonl`, `.ndjson`, standard input), one line a record, and
JSON (`.json`: an array of records, or one record), told apart by content, not name: a stream
whose first character is `[` is an array, and a `.json` file that holds more than one object
is read as JSONL.

A record is a JSON object; its page is in `Fields.html` or `Fields.text` (the HTML first), its
id in `Fields.id`. Every other field is passed through to the output untouched (`Task.meta`);
`Fields.lang` (when set) is the record's language hint, `Fields.url` its address.
"""
from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

import attrs

from newsclean.batch.safe import Failure, Task
from newsclean.errors import BadRecord, EmptyPage, InputTooLarge
from newsclean.pipeline import MAX_CHARS

MAX_PAGE_BYTES = 4 * MAX_CHARS  # a file or JSONL line larger than this is InputTooLarge, unread
READ_ERRORS = (OSError, EOFError, zlib.error)  # a damaged .gz or .zst, an unreadable file


@attrs.frozen
class Fields:
    """Where a JSON record keeps its page, its id and its hints. `lang` None: no language
    field (a record's own field, when named, comes before `--lang`); `url` and `date`: the
    record's address and date (for dolma's "created"), None for none."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str | None = "url"
    date: str | None = "date"
    lang: str | None = None


def failed_task(id: Any, exc: BaseException, size: int = 0, meta: dict | None = None) -> Task:
    """A page that could not be read: a Task that already holds its Failure (and the record's
    fields, when it was one, for its error line)."""
    return Task(id, Failure.of(id, exc), "auto", size, meta)


_NOT_SPACE = re.compile(rb"[^ \t\n\r\f\v]")  # what bytes.strip() keeps
_PEEK = 1 << 16


def first_byte(fh: IO[bytes]) -> bytes:
    """The first byte that is not white space in what `fh` holds just ahead (unread), or b""."""
    if not hasattr(fh, "peek"):
        return b""
    ahead = fh.peek(_PEEK)[:_PEEK]
    m = _NOT_SPACE.search(ahead)
    return ahead[m.start():m.start() + 1] if m else b""


def json_tasks(fh: IO[bytes], name: str, fields: Fields, input: str | None,
               whole: bool = False) -> Iterator[Task]:
    """The records of a JSON or JSONL stream. `whole` (a `.json` file): one JSON text first,
    JSONL if it is more than one. An array is always read whole (at most MAX_PAGE_BYTES)."""
    try:
        if not (whole or first_byte(fh) == b"["):
            yield from _jsonl_tasks(fh, name, fields, input)
            return
        data = fh.read(MAX_PAGE_BYTES + 1)
    except READ_ERRORS as exc:
        yield failed_task(f"{name}:1", exc)
        return
    if len(data) > MAX_PAGE_BYTES:
        yield failed_task(f"{name}:1", InputTooLarge(
            f"the JSON file holds more than {MAX_PAGE_BYTES} bytes: write it as JSONL"))
        return
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # {...}\n{...}: JSONL under a .json name
            yield from _jsonl_tasks(io.BufferedReader(io.BytesIO(data)), name, fields, input)
            return
        yield failed_task(f"{name}:1", exc, len(data))
        return
    except Exception as exc:  # noqa: BLE001 - UnicodeDecodeError, RecursionError
        yield failed_task(f"{name}:1", exc, len(data))
        return
    items = value if isinstance(value, list) else [value]
    size = len(data) // max(len(items), 1)
    for number, item in enumerate(items, 1):
        yield _object_task(item, f"{name}:{number}", fields, input, size)


def _jsonl_tasks(fh: IO[bytes], name: str, fields: Fields,
                 input: str | None) -> Iterator[Task]:
    number = 0
    try:
        for number, line in _numbered_lines(fh):
            if line is None:
                yield failed_task(f"{name}:{number}", InputTooLarge(
                    f"the line holds more than {MAX_PAGE_BYTES} bytes"))
            elif line.strip():
                yield _record_task(line, f"{name}:{number}", fields, input)
    except READ_ERRORS as exc:  # a broken .gz: the rest of the file is lost
        yield failed_task(f"{name}:{number + 1}", exc)


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
    try:
        record = json.loads(line)
    except Exception as exc:  # noqa: BLE001 - JSONDecodeError, UnicodeDecodeError, RecursionError
        return failed_task(where, exc, len(line))
    return _object_task(record, where, fields, input, len(line))


def _object_task(record: Any, where: str, fields: Fields, input: str | None,
                 size: int) -> Task:
    if not isinstance(record, dict):
        return failed_task(where, BadRecord(f"the record is a JSON {type(record).__name__}, "
                                            "not an object"), size)
    id = record.get(fields.id)
    if id is None:
        id = where
    meta = _meta(record, fields)
    for field, kind in ((fields.html, "html"), (fields.text, "text")):
        page = record.get(field)
        if page is None:
            continue
        if not isinstance(page, str):
            return failed_task(id, BadRecord(f"field {field!r} is a JSON "
                                             f"{type(page).__name__}, not a string"), size, meta)
        if not page.strip():
            return failed_task(id, EmptyPage(f"field {field!r} is empty"), size, meta)
        return Task(id, page, input or kind, size, meta, _lang(record, fields))
    return failed_task(id, BadRecord(f"no {fields.html!r} or {fields.text!r} field"), size,
                       meta)


def _meta(record: dict, fields: Fields) -> dict:
    """The record's fields less its page fields, untouched; its --url-field also as "url"."""
    meta = {k: v for k, v in record.items() if k not in (fields.html, fields.text)}
    if fields.url and fields.url != "url" and "url" not in meta and fields.url in meta:
        meta["url"] = meta[fields.url]
    return meta


def _lang(record: dict, fields: Fields) -> str | None:
    value = record.get(fields.lang) if fields.lang else None
    return value.strip() if isinstance(value, str) and value.strip() else None
