"""Many pages: `newsclean.segment_many` and `newsclean batch`.

Under test: results in input order and byte-identical output for any number of workers; one
output line per input document, an error line for each bad one (broken JSONL lines, binary
files, empty files, ...); bounded read-ahead; per-document timeout; a worker that dies; --resume
after a killed run; exit codes 0/1/2 with a one-line message. No timing is asserted.
"""
from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

import newsclean
from newsclean import batch
from newsclean.batch import Failure, Progress, safe, segment_many
from newsclean.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def text_page(i: int) -> str:
    """An invented page: a headline, a caption given twice, paragraphs, some chrome."""
    return (f"Storm number {i} reaches the northern coast\n"
            f"Share\n"
            f"Fishing boats tied up in the harbour of town {i} (AP Photo/Jane Doe)\n"
            f"Fishing boats tied up in the harbour of town {i} (AP Photo/Jane Doe)\n"
            f"The storm arrived during the night and brought winds of {i + 80} km/h to the coast, "
            f"the weather service said on Tuesday.\n\n"
            f"Thousands of homes were without power in the morning, and {i} roads were closed "
            f"by fallen trees across the region.\n\n"
            f"Officials asked residents to stay indoors until the evening.\n")


def html_page(i: int) -> str:
    return (f"<html lang=en><body><article><h1>Council {i} votes on the new bridge</h1>"
            f"<p>The city council met on Monday evening to vote on plan {i} for a bridge across "
            f"the river, after two years of debate.</p>"
            f"<p>The vote was close, and the mayor said work could start next spring.</p>"
            f"</article><footer>Contact us</footer></body></html>")


def read_lines(path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as fh:
        return [json.loads(line) for line in fh]


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120):
    return subprocess.run([sys.executable, "-m", "newsclean", *args], input=stdin,
                          capture_output=True, timeout=timeout)


@pytest.fixture
def corpus(tmp_path):
    """A folder of invented pages (text, HTML, gzipped) and a JSONL file of more."""
    root = tmp_path / "pages"
    (root / "b" / "deeper").mkdir(parents=True)
    for i in range(6):
        (root / f"t{i}.txt").write_text(text_page(i), encoding="utf-8")
    for i in range(3):
        (root / "b" / f"h{i}.html").write_text(html_page(i), encoding="utf-8")
    (root / "b" / "deeper" / "z.txt.gz").write_bytes(gzip.compress(text_page(99).encode()))
    (root / "notes.md").write_text("not a page", encoding="utf-8")  # ignored by extension
    jsonl = tmp_path / "more.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for i in range(20):
            field = "html" if i % 3 == 0 else "text"
            page = html_page(i) if field == "html" else text_page(i)
            fh.write(json.dumps({"id": f"doc-{i}", field: page}) + "\n")
    return root, jsonl


# --- segment_many ---------------------------------------------------------------------------

def test_segment_many_exported():
    assert newsclean.segment_many is segment_many
    assert "segment_many" in newsclean.__all__


@pytest.mark.parametrize("workers", [1, 2])
def test_segment_many_yields_what_segment_gives_in_order(workers):
    pages = [text_page(i) for i in range(30)] + [html_page(i).encode() for i in range(5)]
    results = list(segment_many(pages, workers=workers, chunksize=4))
    assert [r.to_dict(with_text=True) for r in results] == \
        [newsclean.segment(p).to_dict(with_text=True) for p in pages]


@pytest.mark.parametrize("workers", [1, 2])
def test_segment_many_failure_per_bad_page_and_goes_on(workers):
    pages = [text_page(0), PNG, 12345, text_page(1), "x" * 50]
    results = list(segment_many(pages, workers=workers, chunksize=2))
    assert len(results) == len(pages)
    assert isinstance(results[0], newsclean.Document) and isinstance(results[3],
                                                                      newsclean.Document)
    assert results[1] == Failure(1, "DecodeError", results[1].message)
    assert results[2].type == "TypeError" and results[2].id == 2
    assert isinstance(results[4], newsclean.Document)


def test_segment_many_options_reach_segment():
    page = "<p>" + text_page(3).replace("\n", "<br>") + "</p>"
    got = next(segment_many([page], workers=1, input="text", lang="en"))
    assert got == newsclean.segment(page, input="text", lang="en")


def test_segment_many_checks_its_arguments_at_call():
    with pytest.raises(ValueError):
        segment_many([], input="pdf")
    with pytest.raises(ValueError):
        segment_many([], workers=0)
    with pytest.raises(ValueError):
        segment_many([], timeout=0)


