"""Limits are checked before the expensive step (issue 15 item 5): bytes over 4 × max_chars are
refused before decoding, HTML that can show more than max_lines lines before parsing, and the
bound used for HTML is never below the lines the page shows."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import newsclean.html
from newsclean import InputTooLarge, segment
from newsclean.html import html_to_lines
from newsclean.pipeline import html_lines_bound


def _no_parsing(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the page was parsed before the limit was checked")
    monkeypatch.setattr(newsclean.html, "html_to_lines", refuse)


def test_html_over_max_lines_is_refused_before_parsing(monkeypatch):
    _no_parsing(monkeypatch)
    with pytest.raises(InputTooLarge, match="max_lines=1000"):
        segment("<p>x</p>" * 1001, input="html", max_lines=1000)
    with pytest.raises(InputTooLarge, match="max_lines=1000"):
        segment(b"<html><body>" + b"<div>x</div>\n" * 1001, max_lines=1000)  # input="auto"


def test_html_within_max_lines_is_still_accepted():
    assert len(segment("<p>line</p>" * 10, input="html", max_lines=10).dropped) == 10
    pretty = "<html><body>\n" + "<span>\n</span>\n" * 50 + "<p>one line</p></body></html>"
    assert len(segment(pretty, input="html", max_lines=3).dropped) == 1
    # 50 runs of text, one line: refused before parsing under max_lines=49 (the documented
    # bound: runs of text), accepted at 50.
    inline = "<p>" + "<b>a</b> " * 50 + "</p>"
    with pytest.raises(InputTooLarge, match="runs of text"):
        segment(inline, input="html", max_lines=49)
    assert segment(inline, input="html", max_lines=50).text.startswith("a a")


def test_bytes_over_four_times_max_chars_are_refused_before_decoding(monkeypatch):
    import newsclean.decode as decode

    def refuse(*a, **k):
        raise AssertionError("decoded before the limit was checked")
    for name in ("decode_auto", "decode_text", "decode_html"):
        monkeypatch.setattr(decode, name, refuse)
    for input in ("auto", "text", "html"):
        with pytest.raises(InputTooLarge, match="max_chars=100"):
            segment(b"a" * 401, input=input, max_chars=100)


def test_a_50_mb_page_of_paragraphs_is_refused_fast():
    import time
    page = "<p>x</p>" * 6_250_000  # 50 MB, 6 250 000 lines
    start = time.process_time()
    with pytest.raises(InputTooLarge, match="max_lines"):
        segment(page, input="html")
    assert time.process_time() - start < 15  # (about 2 s; 24 s and 4.7 GB before)


PIECES = ("<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<pre>", "</pre>", "\n", " ",
          "x", "word", "<3", "<>", "<!-- c -->", "<script>", "</script>", "<td>", "<tr>",
          "<table>", "</table>", "<li>", "a > b", "\u2028", "&amp;", "<textarea>", "</textarea>",
          "<span>", "</span>", "<img alt=x>", "<h2>", "</h2>", "\r\n", "<plaintext>")


@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_the_bound_is_never_below_the_lines_shown(pieces):
    page = "".join(pieces)
    assert html_lines_bound(page) >= len(html_to_lines(page)[1])
