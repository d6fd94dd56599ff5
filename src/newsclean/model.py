"""The data model: plain, frozen attrs classes that serialise to the gold JSON shape and back.

`Document.to_dict()` gives exactly the shape of `shared/corpora/FORMAT.md`'s gold files, with
`start`/`end` (offsets into `Document.text`) in place of line numbers, plus `dropped`.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs


class Kind(str, enum.Enum):
    """What a block is. Values are the strings of FORMAT.md."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    SUBHEADING = "subheading"
    BODY = "body"
    CAPTION = "caption"
    BYLINE = "byline"
    DATELINE = "dateline"  # the article's date as the page prints it ("Published 6 Jan 2026")
    TEASER = "teaser"

    def __str__(self) -> str:  # so f"{kind}" prints "body", not "Kind.BODY"
        return self.value


class Reason(str, enum.Enum):
    """Why a line of the page became no block."""

    DUPLICATE = "duplicate"  # the same key was kept elsewhere (kept_at says where)
    BOILERPLATE = "boilerplate"  # page chrome: menus, footers, share bars, counters, UI words
    RELATED_HEADING = "related-heading"  # "Related articles", "مقالات ذات صلة": heads a teaser rail
    COMMENT = "comment"  # readers' comments under the article
    MERGED = "merged"  # a line folded into a neighbouring block (a caption's credit on its own line)

    def __str__(self) -> str:
        return self.value


def _as_kind(value: Kind | str) -> Kind:
    # (A Kind passes as it is: the enum's call costs as much as the rest of a Block's making.)
    return value if type(value) is Kind else Kind(value)


def _as_reason(value: Reason | str) -> Reason:
    return value if type(value) is Reason else Reason(value)


# Fields a block may carry beyond kind/text/span, in the order to_dict() writes them.
CAPTION_FIELDS = ("credit",)
TEASER_FIELDS = ("title", "section", "caption", "credit", "summary", "byline", "date",
                 "video_duration")


# What holds a structured block (Structure.container).
CONTAINERS = ("ul", "ol", "table", "blockquote")


@attrs.frozen(slots=True)
class Structure:
    """Where a block sits in the structure the page shows (HTML input only).

    `container`: "ul" or "ol" for an item of a list (bulleted, numbered), "table" for a row of
    a table, "blockquote" for a line of a block quote. `group` numbers the page's containers
    from 0 in page order: the blocks of one list, table or quote share it. `position` is the
    block's place in it, from 1: the item's number in its list, the row's in its table, the
    line's in its quote (the lines of one item share its position). `cells` are a row's cells
    (what its text holds, tab-separated); None for the other containers.
    """

    container: str = attrs.field(validator=attrs.validators.in_(CONTAINERS))
    group: int
    position: int
    cells: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(tuple))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"container": self.container, "group": self.group,
                               "position": self.position}
        if self.cells is not None:
            out["cells"] = list(self.cells)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Structure:
        return cls(d["container"], d["group"], d["position"], d.get("cells"))


@attrs.frozen(slots=True)
class Block:
    """One piece of an article. `Document.text[start:end]` is where it came from (its first copy).

    Captions may carry `credit`; teasers carry `title` (== text) and, where the page shows them,
    `section`, `caption`, `credit`, `summary`, `byline`, `date` (the card's date line, as printed),
    `video_duration`. Unused fields are None.
    Copies of the block elsewhere on the page are in `Document.dropped` with `kept_at == start`.
    `structure` (HTML input): the list, table or block quote the block is part of, or None.
    """

    kind: Kind = attrs.field(converter=_as_kind)
    text: str
    start: int
    end: int
    title: str | None = None
    section: str | None = None
    caption: str | None = None
    credit: str | None = None
    summary: str | None = None
    byline: str | None = None
    date: str | None = None
    video_duration: str | None = None
    structure: Structure | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        for name in TEASER_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        out["start"], out["end"] = self.start, self.end
        if self.structure is not None:
            out["structure"] = self.structure.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        fields = {name: d.get(name) for name in TEASER_FIELDS}
        text = d.get("text") if d.get("text") is not None else d.get("title", "")
        structure = Structure.from_dict(d["structure"]) if d.get("structure") else None
        return cls(kind=d["kind"], text=text, start=d.get("start", 0), end=d.get("end", 0),
                   structure=structure, **fields)


@attrs.frozen(slots=True)
class Dropped:
    """A line of the page that became no block, and why. For a duplicate, `kept_at` is the start
    offset of the copy that was kept (a block's start, or a line inside a block)."""

    text: str
    start: int
    end: int
    reason: Reason = attrs.field(converter=_as_reason)
    kept_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end,
                               "reason": self.reason.value}
        if self.kept_at is not None:
            out["kept_at"] = self.kept_at
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Dropped:
        return cls(d["text"], d["start"], d["end"], d["reason"], d.get("kept_at"))


