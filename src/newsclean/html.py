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
import re

import attrs
from selectolax.lexbor import LexborHTMLParser

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


def html_to_lines(html: str) -> tuple[str, list[Line], PageMeta]:
    """Parse `html` and return (page text, its lines, the page's metadata).

    The lines are what a browser's innerText shows, one `Line` per non-blank line, with DOM
    hints and link density; the page text is the lines joined by "\\n". Any string is
    accepted: broken markup is repaired as a browser would, a page without a body (a
    frameset) gives no lines, markup nested deeper than 512 levels is flattened.
    """
    # scripting=True parses <noscript> as a browser that runs scripts does (its content is
    # one text node, and a <noscript> in <head> does not push the rest of <head> into <body>).
    tree = LexborHTMLParser(_limit_nesting(html), scripting=True)
    meta = _page_meta(tree)
    body = tree.body
    if body is None or body.tag != "body":  # a <frameset> page shows no text
        return "", [], meta
    lines = _walk(body)
    return "\n".join(line.text for line in lines), lines, meta


# --- The walk ------------------------------------------------------------------------------------

# While walking, a set of hints is an int, one bit per hint (a union is one `|`); a line's
# bits become a frozenset when the line is made (_hint_set, cached). "article-N" is bit
# _ARTICLE_SHIFT + N - 1.
_HINT_NAMES = tuple(sorted(TAG_HINTS | set(HINT_WORDS.values())))
_HINT_BIT = {name: 1 << i for i, name in enumerate(_HINT_NAMES)}
_ARTICLE_SHIFT = len(_HINT_NAMES)
_ARTICLE_BIT = _HINT_BIT["article"]

# What an open element changes, undone when the walk leaves it.
_BLOCK, _LINK, _PRE, _HIDDEN = 1, 2, 4, 8
# Elements handled one by one (the `special` of _TAG_INFO).
_NONE, _BR, _VOID, _ANCHOR, _CELL, _ARTICLE, _DIALOG, _DETAILS = range(8)

_EMPTY: frozenset[str] = frozenset()
_CELL_MARK = "\x00"  # a cell boundary inside a line (the parser never leaves NUL in text)

# Per tag: (flags, hint bits, special). A tag not listed is an inline element without hints.
_INLINE = (0, 0, _NONE)
_TAG_INFO: dict = {tag: (_BLOCK, 0, _NONE) for tag in BLOCK_TAGS}
_TAG_INFO.update({tag: (_BLOCK | _PRE, 0, _NONE) for tag in PRE_TAGS})
for _tag in TAG_HINTS:
    _TAG_INFO[_tag] = (_TAG_INFO.get(_tag, _INLINE)[0], _HINT_BIT[_tag], _NONE)
_TAG_INFO.update({tag: (_HIDDEN, 0, _NONE) for tag in SKIP_TAGS})
_TAG_INFO.update({tag: (0, 0, _VOID) for tag in (
    "img", "meta", "link", "wbr", "base", "source", "track", "col", "area", "param")})
_TAG_INFO.update({
    # Comments, doctypes and processing instructions show nothing either.
    None: (_HIDDEN, 0, _NONE), "-comment": (_HIDDEN, 0, _NONE), "-doctype": (_HIDDEN, 0, _NONE),
    "br": (0, 0, _BR), "hr": (_BLOCK, 0, _VOID),
    "a": (0, _HINT_BIT["a"], _ANCHOR),
    "td": (0, 0, _CELL), "th": (0, 0, _CELL),
    "article": (_BLOCK, _ARTICLE_BIT, _ARTICLE),
    "dialog": (_BLOCK, 0, _DIALOG), "details": (_BLOCK, 0, _DETAILS),
})


def _tag_ids() -> dict:
    """_TAG_INFO keyed by Lexbor's tag id, for the tags whose id is fixed.

    `node.tag_id` is cheaper than `node.tag` (no string is made). Lexbor numbers the standard
    tags (and text, comment and doctype nodes) once for all; any other tag gets an id of its
    own per document, is not in this table, and is looked up by name instead.
    """
    ids = {}
    parser = LexborHTMLParser("<!doctype html><body><!---->", scripting=True)
    for name, info in _TAG_INFO.items():
        if name is not None and not name.startswith("-"):
            node = parser.create_node(name)
            if node.tag == name:
                ids[node.tag_id] = info
    for node in [parser.body.first_child]:
        if node is not None and node.tag == "-comment":
            ids[node.tag_id] = _TAG_INFO["-comment"]
    return ids


_TAG_BY_ID = _tag_ids()

_BLOCK_DISPLAYS = frozenset({"block", "flex", "grid", "table", "list-item", "table-row",
                             "flow-root", "table-caption"})
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)
_STYLE_DISPLAY = re.compile(r"display\s*:\s*([a-z-]+)", re.I)
_ATTR_CAP = 2000  # longest attribute value read: a 20 MB attribute costs no more than this
# The attributes that can hide an element, change its display or give hints besides class and
# id: rare, so one test for all of them spares most elements five.
_RARE_ATTRS = frozenset({"style", "hidden", "aria-hidden", "role", "itemprop"})


