"""Stage 1 (HTML input): the page's visible text as lines, with hints from the DOM.

`html_to_lines` parses the page with selectolax's Lexbor backend and walks the body in document
order, producing the lines a browser's `innerText` shows when no stylesheet applies: block
elements start and end lines, `<br>` breaks one, inline elements continue it, white space is
collapsed as a browser does (kept in `<pre>`), and the cells of a table row share a line,
separated by tabs. Script, style, template, noscript, svg, iframe, media and form fields show
nothing, nor do hidden elements (`hidden`, `aria-hidden="true"`, inline `display:none` or
`visibility:hidden`, a closed `<dialog>`). Buttons and `<select>` options do show, as in a
browser: they are boilerplate for the labeller to drop, not for this stage to guess.

The lines are the `Line` objects text input gives (lines.py), with `hints` (the enclosing tags
in TAG_HINTS and the class/id/role/itemprop words in HINT_WORDS) and `link_density` filled in,
so every later stage serves both inputs. The page text is the lines joined by "\\n"; each
line's start/end are its offsets in it. `PageMeta` holds what the page says about itself.

The walk is one loop over the tree with an explicit stack (no recursion: any depth is fine)
and does as little as it can per node, since it runs once per node of every page.
"""
from __future__ import annotations

import itertools
import json
import operator
import re
import types

import attrs
from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser

from newsclean.lines import Line

# Class/id/role/itemprop words and the hint each gives. Values are split into words at - _ :
# spaces, digits and camelCase boundaries and matched as whole words (a plural "s" is allowed),
# so "related-posts" and "relatedPosts" give "related" but "shadow" never gives "promo".
HINT_WORDS = {
    "related": "related", "teaser": "related", "more": "related", "recommend": "related",
    "recommended": "related", "recommendation": "related", "readmore": "related",
    "caption": "caption", "photo": "caption", "credit": "credit",
    "byline": "byline", "author": "byline",
    "share": "share", "sharing": "share", "social": "share",
    "comment": "comment",
    "promo": "promo", "newsletter": "promo", "subscribe": "promo", "subscription": "promo",
    "ad": "promo", "advert": "promo", "advertisement": "promo", "sponsor": "promo",
    "sponsored": "promo",
    "nav": "nav", "navigation": "nav", "menu": "nav", "breadcrumb": "nav",
    "footer": "footer", "contentinfo": "footer",
    "headline": "title-class", "title": "title-class",
}

# Enclosing tags passed on as hints (the hint is the tag's name). A line inside the Nth
# top-level <article> of the page also gets "article-N" (N from 1), for pages that append
# further articles as the reader scrolls.
TAG_HINTS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "figure", "figcaption", "article", "main", "aside",
    "nav", "header", "footer", "li", "a", "blockquote", "time", "address", "form", "button",
    "table",
})

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
})

# Elements that keep their white space and line breaks.
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})

# JSON-LD @types whose headline, articleBody, author and image PageMeta reads.
ARTICLE_TYPES = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
    "Report",
})


# Every name in ARTICLE_TYPES holds one of these (tests/test_html.py checks it).
_ARTICLE_NAME_PARTS = ("Article", "BlogPosting", "Report")


@attrs.frozen(slots=True)
class PageMeta:
    """What an HTML page says about itself, as evidence for the labeller.

    `title`: og:title, else `<title>`. `headline`, `article_body`, `authors`, `image_captions`:
    from the first JSON-LD article object (NewsArticle, Article, BlogPosting…; lists, `@graph`
    and nested objects are searched; broken JSON-LD is skipped). `lang`: `<html lang>`.
    `image_alts`: the alt texts of the page's images, in page order, each once (a line equal
    to one is likely a caption).
    """

    title: str | None = None
    headline: str | None = None
    article_body: str | None = None
    authors: tuple[str, ...] = ()
    image_captions: tuple[str, ...] = ()
    lang: str | None = None
    image_alts: tuple[str, ...] = ()


def html_to_lines(html: str) -> tuple[str, list[Line], PageMeta, list[bool] | None]:
    """Parse `html` and return (page text, its lines, the page's metadata, the main text).

    The lines are what a browser's innerText shows, one `Line` per non-blank line, with DOM
    hints and link density; the page text is the lines joined by "\\n". The main text says,
    per line, whether it is inside the element that holds the page's prose (None: the page has
    no clear one). Any string is
    accepted: broken markup is repaired as a browser would, a page without a body (a
    frameset) gives no lines, markup nested deeper than 512 levels is flattened.
    """
    # scripting=True parses <noscript> as a browser that runs scripts does (its content is
    # one text node, and a <noscript> in <head> does not push the rest of <head> into <body>).
    # The parser is given the UTF-8 it would make of `html` itself, so that the tags can be
    # counted in it (for _limit_nesting) faster than in the str.
    data = html.encode("utf-8", "ignore")
    if len(data) - len(data.replace(b"<", b"")) > _NESTING_GATE:  # (faster than .count)
        limited = _limit_nesting(html)
        if limited is not html:
            data = limited.encode("utf-8", "ignore")
    tree = LexborHTMLParser(data, scripting=True)
    meta = _page_meta(tree)
    body = tree.body
    if body is None or body.tag != "body":  # a <frameset> page shows no text
        return "", [], meta, None
    lines, main_text = _walk(body)
    return "\n".join(map(_LINE_TEXT, lines)), lines, meta, main_text


