"""The progress line of `newsclean batch`: its text (`progress_line`, with a fake clock through
`Progress`), its redraws (on updates, and every tick while a slow chunk runs), the input's total
size (`total_bytes`), and that it is shown on a terminal only."""
from __future__ import annotations

import gzip
import io
import sys
import time

import pytest

from newsclean import batch, cli
from newsclean.batch import Progress, progress_line, total_bytes
from newsclean.batch.progress import duration
from newsclean.cli import main

PAGE = "Headline here\n\nA first paragraph of the story, long enough to read.\n"


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# --- the text -------------------------------------------------------------------------------

@pytest.mark.parametrize("seconds, shown", [(0, "0s"), (42.9, "42s"), (60, "1m00s"),
                                            (245, "4m05s"), (3600, "1h00m"), (7380, "2h03m"),
                                            (-3, "0s")])
def test_duration(seconds, shown):
    assert duration(seconds) == shown


def test_line_with_a_total_shows_share_rate_elapsed_and_eta():
    line = progress_line(1_234, 25_000_000, 3, elapsed=10.0, total=100_000_000)
    assert line == ("25% of 100.0 MB  1,234 documents  3 failed  123.4 docs/s  2.50 MB/s  "
                    "10s elapsed  ETA 30s")


def test_line_without_a_total_shows_what_was_read():
    line = progress_line(120, 3_000_000, 2, elapsed=4.0)
    assert line == "120 documents  3.0 MB  2 failed  30.0 docs/s  0.75 MB/s  4s elapsed"
    assert "%" not in line and "ETA" not in line


def test_eta_before_any_byte_is_unknown_and_done_is_zero():
    assert progress_line(0, 0, 0, elapsed=2.0, total=10**6) == (
        "0% of 1.0 MB  0 documents  0 failed  0.0 docs/s  0.00 MB/s  2s elapsed  ETA ?")
    done = progress_line(5, 10**6, 0, elapsed=2.0, total=10**6)
    assert done.startswith("100% of 1.0 MB") and done.endswith("ETA 0s")


def test_share_never_passes_100_percent():
    # JSONL lines and files are counted as read; a file that grew meanwhile reads more
    line = progress_line(5, 2 * 10**6, 0, elapsed=1.0, total=10**6)
    assert line.startswith("100% of") and line.endswith("ETA 0s")
    assert progress_line(1, 0, 0, elapsed=1.0, total=0).startswith("100% of 0.0 MB")


# --- Progress, with a fake clock ------------------------------------------------------------

def test_progress_draws_the_line_with_the_clock_s_elapsed_time():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(stream, total=100_000_000, tick=None, clock=clock)
    clock.now += 10
    progress.update(1_234, 25_000_000, 3)
    assert stream.getvalue() == "\r" + progress_line(1_234, 25_000_000, 3, 10.0, 100_000_000)


def test_updates_redraw_at_most_every_every_seconds():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(stream, every=0.5, tick=None, clock=clock)
    progress.update(1, 100, 0)  # the first is drawn at once
    clock.now += 0.2
    progress.update(2, 200, 0)  # too soon
    assert stream.getvalue().count("\r") == 1
    clock.now += 0.3
    progress.update(3, 300, 0)
    assert stream.getvalue().count("\r") == 2 and "3 documents" in stream.getvalue()


def test_a_shorter_line_blanks_the_rest_of_the_longer_one():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(stream, every=0, tick=None, clock=clock)
    progress.update(10_000, 10**9, 5_000)
    long = len(stream.getvalue()) - 1
    progress.update(1, 0, 0)
    last = stream.getvalue().rsplit("\r", 1)[1]
    assert len(last) == long and last.startswith("1 documents")


def test_the_line_is_cut_to_the_terminal_s_width(monkeypatch):
    monkeypatch.setattr(batch.progress, "_columns", lambda stream: 30)
    stream = io.StringIO()
    Progress(stream, tick=None, clock=FakeClock()).update(1_234, 25_000_000, 3)
    assert len(stream.getvalue()) == 1 + 29


def test_the_ticker_redraws_while_no_chunk_comes_back():
    stream = io.StringIO()
    progress = Progress(stream, tick=0.01)  # the real clock and thread: no update at all
    deadline = time.monotonic() + 10
    while stream.getvalue().count("\r") < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    progress.close()
    assert stream.getvalue().count("\r") >= 3
    assert "0 documents" in stream.getvalue()
    assert not progress._ticker.is_alive()
    after = stream.getvalue()
    time.sleep(0.05)
    assert stream.getvalue() == after  # closed: nothing more is drawn


def test_close_clears_the_line_and_twice_is_harmless():
    stream = io.StringIO()
    progress = Progress(stream, every=0, tick=None, clock=FakeClock())
    progress.update(120, 3_000_000, 2)
    progress.close()
    progress.close()
    assert stream.getvalue().endswith("\r") and "\n" not in stream.getvalue()
    width = len(progress_line(120, 3_000_000, 2, 0.0))
    assert stream.getvalue().endswith("\r" + " " * width + "\r")


# --- the total ------------------------------------------------------------------------------

def test_total_bytes_of_files_and_folders(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(b"x" * 10)
    (tmp_path / "in" / "sub" / "b.jsonl").write_bytes(b"y" * 20)
    (tmp_path / "in" / "notes.md").write_bytes(b"z" * 40)  # no page: not read, not counted
    (tmp_path / "c.html").write_bytes(b"w" * 5)
    assert total_bytes([str(tmp_path / "in"), str(tmp_path / "c.html")]) == 35
    out = tmp_path / "in" / "out.jsonl"
    out.write_bytes(b"o" * 100)
    assert total_bytes([str(tmp_path / "in")], skip=[str(out)]) == 30  # the run's own OUT


def test_total_bytes_is_unknown_for_stdin_and_gzip(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b"{}\n"))
    assert total_bytes(["-"]) is None
    assert total_bytes([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl.gz")]) is None
    assert total_bytes([str(tmp_path)]) is None


def test_total_is_what_a_run_reads(tmp_path):
    """Files: the share reaches 100% at the end of a run."""
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(PAGE * (i + 1), encoding="utf-8")
    summary = batch.run_batch([str(tmp_path)], str(tmp_path / "out.jsonl"), workers=1)
    assert summary.bytes == total_bytes([str(tmp_path)], skip=[str(tmp_path / "out.jsonl")])


# --- the command ----------------------------------------------------------------------------

def test_no_progress_line_when_stderr_is_no_terminal(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and err.count("\n") == 1 and err.startswith("newsclean: 1 documents")


def _progress_for(args, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    progress = cli._progress(cli.build_parser().parse_args(args))
    if progress is not None:
        progress.close()
    return progress


def test_on_a_terminal_the_command_passes_the_inputs_total(tmp_path, monkeypatch):
    (tmp_path / "p.txt").write_bytes(b"x" * 77)
    out = str(tmp_path / "o.jsonl")
    progress = _progress_for(["batch", str(tmp_path), "-o", out], monkeypatch)
    assert progress is not None and progress.total == 77
    assert _progress_for(["batch", str(tmp_path), "-o", out, "--quiet"], monkeypatch) is None
    resumed = _progress_for(["batch", str(tmp_path), "-o", out, "--resume"], monkeypatch)
    assert resumed.total is None  # the pages done before are not read again
