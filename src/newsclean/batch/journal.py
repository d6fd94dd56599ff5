"""`--resume` for the outputs whose records do not name their documents one a line: the text
format (no ids at all) and `--split-articles` (a document is as many records as it has articles,
and the corpus formats leave out an article without clean text, so OUT alone cannot say whether
the last document is whole).

Such a run keeps a journal beside OUT, `OUT.resume` (JSON lines), while it runs (a run that
ends removes it; one stopped or killed leaves it for --resume): a header with the options
that shape the records, then, after each chunk is written and flushed to OUT, one entry: the
documents done so far (in input order), the bytes of OUT they make (uncompressed), a SHA-256 of
their ids, and the failures so far by type. An entry is written only after its chunk's bytes, so
a run killed at any moment (SIGKILL included) leaves OUT holding at least what the last whole
entry says. `--resume` takes the last entry OUT holds wholly, cuts OUT (and the journal) back
to it, checks that the INPUTs' first documents are those the entry's ids hash, skips them and
appends: the result is byte for byte what one unbroken run writes. The journal therefore
needs the same INPUTs in the same order, and refuses (a usage error) others.
"""
from __future__ import annotations

import collections
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from newsclean.batch.compress import out_compression
from newsclean.batch.output import GzipLines, id_key, rewrite_compressed
from newsclean.batch.safe import Options, Task
from newsclean.errors import BatchInputError

JOURNAL_SUFFIX = ".resume"
VERSION = 1


def journal_path(out: str) -> str:
    return out + JOURNAL_SUFFIX


def needs_journal(options: Options) -> bool:
    """Whether a run's records need the journal to be resumed (ids are enough otherwise)."""
    return options.format == "text" or options.split_articles


def header(options: Options) -> dict[str, Any]:
    """The options that shape OUT's records: a resumed run must have the same."""
    return {"newsclean_batch_resume": VERSION, "format": options.format,
            "split_articles": options.split_articles,
            "keep": list(options.keep) if options.keep is not None else None,
            "with_text": options.with_text}


def _id_bytes(task: Task) -> bytes:
    return id_key(task.id).encode("utf-8", "surrogatepass") + b"\n"


@attrs.define
class Entry:
    """What OUT holds after a chunk: `documents` done, its `bytes` (uncompressed), `ids` (the
    SHA-256 of the documents' ids in order), `failed` (failures by type)."""

    documents: int = 0
    bytes: int = 0
    ids: str = hashlib.sha256().hexdigest()
    failed: dict[str, int] = attrs.Factory(dict)


class Journal:
    """The journal of a run (fresh or resumed), written after each chunk (`note`)."""

    def __init__(self, out: str, options: Options, entry: Entry | None = None,
                 offset: int | None = None) -> None:
        """A fresh journal (`entry` None), or one resumed at `entry`, whose line ends at
        `offset` (the journal is cut there)."""
        self.out, self.path = out, journal_path(out)
        self.entry = entry or Entry()
        self._digest = hashlib.sha256()
        try:
            if entry is None:
                self.fh: IO[str] = open(self.path, "w", encoding="utf-8")
                self._write(header(options))
                self._write(attrs.asdict(self.entry))
            else:
                if offset is not None:
                    os.truncate(self.path, offset)
                self.fh = open(self.path, "a", encoding="utf-8")
        except OSError as exc:
            raise BatchInputError(f"cannot write {self.path} (what --resume reads): "
                                  f"{exc.strerror or exc}") from None

    def _write(self, record: dict) -> None:
        self.fh.write(json.dumps(record, sort_keys=True) + "\n")
        self.fh.flush()

    def skip_done(self, tasks: Iterable[Task]) -> Iterator[Task]:
        """`tasks` less the documents the entry counts, which must be those it hashes (read
        now, before anything is written); a BatchInputError if they are not."""
        tasks = iter(tasks)
        n = self.entry.documents
        for i in range(n):
            task = next(tasks, None)
            if task is None:
                raise BatchInputError(
                    f"--resume: the INPUTs hold {i:,} documents, and {self.out} was written "
                    f"from {n:,}: --resume needs the INPUTs of the run that wrote it")
            self._digest.update(_id_bytes(task))
        if self._digest.hexdigest() != self.entry.ids:
            raise BatchInputError(
                f"--resume: the first {n:,} documents of the INPUTs are not those {self.out} "
                "was written from: --resume needs the same INPUTs in the same order")
        return tasks

    def note(self, chunk: list[Task], nbytes: int, failed: Iterable[str]) -> None:
        """A chunk written to OUT (`nbytes` of it, its failures' types)."""
        for task in chunk:
            self._digest.update(_id_bytes(task))
        counts = collections.Counter(self.entry.failed)
        counts.update(failed)
        self.entry = Entry(self.entry.documents + len(chunk), self.entry.bytes + nbytes,
                           self._digest.hexdigest(), dict(counts))
        self._write(attrs.asdict(self.entry))

    def close(self) -> None:
        self.fh.close()

    def finish(self) -> None:
        """The run ended (every document done): the journal is removed, so that it is not
        left among the corpus files (a reader of OUT's folder, such as datatrove's
        JsonlReader, would take it for one)."""
        self.close()
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass


def start(out: str, options: Options, resume: bool) -> Journal:
    """The journal of a run whose records need one: fresh, or for --resume the journal OUT was
    written with, OUT cut back to its last entry OUT wholly holds."""
    path = journal_path(out)
    if not resume or not os.path.exists(path):
        if resume and os.path.exists(out) and os.path.getsize(out):
            raise BatchInputError(
                f"--resume: {out} has no {path} beside it, which --resume needs to go on "
                "from records split by article or in the text format (a run keeps it while "
                f"it runs and removes it when it ends: {out} is complete, or was written "
                "otherwise): --force replaces it")
        return Journal(out, options)
    entries, offsets = _read(path, options)
    held, clean = _held_bytes(out)
    k = max(i for i, e in enumerate(entries) if e.bytes <= held)  # entries[0] holds 0 bytes
    entry = entries[k]
    _cut_out(out, entry.bytes, held, clean)
    return Journal(out, options, entry, offsets[k])


def check_none(out: str) -> None:
    """For a run resumed by ids: a journal beside OUT says OUT was written otherwise."""
    path = journal_path(out)
    if os.path.exists(path):
        raise BatchInputError(
            f"--resume: {path} says {out} holds records split by article or in the text "
            "format: resume with the options it was written with (--output-format, "
            "--split-articles), or --force to replace it")


def remove_stale(out: str) -> None:
    """A fresh run of a format resumed by ids: a journal left by an earlier run would describe
    another OUT."""
    try:
        os.remove(journal_path(out))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BatchInputError(f"cannot remove {journal_path(out)}: {exc.strerror or exc}") \
            from None


def _read(path: str, options: Options) -> tuple[list[Entry], list[int]]:
    """The entries of a journal and the offset each one's line ends at; its header must be
    `header(options)`. A last line without its end (a killed run) is left out."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise BatchInputError(f"--resume: cannot read {path}: {exc.strerror or exc}") from None
    lines = data.split(b"\n")[:-1]  # the part after the last line break is unfinished
    bad = BatchInputError(f"--resume: {path} is not the journal of a newsclean batch run")
    try:
        head = json.loads(lines[0])
        entries = [Entry(**json.loads(line)) for line in lines[1:]]
    except (IndexError, ValueError, TypeError):
        raise bad from None
    if not isinstance(head, dict) or head.get("newsclean_batch_resume") != VERSION \
            or not entries or entries[0].bytes != 0:
        raise bad
    want = header(options)
    if head != want:
        differ = ", ".join(f"{k} {head.get(k)!r} (now {want[k]!r})" for k in want
                           if head.get(k) != want[k])
        raise BatchInputError(f"--resume: {path} says its OUT was written with other "
                              f"options: {differ}")
    offsets, end = [], len(lines[0]) + 1
    for line in lines[1:]:
        end += len(line) + 1
        offsets.append(end)
    return entries, offsets


def _held_bytes(out: str) -> tuple[int, bool]:
    """The bytes OUT holds whole (uncompressed, complete lines), and whether it is clean (a
    compressed OUT whose every member or frame ended; a plain OUT always is)."""
    if not os.path.exists(out):
        return 0, True
    compression = out_compression(out)
    try:
        if compression is None:
            return os.path.getsize(out), True
        lines = GzipLines(out, compression)
        held = sum(len(line) for line in lines)
        return held, lines.clean
    except OSError as exc:
        raise BatchInputError(f"--resume: cannot read {out}: {exc.strerror or exc}") from None
    except ImportError as exc:
        raise BatchInputError(f"--resume: {exc}") from None


def _cut_out(out: str, keep: int, held: int, clean: bool) -> None:
    """OUT cut back to its first `keep` bytes (uncompressed)."""
    compression = out_compression(out)
    try:
        if compression is None:
            if os.path.exists(out) and held != keep:
                os.truncate(out, keep)
        elif os.path.exists(out) and (held != keep or not clean):
            rewrite_compressed(out, keep, compression)
    except OSError as exc:
        raise BatchInputError(f"--resume: cannot cut {out} back: {exc.strerror or exc}") \
            from None