@pytest.mark.parametrize("workers", [1, 2])
def test_segment_many_reads_ahead_a_bounded_number_of_pages(workers):
    pulled = 0

    def pages():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield text_page(i % 7)

    results = segment_many(pages(), workers=workers, chunksize=3)
    first = next(results)
    assert isinstance(first, newsclean.Document)
    bound = 3 * (batch.IN_FLIGHT_PER_WORKER * workers + 1)
    assert pulled <= bound
    for _ in range(10):
        next(results)
    assert pulled <= bound + 12
    results.close()  # stops the pool; must not hang or read on


def test_timeout_turns_a_slow_page_into_a_failure(monkeypatch):
    real = safe.segment

    def slow(page, **kwargs):
        if "SLOW" in page:
            time.sleep(5)
        return real(page, **kwargs)

    monkeypatch.setattr(safe, "segment", slow)  # where segment_task calls it
    pages = [text_page(0), "SLOW " + text_page(1), text_page(2)]
    started = time.monotonic()
    results = list(segment_many(pages, workers=1, timeout=0.2))
    assert time.monotonic() - started < 4.5  # the sleep was cut short, not waited out
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1].type == "Timeout" and results[1].id == 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is off again


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the patched segment reaches the workers only when they are forked")
def test_timeout_in_pool_workers(monkeypatch):
    real = safe.segment

    def slow(page, **kwargs):
        if "SLOW" in page:
            time.sleep(30)
        return real(page, **kwargs)

    monkeypatch.setattr(safe, "segment", slow)  # where segment_task calls it
    pages = [text_page(i) for i in range(6)]
    pages[4] = "SLOW " + pages[4]
    results = list(segment_many(pages, workers=2, timeout=0.3, chunksize=2))
    assert [r.type for r in results if isinstance(r, Failure)] == ["Timeout"]
    assert isinstance(results[4], Failure) and results[4].id == 4


class KillsItsWorker:
    """A page whose unpickling, in a pool worker, ends the worker process at once."""

    def __reduce__(self):
        return (os._exit, (7,))


def test_a_page_that_kills_its_worker_is_one_failure_and_the_run_goes_on():
    pages = [text_page(i) for i in range(9)]
    pages[5] = KillsItsWorker()
    results = list(segment_many(pages, workers=2, chunksize=2))
    assert len(results) == 9
    assert results[5] == Failure(5, "WorkerCrashed", results[5].message)
    for i in (0, 1, 2, 3, 4, 6, 7, 8):
        assert results[i] == newsclean.segment(pages[i])


# --- newsclean batch: output ----------------------------------------------------------------

def test_batch_writes_one_line_per_document_in_input_order(corpus, tmp_path, capsys):
    root, jsonl = corpus
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(root), str(jsonl), "-o", str(out), "--workers", "2",
                 "--chunk-size", "3"]) == 0
    lines = read_lines(out)
    ids = [line["id"] for line in lines]
    assert ids == ["b/deeper/z.txt.gz", "b/h0.html", "b/h1.html", "b/h2.html",
                   *[f"t{i}.txt" for i in range(6)], *[f"doc-{i}" for i in range(20)]]
    assert all(line["ok"] for line in lines)
    by_id = {line["id"]: line["document"] for line in lines}
    assert by_id["t2.txt"] == newsclean.segment(text_page(2), input="text").to_dict()
    assert by_id["b/h1.html"] == newsclean.segment(html_page(1), input="html").to_dict()
    assert by_id["doc-3"] == newsclean.segment(html_page(3), input="html").to_dict()
    assert by_id["doc-4"] == newsclean.segment(text_page(4), input="text").to_dict()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "30 documents, 0 failed" in err


def test_output_is_byte_identical_for_any_number_of_workers(corpus, tmp_path):
    root, jsonl = corpus
    outputs = []
    for workers, chunk in ((1, 64), (2, 1), (2, 4), (3, 2)):
        out = tmp_path / f"out-{workers}-{chunk}.jsonl"
        assert main(["batch", str(jsonl), str(root), "-o", str(out), "--workers", str(workers),
                     "--chunk-size", str(chunk)]) == 0
        outputs.append(out.read_bytes())
    assert len(set(outputs)) == 1
    assert outputs[0].count(b"\n") == 30


