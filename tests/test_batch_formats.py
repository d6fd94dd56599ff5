"""`newsclean batch` for corpora: output formats, --keep, --split-articles, pass-through fields
and hints, JSON / NDJSON inputs, gzip and zstd told by content, compressed OUT by name.

Each test runs a batch, reads its output back and checks each record against what
`newsclean.segment` says of the same page; nothing is compared to a stored output.
"""
from __future__ import annotations

import datetime
import gzip
import io
import json
import subprocess
import sys

import pytest

import newsclean
from newsclean import batch
from newsclean.batch import formats
from newsclean.batch.formats import TEXT_END
from newsclean.examples import read as example_page

try:
    import zstandard
except ImportError:  # the zstd cases are skipped; the rest runs
    zstandard = None
EXAMPLE = example_page().decode("utf-8")  # two articles, captions, teasers: every kind


def text_page(i: int) -> str:
    return (f"Storm number {i} reaches the northern coast\n"
            f"Share\n"
            f"Fishing boats tied up in the harbour of town {i} (AP Photo/Jane Doe)\n"
            f"The storm arrived during the night and brought winds of {i + 80} km/h to the coast, "
            f"the weather service said on Tuesday.\n\n"
            f"Thousands of homes were without power in the morning, and {i} roads were closed "
            f"by fallen trees across the region.\n")


def html_page(i: int) -> str:
    return (f"<html lang=en><body><article><h1>Council {i} votes on the new bridge</h1>"
            f"<p>The city council met on Monday evening to vote on plan {i} for a bridge across "
            f"the river, after two years of debate.</p>"
            f"<p>The vote was close, and the mayor said work could start next spring.</p>"
            f"</article><footer>Contact us</footer></body></html>")


def records() -> list[dict]:
    """Input records: text and HTML pages with fields of their own, and one bad record."""
    out = []
    for i in range(4):
        record = {"id": f"doc-{i}", "url": f"https://example.org/{i}", "date": f"2024-0{i + 1}-01",
                  "source": "crawl-7" if i % 2 else None, "extra": {"n": i, "tags": ["a", i]}}
        record["html" if i % 2 else "text"] = html_page(i) if i % 2 else text_page(i)
        out.append(record)
    out.append({"id": "bad", "text": 42, "url": "https://example.org/bad"})
    return out


GOOD = [r for r in records() if r["id"] != "bad"]


def page_of(record: dict) -> tuple[str, str]:
    return (record["html"], "html") if "html" in record else (record["text"], "text")


def expected_doc(record: dict) -> newsclean.Document:
    page, kind = page_of(record)
    return newsclean.segment(page, input=kind)


def passed_through(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("text", "html")}


def write_jsonl(path, recs) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")


