"""Stage 1 (text input): the page as one sequence of lines, each with its span in the page.

HTML input (html.py) produces the same `Line` objects, with DOM hints filled in, so every stage
after this one is shared by both inputs.
"""
from __future__ import annotations

import attrs
import regex

# Any line break a scraper may leave: \r\n, \n, \r, and the Unicode line/paragraph separators.
# (Not str.splitlines(): it also breaks at \x0b, \x0c, \x1c-\x1e and \x85, which scraped text
# carries inside lines.)
LINE_BREAK = regex.compile(r"\r\n|[\n\r\u2028\u2029]")

# Sentence-final punctuation (Latin, Arabic ؟ ۔, CJK 。！？), and what may follow it before the
# end of a line: closing quotes and brackets, and white space as `regex`'s \s reads it (Python's
# str.isspace also takes U+001C–U+001F, which must not be skipped here).
SENTENCE_MARKS = ".!?…؟۔。！？"
AFTER_SENTENCE_MARK = ("'\"»”’)]\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                       "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def ends_sentence(t: str) -> bool:
    """Whether `t` ends like a sentence: a mark of SENTENCE_MARKS right before the run of
    closing quotes, brackets and space that ends it (features and the HTML reader both ask)."""
    before = t.rstrip(AFTER_SENTENCE_MARK)
    return bool(before) and before[-1] in SENTENCE_MARKS


@attrs.frozen(slots=True)
class Line:
    """One non-blank line of the page.

    `text` is the line stripped of surrounding white space; `start`/`end` are its offsets in the
    page text (after stripping). `hints` holds what the markup says about it (HTML input only):
    enclosing tags and class words such as "h1", "p", "figcaption", "a", "aside", "related".
    `link_density` is the share of its characters inside links (HTML only; 0 for text).
    """

    text: str
    start: int
    end: int
    hints: frozenset[str] = frozenset()
    link_density: float = 0.0


def split_lines(text: str) -> list[Line]:
    """Split `text` on line breaks, keeping each non-blank line's offsets into `text`."""
    out: list[Line] = []
    pos = 0
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        # Only "\n" breaks lines (most pages): str.split finds the same lines at half the cost.
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = pos + len(raw) - len(raw.lstrip())
                out.append(Line(stripped, start, start + len(stripped)))
            pos += len(raw) + 1
        return out
    for m in LINE_BREAK.finditer(text):
        _append(out, text, pos, m.start())
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


def _append(out: list[Line], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        s = start + lead
        out.append(Line(stripped, s, s + len(stripped)))
