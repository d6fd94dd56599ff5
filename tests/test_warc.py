"""WARC input: `newsclean.read_warc` with each backend installed (FastWARC, warcio), and
`newsclean batch` over `.warc`, `.warc.gz` and zstd WARC files.

The WARC files are written here, in tmp dirs, with warcio: real response records
(`Content-Type: application/http; msgtype=response`) among the records a crawl also holds
(warcinfo, request, an image, a redirect).
"""
from __future__ import annotations

import collections
import io
import json
import sys

import pytest

import newsclean
from newsclean import batch
from newsclean.batch import warc

warcio = pytest.importorskip("warcio", reason="writing the test WARC files needs warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

def _installed(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


BACKENDS = [name for name in warc.BACKENDS if _installed(name)]


def page(i: int, word: str = "bridge") -> str:
    return (f"<html><head><title>Council {i}</title></head><body><article>"
            f"<h1>Council {i} votes on the new {word}</h1>"
            f"<p>The city council met on Monday evening to vote on plan {i} for a {word} across "
            f"the river, after two years of debate.</p>"
            f"<p>The vote was close, and the mayor said work could start next spring.</p>"
            f"</article></body></html>")


# (url, HTTP status, Content-Type, payload) of the response records, in file order.
RESPONSES = [
    ("https://example.org/1", "200 OK", "text/html; charset=utf-8", page(1).encode()),
    ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://example.org/2", "200 OK", "text/html; charset=windows-1252",
     page(2, "caf\u00e9").encode("cp1252")),
    ("https://example.org/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("https://example.org/3", "200 OK", "application/xhtml+xml", page(3).encode()),
]
HTML = [r for r in RESPONSES if r[1].startswith("200") and "html" in r[2]]
SKIPPED = {warc.NOT_RESPONSE: 3, warc.NOT_HTML: 1, warc.NOT_OK: 1}  # warcinfo, 2 requests


def write_warc(path, *, gzipped: bool) -> list[str]:
    """A WARC file of RESPONSES among other records; the WARC-Record-IDs of the HTML ones."""
    ids = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(str(path), {"software": "tests"}))
        for n, (url, status, ctype, body) in enumerate(RESPONSES):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_content_type="application/http; msgtype=response")
            writer.write_record(record)
            if (url, status, ctype, body) in HTML:
                ids.append(record.rec_headers.get_header("WARC-Record-ID"))
            if n in (0, 2):  # the request that fetched it
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")],
                                       is_http_request=True)
                writer.write_record(writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=req,
                    warc_content_type="application/http; msgtype=request"))
    return ids


def zstd_of(path, out) -> None:
    zstandard = pytest.importorskip("zstandard")
    out.write_bytes(zstandard.ZstdCompressor().compress(path.read_bytes()))


@pytest.fixture(params=["warc", "warc.gz", "warc.zst"])
def warc_file(request, tmp_path):
    """(path, ids of the HTML records) for a plain, gzip and zstd WARC file."""
    if request.param == "warc.zst":
        plain = tmp_path / "plain.warc"
        ids = write_warc(plain, gzipped=False)
        path = tmp_path / "crawl.warc.zst"
        zstd_of(plain, path)
        return path, ids
    path = tmp_path / f"crawl.{request.param}"
    return path, write_warc(path, gzipped=request.param == "warc.gz")


@pytest.mark.parametrize("using", BACKENDS)
def test_read_warc_yields_the_html_responses_and_counts_the_rest(warc_file, using):
    path, ids = warc_file
    skipped = collections.Counter()
    got = list(newsclean.read_warc(str(path), skipped=skipped, using=using))
    assert [r.id for r in got] == ids
    assert [(r.url, r.html) for r in got] == [(url, body) for url, _, _, body in HTML]
    assert [r.charset for r in got] == ["utf-8", "windows-1252", None]
    assert all(r.date and r.date[:4].isdigit() for r in got)
    assert dict(skipped) == SKIPPED


@pytest.mark.parametrize("using", BACKENDS)
def test_read_warc_reads_at_most_max_bytes_and_one_more(tmp_path, using):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzipped=True)
    got = [r.html for r in newsclean.read_warc(str(path), max_bytes=10, using=using)]
    assert got == [body[:11] for _, _, _, body in HTML]