_LINE_TEXT = operator.attrgetter("text")


# --- The walk ------------------------------------------------------------------------------------

# While walking, a set of hints is an int, one bit per hint (a union is one `|`); a line's
# bits become a frozenset when the line is made (_hint_set, cached). "article-N" is bit
# _ARTICLE_SHIFT + N - 1.
_HINT_NAMES = tuple(sorted(TAG_HINTS | set(HINT_WORDS.values()) | {"screen-reader"}))
_HINT_BIT = {name: 1 << i for i, name in enumerate(_HINT_NAMES)}
_ARTICLE_SHIFT = len(_HINT_NAMES)
_ARTICLE_BIT = _HINT_BIT["article"]
_SCREEN_READER_BIT = _HINT_BIT["screen-reader"]  # never reaches a line: such elements are skipped

# What an element is or changes (the walk compares flags: keep this order).
_LINK, _PRE, _BLOCK = 1, 2, 4  # inside a link, preformatted text, a block (starts a line)
_HIDDEN = 8  # shows nothing: never entered
_VOID_TAG = 16  # has no content (<img>, <br>…): never entered
# Elements handled one by one (the `special` of _TAG_INFO).
_NONE = None  # (tested with `is`: cheaper than the truth of an int)
_BR, _VOID, _ANCHOR, _CELL, _ARTICLE, _DIALOG, _DETAILS = range(1, 8)

_EMPTY: frozenset[str] = frozenset()
_CELL_MARK = "\x00"  # a cell boundary inside a line (the parser never leaves NUL in text)
# What a line holds besides plain text, for _flush: cell boundaries, preformatted text.
_CELLS, _PRE_TEXT = 1, 2

# Per tag: (flags, hint bits, special). A tag not listed is an inline element without hints.
_INLINE = (0, 0, _NONE)
_TAG_INFO: dict = {tag: (_BLOCK, 0, _NONE) for tag in BLOCK_TAGS}
_TAG_INFO.update({tag: (_BLOCK | _PRE, 0, _NONE) for tag in PRE_TAGS})
for _tag in TAG_HINTS:
    _TAG_INFO[_tag] = (_TAG_INFO.get(_tag, _INLINE)[0], _HINT_BIT[_tag], _NONE)
_TAG_INFO.update({tag: (_HIDDEN, 0, _NONE) for tag in SKIP_TAGS})
_TAG_INFO.update({tag: (_VOID_TAG, 0, _VOID) for tag in (
    "img", "meta", "link", "wbr", "base", "source", "track", "col", "area", "param")})
_TAG_INFO.update({
    # Comments, doctypes and processing instructions show nothing either.
    None: (_HIDDEN, 0, _NONE), "-comment": (_HIDDEN, 0, _NONE), "-doctype": (_HIDDEN, 0, _NONE),
    "br": (_VOID_TAG, 0, _BR), "hr": (_BLOCK | _VOID_TAG, 0, _VOID),
    "a": (0, _HINT_BIT["a"], _ANCHOR),
    "td": (0, 0, _CELL), "th": (0, 0, _CELL),
    "article": (_BLOCK, _ARTICLE_BIT, _ARTICLE),
    "dialog": (_BLOCK, 0, _DIALOG), "details": (_BLOCK, 0, _DETAILS),
})


def _tag_ids() -> dict:
    """_TAG_INFO keyed by Lexbor's tag id, for the tags whose id is fixed.

    `node.tag_id` is cheaper than `node.tag` (no string is made). Lexbor numbers the tags it
    knows (and text and comment nodes) once for all, with small numbers; any other tag gets an
    id of its own in each document (a large one), is not in this table, and is looked up by
    name instead.
    """
    ids = {}
    parser = LexborHTMLParser("<body><!---->")
    for name, info in _TAG_INFO.items():
        if name is not None and not name.startswith("-"):
            node = parser.create_node(name)
            if node.tag == name and node.tag_id < _FIXED_TAG_IDS:
                ids[node.tag_id] = info
    comment = parser.body.first_child
    ids[comment.tag_id] = _TAG_INFO[comment.tag]
    return ids


_FIXED_TAG_IDS = 1 << 16  # (Lexbor has a few hundred)


