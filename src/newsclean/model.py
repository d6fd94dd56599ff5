"""The data model: plain, frozen attrs classes that serialise to the gold JSON shape and back.

`Document.to_dict()` gives exactly the shape of `shared/corpora/FORMAT.md`'s gold files, with
`start`/`end` (offsets into `Document.text`) in place of line numbers, plus `dropped`.
"""
from __future__ import annotations

import enum
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


# Fields a block may carry beyond kind/text/span, in the order to_dict() writes them.
CAPTION_FIELDS = ("credit",)
TEASER_FIELDS = ("title", "section", "caption", "credit", "summary", "byline", "video_duration")


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
    `section`, `caption`, `credit`, `summary`, `byline`, `video_duration`. Unused fields are None.
    Copies of the block elsewhere on the page are in `Document.dropped` with `kept_at == start`.
    `structure` (HTML input): the list, table or block quote the block is part of, or None.
    """

    kind: Kind = attrs.field(converter=Kind)
    text: str
    start: int
    end: int
    title: str | None = None
    section: str | None = None
    caption: str | None = None
    credit: str | None = None
    summary: str | None = None
    byline: str | None = None
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
    reason: Reason = attrs.field(converter=Reason)
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


@attrs.frozen(slots=True)
class Document:
    """The result of segmenting one page.

    `text` is the page's text (for text input, the input string itself); every block's and every
    dropped line's `start`/`end` index into it.
    """

    text: str
    articles: tuple[Article, ...] = attrs.field(converter=tuple)
    dropped: tuple[Dropped, ...] = attrs.field(converter=tuple)

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
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Document:
        return cls(
            text=text if text is not None else d.get("text", ""),
            articles=tuple(Article.from_dict(a) for a in d.get("articles", ())),
            dropped=tuple(Dropped.from_dict(x) for x in d.get("dropped", ())),
        )

    def clean_text(self, keep: tuple[Kind | str, ...] = (Kind.HEADLINE, Kind.STANDFIRST,
                                                          Kind.SUBHEADING, Kind.BODY)) -> str:
        """The text of the blocks of the kinds in `keep` (any iterable of kinds or their names),
        in page order: a blank line between blocks, two blank lines between articles; an article
        with none of those kinds adds nothing. By default each article's running text: headline,
        standfirst, subheadings and body paragraphs, no captions, bylines or teasers."""
        kinds = frozenset(Kind(k) for k in keep)  # ValueError for a kind that does not exist
        parts = []
        for article in self.articles:
            paragraphs = [b.text for b in article.blocks if b.kind in kinds]
            if paragraphs:
                parts.append("\n\n".join(paragraphs))
        return "\n\n\n".join(parts)
