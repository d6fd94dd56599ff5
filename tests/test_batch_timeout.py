"""`--timeout` ends the work even when a page is stuck inside C code.

The in-worker SIGALRM deadline runs its handler only between Python bytecodes; a page stuck in C
(the HTML parser, `unicodedata.normalize` on a hostile run) would hold its worker forever. The
parent's watchdog (batch/pool.py) kills such a worker; the page is a `Timeout` failure, every
other page is still output, in order, with the same content as without the stuck page.

The stuck page is made real here, not by a hook in src: a worker initialiser defined in this
file wraps `segment` so that the page "STUCK" blocks SIGALRM (as C code that never returns to
the interpreter does, in effect) and sleeps far longer than the timeout.
"""
from __future__ import annotations

import json
import signal
import time

import newsclean.batch.pool as pool
import newsclean.batch.safe as safe
from newsclean.batch import Failure, run_batch, segment_many
from newsclean import segment

STUCK = "STUCK"
STUCK_SECONDS = 600  # far beyond any deadline: only a kill ends it


def _stuck_segment(page, **kwargs):
    if (page if isinstance(page, str) else page.decode("utf-8", "replace")).startswith(STUCK):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the alarm cannot interrupt
        time.sleep(STUCK_SECONDS)
    return segment(page, **kwargs)


def _init_stuck_worker():
    """A pool worker's initialiser: the real one, then a `segment` that may get stuck."""
    _REAL_INIT()
    safe.segment = _stuck_segment


_REAL_INIT = pool._init_worker


def page(i: int) -> str:
    return (f"Harbour story {i}\n\nThe harbour authority said on Monday that the new quay, "
            f"number {i}, would open in spring after two years of work on the old pier.\n")


def test_a_page_stuck_in_c_is_a_timeout_and_every_other_page_is_output(monkeypatch):
    monkeypatch.setattr(pool, "_init_worker", _init_stuck_worker)
    pages = [page(i) for i in range(7)]
    pages[3] = STUCK + "\n" + pages[3]
    expected = [segment(p).to_dict() for p in pages]
    started = time.monotonic()
    results = list(segment_many(pages, workers=2, timeout=0.5, chunksize=2))
    assert time.monotonic() - started < STUCK_SECONDS / 2  # ended, not waited out
    assert [type(r).__name__ for r in results] == ["Document"] * 3 + ["Failure"] + ["Document"] * 3
    assert results[3].type == "Timeout" and results[3].id == 3
    assert results[3].message == "no result within 0.5 s"
    for i, r in enumerate(results):
        if i != 3:
            assert r.to_dict() == expected[i]


def test_one_worker_with_a_timeout_still_ends_a_stuck_page(monkeypatch):
    monkeypatch.setattr(pool, "_init_worker", _init_stuck_worker)
    pages = [STUCK + "\n" + page(0), page(1)]
    results = list(segment_many(pages, workers=1, timeout=0.5, chunksize=4))
    assert isinstance(results[0], Failure) and results[0].type == "Timeout"
    assert results[1].to_dict() == segment(pages[1]).to_dict()


def test_batch_writes_a_timeout_line_for_a_stuck_page(monkeypatch, tmp_path):
    monkeypatch.setattr(pool, "_init_worker", _init_stuck_worker)
    src = tmp_path / "in.jsonl"
    records = [{"id": i, "text": page(i)} for i in range(4)]
    records[1]["text"] = STUCK + "\n" + records[1]["text"]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(src)], str(out), workers=2, timeout=0.5, chunksize=4)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [0, 1, 2, 3]
    assert [line["ok"] for line in lines] == [True, False, True, True]
    assert lines[1]["error"]["type"] == "Timeout"
    assert summary.failed == {"Timeout": 1}
