"""Streamed server rendering: put each streamed segment where the page's script puts it.

React's streaming server rendering (Next.js and others) sends the page's shell first, with a
placeholder for each part not ready yet — `<!--$?--><template id="B:0"></template>` followed by
a fallback (a skeleton, "Loading…") and `<!--/$-->` — and sends the part later, at the end of
the body, as `<div hidden id="S:0">…</div>` with a script (`$RC("B:0","S:0")`) that moves it
into the placeholder as soon as it arrives. A reader sees the article where the placeholder
was, and never the fallback. So the walk must too: before it, each segment replaces its
placeholder and the fallback goes (attributes.py shows a `hidden` segment's content).
"""
from __future__ import annotations

SEGMENT_PREFIX = "S:"  # the id of a streamed segment: "S:" and its number
PLACEHOLDER_PREFIX = "B:"  # …and of the <template> that holds its place: "B:" and the same
FALLBACK_END = "/$"  # the comment that ends a placeholder's fallback
# A page holds the markup of streaming when it has both (bytes, before parsing: a cheap gate).
GATE = (b'id="S:', b'id="B:')


def has_streamed_segments(data: bytes) -> bool:
    return all(marker in data for marker in GATE)


def place_streamed_segments(tree) -> int:
    """Move each `<div hidden id="S:n">` of `tree` to the place of its `<template id="B:n">`,
    removing the fallback after it; return how many moved. A segment without its placeholder
    stays where it is (its content still shows)."""
    moved = 0
    for segment in tree.css(f'div[hidden][id^="{SEGMENT_PREFIX}"]'):
        number = (segment.attributes.get("id") or "")[len(SEGMENT_PREFIX):]
        placeholder = tree.css_first(f'template[id="{PLACEHOLDER_PREFIX}{number}"]')
        if placeholder is None:
            continue
        fallback = []  # the siblings up to the comment that ends the fallback (none without it)
        node = placeholder.next
        while node is not None and not (node.tag == "-comment"
                                        and (node.comment_content or "").strip() == FALLBACK_END):
            fallback.append(node)
            node = node.next
        if node is not None:
            for node in fallback:
                node.decompose()
        placeholder.replace_with(segment)  # (a copy of the segment: the original goes)
        segment.decompose()
        moved += 1
    return moved