_TAG_BY_ID = _tag_ids()

_BLOCK_DISPLAYS = frozenset({"block", "flex", "grid", "table", "list-item", "table-row",
                             "flow-root", "table-caption"})
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)
_STYLE_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)", re.I)
_ATTR_CAP = 2000  # longest attribute value read: a 20 MB attribute costs no more than this
# The attributes that can hide an element, change its display or give hints besides class:
# rare, so one test for all of them spares most elements six.
_RARE_ATTRS = frozenset({"id", "style", "hidden", "aria-hidden", "role", "itemprop"})


def _walk(body) -> tuple[list[Line], list[bool] | None]:
    """The lines of the body's visible text, in document order.

    Depth first, from node to first child or next sibling, with an explicit stack: entering an
    element pushes its next sibling and what it changes, and when its children run out the
    walk pops back to it (a block ends the line…). The subtree of a skipped or hidden element
    is never entered; an element whose only child is a text node (a link, a heading, a span…)
    is handled at once, without the stack, and a first child that is a text node is taken
    with its element (each read through selectolax costs about as much as a line of Python).

    Flags are tested by comparison where their order allows (`flags >= _BLOCK` is "a block"
    for any element still being walked, whose flags are below _HIDDEN): cheaper than `&`.
    """
    out: list[Line] = []
    pos = 0  # where the next line starts in the page text
    frags: list[str] = []  # the current line's text; empty until it has visible text
    link_frags: list[str] = []  # the parts of it inside links
    line_hints = 0  # the current line's hints: those of every element its text is in
    line_kind = 0  # what the current line holds besides plain text: _CELLS, _PRE_TEXT (bits)
    ctx = 0  # the hints of the open elements
    mode = 0  # _LINK, _PRE: inside a link, inside preformatted text
    stack: list[tuple] = []  # (next sibling, flags, ctx, mode, owner before) per open element
    # Elements are numbered in document order as they are entered (the body is 0), so an
    # element's descendants are the numbers after it up to the first whose parent is before it
    # (_main_text relies on it). `parent_of[n]` is element n's parent; `owners[i]` the element
    # whose text line i is (its own block, or the element holding loose text).
    parent_of = [-1]
    owners: list[int] = []
    cur = 0  # the innermost open element
    articles = 0
    # Module constants as locals: this loop runs once per node of every page.
    by_id, tag_info, inline = _TAG_BY_ID, _TAG_INFO, _INLINE
    cache_get, word_bits, plain = _WORD_CACHE.get, _word_bits, _RARE_ATTRS.isdisjoint
    BLOCK, LINK, PRE, HIDDEN, VOID_TAG = _BLOCK, _LINK, _PRE, _HIDDEN, _VOID_TAG
    LINK_PRE = _LINK | _PRE
    CELL_MARK, CELLS, PRE_TEXT = _CELL_MARK, _CELLS, _PRE_TEXT
    flush, make_line, collapse_runs = _flush, _make_line, _collapse_runs
    hint_sets_get = _HINT_SETS.get

    node = body.first_child
    while True:
        if node is None:  # the children of the innermost open element have run out: leave it
            if not stack:
                break
            popped = cur
            node, flags, ctx, mode, cur = stack.pop()  # node: the element's next sibling
            if flags >= BLOCK and frags:
                # flush(), inline but for cells and preformatted text: the end of a block
                # ends most lines
                if line_kind:
                    pos = flush(out, frags, link_frags, line_hints, line_kind, pos)
                    line_kind = 0
                    owners += [popped] * (len(out) - len(owners))
                else:
                    raw = "".join(frags)
                    text = raw.strip()
                    if not text.isprintable() or "  " in text:
                        text = collapse_runs(raw)
                    if text:
                        end = pos + len(text)
                        if link_frags:
                            density = 1.0 if len(link_frags) == len(frags) else min(
                                1.0, len(_collapse("".join(link_frags))) / len(text))
                            link_frags.clear()
                        else:
                            density = 0.0
                        hint_set = hint_sets_get(line_hints)
                        if hint_set is None:
                            hint_set = _hint_set(line_hints)
                        out.append(make_line(text, pos, end, hint_set, density))
                        owners.append(popped)
                        pos = end + 1
                    elif link_frags:
                        link_frags.clear()
                    frags.clear()
                line_hints = 0
            continue
        text = node.text_content
        if text is not None:  # a text node
            if frags or not text.isspace():  # white space before a line's text is no text
                frags.append(text)
                if mode:
                    if mode & LINK:
                        link_frags.append(text)
                    if mode & PRE:
                        line_kind |= PRE_TEXT
                line_hints |= ctx
            node = node.next
            continue
        following = node.next
        info = by_id.get(node.tag_id)
        if info is None:  # a tag with an id of its own (a custom element…), or no tag
            info = tag_info.get(node.tag, inline)
        flags, hints, special = info
        if flags >= HIDDEN:  # hidden, or nothing to enter
            if flags >= VOID_TAG and frags and (special == _BR or flags & BLOCK):
                # <br>: a line break; img, hr, meta…: no content, at most a line break
                pos = flush(out, frags, link_frags, line_hints, line_kind, pos)
                owners += [cur] * (len(out) - len(owners))
                line_hints = 0
                line_kind = 0
            node = following
            continue
        child = node.first_child
        if child is None and not frags and special != _ARTICLE:
            node = following  # an empty element, and no line for it to end: it changes nothing
            continue
        node_attrs = node.attributes
        if node_attrs:
            if not plain(node_attrs):  # any of id, style, hidden, aria-hidden, role, itemprop
                if "style" in node_attrs or "hidden" in node_attrs or "aria-hidden" in node_attrs:
                    flags = _visibility(node_attrs, flags)
                    if flags >= HIDDEN:
                        node = following
                        continue
                value = node_attrs.get("id")
                if value:
                    bits = cache_get(value)
                    hints |= (word_bits(value) if bits is None else bits) & ~_SCREEN_READER_BIT
                if "role" in node_attrs or "itemprop" in node_attrs:
                    hints |= _role_bits(node_attrs)
            if child is not None:  # (the hints of an empty element go nowhere)
                value = node_attrs.get("class")
                if value:
                    bits = cache_get(value)
                    hints |= word_bits(value) if bits is None else bits
                    if hints & _SCREEN_READER_BIT:  # text for screen readers only
                        node = following
                        continue
        if special is not None:
            if special == _ANCHOR:
                if "href" in node_attrs:  # a link (an <a> without href is an anchor)
                    flags |= LINK
            elif special == _CELL:  # cells after the first of a row: a tab
                if frags:
                    frags.append(CELL_MARK)
                    line_kind |= CELLS
            elif special == _ARTICLE:
                if not ctx & _ARTICLE_BIT:  # a top-level article: number it
                    articles += 1
                    hints |= 1 << (_ARTICLE_SHIFT + articles - 1)
            elif special == _DIALOG:
                if "open" not in node_attrs:  # a closed dialog is not shown
                    node = following
                    continue
            elif special == _DETAILS:
                if "open" not in node_attrs:  # a closed <details> shows its summary only
                    if frags:
                        pos = flush(out, frags, link_frags, line_hints, line_kind, pos)
                        line_kind = 0
                    summary = _first_summary(node)
                    if summary is not None:  # its text as one line (what summaries hold)
                        frags.append(summary.text())
                        pos = flush(out, frags, link_frags, ctx | hints, 0, pos)
                    owners += [cur] * (len(out) - len(owners))
                    line_hints = 0
                    node = following
                    continue
        if flags >= BLOCK and frags:
            pos = flush(out, frags, link_frags, line_hints, line_kind, pos)
            owners += [cur] * (len(out) - len(owners))
            line_hints = 0
            line_kind = 0
        if child is None:  # an empty element: nothing to enter
            node = following
            continue
        text = child.text_content
        if text is None:  # its first child is an element
            stack.append((following, flags, ctx, mode, cur))
            parent_of.append(cur)
            cur = len(parent_of) - 1
            if hints:
                ctx |= hints
            if flags & LINK_PRE:
                mode |= flags & LINK_PRE
            node = child
            continue
        node = child.next
        if node is None:  # its only child is a text node: no need to enter it
            if frags or not text.isspace():
                frags.append(text)
                inner = mode | flags
                if inner & LINK:
                    link_frags.append(text)
                if inner & PRE:
                    line_kind |= PRE_TEXT
                line_hints |= ctx | hints
                if flags >= BLOCK:
                    pos = flush(out, frags, link_frags, line_hints, line_kind, pos)
                    parent_of.append(cur)  # the line is this element's: number it
                    owners += [len(parent_of) - 1] * (len(out) - len(owners))
                    line_hints = 0
                    line_kind = 0
            node = following
            continue
        # Enter it, and take its first child (a text node) at once: the walk goes on after it.
        stack.append((following, flags, ctx, mode, cur))
        parent_of.append(cur)
        cur = len(parent_of) - 1
        if hints:
            ctx |= hints
        if flags & LINK_PRE:
            mode |= flags & LINK_PRE
        if frags or not text.isspace():  # (as for any text node, above)
            frags.append(text)
            if mode:
                if mode & LINK:
                    link_frags.append(text)
                if mode & PRE:
                    line_kind |= PRE_TEXT
            line_hints |= ctx
    if frags:
        flush(out, frags, link_frags, line_hints, line_kind, pos)
        owners += [cur] * (len(out) - len(owners))
    return out, _main_text(out, owners, parent_of)


