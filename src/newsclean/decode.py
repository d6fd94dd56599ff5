"""Bytes to text: decode a scraped page, text or HTML, or refuse it with a DecodeError.

The order of evidence, strongest first:

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides, and is removed.
2. Bytes that are plainly not text (a PNG, PDF, gzip, zip… signature; NUL bytes; many control
   bytes) raise `DecodeError`, never come out as mojibake.
3. HTML only: a `<meta charset=…>` or `<meta http-equiv="content-type" content="…charset=…">`
   in the first 4096 bytes, if its label is one of the WHATWG Encoding Standard's (mapped as
   the standard maps it: "iso-8859-1", "latin1", "ascii" mean windows-1252; the "replacement"
   labels, ISO-2022-KR/CN and HZ-GB-2312, make bytes that are not UTF-8 one U+FFFD; other
   labels, "cp500", "utf-7", "hz"…, are ignored), except that bytes which decode strictly as UTF-8 and hold non-ASCII
   are read as UTF-8 whatever the meta says (a page re-encoded to UTF-8 by a crawler often keeps
   its old declaration; single-byte text is almost never valid multi-byte UTF-8 by accident).
4. Strict UTF-8.
5. Fallback for bytes that are not UTF-8: if they are mostly UTF-8 with a few bad bytes (most
   high bytes of the whole input sit in valid multi-byte sequences), UTF-8 with U+FFFD for the bad bytes;
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
_UTF8_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)

# WHATWG windows-1252: Python's cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined, browsers map
# them to the C1 code points. Decoding as latin-1 and then translating 0x80-0x9F gives that.
_CP1252_C1 = {
    b: bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
    for b in range(0x80, 0xA0)
}
_CP1252_TABLE = str.maketrans({chr(b): c for b, c in _CP1252_C1.items()})

# The labels a page may declare, from the WHATWG Encoding Standard (encoding.spec.whatwg.org,
# "Names and labels"): each encoding, the Python codec that decodes it, its labels. A label not
# here is ignored, as browsers ignore it (EBCDIC "cp500", "utf-7", "hz"…: Python codecs, but no
# web encoding). What HTML's meta prescan adds: UTF-16BE/LE declared in a meta mean UTF-8, and
# x-user-defined means windows-1252. The "replacement" encoding (ISO-2022-KR/CN, HZ-GB-2312)
# decodes a whole page to one U+FFFD in a browser; here its labels are ignored instead, so the
# bytes are judged as undeclared ones (a page with no text helps no one).
_WHATWG_ENCODINGS = {
    "UTF-8": ("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    "IBM866": ("cp866", "866 cp866 csibm866 ibm866"),
    "ISO-8859-2": ("iso8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
                                "iso_8859-2:1987 l2 latin2"),
    "ISO-8859-3": ("iso8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
                                "iso_8859-3:1988 l3 latin3"),
    "ISO-8859-4": ("iso8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
                                "iso_8859-4:1988 l4 latin4"),
    "ISO-8859-5": ("iso8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 "
                                "iso88595 iso_8859-5 iso_8859-5:1988"),
    "ISO-8859-6": ("iso8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
                                "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
                                "iso_8859-6 iso_8859-6:1987"),
    "ISO-8859-7": ("iso8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 "
                                "iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 "
                                "sun_eu_greek"),
    "ISO-8859-8": ("iso8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e "
                                "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"),
    "ISO-8859-8-I": ("iso8859-8", "csiso88598i iso-8859-8-i logical"),
    "ISO-8859-10": ("iso8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 "
                                  "latin6"),
    "ISO-8859-13": ("iso8859-13", "iso-8859-13 iso8859-13 iso885913"),
    "ISO-8859-14": ("iso8859-14", "iso-8859-14 iso8859-14 iso885914"),
    "ISO-8859-15": ("iso8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    "ISO-8859-16": ("iso8859-16", "iso-8859-16"),
    "KOI8-R": ("koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"),
    "KOI8-U": ("koi8-u", "koi8-ru koi8-u"),
    "macintosh": ("mac-roman", "csmacintosh mac macintosh x-mac-roman"),
    "windows-874": ("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    "windows-1250": ("cp1250", "cp1250 windows-1250 x-cp1250"),
    "windows-1251": ("cp1251", "cp1251 windows-1251 x-cp1251"),
    "windows-1252": ("windows-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 "
                                     "iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 "
                                     "iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"),
    "windows-1253": ("cp1253", "cp1253 windows-1253 x-cp1253"),
    "windows-1254": ("cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
                               "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    "windows-1255": ("cp1255", "cp1255 windows-1255 x-cp1255"),
    "windows-1256": ("cp1256", "cp1256 windows-1256 x-cp1256"),
    "windows-1257": ("cp1257", "cp1257 windows-1257 x-cp1257"),
    "windows-1258": ("cp1258", "cp1258 windows-1258 x-cp1258"),
    "x-mac-cyrillic": ("mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    "GBK": ("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
                       "x-gbk"),
    "gb18030": ("gb18030", "gb18030"),
    "Big5": ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    "EUC-JP": ("euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    "ISO-2022-JP": ("iso2022-jp", "csiso2022jp iso-2022-jp"),
    "Shift_JIS": ("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    "EUC-KR": ("cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
                        "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"),
    "replacement": ("replacement", "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr "
                          "replacement"),
    "UTF-16BE": ("utf-8", "unicodefffe utf-16be"),  # in a meta: UTF-8 (HTML's prescan)
    "UTF-16LE": ("utf-8", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"),
    "x-user-defined": ("windows-1252", "x-user-defined"),  # in a meta: windows-1252
}
# label -> Python codec (None: ignored)
_LABELS = {label: codec for codec, labels in _WHATWG_ENCODINGS.values() for label in labels.split()}
_ASCII_WHITESPACE = "\t\n\f\r "
_HIGH_BYTES = bytes(range(0x80, 0x100))


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
    declared = _declared_charset(data[:4096])
    if declared == "replacement" and not _is_utf8(data):
        # WHATWG: ISO-2022-KR, ISO-2022-CN and HZ-GB-2312 (7-bit encodings whose escapes can
        # hide markup) decode to one U+FFFD; no browser shows their text. Bytes that are valid
        # UTF-8 (ASCII included) are read as UTF-8, as under every other label: the page as
        # bytes and as the str they decode to must give the same Document.
        return "\ufffd"
    if declared == "iso2022-jp" and b"\x1b" in data:
        # The one web encoding whose bytes are 7-bit: valid UTF-8 (ASCII), escapes and all.
        return data.decode(declared, errors="replace")
    try:
        # Valid UTF-8 wins over any declaration: pure ASCII reads the same in every charset a
        # page may declare, and non-ASCII that is valid UTF-8 is UTF-8 (see the module docstring).
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared == "windows-1252":
        return _decode_1252(data)
    if declared is not None and declared not in ("utf-8", "iso2022-jp", "replacement"):
        return data.decode(declared, errors="replace")
    return _fallback(data, strict=False)


def decode_auto(data: bytes) -> tuple[bool, str]:
    """`input="auto"` for bytes: (is it HTML, its text). The page is decoded first and judged
    on its decoded text by `looks_like_html`, exactly as a str page is: a page gives the same
    result as bytes and as the str they decode to (UTF-16 with a BOM included). When the HTML
    decoder reads the bytes otherwise (a meta charset, the lenient fallback), its text is the
    page, and is judged again."""
    try:
        text = decode_text(data)
    except DecodeError as refused:
        try:
            html = decode_html(data)  # invalid UTF-8 with control bytes: HTML may vouch for it
        except DecodeError:
            raise refused from None
        if looks_like_html(html):
            return True, html
        raise
    if not looks_like_html(text):
        return False, text
    html = decode_html(data)
    return (True, text) if html == text else (looks_like_html(html), html)


def looks_like_html(text: str) -> bool:
    """Whether `text` is HTML rather than plain text.

    Leading white space (any amount) and a BOM character are skipped; then it is true for a
    doctype or an `<html>`, `<head>` or `<body>` tag in the first 4096 characters,
    for a page that begins with a comment or a tag of a common element (`<!--section-->`, then
    `<meta charset>` and a long script: no body tag in sight), or for at least three tags of
    common elements there (`<p>`, `<div>`, `</a>`, `<br>`…). Plain text with an occasional `<`
    or a quoted tag does not count.
    """
    skip = _LEADING_SPACE.match(text).end()
    head = text[skip:skip + 4096]
    if _HTML_START.search(head):
        return True
    start = head.lstrip()
    if start.startswith("<!--") or _COMMON_TAG.match(start):
        return True
    return len(_COMMON_TAG.findall(head)) >= 3


_LEADING_SPACE = re.compile(r"[\s\ufeff]*")
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


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_charset(head: bytes) -> str | None:
    """The encoding a page's meta declares, as a Python codec name, or None: the WHATWG label
    table (`_WHATWG_ENCODINGS`) decides; an unknown label is ignored, as browsers do."""
    m = _META_CHARSET.search(head)
    if not m:
        return None
    return _LABELS.get(m.group(1).decode("ascii").strip(_ASCII_WHITESPACE).lower())


def _fallback(data: bytes, *, strict: bool) -> str:
    """Decode invalid UTF-8: UTF-8 with U+FFFD if it is mostly UTF-8, else a single-byte encoding.

    With `strict` (plain text, which has no markup to vouch for it), bytes with control
    characters are not taken for single-byte text: DecodeError.
    """
    # UTF-8 is judged on the whole input: more high bytes in valid UTF-8 sequences than outside
    # them. (ASCII bytes are never part of an invalid sequence, so the valid high bytes are what
    # a decoding that drops the invalid ones keeps, less the ASCII.) Encoded surrogates (CESU-8,
    # WTF-8: a lone surrogate in a JSON string re-encoded) are invalid but UTF-8-shaped: they
    # count as UTF-8.
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    valid = (len(data.decode("utf-8", errors="ignore").encode("utf-8")) - (len(data) - high)
             + 3 * len(_UTF8_SURROGATE.findall(data)))
    if valid > high - valid:
        return data.decode("utf-8", errors="replace")
    # The other heuristics look at a sample from the first non-ASCII byte on: a long ASCII
    # <head> says nothing of the text.
    first = _HIGH_RUN.search(data)
    first_high = first.start() if first else 0
    sample = data[first_high:first_high + _SAMPLE]
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
