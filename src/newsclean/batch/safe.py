"""One page, safely: `segment()` under a deadline, any exception turned into a `Failure`.

Every batch path stands on this: `segment_many`, `newsclean batch` and the datatrove step all
end in `segment_task`, so a page that cannot be segmented is one result of its own, never a
lost page or an aborted run.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any, NamedTuple

import attrs

from newsclean.errors import InvalidArgument, Timeout
from newsclean.model import Document
from newsclean.pipeline import MAX_CHARS, check_arguments, segment

MESSAGE_CHARS = 500  # an error message is cut to this length


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
    """One page to segment. `page` is a Failure when reading it already failed. `meta`: the
    input record's fields passed through to the output (all but the page's), `lang`: the
    record's own language hint (before the run's), `charset`: the encoding an HTTP header
    declared for bytes (a WARC record's), tried before the library's own detection."""

    id: Any
    page: str | bytes | Failure
    input: str
    size: int  # bytes of input, for progress figures
    meta: dict | None = None
    lang: str | None = None
    charset: str | None = None


@attrs.frozen(slots=True)
class Options:
    """What a worker needs besides the pages. `lines`: render each result as an output line."""

    lang: str | None = None
    timeout: float | None = None
    max_chars: int = MAX_CHARS
    lines: bool = False
    with_text: bool = False
    format: str = "newsclean"  # the output record's shape: see batch.formats
    keep: tuple[str, ...] | None = None  # the kinds the clean text holds; None: clean_text's
    split_articles: bool = False
    added: str = ""  # dolma's "added": the run's start, ISO 8601 UTC
    date_field: str | None = "date"  # the input field dolma's "created" comes from


def check_options(*, input: str = "auto", timeout: float | None = None,
                  max_chars: int = MAX_CHARS, lang: object = None) -> None:
    """Raise `InvalidArgument` (a ValueError, and a TypeError) for an `input`, a `lang`, a
    `timeout` or a `max_chars` no page could be segmented with, so a mistyped option fails at
    the call, not as one Failure a page."""
    check_arguments(lang=lang, input=input, max_chars=max_chars)
    if timeout is not None and (isinstance(timeout, bool)
                                or not isinstance(timeout, (int, float))):
        raise InvalidArgument(f"timeout must be a number of seconds or None, not {timeout!r}")
    if timeout is not None and not timeout > 0:  # (NaN too)
        raise InvalidArgument(f"timeout must be positive, not {timeout}")


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
            return segment(_decoded(task.page, task.charset), lang=task.lang or options.lang,
                           input=task.input, max_chars=options.max_chars)
    except Timeout:
        return Failure.of(task.id, Timeout(f"no result within {options.timeout:g} s"))
    except Exception as exc:  # noqa: BLE001 - one bad page must not end a run
        return Failure.of(task.id, exc)


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _decoded(page: str | bytes, charset: str | None) -> str | bytes:
    """`page` decoded with the declared `charset` when it decodes cleanly; else as it was,
    for the library's own detection (a wrong or unknown declaration is common). A byte order
    mark outranks the declaration, as in browsers: such a page is left to the library."""
    if charset is None or not isinstance(page, (bytes, bytearray)) or page.startswith(_BOMS):
        return page
    try:
        return page.decode(charset)
    except (LookupError, UnicodeDecodeError, ValueError):
        return page


def segment_safely(page: str | bytes, *, id: Any = None, lang: str | None = None,
                   input: str = "auto", timeout: float | None = None,
                   max_chars: int = MAX_CHARS) -> Document | Failure:
    """`segment()` for one page of many: a `Document`, or a `Failure` (with this `id`) for a
    page that gives none, instead of an exception. `timeout` (seconds; POSIX, main thread)
    makes a slower page a `Failure` of type "Timeout". A bad `input` or `timeout` raises
    ValueError at once: it is a mistake of the caller's, not of the page's."""
    check_options(input=input, timeout=timeout, max_chars=max_chars, lang=lang)
    options = Options(lang=lang, timeout=timeout, max_chars=max_chars)
    return segment_task(Task(id, page, input, size=0), options)  # size: for progress only
