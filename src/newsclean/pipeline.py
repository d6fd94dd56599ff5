"""segment(): a page in, a Document out — the five stages of DESIGN.md, one call each."""
from __future__ import annotations

from newsclean import assemble, features, keys, labels, lines
from newsclean.errors import DecodeError, InputTooLarge
from newsclean.lexicon import lexicon_for
from newsclean.model import Document

# The largest page accepted, in characters. Real news pages are under 2 MB of text; a larger
# input is almost always a concatenated dump, which belongs in `newsclean batch`.
MAX_CHARS = 50_000_000


def segment(page: str | bytes, *, lang: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    """Segment one scraped page into articles of typed, deduplicated blocks.

    `page` is the page's text (as a browser's innerText shows it) or its bytes (decoded: UTF-8,
    a BOM honoured). `lang` (an ISO 639-1 code such as "ar") narrows the word lists used; the
    default uses every list newsclean has. Raises DecodeError for bytes that are not text and
    InputTooLarge for a page over `max_chars` characters.
    """
    text = _as_text(page)
    if len(text) > max_chars:
        raise InputTooLarge(f"page has {len(text)} characters; the limit is max_chars={max_chars}")
    lexicon = lexicon_for(lang)

    page_lines = lines.split_lines(text)                                   # 1. lines
    line_keys = keys.line_keys(ln.text for ln in page_lines)               # 2. keys
    feats = features.measure(page_lines, line_keys, text, lexicon)         # 3. features
    states = labels.decode(feats)                                          # 4. labels:
    line_labels, article_of = labels.label(feats, states)                 #    path, then kinds
    return assemble.assemble(text, page_lines, line_keys, feats,           # 5. articles
                             line_labels, article_of, lexicon)


def _as_text(page: str | bytes) -> str:
    if isinstance(page, str):
        return page
    if isinstance(page, (bytes, bytearray, memoryview)):
        try:
            from newsclean.decode import decode_text
        except ImportError:  # pragma: no cover - until decode.py lands
            try:
                return bytes(page).decode("utf-8-sig")
            except UnicodeDecodeError as e:
                raise DecodeError(str(e)) from None
        return decode_text(bytes(page))
    raise TypeError(f"segment() takes str or bytes, not {type(page).__name__}")
