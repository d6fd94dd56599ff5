"""WARC input: `newsclean.read_warc(path)`, the HTML responses of a WARC file (`.warc`,
`.warc.gz`, also zstd), and their Tasks for `newsclean batch`.

FastWARC (the `warc` extra) reads them when it is installed: about 3× faster than warcio here
(5,000 gzipped records, 81 MB of HTML: 0.19 s against 0.6 s), which matters at Common Crawl's
scale (tens of thousands of records a file); warcio is used when only it is installed. Records that are no HTML page are skipped, each counted in
`skipped` by its reason: not a response (warcinfo, request, metadata, revisit…), an HTTP status
other than 2xx, a Content-Type that is not HTML.
"""
from __future__ import annotations

import collections
import os
import re
from collections.abc import Iterator
from functools import partial
from typing import IO, Any, NamedTuple

import attrs

from newsclean.batch.compress import ZSTD_MAGIC, compression_of, open_read, zstandard
from newsclean.batch.records import MAX_PAGE_BYTES, Fields, failed_task
from newsclean.batch.safe import Task
from newsclean.errors import InputTooLarge

WARC_EXTRA = "warc"
HTML_TYPES = ("text/html", "application/xhtml+xml")
BACKENDS = ("fastwarc", "warcio")
NOT_RESPONSE = "WARC record not a response"
NOT_OK = "WARC response without a 2xx status"
NOT_HTML = "WARC response not HTML"


@attrs.frozen(slots=True)
class WarcRecord:
    """One HTML response of a WARC file. `id`: its WARC-Record-ID (its WARC-Target-URI if it
    has none); `url`: WARC-Target-URI; `date`: WARC-Date as written; `html`: the HTTP payload's
    bytes, its transfer and content encodings undone; `charset`: the one the HTTP Content-Type
    declares, or None."""

    id: str
    url: str | None
    date: str | None
    html: bytes
    charset: str | None


class _Raw(NamedTuple):
    type: str
    id: str | None
    url: str | None
    date: str | None
    status: int | None
    content_type: str | None  # the HTTP Content-Type, whole
    payload: Any  # a callable (max bytes or None) -> bytes


def backend() -> str:
    """'fastwarc' or 'warcio', whichever is installed (FastWARC first); else an ImportError
    that names the extra."""
    for name in BACKENDS:
        try:
            __import__(name)
        except ImportError:
            continue
        return name
    raise ImportError("reading WARC files needs FastWARC (or warcio): "
                      f"pip install 'newsclean[{WARC_EXTRA}]' (there is no release yet; from a "
                      f"checkout: pip install -e '.[{WARC_EXTRA}]')")


def read_warc(path: str, *, skipped: collections.Counter | None = None,
              max_bytes: int | None = None, using: str | None = None) -> Iterator[WarcRecord]:
    """The HTML responses of the WARC file at `path` (plain, gzip or zstd, told by its first
    bytes), in file order, as `WarcRecord`s, read lazily. Other records are skipped and
    counted in `skipped` by reason. `max_bytes`: read at most that many bytes of a payload and
    one more (so that a longer one shows); `using`: "fastwarc" or "warcio" (default:
    `backend()`). A damaged or truncated file raises (EOFError, OSError, zlib.error or the
    backend's error) where the damage is; a plain file cut inside its last record (it does
    not end in the CRLF CRLF every record ends in) raises EOFError instead of giving it."""
    skipped = collections.Counter() if skipped is None else skipped
    using = using or backend()
    if using not in BACKENDS:
        raise ValueError(f"using must be one of {BACKENDS}, not {using!r}")
    limit = None if max_bytes is None else max_bytes + 1
    cut = _cut_plain(path)
    held = None  # with `cut`, the last record is not given until another follows it
    # For FastWARC, decompressed here (it ends quietly at a damaged gzip member, and a damaged
    # file must raise, so that its lost records are reported). warcio reads gzip itself, not
    # zstd; fed a stream that raises, it ends quietly, and it reads on past a damaged member
    # too: the file is read through once more afterwards (`_read_through`).
    with open_read(path) if using == "fastwarc" else open(path, "rb") as fh:
        for raw in _fastwarc(fh) if using == "fastwarc" else _warcio(fh):
            if held is not None:
                yield held
                held = None
            why = _skip_reason(raw)
            if why:
                skipped[why] += 1
                continue
            record = WarcRecord(raw.id or raw.url or "", raw.url, raw.date, raw.payload(limit),
                                charset_of(raw.content_type))
            if cut:
                held = record
            else:
                yield record
    if cut:
        raise EOFError("the WARC file ends inside its last record: it was cut short")
    if using == "warcio":
        _read_through(path)


