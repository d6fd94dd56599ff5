"""`Document.clean_text(keep=...)`: the text of the blocks of the kinds kept, in page order, a
blank line between blocks and two between articles (the datatrove step's `doc.text` too)."""
from __future__ import annotations

import pytest

from newsclean import Article, Block, Document, Kind


def _block(kind: str, text: str) -> Block:
    return Block(kind, text, 0, len(text))


# One page with every kind: a first article with chrome around its text, an article of
# teasers only, and a third with a subheading.
DOCUMENT = Document("", [
    Article([_block("headline", "H1"), _block("body", "B1"), _block("caption", "C1"),
             _block("body", "B2"), _block("byline", "By X")]),
    Article([Block("teaser", "T1", 0, 2, title="T1")]),
    Article([_block("headline", "H3"), _block("standfirst", "S3"), _block("subheading", "Sub3"),
             _block("body", "B3")]),
], [])


def test_by_default_the_running_text_of_each_article_headline_first():
    # No caption, byline or teaser; the teasers-only article adds nothing, not an empty gap.
    assert DOCUMENT.clean_text() == "H1\n\nB1\n\nB2\n\n\nH3\n\nS3\n\nSub3\n\nB3"


def test_the_default_is_headline_standfirst_subheading_and_body():
    assert DOCUMENT.clean_text() == DOCUMENT.clean_text(
        keep=("headline", "standfirst", "subheading", "body"))


def test_keep_chooses_the_kinds_by_kind_or_name_in_page_order_whatever_its_order():
    assert DOCUMENT.clean_text(keep=("body",)) == "B1\n\nB2\n\n\nB3"
    assert DOCUMENT.clean_text(keep=[Kind.BYLINE, "caption"]) == "C1\n\nBy X"
    assert DOCUMENT.clean_text(keep=("teaser",)) == "T1"
    assert DOCUMENT.clean_text(keep={"body", Kind.HEADLINE}) == "H1\n\nB1\n\nB2\n\n\nH3\n\nB3"


def test_keeping_nothing_is_no_text_and_an_unknown_kind_is_an_error():
    assert DOCUMENT.clean_text(keep=()) == ""
    assert Document("", [], []).clean_text() == ""
    with pytest.raises(ValueError):
        DOCUMENT.clean_text(keep=("paragraph",))