def test_gzip_output_holds_the_same_lines_and_is_reproducible(corpus, tmp_path):
    root, _ = corpus
    plain, gz1, gz2 = tmp_path / "o.jsonl", tmp_path / "o1.jsonl.gz", tmp_path / "o2.jsonl.gz"
    assert main(["batch", str(root), "-o", str(plain), "--workers", "1"]) == 0
    assert main(["batch", str(root), "-o", str(gz1), "--workers", "2"]) == 0
    assert main(["batch", str(root), "-o", str(gz2), "--workers", "2"]) == 0
    assert gzip.decompress(gz1.read_bytes()) == plain.read_bytes()
    assert gz1.read_bytes() == gz2.read_bytes()


def test_bad_documents_get_an_error_line_each_and_the_others_are_right(tmp_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(text_page(1), encoding="utf-8")
    (root / "b.html").write_bytes(PNG)                       # binary
    (root / "c.txt").write_bytes(b"")                         # empty
    (root / "d.txt").write_bytes(bytes(range(256)) * 8)       # binary noise
    (root / "e.txt.gz").write_bytes(b"\x1f\x8b not a gzip stream after its magic bytes")
    (root / "f.txt").write_text(text_page(2), encoding="utf-8")
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_bytes(b"\n".join([
        json.dumps({"id": "ok-1", "text": text_page(3)}).encode(),
        b'{"id": "broken", "text": "no end',                  # broken JSON
        b"",                                                  # blank: no document
        b"\xff\xfe not utf-8 \x80",                           # not UTF-8
        b"[1, 2, 3]",                                         # not an object
        json.dumps({"id": "no-page", "url": "x"}).encode(),   # no page field
        json.dumps({"id": "empty", "text": "  "}).encode(),   # empty page
        json.dumps({"id": 7, "text": 7}).encode(),            # not a string
        json.dumps({"text": text_page(4)}).encode(),          # no id: FILE:LINE
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    code = main(["batch", str(root), str(jsonl), "-o", str(out), "--workers", "2",
                 "--chunk-size", "2"])
    assert code == 1
    lines = read_lines(out)
    got = [(line["id"], line["ok"] or line["error"]["type"]) for line in lines]
    name = str(jsonl)
    assert got == [
        ("a.txt", True), ("b.html", "DecodeError"), ("c.txt", "EmptyPage"),
        ("d.txt", "DecodeError"), ("e.txt.gz", "BadGzipFile"), ("f.txt", True),
        ("ok-1", True), (f"{name}:2", "JSONDecodeError"), (f"{name}:4", "UnicodeDecodeError"),
        (f"{name}:5", "BadRecord"), ("no-page", "BadRecord"), ("empty", "EmptyPage"),
        (7, "BadRecord"), (f"{name}:9", True),
    ]
    for line in lines:
        if not line["ok"]:
            assert set(line["error"]) == {"type", "message"} and line["error"]["message"]
    docs = {line["id"]: line["document"] for line in lines if line["ok"]}
    assert docs["a.txt"] == newsclean.segment(text_page(1), input="text").to_dict()
    assert docs["ok-1"] == newsclean.segment(text_page(3), input="text").to_dict()
    assert docs[f"{name}:9"] == newsclean.segment(text_page(4), input="text").to_dict()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "14 documents, 10 failed" in err[0] and "3 BadRecord" in err[0]


def test_stdin_and_field_options(tmp_path):
    records = [{"key": f"k{i}", "body": text_page(i), "markup": None} for i in range(3)]
    records[1]["markup"] = html_page(1)
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", "-", "-o", str(out), "--text-field", "body", "--html-field",
                   "markup", "--id-field", "key", "--workers", "2", stdin=data)
    assert proc.returncode == 0, proc.stderr
    lines = read_lines(out)
    assert [line["id"] for line in lines] == ["k0", "k1", "k2"]
    assert lines[1]["document"] == newsclean.segment(html_page(1), input="html").to_dict()
    assert lines[2]["document"] == newsclean.segment(text_page(2), input="text").to_dict()
    # no progress line when stderr is not a terminal: the summary only
    assert proc.stderr.decode().count("\n") == 1


def test_stdout_output_and_with_text(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(text_page(5), encoding="utf-8")
    proc = run_cli("batch", str(page), "-o", "-", "--with-text", "--workers", "1")
    assert proc.returncode == 0
    line = json.loads(proc.stdout)
    assert line["id"] == str(page)
    assert line["document"]["text"] == text_page(5)


def test_input_option_overrides_names_and_fields(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(html_page(2), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(page), "-o", str(out), "--input", "html", "--lang", "en"]) == 0
    assert read_lines(out)[0]["document"] == \
        newsclean.segment(html_page(2), input="html", lang="en").to_dict()


def test_output_inside_an_input_directory_is_not_read_back(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(text_page(0), encoding="utf-8")
    out = root / "out.jsonl"
    assert main(["batch", str(root), "-o", str(out)]) == 0
    assert main(["batch", str(root), "-o", str(out), "--resume"]) == 0
    assert [line["id"] for line in read_lines(out)] == ["a.txt"]


def test_timeout_option_makes_an_error_line(tmp_path, monkeypatch, capsys):
    real = safe.segment

    def slow(page, **kwargs):
        if b"SLOW" in page:
            time.sleep(5)
        return real(page, **kwargs)

    monkeypatch.setattr(safe, "segment", slow)  # where segment_task calls it
    root = tmp_path / "in"
    root.mkdir()
    for name, text in (("a.txt", text_page(0)), ("b.txt", "SLOW\n" + text_page(1)),
                       ("c.txt", text_page(2))):
        (root / name).write_text(text, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(root), "-o", str(out), "--workers", "1", "--timeout", "0.2"]) == 1
    lines = read_lines(out)
    assert [line["ok"] for line in lines] == [True, False, True]
    assert lines[1]["error"]["type"] == "Timeout"
    assert "1 Timeout" in capsys.readouterr().err


# --- newsclean batch: usage errors ----------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["batch", "{tmp}/missing.jsonl", "-o", "{tmp}/o.jsonl"], "no such file"),
    (["batch", "{tmp}/page.pdf", "-o", "{tmp}/o.jsonl"], "not a page, JSON, JSONL or WARC file"),
    (["batch", "{tmp}/p.txt", "-o", "{tmp}/p.txt"], "both an INPUT and the output"),
    (["batch", "{tmp}/p.txt", "-o", "-", "--resume"], "--resume needs -o FILE"),
    (["batch", "-", "-", "-o", "{tmp}/o.jsonl"], "only once"),
    (["batch", "{tmp}/p.txt", "-o", "{tmp}/nodir/o.jsonl"], "cannot write"),
    (["batch", "{tmp}/p.txt", "-o", "{tmp}/o.jsonl", "--workers", "0"], "--workers"),
    (["batch", "{tmp}/p.txt", "-o", "{tmp}/o.jsonl", "--timeout", "-1"], "--timeout"),
    (["batch", "{tmp}/p.txt"], "-o"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, args, words):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    (tmp_path / "page.pdf").write_bytes(b"%PDF")
    proc = run_cli(*[a.format(tmp=tmp_path) for a in args], stdin=b"")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(("newsclean: error: ",
                                                     "newsclean batch: error: "))
    assert words in err


def test_resume_of_an_output_that_is_not_batch_output_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    out.write_text("hello\nworld\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(out), "--resume"]) == 2
    assert "not a line of newsclean batch output" in capsys.readouterr().err


# --- an existing OUT: --force ----------------------------------------------------------------

def test_an_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"earlier results\n")
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"newsclean: error: {out} exists (16 bytes): --force replaces it, --resume adds the "
        "pages it lacks"]
    assert out.read_bytes() == b"earlier results\n"


def test_force_replaces_an_existing_output(tmp_path):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    out, fresh = tmp_path / "o.jsonl.gz", tmp_path / "fresh.jsonl.gz"
    out.write_bytes(b"earlier results\n")
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(fresh)]) == 0
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_resume_needs_no_force(tmp_path):
    pages = [tmp_path / f"p{i}.txt" for i in range(2)]
    for i, page in enumerate(pages):
        page.write_text(text_page(i), encoding="utf-8")
    out, fresh = tmp_path / "o.jsonl", tmp_path / "fresh.jsonl"
    assert main(["batch", *map(str, pages), "-o", str(fresh)]) == 0
    out.write_bytes(fresh.read_bytes().splitlines(keepends=True)[0])
    assert main(["batch", *map(str, pages), "-o", str(out), "--resume"]) == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_an_empty_file_or_dev_null_is_written_without_force(tmp_path):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    empty = tmp_path / "o.jsonl"
    empty.touch()  # mktemp's
    assert main(["batch", str(tmp_path / "p.txt"), "-o", str(empty)]) == 0
    assert len(read_lines(empty)) == 1
    if os.path.exists(os.devnull):
        assert main(["batch", str(tmp_path / "p.txt"), "-o", os.devnull]) == 0


def test_an_existing_output_subprocess(tmp_path):
    (tmp_path / "p.txt").write_text(text_page(0), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"x")
    proc = run_cli("batch", str(tmp_path / "p.txt"), "-o", str(out))
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().count("\n") == 1 and "--force" in proc.stderr.decode()


# --- --resume -------------------------------------------------------------------------------

def _fresh(args, out) -> bytes:
    assert main([*args, "-o", str(out), "--workers", "1"]) in (0, 1)
    return out.read_bytes()


@pytest.mark.parametrize("cut", [0, 1, 7, 12])
def test_resume_after_a_cut_output_gives_each_line_once(corpus, tmp_path, cut):
    root, jsonl = corpus
    args = ["batch", str(root), str(jsonl)]
    full = _fresh(args, tmp_path / "full.jsonl")
    lines = full.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:cut]) + lines[cut][: len(lines[cut]) // 2])  # half a line
    assert main([*args, "-o", str(out), "--resume", "--workers", "2"]) == 0
    assert out.read_bytes() == full


def test_resume_of_a_truncated_gzip_output(corpus, tmp_path):
    root, jsonl = corpus
    args = ["batch", str(root), str(jsonl)]
    full = _fresh(args, tmp_path / "full.jsonl")
    out = tmp_path / "out.jsonl.gz"
    assert main([*args, "-o", str(out), "--workers", "1"]) == 0
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])  # a killed run: no gzip trailer, half a line
    assert main([*args, "-o", str(out), "--resume", "--workers", "2"]) == 0
    assert gzip.decompress(out.read_bytes()) == full


