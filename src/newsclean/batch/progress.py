"""What a `newsclean batch` run shows while it runs (`Progress`) and says at its end (`Summary`)."""
from __future__ import annotations

import collections
import time
from typing import IO

import attrs


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
    skipped: collections.Counter = attrs.Factory(collections.Counter)  # inputs left out, by why

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
        if self.skipped:
            out += f"; {sum(self.skipped.values()):,} skipped (" + ", ".join(
                f"{n:,} {why}" for why, n in sorted(self.skipped.items())) + ")"
        done = self.documents - self.earlier
        seconds = max(self.seconds, 1e-9)
        out += (f"; {done:,} in this run, {self.seconds:.1f} s "
                f"({done / seconds:,.1f} docs/s, {self.bytes / 1e6 / seconds:,.2f} MB/s)")
        return out