@attrs.frozen(slots=True)
class Article:
    """One article of the page: its blocks in reading order."""

    blocks: tuple[Block, ...] = attrs.field(converter=tuple)

    @property
    def headline(self) -> str | None:
        return next((b.text for b in self.blocks if b.kind is Kind.HEADLINE), None)

    @property
    def body_text(self) -> str:
        """The article's running text: standfirst, subheadings and body paragraphs, one a line."""
        keep = (Kind.STANDFIRST, Kind.SUBHEADING, Kind.BODY)
        return "\n".join(b.text for b in self.blocks if b.kind in keep)

    def to_dict(self) -> dict[str, Any]:
        return {"blocks": [b.to_dict() for b in self.blocks]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(tuple(Block.from_dict(b) for b in d.get("blocks", ())))


# Meta's fields in the order to_dict() writes them; lists are written as lists.
META_FIELDS = ("title", "published", "modified", "authors", "url", "site_name", "language",
               "script", "description", "section", "tags")


def _pairs(value) -> tuple[tuple[str, str], ...]:
    """{field: source} or (field, source) pairs, as a tuple of pairs (Meta stays hashable)."""
    items = value.items() if isinstance(value, dict) else value
    return tuple((str(k), str(v)) for k, v in items)


@attrs.frozen(slots=True)
class Meta:
    """What the page says about the article: its metadata (docs/api.md, "Document.meta").

    `title`, `description`, `section`, `site_name`, `url` (the canonical URL), `language`
    (the declared language code), `script` (the script most of the text is in: "Latin",
    "Arabic"…): str or None. `published`, `modified`: ISO 8601 ("2026-01-06T13:55:00+01:00",
    with the zone when the page gives one; "2026-01-06" when it gives only a day), or the raw
    text of a date line that cannot be read without guessing. `authors`, `tags`: tuples, each
    name once. `sources`: (field, source) pairs, one per field set: "json-ld", "og" (Open Graph
    and article: properties), "meta" (`<meta name>`, `http-equiv`, itemprop), "html" (`<html
    lang>`, `<link>`, `<time>`, `rel=author`, `<title>`, `<h1>`) or "text" (what the page's
    text shows: headline, byline, dateline; the script).
    """

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    script: str | None = None
    description: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    sources: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    def source(self, field: str) -> str | None:
        """Where `field`'s value came from ("json-ld", "og", "meta", "html", "text"), or None."""
        return next((v for k, v in self.sources if k == field), None)

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, in META_FIELDS order, then "sources" ({field: source})."""
        out: dict[str, Any] = {}
        for name in META_FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = list(value) if isinstance(value, tuple) else value
        if self.sources:
            out["sources"] = dict(self.sources)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Meta:
        d = d or {}
        return cls(**{name: d[name] for name in META_FIELDS if d.get(name) is not None},
                   sources=d.get("sources") or ())


@attrs.frozen(slots=True)
class Document:
    """The result of segmenting one page.

    `text` is the page's text (for text input, the input string itself); every block's and every
    dropped line's `start`/`end` index into it. `meta`: what the page says about the article
    (title, dates, authors, URL, site, language…); an empty Meta when it says nothing.
    """

    text: str
    articles: tuple[Article, ...] = attrs.field(converter=tuple)
    dropped: tuple[Dropped, ...] = attrs.field(converter=tuple)
    meta: Meta = attrs.field(factory=Meta, kw_only=True)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block of every article, in page order."""
        return tuple(b for a in self.articles for b in a.blocks)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": [a.to_dict() for a in self.articles],
            "dropped": [d.to_dict() for d in self.dropped],
        }
        if with_text:
            out["text"] = self.text
        meta = self.meta.to_dict()
        if meta:  # (a Document that knows nothing about its page writes what it always wrote)
            out["meta"] = meta
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Document:
        return cls(
            text=text if text is not None else d.get("text", ""),
            articles=tuple(Article.from_dict(a) for a in d.get("articles", ())),
            dropped=tuple(Dropped.from_dict(x) for x in d.get("dropped", ())),
            meta=Meta.from_dict(d.get("meta")),
        )

    def clean_text(self, keep: tuple[Kind | str, ...] = (Kind.HEADLINE, Kind.STANDFIRST,
                                                          Kind.SUBHEADING, Kind.BODY)) -> str:
        """The text of the blocks of the kinds in `keep` (any iterable of kinds or their names),
        in page order: a blank line between blocks, two blank lines between articles; an article
        with none of those kinds adds nothing. By default each article's running text: headline,
        standfirst, subheadings and body paragraphs, no captions, bylines or teasers.

        The structure the page shows stays (HTML, `Block.structure`): the items of one list are
        lines of one paragraph, each item after "- " (or "3. " in a numbered list), and the rows
        of one table are lines of one paragraph, their cells tab-separated as on the page. A
        block quote's lines are paragraphs, as the rest of the text."""
        return clean_text_with_spans(self.articles, keep)[0]


BLOCK_SEP = "\n\n"  # between blocks of an article in the clean text
ARTICLE_SEP = "\n\n\n"  # between articles
ITEM_SEP = "\n"  # between the items of one list, or the rows of one table


def clean_text_with_spans(articles: Iterable[Article], keep: Iterable[Kind | str]
                          ) -> tuple[str, list[tuple[str, int, int]]]:
    """Document.clean_text(keep) of these articles, and (kind, start, end) of each block in it:
    text[start:end] is the block's text (a list item's "- " is before its start)."""
    kinds = frozenset(Kind(k) for k in keep)  # ValueError for a kind that does not exist
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    at = 0
    for article in articles:
        blocks = [b for b in article.blocks if b.kind in kinds]
        if not blocks:
            continue
        item = None  # ((container, group), position) of the last block's list item or row
        for j, block in enumerate(blocks):
            s = block.structure if block.kind is Kind.BODY else None
            here = (s.container, s.group) if s is not None and s.container != "blockquote" else None
            sep = ARTICLE_SEP if j == 0 else ITEM_SEP if here is not None and item is not None \
                and here == item[0] else BLOCK_SEP
            if parts:
                parts.append(sep)
                at += len(sep)
            marker = ""
            if here is not None and s.container != "table" and (here, s.position) != item:
                marker = "- " if s.container == "ul" else f"{s.position}. "  # (an item's 1st line)
            parts.append(marker + block.text)
            at += len(marker)
            spans.append((block.kind.value, at, at + len(block.text)))
            at += len(block.text)
            item = (here, s.position) if here is not None else None
    return "".join(parts), spans
