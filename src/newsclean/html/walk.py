"""The innerText walk: the lines a browser shows for the body when no stylesheet applies.

Depth first, in document order, with an explicit stack (any depth is fine). Each element is
looked up once (tags.tag_info), its attributes read once (attributes.attribute_facts); then it
is skipped (hidden, void, empty), or it ends the line being built (a block, a <br>), or it is
entered, and its text nodes go into the line being built (line_builder.LineBuilder). Leaving a
block ends the line. A few elements are handled one by one (`_special`): links, table cells,
top-level <article>s, closed <dialog>s, and the lists, items, tables, rows and block quotes
whose place the lines inside them keep (line_builder.StructuredLine). A closed <details> is
walked whole: an accordion's content is text a reader opens.

Entered elements are numbered in document order (the body is 0), each with its parent, for
main_text.py; a line belongs to the element it is the text of.
"""
from __future__ import annotations

from newsclean.html.attributes import attribute_facts
from newsclean.html.line_builder import Container, LineBuilder
from newsclean.html.tags import (ANCHOR, ARTICLE, ARTICLE_BIT, BLOCK, BR, CELL, DIALOG,
                                 HEADING, HIDDEN, ITEM, LINK, LIST, LIST_KINDS, PRE, QUOTE, TABLE,
                                 VOID, story_bit, tag_info)
from newsclean.lines import Line


def visible_lines(body) -> tuple[list[Line], list[int], list[int]]:
    """(the lines of the body's visible text, the element each belongs to, each element's parent).

    The loop keeps only where it is: the node, the open elements (`stack`), the hints they give
    (`ctx`) and whether they make a link or preformatted text (`mode`).
    """
    state = _Walk()
    line, parent_of = state.line, state.parent_of
    element, add = state.element, line.add  # (bound once: called per node of every page)
    stack: list[tuple] = []  # per open element: (its next sibling, its flags, then what to restore)
    ctx = mode = 0
    cur = 0  # the number of the innermost open element
    node = body.first_child
    while True:
        if node is None:  # the innermost open element's children have run out: leave it
            if not stack:
                break
            left = cur
            node, flags, ctx, mode, cur, item = stack.pop()
            if flags >= BLOCK and line.frags:  # (most blocks end no line: spares the call)
                line.end(left)
            line.item = item
            continue
        text = node.text_content
        if text is not None:  # a text node
            add(text, mode, ctx)
            node = node.next
            continue
        following = node.next
        item = line.item  # (a list, item, table, row or quote sets its own while inside it)
        flags, hints, child = element(node, ctx, cur)
        if child is None:  # nothing to enter (hidden, void, empty, or handled already)
            line.item = item
            node = following
            continue
        text = child.text_content
        if text is None:  # its first child is an element: enter it
            node = child
        else:
            node = child.next
            if node is None:
                # Its only child is a text node (a link, a heading, a span…): taken at once,
                # without going down and back up (each read through selectolax costs about
                # as much as a line of Python).
                add(text, mode | flags, ctx | hints)
                if flags >= BLOCK and line.frags:  # a block of one text: the line is its own
                    parent_of.append(cur)
                    line.end(len(parent_of) - 1)
                line.item = item
                node = following
                continue
        stack.append((following, flags, ctx, mode, cur, item))
        parent_of.append(cur)
        cur = len(parent_of) - 1
        ctx |= hints
        mode |= flags & (LINK | PRE)
        if text is not None:  # its first child, a text node, taken with it (for the same reason)
            add(text, mode, ctx)
    line.end(cur)
    return line.lines, line.owners, parent_of


