"""The `newsclean` command line: in process through `main([...])`, and as a subprocess.

Exit codes under test: 0 success, 1 a document error (NewscleanError such as DecodeError),
2 a usage error (bad options; FILE missing, a directory or unreadable).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys

import pytest

import newsclean
import newsclean.batch.inputs
import newsclean.examples
from newsclean import cli
from newsclean import pipeline
from newsclean.cli import main
from newsclean.render import to_markdown
from newsclean.errors import InputTooLarge
from newsclean.model import Article, Block, Document, Dropped, Kind, Reason

PAGE = "Headline here\n\nA first paragraph of the story, long enough to read.\n"
ARABIC = "عنوان الخبر هنا\n\nفقرة أولى من الخبر، طويلة بما يكفي لقراءتها.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def run(*args: str, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=60)


def assert_one_error_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newsclean: error: ")


# --- formats --------------------------------------------------------------------------------

def test_json_output_parses_and_has_articles(page, capsys):
    assert main(["segment", str(page)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"articles", "dropped", "meta"}
    assert out["meta"]["title"] == "Headline here"  # what the text shows: its headline
    blocks = [b for a in out["articles"] for b in a["blocks"]]
    assert all({"kind", "text", "start", "end"} <= set(b) for b in blocks)
    assert "A first paragraph of the story, long enough to read." in [b["text"] for b in blocks]


def test_json_is_the_library_result(page, capsys):
    main(["segment", str(page), "--format", "json"])
    expected = newsclean.segment(page.read_bytes()).to_dict()
    assert json.loads(capsys.readouterr().out) == expected


def test_json_keeps_non_ascii_text_as_is(tmp_path, capsys):
    path = tmp_path / "ar.txt"
    path.write_text(ARABIC, encoding="utf-8")
    assert main(["segment", str(path), "--lang", "ar"]) == 0
    out = capsys.readouterr().out
    assert "عنوان الخبر هنا" in out and "\\u" not in out


def test_text_output_is_the_clean_text(page, capsys):
    assert main(["segment", str(page), "--format", "text"]) == 0
    expected = newsclean.segment(page.read_bytes()).clean_text()
    assert capsys.readouterr().out == expected + "\n"


def test_markdown_output(page, capsys):
    assert main(["segment", str(page), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Headline here" in out and "A first paragraph of the story" in out


def test_empty_page_prints_nothing(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["segment", str(path), "--format", "text"]) == 0
    assert capsys.readouterr().out == ""


# --- to_markdown ----------------------------------------------------------------------------

def _doc() -> Document:
    first = Article([
        Block(Kind.HEADLINE, "Storm hits the coast", 0, 20),
        Block(Kind.STANDFIRST, "Thousands without power", 21, 44),
        Block(Kind.CAPTION, "A fallen tree on the road", 45, 70, credit="AP Photo"),
        Block(Kind.BYLINE, "Jane Doe (Lisbon)", 71, 88),
        Block(Kind.BODY, "The storm arrived at night.", 89, 116),
        Block(Kind.SUBHEADING, "What comes next", 117, 132),
        Block(Kind.BODY, "More rain is expected.", 133, 155),
        Block(Kind.TEASER, "Floods in the north", 156, 175, title="Floods in the north",
              summary="Rivers rose overnight", byline="John Roe"),
        Block(Kind.TEASER, "Power cuts explained", 176, 196, title="Power cuts explained"),
    ])
    second = Article([Block(Kind.HEADLINE, "Second story", 197, 209),
                      Block(Kind.BODY, "Its first paragraph.", 210, 230)])
    return Document("x" * 230, [first, second],
                    [Dropped("Share", 231, 236, Reason.BOILERPLATE)])


def test_markdown_renders_every_kind():
    md = to_markdown(_doc())
    assert md == (
        "# Storm hits the coast\n\n"
        "*Thousands without power*\n\n"
        "> A fallen tree on the road — AP Photo\n\n"
        "Jane Doe (Lisbon)\n\n"
        "The storm arrived at night.\n\n"
        "## What comes next\n\n"
        "More rain is expected.\n\n"
        "## Related\n\n"
        "- **Floods in the north** — Rivers rose overnight (John Roe)\n"
        "- **Power cuts explained**\n\n"
        "---\n\n"
        "# Second story\n\n"
        "Its first paragraph."
    )


def test_markdown_caption_credit_already_in_text_is_not_repeated():
    doc = Document("", [Article([Block(Kind.CAPTION, "Troops leave (AFP)", 0, 18,
                                       credit="AFP")])], [])
    assert to_markdown(doc) == "> Troops leave (AFP)"


def test_markdown_escapes_page_text():
    doc = Document("", [Article([Block(Kind.BODY, "# not a heading", 0, 15),
                                 Block(Kind.BODY, "1. not a list *nor bold*", 16, 40)])], [])
    assert to_markdown(doc) == "\\# not a heading\n\n1\\. not a list \\*nor bold\\*"


def test_markdown_of_empty_document_is_empty():
    assert to_markdown(Document("", [], [])) == ""


# --- input ----------------------------------------------------------------------------------

def test_stdin_in_process(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    assert main(["segment", "-", "--format", "text"]) == 0
    assert "Headline here" in capsys.readouterr().out


def test_stdin_subprocess():
    proc = run("segment", "-", stdin=ARABIC.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.decode("utf-8"))
    assert out["articles"][0]["blocks"][0]["text"] == "عنوان الخبر هنا"


def test_file_is_passed_as_bytes(page, monkeypatch, capsys):
    seen = {}

    def fake(p, *, lang=None):
        seen["page"], seen["lang"] = p, lang
        return Document("", [], [])

    monkeypatch.setattr(cli, "segment", fake)
    assert main(["segment", str(page), "--lang", "en"]) == 0
    assert seen == {"page": PAGE.encode("utf-8"), "lang": "en"}


# --- gzip ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["page.txt.gz", "page.txt", "page"])
def test_gzip_file_is_read_by_content_whatever_its_name(name, page, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert main(["segment", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == newsclean.segment(PAGE.encode("utf-8")).to_dict()


def test_gzip_of_many_members_is_read_whole(tmp_path, capsys):
    path = tmp_path / "page.txt.gz"
    half = len(PAGE) // 2
    path.write_bytes(gzip.compress(PAGE[:half].encode()) + gzip.compress(PAGE[half:].encode()))
    assert main(["segment", str(path), "--format", "text"]) == 0
    assert capsys.readouterr().out == newsclean.segment(PAGE).clean_text() + "\n"


def test_plain_file_named_gz_is_read_as_plain(tmp_path, capsys):
    path = tmp_path / "page.txt.gz"
    path.write_text(PAGE, encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == newsclean.segment(PAGE).to_dict()


def test_gzip_on_stdin_subprocess():
    proc = run("segment", "-", "--format", "text", stdin=gzip.compress(ARABIC.encode("utf-8")))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("عنوان الخبر هنا\n")


def test_show_reads_gzip_too(tmp_path, capsys):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert main(["show", str(path)]) == 0
    assert "Headline here" in capsys.readouterr().out


@pytest.mark.parametrize("data", [gzip.compress(PAGE.encode())[:-12],  # cut short
                                  b"\x1f\x8b" + bytes(30)])              # no gzip header
def test_damaged_gzip_is_a_document_error(data, tmp_path, capsys):
    path = tmp_path / "page.txt.gz"
    path.write_bytes(data)
    assert main(["segment", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err)
    assert "page.txt.gz: a damaged gzip file" in captured.err


def test_gzip_over_the_page_limit_is_a_document_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(newsclean.batch.inputs, "MAX_PAGE_BYTES", 20)
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert main(["segment", str(path)]) == 1
    err = capsys.readouterr().err
    assert_one_error_line(err)
    assert "holds more than 20 bytes" in err


# --- --example ------------------------------------------------------------------------------

def test_segment_example_is_the_shipped_page(capsys):
    assert main(["segment", "--example"]) == 0
    expected = newsclean.segment(newsclean.examples.read()).to_dict()
    assert json.loads(capsys.readouterr().out) == expected


def test_segment_example_takes_the_other_options(capsys):
    assert main(["segment", "--example", "--format", "text", "--lang", "ar"]) == 0
    expected = newsclean.segment(newsclean.examples.read(), lang="ar").clean_text()
    assert capsys.readouterr().out == expected + "\n"


def test_show_example_writes_its_report(tmp_path):
    report = tmp_path / "report.html"
    assert main(["show", "--example", "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert f"<title>newsclean: {newsclean.examples.DEFAULT}</title>" in html
    assert html.count('class="line kind-body"') == 10  # as docs/cli.md shows for the fixture


def test_example_subprocess():
    proc = run("segment", "--example", "--format", "text")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith(
        "بوتين يؤكد في رسالة للشرع دعمه لجهود تحقيق الاستقرار في سوريا\n")


@pytest.mark.parametrize("command", ["segment", "show"])
def test_example_and_file_are_mutually_exclusive(command, page, capsys):
    assert main([command, "--example", str(page)]) == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["segment", "show"])
def test_neither_example_nor_file_is_a_usage_error(command, capsys):
    assert main([command]) == 2
    assert "FILE --example is required" in capsys.readouterr().err


# --- --input --------------------------------------------------------------------------------

def test_input_is_passed_when_the_library_takes_it(page, monkeypatch, capsys):
    seen = {}

    def fake(p, *, lang=None, input="auto"):
        seen["input"] = input
        return Document("", [], [])

    monkeypatch.setattr(cli, "segment", fake)
    assert main(["segment", str(page), "--input", "html"]) == 0
    assert seen == {"input": "html"}


def test_input_left_to_the_library_by_default(page, monkeypatch, capsys):
    seen = {}

    def fake(p, *, lang=None, input="auto"):
        seen["input"] = input
        return Document("", [], [])

    monkeypatch.setattr(cli, "segment", fake)
    assert main(["segment", str(page)]) == 0
    assert seen == {"input": "auto"}


def test_input_choices_are_the_librarys():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.choices and "segment" in a.choices)
    for name in ("segment", "show", "batch"):
        option = next(a for a in commands.choices[name]._actions if "--input" in a.option_strings)
        assert tuple(option.choices) == pipeline.INPUTS


# --- errors ---------------------------------------------------------------------------------

def test_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["segment", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert_one_error_line(err)
    assert "nope.txt" in err


def test_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["segment", str(tmp_path)]) == 2
    assert_one_error_line(capsys.readouterr().err)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_is_a_usage_error(page, capsys):
    page.chmod(0)
    try:
        assert main(["segment", str(page)]) == 2
    finally:
        page.chmod(0o644)
    assert_one_error_line(capsys.readouterr().err)


def test_missing_file_subprocess(tmp_path):
    proc = run("segment", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert_one_error_line(proc.stderr.decode())


def test_binary_file_is_a_document_error(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(PNG + b"\x00" * 64)
    proc = run("segment", str(path))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == b""
    assert_one_error_line(proc.stderr.decode())


def test_library_error_is_one_line_and_exit_1(page, monkeypatch, capsys):
    def fake(p, *, lang=None):
        raise InputTooLarge("page has 9 characters,\nmore than max_chars=5")

    monkeypatch.setattr(cli, "segment", fake)
    assert main(["segment", str(page)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err)
    assert "max_chars=5" in captured.err


def test_bad_option_is_a_usage_error(page, capsys):
    assert main(["segment", str(page), "--format", "xml"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "newsclean: error:" in capsys.readouterr().err


def test_broken_pipe_is_quiet(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n".join(f"Paragraph number {i} of a long page." for i in range(50_000)))
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", "segment", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=60)
    assert stderr == ""


# --- version and help -----------------------------------------------------------------------

def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsclean {newsclean.__version__}"


def test_version_subprocess():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"newsclean {newsclean.__version__}"


def test_help_names_the_program(capsys):
    assert main(["segment", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: newsclean segment")
