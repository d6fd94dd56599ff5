"""`newsclean batch --resume` for the records that are not one JSON line a document by id: the
text format and --split-articles, resumed through the journal beside OUT (`batch.journal`).

Under test: a run killed with SIGKILL and resumed writes exactly what one unbroken run writes
(byte for byte, uncompressed); so does a resume from any cut of OUT and of its journal (every
place a kill can leave them); a resume with other options or other INPUTs, or of an OUT
without its journal, is refused with a usage error; earlier failures count in the summary.
"""
from __future__ import annotations

import gzip
import io
import json
import signal
import subprocess
import sys
import time

import pytest

from newsclean import batch
from newsclean.batch import journal
from newsclean.batch.journal import journal_path
from newsclean.cli import main
from newsclean.examples import read as example_page

try:
    import zstandard
except ImportError:  # the zstd cases are skipped; the rest runs
    zstandard = None

EXAMPLE = example_page().decode("utf-8")  # two articles: split records of more than one

# (output format, --split-articles): every combination the journal is for
JOURNALED = [("text", False), ("text", True), ("newsclean", True), ("datatrove", True),
             ("dolma", True)]


def text_page(i: int) -> str:
    return (f"Storm number {i} reaches the northern coast\n"
            f"Share\n"
            f"The storm arrived during the night and brought winds of {i + 80} km/h to the coast, "
            f"the weather service said on Tuesday.\n\n"
            f"Thousands of homes were without power in the morning, and {i} roads were closed "
            f"by fallen trees across the region.\n")


def records(n: int = 12) -> list[dict]:
    """Pages of one and of two articles, a failure and a page with no clean text among them."""
    out = []
    for i in range(n):
        record = {"id": f"p{i}", "url": f"https://example.org/{i}"}
        if i % 5 == 3:
            record["text"] = 7  # a BadRecord: no record in the corpus formats
        elif i % 4 == 1:
            record["text"] = EXAMPLE
        elif i == 6:
            record["text"] = "Home\nNews\nSport\n"  # chrome only: no clean text
        else:
            record["text"] = text_page(i)
        out.append(record)
    return out


def write_jsonl(path, recs) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")


