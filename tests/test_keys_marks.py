"""Keys cap every run of what NFKC treats as combining marks, not only of \\p{M} (keys.py).

A run of marks of alternating classes costs NFKC an insertion sort, quadratic in the run; keys
cut runs to 30 before NFKC. A character that is no mark but decomposes to one (U+FF9E, U+FF9F)
continues such a run, so the cap must count it too. Here the class is found again by scanning
every code point with the running Python's unicodedata: a newer Unicode adding such a
character fails this test until keys.DECOMPOSES_TO_MARK lists it.
"""
from __future__ import annotations

import sys
import unicodedata

import regex

from newsclean.keys import DECOMPOSES_TO_MARK, cap_mark_runs, line_key

_MARK = regex.compile(r"\p{M}")


def _starts_with_a_mark_once_decomposed() -> set[str]:
    found = set()
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        d = unicodedata.normalize("NFKD", c)
        if d != c and unicodedata.combining(d[0]) and not _MARK.match(c):
            found.add(c)
    return found


def test_every_character_that_decomposes_to_a_leading_mark_is_capped():
    assert _starts_with_a_mark_once_decomposed() == set(DECOMPOSES_TO_MARK)


def test_every_combining_character_is_a_mark_to_the_cap():
    # ccc > 0 is what NFKC reorders; every such character must be in \p{M} (regex's data).
    assert all(_MARK.match(chr(cp)) for cp in range(sys.maxunicode + 1)
               if not 0xD800 <= cp <= 0xDFFF and unicodedata.combining(chr(cp)))


def test_a_run_of_marks_and_halfwidth_voiced_marks_is_cut_to_30():
    run = "\u0301\uff9e" * 5_000
    assert cap_mark_runs("a" + run) == "a" + "\u0301\u3099" * 15
    assert line_key("a" + run) == line_key("a" + run[:30])


def test_a_short_run_keeps_every_mark():
    text = "\u30ab\uff9e\u0301" * 1 + "x"
    assert line_key(text) == unicodedata.normalize("NFKC", text).casefold()
