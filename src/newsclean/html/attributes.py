"""What an element's attributes change: whether it shows (`hidden`, `aria-hidden`, an inline
`style`), whether it is a block (`style="display:…"`), and the hints its class, id, role and
itemprop words give (dom.HINT_WORDS), or that it holds text for screen readers only."""
from __future__ import annotations

import functools
import re

from newsclean import dom
from newsclean.html.tags import BLOCK, HIDDEN, HINT_BIT, SCREEN_READER_BIT, SCREEN_READER_CLASSES

ATTR_CAP = 2000  # longest attribute value read: a 20 MB attribute costs no more than this
# The attributes that can hide an element, change its display or give hints besides class:
# rare, so one test for all of them spares most elements six.
_RARE_ATTRS = frozenset({"id", "style", "hidden", "aria-hidden", "role", "itemprop"})
_BLOCK_DISPLAYS = frozenset({"block", "flex", "grid", "table", "list-item", "table-row",
                             "flow-root", "table-caption"})
_CAPTION_BIT = HINT_BIT["figcaption"]  # (the hint of the <figcaption> tag)
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)
_STYLE_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)", re.I)


def attribute_facts(node_attrs: dict, flags: int, hints: int, has_content: bool
                    ) -> tuple[int, int]:
    """An element's (flags, hint bits) after its attributes, from those of its tag.

    HIDDEN among the flags: the element shows nothing (hidden, or text for screen readers
    only). The class of an element without content is not read: its hints would go nowhere.
    """
    if not _RARE_ATTRS.isdisjoint(node_attrs):
        if "style" in node_attrs or "hidden" in node_attrs or "aria-hidden" in node_attrs:
            flags = _visibility(node_attrs, flags, hints & _CAPTION_BIT)
            if flags >= HIDDEN:
                return flags, hints
        value = node_attrs.get("id")
        if value:  # (an id is one name, never a screen-reader class)
            hints |= word_bits(value) & ~SCREEN_READER_BIT
        for name in ("role", "itemprop"):
            value = node_attrs.get(name)
            if value:
                hints |= word_bits(value)
    if has_content:
        value = node_attrs.get("class")
        if value:
            hints |= word_bits(value)
            if hints & SCREEN_READER_BIT:
                flags |= HIDDEN
    return flags, hints


def _visibility(node_attrs: dict, flags: int, figcaption: int = 0) -> int:
    """An element's flags after its `hidden`, `aria-hidden` and inline `style` attributes.

    `aria-hidden` hides from screen readers, not from the eye; most often it marks a closed
    menu, a modal or a slide out of view (hidden by the stylesheet, which is not read), so it
    hides here too — but for a <figcaption>: a caption the reader sees, hidden from screen
    readers because the image's alt says it to them."""
    if "hidden" in node_attrs and not _shown_hidden(node_attrs):
        return HIDDEN
    if not figcaption and (node_attrs.get("aria-hidden") or "").strip().lower() == "true":
        return HIDDEN
    style = node_attrs.get("style")
    if style:
        style = style[:ATTR_CAP]
        if _STYLE_HIDDEN.search(style):
            return HIDDEN
        m = _STYLE_DISPLAY.search(style)
        if m:
            display = m.group(1).lower()
            if display.startswith("inline") or display == "contents":
                flags &= ~BLOCK
            elif display in _BLOCK_DISPLAYS:
                flags |= BLOCK
    return flags


def _shown_hidden(node_attrs: dict) -> bool:
    """Whether an element with `hidden` is shown to a reader all the same: a streaming
    server-rendered segment (React's `<div hidden id="S:0">`, which a script moves into its
    placeholder as soon as it arrives: the article itself, often), or `hidden="until-found"`
    (an accordion's content, shown by find-in-page)."""
    value = (node_attrs.get("hidden") or "").strip().lower()
    if value == "until-found":
        return True
    return bool(_STREAMED_SEGMENT.match(node_attrs.get("id") or ""))


# The ids of React's streamed segments ("S:0", "S:1a"…): the content is moved into the page.
_STREAMED_SEGMENT = re.compile(r"S:[0-9a-z]+\Z")

_VOCABULARY = frozenset(list(dom.HINT_WORDS) + [word + "s" for word in dom.HINT_WORDS])  # plurals
# The bits of the hint each word of the vocabulary gives.
_WORD_BIT = {word: HINT_BIT[dom.HINT_WORDS.get(word) or dom.HINT_WORDS[word[:-1]]]
             for word in _VOCABULARY}
_NOT_LOWER = re.compile(r"[^a-z]+")
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


@functools.lru_cache(maxsize=1 << 16)  # (sites repeat their class names; the bound is for long runs)
def word_bits(value: str) -> int:
    """The bits of the hints the words of one class/id/role/itemprop value give, and
    SCREEN_READER_BIT if one of its class names is a screen-reader-only one."""
    head = value[:ATTR_CAP]
    if head.islower():  # no camelCase: splitting at every non-letter is enough, and fast
        words = _NOT_LOWER.split(head)
    else:
        words = [word.lower() for word in _WORD.findall(head)]
    bits = 0
    for word in _VOCABULARY.intersection(words):
        bits |= _WORD_BIT[word]
    if not SCREEN_READER_CLASSES.isdisjoint(head.lower().split()):
        bits |= SCREEN_READER_BIT
    return bits
