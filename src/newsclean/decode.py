"""Bytes to text: decode a scraped page, text or HTML, or refuse it with a DecodeError.

The order of evidence, strongest first:

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides, and is removed.
2. Bytes that are plainly not text (a PNG, PDF, gzip, zip… signature; NUL bytes; many control
   bytes) raise `DecodeError`, never come out as mojibake.
3. HTML only: a `<meta charset=…>` or `<meta http-equiv="content-type" content="…charset=…">`
   in the first 4096 bytes, except that bytes which decode strictly as UTF-8 and hold non-ASCII
   are read as UTF-8 whatever the meta says (a page re-encoded to UTF-8 by a crawler often keeps
   its old declaration; single-byte text is almost never valid multi-byte UTF-8 by accident).
4. Strict UTF-8.
5. Fallback for bytes that are not UTF-8: if they are mostly UTF-8 with a few bad bytes (most
   high bytes sit in valid multi-byte sequences), UTF-8 with U+FFFD for the bad bytes;
   otherwise a single-byte encoding: windows-1256 when the high bytes look Arabic (see
   `_looks_arabic`), else windows-1252 (the web's default, a superset of ISO-8859-1). Plain
   text gets this fallback only when it has no control bytes; otherwise it is DecodeError.

Only these two single-byte encodings are guessed: a page in another one (KOI8-R, Shift_JIS…)
must declare it, which HTML pages do.
"""
from __future__ import annotations

import codecs
import re

from newsclean.errors import DecodeError

# Byte-order marks; UTF-32 LE must be tried before UTF-16 LE, whose BOM is its prefix.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats a crawler may hand over by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"BZh", "bzip2-compressed data"),  # only with a block-size digit after it
)

_SAMPLE = 65536  # bytes looked at by the heuristics: enough to judge, bounded cost on 20 MB input
# C0 control bytes other than the white space text carries (\t \n \v \f \r) and ESC.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)

# WHATWG windows-1252: Python's cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined, browsers map
# them to the C1 code points. Decoding as latin-1 and then translating 0x80-0x9F gives that.
_CP1252_C1 = {
    b: bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
    for b in range(0x80, 0xA0)
}
_CP1252_TABLE = str.maketrans({chr(b): c for b, c in _CP1252_C1.items()})

# Labels a page may declare that mean windows-1252 on the web (WHATWG Encoding Standard).
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii",
                        "us-ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1"}

# Python codecs that are no web charset: a page naming one is read as if it named none.
_NOT_CHARSETS = {"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}

# Other declared charsets that browsers read as a superset (WHATWG), by Python codec name.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "iso8859-9": "cp1254", "tis-620": "cp874",
              "iso8859-11": "cp874", "shift_jis": "cp932", "euc_kr": "cp949", "big5": "big5hkscs"}


def decode_text(data: bytes) -> str:
    """Decode the bytes of a plain-text page.

    BOM, else strict UTF-8, else the single-byte fallback described in the module docstring
    (only for bytes without control characters: invalid UTF-8 with controls is taken for
    binary). Raises `DecodeError` for bytes that are not text.
    """
    text = _decode_bom(data)
    if text is not None:
        return text
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _fallback(data, strict=True)


def decode_html(data: bytes) -> str:
    """Decode the bytes of an HTML page: BOM, meta charset, UTF-8, then the fallback.

    See the module docstring for the order and why valid UTF-8 beats a meta that says
    otherwise. Raises `DecodeError` for bytes that are not text.
    """
    text = _decode_bom(data)
    if text is not None:
        return text
    _refuse_binary(data)
    try:
        # Valid UTF-8 wins over any declaration: pure ASCII reads the same in every charset a
        # page may declare, and non-ASCII that is valid UTF-8 is UTF-8 (see the module docstring).
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    if declared == "windows-1252":
        return _decode_1252(data)
    if declared is not None and declared != "utf-8":
        return data.decode(declared, errors="replace")
    return _fallback(data, strict=False)


