"""One page of many: `newsclean.batch.segment_safely`, and the batch errors in newsclean.errors.

Under test: a page that segments gives what `segment()` gives; a page that does not gives a
`Failure` with the caller's id, the exception's class name and its message, never an exception;
a slow page becomes a Timeout; a mistaken option is a ValueError at the call.
"""
from __future__ import annotations

import signal
import time

import pytest

import newsclean
from newsclean import batch, errors
from newsclean.batch import Failure, safe, segment_safely

PAGE = ("Storm hits the coast\n\n"
        "The storm arrived at night, and the wind brought down trees across the county.\n"
        "Share")  # 106 characters
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def test_a_page_that_segments_gives_what_segment_gives():
    assert segment_safely(PAGE) == newsclean.segment(PAGE)
    html = "<p>" + PAGE.replace("\n", "<br>") + "</p>"
    assert segment_safely(html, input="text", lang="en") == \
        newsclean.segment(html, input="text", lang="en")


def test_a_page_that_does_not_segment_is_a_failure_with_the_callers_id():
    assert segment_safely(PNG, id="page-7") == Failure(
        "page-7", "DecodeError", "the bytes are not text: they look like a PNG image")
    # max_chars reaches segment(): the same message segment() raises, as a Failure.
    assert segment_safely(PAGE, max_chars=100) == Failure(
        None, "InputTooLarge", "page has 106 characters; the limit is max_chars=100")
    # Any exception, not only newsclean's own: a number is no page.
    got = segment_safely(12345, id=3)
    assert (got.id, got.type) == (3, "TypeError")


def test_a_slow_page_is_a_timeout_failure(monkeypatch):
    real = safe.segment

    def slow(page, **kwargs):
        time.sleep(5)
        return real(page, **kwargs)

    monkeypatch.setattr(safe, "segment", slow)
    started = time.monotonic()
    got = segment_safely(PAGE, id="slow", timeout=0.2)
    assert time.monotonic() - started < 4.5  # cut short, not waited out
    assert got == Failure("slow", "Timeout", "no result within 0.2 s")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_mistaken_option_raises_at_the_call():
    with pytest.raises(ValueError, match="input must be one of"):
        segment_safely(PAGE, input="pdf")
    with pytest.raises(ValueError, match="timeout must be positive"):
        segment_safely(PAGE, timeout=0)


def test_batch_errors_live_in_errors_and_keep_their_old_names_and_bases():
    for name in ("Timeout", "WorkerCrashed", "EmptyPage", "BadRecord", "BatchInputError"):
        assert getattr(batch, name) is getattr(errors, name)
    for cls in (errors.Timeout, errors.WorkerCrashed, errors.EmptyPage, errors.BadRecord):
        assert issubclass(cls, newsclean.NewscleanError)
    assert issubclass(errors.Timeout, TimeoutError)
    assert issubclass(errors.EmptyPage, ValueError) and issubclass(errors.BadRecord, ValueError)
    # A run that cannot start is the caller's problem, not a page's: no NewscleanError.
    assert not issubclass(errors.BatchInputError, newsclean.NewscleanError)


def test_every_name_the_batch_package_exports_exists():
    for name in batch.__all__:
        assert hasattr(batch, name), name