def _cut_plain(path: str) -> bool:
    """Whether `path`, an uncompressed regular file, ends otherwise than a WARC record does."""
    try:
        with open(path, "rb") as fh:
            if compression_of(fh.read(4)) or not os.path.isfile(path):
                return False
            fh.seek(-4, os.SEEK_END)
            return fh.read(4) != b"\r\n\r\n"
    except OSError:
        return False  # too short to seek back 4 bytes, or unreadable: the backend says


def _read_through(path: str) -> None:
    """Decompress all of `path`, for the errors of a damaged .gz or .zst: warcio reads on
    quietly past many (a truncated member), and the records it lost must be reported."""
    with open_read(path) as fh:
        while fh.read(1 << 20):
            pass


def _skip_reason(raw: _Raw) -> str | None:
    if raw.type != "response":
        return NOT_RESPONSE
    if raw.status is not None and not 200 <= raw.status < 300:
        return NOT_OK
    mime = (raw.content_type or "").split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:  # none given: the page may still be HTML
        return NOT_HTML
    return None


_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';,\s]+)""", re.IGNORECASE)


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares, or None."""
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _fastwarc(fh: IO[bytes]) -> Iterator[_Raw]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True,
                              auto_decode="all", stream_detect=False)
    for rec in records:
        http = rec.http_headers if rec.is_http else None
        yield _Raw(str(rec.record_type).rsplit(".", 1)[-1], rec.headers.get("WARC-Record-ID"),
                   rec.headers.get("WARC-Target-URI"), rec.headers.get("WARC-Date"),
                   http.status_code if http is not None else None,
                   http.get("Content-Type") if http is not None else None,
                   partial(_read, rec.reader.read))


def _warcio(fh: IO[bytes]) -> Iterator[_Raw]:
    from warcio.archiveiterator import ArchiveIterator

    stream: IO[bytes] = fh
    if fh.peek(4)[:4] == ZSTD_MAGIC:
        stream = zstandard().ZstdDecompressor().stream_reader(fh, read_across_frames=True)
    for rec in ArchiveIterator(stream):
        http = rec.http_headers if rec.rec_type in ("response", "request") else None
        status = http.get_statuscode() if http is not None else None
        content = rec.content_stream()
        yield _Raw(rec.rec_type, rec.rec_headers.get_header("WARC-Record-ID"),
                   rec.rec_headers.get_header("WARC-Target-URI"),
                   rec.rec_headers.get_header("WARC-Date"),
                   int(status) if status and status.isdigit() else None,
                   http.get_header("Content-Type") if http is not None else None,
                   partial(_read, content.read))


def _read(read: Any, limit: int | None, block: int = 1 << 20) -> bytes:
    """All of a payload, or its first `limit` bytes: a reader may return less than asked."""
    parts, held = [], 0
    while limit is None or held < limit:
        part = read(block if limit is None else min(block, limit - held))
        if not part:
            break
        parts.append(part)
        held += len(part)
    return b"".join(parts)


def warc_tasks(path: str, name: str, fields: Fields, input: str | None,
               skipped: collections.Counter) -> Iterator[Task]:
    """The Tasks of a WARC file's HTML responses; a damaged file: a failed Task for the rest
    of it. Their meta: the record's url, date and WARC-Record-ID, under --url-field and
    --date-field's names."""
    number = 0
    try:
        for number, record in enumerate(read_warc(path, skipped=skipped,
                                                  max_bytes=MAX_PAGE_BYTES), 1):
            size = len(record.html)
            if size > MAX_PAGE_BYTES:
                yield failed_task(record.id, InputTooLarge(
                    f"the record holds more than {MAX_PAGE_BYTES} bytes"), size)
                continue
            meta = {fields.url or "url": record.url, fields.date or "date": record.date,
                    "warc_record_id": record.id}
            yield Task(record.id, record.html, input or "html", size, meta,
                       charset=record.charset)
    except BaseException as exc:  # noqa: BLE001 - a damaged WARC: each backend has its errors
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise  # FastWARC's own failures (a Rust panic) are BaseExceptions: caught
        yield failed_task(f"{name}:record {number + 1}", exc)
