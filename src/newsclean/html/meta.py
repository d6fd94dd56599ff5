"""What an HTML page says about itself (PageMeta): `<title>`, og:title, `<html lang>`, image alts
and the first JSON-LD article object, read with a few targeted queries apart from the walk."""
from __future__ import annotations

import json

import attrs
from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser

from newsclean.html.attributes import ATTR_CAP
from newsclean.html.meta_fields import Fields, json_ld_objects
from newsclean.html.whitespace import collapse
from newsclean.model import Meta

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
    to one is likely a caption). `document`: the page's metadata as Document.meta gives it
    (meta_fields.py), before what the text adds (meta_text.py); `titles`: every title the
    markup gives, (source, title), for meta_text.py to pick the one the page shows.
    """

    title: str | None = None
    headline: str | None = None
    article_body: str | None = None
    authors: tuple[str, ...] = ()
    image_captions: tuple[str, ...] = ()
    lang: str | None = None
    image_alts: tuple[str, ...] = ()
    # (not compared: a PageMeta is the labeller's evidence, and this is none of it)
    document: Meta = attrs.field(default=Meta(), eq=False)
    titles: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False)  # (source, title)


# One CSS selector engine for every page, as `node.css(query)` is `parser.selector.find(query,
# node)` with an engine made for each parser (making one costs as much as a query).
_CSS = LexborCSSSelector()


def page_meta(tree) -> PageMeta:
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
    document = Fields()
    # One pass over the tree for all (each pass costs about as much as the floor's text()).
    found = [] if root is None else _CSS.find(_PASS, root)
    for node in found:
        tag_id = node.tag_id
        if tag_id == _IMG_ID:
            alt = node.attrs.get("alt")  # (cheaper than .attributes: no dict of all of them)
            if alt:
                alts.append(alt)
        elif tag_id != _SCRIPT_ID:
            document.node(node)
        elif fields is None:
            source = node.text()
            article = _json_ld_article(source)
            if article is not None:
                fields = _article_fields(article)
                document.json_ld(article)
            elif "datePublished" in source and not document.dates_seen:
                document.json_ld_dates(_decode(source))  # a ClaimReview's, a WebPage's dates
    image_alts = tuple(dict.fromkeys(filter(None, map(_fold, alts))))  # folded, each once
    found_meta = document.meta(lang, title)
    return PageMeta(title=og_title or title, lang=lang, image_alts=image_alts,
                    document=found_meta, titles=document.title_candidates(), **(fields or {}))


# What the pass visits: images' alts and JSON-LD for the labeller's evidence, the rest for
# Document.meta (meta_fields.Fields.node).
_PASS = ('img[alt], script[type="application/ld+json"], meta[content], link[rel][href], '
         'time[datetime], a[rel], a[href*="/author/"], [itemprop="datePublished"], '
         '[itemprop="dateModified"], [itemprop="author"], h1')


_IMG_ID = LexborHTMLParser("").create_node("img").tag_id
_SCRIPT_ID = LexborHTMLParser("").create_node("script").tag_id


def _fold(text: str) -> str:
    return collapse(text[:ATTR_CAP])


_JSON = json.JSONDecoder(strict=False)  # strict=False: raw newlines inside strings


def _json_ld_article(source: str) -> dict | None:
    """The first article object in one JSON-LD script, or None (broken JSON holds none)."""
    if "\\u" not in source and not any(part in source for part in _ARTICLE_NAME_PARTS):
        return None  # no article @type in it (nor one with letters in \u escapes): not parsed
    for item in json_ld_objects(_decode(source)):
        kind = item.get("@type")
        for k in kind if isinstance(kind, list) else [kind]:
            # "NewsArticle", or "https://schema.org/NewsArticle"
            if isinstance(k, str) and k.rsplit("/", 1)[-1] in ARTICLE_TYPES:
                return item
    return None


def _decode(source: str):
    """One JSON-LD script's data, or None (broken JSON, or a byte order mark before it)."""
    source = source.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if source.startswith(prefix) and source.endswith(suffix):
            source = source[len(prefix):-len(suffix)].strip()
    if source.startswith("\ufeff"):  # what json.loads() refuses before decoding
        return None
    try:
        return _JSON.decode(source)  # json.loads(source, strict=False), without a new decoder
    except (ValueError, RecursionError):
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
    names: dict[str, None] = {}  # (a dict keeps the order and finds a repeat in constant time)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("name")
        text = _as_text(item)
        if text:
            names.setdefault(text)
    return list(names)


def _captions(value) -> list[str]:
    """Captions of a JSON-LD image: an ImageObject or a list of them (a URL has none)."""
    captions: dict[str, None] = {}  # each once, in order, linear in the list (issue 15)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            text = _as_text(item.get("caption")) or _as_text(item.get("description"))
            if text:
                captions.setdefault(text)
    return list(captions)
