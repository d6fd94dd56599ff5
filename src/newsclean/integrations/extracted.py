"""What an extractor step stores for a page: its clean text and light metadata whose offsets
index that text, for the whole page or for each article. No engine is needed here: the
datatrove extractor (newsclean.integrations.datatrove) computes this in its child process and
sends it back, so only what is stored crosses the pipe.

Light metadata of one output document:

    {"headline": "Storm reaches the coast",   # the first headline, or None
     "articles": 2,                             # articles on the page
     "kinds": ["headline", "body", ...],        # the kind of each block of the text,
     "spans": [[0, 23], [25, 310], ...]}        # and its [start, end]: text[start:end]

and, in split mode, `"article": i` (its position on the page). `full_metadata` adds
`"page": Document.to_dict()` (spans into the page's text, not the stored one).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

from newsclean.batch import Failure, segment_safely
from newsclean.batch.safe import check_options
from newsclean.model import Article, Document, Kind, clean_text_with_spans
from newsclean.pipeline import MAX_CHARS

# What the text gets by default: each article's running text under its headline, as
# Document.clean_text() gives it. ("body",) is the body paragraphs only; add "caption" for
# captions, "byline", "teaser" for the rest.
DEFAULT_KEEP = ("headline", "standfirst", "subheading", "body")


class Unit(NamedTuple):
    """One output document of a page: its text, its metadata, and the suffix of its id
    ("" for a whole page, "#0", "#1", ... for the articles of a split page)."""

    suffix: str
    text: str
    metadata: dict[str, Any]


class Extracted(NamedTuple):
    """A page's result, small and picklable: its units, or its failure."""

    units: tuple[Unit, ...]
    articles: int
    blocks: int
    failure: Failure | None = None


@attrs.frozen(slots=True)
class Extraction:
    """How pages become stored documents: `keep` the block kinds of the text, `input` and
    `max_chars` as in `segment()`, `split_articles` one document per article, `full_metadata`
    the whole `Document.to_dict()` too (`with_dropped`, `with_text`: its dropped lines and the
    page text its spans index)."""

    keep: tuple[Kind, ...] = attrs.field(default=DEFAULT_KEEP,
                                         converter=lambda ks: tuple(Kind(k) for k in ks))
    input: str = "auto"
    max_chars: int = MAX_CHARS
    split_articles: bool = False
    full_metadata: bool = False
    with_dropped: bool = False
    with_text: bool = False

    def __attrs_post_init__(self) -> None:
        check_options(input=self.input, max_chars=self.max_chars)
        if (self.with_dropped or self.with_text) and not self.full_metadata:
            raise ValueError("with_dropped and with_text add to the full metadata: "
                             "pass full_metadata=True too")

    def page(self, page: str | bytes, lang: str | None = None) -> Extracted:
        """Segment one page into its units. Never raises: a page that cannot be segmented is
        an Extracted with its `failure` and no unit."""
        try:
            result = segment_safely(page, lang=lang, input=self.input, max_chars=self.max_chars)
            if isinstance(result, Failure):
                return Extracted((), 0, 0, result)
            return Extracted(tuple(self.units(result)), len(result.articles),
                             sum(len(a.blocks) for a in result.articles))
        except Exception as exc:  # noqa: BLE001 - a bug of ours is one failed page too
            return Extracted((), 0, 0, Failure.of(None, exc))

    def units(self, document: Document) -> list[Unit]:
        """The stored documents of a segmented page: one (possibly empty text) for the whole
        page, or one for each article when split."""
        if not self.split_articles:
            text, spans = clean_text_with_spans(document.articles, self.keep)
            meta = light_metadata(document.articles, spans)
            if self.full_metadata:
                meta["page"] = self.page_dict(document, document.articles, dropped=True)
            return [Unit("", text, meta)]
        out = []
        for i, article in enumerate(document.articles):
            text, spans = clean_text_with_spans((article,), self.keep)
            meta = {"article": i, **light_metadata((article,), spans)}
            meta["articles"] = len(document.articles)
            if self.full_metadata:  # the page's dropped lines and text: with its first article
                meta["page"] = self.page_dict(document, (article,), dropped=i == 0)
            out.append(Unit(f"#{i}", text, meta))
        return out

    def page_dict(self, document: Document, articles: Iterable[Article], *,
                  dropped: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": [a.to_dict() for a in articles]}
        if self.with_dropped and dropped:
            out["dropped"] = [d.to_dict() for d in document.dropped]
        if self.with_text and dropped:
            out["text"] = document.text
        meta = document.meta.to_dict()
        if meta:  # (as Document.to_dict() writes it: last, when the page gave any)
            out["meta"] = meta
        return out


def light_metadata(articles: tuple[Article, ...], spans: list[tuple[str, int, int]]
                   ) -> dict[str, Any]:
    headline = next((a.headline for a in articles if a.headline), None)
    return {"headline": headline, "articles": len(articles),
            "kinds": [k for k, _, _ in spans], "spans": [[s, e] for _, s, e in spans]}