def run(tmp_path, out_name="out.jsonl", recs=None, **kwargs):
    """run_batch over a JSONL of `recs` into tmp_path/out_name: (OUT's path, Summary, reports)."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, records() if recs is None else recs)
    out = tmp_path / out_name
    reports: list[str] = []
    kwargs.setdefault("workers", 1)
    summary = batch.run_batch([str(src)], str(out), report=reports.append, **kwargs)
    return out, summary, reports


def read_jsonl(path) -> list[dict]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif data[:4] == b"\x28\xb5\x2f\xfd":
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data),
                                                          read_across_frames=True).read()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


# --- formats --------------------------------------------------------------------------------

def test_newsclean_format_is_the_record_plus_clean_text_and_the_input_fields(tmp_path):
    out, summary, reports = run(tmp_path)
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == [r["id"] for r in records()]
    for line, record in zip(lines, GOOD):
        doc = expected_doc(record)
        assert line["ok"] is True
        assert line["text"] == doc.clean_text()
        assert line["document"] == doc.to_dict()
        assert line["metadata"] == passed_through(record)
    assert lines[-1]["ok"] is False and lines[-1]["error"]["type"] == "BadRecord"
    assert lines[-1]["metadata"] == {"id": "bad", "url": "https://example.org/bad"}
    assert reports == [] and summary.failures == 1


@pytest.mark.parametrize("fmt", ["datatrove", "dolma"])
def test_corpus_formats_hold_the_clean_text_the_fields_and_light_newsclean_info(tmp_path, fmt):
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    out, summary, reports = run(tmp_path, output_format=fmt)
    lines = read_jsonl(out)
    keys = {"datatrove": {"text", "id", "metadata"},
            "dolma": {"id", "text", "source", "added", "created", "metadata"}}[fmt]
    assert [line["id"] for line in lines] == [r["id"] for r in GOOD]  # the bad one: reported
    for line, record in zip(lines, GOOD):
        doc = expected_doc(record)
        assert set(line) == keys
        assert line["text"] == doc.clean_text()
        meta = dict(line["metadata"])
        info = meta.pop("newsclean")
        assert meta == passed_through(record)
        assert info["articles"] == len(doc.articles)
        assert sum(info["kinds"].values()) == len(doc.blocks)
        assert set(info["kinds"]) == {b.kind.value for b in doc.blocks}
        if fmt == "dolma":
            assert line["source"] == (record["source"] or "newsclean")
            added = datetime.datetime.fromisoformat(line["added"].replace("Z", "+00:00"))
            assert added.tzinfo is not None and added >= before
            assert line["created"] == record["date"]
    assert len(reports) == 1 and reports[0].startswith("bad: BadRecord: ")
    assert summary.failures == 1 and summary.documents == len(records())
    assert summary.records == len(GOOD)


def test_dolma_created_is_added_without_a_date(tmp_path):
    recs = [{"id": "x", "text": text_page(1)}]
    out, _, _ = run(tmp_path, recs=recs, output_format="dolma")
    (line,) = read_jsonl(out)
    assert line["created"] == line["added"] and line["source"] == "newsclean"


def test_text_format_is_each_clean_text_ended_by_a_form_feed_line(tmp_path):
    out, summary, reports = run(tmp_path, "out.txt", output_format="text")
    data = out.read_text(encoding="utf-8")
    assert data.endswith(TEXT_END)
    texts = data[:-len(TEXT_END)].split(TEXT_END)
    assert texts == [expected_doc(r).clean_text() for r in GOOD]
    assert len(reports) == 1


# --- --keep and --split-articles -----------------------------------------------------------

@pytest.mark.parametrize("keep", [("headline",), ("body",), ("headline", "body"),
                                  ("caption", "byline", "teaser")])
@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_keep_chooses_the_kinds_of_the_clean_text(tmp_path, keep, fmt):
    recs = [{"id": "ex", "text": EXAMPLE}, {"id": "t", "text": text_page(3)}]
    out, summary, _ = run(tmp_path, recs=recs, output_format=fmt, keep=keep)
    want = {r["id"]: newsclean.segment(r["text"], input="text").clean_text(keep=keep)
            for r in recs}
    if fmt == "text":
        data = out.read_text(encoding="utf-8")
        got = data.split(TEXT_END)[:-1] if data else []
        assert got == [t for t in want.values() if t.strip()]
    else:
        lines = read_jsonl(out)
        assert {line["id"]: line["text"] for line in lines} == \
            {k: v for k, v in want.items() if v.strip() or fmt == "newsclean"}
    assert summary.failures == 0


def test_an_unknown_kind_or_format_is_an_input_error(tmp_path):
    with pytest.raises(batch.BatchInputError, match="no block kind"):
        run(tmp_path, keep=("headline", "bodies"))
    with pytest.raises(batch.BatchInputError, match="output format"):
        run(tmp_path, output_format="parquet")


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_split_articles_gives_one_record_an_article_with_numbered_ids(tmp_path, fmt):
    page = EXAMPLE
    doc = newsclean.segment(page, input="text")
    assert len(doc.articles) >= 2  # the example page: the story and an infinite-scroll one
    recs = [{"id": "ex", "text": page, "url": "https://example.org/ex"}]
    out, summary, _ = run(tmp_path, recs=recs, output_format=fmt, split_articles=True)
    parts = [newsclean.Document(doc.text, (a,), ()) for a in doc.articles]
    if fmt == "text":
        assert out.read_text(encoding="utf-8").split(TEXT_END)[:-1] == \
            [p.clean_text() for p in parts]
        return
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == [f"ex#{i}" for i in range(1, len(parts) + 1)]
    for i, (line, part) in enumerate(zip(lines, parts), 1):
        assert line["text"] == part.clean_text()
        if fmt == "newsclean":
            assert line["article"] == part.articles[0].to_dict()
            assert line["metadata"] == passed_through(recs[0])
        else:
            assert line["metadata"]["newsclean"]["article"] == i
            assert line["metadata"]["newsclean"]["articles"] == len(parts)
            assert line["metadata"]["url"] == "https://example.org/ex"
    assert summary.records == len(parts) and summary.documents == 1


# --- hints: --lang-field, --url-field -------------------------------------------------------

def test_the_lang_field_is_each_records_hint_before_the_runs(tmp_path, monkeypatch):
    seen = []
    real = batch.safe.segment

    def spy(page, **kwargs):
        seen.append(kwargs["lang"])
        return real(page, **kwargs)

    monkeypatch.setattr(batch.safe, "segment", spy)
    recs = [{"id": 1, "text": text_page(1), "language": "de"},
            {"id": 2, "text": text_page(2)},
            {"id": 3, "text": text_page(3), "language": ""}]
    out, _, _ = run(tmp_path, recs=recs, lang="en", fields=batch.Fields(lang="language"))
    assert seen == ["de", "en", "en"]
    assert [line["metadata"] for line in read_jsonl(out)] == [passed_through(r) for r in recs]


def test_the_url_field_is_kept_as_url_and_under_its_own_name(tmp_path):
    recs = [{"id": 1, "text": text_page(1), "link": "https://example.org/1"}]
    out, _, _ = run(tmp_path, recs=recs, output_format="datatrove",
                    fields=batch.Fields(url="link"))
    (line,) = read_jsonl(out)
    assert line["metadata"]["link"] == line["metadata"]["url"] == "https://example.org/1"


# --- inputs: JSON, NDJSON, JSONL; plain, gzip, zstd by content ------------------------------

def _container(kind: str, recs: list[dict]) -> bytes:
    if kind == "json-array":
        return json.dumps(recs, indent=1).encode()
    if kind == "json-object":
        return json.dumps(recs[0], indent=2).encode()
    return "".join(json.dumps(r) + "\n" for r in recs).encode()


def _compress(how: str, data: bytes) -> bytes:
    if how == "zstd" and zstandard is None:
        pytest.skip("zstandard is not installed (the zstd extra)")
    if how == "gzip":
        return gzip.compress(data)
    if how == "zstd":
        return zstandard.ZstdCompressor().compress(data)
    return data


CONTAINERS = {"jsonl": ".jsonl", "ndjson": ".ndjson", "json-array": ".json",
              "json-object": ".json", "json-lines": ".json"}


@pytest.mark.parametrize("how", ["plain", "gzip", "zstd"])
@pytest.mark.parametrize("kind", sorted(CONTAINERS))
@pytest.mark.parametrize("naming", ["true", "plain-name", "no-suffix"])
def test_json_inputs_are_read_by_content_whatever_their_compression(tmp_path, kind, how,
                                                                    naming):
    recs = GOOD[:3]
    suffix = CONTAINERS[kind]
    name = {"true": "in" + suffix + {"plain": "", "gzip": ".gz", "zstd": ".zst"}[how],
            "plain-name": "in" + suffix, "no-suffix": "dump"}[naming]
    if naming == "no-suffix" and kind in ("json-object", "json-lines"):
        pytest.skip("an object first, without a name: read as JSONL, one object a line")
    (tmp_path / name).write_bytes(_compress(how, _container(kind, recs)))
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(tmp_path / name)], str(out), workers=1)
    want = recs[:1] if kind == "json-object" else recs
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == [r["id"] for r in want]
    assert [line["text"] for line in lines] == [expected_doc(r).clean_text() for r in want]
    assert summary.failures == 0


def test_json_records_without_an_id_are_numbered_by_position(tmp_path):
    src = tmp_path / "pages.json"
    src.write_text(json.dumps([{"text": text_page(1)}, "not an object", {"text": text_page(2)}]))
    out = tmp_path / "out.jsonl"
    batch.run_batch([str(src)], str(out), workers=1)
    lines = read_jsonl(out)
    assert [(line["id"], line["ok"]) for line in lines] == \
        [(f"{src}:1", True), (f"{src}:2", False), (f"{src}:3", True)]
    assert lines[1]["error"]["type"] == "BadRecord"


def test_a_broken_json_file_is_one_failure_and_the_other_inputs_come_out(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "unfinished')
    good = tmp_path / "good.ndjson"
    write_jsonl(good, GOOD[:2])
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(bad), str(good)], str(out), workers=1)
    lines = read_jsonl(out)
    assert [line["ok"] for line in lines] == [False, True, True]
    assert lines[0]["error"]["type"] == "JSONDecodeError" and summary.failures == 1


# --- OUT: compression by name, --resume in each JSON format --------------------------------

@pytest.mark.parametrize("fmt", ["newsclean", "datatrove", "dolma"])
@pytest.mark.parametrize("suffix, magic", [(".jsonl", b"{"), (".ndjson.gz", b"\x1f\x8b"),
                                           (".jsonl.zst", b"\x28\xb5\x2f\xfd")])
def test_out_is_compressed_by_its_name(tmp_path, suffix, magic, fmt):
    if suffix.endswith(".zst") and zstandard is None:
        pytest.skip("zstandard is not installed (the zstd extra)")
    out, _, _ = run(tmp_path, "out" + suffix, output_format=fmt)
    assert out.read_bytes().startswith(magic)
    assert [line["id"] for line in read_jsonl(out)] == \
        [r["id"] for r in (records() if fmt == "newsclean" else GOOD)]


@pytest.mark.parametrize("fmt", ["newsclean", "datatrove", "dolma"])
@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_resume_goes_on_in_each_json_format(tmp_path, fmt, suffix):
    if suffix.endswith(".zst") and zstandard is None:
        pytest.skip("zstandard is not installed (the zstd extra)")
    recs = [{"id": f"p{i}", "text": text_page(i)} for i in range(6)]
    full, _, _ = run(tmp_path, "full" + suffix, recs=recs, output_format=fmt)
    want = read_jsonl(full)
    part = tmp_path / "part.jsonl"
    write_jsonl(part, recs[:2])
    out = tmp_path / ("out" + suffix)
    batch.run_batch([str(part)], str(out), workers=1, output_format=fmt)
    data = out.read_bytes()
    out.write_bytes(data[:-7])  # a killed run: the last line (or frame) cut short
    summary = batch.run_batch([str(tmp_path / "in.jsonl")], str(out), workers=1,
                              output_format=fmt, resume=True)
    got = read_jsonl(out)
    strip = (lambda r: {k: v for k, v in r.items() if k not in ("added", "created")})
    assert [strip(r) for r in got] == [strip(r) for r in want]
    assert summary.documents == len(recs)


# --resume of split records and of the text format (the journal): tests/test_batch_resume.py


# --- the command line -----------------------------------------------------------------------

def run_cli(*args: str, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsclean", *args], capture_output=True,
                          timeout=120, cwd=cwd)


def test_cli_writes_a_corpus_format_and_reports_each_failure_on_stderr(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, records())
    out = tmp_path / "out.jsonl.gz"
    proc = run_cli("batch", str(src), "-o", str(out), "--output-format", "dolma",
                   "--keep", "headline,body", "--workers", "1")
    assert proc.returncode == 1  # one record failed; the others are all there
    lines = read_jsonl(out)
    assert [line["text"] for line in lines] == \
        [expected_doc(r).clean_text(keep=("headline", "body")) for r in GOOD]
    err = proc.stderr.decode().splitlines()
    assert err[0].startswith("newsclean: failed: bad: BadRecord")
    assert "1 failed (1 BadRecord)" in err[-1]
    again = run_cli("batch", str(src), "-o", str(out), "--output-format", "dolma")
    assert again.returncode == 2 and "--force" in again.stderr.decode()


@pytest.mark.parametrize("args, words", [
    (["--keep", "headline,bodies"], "--keep"),
    (["--output-format", "csv"], "--output-format"),
    (["--output-format", "datatrove", "--with-text"], "--with-text"),
    (["--split-articles", "--resume", "-o", "-"], "--resume"),
])
def test_cli_usage_errors_exit_2(tmp_path, args, words):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, GOOD[:1])
    proc = run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), *args)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err and words in err


def test_without_zstandard_zstd_in_or_out_is_an_error_naming_the_extra(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, GOOD[:1])
    packed = tmp_path / "in2.jsonl"
    packed.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 16)  # zstd by its magic bytes
    monkeypatch.setitem(sys.modules, "zstandard", None)
    with pytest.raises(batch.BatchInputError, match=r"newsclean\[zstd\]"):
        batch.run_batch([str(src)], str(tmp_path / "out.jsonl.zst"), workers=1)
    with pytest.raises(batch.BatchInputError, match=r"newsclean\[zstd\]"):
        batch.run_batch([str(packed)], str(tmp_path / "out.jsonl"), workers=1)


@pytest.mark.parametrize("fmt", ["datatrove", "text"])
def test_corpus_output_is_the_same_for_any_number_of_workers(tmp_path, fmt):
    recs = records() + [{"id": f"more-{i}", "text": text_page(i + 10)} for i in range(5)]
    outs = [run(tmp_path, f"out{w}.jsonl", recs=recs, output_format=fmt, workers=w,
                chunksize=2)[0].read_bytes() for w in (1, 2)]
    assert outs[0] == outs[1] and outs[0]


def test_a_failure_report_is_written_above_the_progress_line():
    stream = io.StringIO()
    progress = batch.Progress(stream, tick=None)
    progress.update(3, 300, 1)
    progress.note("newsclean: failed: x: BadRecord: no page")
    progress.close()
    lines = stream.getvalue().split("\n")  # as a terminal shows them: the text after a \r
    assert lines[0].split("\r")[-1].startswith("newsclean: failed: x: BadRecord")
    assert "3 documents" in lines[1]  # the progress line, drawn again under it


@pytest.mark.parametrize("how", ["gzip", "zstd"])
def test_a_truncated_compressed_input_reports_its_lost_rest(tmp_path, how):
    recs = [{"id": f"p{i}", "text": text_page(i) * 40} for i in range(8)]
    data = _compress(how, _container("jsonl", recs))
    src = tmp_path / "cut.jsonl"
    src.write_bytes(data[: len(data) * 3 // 4])  # a download cut short
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(src)], str(out), workers=1)
    lines = read_jsonl(out)
    assert [line["ok"] for line in lines][-1] is False
    assert lines[-1]["error"]["type"] == "EOFError" and summary.failures == 1
    ok = [line["id"] for line in lines if line["ok"]]
    assert ok == [r["id"] for r in recs[:len(ok)]] and len(ok) < len(recs)


# --- the corpus formats' ids are strings ----------------------------------------------------

@pytest.mark.parametrize("fmt", ["datatrove", "dolma"])
def test_corpus_ids_are_strings_and_resume_matches_them(tmp_path, fmt):
    ids = [17, 2.5, ["a", 1], "p3", True]
    recs = [{"id": id, "text": text_page(i)} for i, id in enumerate(ids)]
    out, _, _ = run(tmp_path, recs=recs, output_format=fmt)
    full = out.read_bytes()
    assert [line["id"] for line in read_jsonl(out)] == ["17", "2.5", '["a", 1]', "p3", "true"]
    out.write_bytes(b"".join(full.splitlines(keepends=True)[:2]))  # a stopped run
    summary = batch.run_batch([str(tmp_path / "in.jsonl")], str(out), workers=1,
                              output_format=fmt, resume=True)
    assert summary.earlier == 2 and summary.documents == 5  # each done id skipped, once
    strip = (lambda r: {k: v for k, v in r.items() if k not in ("added", "created")})
    assert [strip(r) for r in read_jsonl(out)] == [strip(json.loads(line))
                                                   for line in full.splitlines()]
