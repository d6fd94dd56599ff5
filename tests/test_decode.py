"""Bytes to text: BOMs, meta charsets (true and lying), fallbacks, and bytes that are not text."""
from __future__ import annotations

import codecs
import gzip
import time
from pathlib import Path

import pytest

from newsclean.decode import decode_html, decode_text, looks_like_html
from newsclean.errors import DecodeError

FIXTURES = Path(__file__).parent / "fixtures" / "html"

ARABIC_H1 = "افتتاح الجسر القديم بعد عامين من الإصلاح"
ARABIC_P = "وقال أحد السائقين: «كان الأمر يستحق الانتظار»."
FRENCH_H1 = "Le vieux pont rouvre après deux ans de travaux"
FRENCH_P = "« Ça valait la peine d'attendre », a déclaré une conductrice française."


# --- decode_html --------------------------------------------------------------------------------

def test_windows_1256_page_declared_in_meta():
    data = (FIXTURES / "arabic-windows-1256.html").read_bytes()
    text = decode_html(data)
    assert ARABIC_H1 in text and ARABIC_P in text
    assert text.encode("cp1256") == data  # every character came out right


def test_windows_1256_page_without_declaration_is_recognised_as_arabic():
    data = (FIXTURES / "arabic-windows-1256-undeclared.html").read_bytes()
    text = decode_html(data)
    assert ARABIC_H1 in text and ARABIC_P in text


def test_iso_8859_1_page():
    data = (FIXTURES / "french-iso-8859-1.html").read_bytes()
    text = decode_html(data)
    assert FRENCH_H1 in text and FRENCH_P in text
    assert text.encode("iso-8859-1") == data


def test_lying_meta_valid_utf8_wins():
    # Re-encoded to UTF-8 by a crawler that kept <meta charset="iso-8859-1">.
    data = (FIXTURES / "french-utf8-lying-meta.html").read_bytes()
    assert b'charset="iso-8859-1"' in data
    text = decode_html(data)
    assert FRENCH_P in text
    assert "Ã" not in text  # no mojibake


def test_meta_says_utf8_but_bytes_are_windows_1252():
    page = '<meta charset="utf-8"><p>Café crème – déjà vu</p>'
    assert "Café crème – déjà vu" in decode_html(page.encode("cp1252"))


def test_http_equiv_content_type_is_read():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><p>مرحبا بكم</p>'
    assert "مرحبا بكم" in decode_html(page.encode("cp1256"))


def test_meta_charset_after_4096_bytes_is_not_read():
    # Too far to be trusted; the bytes are not UTF-8 and not Arabic, so windows-1252.
    page = "<!-- " + "x" * 5000 + ' --><meta charset="koi8-r"><p>Привет</p>'
    text = decode_html(page.encode("koi8-r"))
    assert "Привет" not in text
    assert text.startswith("<!-- xxx")


def test_unknown_and_non_text_charset_labels_are_ignored():
    for label in ("no-such-charset", "base64", "rot13", "x-user-defined", "utf-7", "unicode_escape",
                  "undefined", "idna"):
        page = f'<meta charset="{label}"><p>naïve</p>'
        assert "naïve" in decode_html(page.encode("utf-8"))
        assert "naïve" in decode_html(page.encode("cp1252"))


def test_windows_1252_bytes_browsers_map_to_c1_controls():
    # 0x81 is undefined in Python's cp1252; browsers give U+0081. It must not raise.
    text = decode_html(b'<meta charset="windows-1252"><p>a\x81b \x93q\x94</p>')
    assert "a\x81b “q”" in text


def test_mostly_utf8_with_a_bad_byte_stays_utf8():
    page = ("<p>" + "Ünïcödé ünd Ümläüte " * 20 + "</p>").encode("utf-8") + b"\xff<p>end</p>"
    text = decode_html(page)
    assert "Ünïcödé ünd Ümläüte" in text
    assert "\ufffd" in text


@pytest.mark.parametrize("bom, encoding", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_bom_decides_and_is_removed(bom, encoding):
    page = '<meta charset="iso-8859-1"><p>ça — مرحبا</p>'
    assert decode_html(bom + page.encode(encoding)) == page
    assert decode_text(bom + page.encode(encoding)) == page


def test_bom_with_invalid_content_is_a_decode_error():
    with pytest.raises(DecodeError):
        decode_html(codecs.BOM_UTF8 + b"abc\xff\xfe")


# --- decode_text --------------------------------------------------------------------------------

def test_text_utf8():
    assert decode_text("Zoë — مرحبا\n".encode("utf-8")) == "Zoë — مرحبا\n"


def test_text_fallbacks():
    assert decode_text("Les élèves ont été reçus.".encode("cp1252")) == "Les élèves ont été reçus."
    arabic = "أعيد فتح الجسر القديم أمام حركة السير يوم الاثنين"
    assert decode_text(arabic.encode("cp1256")) == arabic


def test_empty_input():
    assert decode_text(b"") == ""
    assert decode_html(b"") == ""


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    gzip.compress(b"<html><body><p>compressed</p></body></html>"),
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    bytes(range(256)) * 40,  # random-looking binary
    "<p>utf-16 without a BOM</p>".encode("utf-16-le"),
    b"\x00" * 1000,
])
def test_binary_is_refused_with_a_clear_message(data):
    for decode in (decode_text, decode_html):
        with pytest.raises(DecodeError, match="not text"):
            decode(data)


def test_invalid_utf8_with_control_characters_is_not_text():
    with pytest.raises(DecodeError):
        decode_text(b"abc\x01\x02 def \xe9\xff text " * 3)


def test_large_input_is_linear():
    data = ("<p>" + "é" * 100 + "</p>\n").encode("cp1252") * 100_000  # 10 MB, not UTF-8
    start = time.perf_counter()
    text = decode_html(data)
    assert time.perf_counter() - start < 5
    assert text.startswith("<p>éé")


# --- looks_like_html ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><title>x</title>",
    "  <html><body>x</body></html>",
    "<head><meta charset=utf-8></head>",
    "<div><p>One</p><p>Two</p></div>",
    "Some text<br>more text<br>and more<br>",
    # A fragment that begins with markup, its body tag beyond the first 4 KB (a real page: a
    # comment, a meta, then a long script).
    "<!--section:entertainment-->\n<meta charset=utf-8><script>" + "var x = 1;\n" * 500,
    "<p>A paragraph with no other tag near it.</p>" + " more text" * 500,
])
def test_html_is_recognised(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    "",
    "Plain text about 3 < 4 and 5 > 2.\nAnother line.",
    "Use the <p> tag for paragraphs.",
    "Headline\n\nBody paragraph with a <b>single</b> tag.",
    '{"a": "<p>x</p>"}',
    "<<prev article | back to news index | next article>>\nHeadline\nText.",
])
def test_plain_text_is_not_html(text):
    assert not looks_like_html(text)
