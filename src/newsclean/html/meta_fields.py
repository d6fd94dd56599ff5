"""Document.meta from an HTML page's markup: its `<meta>` tags, `<link>`s, `<time>`s, `rel=author`
links, `<title>`, first `<h1>`, `<html lang>` and its JSON-LD article (read by meta.py).

`Fields` gathers candidates, per field and in page order, while meta.py's one pass over the
tree visits the nodes; `Fields.meta()` picks one value per field by source, in the order of
_ORDER (JSON-LD first: what the publisher's CMS writes for machines; then Open Graph and
article: properties; then `<meta name>`; then the markup itself). Every value is cut to
ATTR_CAP characters, every field keeps at most MAX_CANDIDATES values and a Meta at most
MAX_NAMES authors and tags: bounded work a node, whatever the page holds.
"""
from __future__ import annotations

import html
import re

from newsclean.html.attributes import ATTR_CAP
from newsclean.html.meta_dates import iso_date
from newsclean.html.whitespace import collapse
from newsclean.model import Meta

MAX_NAMES = 100  # authors and tags a Meta holds
MAX_CANDIDATES = 2 * MAX_NAMES  # values kept per field and source (room for repeats)
MAX_NAME_CHARS = 200  # a longer "name" is a sentence, not a name

# <meta property|name|itemprop> → (field, source). Names are casefolded.
_META = {
    "og:title": ("title", "og"), "twitter:title": ("title", "meta"),
    "article:published_time": ("published", "og"), "og:published_time": ("published", "og"),
    "article:published": ("published", "og"),
    "datepublished": ("published", "meta"), "date": ("published", "meta"),
    "pubdate": ("published", "meta"), "publishdate": ("published", "meta"),
    "publish-date": ("published", "meta"), "publish_date": ("published", "meta"),
    "dc.date": ("published", "meta"), "dc.date.issued": ("published", "meta"),
    "dcterms.date": ("published", "meta"), "dcterms.issued": ("published", "meta"),
    "dcterms.created": ("published", "meta"), "sailthru.date": ("published", "meta"),
    "parsely-pub-date": ("published", "meta"), "article.published": ("published", "meta"),
    "og:article:published_time": ("published", "og"),
    "article:modified_time": ("modified", "og"), "og:updated_time": ("modified", "og"),
    "article:modified": ("modified", "og"), "datemodified": ("modified", "meta"),
    "last-modified": ("modified", "meta"), "dcterms.modified": ("modified", "meta"),
    "article:author": ("authors", "og"), "author": ("authors", "meta"),
    "dc.creator": ("authors", "meta"), "dcterms.creator": ("authors", "meta"),
    "parsely-author": ("authors", "meta"), "sailthru.author": ("authors", "meta"),
    "og:url": ("url", "og"), "og:site_name": ("site_name", "og"),
    "application-name": ("site_name", "meta"),
    "content-language": ("language", "meta"), "language": ("language", "meta"),
    "dc.language": ("language", "meta"), "og:locale": ("language", "og"),
    "description": ("description", "meta"), "og:description": ("description", "og"),
    "article:section": ("section", "og"),
    "article:tag": ("tags", "og"), "keywords": ("tags", "meta"),
    "news_keywords": ("tags", "meta"),
}
# Per field, the sources in the order they win ("html:rel": a rel=author link, "html:link": an
# /author/ link, "json-ld:other": a JSON-LD object that is no article).
_TITLE_ORDER = ("og", "json-ld", "meta", "html:title", "html")
_ORDER = {
    "title": _TITLE_ORDER,
    "published": ("json-ld", "og", "meta", "json-ld:other", "html"),
    "modified": ("json-ld", "og", "meta", "json-ld:other", "html"),
    "authors": ("json-ld", "meta", "og", "html", "html:rel", "html:link"),
    "url": ("html", "og", "json-ld"),
    "site_name": ("og", "json-ld", "meta"),
    "language": ("html", "meta", "og", "json-ld"),
    "description": ("meta", "og", "json-ld"),
    "section": ("og", "json-ld"),
    "tags": ("og", "meta", "json-ld"),
}


# The most items (lists and objects) read from one JSON-LD script: a huge or hostile one is
# read this far and no further.
JSON_LD_MAX_ITEMS = 10_000


