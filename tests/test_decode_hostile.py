"""Decoding and `input="auto"` under hostile bytes (round two): each class with a generated case.

- auto decides on the decoded text, exactly as for a str: UTF-16 HTML with a BOM, HTML after
  more than 4 KB of leading white space, and str == its UTF-8 bytes;
- UTF-8 is judged on the whole input: 1 MB of ASCII, then Arabic with one invalid byte;
- a declared charset counts only if it is a WHATWG label (its encoding as the standard maps it).
"""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsclean import segment
from newsclean.decode import _LABELS, decode_auto, decode_html, looks_like_html

STORY = ("<!DOCTYPE html><html><head><title>Harbour</title></head><body>"
         "<h1>New quay opens in the old harbour</h1>"
         "<p>The harbour authority said on Monday that the new quay would open in spring, after "
         "two years of work on the old pier and a long dispute over its cost.</p>"
         "<p>Fishermen welcomed the news, saying the old pier had been unsafe for years and that "
         "the new one would let larger boats land their catch.</p></body></html>")
ARABIC = "قالت هيئة الميناء يوم الاثنين إن الرصيف الجديد سيفتتح في الربيع بعد عامين من العمل"


def blocks(doc):
    return [(b.kind.value, b.text) for b in doc.blocks]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_html_with_a_bom_is_html(encoding):
    data = STORY.encode(encoding) if encoding in ("utf-16", "utf-32") else (
        b"\xfe\xff" + STORY.encode(encoding))
    assert blocks(segment(data)) == blocks(segment(STORY)) != []


@pytest.mark.parametrize("space", [" ", "\n", "\r\n", "\t", "\u3000"])
def test_html_after_more_than_4_kb_of_white_space_is_html(space):
    page = space * 5000 + STORY
    assert looks_like_html(page)
    assert blocks(segment(page)) == blocks(segment(STORY))
    assert blocks(segment(page.encode("utf-8"))) == blocks(segment(STORY))


@pytest.mark.parametrize("page", [
    # Multi-byte characters before the tags: 4096 bytes are fewer than 4096 characters.
    "é" * 3000 + "<p>one</p><p>two</p><div>three</div>",
    "\u00a0" * 10 + "<p>Harbour story</p>",   # NBSP: white space to str.lstrip, not to latin-1
    STORY,
    "Plain text about <b> tags and a <p> or two.\n",
])
def test_a_str_and_its_utf8_bytes_give_the_same_document(page):
    assert segment(page).to_dict() == segment(page.encode("utf-8")).to_dict()
    is_html, text = decode_auto(page.encode("utf-8"))
    assert is_html == looks_like_html(text)


def test_utf8_is_judged_on_the_whole_input_not_a_prefix():
    page = ("<!DOCTYPE html><html><head><script>" + "var x = 1;\n" * 100_000 + "</script>"
            f"</head><body><h1>{ARABIC[:30]}</h1><p>{ARABIC}</p><p>{ARABIC}</p></body></html>")
    data = page.encode("utf-8").replace(b"</body>", b"\xff</body>")
    assert len(data) > 1 << 20
    text = decode_html(data)
    assert ARABIC in text and "\ufffd" in text


@pytest.mark.parametrize("label", ["cp500", "hz", "utf-7", "ebcdic-cp-us", "rot13", "base64",
                                   "unicode-escape", "idna", "cp037", "ibm1047", "x-ebcdic"])
def test_a_charset_no_browser_supports_is_ignored(label):
    body = "Caf\xe9 cr\xe8me, d\xe9j\xe0 vu: le port a rouvert apr\xe8s deux ans de travaux."
    page = (f'<html><head><meta charset="{label}"></head><body><p>{body}</p></body></html>')
    text = decode_html(page.encode("windows-1252"))
    assert body in text  # judged as undeclared bytes: windows-1252


@pytest.mark.parametrize("label, codec", [("iso-8859-1", "windows-1252"), ("latin1", "windows-1252"),
                                          ("ascii", "windows-1252"), ("x-user-defined", "windows-1252"),
                                          ("iso-8859-9", "cp1254"), ("gb2312", "gb18030"),
                                          ("shift_jis", "cp932"), ("tis-620", "cp874"),
                                          ("utf-16le", "utf-8"), (" KOI8-R\t", "koi8-r")])
def test_labels_follow_the_whatwg_table(label, codec):
    assert _LABELS[label.strip().lower()] == codec


def test_the_label_table_holds_every_whatwg_encoding_once():
    assert len(_LABELS) == 228  # the standard's labels (encodings.json), each once
    assert "cp500" not in _LABELS and "utf-7" not in _LABELS and "hz" not in _LABELS


def test_iso_2022_jp_declared_is_obeyed_although_its_bytes_are_ascii():
    body = "新しい岸壁が春に開業する"
    page = ('<html><head><meta charset="iso-2022-jp"></head><body><p>' + body
            + "</p></body></html>")
    assert body in decode_html(page.encode("iso2022_jp"))


@pytest.mark.parametrize("label", ["hz-gb-2312", "iso-2022-kr", "ISO-2022-CN", "iso-2022-cn-ext",
                                   "csiso2022kr", "replacement"])
def test_a_replacement_label_makes_the_page_one_replacement_character(label):
    """WHATWG's "replacement" encoding: bytes that are not UTF-8 decode to a single U+FFFD."""
    head = f'<html><head><meta charset="{label}"></head><body><p>'
    data = (head + "Caf\xe9 cr\xe8me</p></body></html>").encode("windows-1252")
    assert decode_html(data) == "\ufffd"
    doc = segment(data)
    assert doc.text == "\ufffd" and not doc.blocks


def test_a_replacement_label_on_utf8_bytes_is_ignored_as_any_label_is():
    """Deliberately unlike a browser: valid UTF-8 (ASCII included, so the 7-bit escapes of
    HZ are read as they are) wins, so that the bytes and their str give the same Document."""
    hz = '<html><head><meta charset="hz-gb-2312"></head><body><p>~{<:Ky2;S{#,NR2;R*![~}</p>'
    assert decode_html(hz.encode("ascii")) == hz
    assert segment(hz.encode("ascii")).to_dict() == segment(hz).to_dict()


def test_a_replacement_label_on_a_re_encoded_utf8_page_is_ignored():
    page = f'<html><head><meta charset="iso-2022-kr"></head><body><p>{ARABIC}</p></body></html>'
    assert ARABIC in decode_html(page.encode("utf-8"))


_PIECES = ("<p>", "</p>", "<div>", "<html>", "<body>", "<!DOCTYPE html>", "<!-- c -->", "<b>",
           " ", "\n", "\u00a0", "\u3000", "é", "ب", "中", "\r\n", "<br>", "Harbour", "story.",
           "<meta charset=windows-1252>", "<meta charset=iso-2022-kr>", "<", ">", "&amp;",
           "\u2028", "x" * 50, "\t")


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.integers(0, 5000))
def test_a_str_and_its_utf8_bytes_always_give_the_same_document(pieces, spaces):
    """The property behind the cases above: any page, as str and as its UTF-8 bytes."""
    page = " " * spaces + "".join(pieces)
    assert segment(page).to_dict() == segment(page.encode("utf-8")).to_dict()
