"""The data model: the gold shape of shared/corpora/FORMAT.md, and back."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from newsclean import Article, Block, Document, Dropped, Kind, Reason
from newsclean.model import TEASER_FIELDS

FORMAT_MD = Path(__file__).parents[2] / "shared" / "corpora" / "FORMAT.md"
SEED_GOLD = Path(__file__).parent / "fixtures" / "aawsat-putin-sharaa.expected.json"
# The kinds FORMAT.md names: the four main ones and the finer ones "some corpora also use"
# (`supplemental` is one corpus's annotators' class, which no scorer counts).
FORMAT_KINDS = {"headline", "caption", "body", "teaser", "standfirst", "subheading", "byline",
                "comment"}

offsets = st.integers(0, 10**6)
maybe_text = st.none() | st.text()


def blocks() -> st.SearchStrategy[Block]:
    fields = {name: maybe_text for name in TEASER_FIELDS}
    return st.builds(Block, kind=st.sampled_from(Kind), text=st.text(), start=offsets,
                     end=offsets, **fields)


def documents() -> st.SearchStrategy[Document]:
    dropped = st.builds(Dropped, text=st.text(), start=offsets, end=offsets,
                        reason=st.sampled_from(Reason), kept_at=st.none() | offsets)
    articles = st.lists(blocks(), max_size=5).map(Article)
    return st.builds(Document, text=st.text(), articles=st.lists(articles, max_size=3),
                     dropped=st.lists(dropped, max_size=5))


@given(documents())
def test_to_dict_then_from_dict_gives_the_same_document(document):
    assert Document.from_dict(document.to_dict(), text=document.text) == document


@given(documents())
def test_a_document_survives_json_with_its_text(document):
    as_json = json.dumps(document.to_dict(with_text=True), ensure_ascii=False)
    assert Document.from_dict(json.loads(as_json)) == document


def test_kind_values_are_the_kinds_of_format_md():
    assert {k.value for k in Kind} <= FORMAT_KINDS | BEYOND_FORMAT
    assert {k.value for k in Kind} >= {"headline", "caption", "body", "teaser", "standfirst",
                                       "subheading", "byline"}


# Kinds newsclean gives beyond the gold format (no corpus annotates them, so no scorer counts
# them): each must be documented in docs/concepts.md instead.
BEYOND_FORMAT = {"dateline"}  # issue 14: the article's printed date


@pytest.mark.corpus
@pytest.mark.skipif(not FORMAT_MD.exists(), reason="../shared/corpora is absent")
def test_every_kind_is_named_in_format_md():
    named = set(re.findall(r"`([a-z-]+)`", FORMAT_MD.read_text(encoding="utf-8")))
    assert {k.value for k in Kind} <= named | BEYOND_FORMAT
    concepts = (Path(__file__).parent.parent / "docs" / "concepts.md").read_text(encoding="utf-8")
    assert all(f"`{kind}`" in concepts for kind in BEYOND_FORMAT)


def test_kinds_and_reasons_print_as_their_values():
    assert f"{Kind.BODY}" == "body" and str(Kind.TEASER) == "teaser"
    assert Kind("caption") is Kind.CAPTION
    assert str(Reason.RELATED_HEADING) == "related-heading"
    assert json.dumps([Kind.HEADLINE, Reason.MERGED]) == '["headline", "merged"]'


def _block(kind, text, **fields):
    return Block(kind, text, 0, len(text), **fields)


ARTICLE = Article([
    _block("headline", "Harbour reopens"),
    _block("standfirst", "Three days of storms are over."),
    _block("byline", "By Jane Roe"),
    _block("caption", "A ship leaves the port (AFP)", credit="AFP"),
    _block("body", "The harbour reopened on Monday."),
    _block("subheading", "What comes next"),
    _block("body", "Repairs start next week."),
    _block("teaser", "Floods close the river road", title="Floods close the river road"),
])


def test_article_headline_is_the_first_headline_text():
    assert ARTICLE.headline == "Harbour reopens"
    assert Article([_block("body", "Only a paragraph.")]).headline is None


def test_article_body_text_is_standfirst_subheadings_and_paragraphs_one_a_line():
    assert ARTICLE.body_text == ("Three days of storms are over.\nThe harbour reopened on Monday."
                                 "\nWhat comes next\nRepairs start next week.")


def test_clean_text_is_headline_then_paragraphs_and_a_wider_gap_between_articles():
    second = Article([_block("headline", "Second story"), _block("body", "Its only paragraph.")])
    document = Document("", [ARTICLE, second], [])
    assert document.clean_text() == (
        "Harbour reopens\n\nThree days of storms are over.\n\nThe harbour reopened on Monday."
        "\n\nWhat comes next\n\nRepairs start next week.\n\n\nSecond story\n\nIts only paragraph.")


def test_document_blocks_are_every_article_s_blocks_in_order():
    second = Article([_block("headline", "Second story")])
    assert Document("", [ARTICLE, second], []).blocks == ARTICLE.blocks + second.blocks


def test_to_dict_has_the_gold_shape_with_spans_and_dropped():
    teaser = Block("teaser", "Floods close the river road", 40, 67,
                   title="Floods close the river road", section="World", summary="Roads shut.")
    caption = Block("caption", "A ship (AFP)", 10, 22, credit="AFP")
    body = Block("body", "Text.", 24, 29)
    document = Document("x" * 70, [Article([caption, body, teaser])],
                        [Dropped("A ship (AFP)", 23, 35, "duplicate", kept_at=10),
                         Dropped("TT", 36, 38, "boilerplate")])
    assert document.to_dict() == {
        "articles": [{"blocks": [
            {"kind": "caption", "text": "A ship (AFP)", "credit": "AFP", "start": 10, "end": 22},
            {"kind": "body", "text": "Text.", "start": 24, "end": 29},
            {"kind": "teaser", "text": "Floods close the river road",
             "title": "Floods close the river road", "section": "World",
             "summary": "Roads shut.", "start": 40, "end": 67},
        ]}],
        "dropped": [
            {"text": "A ship (AFP)", "start": 23, "end": 35, "reason": "duplicate",
             "kept_at": 10},
            {"text": "TT", "start": 36, "end": 38, "reason": "boilerplate"},
        ],
    }
    assert "text" not in document.to_dict() and document.to_dict(with_text=True)["text"] == "x" * 70


def test_from_dict_reads_a_gold_file():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    document = Document.from_dict(gold)
    first, second = document.articles
    assert first.headline == "بوتين يؤكد في رسالة للشرع دعمه لجهود تحقيق الاستقرار في سوريا"
    assert [b.kind for b in second.blocks][:2] == [Kind.HEADLINE, Kind.CAPTION]
    teasers = [b for b in first.blocks if b.kind is Kind.TEASER]
    assert len(teasers) == 5
    assert all(t.text == t.title for t in teasers)  # gold teasers give a title, no text
    assert teasers[-1].video_duration == "00:48" and teasers[0].video_duration is None
    assert first.blocks[1].credit == "أ.ف.ب"
