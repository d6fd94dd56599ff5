"""The nesting guard: markup nested deeper than a browser nests it is flattened before parsing.

Lexbor, like the HTML standard's tree builder, scans the stack of open elements at many start
and end tags, so parsing N nested elements costs O(N²): 100 000 nested <div>s take about a
minute. Browsers cap the tree's depth (Chromium at 512); so does html_to_lines, before parsing,
on the rare page that has enough tags to be that deep.
"""
from __future__ import annotations

import itertools
import re

from newsclean.html.tags import BLOCK_TAGS

NESTING_LIMIT = 512
NESTING_GATE = 5000  # a page with fewer "<" than this cannot nest deep enough to matter
# A tag that opens or closes a level: not a void element, nor one that is closed implicitly
# (p, li, td…: counting those would make every page with unclosed <p>s look deep).
NESTING_TAG = re.compile(
    r"<(/?)(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dd"
    r"|dt|option|optgroup|tr|td|th|thead|tbody|tfoot|colgroup|caption|rb|rp|rt|rtc)[\s/>])"
    # [^<>]: a tag never runs past the next "<" (with [^>], every unclosed "<a" rescanned to
    # the end of the page: quadratic). The name is captured so a removed block still breaks.
    r"([a-zA-Z][^\s/<>]*)(?=[\s/>])[^<>]*?(/?)>",
    re.I,
)
NESTING_STEP = {("", ""): 1, ("/", ""): -1, ("", "/"): 0, ("/", "/"): -1}


def limit_nesting(html: str) -> str:
    """`html` without the tags nested deeper than NESTING_LIMIT (their text is kept).

    The depth is estimated from the tags alone, in C-speed passes: the running sum of opening
    (+1) and closing (-1) tags. Its range (max - min) bounds the depth even with stray end
    tags, and only a page whose range exceeds the limit is rewritten.
    """
    if html.count("<") <= NESTING_GATE:
        return html
    steps = (NESTING_STEP[close, self_closing]
             for close, _name, self_closing in NESTING_TAG.findall(html))
    depths = list(itertools.accumulate(steps))
    if not depths or max(depths) - min(0, min(depths)) <= NESTING_LIMIT:
        return html
    depth = 0

    def keep_shallow(m: re.Match) -> str:
        nonlocal depth
        if m.group(3):  # <x/> opens nothing
            return m.group(0)
        if m.group(1):  # an end tag: kept if its start tag was
            kept = depth <= NESTING_LIMIT
            depth = max(0, depth - 1)
        else:
            depth += 1
            kept = depth <= NESTING_LIMIT
        if kept:
            return m.group(0)
        # A removed block element still ends a line, as it would have in the tree.
        return "<br>" if m.group(2).lower() in BLOCK_TAGS else ""

    return NESTING_TAG.sub(keep_shallow, html)