def _walk(body) -> list[Line]:
    """The lines of the body's visible text, in document order.

    Depth first, from node to first child or next sibling, with an explicit stack: entering an
    element pushes its next sibling, and when its children run out the walk pops back to it,
    undoing what the element changed (a block ends the line, a link ends…). The subtree of a
    skipped or hidden element is never entered, and an element whose only child is a text node
    (a link, a heading, a span…) is handled at once, without the stack.
    """
    out: list[Line] = []
    pos = 0  # where the next line starts in the page text
    frags: list[str] = []  # the current line's text; empty until it has visible text
    link_frags: list[str] = []  # the parts of it inside links
    line_hints = 0  # the current line's hints: those of every element its text is in
    line_pre = False  # the current line holds preformatted text: keep its line breaks
    ctx = 0  # the hints of the open elements
    stack: list[tuple] = []  # (next sibling, flags, ctx before) per open element
    links = pre = articles = 0
    # Module constants as locals: this loop runs once per node of every page.
    by_id, tag_info, inline = _TAG_BY_ID, _TAG_INFO, _INLINE
    cache_get, word_bits, plain = _WORD_CACHE.get, _word_bits, _RARE_ATTRS.isdisjoint
    BLOCK, LINK, PRE, HIDDEN, CELL_MARK = _BLOCK, _LINK, _PRE, _HIDDEN, _CELL_MARK
    flush = _flush

    node = body.first_child
    while True:
        if node is None:  # the children of the innermost open element have run out: leave it
            if not stack:
                break
            node, flags, ctx = stack.pop()  # node: the element's next sibling
            if flags:
                if flags & BLOCK and frags:
                    pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
                    line_hints = 0
                    line_pre = False
                if flags & LINK:
                    links -= 1
                if flags & PRE:
                    pre -= 1
            continue
        text = node.text_content
        if text is not None:  # a text node
            if frags or not text.isspace():  # white space before a line's text is no text
                frags.append(text)
                if links:
                    link_frags.append(text)
                if pre:
                    line_pre = True
                line_hints |= ctx
            node = node.next
            continue
        following = node.next
        flags, hints, special = by_id.get(node.tag_id) or tag_info.get(node.tag, inline)
        if flags & HIDDEN:
            node = following
            continue
        if special:
            if special == _BR:
                if frags:
                    pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
                    line_hints = 0
                    line_pre = False
                node = following
                continue
            if special == _VOID:  # img, hr, meta…: no content, at most a line break
                if flags & BLOCK and frags:
                    pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
                    line_hints = 0
                    line_pre = False
                node = following
                continue
        node_attrs = node.attributes
        if node_attrs:
            if not plain(node_attrs):
                if "style" in node_attrs or "hidden" in node_attrs or "aria-hidden" in node_attrs:
                    flags = _visibility(node_attrs, flags)
                    if flags & HIDDEN:
                        node = following
                        continue
                if "role" in node_attrs or "itemprop" in node_attrs:
                    hints |= _role_bits(node_attrs)
            value = node_attrs.get("class")
            if value:
                bits = cache_get(value)
                hints |= word_bits(value) if bits is None else bits
            value = node_attrs.get("id")
            if value:
                bits = cache_get(value)
                hints |= word_bits(value) if bits is None else bits
        if special:
            if special == _ANCHOR:
                if "href" in node_attrs:  # a link (an <a> without href is an anchor)
                    flags |= LINK
            elif special == _CELL:  # cells after the first of a row: a tab
                if frags:
                    frags.append(CELL_MARK)
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
                        pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
                        line_pre = False
                    summary = _first_summary(node)
                    if summary is not None:  # its text as one line (what summaries hold)
                        frags.append(summary.text())
                        pos = flush(out, frags, link_frags, ctx | hints, False, pos)
                    line_hints = 0
                    node = following
                    continue
        if flags & BLOCK and frags:
            pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
            line_hints = 0
            line_pre = False
        child = node.first_child
        if child is None:  # an empty element: nothing to enter
            node = following
            continue
        text = child.text_content
        if text is not None and child.next is None:  # its only child is a text node
            if frags or not text.isspace():
                frags.append(text)
                if links or flags & LINK:
                    link_frags.append(text)
                if pre or flags & PRE:
                    line_pre = True
                line_hints |= ctx | hints
                if flags & BLOCK:
                    pos = flush(out, frags, link_frags, line_hints, line_pre, pos)
                    line_hints = 0
                    line_pre = False
            node = following
            continue
        if flags & LINK:
            links += 1
        if flags & PRE:
            pre += 1
        stack.append((following, flags, ctx))
        ctx |= hints
        node = child
    if frags:
        flush(out, frags, link_frags, line_hints, line_pre, pos)
    return out


