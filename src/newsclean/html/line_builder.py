"""The line being built from the text nodes the walk meets, and the `Line`s it ends as.

A line inside a list item, a table row or a block quote is a `StructuredLine`: a `Line` that
also knows that place (model.Structure), for the blocks it becomes. The walk says where it is
with `LineBuilder.item`: a `Container` while inside a list, table or quote, an `(container,
group, position)` tuple while inside one of a list's items or a table's rows.
"""
from __future__ import annotations

import attrs

from newsclean.html.tags import LINK, PRE, hint_set
from newsclean.html.whitespace import collapse, pre_lines
from newsclean.lines import Line
from newsclean.model import Structure


@attrs.frozen(slots=True)
class StructuredLine(Line):
    """A line of a list item, a table row or a block quote."""

    structure: Structure | None = None


class Container:
    """A list, table or block quote being walked: its kind, number, and members so far."""

    __slots__ = ("kind", "group", "count")

    def __init__(self, kind: str, group: int) -> None:
        self.kind, self.group, self.count = kind, group, 0

    def member(self) -> tuple[str, int, int]:
        """The place of its next item or row."""
        self.count += 1
        return self.kind, self.group, self.count

SOFT_HYPHEN = "\u00ad"
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

    __slots__ = ("lines", "owners", "pos", "frags", "link_frags", "hints", "kind", "item",
                 "groups")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.owners: list[int] = []
        self.pos = 0
        self.frags: list[str] = []
        self.link_frags: list[str] = []
        self.hints = 0
        self.kind = 0
        self.item: Container | tuple[str, int, int] | None = None  # where the walk is (above)
        self.groups = 0  # containers met so far

    def container(self, kind: str) -> Container:
        """A new list, table or quote, numbered in page order."""
        self.groups += 1
        return Container(kind, self.groups - 1)

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
        if SOFT_HYPHEN in raw:  # a hyphenation hint, shown only where a word breaks at a line's end
            raw = raw.replace(SOFT_HYPHEN, "")
        texts = pre_lines(raw) if self.kind & PRE_TEXT else [collapse(raw)]
        if self.kind & CELLS:
            texts = [_join_cells(text) for text in texts]
        # The share of the line's characters inside links (for preformatted text, of the
        # characters of each of its lines, from those of all its links).
        link_chars = len(collapse("".join(self.link_frags))) if self.link_frags else 0
        hints = hint_set(self.hints)
        pos = self.pos
        item = self.item
        for text in texts:
            if text:
                end = pos + len(text)
                density = min(1.0, link_chars / len(text))
                if item is None:
                    self.lines.append(Line(text, pos, end, hints, density))
                else:
                    self.lines.append(StructuredLine(text, pos, end, hints, density,
                                                     _structure(item, text, self.kind)))
                self.owners.append(owner)
                pos = end + 1
        self.pos = pos
        self.frags.clear()
        self.link_frags.clear()
        self.hints = 0
        self.kind = 0


def _structure(item: Container | tuple[str, int, int], text: str, kind: int
               ) -> Structure | None:
    """The place of a line of `item` (None: loose text in a list or table, not in its items).

    A table's row is one only as a line of its cells: the paragraphs of a table that lays out
    a page (a cell holding the whole article) are no rows."""
    if type(item) is tuple:
        container, group, position = item
        if container != "table":
            return Structure(container, group, position)
        if kind & CELLS:
            return Structure(container, group, position, text.split("\t"))
        return None
    if item.kind == "blockquote":
        return Structure(*item.member())
    return None


def _join_cells(text: str) -> str:
    """A table row's text: its non-blank cells, stripped, separated by tabs."""
    return "\t".join(cell.strip() for cell in text.split(CELL_MARK) if cell.strip())
