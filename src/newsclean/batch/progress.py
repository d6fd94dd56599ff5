"""What a `newsclean batch` run shows while it runs (`Progress`) and says at its end (`Summary`)."""
from __future__ import annotations

import collections
import io
import os
import threading
import time
from collections.abc import Callable
from typing import IO

import attrs


def duration(seconds: float) -> str:
    """A short duration: 42s, 4m05s, 2h03m."""
    s = max(int(seconds), 0)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def progress_line(docs: int, nbytes: int, failed: int, elapsed: float,
                  total: int | None = None) -> str:
    """The text of the progress line. With `total` (bytes of input, when known): the share of
    it done, and the time left at the rate so far (ETA); always documents, failures, documents
    and MB a second, and the time elapsed."""
    elapsed = max(elapsed, 1e-9)
    rate = nbytes / elapsed
    parts = [f"{docs:,} documents", f"{failed:,} failed", f"{docs / elapsed:,.1f} docs/s",
             f"{rate / 1e6:,.2f} MB/s", f"{duration(elapsed)} elapsed"]
    if total is None:
        return "  ".join([*parts[:1], f"{nbytes / 1e6:,.1f} MB", *parts[1:]])
    share = min(nbytes / total, 1.0) if total > 0 else 1.0
    left = max(total - nbytes, 0)
    eta = duration(left / rate) if rate > 0 else "?"
    return "  ".join([f"{share:.0%} of {total / 1e6:,.1f} MB", *parts, f"ETA {eta}"])


class Progress:
    """One line on a terminal, rewritten in place (a carriage return): `progress_line`'s.

    `update` gives the run's figures (after each chunk); the line is redrawn then, at most every
    `every` seconds, and besides every `tick` seconds from a thread of its own, so the elapsed
    time and ETA move while a slow chunk runs (`tick=None`: no thread). `total`, the bytes of
    input when they are known, adds the share done and the ETA. `clock` is for tests."""

    def __init__(self, stream: IO[str], every: float = 0.5, *, total: int | None = None,
                 tick: float | None = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.every = every
        self.total = total
        self.clock = clock
        self.start = clock()
        self.last = -float("inf")
        self.width = 0
        self.figures = (0, 0, 0)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker = None
        if tick is not None:
            self._ticker = threading.Thread(target=self._tick, args=(tick,), daemon=True,
                                            name="newsclean-progress")
            self._ticker.start()

    def update(self, docs: int, nbytes: int, failed: int) -> None:
        with self._lock:
            self.figures = (docs, nbytes, failed)
            if self.clock() - self.last >= self.every:
                self._draw()

    def text(self) -> str:
        """The line as it would be drawn now."""
        return progress_line(*self.figures, self.clock() - self.start, self.total)

    def _tick(self, seconds: float) -> None:
        while not self._stop.wait(seconds):
            with self._lock:
                if not self._stop.is_set():
                    self._draw()

    def _draw(self) -> None:
        self.last = self.clock()
        text = self.text()
        columns = _columns(self.stream)
        if columns:  # a line wider than the terminal wraps, and \r no longer rewrites it
            text = text[:columns - 1]
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def note(self, line: str) -> None:
        """Write `line` on a line of its own above the progress line, which is redrawn."""
        with self._lock:
            self.stream.write("\r" + line.ljust(self.width) + "\n")
            self.stream.flush()
            self.width = 0
            self._draw()

    def close(self) -> None:
        """Stop the ticker and clear the line (again: a no-op)."""
        self._stop.set()
        if self._ticker is not None and self._ticker is not threading.current_thread():
            self._ticker.join()
        with self._lock:
            if self.width:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()
                self.width = 0


def _columns(stream: IO[str]) -> int | None:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


@attrs.define
class Summary:
    """What a batch run did. `documents` is the number of input documents done at the end,
    `earlier` how many of them an earlier run wrote (--resume: the lines OUT held); `failed`
    counts the failures by type, earlier ones included; `bytes` and `seconds` are this run's.
    `records`: the records this run wrote (a document's line, its articles' with
    --split-articles; none for a failure or an empty text in the corpus formats); `empty`: the
    documents of this run that gave no record though they did not fail."""

    documents: int = 0
    earlier: int = 0
    failed: collections.Counter = attrs.Factory(collections.Counter)
    bytes: int = 0
    seconds: float = 0.0
    skipped: collections.Counter = attrs.Factory(collections.Counter)  # inputs left out, by why
    records: int | None = None  # None: not counted (one a document)
    empty: int = 0

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
        if self.records is not None and self.records != done:
            out += f"; {self.records:,} records written"
        if self.empty:
            out += f"; {self.empty:,} without clean text (no record)"
        seconds = max(self.seconds, 1e-9)
        out += (f"; {done:,} in this run, {self.seconds:.1f} s "
                f"({done / seconds:,.1f} docs/s, {self.bytes / 1e6 / seconds:,.2f} MB/s)")
        return out
