"""newsclean: scraped news pages in, clean typed deduplicated blocks out.

    >>> import newsclean
    >>> doc = newsclean.segment("Headline here\\n\\nA first paragraph of the story, long enough to read.")
    >>> [b.kind.value for b in doc.blocks]
    ['headline', 'body']
"""
from newsclean.errors import DecodeError, InputTooLarge, NewscleanError
from newsclean.model import Article, Block, Document, Dropped, Kind, Meta, Reason
from newsclean.pipeline import Knobs, explain, segment
from newsclean.batch import Failure, read_warc, segment_many

__all__ = [
    "segment", "segment_many", "explain", "read_warc", "Failure", "Knobs",
    "Document", "Article", "Block", "Dropped", "Kind", "Reason", "Meta",
    "NewscleanError", "DecodeError", "InputTooLarge",
]
__version__ = "0.1.0"