def _flush(out: list, frags: list, link_frags: list, hints: int, line_pre: bool, pos: int) -> int:
    """End the current line: collapse its white space and add it to `out` if it is not blank.

    `frags` and `link_frags` are emptied; returns where the next line starts. Most lines need
    no more than a check that their white space is already collapsed, and a line whose text
    is all inside links has a link density of 1 without measuring it.
    """
    raw = "".join(frags)
    if line_pre or _CELL_MARK in raw or not raw:
        frags.clear()
        return _flush_rare(out, raw, link_frags, hints, line_pre, pos)
    if (raw[0].isspace() or raw[-1].isspace() or "  " in raw or "\n" in raw or "\t" in raw
            or "\r" in raw or "\f" in raw or (raw.isascii() and (
                # white space str.split() splits at but _collapse keeps
                "\x0b" in raw or "\x1c" in raw or "\x1d" in raw or "\x1e" in raw
                or "\x1f" in raw))):
        text = _collapse(raw)
        if not text:
            frags.clear()
            link_frags.clear()
            return pos
    else:  # nothing to collapse or strip
        text = raw
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
    out.append(Line(text, pos, end, hint_set, density))
    return end + 1


def _flush_rare(out: list, raw: str, link_frags: list, hints: int, line_pre: bool, pos: int) -> int:
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
        out.append(Line(text, pos, end, _hint_set(hints), density))
        pos = end + 1
    link_frags.clear()
    return pos


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
            names.append(_HINT_NAMES[i] if i < _ARTICLE_SHIFT else f"article-{i - _ARTICLE_SHIFT + 1}")
        hints = frozenset(names)
        if len(_HINT_SETS) > 100_000:  # bound the memory a long batch run can use
            _HINT_SETS.clear()
            _HINT_SETS[0] = _EMPTY
        _HINT_SETS[bits] = hints
    return hints


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
        if len(_WORD_CACHE) > 100_000:  # bound the memory a long batch run can use
            _WORD_CACHE.clear()
        _WORD_CACHE[value] = bits
    return bits


_COLLAPSE = re.compile(r"[ \t\n\r\f]+")  # the white space CSS collapses
# White space str.split() splits at but CSS keeps (NBSP, thin space…).
_OTHER_SPACE = re.compile(
    "[\x0b\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _collapse(text: str) -> str:
    """`text` with each run of the white space CSS collapses (space, tab, CR, LF, FF) made one
    space, and stripped.

    str.split() is several times faster than a regex but also splits at NBSP and the other
    Unicode spaces, which a browser keeps: it is used only when there are none.
    """
    if text.isascii() or not _OTHER_SPACE.search(text):
        return " ".join(text.split())
    return _COLLAPSE.sub(" ", text).strip()


def _pre_lines(text: str) -> list[str]:
    """The lines of preformatted text, each stripped (a Line's text has no outer spaces)."""
    return [line.strip() for line in text.split("\n")]


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
    r"[a-zA-Z][^>]*?(/?)>",
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
    steps = map(_NESTING_STEP.__getitem__, _NESTING_TAG.findall(html))
    depths = list(itertools.accumulate(steps))
    if not depths or max(depths) - min(0, min(depths)) <= _NESTING_LIMIT:
        return html
    depth = 0

    def keep_shallow(m: re.Match) -> str:
        nonlocal depth
        if m.group(2):  # <x/> opens nothing
            return m.group(0)
        if m.group(1):  # an end tag: kept if its start tag was
            kept = depth <= _NESTING_LIMIT
            depth = max(0, depth - 1)
        else:
            depth += 1
            kept = depth <= _NESTING_LIMIT
        return m.group(0) if kept else ""

    return _NESTING_TAG.sub(keep_shallow, html)


# --- Page metadata -------------------------------------------------------------------------------

def _page_meta(tree) -> PageMeta:
    """Read PageMeta with a few targeted queries (each a pass in C), apart from the walk."""
    title = og_title = lang = None
    head = tree.head
    if head is not None:
        for node in head.css('title, meta[property="og:title"], meta[name="og:title"]'):
            if node.tag == "title":
                title = title or _fold(node.text()) or None
            else:
                og_title = og_title or _fold(node.attributes.get("content") or "") or None
    root = tree.root
    if root is not None and root.tag == "html":
        lang = _fold(root.attributes.get("lang") or "") or None
    alts: dict[str, None] = {}  # an ordered set
    fields = None
    # One pass over the tree for both (each pass costs about as much as the floor's text()).
    for node in tree.css('img[alt], script[type="application/ld+json"]'):
        if node.tag == "img":
            alt = node.attributes.get("alt")
            if alt:
                alt = _fold(alt)
                if alt:
                    alts[alt] = None
        elif fields is None:
            article = _json_ld_article(node.text())
            if article is not None:
                fields = _article_fields(article)
    return PageMeta(title=og_title or title, lang=lang, image_alts=tuple(alts), **(fields or {}))


def _fold(text: str) -> str:
    return _collapse(text[:_ATTR_CAP])


def _json_ld_article(source: str) -> dict | None:
    """The first article object in one JSON-LD script, or None (broken JSON holds none)."""
    source = source.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if source.startswith(prefix) and source.endswith(suffix):
            source = source[len(prefix):-len(suffix)].strip()
    try:
        data = json.loads(source, strict=False)  # strict=False: raw newlines inside strings
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