def _flush(out: list, frags: list, link_frags: list, hints: int, kind: int, pos: int) -> int:
    """End the current line: collapse its white space and add it to `out` if it is not blank.

    `frags` and `link_frags` are emptied; returns where the next line starts. `kind`: the
    line's _CELLS and _PRE_TEXT bits. Most lines need no more than a check that their white
    space is collapsed already once stripped, and a line whose text is all inside links has a
    link density of 1 without measuring it.
    """
    raw = "".join(frags)
    if kind or not raw:
        frags.clear()
        return _flush_rare(out, raw, link_frags, hints, kind & _PRE_TEXT, pos)
    text = raw.strip()  # _collapse(raw), inline
    if not text.isprintable() or "  " in text:
        text = _collapse_runs(raw)
    if not text:
        frags.clear()
        link_frags.clear()
        return pos
    size = len(text)
    end = pos + size
    if link_frags:  # the share of the line's characters inside links
        if len(link_frags) == len(frags):  # all of them: link_frags is frags
            density = 1.0
        else:
            density = min(1.0, len(_collapse("".join(link_frags))) / size)
        link_frags.clear()
    else:
        density = 0.0
    frags.clear()
    hint_set = _HINT_SETS.get(hints)
    if hint_set is None:
        hint_set = _hint_set(hints)
    out.append(_make_line(text, pos, end, hint_set, density))
    return end + 1


