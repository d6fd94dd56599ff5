"""The tree guard (html/nesting.py, issue 15 item 1): whatever the tag soup, the tree the parser
builds from the guarded page is bounded (depth, and elements per tag of the input), the page's
text is kept, and an ordinary page is passed on unchanged (the same object)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean.html import html_to_lines
from newsclean.html.nesting import NESTING_LIMIT, RECONSTRUCT_BUDGET, limit_nesting

FIXTURES = Path(__file__).parent / "fixtures"
STORY = "<p>The council voted on Tuesday to build a flood barrier.</p>"


def tree_size(html: str) -> tuple[int, int]:
    """(elements, greatest depth) of the tree Lexbor builds from `html`."""
    root = LexborHTMLParser(html.encode("utf-8", "ignore")).root
    count = deepest = 0
    todo = [(root, 1)] if root is not None else []
    while todo:
        node, depth = todo.pop()
        count += 1
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if child.tag != "-text":
                todo.append((child, depth + 1))
            child = child.next
    return count, deepest


def bound(html: str) -> tuple[int, int]:
    """What the guard promises for `html`: elements, depth (the model may leave out an element
    that closes its own kind, such as <li> or <td>, hence the margin on depth)."""
    return 2 * html.count("<") + len(html) // 16 + RECONSTRUCT_BUDGET + 100, 2 * NESTING_LIMIT + 16


def _formatting(k: int, paragraph: str = "<p>x</p>") -> str:
    return "<p>" + "".join(f"<b id=b{i}>" for i in range(500)) + "</p>" + paragraph * k


# Each class at a size past the limits: (unguarded elements or depth exceed the bound).
CLASSES = {
    "stray end tags": "<div></i>" * 2000,
    "self-closing blocks": "<div/>" * 2000,
    "'<' inside attributes": "<div x<>" * 2000,
    "unclosed formatting elements": _formatting(60),
    # The text is followed by a comment, not a tag: it rebuilds the <b>s all the same.
    "text before a comment": _formatting(60, "<p>x<!----></p>"),
    "formatting soup": "".join(f"<div><b id=b{i}></i></p><div/>t" for i in range(1500)),
    "span across a block": "<span><div></span>" * 1500,
    "</b> across a block": "<b><div></b>" * 1500,
    "nested tables": "<table><tr><td>" * 1500,
    "list items in sections": "<li><section>" * 1500,
    "form ends": "<form><div></form>" * 1500,
    "unclosed quotes hide nothing": "<div title='>'>" * 2000,
    # HTML inside <foreignObject> or <mi> nests: it leaves foreign content only elsewhere.
    "HTML in svg's foreignObject": "<svg><foreignObject><p>" * 1500,
    "HTML in MathML's mi": "<math><mi><div>" * 1500,
    "svg children named like table cells": "<svg><td><td><form>" * 1000,
    # In <svg> a <plaintext> is an svg element: the markup after it is still markup.
    "plaintext in svg": "<svg><plaintext></svg>" + "<div></i>" * 2000,
}


@pytest.mark.parametrize("soup", list(CLASSES.values()), ids=list(CLASSES))
def test_the_tree_is_bounded_whatever_the_soup(soup):
    page = f"<html><body>{soup}{STORY}</body></html>"
    elements, depth = bound(page)
    guarded = limit_nesting(page)
    got = tree_size(guarded)
    assert got[0] <= elements and got[1] <= depth, got
    # The class is real: without the guard the tree is past the bound.
    raw = tree_size(page)
    assert raw[0] > elements or raw[1] > depth, raw
    if "<svg>" not in soup and "<math>" not in soup:  # (text inside them is never shown)
        text, lines, _, _ = html_to_lines(page)
        assert "The council voted on Tuesday to build a flood barrier." in text


def test_removed_blocks_still_end_lines():
    page = "<body>" + "<div>" * 600 + "one<div>two</div>three" + "</div>" * 600 + "</body>"
    text = html_to_lines(page)[0]
    assert text.split("\n") == ["one", "two", "three"]


def test_ordinary_pages_are_passed_on_unchanged():
    pages = [p for p in sorted(FIXTURES.rglob("*.html"))]
    assert pages
    for path in pages:
        html = path.read_bytes().decode("utf-8", "replace")
        assert limit_nesting(html) is html, path.name
    # Deep but within the limit, and formatting elements rebuilt within the budget.
    deep = "<div>" * 500 + STORY + "</div>" * 500
    assert limit_nesting(deep) is deep
    rebuilt = "<p><b>bold" + "</p><p>x" * 5000
    assert limit_nesting(rebuilt) is rebuilt


def test_script_content_is_not_markup():
    page = "<body><script>" + "'<div>'+" * 3000 + "</script>" + STORY * 300 + "</body>"
    assert limit_nesting(page) is page


PIECES = ("<div>", "</div>", "<div/>", "</i>", "</b>", "<b id=1>", "<b id=2>", "<i>", "<p>",
          "</p>", "<span>", "</span>", "<a href=x>", "</a>", "<table>", "<td>", "<li>",
          "<section>", "<svg>", "<path/>", "</svg>", "<form>", "</form>", "<button>", "x", " ",
          "<div x<>", "<div a='>'>", "<!--c-->", "<template>", "</template>", "<h2>", "</h3>",
          "<font color=red>", "<nobr>", "<select>", "<option>", "<input>", "<img>", "<html>",
          "<math>", "<mi>", "<foreignObject>", "<desc>", "<tr>", "<caption>", "<ruby>", "<rt>",
          "<dd>", "<dt>", "<p/>", "<br/>", "<body>", "<head>", "<frameset>", "<object>",
          "<marquee>", "<applet>", "</table>", "</td>", "</li>", "</h2>", "</button>")


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.integers(50, 400))
def test_a_repeated_soup_builds_a_bounded_tree(pieces, times):
    page = "<body>" + "".join(pieces) * times + STORY + "</body>"
    elements, depth = bound(page)
    got = tree_size(limit_nesting(page))
    assert got[0] <= elements and got[1] <= depth, got



def test_a_tag_keeps_at_most_512_attributes():
    # The parser looks each attribute up among the tag's earlier ones: 80 000 took 23 s.
    page = "<body><div " + " ".join(f"a{i}='v'" for i in range(5000)) + f">{STORY}</div></body>"
    div = LexborHTMLParser(limit_nesting(page)).css_first("div")
    assert len(div.attributes) == 512 and div.attributes["a511"] == "v"
    assert "flood barrier" in html_to_lines(page)[0]
    few = "<body><div " + " ".join(f"a{i}='v'" for i in range(500)) + f">{STORY}</div></body>"
    assert limit_nesting(few) is few


def test_repeated_html_and_body_tags_add_few_attributes():
    # Each later <html>/<body> merges its attributes into the first element's: quadratic.
    page = ("<html lang=en><body class=main>"
            + "".join(f"<html a{i}=1><body b{i}=1>" for i in range(5000)) + STORY)
    tree = LexborHTMLParser(limit_nesting(page))
    assert len(tree.root.attributes) <= 9 and len(tree.body.attributes) <= 9
    assert tree.root.attributes["lang"] == "en" and tree.body.attributes["class"] == "main"


@given(st.text(alphabet="<>/!-?=\"' abpdivtrsvgmathfontlitemplatecolorx\n", max_size=300),
       st.integers(1, 40))
def test_the_guard_takes_any_string(text, times):
    page = text * times
    guarded = limit_nesting(page)
    assert isinstance(guarded, str)
    if guarded is not page:
        tree_size(guarded)  # parses