class _Walk:
    """What the walk builds besides its place: the lines, the element numbers, the stories."""

    __slots__ = ("line", "parent_of", "stories", "stacked_heading")

    def __init__(self) -> None:
        self.line = LineBuilder()
        self.parent_of = [-1]  # per element number, its parent's
        self.stories = 0  # top-level <article>s met
        self.stacked_heading = -1  # the number of the heading whose parts are stacked lines

    def element(self, node, ctx: int, cur: int) -> tuple[int, int, object]:
        """An element's (flags, hint bits, first child), having ended the line it breaks.

        No first child (None): the walk does not enter it (it shows nothing, or it has been
        handled here). `ctx` and `cur`: the hints and number of the element it is in.
        """
        flags, hints, special = tag_info(node)
        if cur == self.stacked_heading:
            self.line.add(" ", 0, 0)  # (one part of a stacked heading after another: a space)
        if flags >= HIDDEN:  # hidden, or void: at most a line break
            if flags >= VOID and (special == BR or flags & BLOCK) and self.line.frags:
                self.line.end(cur)
            return flags, hints, None
        child = node.first_child
        if child is None and not self.line.frags and special != ARTICLE:
            return flags, hints, None  # empty, and no line for it to end: it changes nothing
        node_attrs = node.attributes
        if node_attrs:
            flags, hints = attribute_facts(node_attrs, flags, hints, child is not None)
            if flags >= HIDDEN:
                return flags, hints, None
        if special:
            flags, hints = self._special(special, node, node_attrs, flags, hints, ctx, cur)
            if flags >= HIDDEN:
                return flags, hints, None
        if flags & BLOCK and self.line.frags:  # (most blocks end no line: spares the call)
            self.line.end(cur)
        return flags, hints, child

    def _special(self, special: int, node, node_attrs: dict, flags: int, hints: int, ctx: int,
                 cur: int) -> tuple[int, int]:
        """(flags, hints) of an element handled one by one (TagInfo.special)."""
        if special == ANCHOR:
            if "href" in node_attrs:  # a link (an <a> without href is an anchor)
                flags |= LINK
        elif special == CELL:
            self.line.add_cell()
        elif special == ARTICLE:
            if not ctx & ARTICLE_BIT:  # a top-level article: number it
                self.stories += 1
                hints |= story_bit(self.stories)
        elif special >= LIST:
            self.line.end(cur)  # (the line before it is not part of it)
            self._structure(special, node)
        elif special == DIALOG and "open" not in node_attrs:
            flags |= HIDDEN  # a closed dialog is not shown
        elif special == HEADING and stacked_parts(node):
            self.stacked_heading = len(self.parent_of)  # (the number it is about to get)
        # A closed <details> is walked whole: an accordion's content (the rest of the story, a
        # recipe's steps, the answer to a FAQ's question) is one click away, and the only copy.
        return flags, hints

    def _structure(self, special: int, node) -> None:
        """Enter a list, an item, a table, a row or a block quote: where the lines are (the
        walk restores the place it was in when it leaves the element)."""
        line = self.line
        if special == LIST:
            line.item = line.container(LIST_KINDS.get(node.tag, "ul"))
        elif special == TABLE:
            line.item = line.container("table")
        elif special == QUOTE:
            line.item = line.container("blockquote")
        else:
            around = line.item
            if special == ITEM:
                if type(around) is not Container or around.kind not in ("ul", "ol"):
                    around = line.container("ul")  # an item outside a list: a list of its own
                line.item = around.member()
            else:  # a row: a member of its table, if it is in one
                line.item = around.member() if type(around) is Container \
                    and around.kind == "table" else None


# A heading made of a few <span>s and no text of its own — "kicker" and title, "Dachzeile" and
# "Schlagzeile" — is laid out by the site's stylesheet as lines, one part a line. The walk keeps
# it one line, the parts a space apart, where innerText (no stylesheet) glues them into one word:
# '"Es wird bald beginnen"Trump spricht …'. (As two lines, the label would compete with the
# title for the headline, and sites differ on which of them, or both, their headline is.)
STACKED_PARTS = (2, 3)  # parts
STACKED_FIRST_MAX_WORDS = 8  # the first is a label, the last a title of two words or more


def stacked_parts(node) -> bool:
    """Whether a heading is a few <span>s, a short label first and a title last."""
    parts = []
    child = node.first_child
    while child is not None:
        text = child.text_content
        if text is not None:
            if text.strip():
                return False  # text of its own: the spans are words of one line
        elif child.tag == "span":
            parts.append(child)
            if len(parts) > STACKED_PARTS[1]:
                return False
        elif child.tag != "-comment":
            return False
        child = child.next
    if len(parts) < STACKED_PARTS[0]:
        return False
    first, last = len(parts[0].text().split()), len(parts[-1].text().split())
    return 0 < first <= STACKED_FIRST_MAX_WORDS and last >= 2
