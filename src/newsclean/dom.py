"""The words HTML input uses to tell the later stages about the markup around a line.

html.py writes them into `Line.hints`; features.py reads them, once, into the typed fields of
`DomFacts`. No other stage sees these strings: a new DOM signal is a name here, a place in the
walk that sets it, and a field that reads it.
"""
from __future__ import annotations

# Enclosing tags passed on as hints (the hint is the tag's name).
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TAG_HINTS = frozenset({
    *HEADINGS, "p", "figure", "figcaption", "article", "main", "aside", "nav", "header", "footer",
    "li", "a", "blockquote", "time", "address", "form", "button", "table",
})

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
CLASS_HINTS = frozenset(HINT_WORDS.values())

# A line inside the Nth top-level <article> of the page also gets "article-N" (N from 1), for
# pages that append further articles as the reader scrolls.
STORY_PREFIX = "article-"


def story_hint(n: int) -> str:
    return f"{STORY_PREFIX}{n}"


def story_of(hints: frozenset[str]) -> int:
    """The N of the "article-N" hint among `hints` (0: none)."""
    for h in hints:
        if h.startswith(STORY_PREFIX):
            return int(h[len(STORY_PREFIX):])
    return 0