def _flush_rare(out: list, raw: str, link_frags: list, hints: int, line_pre: int,
                pos: int) -> int:
    """_flush for a preformatted line, a table row (cells to join with tabs) or no text."""
    link_size = -1
    for text in _pre_lines(raw) if line_pre else (_collapse(raw),):
        if _CELL_MARK in text:
            text = "\t".join(c.strip() for c in text.split(_CELL_MARK) if c.strip())
        if not text:
            continue
        size = len(text)
        density = 0.0
        if link_frags:  # the share of the line's characters inside links
            if link_size < 0:
                link_size = len(_collapse("".join(link_frags)))
            density = min(1.0, link_size / size)
        end = pos + size
        out.append(_make_line(text, pos, end, _hint_set(hints), density))
        pos = end + 1
    link_frags.clear()
    return pos


# --- The main text --------------------------------------------------------------------------------

# Where a page's article text is, from the DOM alone (as Arc90's Readability finds it): each line
# of prose scores the element around it (fully), the one around that (half) and the next (a
# sixth), by its length and commas; the best-scoring element holds the article, with those of
# its siblings that score nearly as well (the text split in several boxes). Lines inside get the
# hint "content", the others "outside": evidence for the labeller, which still reads every line
# (a table, a list or a product box inside the article is text; a promo inside it is not).
MAIN_TEXT_MIN_CHARS = 25  # shorter lines say nothing about where the text is
MAIN_TEXT_MIN_SCORE = 10.0  # below this the page has no clear main text: no hint at all
MAIN_TEXT_SIBLING_SHARE = 0.2  # a sibling holding this share of the best score is text too
MAIN_TEXT_SIBLING_MIN = 3.0  # … and at least one paragraph's worth
MAIN_TEXT_ARTICLE_SHARE = 0.5  # another <article> with this share of the text's prose is text
_COMMAS = (",", "\u060c", "\uff0c", "\u3001")  # , ، ， 、
_LEVEL_SHARE = (1.0, 0.5, 1 / 6)
_WRAPPER_DEPTH = 6  # how far up a line is counted (wrappers deeper than this stay unseen)
# Prose in these is not the article's, however much of it there is (readers' comments above all).
_NOT_TEXT = frozenset({"comment", "nav", "footer", "aside"})


