"""Document.meta (issue 14): what the page says about the article.

Data-driven: each page of `fixtures/meta/` (`<case>.html` or `<case>.txt`) has its expected
`Document.meta.to_dict()` in `<case>.meta.json` — one case per source (JSON-LD, Open Graph,
`<meta name>`, `rel=author` and `<time>`, a ClaimReview's dates, text input's headline, byline
and dateline, a page with nothing). Then the model's round trip, the date reader, and hostile
metadata: broken or ill-typed JSON-LD, huge author lists and tag floods must not crash and
stay bounded.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import newsclean
from newsclean import Document, Meta
from newsclean.html.meta_dates import iso_date
from newsclean.html.meta_fields import MAX_NAMES, split_names
from newsclean.html.meta_text import byline_names

META = Path(__file__).parent / "fixtures" / "meta"
PAGES = sorted(p for p in META.iterdir() if p.suffix in (".html", ".txt"))


def _segment(path: Path) -> Document:
    return newsclean.segment(path.read_bytes(), input="html" if path.suffix == ".html" else "text")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_meta_matches_the_expected_file(page):
    expected = json.loads(page.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert _segment(page).meta.to_dict() == expected


def test_there_is_a_case_for_each_source():
    sources = set()
    for page in PAGES:
        sources |= set(json.loads(page.with_suffix(".meta.json").read_text())["sources"].values())
    assert sources == {"json-ld", "og", "meta", "html", "text"}
    assert any(p.suffix == ".txt" for p in PAGES)


def test_meta_is_the_last_key_of_to_dict_and_reads_back():
    doc = _segment(META / "json-ld-article.html")
    d = doc.to_dict(with_text=True)
    assert list(d) == ["articles", "dropped", "text", "meta"]
    assert list(doc.to_dict()) == ["articles", "dropped", "meta"]
    assert Document.from_dict(json.loads(json.dumps(d))) == doc
    assert doc.meta.source("published") == "json-ld" and doc.meta.source("nothing") is None


def test_a_document_without_meta_writes_what_it_always_wrote():
    doc = Document("x", [], [])
    assert doc.meta == Meta() and doc.to_dict() == {"articles": [], "dropped": []}
    assert Document.from_dict(doc.to_dict(), text="x") == doc
    assert Meta.from_dict(None) == Meta() and Meta.from_dict({}) == Meta()


def test_meta_is_hashable_and_frozen():
    meta = Meta(title="T", authors=["A", "B"], sources={"title": "og"})
    assert meta.authors == ("A", "B") and meta.sources == (("title", "og"),)
    assert hash(meta) == hash(Meta.from_dict(meta.to_dict()))
    with pytest.raises(AttributeError):
        meta.title = "other"  # type: ignore[misc]


def test_meta_adds_nothing_to_the_blocks():
    """The blocks and dropped lines are those of the page: meta is read beside them."""
    for page in PAGES:
        doc = _segment(page)
        d = doc.to_dict(with_text=True)
        d.pop("meta", None)
        again = Document.from_dict(d)
        assert (again.articles, again.dropped, again.text) == (doc.articles, doc.dropped, doc.text)


@pytest.mark.parametrize("raw, expected", [
    ("2024-05-03T15:47:42.389Z", "2024-05-03T15:47:42+00:00"),
    ("2024-05-03T15:47:42+0200", "2024-05-03T15:47:42+02:00"),
    ("2024-05-03 15:47", "2024-05-03T15:47:00"),
    ("2024-05-03", "2024-05-03"),
    ("20240503", "2024-05-03"),
    ("Fri, 03 May 2024 15:47:42 GMT", "2024-05-03T15:47:42+00:00"),
    ("Published on 13/01/2026 - 13:55 GMT+1", "2026-01-13T13:55:00+01:00"),
    ("Published on 06/01/2026 - 13:55 GMT+1", None),  # June 1st or January 6th: not guessed
    ("01/13/2026", "2026-01-13"),
    ("06.01.2026 13:55", "2026-01-06T13:55:00"),
    ("Do 25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00"),
    ("Version 2.10.15", None),
    ("3. Mai 2024, 15:47 Uhr", "2024-05-03T15:47:00"),
    ("May 3, 2024 10:00 am EDT", "2024-05-03T10:00:00-04:00"),
    ("Thursday 18 July 2024 12:48 BST", "2024-07-18T12:48:00+01:00"),
    ("6 janvier 2026 à 14h16", "2026-01-06T14:16:00"),
    ("13 de enero de 2025", "2025-01-13"),
    ("2025年1月13日 20:01", "2025-01-13T20:01:00"),
    ("2024-13-45", None), ("yesterday", None), ("", None), (None, None), (20240101, None),
    ("9" * 100_000, None),
])
def test_dates_are_read_as_iso_8601(raw, expected):
    assert iso_date(raw) == expected


@pytest.mark.parametrize("raw, names", [
    ("Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
    ("Doe, Jane", ["Doe, Jane"]),
    ("Von: Bill McCarthy", ["Bill McCarthy"]),
    ("Elena Oberholzer (obe)", ["Elena Oberholzer"]),
    ("srf/hosb;kesm", ["srf/hosb", "kesm"]),
    ("https://www.facebook.com/site", []),
    ("jane-doe", []),
    ("a professor of the faculty of human and social studies", []),
])
def test_names(raw, names):
    assert split_names(raw) == names


def test_byline_names_leave_the_date_out():
    assert byline_names("By Jo Reed · November 20, 2025") == ("Jo Reed",)
    assert byline_names("By Jane Doe and John Roe | 3 May 2024") == ("Jane Doe", "John Roe")
    assert byline_names("12:30") == ()


def _page(json_ld: str, head: str = "") -> str:
    return (f'<html><head>{head}<script type="application/ld+json">{json_ld}</script></head>'
            "<body><h1>A headline</h1><p>A first paragraph of the story, long enough to read "
            "as the body of the article.</p></body></html>")


@pytest.mark.parametrize("json_ld", [
    '{"@type": "NewsArticle", "headline": ', "not json", "", "[1, 2", "null", "[]", "5",
    '{"@type": 5, "headline": {"x": 1}}', "[" * 100_000 + "]" * 100_000,
    '{"@type": "NewsArticle", "headline": 5, "author": [null, 3, {"name": 7}, {"name": [1]}],'
    ' "datePublished": 20240101, "dateModified": ["x"], "publisher": [1, {"name": null}],'
    ' "keywords": {"a": 1}, "articleSection": [null], "inLanguage": 7, "url": {"u": 1},'
    ' "mainEntityOfPage": [1], "creator": {"name": {"n": 1}}}',
    '{"@type": "ClaimReview", "datePublished": 5}',
    '{"@type": "ClaimReview", "datePublished": "soon"}',
])
def test_broken_or_ill_typed_json_ld_gives_no_field_and_no_error(json_ld):
    meta = newsclean.segment(_page(json_ld)).meta
    assert meta.published is None and meta.authors == () and meta.source("title") == "html"
    json.dumps(meta.to_dict())


def test_huge_author_lists_are_capped_and_fast():
    names = [{"@type": "Person", "name": f"Author Number {i}"} for i in range(200_000)]
    page = _page(json.dumps({"@type": "NewsArticle", "author": names, "keywords": list(map(str, range(100_000)))}))
    start = time.perf_counter()
    meta = newsclean.segment(page).meta
    assert time.perf_counter() - start < 20  # (about a second: the cap, not the list, bounds it)
    assert len(meta.authors) == MAX_NAMES and meta.authors[0] == "Author Number 0"
    assert len(meta.tags) <= MAX_NAMES


def test_floods_of_tags_are_bounded():
    head = ('<meta name="author" content="Jane Doe">' * 20_000
            + '<meta property="article:tag" content="x">' * 20_000
            + '<time datetime="2024-01-01">' * 20_000 + '<meta name="author" content="' + "A" * 10**6 + '">')
    meta = newsclean.segment(_page("{}", head)).meta
    assert meta.authors == ("Jane Doe",) and meta.tags == ("x",)
    assert meta.published == "2024-01-01"


def test_text_input_reads_the_headline_byline_and_dateline():
    doc = newsclean.segment((META / "text-dateline.txt").read_text(encoding="utf-8"))
    assert (doc.meta.title, doc.meta.authors) == ("Storm closes the coast road",
                                                  ("Jane Doe", "John Roe"))
    assert (doc.meta.published, doc.meta.modified) == ("2026-01-13T13:55:00+01:00",
                                                       "2026-01-14T08:00:00+01:00")
    assert dict(doc.meta.sources)["published"] == "text"


def test_the_declared_language_and_the_script():
    page = '<html lang="ar"><body><h1>عنوان</h1><p>' + "نص المقال " * 20 + "</p></body></html>"
    meta = newsclean.segment(page).meta
    assert (meta.language, meta.script) == ("ar", "Arabic")
    assert newsclean.segment("Hello there, this is a page of text.").meta.language is None


def test_the_metadata_benchmark_matches_as_documented(tmp_path):
    from benchmarks import metadata

    assert metadata.same_day("2024-05-03 23:30:00+00:00", "2024-05-04T01:30:00+02:00")
    assert not metadata.same_day("2024-05-03 23:30:00+00:00", "2024-05-04")
    assert metadata.same_minute("2024-05-03 15:47:42.389000+00:00", "2024-05-03T17:47:00+02:00")
    assert not metadata.same_minute("2024-05-03 15:47:00+00:00", "2024-05-03")
    assert not metadata.has_time("2023-04-28 00:00:00") and metadata.has_time("2023-04-28 10:00:00")
    assert metadata.fold_name(" JANE  Doe. ") == "jane doe"
    (tmp_path / "pages").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "pages" / "p.html").write_bytes((META / "json-ld-article.html").read_bytes())
    (tmp_path / "gold" / "p.json").write_text(json.dumps({"articles": [], "meta": {
        "title": "Fähre nach Rostock fällt aus", "authors": ["Anna Berg", "Jonas Wolf"],
        "published": "2026-01-06 13:55:00+01:00"}}))
    result = metadata.run(tmp_path)
    assert result["pages"] == 1
    assert all(s["accuracy"] == 1.0 for s in result["systems"]["newsclean"].values())
    assert "| title | 1.000" in metadata.format_table(result)
