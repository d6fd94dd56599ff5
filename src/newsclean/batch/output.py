"""The output of `newsclean batch`: one JSON line a page, to a file, a .gz or standard output,
and what `--resume` needs to go on from a killed run.

OUT is written a chunk at a time, each chunk's lines whole and flushed, so a killed run leaves at
most one partial line (or, for .gz, a stream without its end); `prepare_resume` reads the ids
OUT holds and cuts it back to its last complete line.
"""
from __future__ import annotations

import collections
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterator
from functools import partial
from typing import IO, Any

import attrs

from newsclean.batch.compress import (ZstdWriter, gzip_writer, out_compression, zstandard,
                                      zstd_decompressobj, zstd_error)
from newsclean.batch.formats import corpus_id, json_id, render
from newsclean.batch.safe import Failure, Options, Task
from newsclean.errors import BatchInputError
from newsclean.model import Document


def result_line(id: Any, result: Document | Failure, with_text: bool = False) -> bytes:
    """The output line of `newsclean batch` (its default format, newsclean) for one page,
    UTF-8, ending in a newline: always valid JSON (`json_id`)."""
    return render(Task(id, "", "auto", 0), result, Options(with_text=with_text)).data


def id_key(id: Any) -> str:
    """How ids are compared when resuming: their JSON text."""
    return json.dumps(json_id(id), ensure_ascii=False, sort_keys=True)


@attrs.define
class Earlier:
    """What OUT already holds when resuming: ids (a multiset), line count, failure types."""

    ids: collections.Counter = attrs.Factory(collections.Counter)
    lines: int = 0
    bytes: int = 0
    failed: collections.Counter = attrs.Factory(collections.Counter)


RESUME_TMP_SUFFIX = ".resume-tmp"  # beside OUT while --resume rewrites a damaged .gz
GZIP_WBITS = 31  # zlib's window size that reads a gzip header and trailer

# An ok line, as result_line writes it, starts with its id: reading just the id, not the whole
# document, makes reading a large OUT for --resume several times faster.
_DECODER = json.JSONDecoder()
_PREFIX = '{"id": '


def _parse_line(line: bytes, number: int, path: str,
                corpus: bool = False) -> tuple[str, str | None]:
    """(id key, the failure's type or None) of one line of OUT; `corpus`: of a datatrove or
    dolma OUT, whose ids are keyed as `corpus_id` writes them."""
    if corpus:
        try:
            return id_key(corpus_id(json.loads(line)["id"])), None
        except (ValueError, KeyError, TypeError):
            raise BatchInputError(f"--resume: line {number} of {path} is not a line of "
                                  "newsclean batch output") from None
    try:
        text = line.decode("utf-8")
        if text.startswith(_PREFIX):
            id, end = _DECODER.raw_decode(text, len(_PREFIX))
            if text.startswith(', "ok": true', end):
                return id_key(id), None
        record = json.loads(text)
        ok = record.get("ok", True)  # the corpus formats hold no failures, and no "ok"
        return id_key(record["id"]), None if ok else str(record["error"]["type"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BatchInputError(f"--resume: line {number} of {path} is not a line of newsclean "
                              "batch output") from None


def prepare_resume(path: str, corpus: bool = False) -> Earlier:
    """Read OUT's ids, and cut OUT back to its last complete line (a killed run may have left
    half a line, or, for .gz, a stream without its end; such a .gz is rewritten). `corpus`:
    OUT is in the datatrove or dolma format (ids keyed by `corpus_id`)."""
    earlier = Earlier()
    if not os.path.exists(path):
        return earlier

    def note(line: bytes) -> None:
        earlier.lines += 1
        earlier.bytes += len(line)
        key, failed = _parse_line(line, earlier.lines, path, corpus)
        earlier.ids[key] += 1
        if failed:
            earlier.failed[failed] += 1

    try:
        compression = out_compression(path)
        if compression:
            reader = GzipLines(path, compression)
            for line in reader:
                note(line)
            if not reader.clean:
                rewrite_compressed(path, earlier.bytes, compression)
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
    except ImportError as exc:
        raise BatchInputError(f"--resume: {exc}") from None
    return earlier


class GzipLines:
    """The complete lines of a gzip (or zstd) file that may end early (a killed run) or hold
    damage; afterwards `clean` says whether the file was whole: every member (frame) ended, no
    partial line."""

    def __init__(self, path: str, compression: str = "gzip") -> None:
        self.path = path
        self.clean = True
        if compression == "zstd":
            self.new, self.error = zstd_decompressobj, zstd_error()
        else:
            self.new, self.error = partial(zlib.decompressobj, GZIP_WBITS), zlib.error

    def __iter__(self) -> Iterator[bytes]:
        unfinished = b""  # the line the last block ended inside
        decompressor = self.new()
        in_member = False
        with open(self.path, "rb") as fh:
            while block := fh.read(1 << 20):
                while block:
                    try:
                        data = decompressor.decompress(block)
                    except self.error:
                        self.clean = False
                        return
                    in_member = True
                    block = b""
                    if decompressor.eof:  # a member ended; another may follow (a resumed run's)
                        block = decompressor.unused_data
                        decompressor, in_member = self.new(), False
                    unfinished += data
                    *lines, unfinished = unfinished.split(b"\n")
                    for line in lines:
                        yield line + b"\n"
        if in_member or unfinished:
            self.clean = False


def rewrite_compressed(path: str, keep: int, compression: str) -> None:
    """A compressed OUT rewritten whole (clean) with its first `keep` bytes, uncompressed: a
    number of complete lines."""
    tmp = path + RESUME_TMP_SUFFIX
    with open(tmp, "wb") as raw:
        out = gzip_writer(raw) if compression == "gzip" else ZstdWriter(raw)
        for line in GzipLines(path, compression):
            if keep <= 0:
                break
            out.write(line)
            keep -= len(line)
        out.close()
    os.replace(tmp, path)


class Sink:
    """OUT, opened to write (or to append, when resuming); `-` is standard output; gzip or
    zstd by its name (.gz, .zst). Each chunk's lines are written whole and flushed (for zstd,
    a frame each), so a killed run leaves at most one partial line."""

    def __init__(self, path: str, append: bool) -> None:
        self.raw: IO[bytes] | None = None
        self.gz: Any = None
        if path == "-":
            self.out: Any = sys.stdout.buffer
            return
        compression = out_compression(path)
        if compression == "zstd":
            try:
                zstandard()
            except ImportError as exc:
                raise BatchInputError(str(exc)) from None
        try:
            self.raw = open(path, "ab" if append else "wb")
        except OSError as exc:
            raise BatchInputError(f"cannot write {path}: {exc.strerror or exc}") from None
        if compression == "gzip":
            self.gz = gzip_writer(self.raw)  # appending starts a new gzip member
        elif compression == "zstd":
            self.gz = ZstdWriter(self.raw)  # and a new zstd frame
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
