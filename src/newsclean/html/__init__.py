"""Stage 1 (HTML input): the page's visible text as lines, with hints from the DOM.

`html_to_lines` parses the page with selectolax's Lexbor backend and walks the body in document
order, producing the lines a browser's `innerText` shows when no stylesheet applies: block
elements start and end lines, `<br>` breaks one, inline elements continue it, white space is
collapsed as a browser does (kept in `<pre>`), and the cells of a table row share a line,
separated by tabs. Script, style, template, noscript, svg, iframe, media and form fields show
nothing, nor do hidden elements (`hidden`, `aria-hidden="true"` but on a figcaption, inline
`display:none` or `visibility:hidden`, a closed `<dialog>`). Buttons and `<select>` options do
show, as in a browser: they are boilerplate for the labeller to drop, not for this stage to
guess.

The lines are the `Line` objects text input gives (lines.py), with `hints` (the enclosing tags
in dom.TAG_HINTS and the class/id/role/itemprop words in dom.HINT_WORDS) and `link_density`
filled in, so every later stage serves both inputs. The page text is the lines joined by "\\n";
each line's start/end are its offsets in it. `PageMeta` holds what the page says about itself.

One module per job: nesting.py (the tree guard, before parsing) with nesting_model.py (the
tree builder it models), meta.py (PageMeta), walk.py (the walk) with tags.py, attributes.py,
line_builder.py and whitespace.py (what it reads and makes), main_text.py (where the prose is), article_body.py (the JSON-LD articleBody of a page
that shows none of its text), streaming.py (streamed segments put in their placeholders).
"""
from __future__ import annotations

import attrs
from selectolax.lexbor import LexborHTMLParser

from newsclean.html import article_body, meta, nesting, streaming
from newsclean.html.article_body import with_article_body
from newsclean.html.main_text import main_text as _main_text
from newsclean.html.meta import ARTICLE_TYPES, PageMeta, page_meta
from newsclean.html.nesting import limit_nesting
from newsclean.html.walk import visible_lines
from newsclean.lines import Line

# Re-exported: tests/test_html.py checks _ARTICLE_NAME_PARTS beside ARTICLE_TYPES, and
# tests/test_patterns.py and docs/reliability.md know these as html._NESTING_TAG and
# html._limit_nesting.
_NESTING_TAG = nesting.NESTING_TAG
_ARTICLE_NAME_PARTS = meta._ARTICLE_NAME_PARTS
_limit_nesting = limit_nesting

__all__ = ["ARTICLE_TYPES", "PageMeta", "html_to_lines"]


def html_to_lines(html: str) -> tuple[str, list[Line], PageMeta, list[bool] | None]:
    """Parse `html` and return (page text, its lines, the page's metadata, the main text).

    The lines are what a browser's innerText shows, one `Line` per non-blank line, with DOM
    hints and link density; the page text is the lines joined by "\\n". The main text says,
    per line, whether it is inside the element that holds the page's prose (None: the page has
    no clear one). Any string is accepted: broken markup is repaired as a browser would, a page
    without a body (a frameset) gives no lines, and the tree the parser may build is bounded
    first (nesting.py: 512 levels, a budget of rebuilt formatting elements, 512 attributes a
    tag).
    """
    # The tree guard first (nesting.py): the page as the parser may build it, bounded.
    limited = limit_nesting(html)
    data = limited.encode("utf-8", "ignore")
    # scripting=True parses <noscript> as a browser that runs scripts does (its content is
    # one text node, and a <noscript> in <head> does not push the rest of <head> into <body>).
    tree = LexborHTMLParser(data, scripting=True)
    if streaming.has_streamed_segments(data):
        streaming.place_streamed_segments(tree)
    meta = page_meta(tree)
    body = tree.body
    if body is None or body.tag != "body":  # a <frameset> page shows no text
        return "", [], meta, None
    lines, owners, parent_of = visible_lines(body)
    text = "\n".join(line.text for line in lines)
    text, lines, main, from_json_ld = with_article_body(
        text, lines, _main_text(lines, owners, parent_of), meta.article_body)
    if from_json_ld:  # (Document.meta says where the text came from)
        meta = attrs.evolve(meta, document=attrs.evolve(
            meta.document, sources=(*meta.document.sources, article_body.SOURCE)))
    return text, lines, meta, main
