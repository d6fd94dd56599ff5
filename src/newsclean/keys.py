"""Stage 2: a comparison key per line.

Keys are for comparing only — two lines with the same key are the same line to a reader (a
caption printed twice by a responsive image, a headline echoed under the lead photo). Output
text is always the page's own text, never a key.
"""
from __future__ import annotations

import re
import unicodedata

import regex

# Marks that change nothing a reader sees: bidi controls and isolates, zero-width characters,
# soft hyphen, BOM, Arabic tatweel (U+0640), and Arabic tashkeel (harakat, U+064B–U+065F, U+0670).
# (Plain `re`: the class is explicit code points, which both engines read alike, and `re` calls
# cost a third of `regex` calls.)
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff]+"
)
_SPACE = regex.compile(r"\s+")
# Characters that are no mark (\p{M}) but whose NFKC decomposition starts with a combining mark
# (ccc > 0), so that NFKC sees them as part of a run of marks: U+FF9E/U+FF9F, the half-width
# voiced sound marks (-> U+3099/U+309A). Found by scanning every code point with unicodedata;
# tests/test_keys_marks.py repeats the scan against the running Python's Unicode data. (A
# character whose decomposition starts with a base letter, like U+00E9, ends a run instead.)
DECOMPOSES_TO_MARK = "\uff9e\uff9f"
# They are replaced by the marks they decompose to before the runs are cut (NFKC reads both
# alike), so that the pattern below is one property, twice as fast as a class of three.
_AS_MARK = str.maketrans({"\uff9e": "\u3099", "\uff9f": "\u309a"})
# NFKC reorders a run of combining marks by insertion, quadratic in the run: keys keep the first
# 30 marks of a run (Unicode's stream-safe bound, UAX #15); the page's text is not touched.
MARK_RUN_CAP = 30
_MARK_RUN = regex.compile(r"(\p{M}{%d})\p{M}+" % MARK_RUN_CAP)
# Arabic letter variants a scraper's sources spell either way: alef forms, alef maksura/ya,
# ta marbuta/ha, hamza seats.
# (Pairs for str.replace: eight replaces scan faster than one str.translate through a dict; no
# target is also a source, so the order does not matter.)
_ARABIC_FOLD = (
    ("\u0623", "\u0627"), ("\u0625", "\u0627"), ("\u0622", "\u0627"), ("\u0671", "\u0627"),  # أ إ آ ٱ → ا
    ("\u0649", "\u064a"),  # ى → ي
    ("\u0629", "\u0647"),  # ة → ه
    ("\u0624", "\u0648"),  # ؤ → و
    ("\u0626", "\u064a"),  # ئ → ي
)


def line_key(text: str) -> str:
    """NFKC, marks removed, casefolded, Arabic variants folded, white space folded."""
    if text.isascii():
        # ASCII is NFKC already, has no marks, invisibles or Arabic, and casefolds as lower().
        return _fold_space(text.lower())
    # (A text too short to hold a run longer than MARK_RUN_CAP has none to cut: NFKC reads
    # U+FF9E/U+FF9F as the marks cap_mark_runs makes of them.)
    s = unicodedata.normalize("NFKC", cap_mark_runs(text) if len(text) > MARK_RUN_CAP else text)
    s = _INVISIBLE.sub("", s)
    s = s.casefold()
    for variant, letter in _ARABIC_FOLD:
        s = s.replace(variant, letter)
    return _fold_space(s)


def cap_mark_runs(text: str) -> str:
    """`text` with every run of marks cut to its first 30 (U+FF9E/U+FF9F read as the marks
    they decompose to): what NFKC then reads in linear time."""
    if "\uff9e" in text or "\uff9f" in text:
        text = text.translate(_AS_MARK)
    return _MARK_RUN.sub(r"\1", text)


def _fold_space(s: str) -> str:
    """Each run of white space (as _SPACE reads it) as one space, the ends stripped."""
    # Most keys: printable (so their only white space is " ", Unicode's other spaces being
    # separators or controls), no two spaces in a row and none at the ends: nothing to fold.
    if s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " ":
        return s
    # str.split also breaks at the information separators U+001C–U+001F; regex's \s does not.
    if "\x1c" in s or "\x1d" in s or "\x1e" in s or "\x1f" in s:
        return _SPACE.sub(" ", s).strip()
    return " ".join(s.split())  # the same, when both read the same characters as space


def line_keys(texts) -> list[str]:
    """Keys for a sequence of line texts, in order (identical texts folded once)."""
    cache: dict[str, str] = {}
    out = []
    for t in texts:
        k = cache.get(t)
        if k is None:
            k = cache[t] = line_key(t)
        out.append(k)
    return out
