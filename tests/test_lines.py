"""Stage 1 (text input): split_lines.

The rule (lines.py): a line ends at any of \\r\\n, \\n, \\r, U+2028, U+2029 (and at nothing else:
not at \\x0b, \\x0c, \\x1c-\\x1e or \\x85, which str.splitlines() would also take); a blank or
white-space-only line is no line; a line's text is stripped, and `start`/`end` are the offsets
of the stripped text in the page.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.lines import Line, split_lines


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(ln.text, ln.start, ln.end) for ln in split_lines(text)]


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_each_line_break_kind_ends_a_line(brk):
    # "ab" is 0..2, the break takes len(brk) characters, "cd" follows it.
    text = f"ab{brk}cd"
    assert spans(text) == [("ab", 0, 2), ("cd", 2 + len(brk), 4 + len(brk))]


def test_crlf_is_one_break_not_two():
    # "a\r\n\r\nb": two CRLFs, so one blank line between a and b, and no empty line made.
    assert spans("a\r\n\r\nb") == [("a", 0, 1), ("b", 5, 6)]


def test_lone_cr_then_lf_in_other_order_is_two_breaks():
    # "\n\r" is LF then CR: two breaks, the blank line between is skipped.
    assert spans("a\n\rb") == [("a", 0, 1), ("b", 3, 4)]


def test_mixed_breaks_on_one_page():
    text = "one\r\ntwo\rthree\u2028four\u2029five\nsix"
    assert spans(text) == [
        ("one", 0, 3), ("two", 5, 8), ("three", 9, 14), ("four", 15, 19),
        ("five", 20, 24), ("six", 25, 28),
    ]


@pytest.mark.parametrize("inside", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"])
def test_characters_splitlines_would_break_at_stay_inside_the_line(inside):
    text = f"left{inside}right"
    assert spans(text) == [(text, 0, len(text))]


def test_blank_and_white_space_only_lines_are_skipped():
    text = "\n\n   \n\t \t\nword\n \u00a0 \n\u3000\n"
    # Only "word" has a non-space character: it starts after 2 + 4 + 4 = 10 characters.
    assert spans(text) == [("word", 10, 14)]


def test_ends_are_stripped_and_offsets_are_of_the_stripped_text():
    text = "  \tHello world \t\n\u00a0x "
    lines = split_lines(text)
    assert spans(text) == [("Hello world", 3, 14), ("x", 18, 19)]
    assert all(text[ln.start:ln.end] == ln.text for ln in lines)


def test_stripping_also_on_the_slow_path():
    # A "\r" anywhere takes the regex path: the same stripping and offsets.
    assert spans("  a b  \r  c\r\n") == [("a b", 2, 5), ("c", 10, 11)]


def test_inner_white_space_is_kept():
    assert spans("a   b\tc") == [("a   b\tc", 0, 7)]


def test_empty_page_has_no_lines():
    assert split_lines("") == []
    assert split_lines("\r\n\u2028\u2029 ") == []


def test_text_lines_carry_no_markup():
    (line,) = split_lines("plain")
    assert line == Line("plain", 0, 5)
    assert line.hints == frozenset() and line.link_density == 0.0


# --- properties ---------------------------------------------------------------------------------

PAGE_CHARS = st.sampled_from(
    ["a", "b", "ب", "字", " ", "\t", "\u00a0", "\u3000", "\n", "\r", "\r\n", "\u2028", "\u2029",
     "\x0b", "\x85", "\x1c", "é", "\u0301"])
PAGES = st.lists(PAGE_CHARS, max_size=60).map("".join)


@given(PAGES)
def test_each_line_is_its_span_of_the_text(text):
    for ln in split_lines(text):
        assert text[ln.start:ln.end] == ln.text
        assert ln.text and ln.text == ln.text.strip()


@given(PAGES)
def test_lines_are_in_page_order_and_do_not_overlap(text):
    lines = split_lines(text)
    for a, b in zip(lines, lines[1:]):
        assert a.start < a.end <= b.start < b.end


@given(PAGES)
def test_no_line_holds_a_line_break(text):
    for ln in split_lines(text):
        assert not any(c in ln.text for c in "\n\r\u2028\u2029")


@given(PAGES)
def test_every_non_blank_stretch_between_breaks_is_one_line(text):
    # An independent reading of the rule: cut at every break kind, keep the non-blank pieces.
    pieces = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n").split("\n")
    assert [ln.text for ln in split_lines(text)] == [p.strip() for p in pieces if p.strip()]


@given(st.lists(st.sampled_from(["a", "字", " ", "\t", "\n", "\x0b"]), max_size=40).map("".join))
def test_the_newline_only_fast_path_agrees_with_the_general_path(text):
    # A trailing "\r" sends the page down the regex path and adds only an empty piece.
    assert split_lines(text) == split_lines(text + "\r")
