"""Test helpers for newsclean and for pipelines built on it: hypothesis strategies that build
realistic scraped news pages, and `assert_invariants`, which checks a segmentation against the
invariants of the design.

    >>> from hypothesis import given
    >>> import newsclean
    >>> from newsclean.testing import assert_invariants, pages
    >>> @given(pages())
    ... def test_my_pipeline_keeps_the_invariants(page):
    ...     assert_invariants(page, newsclean.segment(page))

Pages are plain text, one line a block, as a browser's `innerText` shows them: a headline, its
lead caption printed twice (responsive images) with a credit in parentheses, UI debris ("TT", a
counter, "Share", "play-circle 00:48"), the headline echoed under the photo, body paragraphs, a
related-articles rail whose teasers print section and caption, title, summary and byline, and
sometimes a second article (infinite scroll). Words are built from syllables of a small alphabet
per script ("arabic", "latin"), so the text reads like language rather than random code points.

Needs hypothesis: ``pip install 'newsclean[testing]'``.
"""
from newsclean.testing.strategies import (
    ROLE_BLANK, ROLE_BODY, ROLE_CAPTION, ROLE_DEBRIS, ROLE_HEADLINE, ROLE_HEADLINE_ECHO,
    ROLE_RELATED_HEADING, ROLE_TEASER_BYLINE, ROLE_TEASER_SECTION_CAPTION, ROLE_TEASER_SUMMARY,
    ROLE_TEASER_TITLE, SCRIPTS, ArticleParts, Caption, Page, PageLine, Teaser, article_page,
    caption, debris, headline, pages, paragraph, sentence, teaser, words,
)
from newsclean.testing.invariants import (
    assert_duplicates_point_to_kept_copies, assert_invariants, assert_lines_accounted_for,
    assert_no_duplicate_keys, assert_page_order, assert_text_from_page,
)

__all__ = [
    "SCRIPTS",
    "words", "sentence", "paragraph", "headline", "caption", "debris", "teaser",
    "article_page", "pages",
    "Page", "PageLine", "ArticleParts", "Caption", "Teaser",
    "ROLE_BLANK", "ROLE_HEADLINE", "ROLE_HEADLINE_ECHO", "ROLE_CAPTION", "ROLE_DEBRIS",
    "ROLE_BODY", "ROLE_RELATED_HEADING", "ROLE_TEASER_SECTION_CAPTION", "ROLE_TEASER_TITLE",
    "ROLE_TEASER_SUMMARY", "ROLE_TEASER_BYLINE",
    "assert_invariants",
    "assert_lines_accounted_for", "assert_page_order", "assert_no_duplicate_keys",
    "assert_text_from_page", "assert_duplicates_point_to_kept_copies",
]