def json_ld_objects(data):
    """The objects (dicts) of a JSON-LD structure, breadth first over lists, @graph, mainEntity
    and every nested value, bounded by JSON_LD_MAX_ITEMS."""
    queue = [data]
    for item in queue:
        if len(queue) > JSON_LD_MAX_ITEMS:
            break
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(v for v in item.values() if isinstance(v, (list, dict)))


class Fields:
    """Candidates per (field, source), filled node by node (meta.py), read by meta()."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list[str]] = {}
        self.h1_seen = False
        self.dates_seen = False  # a JSON-LD object of any type with datePublished was read

    def add(self, field: str, source: str, value) -> None:
        if not isinstance(value, str):
            return
        value = collapse(value[:ATTR_CAP])
        if "&" in value:  # an entity escaped twice ("K&amp;uuml;hlt&amp;uuml;rme")
            value = html.unescape(value)
        if value:
            values = self.found.setdefault((field, source), [])
            if len(values) < MAX_CANDIDATES:
                values.append(value)

    def node(self, node) -> None:
        """One node of meta.py's pass: a <meta>, <link>, <time>, <a rel>, itemprop or <h1>."""
        tag = node.tag
        attrs = node.attributes
        if tag == "meta":
            content = attrs.get("content")
            for key in ("property", "name", "itemprop", "http-equiv"):
                name = attrs.get(key)
                hit = _META.get(name.strip().casefold()) if name else None
                if hit:
                    self.add(*hit, content)
        elif tag == "link":
            rel = (attrs.get("rel") or "").casefold().split()
            if "canonical" in rel:
                self.add("url", "html", attrs.get("href"))
        elif tag == "h1":
            if not self.h1_seen:
                self.h1_seen = True
                self.add("title", "html", node.text(deep=True, separator=" ")[:ATTR_CAP])
        elif tag == "a" and "author" in (attrs.get("rel") or "").casefold().split():
            if not self.found.get(("authors", "html:rel")):  # the first: others are teasers'
                self.add("authors", "html:rel", node.text(deep=True, separator=" ")[:ATTR_CAP])
        elif tag == "a":  # <a href=".../author/jane-doe/">Jane Doe</a>: the first one
            if "/author/" in (attrs.get("href") or "") and not self.found.get(("authors", "html:link")):
                self.add("authors", "html:link", node.text(deep=True, separator=" ")[:ATTR_CAP])
        elif (attrs.get("itemprop") or "").strip().casefold() == "author":
            if not self.found.get(("authors", "html")):
                self.add("authors", "html", node.text(deep=True, separator=" ")[:ATTR_CAP])
        else:  # <time datetime>, [itemprop=datePublished|dateModified]
            prop = (attrs.get("itemprop") or "").strip().casefold()
            value = attrs.get("datetime") or attrs.get("content")
            field = "modified" if prop == "datemodified" else "published"
            self.add(field, "html" if tag == "time" and not prop else "meta", value)

    def json_ld(self, article: dict) -> None:
        """The fields of the page's first JSON-LD article object (meta.py finds it)."""
        for field, key in (("title", "headline"), ("title", "name"),
                           ("published", "datePublished"), ("published", "dateCreated"),
                           ("modified", "dateModified"), ("description", "description"),
                           ("url", "url"), ("language", "inLanguage")):
            self.add(field, "json-ld", _first_text(article.get(key)))
        entity = article.get("mainEntityOfPage")
        if isinstance(entity, dict):
            entity = entity.get("@id") or entity.get("url")
        self.add("url", "json-ld", entity)
        for key in ("author", "creator"):
            for name in _names(article.get(key)):
                self.add("authors", "json-ld", name)
        publisher = article.get("publisher")
        for item in publisher[:MAX_CANDIDATES] if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict):
                self.add("site_name", "json-ld", _first_text(item.get("name")))
        for key, field in (("articleSection", "section"), ("keywords", "tags")):
            value = article.get(key)
            for item in value[:MAX_CANDIDATES] if isinstance(value, list) else [value]:
                self.add(field, "json-ld", item)

    def json_ld_dates(self, data) -> None:
        """datePublished and dateModified of the first object of any @type that has one (a
        ClaimReview, a WebPage…), for a page whose JSON-LD holds no article."""
        if self.dates_seen:
            return
        for item in json_ld_objects(data):
            if isinstance(item.get("datePublished"), str):
                self.dates_seen = True
                self.add("published", "json-ld:other", item["datePublished"])
                self.add("modified", "json-ld:other", _first_text(item.get("dateModified")))
                return

    def title_candidates(self) -> tuple[tuple[str, str], ...]:
        """(source, title) of every title the markup gives, in the order they win alone."""
        return tuple((source.split(":")[0], values[0]) for source in _TITLE_ORDER
                     if (values := self.found.get(("title", source))))

    def meta(self, lang: str | None, title: str | None) -> Meta:
        """One value per field (or every value, for authors and tags), and where it came from.
        `lang`: `<html lang>`; `title`: `<title>` (after og:title and JSON-LD headline)."""
        self.add("language", "html", lang)
        self.add("title", "html:title", title)
        values: dict[str, object] = {}
        sources: dict[str, str] = {}
        for field, order in _ORDER.items():
            for source in order:
                found = self.found.get((field, source))
                value = _pick(field, found) if found else None
                if value:
                    values[field] = value
                    sources[field] = source.split(":")[0]
                    break
        return Meta(**values, sources=sources)


