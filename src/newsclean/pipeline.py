"""segment(): placeholder until the stages land (every line a body block)."""
from __future__ import annotations

from newsclean.lines import split_lines
from newsclean.model import Article, Block, Document, Kind


def segment(page, *, lang=None):
    if isinstance(page, bytes):
        page = page.decode("utf-8")
    lines = split_lines(page)
    blocks = [Block(Kind.BODY, ln.text, ln.start, ln.end) for ln in lines]
    return Document(page, [Article(blocks)] if blocks else [], [])
