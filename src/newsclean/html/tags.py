"""What each tag is to the walk: the tag tables, and the hints as bits.

Every element the walk meets is looked up once in TAG_INFO (by Lexbor's tag id where it is fixed,
TAG_BY_ID): whether it is a block, preformatted, hidden or void, the hint its tag gives, and
whether the walk handles it one by one (a link, a table cell, an <article>, a <dialog>, a
<br>, and the lists, list items, tables, rows and block quotes whose structure the lines
keep). The DOM vocabulary itself (TAG_HINTS, HINT_WORDS, "article-N") is dom.py's.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from newsclean import dom

# Elements laid out as blocks (display block, list-item, table, table-row…) by a browser's own
# stylesheet: each starts and ends a line.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "listing",
    "main", "menu", "nav", "ol", "optgroup", "option", "p", "plaintext", "pre", "search",
    "section", "summary", "table", "tr", "ul", "xmp",
})

# Classes of text for screen readers only ("list of 3 items", "Image caption,", "Skip to content"):
# clipped to nothing by the site's stylesheet, so a reader never sees it. Matched as whole class
# names (Bootstrap, HTML5 Boilerplate, WordPress, Drupal, BBC, Guardian…).
SCREEN_READER_CLASSES = frozenset({
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
    "element-invisible", "u-visually-hidden", "is-visually-hidden", "hidden-visually",
    "assistive-text", "a11y-hidden", "offscreen", "sr-text", "screenreader-only",
})

# Elements whose content a browser does not show as text.
SKIP_TAGS = frozenset({
    "script", "style", "template", "noscript", "svg", "math", "iframe", "frame", "title",
    "textarea", "input", "video", "audio", "canvas", "object", "embed", "map", "datalist",
    "noembed", "noframes", "head",
    # Ruby annotations: the reading printed above a word (<rt>) and the parentheses a browser
    # without ruby support shows around it (<rp>) are not the text a reader reads as written.
    "rt", "rp",
})

# Elements that keep their white space and line breaks.
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})


# --- Hints as bits ------------------------------------------------------------------------------

# While walking, a set of hints is an int, one bit per hint (a union is one `|`); a line's bits
# become a frozenset when the line is made (hint_set). "article-N" is bit STORY_SHIFT + N - 1.
HINT_NAMES = tuple(sorted(dom.TAG_HINTS | dom.CLASS_HINTS | {"screen-reader"}))
HINT_BIT = {name: 1 << i for i, name in enumerate(HINT_NAMES)}
STORY_SHIFT = len(HINT_NAMES)
ARTICLE_BIT = HINT_BIT["article"]
SCREEN_READER_BIT = HINT_BIT["screen-reader"]  # never reaches a line: such elements are skipped


def story_bit(n: int) -> int:
    """The bit of the hint "article-N" (the Nth top-level <article>, from 1)."""
    return 1 << (STORY_SHIFT + n - 1)


@functools.lru_cache(maxsize=1 << 12)  # (a page has a few dozen sets, a site the same ones)
def hint_set(bits: int) -> frozenset[str]:
    """The hints whose bits are set in `bits`, as a frozenset."""
    names = []
    for i in range(bits.bit_length()):
        if bits >> i & 1:
            names.append(HINT_NAMES[i] if i < STORY_SHIFT else dom.story_hint(i - STORY_SHIFT + 1))
    return frozenset(names)


# --- What each tag is ---------------------------------------------------------------------------

# Flags: what an element is or changes. Walking, an element whose flags reach HIDDEN is never
# entered, so `flags >= BLOCK` is "a block" for any element still being walked (keep this order).
LINK, PRE, BLOCK = 1, 2, 4  # inside a link, preformatted text, a block (starts and ends a line)
HIDDEN = 8  # shows nothing
VOID = 16  # has no content (<img>, <br>…)

# The elements the walk handles one by one (TagInfo.special; 0: none).
BR, ANCHOR, CELL, ARTICLE, DIALOG, HEADING, LIST, ITEM, TABLE, ROW, QUOTE = range(1, 12)
# The containers whose structure the lines keep (line_builder.Container's kinds).
LIST_KINDS = {"ul": "ul", "ol": "ol", "menu": "ul", "dir": "ul"}


class TagInfo(NamedTuple):
    flags: int
    hints: int  # the bit of the tag's own hint, if it is in dom.TAG_HINTS
    special: int = 0


INLINE = TagInfo(0, 0)  # a tag not listed: an inline element without hints
VOID_TAGS = ("img", "meta", "link", "wbr", "base", "source", "track", "col", "area", "param")


def _tag_info() -> dict[str | None, TagInfo]:
    info = {tag: TagInfo(BLOCK, 0) for tag in BLOCK_TAGS}
    info.update({tag: TagInfo(BLOCK | PRE, 0) for tag in PRE_TAGS})
    for tag in dom.TAG_HINTS:
        info[tag] = TagInfo(info.get(tag, INLINE).flags, HINT_BIT[tag])
    info.update({tag: TagInfo(HIDDEN, 0) for tag in SKIP_TAGS})
    info.update({tag: TagInfo(VOID, 0) for tag in VOID_TAGS})
    info.update({
        # Comments, doctypes and processing instructions show nothing either.
        None: TagInfo(HIDDEN, 0), "-comment": TagInfo(HIDDEN, 0), "-doctype": TagInfo(HIDDEN, 0),
        "br": TagInfo(VOID, 0, BR), "hr": TagInfo(BLOCK | VOID, 0),
        "a": TagInfo(0, HINT_BIT["a"], ANCHOR),
        "td": TagInfo(0, 0, CELL), "th": TagInfo(0, 0, CELL),
        "article": TagInfo(BLOCK, ARTICLE_BIT, ARTICLE),
        "dialog": TagInfo(BLOCK, 0, DIALOG),
        "li": TagInfo(BLOCK, HINT_BIT["li"], ITEM), "tr": TagInfo(BLOCK, 0, ROW),
        "table": TagInfo(BLOCK, HINT_BIT["table"], TABLE),
        "blockquote": TagInfo(BLOCK, HINT_BIT["blockquote"], QUOTE),
        # A <details>' <summary> heads what it opens (an FAQ's question, a section's title):
        # to the later stages, a subheading.
        "summary": TagInfo(BLOCK, HINT_BIT["h3"]),
    })
    info.update({tag: TagInfo(BLOCK, 0, LIST) for tag in LIST_KINDS})
    for tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        info[tag] = TagInfo(info[tag].flags, info[tag].hints, HEADING)
    return info


TAG_INFO = _tag_info()


def _tag_ids() -> dict[int, TagInfo]:
    """TAG_INFO keyed by Lexbor's tag id, for the tags whose id is fixed.

    `node.tag_id` is cheaper than `node.tag` (no string is made). Lexbor numbers the tags it
    knows (and text and comment nodes) once for all, with small numbers; any other tag gets an
    id of its own in each document (a large one), is not in this table, and is looked up by
    name instead.
    """
    ids = {}
    parser = LexborHTMLParser("<body><!---->")
    for name, info in TAG_INFO.items():
        if name is not None and not name.startswith("-"):
            node = parser.create_node(name)
            if node.tag == name and node.tag_id < _FIXED_TAG_IDS:
                ids[node.tag_id] = info
    comment = parser.body.first_child
    ids[comment.tag_id] = TAG_INFO[comment.tag]
    return ids


_FIXED_TAG_IDS = 1 << 16  # (Lexbor has a few hundred)
TAG_BY_ID = _tag_ids()


def tag_info(node) -> TagInfo:
    """What `node` (an element, comment or doctype) is to the walk."""
    info = TAG_BY_ID.get(node.tag_id)
    if info is None:  # a tag with an id of its own (a custom element…), or no tag
        info = TAG_INFO.get(node.tag, INLINE)
    return info
