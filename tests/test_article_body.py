"""The JSON-LD articleBody as the page's text when the page shows none of it (html/article_body.py)."""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

import newsclean
from newsclean.html.article_body import SHINGLE, paragraphs, shown_runs, with_article_body
from newsclean.lines import Line, split_lines
from newsclean.model import Kind

PARAGRAPHS = [
    "The harbour road closed on Monday after the storm brought down two walls near the old pier.",
    "The mayor said the road would reopen by Friday, once engineers had checked the quay wall.",
    "Fishermen moved their boats to the inner basin, where the water stayed calm all afternoon.",
]


def page(shown: str = "", body: str = "\n".join(PARAGRAPHS)) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Storm closes the harbour road",
                     "articleBody": body})
    return (f'<html><head><script type="application/ld+json">{ld}</script></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f'<main><article><h1>Storm closes the harbour road</h1>{shown}<div id="app"></div>'
            '</article></main><footer>© 2026 Example News. All rights reserved.</footer>'
            '</body></html>')


def test_a_page_that_shows_no_text_gets_the_article_body_after_its_headline():
    doc = newsclean.segment(page())
    blocks = [(b.kind, b.text) for a in doc.articles for b in a.blocks]
    assert blocks == [(Kind.HEADLINE, "Storm closes the harbour road"),
                      *((Kind.BODY, p) for p in PARAGRAPHS)]
    assert doc.meta.source("body") == "json-ld"  # the Document says where its text came from
    for b in doc.articles[0].blocks:  # spans still index Document.text
        assert doc.text[b.start:b.end] == b.text


def test_a_page_that_shows_a_paragraph_keeps_only_what_it_shows():
    # A paywall: the free paragraph shows, the JSON-LD holds the whole text. The page is what
    # it shows; the rest stays evidence.
    doc = newsclean.segment(page(f"<p>{PARAGRAPHS[0]}</p><div class=paywall>Subscribe to read on</div>"))
    bodies = [b.text for a in doc.articles for b in a.blocks if b.kind is Kind.BODY]
    assert bodies == [PARAGRAPHS[0]]
    assert doc.meta.source("body") is None


def test_a_short_article_body_is_a_description_not_the_text():
    doc = newsclean.segment(page(body="A storm closed the harbour road."))
    assert not [b for a in doc.articles for b in a.blocks if b.kind is Kind.BODY]


def test_paragraphs_split_at_line_breaks_and_markup_left_in_the_body():
    assert paragraphs("One.\n\nTwo <b>bold</b>.<br/>Three.</p><p class=x>Four.") == [
        "One.", "Two bold.", "Three.", "Four."]


def test_shown_runs_counts_runs_of_words_the_lines_share_with_the_body():
    body = " ".join(f"w{i}" for i in range(30))
    lines = split_lines(" ".join(f"w{i}" for i in range(5, 5 + SHINGLE + 2)) + "\nW5 W6 other")
    assert shown_runs(body, lines) == 3  # (w5…w12, w6…w13, w7…w14; casefolded)
    assert shown_runs(body, split_lines("nothing of it")) == 0


@given(st.lists(st.text(alphabet="ab \u0627", min_size=1, max_size=12), max_size=6),
       st.integers(min_value=0, max_value=6))
def test_added_lines_keep_the_page_text_and_every_offset_consistent(texts, h1_at):
    lines, pos = [], 0
    for i, t in enumerate(t.strip() or "x" for t in texts):
        lines.append(Line(t, pos, pos + len(t), frozenset({"h1"}) if i == h1_at else frozenset()))
        pos += len(t) + 1
    text = "\n".join(line.text for line in lines)
    body = "\n".join(PARAGRAPHS)
    new_text, new_lines, main, added = with_article_body(text, lines, None, body)
    assert added
    assert new_text == "\n".join(line.text for line in new_lines)
    assert all(new_text[line.start:line.end] == line.text for line in new_lines)
    assert [line.text for line in new_lines if line.text not in PARAGRAPHS] == [
        line.text for line in lines if line.text not in PARAGRAPHS]
    assert main == [line.text in PARAGRAPHS and "p" in line.hints for line in new_lines]