def looks_like_html(text: str) -> bool:
    """Whether `text` is HTML rather than plain text.

    True for a doctype or an `<html>`, `<head>` or `<body>` tag in the first 4096 characters,
    for a page that begins with a comment or a tag of a common element (`<!--section-->`, then
    `<meta charset>` and a long script: no body tag in sight), or for at least three tags of
    common elements there (`<p>`, `<div>`, `</a>`, `<br>`…). Plain text with an occasional `<`
    or a quoted tag does not count.
    """
    head = text[:4096]
    if _HTML_START.search(head):
        return True
    start = head.lstrip()
    if start.startswith("<!--") or _COMMON_TAG.match(start):
        return True
    return len(_COMMON_TAG.findall(head)) >= 3


_HTML_START = re.compile(r"<!doctype\s+html|<(?:html|head|body)[\s>/]", re.I)
_COMMON_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|h[1-6]|ul|ol|li|table|tr|td|article|section|header|footer|nav"
    r"|main|aside|figure|figcaption|img|meta|title|script|style|link|blockquote|em|strong|b|i)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)


def _decode_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"the bytes start with a {encoding} byte-order mark but are not valid "
                    f"{encoding}: {exc.reason} at byte {exc.start}") from None
    return None


def _refuse_binary(data: bytes) -> None:
    reason = _binary_reason(data)
    if reason:
        raise DecodeError(f"the bytes are not text: {reason}")


def _binary_reason(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if magic == b"BZh" and not data[3:4].isdigit():
                continue
            return f"they look like {what}"
    sample = data[:_SAMPLE]
    if not sample:
        return None
    nuls = sample.count(0)
    if nuls * 100 > len(sample):
        return (f"{nuls} NUL bytes in the first {len(sample)} "
                "(UTF-16/32 text needs a byte-order mark)")
    controls = len(_CONTROL.findall(sample))
    if controls * 20 > len(sample):
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def _declared_charset(head: bytes) -> str | None:
    """The encoding a page's meta declares, as a Python codec name, or None."""
    m = _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        return "windows-1252"
    try:
        name = codecs.lookup(label).name
        "".encode(name)  # base64, rot13, zlib… are codecs but not charsets: LookupError
    except (LookupError, UnicodeError):
        return None  # an unknown label is ignored, as browsers do
    if name in _NOT_CHARSETS:
        return None
    if name.startswith(("utf-16", "utf-32", "utf-8")):
        return "utf-8"  # a meta cannot declare UTF-16/32 (browsers read such a page as UTF-8)
    return _SUPERSETS.get(name, name)


def _fallback(data: bytes, *, strict: bool) -> str:
    """Decode invalid UTF-8: UTF-8 with U+FFFD if it is mostly UTF-8, else a single-byte encoding.

    With `strict` (plain text, which has no markup to vouch for it), bytes with control
    characters are not taken for single-byte text: DecodeError.
    """
    # Judge from the first non-ASCII byte on: a long ASCII <head> says nothing of the text.
    first_high = next((i for i, b in enumerate(data[:1 << 20]) if b >= 0x80), 0)
    sample = data[first_high:first_high + _SAMPLE]
    valid = sum(len(m) for m in _UTF8_MULTI.findall(sample))
    high = sum(len(run) for run in _HIGH_RUN.findall(sample))
    if valid > high - valid:  # more high bytes in valid UTF-8 sequences than outside them
        return data.decode("utf-8", errors="replace")
    if strict and _CONTROL.search(sample):
        raise DecodeError("the bytes are not text: invalid UTF-8 with control characters, "
                          "neither UTF-8 nor a single-byte encoding")
    if _looks_arabic(sample):
        return data.decode("cp1256")  # defines all 256 bytes
    return _decode_1252(data)


def _decode_1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_TABLE)


def _looks_arabic(sample: bytes) -> bool:
    """Whether single-byte high bytes read better as windows-1256 (Arabic) than windows-1252.

    In windows-1256 the common Arabic letters (ا ب ت ر س ع… at 0xC1-0xDA except 0xD7) sit where
    windows-1252 has upper-case accented Latin letters, which are rare in Latin-script text; and
    Arabic words are runs of high bytes, where accented Latin letters mostly stand alone among
    ASCII letters. Both must hold: at least 35% of high bytes in 0xC1-0xDA, and high-byte runs
    2.5 bytes long on average.
    """
    runs = _HIGH_RUN.findall(sample)
    if not runs:
        return False
    high = sum(len(r) for r in runs)
    arabic = sum(1 for r in runs for b in r if 0xC1 <= b <= 0xDA and b != 0xD7)
    return arabic * 100 >= 35 * high and high >= 2.5 * len(runs)
