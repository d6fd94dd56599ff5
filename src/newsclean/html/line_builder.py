"""The line being built from the text nodes the walk meets, and the `Line`s it ends as."""
from __future__ import annotations

from newsclean.html.tags import LINK, PRE, hint_set
from newsclean.html.whitespace import collapse, pre_lines
from newsclean.lines import Line

CELL_MARK = "\x00"  # a cell boundary inside a line (the parser never leaves NUL in text)
# What a line holds besides plain text (LineBuilder.kind, bits).
CELLS, PRE_TEXT = 1, 2


class LineBuilder:
    """The text of the line being built, and the lines made so far.

    `lines[i]` is the ith non-blank line; `owners[i]` the number of the element it belongs to
    (its own block, or the element holding loose text). `pos` is where the next line starts in
    the page text (the lines joined by "\\n"). The line being built is its text nodes' texts
    (`frags`), those of them inside links (`link_frags`), the hint bits of every element they
    are in (`hints`) and its `kind`. All four are empty whenever `frags` is.
    """

    __slots__ = ("lines", "owners", "pos", "frags", "link_frags", "hints", "kind")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.owners: list[int] = []
        self.pos = 0
        self.frags: list[str] = []
        self.link_frags: list[str] = []
        self.hints = 0
        self.kind = 0

    def add(self, text: str, mode: int, hints: int) -> None:
        """Add a text node's text, met in `mode` (LINK, PRE) inside elements with `hints`."""
        if self.frags or not text.isspace():  # white space before a line's text is no text
            self.frags.append(text)
            if mode & LINK:
                self.link_frags.append(text)
            if mode & PRE:
                self.kind |= PRE_TEXT
            self.hints |= hints

    def add_cell(self) -> None:
        """Mark where a table cell starts: cells after the first of a row are a tab apart."""
        if self.frags:
            self.frags.append(CELL_MARK)
            self.kind |= CELLS

    def end(self, owner: int) -> None:
        """End the line being built, if any: add it to `lines` unless it is blank (preformatted
        text: each of its lines), as element `owner`'s."""
        if not self.frags:
            return
        raw = "".join(self.frags)
        texts = pre_lines(raw) if self.kind & PRE_TEXT else [collapse(raw)]
        if self.kind & CELLS:
            texts = [_join_cells(text) for text in texts]
        # The share of the line's characters inside links (for preformatted text, of the
        # characters of each of its lines, from those of all its links).
        link_chars = len(collapse("".join(self.link_frags))) if self.link_frags else 0
        hints = hint_set(self.hints)
        pos = self.pos
        for text in texts:
            if text:
                end = pos + len(text)
                self.lines.append(Line(text, pos, end, hints, min(1.0, link_chars / len(text))))
                self.owners.append(owner)
                pos = end + 1
        self.pos = pos
        self.frags.clear()
        self.link_frags.clear()
        self.hints = 0
        self.kind = 0


def _join_cells(text: str) -> str:
    """A table row's text: its non-blank cells, stripped, separated by tabs."""
    return "\t".join(cell.strip() for cell in text.split(CELL_MARK) if cell.strip())