def _pick(field: str, found: list[str]):
    if field in ("published", "modified"):
        for raw in found:  # the first that reads as a date
            value = iso_date(raw, human=False) or iso_date(raw)
            if value:
                return value
        return None
    if field == "authors":
        return _distinct(name for raw in found for name in split_names(raw)
                         if not _is_url(name))
    if field == "tags":
        return _distinct(tag.strip() for raw in found for tag in raw.split(","))
    if field == "language":
        return found[0].replace("_", "-")
    if field == "url":
        return next((u for u in found if _is_url(u)), None)
    return found[0]


# (No \s* or \s+ around them: findall over a long run of spaces stays linear; parts are stripped.)
_MARKS = re.compile(r"[;,&|]|\s[·•]\s")
_JOINERS = re.compile(r"\s(?:and|und|et|y|e|og|och|en|i|ve|и)\s")
_LEAD = re.compile(r"^(?:by|von|par|por|di|da|door|av|af|przez|autor(?:in)?|text|words|"
                   r"redaktion|reporter)\b\s*:?\s*", re.I)
_NOT_A_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|https?:|www\.|@")


def split_names(raw: str) -> list[str]:
    """"By Jane Doe, John Roe and Ann Poe" → three names; "Doe, Jane" stays one (a comma and
    no space-separated name on either side is a "Last, First" form). Lead words ("By",
    "Von:") and a bracketed suffix ("Jane Doe (jd)") are left out; URLs, slugs ("jane-doe")
    and sentences (more than five words) are no names."""
    raw = raw.strip()
    if "," in raw and raw.count(",") == 1 and " " not in raw.replace(", ", ",").strip():
        return [_LEAD.sub("", raw)]
    names = []
    for chunk in _MARKS.split(raw):
        parts = [_LEAD.sub("", part.strip()) for part in _JOINERS.split(chunk)]
        parts = [_unbracket(p).strip(" .:-") for p in parts]
        if any(len(part.split()) > 5 for part in parts):
            continue  # a sentence ("a professor of … and …"): none of its parts is a name
        names.extend(part for part in parts if part and not _NOT_A_NAME.search(part))
    return names


def _unbracket(name: str) -> str:
    """"Jane Doe (jd)" → "Jane Doe": a bracketed last word left out."""
    name = name.rstrip()
    if name.endswith((")", "]")):
        cut = name.rfind("(" if name.endswith(")") else "[")
        if cut > 0:
            return name[:cut].rstrip()
    return name


def _distinct(names) -> tuple[str, ...]:
    """Each name once (case aside: the first spelling kept), in order, at most MAX_NAMES."""
    out: dict[str, str] = {}
    for name in names:
        if name and len(name) <= MAX_NAME_CHARS:
            out.setdefault(name.casefold(), name)
            if len(out) >= MAX_NAMES:
                break
    return tuple(out.values())


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//", "www."))


def _first_text(value):
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _names(value) -> list[str]:
    """Names of a JSON-LD author or creator: strings, Persons, Organizations, or a list."""
    names = []
    for item in value[:MAX_NAMES * 2] if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = _first_text(item.get("name"))
        if isinstance(item, str) and item.strip():
            names.append(item)
    return names
