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


# --- the structure the page shows (HTML: Block.structure) ------------------------------------

def _item(text: str, container: str, group: int, position: int, cells=None) -> Block:
    from newsclean.model import Structure
    return Block("body", text, 0, len(text), structure=Structure(container, group, position, cells))


def test_a_list_is_one_paragraph_of_items_with_their_bullets_or_numbers():
    doc = Document("", [Article([
        _block("body", "You will need:"),
        _item("flour", "ul", 0, 1), _item("two eggs", "ul", 0, 2),
        _item("Mix.", "ol", 1, 1), _item("Bake for", "ol", 1, 2), _item("an hour.", "ol", 1, 2),
        _item("a second list", "ul", 2, 1),
    ])], [])
    assert doc.clean_text() == ("You will need:\n\n- flour\n- two eggs\n\n1. Mix.\n2. Bake for\n"
                                "an hour.\n\n- a second list")


def test_a_table_is_one_paragraph_of_rows_and_a_quote_stays_paragraphs():
    doc = Document("", [Article([
        _item("Name\tPoints", "table", 0, 1, ("Name", "Points")),
        _item("Ana\t12", "table", 0, 2, ("Ana", "12")),
        _item("A line quoted.", "blockquote", 1, 1), _item("Another.", "blockquote", 1, 2),
    ])], [])
    assert doc.clean_text() == "Name\tPoints\nAna\t12\n\nA line quoted.\n\nAnother."


def test_spans_point_at_each_block_text_after_its_marker():
    from newsclean.model import clean_text_with_spans
    blocks = [_block("headline", "H"), _item("flour", "ul", 0, 1), _item("eggs", "ul", 0, 2),
              _item("Mix.", "ol", 1, 7)]
    text, spans = clean_text_with_spans([Article(blocks), Article([_block("body", "B")])],
                                        ("headline", "body"))
    assert text == "H\n\n- flour\n- eggs\n\n7. Mix.\n\n\nB"
    assert [text[s:e] for _, s, e in spans] == ["H", "flour", "eggs", "Mix.", "B"]