def test_resume_counts_earlier_failures_and_skips_by_id(tmp_path, capsys):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i % 3, "text": text_page(i)}) + "\n"
                             for i in range(6)) + "{bad\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(jsonl), "-o", str(out)]) == 1
    full = out.read_bytes()
    assert main(["batch", str(jsonl), "-o", str(out), "--resume"]) == 1  # nothing left to do
    assert out.read_bytes() == full
    err = capsys.readouterr().err
    assert "7 documents, 1 failed (1 JSONDecodeError); 7 of them from an earlier run" in err
    # duplicate ids: each line of OUT skips one document with its id, no more
    out.write_bytes(b"".join(full.splitlines(keepends=True)[:4]))
    assert main(["batch", str(jsonl), "-o", str(out), "--resume"]) == 1
    assert out.read_bytes() == full


def test_resume_after_a_killed_run(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    n = 300
    with open(root / "pages.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"p{i}", "text": text_page(i) * 3}) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", "batch", str(root), "-o",
                             str(out), "--workers", "2", "--chunk-size", "1"],
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 0:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)  # the run itself, as an OOM killer would: no cleanup
    proc.wait()
    assert main(["batch", str(root), "-o", str(out), "--resume", "--workers", "2"]) == 0
    lines = read_lines(out)
    assert [line["id"] for line in lines] == [f"p{i}" for i in range(n)]
    fresh = tmp_path / "fresh.jsonl"
    assert main(["batch", str(root), "-o", str(fresh), "--workers", "1"]) == 0
    assert out.read_bytes() == fresh.read_bytes()


