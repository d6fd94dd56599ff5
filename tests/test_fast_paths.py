"""The fast paths of keys.py, features.py and lines.py give what the regexes they stand in for give.

Each cheap test (a str method, a literal looked for before a scan, plain `re` on ASCII) is
checked against the `regex` pattern that defines it, over generated strings rich in the
characters where the two could part: white space `regex` and `str` disagree on, case variants,
digits of other scripts, marks, scripts without spaces.
"""
from __future__ import annotations

import sys

import regex
from hypothesis import given, settings, strategies as st

from newsclean import features
from newsclean.features import FEATURE_KNOBS
from newsclean.features import credits
from newsclean.features import line_text as F
from newsclean import keys as K
from newsclean.lexicon import (SCRIPT_MIN_SHARE, SCRIPT_PATTERNS, SCRIPT_SAMPLE, script_chars,
                               scripts_of)
from newsclean.lines import LINE_BREAK, _append, split_lines

TRICKY = ("aZc C©()（）.!?…؟۔。！？'\"»”’]:|/·•›-\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u200a\u2028"
          "\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x1f019١٢²½عربيأإآٱىةؤئ\u064b\u0640\u200b漢字ไทยé"
          "\u0301ſKİıßﬁＡ")
texts = st.one_of(st.text(alphabet=TRICKY, max_size=40), st.text(max_size=40),
                  st.lists(st.sampled_from(["19", "2024", "12:30", "copyright", "(c)", "rights",
                                            " | ", "Photo: ", " by ", "AP", ". "]),
                           max_size=8).map("".join),
                  # a line's end: a sentence mark, then closers and spaces of either kind
                  st.tuples(st.text(alphabet=TRICKY, max_size=8), st.sampled_from(".?。x"),
                            st.text(alphabet="'\"»)] \t\xa0\u3000\x1c\x1f", max_size=5))
                  .map("".join))


def _regex_line_key(text: str) -> str:
    """line_key as first written: the definition the fast paths must match."""
    import unicodedata
    s = unicodedata.normalize("NFKC", K.cap_mark_runs(text))
    s = regex.sub(r"[\u00ad\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e"
                  r"\u2060-\u2064\u2066-\u2069\ufeff]+", "", s)
    s = s.casefold().translate(str.maketrans(dict(K._ARABIC_FOLD)))
    return regex.sub(r"\s+", " ", s).strip()


@settings(max_examples=500)
@given(texts)
def test_line_key(t):
    assert K.line_key(t) == _regex_line_key(t)


# Half-width voiced marks and runs of marks on both sides of MARK_RUN_CAP: a key shorter than
# the cap skips cap_mark_runs.
@given(st.text(alphabet="カﾞﾟ\u3099\u309aa\u0301\u0308 ", max_size=2 * K.MARK_RUN_CAP + 5))
def test_line_key_of_marks(t):
    assert K.line_key(t) == _regex_line_key(t)


@settings(max_examples=500)
@given(texts)
def test_features_fast_paths(t):
    assert F.count_letters(t) == len(F._LETTER.findall(t))
    assert F.ends_sentence(t) == bool(F._SENTENCE_END.search(t))
    assert F.has_date(t) == bool(F._DATE.search(t))
    assert F.has_separator(t) == bool(F._SEPARATOR.search(t))
    assert F.has_number(t) == bool(F._DIGIT.search(t))
    assert F.is_copyright_notice(t) == bool(F._COPYRIGHT_NOTICE.match(t))
    if t:
        unspaced = len(F._UNSPACED.findall(t))
        words = len(F._WORD.findall(t))
        assert F.count_words(t, FEATURE_KNOBS) == (words + unspaced // 2 if unspaced else words)
    if "\n" not in t and "\r" not in t:  # (a line holds no line break)
        assert F._may_be_a_bar(t) or F._UI_SEPARATOR.search(t) is None
    m = credits._COPYRIGHT_TAIL.search(t)
    fast = credits._COPYRIGHT_TAIL.search(t, t.rfind(".") + 1)
    assert (m and m.group(1)) == (fast and fast.group(1))
    # facts_of's counts by translation, and the counted heading's pattern on ASCII
    words = F.count_words(t, FEATURE_KNOBS)
    assert F.unicode_counts(t, FEATURE_KNOBS) == (F.count_letters(t), words)
    if t.isascii():
        assert F.ascii_counts(t) == (F.count_letters(t), words, F.has_number(t))
        assert F._ASCII_COUNT.sub(" ", t) == F._COUNT.sub(" ", t)
    for w in t.split():
        assert F._capitalised(w) == (w[:1].isupper() and not w.isupper()
                                     and all(c.isalpha() or c in "'’.-" for c in w))
    for script, pattern in SCRIPT_PATTERNS.items():
        assert script_chars(script, t) == len(regex.findall(pattern.pattern.rstrip("+"), t))
    assert scripts_of(t) == _scripts_by_regex(t)
    assert features._count_letters(t) == len(F._LETTER.findall(t))


def _scripts_by_regex(text: str) -> frozenset[str]:
    """lexicon.scripts_of as first written: each script's characters found one by one."""
    sample = text[:SCRIPT_SAMPLE]
    counts = {name: len(regex.findall(p.pattern.rstrip("+"), sample))
              for name, p in SCRIPT_PATTERNS.items()}
    total = sum(counts.values())
    return frozenset(name for name, n in counts.items() if n and n >= SCRIPT_MIN_SHARE * total)


def test_the_spelt_out_sets_match_the_regexes():
    # _ends_sentence's closers: regex's \s, exactly (no white space past U+3000).
    space = {chr(c) for c in range(0x3001) if regex.match(r"\s", chr(c))}
    assert space == set(F._AFTER_SENTENCE_MARK) - set("'\"»”’)]")
    # A copyright notice begins with ©, ( or c, whatever the case folding.
    starts = {chr(c) for c in range(sys.maxunicode + 1)
              if regex.match(r"(?i)[©(]|c", chr(c))}
    assert starts == F._NOTICE_STARTS
    # No script without spaces below U+0E00 or among the punctuation and symbols after U+2000.
    for c in (*range(0x0E00), *range(0x2000, 0x2E80)):
        assert not F._UNSPACED.match(chr(c)), hex(c)
    # keys._fold_space's shortcut: a printable text's only white space (str's or regex's) is " "
    assert [c for c in range(sys.maxunicode + 1) if chr(c).isprintable() and c != 0x20
            and (chr(c).isspace() or regex.match(r"\s", chr(c)))] == []
    # unicode_counts' classes, over the BMP and every 7th code point above it (the table
    # remembers only the first MAX)
    classes = F._CharClasses()
    for c in (*range(0x10000), *range(0x10000, sys.maxunicode + 1, 7)):
        t = chr(c)
        assert (classes[c] == "a") == bool(F._LETTER.match(t)), hex(c)
        assert (classes[c] in ("a", "0")) == bool(F._WORD.match(t)), hex(c)
    assert len(classes) == F._CharClasses.MAX


def _split_by_regex(text: str) -> list:
    """split_lines as first written: a line between every two LINE_BREAK matches."""
    out: list = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        _append(out, text, pos, m.start())
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


@settings(max_examples=500)
@given(st.one_of(st.text(alphabet="ab \t\n\x0b\x1c\xa0", max_size=30),
                 st.text(alphabet="ab \t\n\r\u2028\u2029\x0b\x1c\xa0", max_size=30)))
def test_split_lines(text):
    assert split_lines(text) == _split_by_regex(text)