def test_without_a_backend_the_error_names_the_extra(tmp_path, monkeypatch):
    for name in warc.BACKENDS:
        monkeypatch.setitem(sys.modules, name, None)  # import fails: ImportError
    path = tmp_path / "crawl.warc"
    write_warc(path, gzipped=False)
    with pytest.raises(ImportError, match=r"newsclean\[warc\].*pip install -e '\.\[warc\]'"):
        next(newsclean.read_warc(str(path)))
    with pytest.raises(batch.BatchInputError, match=r"newsclean\[warc\]"):
        batch.run_batch([str(path)], str(tmp_path / "out.jsonl"), workers=1)


@pytest.mark.parametrize("fmt", ["newsclean", "datatrove"])
def test_batch_reads_warc_files_with_the_records_fields(warc_file, tmp_path, fmt):
    path, ids = warc_file
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(path)], str(out), workers=1, output_format=fmt)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ids
    for line, (url, _, ctype, body) in zip(lines, HTML):
        charset = warc.charset_of(ctype) or "utf-8"
        want = newsclean.segment(body.decode(charset), input="html")
        assert line["text"] == want.clean_text()
        assert line["metadata"]["url"] == url
        assert line["metadata"]["warc_record_id"] == line["id"]
    assert "café" in lines[1]["text"]  # windows-1252, as the HTTP header said
    assert summary.failures == 0 and dict(summary.skipped) == SKIPPED
    assert "5 skipped" in summary.line()


def test_a_damaged_warc_is_a_failure_and_the_other_inputs_come_out(tmp_path):
    good = tmp_path / "good.warc.gz"
    ids = write_warc(good, gzipped=True)
    bad = tmp_path / "bad.warc.gz"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2] + b"\x00garbage" * 50)
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([str(bad), str(good)], str(out), workers=1)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines if line["ok"]][-len(ids):] == ids
    assert summary.failures >= 1
    assert any(not line["ok"] and line["id"].startswith(f"{bad}:record ") for line in lines)


def test_a_warc_in_a_folder_or_under_another_name_is_read(tmp_path):
    root = tmp_path / "crawl"
    root.mkdir()
    ids = write_warc(root / "a.warc.gz", gzipped=True)
    unnamed = tmp_path / "segment-00001"
    unnamed.write_bytes((root / "a.warc.gz").read_bytes())  # told by its content
    out = tmp_path / "out.jsonl"
    batch.run_batch([str(root), str(unnamed)], str(out), workers=1,
                    output_format="datatrove")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ids + ids


@pytest.mark.parametrize("using", BACKENDS)
@pytest.mark.parametrize("share", [0.3, 0.5, 0.8])
def test_a_damaged_gzip_warc_raises_with_each_backend_never_ends_quietly(tmp_path, using,
                                                                        share):
    good = tmp_path / "good.warc.gz"
    write_warc(good, gzipped=True)
    data = good.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[:int(len(data) * share)] + b"\x00garbage" * 50)
    got = []
    with pytest.raises(Exception):  # noqa: B017 - each backend (and zlib) has its own errors
        for record in newsclean.read_warc(str(bad), using=using):
            got.append(record)
    assert len(got) < len(HTML)


@pytest.mark.parametrize("using", BACKENDS)
def test_a_truncated_zstd_warc_raises_with_each_backend(tmp_path, using):
    plain = tmp_path / "plain.warc"
    write_warc(plain, gzipped=False)
    packed = tmp_path / "crawl.warc.zst"
    zstd_of(plain, packed)
    packed.write_bytes(packed.read_bytes()[:-20])
    with pytest.raises(EOFError):
        list(newsclean.read_warc(str(packed), using=using))


@pytest.mark.parametrize("using", BACKENDS)
@pytest.mark.parametrize("share", [0.5, 0.9, 0.999])
def test_a_plain_warc_cut_short_gives_its_whole_records_then_raises(tmp_path, using, share):
    path = tmp_path / "crawl.warc"
    ids = write_warc(path, gzipped=False)
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * share)])
    got = []
    with pytest.raises(EOFError):
        for record in newsclean.read_warc(str(path), using=using):
            got.append(record)
    assert [r.id for r in got] == ids[:len(got)]
    assert [r.html for r in got] == [body for _, _, _, body in HTML[:len(got)]]  # whole