# --- progress -------------------------------------------------------------------------------

def test_progress_line_shows_documents_rates_failures_and_clears_itself():
    stream = io.StringIO()
    progress = Progress(stream, every=0)
    progress.update(120, 3_000_000, 2)
    shown = stream.getvalue()
    assert shown.startswith("\r") and "\n" not in shown
    for words in ("120 documents", "docs/s", "MB/s", "2 failed"):
        assert words in shown
    progress.close()
    assert stream.getvalue().endswith("\r") and "\n" not in stream.getvalue()


# --- the benchmark (benchmarks/batch.py) runs -----------------------------------------------

def test_batch_benchmark_runs_on_a_tiny_corpus(tmp_path):
    from benchmarks import batch as bench

    corpus = tmp_path / "tiny"
    (corpus / "pages").mkdir(parents=True)
    for i in range(4):
        (corpus / "pages" / f"p{i}.txt").write_text(text_page(i), encoding="utf-8")
        (corpus / "pages" / f"p{i}.html").write_text(html_page(i), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    t = bench.throughput([corpus], [1, 2], 1, work, progress=lambda m: None)
    assert t["documents"] == 8 and t["identical_output"]
    assert set(t["workers"]) == {1, 2} and "cpu_bound_speedup" in t["workers"][2]
    m = bench.memory([corpus], "all", 2, 2, work, progress=lambda m: None)
    assert [r["documents"] for r in m["runs"].values()] == [8, 16]
    assert all(r["exit"] == 0 for r in m["runs"].values())
    assert "| 2 |" in bench.report({"machine": "m", "date": "d", "throughput": t, "memory": m})
