"""JSON-LD author and image lists: each name and caption once, in page order, and the
deduplication linear in the list (issue 15 item 4: a 1 MB list of authors took 7.5 s when
each name was looked up in the list of names kept so far). Generated cases, asserted
outcomes; no timing."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean.html.meta import page_meta


def _meta_of(article: dict):
    page = ('<html><head><script type="application/ld+json">' + json.dumps(article)
            + "</script></head><body><p>x</p></body></html>")
    return page_meta(LexborHTMLParser(page))


def test_authors_and_captions_each_once_in_order():
    meta = _meta_of({"@type": "NewsArticle",
                     "author": [{"@type": "Person", "name": "Jane Doe"}, "John Roe",
                                {"name": "Jane Doe"}, " John Roe ", {"name": ""}, 7],
                     "image": [{"caption": "A"}, {"description": "B"}, {"caption": "A"},
                               "https://example.com/x.jpg"]})
    assert meta.authors == ("Jane Doe", "John Roe")
    assert meta.image_captions == ("A", "B")


def test_long_lists_of_distinct_and_repeated_names():
    # 20 000 distinct names (the quadratic case), then every one of them again.
    names = [f"Author {i}" for i in range(20_000)]
    meta = _meta_of({"@type": "Article", "author": [{"name": n} for n in names + names],
                     "image": [{"caption": f"Caption {i}"} for i in range(20_000)] * 2})
    assert meta.authors == tuple(names)
    assert len(meta.image_captions) == 20_000
    assert meta.image_captions[0] == "Caption 0" and meta.image_captions[-1] == "Caption 19999"


@given(st.lists(st.sampled_from(["A", "B", "C", " A", "", "D "]), max_size=30))
def test_authors_are_the_distinct_stripped_names_in_first_order(raw):
    meta = _meta_of({"@type": "NewsArticle", "author": [{"name": n} for n in raw]})
    expected = tuple(dict.fromkeys(n.strip() for n in raw if n.strip()))
    assert meta.authors == expected
