"""`newsclean batch` inputs under hostile conditions (round two), each with a generated case:
a FIFO named *.txt, symlinked folders and loops, a .gz of blank lines, NaN/Infinity ids,
SIGTERM mid-run, a max_chars that is no int."""
from __future__ import annotations

import collections
import gzip
import io
import json
import os
import signal

import pytest

from newsclean.batch import iter_tasks, run_batch, segment_safely
from newsclean.batch.records import _numbered_lines
from newsclean.batch.output import id_key, result_line
from newsclean.batch.safe import check_options

PAGE = ("Harbour story\n\nThe harbour authority said on Monday that the new quay would open in "
        "spring after two years of work on the old pier.\n")


def test_a_fifo_named_txt_in_a_folder_is_skipped_and_counted(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE)
    os.mkfifo(tmp_path / "b.txt")  # opening it would wait for a writer forever
    skipped = collections.Counter()
    ids = [t.id for t in iter_tasks([str(tmp_path)], skipped=skipped)]
    assert ids == ["a.txt"] and skipped == {"not a regular file": 1}
    summary = run_batch([str(tmp_path)], str(tmp_path / "o.jsonl"), workers=1)
    assert "1 skipped (1 not a regular file)" in summary.line()


def test_a_symlinked_folder_is_followed_once_and_a_loop_ends(tmp_path):
    real = tmp_path / "in" / "real"
    real.mkdir(parents=True)
    (real / "a.txt").write_text(PAGE)
    (tmp_path / "in" / "link").symlink_to(real, target_is_directory=True)   # seen again: skipped
    (real / "loop").symlink_to(tmp_path / "in", target_is_directory=True)   # a loop
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(PAGE)
    (tmp_path / "in" / "z-other").symlink_to(other, target_is_directory=True)  # followed
    skipped = collections.Counter()
    ids = [t.id for t in iter_tasks([str(tmp_path / "in")], skipped=skipped)]
    assert ids == ["link/a.txt", "z-other/b.txt"]  # name order: the link first, then real is seen
    assert sum(skipped.values()) == 2


def test_blank_lines_of_a_gz_are_counted_not_read_one_by_one(tmp_path):
    path = tmp_path / "blank.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n" * 300_000 + b" \t\n" + b'{"text": "x"}\n' + b"\n" * 5))
    with gzip.open(path, "rb") as fh:
        assert list(_numbered_lines(fh)) == [(300_002, b'{"text": "x"}\n')]
    data = b"\n \n" + b'{"a": 1}\n' + b"\n" * 3 + b' {"b": 2}'
    for fh in (io.BytesIO(data), io.BufferedReader(io.BytesIO(data), 4)):  # with peek, without
        assert list(_numbered_lines(fh)) == [(3, b'{"a": 1}\n'), (7, b' {"b": 2}')]


@pytest.mark.parametrize("raw, written", [("NaN", "NaN"), ("Infinity", "Infinity"),
                                          ("-Infinity", "-Infinity"), ("[1, NaN]", ["1", "NaN"])])
def test_a_nan_or_infinite_id_is_written_as_a_string_in_valid_json(tmp_path, raw, written):
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"id": {raw}, "text": {json.dumps(PAGE)}}}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    run_batch([str(src)], str(out), workers=1)
    line = out.read_text(encoding="utf-8")
    record = json.loads(line, parse_constant=lambda c: pytest.fail(f"bare {c} in the output"))
    expected = [1, "NaN"] if written == ["1", "NaN"] else written
    assert record["id"] == expected and record["ok"] is True
    run_batch([str(src)], str(out), workers=1, resume=True)  # the id is found again
    assert out.read_text(encoding="utf-8") == line


def test_id_key_matches_the_written_id():
    assert id_key(float("nan")) == id_key("NaN")
    assert b"NaN" in result_line(float("nan"), segment_safely(PAGE))


class _TermAfter(io.BytesIO):
    """Standard input that sends this process SIGTERM once `n` lines have been read."""

    def __init__(self, data: bytes, n: int) -> None:
        super().__init__(data)
        self.n = n

    def readline(self, size=-1):
        self.n -= 1
        if self.n == 0:
            os.kill(os.getpid(), signal.SIGTERM)
        return super().readline(size)


def test_sigterm_ends_a_run_like_ctrl_c_with_the_gz_valid_and_a_summary(tmp_path):
    lines = b"".join(json.dumps({"id": i, "text": PAGE}).encode() + b"\n" for i in range(50))
    out = tmp_path / "o.jsonl.gz"
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt) as info:
        run_batch(["-"], str(out), workers=1, chunksize=4, stdin=_TermAfter(lines, 30))
    assert signal.getsignal(signal.SIGTERM) == before
    written = gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()  # closed: valid
    assert written and all(json.loads(w)["ok"] for w in written)
    assert info.value.summary.documents == len(written)


@pytest.mark.parametrize("max_chars, error", [(None, TypeError), ("10", TypeError),
                                               (True, TypeError), (0, ValueError)])
def test_max_chars_that_is_no_positive_int_is_a_clear_error(max_chars, error):
    with pytest.raises(error, match="max_chars"):
        check_options(max_chars=max_chars)
    with pytest.raises(error, match="max_chars"):
        segment_safely(PAGE, max_chars=max_chars)