def _main_text(lines: list[Line], owners: list[int], parent_of: list[int]) -> list[bool] | None:
    """Per line, whether it is in the page's main text; None when the page has no clear one."""
    n = len(parent_of)
    # Lines per element (counted a few levels up): an element holding one line only is a
    # wrapper of that paragraph (<div><div><p>…), not the box that holds the text.
    lines_in = [0] * n
    for owner in owners:
        element = owner
        for _ in range(_WRAPPER_DEPTH):
            if element < 0:
                break
            lines_in[element] += 1
            element = parent_of[element]
    score: dict[int, float] = {}
    mass: dict[str | None, float] = {}  # prose points per top-level <article> ("article-N")
    for line, owner in zip(lines, owners):
        text = line.text
        density = line.link_density
        if len(text) < MAIN_TEXT_MIN_CHARS or density > 0.5 or "\t" in text \
                or not line.hints.isdisjoint(_NOT_TEXT):  # (a table row is data, not prose)
            continue
        commas = sum(map(text.count, _COMMAS))
        points = (1 + commas + min(3, len(text) // 100)) * (1 - density)
        article = _article_of(line.hints)
        mass[article] = mass.get(article, 0.0) + points
        element = parent_of[owner]
        while element > 0 and lines_in[element] == 1:
            element = parent_of[element]
        for share in _LEVEL_SHARE:
            if element < 0:
                break
            score[element] = score.get(element, 0.0) + points * share
            element = parent_of[element]
    best = max(score, key=lambda e: (score[e], -e), default=None)  # (ties: the first element)
    if best is None or score[best] < MAIN_TEXT_MIN_SCORE:
        return None
    parent = parent_of[best]
    floor = max(MAIN_TEXT_SIBLING_MIN, MAIN_TEXT_SIBLING_SHARE * score[best])
    roots = [best] + [e for e, points in score.items() if e != best and parent_of[e] == parent
                      and parent >= 0 and points >= floor]
    spans = []
    for root in roots:  # an element's descendants: the numbers after it, while inside it
        end = root + 1
        while end < n and parent_of[end] >= root:
            end += 1
        spans.append((root, end))
    if len(spans) == 1:
        start, end = spans[0]
        inside = [start <= owner < end for owner in owners]
    else:
        inside = [any(start <= owner < end for start, end in spans) for owner in owners]
    # Infinite scroll appends the next story as another <article>: one with as much prose as
    # the one that holds the text is main text too.
    holding = {_article_of(line.hints) for line, ins in zip(lines, inside) if ins}
    if len(holding) == 1 and None not in holding:
        article = holding.pop()
        floor = MAIN_TEXT_ARTICLE_SHARE * mass.get(article, 0.0)
        more = {a for a, m in mass.items() if a not in (None, article) and m >= floor}
        inside = [ins or _article_of(line.hints) in more for line, ins in zip(lines, inside)]
    return inside


def _article_of(hints: frozenset) -> str | None:
    """The "article-N" hint among `hints`, if any (cached per set)."""
    article = _ARTICLE_OF.get(hints, "")
    if article == "":
        if len(_ARTICLE_OF) > 100_000:  # bound the memory a long batch run can use
            _ARTICLE_OF.clear()
        article = _ARTICLE_OF[hints] = next((h for h in hints if h.startswith("article-")), None)
    return article


_ARTICLE_OF: dict[frozenset, str | None] = {}


_HINT_SETS: dict[int, frozenset] = {0: _EMPTY}


def _hint_set(bits: int) -> frozenset:
    """The hints whose bits are set in `bits`, as a frozenset (cached)."""
    hints = _HINT_SETS.get(bits)
    if hints is None:
        names = []
        rest = bits
        while rest:
            low = rest & -rest
            rest ^= low
            i = low.bit_length() - 1
            name = _HINT_NAMES[i] if i < _ARTICLE_SHIFT else f"article-{i - _ARTICLE_SHIFT + 1}"
            names.append(name)
        hints = frozenset(names)
        if len(_HINT_SETS) > 100_000:  # bound the memory a long batch run can use
            _HINT_SETS.clear()
            _HINT_SETS[0] = _EMPTY
        _HINT_SETS[bits] = hints
    return hints


def _line_maker():
    """A function that makes `Line(text, start, end, hints, link_density)` in half the time.

    Line is a frozen attrs class: its __init__ sets each field through object.__setattr__. A
    page has thousands of lines, so they are made by setting the slots directly, as long as
    Line is still what this expects (these five fields, nothing run on init); else by Line.
    """
    names = ("text", "start", "end", "hints", "link_density")
    fields = attrs.fields(Line)
    if (tuple(field.name for field in fields) != names
            or any(field.validator or field.converter for field in fields)
            or any(hasattr(Line, name) for name in ("__attrs_pre_init__", "__attrs_post_init__"))
            or not all(isinstance(Line.__dict__.get(name), types.MemberDescriptorType)
                       for name in names)):
        return Line
    new = Line.__new__
    set_text, set_start, set_end, set_hints, set_density = (
        Line.__dict__[name].__set__ for name in names)

    def make_line(text, start, end, hints, link_density):
        line = new(Line)
        set_text(line, text)
        set_start(line, start)
        set_end(line, end)
        set_hints(line, hints)
        set_density(line, link_density)
        return line

    return make_line


_make_line = _line_maker()


def _first_summary(details):
    child = details.first_child
    while child is not None and child.tag != "summary":
        child = child.next
    return child


def _visibility(node_attrs: dict, flags: int) -> int:
    """An element's flags after its `hidden`, `aria-hidden` and inline `style` attributes."""
    if "hidden" in node_attrs or (node_attrs.get("aria-hidden") or "").strip().lower() == "true":
        return _HIDDEN
    style = node_attrs.get("style")
    if style:
        style = style[:_ATTR_CAP]
        if _STYLE_HIDDEN.search(style):
            return _HIDDEN
        m = _STYLE_DISPLAY.search(style)
        if m:
            display = m.group(1).lower()
            if display.startswith("inline") or display == "contents":
                flags &= ~_BLOCK
            elif display in _BLOCK_DISPLAYS:
                flags |= _BLOCK
    return flags


def _role_bits(node_attrs: dict) -> int:
    bits = 0
    for name in ("role", "itemprop"):
        value = node_attrs.get(name)
        if value:
            bits |= _word_bits(value)
    return bits


_WORD_CACHE: dict[str, int] = {}
_VOCABULARY = frozenset(list(HINT_WORDS) + [word + "s" for word in HINT_WORDS])  # plurals too
# The bits of the hint each word of the vocabulary gives.
_WORD_BIT = {word: _HINT_BIT[HINT_WORDS.get(word) or HINT_WORDS[word[:-1]]] for word in _VOCABULARY}
_NOT_LOWER = re.compile(r"[^a-z]+")
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _word_bits(value: str) -> int:
    """The bits of the canonical hints the words of one class/id/role/itemprop value give
    (cached)."""
    bits = _WORD_CACHE.get(value)
    if bits is None:
        head = value[:_ATTR_CAP]
        if head.islower():  # no camelCase: splitting at every non-letter is enough, and fast
            words = _NOT_LOWER.split(head)
        else:
            words = [word.lower() for word in _WORD.findall(head)]
        bits = 0
        for word in _VOCABULARY.intersection(words):
            bits |= _WORD_BIT[word]
        if not SCREEN_READER_CLASSES.isdisjoint(head.lower().split()):
            bits |= _SCREEN_READER_BIT
        if len(_WORD_CACHE) > 100_000:  # bound the memory a long batch run can use
            _WORD_CACHE.clear()
        _WORD_CACHE[value] = bits
    return bits


# The white space CSS collapses, and U+2028/U+2029: inside a paragraph they are no block
# boundary, and a line of Document.text must not hold a break the text model splits at.
_COLLAPSE = re.compile(r"[ \t\n\r\f\u2028\u2029]+")
# White space str.split() splits at but CSS keeps (NBSP, thin space…).
_OTHER_SPACE = re.compile(
    "[\x0b\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _collapse(text: str) -> str:
    """`text` with each run of the white space CSS collapses (space, tab, CR, LF, FF) made one
    space, and stripped.

    Most text has nothing to collapse once stripped: printable (no white space but " ", as
    any other space, tab or line break is not) and without two spaces in a row.
    """
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    return _collapse_runs(text)


def _collapse_runs(text: str) -> str:
    """_collapse, the long way.

    str.split() is several times faster than a regex but also splits at NBSP and the other
    Unicode spaces, which a browser keeps: it is used only when there are none.
    """
    if text.isascii() or not _OTHER_SPACE.search(text):
        return " ".join(text.split())
    return _COLLAPSE.sub(" ", text).strip()


def _pre_lines(text: str) -> list[str]:
    """The lines of preformatted text, each stripped (a Line's text has no outer spaces)."""
    return [line.strip() for line in _LINE_SEPARATORS.sub("\n", text).split("\n")]


_LINE_SEPARATORS = re.compile("[\r\u2028\u2029]")


# --- Nesting depth -------------------------------------------------------------------------------

# Lexbor, like the HTML standard's tree builder, scans the stack of open elements at many start
# and end tags, so parsing N nested elements costs O(N²): 100 000 nested <div>s take about a
# minute. Browsers cap the tree's depth (Chromium at 512); so does html_to_lines, before
# parsing, on the rare page that has enough tags to be that deep.
_NESTING_LIMIT = 512
_NESTING_GATE = 5000  # a page with fewer "<" than this cannot nest deep enough to matter
# A tag that opens or closes a level: not a void element, nor one that is closed implicitly
# (p, li, td…: counting those would make every page with unclosed <p>s look deep).
_NESTING_TAG = re.compile(
    r"<(/?)(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dd"
    r"|dt|option|optgroup|tr|td|th|thead|tbody|tfoot|colgroup|caption|rb|rp|rt|rtc)[\s/>])"
    # [^<>]: a tag never runs past the next "<" (with [^>], every unclosed "<a" rescanned to
    # the end of the page: quadratic). The name is captured so a removed block still breaks.
    r"([a-zA-Z][^\s/<>]*)(?=[\s/>])[^<>]*?(/?)>",
    re.I,
)
_NESTING_STEP = {("", ""): 1, ("/", ""): -1, ("", "/"): 0, ("/", "/"): -1}


def _limit_nesting(html: str) -> str:
    """`html` without the tags nested deeper than _NESTING_LIMIT (their text is kept).

    The depth is estimated from the tags alone, in C-speed passes: the running sum of opening
    (+1) and closing (-1) tags. Its range (max - min) bounds the depth even with stray end
    tags, and only a page whose range exceeds the limit is rewritten.
    """
    if html.count("<") <= _NESTING_GATE:
        return html
    steps = (_NESTING_STEP[close, self_closing]
             for close, _name, self_closing in _NESTING_TAG.findall(html))
    depths = list(itertools.accumulate(steps))
    if not depths or max(depths) - min(0, min(depths)) <= _NESTING_LIMIT:
        return html
    depth = 0

    def keep_shallow(m: re.Match) -> str:
        nonlocal depth
        if m.group(3):  # <x/> opens nothing
            return m.group(0)
        if m.group(1):  # an end tag: kept if its start tag was
            kept = depth <= _NESTING_LIMIT
            depth = max(0, depth - 1)
        else:
            depth += 1
            kept = depth <= _NESTING_LIMIT
        if kept:
            return m.group(0)
        # A removed block element still ends a line, as it would have in the tree.
        return "<br>" if m.group(2).lower() in BLOCK_TAGS else ""

    return _NESTING_TAG.sub(keep_shallow, html)


# --- Page metadata -------------------------------------------------------------------------------

# One CSS selector engine for every page, as `node.css(query)` is `parser.selector.find(query,
# node)` with an engine made for each parser (making one costs as much as a query).
_CSS = LexborCSSSelector()


def _page_meta(tree) -> PageMeta:
    """Read PageMeta with a few targeted queries (each a pass in C), apart from the walk."""
    title = og_title = lang = None
    head = tree.head
    if head is not None:
        for node in _CSS.find('title, meta[property="og:title"], meta[name="og:title"]', head):
            if node.tag == "title":
                title = title or _fold(node.text()) or None
            else:
                og_title = og_title or _fold(node.attributes.get("content") or "") or None
    root = tree.root  # (where tree.css() starts)
    if root is not None and root.tag == "html":
        lang = _fold(root.attributes.get("lang") or "") or None
    alts = []
    fields = None
    # One pass over the tree for both (each pass costs about as much as the floor's text()).
    found = [] if root is None else _CSS.find('img[alt], script[type="application/ld+json"]', root)
    for node in found:
        if node.tag_id == _IMG_ID:
            alt = node.attrs.get("alt")  # (cheaper than .attributes: no dict of all of them)
            if alt:
                alts.append(alt)
        elif fields is None:
            article = _json_ld_article(node.text())
            if article is not None:
                fields = _article_fields(article)
    image_alts = tuple(dict.fromkeys(filter(None, map(_fold, alts))))  # folded, each once
    return PageMeta(title=og_title or title, lang=lang, image_alts=image_alts, **(fields or {}))


_IMG_ID = LexborHTMLParser("").create_node("img").tag_id


def _fold(text: str) -> str:
    return _collapse(text[:_ATTR_CAP])


_JSON = json.JSONDecoder(strict=False)  # strict=False: raw newlines inside strings


def _json_ld_article(source: str) -> dict | None:
    """The first article object in one JSON-LD script, or None (broken JSON holds none)."""
    if "\\u" not in source and not any(part in source for part in _ARTICLE_NAME_PARTS):
        return None  # no article @type in it (nor one with letters in \u escapes): not parsed
    source = source.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if source.startswith(prefix) and source.endswith(suffix):
            source = source[len(prefix):-len(suffix)].strip()
    if source.startswith("\ufeff"):  # what json.loads() refuses before decoding
        return None
    try:
        data = _JSON.decode(source)  # json.loads(source, strict=False), without a new decoder
    except (ValueError, RecursionError):
        return None
    # Breadth first over the whole structure (lists, @graph, mainEntity…), bounded in size.
    queue = [data]
    for item in queue:
        if len(queue) > 10_000:
            break
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            kind = item.get("@type")
            for k in kind if isinstance(kind, list) else [kind]:
                # "NewsArticle", or "https://schema.org/NewsArticle"
                if isinstance(k, str) and k.rsplit("/", 1)[-1] in ARTICLE_TYPES:
                    return item
            queue.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _article_fields(article: dict) -> dict:
    return {
        "headline": _as_text(article.get("headline")),
        "article_body": _as_text(article.get("articleBody")),
        "authors": tuple(_names(article.get("author"))),
        "image_captions": tuple(_captions(article.get("image"))),
    }


def _as_text(value) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):
        return value.strip() or None
    return None


def _names(value) -> list[str]:
    """Author names from a JSON-LD author: a string, a Person or Organization, or a list."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("name")
        text = _as_text(item)
        if text and text not in names:
            names.append(text)
    return names


def _captions(value) -> list[str]:
    """Captions of a JSON-LD image: an ImageObject or a list of them (a URL has none)."""
    captions: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            text = _as_text(item.get("caption")) or _as_text(item.get("description"))
            if text and text not in captions:
                captions.append(text)
    return captions
