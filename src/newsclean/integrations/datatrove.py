"""A datatrove pipeline step that segments each document's page with newsclean.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanSegmenter

    LocalPipelineExecutor([
        JsonlReader("pages/", text_key="html"),   # doc.text: a page, text or HTML
        NewscleanSegmenter(),                     # doc.text: the article's clean text
        JsonlWriter("clean/"),                    # metadata["newsclean"]: the typed blocks
    ], tasks=4).run()

For each document, `doc.text` (the page) is segmented; `doc.metadata["newsclean"]` gets the typed
blocks (`Document.to_dict()`: articles of blocks with kind, text, fields, start/end) and
`doc.text` becomes the clean text of the kinds in `keep`: a block a paragraph (blank line between),
articles two blank lines apart. A page with no article is counted (`no_article`) and dropped,
as is a page that fails (`failed`, and `timeout` for a timeout), unless `keep_empty`.

Needs the `datatrove` extra: `pip install 'newsclean[datatrove]'`.
"""
from __future__ import annotations

from collections.abc import Iterable

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.logging import logger
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsclean.integrations.datatrove needs datatrove: "
                      "pip install 'newsclean[datatrove]'") from exc

from newsclean.batch import Failure, segment_safely
from newsclean.batch.safe import check_options
from newsclean.model import Document, Kind
from newsclean.pipeline import MAX_CHARS

# What doc.text gets by default: the article's running text under its headline, as
# Document.clean_text() gives it. ("body",) is the body paragraphs only; add "caption" for
# captions, "byline", "teaser" for the rest.
DEFAULT_KEEP = ("headline", "standfirst", "subheading", "body")


class NewscleanSegmenter(PipelineStep):
    """Segment `doc.text` (a scraped page, text or HTML); put the typed blocks in
    `doc.metadata[metadata_key]` and the clean text of the `keep` kinds in `doc.text`.

    Args:
        keep: the block kinds whose text goes into `doc.text`, e.g. ("body",) for body
            paragraphs only, or ("headline", "body", "caption"). Default: headline, standfirst,
            subheadings and body.
        input: "auto" (HTML when the page looks like markup), "text" or "html".
        lang: a language hint for every page ("ar", "en", ...); default none.
        lang_key: a metadata field holding each document's language (e.g. "language"), used
            before `lang` when the document has it.
        timeout: seconds per page; a slower page is counted (`timeout`) and dropped. POSIX, in
            the main thread of the task's process (where datatrove's executors run a step).
        keep_empty: keep documents with no clean text (no article, or a failure) instead of
            dropping them; a failure's type and message go to `metadata[metadata_key]`.
        with_dropped: also store the dropped lines (`dropped`) in the metadata.
        with_text: also store the text the spans index (`text`): for an HTML page, its lines.
        max_chars: a larger page is a failure (InputTooLarge), as in `segment()`.
        metadata_key: where in `doc.metadata` the blocks go.

    Stats: `total`, `forwarded`, `dropped`, `no_article` (pages with no article), `failed`
    and `timeout`; `articles` and `blocks` per document.
    """

    name = "📰 newsclean"
    type = "🛢 - EXTRAC"

    def __init__(self, keep: Iterable[Kind | str] = DEFAULT_KEEP, *, input: str = "auto",
                 lang: str | None = None, lang_key: str | None = None,
                 timeout: float | None = None, keep_empty: bool = False,
                 with_dropped: bool = False, with_text: bool = False,
                 max_chars: int = MAX_CHARS, metadata_key: str = "newsclean") -> None:
        super().__init__()
        self.keep = tuple(Kind(k) for k in keep)  # ValueError for a kind that does not exist
        check_options(input=input, timeout=timeout)  # at construction, not at the first page
        self.input = input
        self.lang = lang
        self.lang_key = lang_key
        self.timeout = timeout
        self.keep_empty = keep_empty
        self.with_dropped = with_dropped
        self.with_text = with_text
        self.max_chars = max_chars
        self.metadata_key = metadata_key
        self._warned = False

    def run(self, data: DocumentsPipeline, rank: int = 0,
            world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                lang = self.lang
                if self.lang_key and doc.metadata.get(self.lang_key):
                    lang = str(doc.metadata[self.lang_key])
                result = segment_safely(doc.text, id=doc.id, lang=lang, input=self.input,
                                        timeout=self.timeout, max_chars=self.max_chars)
                if isinstance(result, Failure):
                    self._failed(result)
                    text, meta = "", {"error": result.to_dict()}
                else:
                    text, meta = result.clean_text(self.keep), self._metadata(result)
                    if not result.articles:
                        self.stat_update("no_article")
                    self.stat_update("articles", value=len(result.articles))
                    self.stat_update("blocks", value=sum(len(a.blocks) for a in result.articles))
            if not text and not self.keep_empty:
                self.stat_update("dropped")
                continue
            doc.text = text
            doc.metadata[self.metadata_key] = meta
            self.stat_update("forwarded")
            self.update_doc_stats(doc)
            yield doc

    def _metadata(self, document: Document) -> dict:
        out = document.to_dict(with_text=self.with_text)
        if not self.with_dropped:
            del out["dropped"]
        return out

    def _failed(self, failure: Failure) -> None:
        self.stat_update("timeout" if failure.type == "Timeout" else "failed")
        if not self._warned:
            logger.warning(f"newsclean: {failure.id}: {failure.type}: {failure.message} "
                           "(counted in the stats; said only once)")
            self._warned = True
