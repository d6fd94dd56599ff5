"""HTML input: the lines a browser's innerText shows, their hints, the page's metadata, bad input."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsclean.decode import decode_html
from newsclean.html import PageMeta, html_to_lines

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def texts(html: str) -> list[str]:
    return [line.text for line in html_to_lines(html)[1]]


def by_text(html: str) -> dict:
    return {line.text: line for line in html_to_lines(html)[1]}


def check_offsets(text, lines):
    assert text == "\n".join(line.text for line in lines)
    for line in lines:
        assert text[line.start:line.end] == line.text
        assert line.text == line.text.strip() and line.text


# --- The hand-written article page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def article():
    return html_to_lines((FIXTURES / "article.html").read_text(encoding="utf-8"))


def test_article_lines(article):
    text, lines, _, _ = article
    check_offsets(text, lines)
    assert [line.text for line in lines] == [
        "Home",
        "News",
        "Sport",
        "Share",
        "Harbour bridge reopens after two-year repair",
        "By Ana Lima and Tom Reed",
        "6 May 2024",
        "The bridge at dawn on Monday (Example Photo)",
        "The old harbour bridge opened to traffic again on Monday, two years after engineers "
        "closed it.",
        "Drivers queued from six o'clock.",
        "Some had waited since Sunday.",
        "“It was worth the wait,” said one driver.",
        "line one",
        "line two",
        "Year\tCrossings",
        "2021\t1.2m",
        "Advertisement",
        "Not an advert",
        "Related articles",
        "Ferry timetable changes",
        "© The Example Gazette",
    ]


def test_article_hints(article):
    lines = {line.text: line for line in article[1]}
    assert {"nav", "li", "a", "header"} <= lines["Home"].hints
    assert {"button", "share"} <= lines["Share"].hints
    assert {"h1", "article", "article-1", "main", "title-class"} <= lines[
        "Harbour bridge reopens after two-year repair"].hints
    assert {"p", "byline", "a"} <= lines["By Ana Lima and Tom Reed"].hints
    assert "time" in lines["6 May 2024"].hints
    caption = lines["The bridge at dawn on Monday (Example Photo)"]
    assert {"figure", "figcaption", "credit"} <= caption.hints
    assert "blockquote" in lines["“It was worth the wait,” said one driver."].hints
    assert "table" in lines["2021\t1.2m"].hints
    assert "promo" in lines["Advertisement"].hints  # class="ad-slot"
    assert "promo" not in lines["Not an advert"].hints  # class="shadow-box": no whole word "ad"
    assert {"aside", "related", "h2"} <= lines["Related articles"].hints  # relatedArticles
    assert "article-1" not in lines["Related articles"].hints
    assert "footer" in lines["© The Example Gazette"].hints
    # <body class="single-post has-menu"> describes the page, not its lines
    assert "nav" not in lines["Drivers queued from six o'clock."].hints


def test_article_link_density(article):
    lines = {line.text: line for line in article[1]}
    assert lines["Home"].link_density == 1.0
    assert lines["Drivers queued from six o'clock."].link_density == 0.0
    # "since Sunday" is 12 of the 29 characters of "Some had waited since Sunday."
    assert lines["Some had waited since Sunday."].link_density == pytest.approx(12 / 29)
    assert 0.5 < lines["By Ana Lima and Tom Reed"].link_density < 1.0


def test_article_meta(article):
    meta = article[2]
    assert meta == PageMeta(
        title="Harbour bridge reopens after two-year repair",  # og:title beats <title>
        headline="Harbour bridge reopens after two-year repair",
        article_body="The old harbour bridge opened to traffic again on Monday.",
        authors=("Ana Lima", "Tom Reed"),
        image_captions=("The bridge at dawn on Monday (Example Photo)",),
        lang="en-GB",
        image_alts=("The harbour bridge at dawn",),
    )


def test_hidden_and_non_text_content_is_skipped(article):
    text = article[0]
    for hidden in ("Hidden by", "play-circle", "Template text", "enable JavaScript", "svg text",
                   "not text", "color: red", "WebSite"):
        assert hidden not in text


# --- innerText rules -----------------------------------------------------------------------------

def test_blocks_inline_and_br():
    html = ("<div>one <b>two</b> <i>three</i><p>four</p>five<br>six<span> seven</span>"
            "<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul></div>")
    assert texts(html) == ["one two three", "four", "five", "six seven", "a", "b", "c"]


def test_white_space_is_collapsed_but_nbsp_kept():
    assert texts("<p>  a \n\t b  </p><p>c\u00a0\u00a0d</p><p>e\u2009f</p>") == [
        "a b", "c\u00a0\u00a0d", "e\u2009f"]


def test_adjacent_inline_elements_do_not_get_a_space():
    assert texts("<p><b>Bold</b><i>italic</i> and <a href=#>link</a>.</p>") == [
        "Bolditalic and link."]


def test_pre_keeps_its_line_breaks_and_spaces():
    assert texts("<pre>  a   b\n\n c</pre><p>x   y</p>") == ["a   b", "c", "x y"]


def test_inline_style_display():
    html = ('<p>a<span style="display:block">b</span>c</p>'
            '<div>d<div style="display: inline">e</div>f</div>')
    assert texts(html) == ["a", "b", "c", "def"]


def test_visibility():
    html = ('<p>shown</p><p style="visibility:hidden">v</p><p style="DISPLAY : NONE">n</p>'
            '<p hidden>h</p><p aria-hidden="true">aria</p><p aria-hidden="false">aria shown</p>'
            '<dialog>closed</dialog><dialog open>open dialog</dialog>'
            '<textarea>typed</textarea><select><option>First</option><option>Second</option>'
            '</select><button>Click</button><input value="v">')
    assert texts(html) == ["shown", "aria shown", "open dialog", "First", "Second", "Click"]


def test_closed_details_show_their_content():
    # An accordion's content is text a reader opens (issue 13): shown, closed or not.
    html = ("<details><summary>More</summary><p>folded</p></details>"
            "<details open><summary>Open</summary><p>unfolded</p></details>")
    assert texts(html) == ["More", "folded", "Open", "unfolded"]


def test_links_need_href():
    lines = by_text('<p><a name="top">Anchor</a> and <a href="/x">link</a></p>')
    line = lines["Anchor and link"]
    assert line.link_density == pytest.approx(4 / 15)
    assert "a" in line.hints


def test_table_cells_share_a_row_line():
    html = "<table><tr><td>a</td><td></td><td>b <b>c</b></td></tr><tr><td><p>d</p></td><td>e</td></tr></table>"
    assert texts(html) == ["a\tb c", "d", "e"]


def test_class_words_are_whole_tokens():
    html = ('<div class="shadow load header">a</div><div class="adSlot">b</div>'
            '<div id="comments-list">c</div><div class="c-byline__author">d</div>'
            '<div class="newsletterSignup">e</div><div class="breadcrumbs">f</div>'
            '<div class="photo-credit">g</div><div itemprop="author">h</div>'
            '<div role="navigation">i</div><div class="more-stories">j</div>')
    lines = by_text(html)
    assert lines["a"].hints == frozenset()
    assert lines["b"].hints == {"promo"}
    assert lines["c"].hints == {"comment"}
    assert lines["d"].hints == {"byline"}
    assert lines["e"].hints == {"promo"}
    assert lines["f"].hints == {"nav"}
    assert lines["g"].hints == {"caption", "credit"}
    assert lines["h"].hints == {"byline"}
    assert lines["i"].hints == {"nav"}
    assert lines["j"].hints == {"related"}


def test_articles_are_numbered():
    html = ("<article><h1>First</h1><article><p>nested</p></article></article>"
            "<p>between</p><article><h1>Second</h1></article>")
    lines = by_text(html)
    assert {"article", "article-1", "h1"} <= lines["First"].hints
    assert "article-1" in lines["nested"].hints and "article-2" not in lines["nested"].hints
    assert lines["between"].hints == {"p"}
    assert "article-2" in lines["Second"].hints and "article-1" not in lines["Second"].hints


def test_image_alt_is_not_a_line_but_is_collected():
    text, lines, meta, _ = html_to_lines('<img alt="A  bridge"><p>x</p><img alt="A bridge"><img alt="">')
    assert text == "x"
    assert meta.image_alts == ("A bridge",)


def test_white_space_str_split_would_take_but_css_keeps():
    # An ASCII line is collapsed like str.split() (which takes \x0b and \x1c-\x1f for spaces);
    # any other line keeps them. Leading and trailing NBSP go with the strip.
    assert texts("<p>a\x0bb\x1cc</p><p>\u00e9\x0bb</p><p> x \u00a0</p>") == [
        "a b c", "\u00e9\x0bb", "x"]


def test_link_density_of_whole_and_partial_link_lines():
    html = ('<p><a href="/1">One</a> <a href="/2">Two</a></p><p>Read <a href="/x">more</a></p>'
            '<p> <a href="/y"> all link </a> </p><p>one <a href="/x">two <b>three</b></a> four</p>')
    assert [(line.text, line.link_density) for line in html_to_lines(html)[1]] == [
        ("One Two", pytest.approx(6 / 7)), ("Read more", pytest.approx(4 / 9)),
        ("all link", 1.0), ("one two three four", 0.5)]


def test_empty_elements_break_a_line_only_when_shown_as_blocks():
    html = '<p>a<span style="display:block"></span>b<span></span>c<i hidden></i>d</p>'
    assert texts(html) == ["a", "bcd"]
    # An empty or hidden top-level article still takes its number only if it is shown.
    lines = html_to_lines("<div><article></article><article style='display:none'></article>"
                          "<article>third</article></div>")[1]
    assert [(line.text, line.hints) for line in lines] == [("third", {"article", "article-2"})]


def test_hints_of_custom_elements_and_of_text_beside_elements():
    html = ('<my-box class="byline">x</my-box><p>a <b class="promo">b</b> c</p>'
            '<div id="mainNav"><span>n</span></div>')
    assert [(line.text, line.hints) for line in html_to_lines(html)[1]] == [
        ("x", {"byline"}), ("a b c", {"p", "promo"}), ("n", {"nav"})]


# --- Metadata ------------------------------------------------------------------------------------

def test_title_falls_back_to_title_element():
    assert html_to_lines("<title> A \n title </title><p>x</p>")[2].title == "A title"


def test_json_ld_variants():
    def meta(json_ld):
        return html_to_lines(f'<script type="application/ld+json">{json_ld}</script>')[2]

    m = meta('[{"@type": "Organization"}, {"@type": "ReportageNewsArticle", "headline": ["H"],'
             ' "author": "Jo Bloggs", "image": [{"@type": "ImageObject", "caption": "Cap"}, "u.jpg"]}]')
    assert (m.headline, m.authors, m.image_captions) == ("H", ("Jo Bloggs",), ("Cap",))
    m = meta('{"@type": "WebPage", "mainEntity": {"@type": "BlogPosting", "headline": "Blog",'
             ' "articleBody": "Line one\nline two"}}')  # raw newline: tolerated
    assert (m.headline, m.article_body) == ("Blog", "Line one\nline two")
    for broken in ('{"@type": "NewsArticle", "headline": ', "not json", "", "[1, 2", "null",
                   '{"@type": 5, "headline": {"x": 1}}', "[" * 100_000 + "]" * 100_000,
                   '{"@type": "NewsArticle", "headline": 5, "author": [null, 3, {"name": 7}]}'):
        m = meta(broken)
        assert m.headline is None and m.authors == ()


def test_first_json_ld_article_wins_and_broken_scripts_are_skipped():
    html = ('<script type="application/ld+json">{broken</script>'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "One"}</script>'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Two"}</script>')
    assert html_to_lines(html)[2].headline == "One"


def test_json_ld_type_spelling():
    def headline(script):
        return html_to_lines(script + "<p>x</p>")[2].headline

    # An HTML script's type is matched without regard to case, as by the CSS query.
    assert headline('<script type="APPLICATION/LD+JSON">{"@type": "NewsArticle", '
                    '"headline": "Upper"}</script>') == "Upper"
    # A type written with \u escapes is still found; a script with a byte order mark is not
    # JSON (as for json.loads); a script without any article is skipped.
    assert headline('<script type="application/ld+json">{"@type": "News\\u0041rticle", '
                    '"headline": "Escaped"}</script>') == "Escaped"
    assert headline('<script type="application/ld+json">\ufeff{"@type": "NewsArticle", '
                    '"headline": "BOM"}</script>') is None
    assert headline('<script type="application/ld+json">{"@type": "Organization"}</script>'
                    '<script type="application/ld+json">{"@type": "Report", "headline": "R"}'
                    '</script>') == "R"


def test_internal_tables_agree_with_what_they_stand_for():
    from selectolax.lexbor import LexborHTMLParser

    from newsclean import dom
    from newsclean import html as module
    from newsclean.html import tags

    # Every article type holds one of the parts that let a script be skipped unparsed.
    assert all(any(part in name for part in module._ARTICLE_NAME_PARTS)
               for name in module.ARTICLE_TYPES)
    # The table by tag id gives what the table by tag name gives.
    parser = LexborHTMLParser("")
    for name, info in tags.TAG_INFO.items():
        if name is not None and not name.startswith("-"):
            assert tags.TAG_BY_ID.get(parser.create_node(name).tag_id, info) is info
    # Hint bits stand for dom's hint names, and "article-N" for the Nth story.
    assert tags.hint_set(tags.HINT_BIT["h1"] | tags.HINT_BIT["related"] | tags.story_bit(3)) \
        == {"h1", "related", dom.story_hint(3)}


# --- Encoded fixture pages -------------------------------------------------------------------

def test_windows_1256_page_end_to_end():
    html = decode_html((FIXTURES / "arabic-windows-1256.html").read_bytes())
    text, lines, meta, _ = html_to_lines(html)
    assert texts(html) == [
        "افتتاح الجسر القديم بعد عامين من الإصلاح",
        "أعيد فتح الجسر القديم أمام حركة السير يوم الاثنين، بعد عامين من إغلاقه للصيانة.",
        "وقال أحد السائقين: «كان الأمر يستحق الانتظار».",
    ]
    assert "h1" in lines[0].hints
    assert (meta.title, meta.lang) == ("افتتاح الجسر القديم", "ar")


# --- Bad input -----------------------------------------------------------------------------------

def test_broken_and_unclosed_markup():
    html = "<div><p>one<p>two<li>three</b></i><table><td>four<div>five</span>six"
    assert texts(html) == ["one", "two", "three", "four", "fivesix"]  # a stray </span> is ignored
    assert texts("<p>a</p></div></div></body></html><p>after</p>") == ["a", "after"]
    assert texts("<<p>>x< /p><!-- unclosed comment") == ["<", ">x< /p>"]


@pytest.mark.parametrize("tag", ["div", "span", "section", "b", "a href=x"])
def test_100000_nested_elements(tag):
    name = tag.split()[0]
    html = f"<{tag}>" * 100_000 + "deep" + f"</{name}>" * 100_000 + "<p>after</p>"
    start = time.perf_counter()
    text, lines, _, _ = html_to_lines(html)
    assert time.perf_counter() - start < 20
    assert [line.text for line in lines] == ["deep", "after"]


def test_100000_nested_unclosed_list_items():
    start = time.perf_counter()
    assert texts("<ul><li>" * 100_000 + "x") == ["x"]
    assert time.perf_counter() - start < 20


def test_20_mb_attribute():
    for attr in ("class", "style", "id", "alt", "data-x"):
        html = f'<p {attr}="' + "ad relatedTeaser " * 1_200_000 + '">hello</p><p>world</p>'
        start = time.perf_counter()
        assert texts(html) == ["hello", "world"]
        assert time.perf_counter() - start < 20


def test_page_without_body_or_html():
    assert texts("just text, no tags") == ["just text, no tags"]
    assert texts("<p>one</p><p>two") == ["one", "two"]
    assert html_to_lines("<html><head><title>T</title></head></html>")[:2] == ("", [])


def test_frameset_page_has_no_lines():
    html = ('<html><head><title>Frames</title></head><frameset cols="50%,50%">'
            '<frame src="a.html"><frame src="b.html"><noframes>No frames</noframes></frameset></html>')
    text, lines, meta, _ = html_to_lines(html)
    assert (text, lines, meta.title) == ("", [], "Frames")


def test_xml_document_sent_as_html():
    xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>'
           "<item><title>Item one</title><description>A &amp; B</description></item></channel></rss>")
    text, lines, meta, _ = html_to_lines(xml)
    assert "A & B" in text and "<?xml" not in text
    check_offsets(text, lines)


def test_json_document_sent_as_html():
    text, lines, _, _ = html_to_lines('{"headline": "x", "body": [1, 2, 3]}')
    assert [line.text for line in lines] == ['{"headline": "x", "body": [1, 2, 3]}']


@pytest.mark.parametrize("html", ["", " ", "\n\n", "<", "<!DOCTYPE html>", "\x00", "a\x00b",
                                  "<p>\ud800</p>", "\ufeff<p>bom</p>", "<p>" + "x" * 1_000_000])
def test_odd_strings_never_raise(html):
    text, lines, meta, _ = html_to_lines(html)
    check_offsets(text, lines)
    assert isinstance(meta, PageMeta)


def test_decoded_binary_garbage_never_raises():
    garbage = bytes(range(256)).decode("latin-1") * 1000
    text, lines, _, _ = html_to_lines(garbage)
    check_offsets(text, lines)


def test_many_siblings_are_linear():
    html = "<p>para</p>" * 200_000
    start = time.perf_counter()
    assert len(html_to_lines(html)[1]) == 200_000
    assert time.perf_counter() - start < 20


# --- Text for screen readers only ------------------------------------------------------------------

def test_screen_reader_only_text_is_skipped():
    html = ('<p><span class="visually-hidden">Image caption, </span>A harbour at dawn</p>'
            '<a class="skip-link screen-reader-text" href="#main">Skip to content</a>'
            '<ul><span class="sr-only">list of 2 items</span><li><a href="/a">First</a></li>'
            '<li><a href="/b">Second</a></li><span class="sr-only">end of list</span></ul>'
            '<p class="visually-hidden-focusable">kept: a different class</p>'
            '<p id="sr-only">kept: an id is no class</p>')
    assert texts(html) == ["A harbour at dawn", "First", "Second", "kept: a different class",
                           "kept: an id is no class"]


# --- Where the main text is -----------------------------------------------------------------------

PROSE = ("The council voted on Tuesday to build a barrier across the harbour mouth, ending ten "
         "years of argument over its cost, its route and its effect on the fishing fleet.")


def marks(html: str) -> list[tuple[str, str]]:
    """(line, 'content' | 'outside' | '-') for each line."""
    _, lines, _, main_text = html_to_lines(html)
    marks = main_text or [None] * len(lines)
    return [(line.text, {True: "content", False: "outside", None: "-"}[mark])
            for line, mark in zip(lines, marks)]


def test_main_text_is_the_element_that_holds_the_prose():
    paragraphs = "".join(f"<p>{i}. {PROSE}</p>" for i in range(4))
    html = (f"<nav><a href=/>Home</a></nav><h1>Barrier approved</h1>"
            f"<div class=body>{paragraphs}<table><tr><td>High</td><td>06:12</td></tr></table>"
            f"</div><aside><p>{PROSE}</p></aside><footer>Contact</footer>")
    got = dict(marks(html))
    assert {got[f"{i}. {PROSE}"] for i in range(4)} == {"content"}
    assert got["High\t06:12"] == "content"  # a table inside the text is in it
    assert got["Home"] == got["Barrier approved"] == got[PROSE] == got["Contact"] == "outside"


def test_wrappers_of_one_paragraph_each_are_climbed_out_of():
    # <div><div><div><p> per paragraph (BBC's text blocks): the box is the <article> above them.
    blocks = "".join(f"<div><div><div><p>{i}. {PROSE}</p></div></div></div>" for i in range(5))
    html = f"<article><h1>Title</h1>{blocks}</article><p>Footer note, short.</p>"
    got = dict(marks(html))
    assert {got[f"{i}. {PROSE}"] for i in range(5)} == {"content"}


def test_readers_comments_are_never_the_main_text():
    comments = "".join(f"<li class=comment><p>{i}, {PROSE}, {PROSE}</p></li>" for i in range(8))
    html = (f"<article><p>{PROSE}</p><p>Second, {PROSE}</p><p>Third, {PROSE}</p></article>"
            f"<ol class=comments>{comments}</ol>")
    got = dict(marks(html))
    assert got[PROSE] == "content"
    assert got[f"0, {PROSE}, {PROSE}"] == "outside"


def test_a_page_without_prose_has_no_main_text():
    assert {mark for _, mark in marks("<ul><li><a href=/a>One</a></li><li>Two</li></ul>")} == {"-"}


def test_the_next_story_of_an_infinite_scroll_is_main_text_too():
    story = "".join(f"<p>{i}. {PROSE}</p>" for i in range(4))
    shorter = "".join(f"<p>{i}. {PROSE.replace('The council', 'A court')}</p>" for i in range(3))
    html = (f"<article><h1>First story</h1>{story}</article><div class=ad>Advert</div>"
            f"<article><h2>Second story</h2>{shorter}</article>"
            f"<article><h3><a href=/x>A teaser card</a></h3></article>")
    got = dict(marks(html))
    assert got["0. " + PROSE.replace("The council", "A court")] == "content"
    assert got["Second story"] == "content"
    assert got["A teaser card"] == "outside"  # an <article> with no prose is no story
