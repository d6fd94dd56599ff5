"""newsclean as a datatrove extractor: `NewscleanExtractor` segments each document's page.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanExtractor

    if __name__ == "__main__":  # the executor's pool starts its workers by forkserver
        LocalPipelineExecutor([
            JsonlReader("pages/", text_key="html"),   # doc.text: a page, text or HTML
            NewscleanExtractor(),                     # doc.text: the articles' clean text
            JsonlWriter("clean/"),                    # metadata["newsclean"]: the blocks' spans
        ], tasks=2, workers=2, logging_dir="logs/").run()

It is a `datatrove.pipeline.extractors.base.BaseExtractor`: pages are segmented in a child
process (datatrove's ExtractorSandbox), one a task, so a page over `timeout` or one that kills
the process (out of memory) costs that page only; the stats are the base's (`total`,
`extracted`, `timeout`, `broken_process`, `clean_error`, `forwarded`, `dropped`) plus
`no_article` and the `articles` and `blocks` of each page. What a document becomes is
newsclean.integrations.extracted's: its text, and light metadata indexing that text.

Needs the `datatrove` extra (from a checkout: `pip install -e '.[datatrove]'`).
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

try:
    from datatrove.data import Document as DatatroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsclean.integrations.datatrove needs datatrove 0.5 or newer (its "
                      "ExtractorSandbox): from a checkout, pip install -e '.[datatrove]'") from exc

from newsclean.batch import Failure
from newsclean.batch.safe import check_options
from newsclean.integrations.extracted import DEFAULT_KEEP, Extracted, Extraction
from newsclean.model import Kind
from newsclean.pipeline import MAX_CHARS

__all__ = ["DEFAULT_KEEP", "DEFAULT_TIMEOUT", "NewscleanExtractor", "NewscleanSegmenter"]

# Seconds a page may take in the child process. newsclean is linear in the page's size, some
# MB a second: a page still running after this is pathological (or its process is stuck).
DEFAULT_TIMEOUT = 10.0


class NewscleanExtractor(BaseExtractor):
    """Segment `doc.text` (a scraped page, text or HTML): `doc.text` becomes the clean text of
    the `keep` kinds, `doc.metadata[metadata_key]` light metadata (headline, articles, the
    kind and [start, end] in `doc.text` of each block).

    Args:
        keep: the block kinds whose text is kept, e.g. ("body",) for body paragraphs only, or
            ("headline", "body", "caption"). Default: headline, standfirst, subheadings, body.
        timeout: seconds per page in the child process (default DEFAULT_TIMEOUT); a slower
            page is counted (`timeout`) and dropped, and the child is replaced.
        split_articles: one document per article of the page, its id the page's with "#0",
            "#1", ... after it; default one document per page, articles 3 newlines apart.
        full_metadata: also store `Document.to_dict()` (`metadata[...]["page"]`; its spans
            index the page, not `doc.text`), with its dropped lines (`with_dropped`) and the
            page text those spans index (`with_text`) if asked.
        input: "auto" (HTML when the page looks like markup), "text" or "html".
        lang: a language hint for every page; `lang_key`: a metadata field holding each
            document's language, used before `lang` when the document has it.
        keep_empty: keep documents with no clean text (no article, a failure) instead of
            dropping them; a failure's type and message go to `metadata[...]["error"]`.
        max_chars: a larger page is a failure (InputTooLarge), as in `segment()`.
        metadata_key: where in `doc.metadata` the metadata goes.
    """

    name = "📰 newsclean"

    def __init__(self, keep: Iterable[Kind | str] = DEFAULT_KEEP, *,
                 timeout: float = DEFAULT_TIMEOUT, split_articles: bool = False,
                 full_metadata: bool = False, with_dropped: bool = False,
                 with_text: bool = False, input: str = "auto", lang: str | None = None,
                 lang_key: str | None = None, keep_empty: bool = False,
                 max_chars: int = MAX_CHARS, metadata_key: str = "newsclean") -> None:
        if timeout is None:
            raise ValueError("timeout must be a number of seconds: the child process "
                             "needs a deadline")
        check_options(timeout=timeout)  # at construction, not at the first page
        super().__init__(timeout=timeout)
        self.extraction = Extraction(keep=tuple(keep), input=input, max_chars=max_chars,
                                     split_articles=split_articles,
                                     full_metadata=full_metadata, with_dropped=with_dropped,
                                     with_text=with_text)
        self.lang = lang
        self.lang_key = lang_key
        self.keep_empty = keep_empty
        self.metadata_key = metadata_key
        self._warned = False  # a failure is logged once a task

    @property
    def keep(self) -> tuple[Kind, ...]:
        return self.extraction.keep

    def extract(self, text: str) -> str:
        """datatrove's extractor API: the clean text of the page, "" for a page with no article
        or one that cannot be segmented. Never raises."""
        return "\n\n\n".join(unit.text for unit in self.extract_page(text).units if unit.text)

    def extract_page(self, text: str, lang: str | None = None) -> Extracted:
        """The stored documents of one page (what the child process sends back). Never raises;
        a page that cannot be segmented has a `failure` and no document."""
        return self.extraction.page(text, lang=lang if lang is not None else self.lang)

    def _extract_in_child(self, page: str | tuple[str, str | None],
                          lang: str | None = None) -> Extracted:
        """extract_page for the sandbox's child. datatrove 0.10 hands on (page, lang) as two
        arguments, earlier versions as one tuple; its warm-up call is ("")."""
        if isinstance(page, tuple):
            page, lang = page
        return self.extract_page(page, lang)

    def run(self, data: DocumentsPipeline, rank: int = 0,
            world_size: int = 1) -> DocumentsPipeline:
        with ExtractorSandbox(self.timeout) as sandbox:  # (its only argument in every version)
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    result = self._extract_in_sandbox(sandbox, doc)
                yield from self._documents(doc, result)

    def _extract_in_sandbox(self, sandbox: ExtractorSandbox,
                            doc: DatatroveDocument) -> Extracted:
        lang = self.lang
        if self.lang_key and doc.metadata.get(self.lang_key):
            lang = str(doc.metadata[self.lang_key])
        try:
            result = sandbox.process_document((doc.text, lang), self._extract_in_child)
        except TimeoutError:
            self.stat_update("timeout")
            return self._failed(doc, "Timeout", f"no result within {self.timeout:g} s")
        except EOFError:
            self.stat_update("broken_process")
            return self._failed(doc, "WorkerCrashed", "the child process died (out of memory?)")
        if result.failure is not None:
            self.stat_update("clean_error")
            return self._failed(doc, result.failure.type, result.failure.message)
        self.stat_update("extracted")
        if not result.articles:
            self.stat_update("no_article")
        self.stat_update("articles", value=result.articles, unit="doc")
        self.stat_update("blocks", value=result.blocks, unit="doc")
        return result

    def _failed(self, doc: DatatroveDocument, type: str, message: str) -> Extracted:
        if not self._warned:
            logger.warning(f"newsclean: {doc.id}: {type}: {message} (counted in the stats as "
                           "timeout, broken_process or clean_error; said only once)")
            self._warned = True
        return Extracted((), 0, 0, Failure(doc.id, type, message))

    def _documents(self, doc: DatatroveDocument,
                   result: Extracted) -> Iterable[DatatroveDocument]:
        if result.failure is not None or not result.units:
            units: tuple[tuple[str, str, dict[str, Any]], ...] = ((
                "", "", {"error": result.failure.to_dict()} if result.failure else
                {"headline": None, "articles": 0, "kinds": [], "spans": []}),)
        else:
            units = result.units
        for suffix, text, meta in units:
            if not text and not self.keep_empty:
                self.stat_update(StatHints.dropped)
                continue
            out = doc if not suffix else DatatroveDocument(
                text=text, id=f"{doc.id}{suffix}", media=list(doc.media),
                metadata=dict(doc.metadata))
            out.text = text
            out.metadata[self.metadata_key] = meta
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(out)
            yield out


class NewscleanSegmenter(NewscleanExtractor):
    """Deprecated: NewscleanExtractor, which this is with `full_metadata=True` by default (the
    blocks as `Document.to_dict()` gives them, under `metadata[...]["page"]`)."""

    def __init__(self, keep: Iterable[Kind | str] = DEFAULT_KEEP, *,
                 timeout: float | None = None, full_metadata: bool = True,
                 **options: Any) -> None:
        warnings.warn("NewscleanSegmenter is deprecated: use NewscleanExtractor (its "
                      "metadata is light unless full_metadata=True; stats are datatrove's)",
                      DeprecationWarning, stacklevel=2)
        super().__init__(keep, timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                         full_metadata=full_metadata, **options)
