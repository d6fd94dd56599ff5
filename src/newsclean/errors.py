"""The exceptions newsclean raises. Every one is a NewscleanError but `BatchInputError`, which
is about a `newsclean batch` run as a whole, not about a page."""


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose (but BatchInputError)."""


class DecodeError(NewscleanError, ValueError):
    """The bytes given are not text in an encoding newsclean can recognise."""


class InvalidArgument(NewscleanError, TypeError, ValueError):
    """An argument no page could be segmented with, raised at the call before any page is read:
    `lang` that is not a str (`lang=["ar"]`: one code, not a list), `max_chars` or `max_lines`
    that is not a whole number of at least 1 (`max_chars=None`: there is no "no limit"), an
    unknown `input`, a `timeout` that is not a positive number. A TypeError for a wrong type
    and a ValueError for a value out of range, as Python's own checks are; both, so that a
    caller may catch either."""


class InputTooLarge(NewscleanError, ValueError):
    """The page is larger than the limit set by `max_chars` (no silent truncation)."""


# --- many pages (newsclean.batch): each becomes a page's Failure, never raised to the caller ---

class Timeout(NewscleanError, TimeoutError):
    """A page took longer than the batch's timeout."""


class WorkerCrashed(NewscleanError):
    """The worker process died while segmenting the page (killed, out of memory, a crash)."""


class EmptyPage(NewscleanError, ValueError):
    """`newsclean batch` was given an empty page (no bytes, or only white space)."""


class BadRecord(NewscleanError, ValueError):
    """A JSONL line that is JSON but holds no page: not an object, or no page field."""


class BatchInputError(Exception):
    """A problem with a `newsclean batch` run as a whole: an INPUT that cannot be read, an OUT
    that is not a batch output. The command reports it as a usage error (exit 2)."""