def plain(path) -> bytes:
    """OUT's bytes, decompressed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:4] == b"\x28\xb5\x2f\xfd":
        return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data),
                                                          read_across_frames=True).read()
    return data


def strip_added(data: bytes, fmt: str) -> bytes:
    """dolma's "added" (and "created", which defaults to it) is the run's start: not compared."""
    if fmt != "dolma":
        return data
    lines = [json.loads(line) for line in data.splitlines()]
    for line in lines:
        line.pop("added"), line.pop("created")
    return json.dumps(lines).encode()


def batch_run(src, out, fmt, split, **kwargs):
    kwargs.setdefault("workers", 1)
    return batch.run_batch([str(src)], str(out), output_format=fmt, split_articles=split,
                           report=lambda line: None, **kwargs)


@pytest.fixture
def keep_journal(monkeypatch):
    """Runs that end keep their journal, as a run killed just after its last chunk does (a
    run that ends removes it)."""
    monkeypatch.setattr(journal.Journal, "finish", journal.Journal.close)


@pytest.fixture
def src(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, records())
    return path


# --- every place a kill can leave OUT and its journal --------------------------------------

def journal_lines(out) -> list[bytes]:
    with open(journal_path(str(out)), "rb") as fh:
        return fh.read().splitlines(keepends=True)


@pytest.mark.parametrize("fmt, split", JOURNALED)
def test_resume_from_any_cut_of_out_and_its_journal_is_exact(tmp_path, src, fmt, split,
                                                            keep_journal):
    full = tmp_path / "full.out"
    summary = batch_run(src, full, fmt, split, chunksize=1)
    want = full.read_bytes()
    lines = journal_lines(full)
    assert len(lines) == 2 + 12  # the header, the start, one entry a chunk (a page)
    ends = [json.loads(line)["bytes"] for line in lines[1:]]
    assert ends[-1] == len(want) and summary.failures == 2
    out = tmp_path / "out"
    # A kill after a chunk's bytes, before its entry (OUT ahead of the journal), in the middle
    # of a chunk's bytes, or in the middle of an entry (a partial last line).
    cuts = {(j, c) for j in range(len(ends)) for c in
            (ends[j], ends[j] + 1, (ends[j] + ends[min(j + 1, len(ends) - 1)]) // 2,
             ends[min(j + 1, len(ends) - 1)])}
    for j, c in sorted(cuts):
        out.write_bytes(want[:c])
        with open(journal_path(str(out)), "wb") as fh:
            fh.write(b"".join(lines[:2 + j]) + lines[2 + j][:5] if j + 2 < len(lines)
                     else b"".join(lines))
        resumed = batch_run(src, out, fmt, split, chunksize=3, resume=True)
        assert strip_added(out.read_bytes(), fmt) == strip_added(want, fmt), (j, c)
        assert resumed.documents == 12 and resumed.earlier == j
        assert resumed.failures == 2  # the earlier ones counted too, none twice
        assert journal_lines(out)[-1] == lines[-1]  # the journal goes on as if never cut


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
@pytest.mark.parametrize("fmt, split", [("text", False), ("datatrove", True)])
def test_resume_of_a_cut_compressed_out(tmp_path, src, fmt, split, suffix, keep_journal):
    if suffix == ".zst" and zstandard is None:
        pytest.skip("zstandard is not installed (the zstd extra)")
    full = tmp_path / ("full" + suffix)
    batch_run(src, full, fmt, split, chunksize=2)
    want, data = plain(full), full.read_bytes()
    written = b"".join(journal_lines(full))
    out = tmp_path / ("out" + suffix)
    for cut in (0, 20, len(data) // 3, len(data) // 2, len(data) - 9, len(data)):
        out.write_bytes(data[:cut])  # no trailer, half a frame, half a line
        open(journal_path(str(out)), "wb").write(written)  # the journal as far as it went
        batch_run(src, out, fmt, split, chunksize=3, resume=True)
        assert plain(out) == want, cut


# --- a real kill ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, split, name", [("text", False, "out.txt"),
                                              ("datatrove", True, "out.jsonl.gz")])
def test_a_killed_run_resumed_writes_what_one_run_writes(tmp_path, fmt, split, name):
    src = tmp_path / "in.jsonl"
    n = 300
    write_jsonl(src, [{"id": f"p{i}", "text": EXAMPLE if i % 7 == 0 else text_page(i) * 3}
                      for i in range(n)])
    out = tmp_path / name
    args = ["batch", str(src), "-o", str(out), "--output-format", fmt, "--workers", "2"]
    if split:
        args.append("--split-articles")
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *args, "--chunk-size", "1"],
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    kept = journal_path(str(out))
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if len(open(kept, "rb").read().splitlines()) > 5:
                break
        except FileNotFoundError:
            pass
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)  # as an OOM killer would: no cleanup, no gzip trailer
    assert proc.wait() == -signal.SIGKILL  # killed mid-run, not after it ended
    assert main([*args, "--resume"]) == 0
    assert not (tmp_path / (name + ".resume")).exists()  # the run ended: nothing to resume
    fresh = tmp_path / ("fresh-" + name)
    assert main([*args[:3], str(fresh), *args[4:], "--workers", "1"]) == 0
    assert plain(out) == plain(fresh)
    if fmt == "datatrove":
        ids = [json.loads(line)["id"] for line in plain(out).splitlines()]
        assert len(ids) == len(set(ids)) and ids[0] == "p0#1" and ids[-1].startswith("p299#")


# --- what is refused -----------------------------------------------------------------------

def test_resume_with_other_options_is_refused(tmp_path, src, keep_journal):
    out = tmp_path / "out"
    batch_run(src, out, "text", False)
    for fmt, split, kwargs, words in [("text", True, {}, "split_articles False"),
                                      ("text", False, {"keep": ["body"]}, "keep"),
                                      ("dolma", True, {}, "format 'text'"),
                                      ("newsclean", False, {}, "--output-format")]:
        with pytest.raises(batch.BatchInputError, match="--resume") as err:
            batch_run(src, out, fmt, split, resume=True, **kwargs)
        assert words in str(err.value)


def test_resume_with_other_inputs_is_refused(tmp_path, src, keep_journal):
    out = tmp_path / "out"
    batch_run(src, out, "datatrove", True)
    other = tmp_path / "other.jsonl"
    recs = records()
    write_jsonl(other, recs[1:] + recs[:1])  # the same documents in another order
    with pytest.raises(batch.BatchInputError, match="same INPUTs in the same order"):
        batch_run(other, out, "datatrove", True, resume=True)
    write_jsonl(other, recs[:5])  # fewer documents than OUT was written from
    with pytest.raises(batch.BatchInputError, match="INPUTs hold 5 documents"):
        batch_run(other, out, "datatrove", True, resume=True)
    write_jsonl(other, recs + [{"id": "new", "text": text_page(50)}])  # more: appended
    before = out.read_bytes()
    summary = batch_run(other, out, "datatrove", True, resume=True)
    assert summary.earlier == 12 and summary.documents == 13
    assert out.read_bytes().startswith(before) and b'"new#1"' in out.read_bytes()


def test_an_out_without_its_journal_is_refused_and_an_empty_one_starts_over(tmp_path, src):
    out = tmp_path / "out.txt"
    out.write_text("some text\n\f\n")
    with pytest.raises(batch.BatchInputError, match=r"no .*out\.txt\.resume beside it"):
        batch_run(src, out, "text", False, resume=True)
    out.write_bytes(b"")
    batch_run(src, out, "text", False, resume=True)
    fresh = tmp_path / "fresh.txt"
    batch_run(src, fresh, "text", False)
    assert out.read_bytes() == fresh.read_bytes()


def test_a_damaged_journal_is_refused(tmp_path, src):
    out = tmp_path / "out"
    batch_run(src, out, "text", False)
    open(journal_path(str(out)), "wb").write(b'{"not": "a journal"}\n')
    with pytest.raises(batch.BatchInputError, match="not the journal"):
        batch_run(src, out, "text", False, resume=True)


def test_a_run_that_ends_removes_its_journal_and_is_not_resumed(tmp_path, src):
    out = tmp_path / "corpus" / "out.jsonl"
    out.parent.mkdir()
    batch_run(src, out, "datatrove", True)
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.jsonl"]  # only the corpus
    with pytest.raises(batch.BatchInputError, match="is complete, or was written otherwise"):
        batch_run(src, out, "datatrove", True, resume=True)


def test_the_id_formats_write_no_journal_and_a_fresh_run_removes_a_stale_one(
        tmp_path, src, monkeypatch):
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(journal.Journal, "finish", journal.Journal.close)
    batch_run(src, out, "text", False)
    assert (tmp_path / "out.jsonl.resume").exists()  # as a killed run leaves it
    monkeypatch.undo()
    batch_run(src, out, "dolma", False)  # a fresh run (--force): the journal was another OUT's
    assert not (tmp_path / "out.jsonl.resume").exists()
    summary = batch_run(src, out, "dolma", False, resume=True)  # resumed by ids
    assert summary.earlier == 9  # the documents with a record (2 failures, 1 without text)
    assert not (tmp_path / "out.jsonl.resume").exists()


def test_an_id_format_resumed_over_a_journal_is_refused(tmp_path, src, keep_journal):
    out = tmp_path / "out.jsonl"
    batch_run(src, out, "newsclean", True)
    with pytest.raises(batch.BatchInputError, match="--split-articles"):
        batch_run(src, out, "newsclean", False, resume=True)


def test_cli_resumes_split_records_and_says_what_was_done_before(tmp_path, src,
                                                                 monkeypatch):
    out = tmp_path / "out.jsonl"
    args = ["batch", str(src), "-o", str(out), "--split-articles", "--workers", "1"]
    monkeypatch.setattr(journal.Journal, "finish", journal.Journal.close)
    assert main(args) == 1  # two records fail; the journal kept, as after a kill at the end
    full = out.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "newsclean", *args, "--resume",
                           "--output-format", "text"], capture_output=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    assert "format 'newsclean' (now 'text')" in proc.stderr.decode()
    proc = subprocess.run([sys.executable, "-m", "newsclean", *args, "--resume"],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1 and out.read_bytes() == full
    assert "12 documents, 2 failed (2 BadRecord); 12 of them from an earlier run" in \
        proc.stderr.decode()
    assert not (tmp_path / "out.jsonl.resume").exists()
