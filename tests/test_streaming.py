"""Streamed server rendering (html/streaming.py): each segment where its placeholder was."""
from __future__ import annotations

from newsclean.html import html_to_lines

SHELL = ('<body><main><h1>Title</h1>{placeholder}<p>Shell paragraph after the placeholder.</p>'
         '</main><footer>Footer line</footer>{segments}</body>')
SEGMENT = '<div hidden id="S:{n}"><p>{text}</p></div>'
PLACEHOLDER = '<!--$?--><template id="B:{n}"></template><div class="skeleton">Loading…</div><!--/$-->'


def lines_of(html: str) -> list[str]:
    return [line.text for line in html_to_lines(html)[1]]


def test_a_segment_takes_its_placeholders_place_and_the_fallback_goes():
    page = SHELL.format(placeholder=PLACEHOLDER.format(n=0),
                        segments=SEGMENT.format(n=0, text="Streamed text."))
    assert lines_of(page) == ["Title", "Streamed text.", "Shell paragraph after the placeholder.",
                              "Footer line"]


def test_a_segment_may_hold_the_placeholder_of_the_next():
    inner = "First part." + "</p>" + PLACEHOLDER.format(n=1) + "<p>"
    page = SHELL.format(placeholder=PLACEHOLDER.format(n=0),
                        segments=SEGMENT.format(n=0, text=inner) + SEGMENT.format(n=1, text="Second part."))
    assert lines_of(page) == ["Title", "First part.", "Second part.",
                              "Shell paragraph after the placeholder.", "Footer line"]


def test_a_segment_without_a_placeholder_shows_where_it_is_and_nothing_else_moves():
    page = SHELL.format(placeholder="", segments=SEGMENT.format(n=3, text="Orphan segment."))
    assert lines_of(page) == ["Title", "Shell paragraph after the placeholder.", "Footer line",
                              "Orphan segment."]


def test_without_the_comment_that_ends_the_fallback_nothing_after_the_placeholder_is_removed():
    placeholder = '<template id="B:0"></template><div>Kept: no end marker</div>'
    page = SHELL.format(placeholder=placeholder, segments=SEGMENT.format(n=0, text="Streamed."))
    assert lines_of(page) == ["Title", "Streamed.", "Kept: no end marker",
                              "Shell paragraph after the placeholder.", "Footer line"]
