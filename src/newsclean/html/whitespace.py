"""White space as a browser's CSS treats it: collapsed in normal text, kept in preformatted text."""
from __future__ import annotations

import re

# The white space CSS collapses, and U+2028/U+2029: inside a paragraph they are no block
# boundary, and a line of Document.text must not hold a break the text model splits at.
COLLAPSIBLE = re.compile(r"[ \t\n\r\f\u2028\u2029]+")
# White space str.split() splits at but CSS keeps (NBSP, thin space…).
OTHER_SPACE = re.compile(
    "[\x0b\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def collapse(text: str) -> str:
    """`text` with each run of the white space CSS collapses (space, tab, CR, LF, FF) made one
    space, and stripped.

    Most text has nothing to collapse once stripped: printable (no white space but " ", as
    any other space, tab or line break is not) and without two spaces in a row.
    """
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    return collapse_runs(text)


def collapse_runs(text: str) -> str:
    """collapse(), the long way.

    str.split() is several times faster than a regex but also splits at NBSP and the other
    Unicode spaces, which a browser keeps: it is used only when there are none.
    """
    if text.isascii() or not OTHER_SPACE.search(text):
        return " ".join(text.split())
    return COLLAPSIBLE.sub(" ", text).strip()


def pre_lines(text: str) -> list[str]:
    """The lines of preformatted text, each stripped (a Line's text has no outer spaces)."""
    return [line.strip() for line in LINE_SEPARATORS.sub("\n", text).split("\n")]


LINE_SEPARATORS = re.compile("[\r\u2028\u2029]")

