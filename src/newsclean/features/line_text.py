"""Facts of one line's text alone: its words, letters and punctuation, a byline's or a
dateline's shape, a related-link label before it, UI words. (Its photo credit and how a teaser
caption divides: credits.py.)

Measured once per distinct text of a page (features.measure); each function takes the
thresholds it reads from the stage's FeatureKnobs.
"""
from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

import regex

from newsclean import dom
from newsclean.keys import line_key
from newsclean.lexicon import Lexicon
from newsclean.lines import AFTER_SENTENCE_MARK, SENTENCE_MARKS, ends_sentence

if TYPE_CHECKING:
    from newsclean.features import FeatureKnobs

NOT_CAPTION_TAGS = frozenset({"li", *dom.HEADINGS})  # no caption is in these
_PREFIX_WORDS = 2  # a byline prefix of two words: "كتب محمد", "Von unserem"

# --- patterns -----------------------------------------------------------------------------------

# A word: a run of letters/digits (any script), apostrophes and hyphens inside.
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
# Scripts written without spaces between words: their characters are counted instead.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# Where those scripts may be: from U+0E00 (Thai) up, except the punctuation, symbols and arrows
# of U+2000–U+2E7F (’ “ ” … – —), which Latin, Cyrillic and Arabic text uses too.
_MAYBE_UNSPACED = re.compile(r"[\u0e00-\u1fff\u2e80-\U0010ffff]")
_LETTER = regex.compile(r"\p{L}")
_NOT_LETTERS = regex.compile(r"\P{L}+")  # what is left after deleting them is the letters
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
# _WORD on ASCII text, where \p{L} is [A-Za-z], \p{N} is [0-9] and there are no marks. (Plain
# `re`: its calls cost half of `regex`'s, and most lines of most pages are ASCII.)
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGIT = regex.compile(r"\p{N}")
_COUNT = regex.compile(r"[\d\s()\[\]]+")  # "Comments (12)" → "Comments"
_ASCII_COUNT = re.compile(r"[0-9\t\n\x0b\x0c\r ()\[\]]+")  # _COUNT on ASCII, in `re` (cheaper calls)
# Sentence-final punctuation, Latin, Arabic (؟ ۔), CJK (。！？), after closing quotes/brackets.
_SENTENCE_END = regex.compile(r"[.!?…؟۔。！？]['\"»”’)\]\s]*$")
# The same, spelt out for ends_sentence (lines.py, which the HTML reader shares): the marks, and
# what may follow them (tests/test_fast_paths.py checks both against the pattern).
_SENTENCE_MARKS, _AFTER_SENTENCE_MARK = SENTENCE_MARKS, AFTER_SENTENCE_MARK
_QUESTION_END = re.compile(r"[?؟？]['\"»”’)\]\s]*$")
# What a teaser's summary ends with, after closing quotes: a title does not end with a full stop.
_PERIOD_END = (".", "。", "…", "۔")
# A parenthesised tail: "… (AFP)", "… (أ.ف.ب)", "سعيد عبد الرازق (أنقرة)", "(AP Photo/Jane Doe)".
# Possessive \s*+: a "(" followed by a long run of spaces must not backtrack over every split.
_PAREN_TAIL = regex.compile(r"[(（]\s*+([^()（）]{1,80}?)\s*[)）]\s*$")
# A year (1900–2099) or a clock time: the mark of a dateline or a timestamp.
_DATE = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
# Separators that join menu items and share buttons on one line.
_SEPARATOR = regex.compile(r"\s[|·•»›]\s|\u00a0[|·•]\u00a0")
# A copyright notice: page chrome, never a photo credit.
_COPYRIGHT_NOTICE = regex.compile(r"^\s*(?:©|\(c\)|copyright\b).*(?:(?:19|20)\d{2}|rights)", regex.IGNORECASE)
_NOTICE_STARTS = frozenset("©(cC")  # the only characters a notice can begin with, even ignoring case
# "Lire aussi | Title", "Read more: Title", "اقرأ أيضاً: العنوان": a related link inside the text.
_INLINE_SEPARATOR = regex.compile(r"\s*[|:：›»>\-–—]\s*|\s{2,}|\t")  # or a gap: "Read also  Title"
# "Place: Name" or "Place - Outlet" under a headline: a few words, a colon or a dash, a few
# more, no digits ("القاهرة: سامي الفخراني", "الرياض - العربية Business").
_PLACE_NAME_BYLINE = regex.compile(r"^[^\d:：\-–—]{2,30}(?:[:：]|\s[\-–—]\s)\s*[^\d:：.!?؟]{3,40}$")
_PLACE_NAME_REACH = 32  # the place's 30 characters at most, and the separator's space and mark
# A list's numbering before a card's title: "1- ", "2. ", "3) " (the title is what follows).
_LIST_NUMBER = regex.compile(r"^\d{1,2}\s*[-.)–]\s+(?=\S)")
# Position labels that screen readers announce and scrapers copy as lines (their class hides
# them on screen): "list 1 of 2", "list of 3 items", "end of list", "slide 2 of 5".
_POSITION_LABEL = re.compile(
    r"(?:(?:list|item|slide|image|photo) \d+ of \d+|list of \d+ items?|end of list)$")
# Lower-case words inside or between names: "Jan van Dijk", "Ana Gil y Luis Paz". Those of
# the second set join two names.
_NAME_SEPARATORS = frozenset({"and", "und", "et", "y", "e", "&"})
_NAME_JOINERS = _NAME_SEPARATORS | {"von", "van", "der", "de", "da", "del", "di", "du", "la", "le", "bin", "al", "el"}
# --- facts of one text --------------------------------------------------------------------------

def count_letters(t: str) -> int:
    """How many letters (\\p{L}) `t` has."""
    if t.isascii():  # delete the ASCII letters, in C, and count what went
        return len(t) - len(t.encode("ascii").translate(None, _ASCII_LETTERS))
    return len(_NOT_LETTERS.sub("", t))


# ASCII bytes as what ascii_counts reads: letters "a", digits "0", anything else a space; the
# apostrophe and the hyphen, which continue a word but never begin one, are deleted.
_ASCII_CLASSES = bytes(ord("a") if chr(b).isascii() and chr(b).isalpha() else
                       ord("0") if chr(b).isascii() and chr(b).isdigit() else ord(" ")
                       for b in range(256))


def ascii_counts(t: str) -> tuple[int, int, bool]:
    """(count_letters, count_words, has_number) of an ASCII text, from one translation: a word
    (_ASCII_WORD) is a run of letters and digits once its apostrophes and hyphens are gone."""
    classes = b" " + t.encode("ascii").translate(_ASCII_CLASSES, b"'-")
    return classes.count(b"a"), classes.count(b" a") + classes.count(b" 0"), b"0" in classes


class _CharClasses(dict):
    """Any text's characters as ascii_counts' classes (letters "a", digits "0", what continues a
    word but never begins one deleted, anything else a space), for str.translate: each
    character classed once by the patterns themselves (_LETTER, _DIGIT, _WORD), when first met."""

    MAX = 1 << 16  # characters remembered (a page of every code point must not fill memory)

    def __missing__(self, code: int) -> str | None:
        c = chr(code)
        cls = "a" if _LETTER.match(c) else "0" if _DIGIT.match(c) else \
            None if _WORD_INSIDE.match(c) else " "
        if len(self) < self.MAX:
            self[code] = cls
        return cls


_WORD_INSIDE = regex.compile(r"[\p{M}'’\-]")  # what _WORD takes after a word's first character
_CHAR_CLASSES = _CharClasses()


def unicode_counts(t: str, knobs: FeatureKnobs) -> tuple[int, int]:
    """(count_letters, count_words) of any text, from one translation (as ascii_counts): several
    times faster than the patterns on a line of Arabic or Cyrillic."""
    classes = " " + t.translate(_CHAR_CLASSES)
    words = classes.count(" a") + classes.count(" 0")
    return classes.count("a"), _with_unspaced(t, words, knobs)


def count_words(t: str, knobs: FeatureKnobs) -> int:
    if t.isascii():
        return len(_ASCII_WORD.findall(t))  # no unspaced script is ASCII
    return _with_unspaced(t, len(_WORD.findall(t)), knobs)


def _with_unspaced(t: str, words: int, knobs: FeatureKnobs) -> int:
    """`words` and the words that the characters of scripts without spaces make."""
    # Most lines have no character of a script without spaces: they skip the second scan.
    unspaced = len(_UNSPACED.findall(t)) if _MAYBE_UNSPACED.search(t) else 0
    return words + unspaced // knobs.unspaced_chars_per_word if unspaced else words


def relative_time(key: str, words: int, number: bool, lexicon: Lexicon, knobs: FeatureKnobs) -> bool:
    """A short line with a number and a time word: "3 hours ago", "vor 3 Stunden" — or a line
    of text that names a time ("Eat 1–2 hours after your workout"): the labels tell them apart.
    A relative time without a number is one of the lexicon's time words as a whole line ("a
    week ago", "منذ أسبوع", "gestern")."""
    if not number:
        return key in lexicon.date_words
    return words <= knobs.dateline_max_words and _relative_time(key, lexicon)


def date_like(t: str, words: int, relative: bool, knobs: FeatureKnobs) -> bool:
    """A dateline or a timestamp: a short line with a year or a clock time, a longer one with a
    clock time, or a relative time ("3 hours ago"). A headline that names a year ("… in the
    first quarter of 2025") is none."""
    if words > knobs.dateline_max_words:
        return False
    if relative:
        return True
    if not has_date(t):
        return False
    return words <= knobs.dateline_short_words or ":" in t and _CLOCK.search(t) is not None


def has_date(t: str) -> bool:
    """Whether _DATE matches `t`: a year needs a literal "19" or "20", a clock time a colon."""
    return ("19" in t or "20" in t or ":" in t) and _DATE.search(t) is not None


def has_separator(t: str) -> bool:
    # A line with none of the separators' marks has no separator: skip the scan.
    return ("|" in t or "·" in t or "•" in t or "»" in t or "›" in t) \
        and _SEPARATOR.search(t) is not None


def has_number(key: str) -> bool:
    return bool(_ASCII_DIGIT.search(key) if key.isascii() else _DIGIT.search(key))


def is_copyright_notice(t: str) -> bool:
    return t.lstrip()[:1] in _NOTICE_STARTS and _COPYRIGHT_NOTICE.match(t) is not None


def _relative_time(key: str, lexicon: Lexicon) -> bool:
    """"Last updated 15 hours ago", "vor 3 Stunden", "منذ 3 ساعات": a number and a time word
    (the caller has found the number)."""
    tokens = key.split()
    return any(w in lexicon.date_words for w in tokens) or any(
        " ".join(pair) in lexicon.date_words for pair in zip(tokens, tokens[1:]))


def strip_colon(key: str) -> str:
    return key.rstrip(" :：.»›>")


def counted_heading(key: str, lexicon: Lexicon) -> bool:
    """"Comments (12)", "12 Comments": a comment heading with its count (the caller has found
    the number)."""
    stripped = (_ASCII_COUNT if key.isascii() else _COUNT).sub(" ", key).strip()
    return stripped != key and stripped in lexicon.comment_headings


def inline_teaser(t: str, key: str, lexicon: Lexicon, knobs: FeatureKnobs) -> int | None:
    """Where the title begins in a line that opens with a related-link phrase and a separator."""
    if key.split(" ", 1)[0].rstrip(":|") not in lexicon.related_first_words:
        return None
    words = t.split()
    for n in range(1, min(knobs.inline_teaser_max_label_words, len(words) - 1) + 1):
        head = " ".join(words[:n])
        if not t.startswith(head):
            return None
        if head[-1] in ":：" and line_key(head[:-1]) in lexicon.related_headings:
            return len(t) - len(t[len(head):].lstrip())  # "RELATED: Title", "Lesen Sie auch: …"
        m = _INLINE_SEPARATOR.match(t, len(head))
        if m and m.end() > len(head) and _opens_with_related_heading(line_key(head), lexicon):
            return m.end()
    return None


def _opens_with_related_heading(head: str, lexicon: Lexicon) -> bool:
    """"Lire aussi", or a related heading and one more word: "Lire aussi l'enquête"."""
    return head in lexicon.related_headings or head.rsplit(" ", 1)[0] in lexicon.related_headings


def title_start(t: str, inline_teaser_at: int | None, lexicon: Lexicon,
                knobs: FeatureKnobs) -> int:
    """Where a teaser card's title begins in the line: after an inline "Read more |" label, a
    list's number ("2. "), and a related phrase printed before the link as a label beside it
    ("اقرأ أيضاً «…»", "Read more Title": HTML joins them with a space)."""
    start = inline_teaser_at or 0
    if t[start:start + 1].isdigit():  # (the cheap test: \d is among what isdigit() takes)
        numbered = _LIST_NUMBER.match(t[start:])
        start += numbered.end() if numbered else 0
    # (A one-word heading, "Related", may be a title's own first word: three or two words only.)
    after = knobs.title_min_words_after_phrase
    # (The title is cut out and split only where its first word may open a phrase: most
    # lines' first word opens none.)
    space = t.find(" ", start)
    if space >= start and _may_open_with_related_heading(t[start:space], lexicon) \
            and t.count(" ", start) + 1 >= min(knobs.related_phrase_words) + after:
        title = t[start:]
        words = title.split(" ")
        for n in knobs.related_phrase_words:
            if len(words) >= n + after and line_key(" ".join(words[:n])) in lexicon.related_headings:
                rest = " ".join(words[n:]).lstrip()
                return start + len(title) - len(rest)
    return start


def _may_open_with_related_heading(first: str, lexicon: Lexicon) -> bool:
    """Whether a phrase beginning with the word `first` may be a related heading: its key must
    open like one. (A word whose key is empty or holds a space is not judged alone.)"""
    # An ASCII word of letters and digits is its own key, lower-cased (line_key's ASCII path).
    key = first.lower() if first.isascii() and first.isalnum() else line_key(first)
    return not key or " " in key or key in lexicon.related_first_words


def byline_shape(t: str, key: str, words: int, lexicon: Lexicon, sentence_end: bool,
                  knobs: FeatureKnobs) -> bool:
    """A short "Name (City)" line, or one that starts with a byline word ("By", "بقلم")."""
    first, _, rest = key.partition(" ")
    first = first.rstrip(":")
    if first in lexicon.byline_prefixes and knobs.byline_min_words <= words <= knobs.byline_max_words \
            and not t.rstrip().endswith(".") and ": " not in rest.lstrip(" :"):
        # "By Jane Doe | March 4, 2025, 6:12 PM", "Author : DPA"; not a title that leads in with
        # the word: "Von München bis Aachen: Im Netz der China-Agenten"
        return True
    if words > knobs.name_city_max_words or sentence_end and not t.rstrip().endswith(")"):
        return False
    two = " ".join(key.split(" ", _PREFIX_WORDS)[:_PREFIX_WORDS])
    if two in lexicon.byline_prefixes and words >= knobs.two_word_byline_min_words:
        return True
    m = _PAREN_TAIL.search(t) if (")" in t or "）" in t) else None
    if m:
        head_words = len(_WORD.findall(t[:m.start()]))
        place = m.group(1)  # a city or a paper: no number in it ("(pour 6 personnes)", "(4-1)")
        return 1 <= head_words <= knobs.name_max_words and len(place.split()) <= knobs.name_max_words \
            and not any(c.isdigit() for c in place)
    return False


def name_line(t: str, words: int, sentence_end: bool, knobs: FeatureKnobs) -> bool:
    """A line that is only a name or two, perhaps with a place or an outlet after a comma: a
    byline printed without its "By" ("Fleur Leyden", "Roland Parry, Washington", "Scott
    Roxborough and Gregg Goldstein"). Read from case alone: each name is two or three words
    with a capital initial (not in capitals throughout), joined by a lower-case "and", "von"…;
    a script without case never shows one."""
    if not knobs.name_line_min_name_words <= words <= knobs.name_line_max_words or sentence_end \
            or ":" in t:
        return False
    head, comma, rest = t.partition(",")
    if "," in rest or not _names(head.split(), knobs):
        return False
    tail = rest.split()
    return not comma or 1 <= len(tail) <= knobs.name_max_words and all(_capitalised(w) for w in tail)


def _names(tokens: list[str], knobs: FeatureKnobs) -> bool:
    """Whether `tokens` are one or two names: runs of two or three capitalised words (the
    knobs), a joiner between them."""
    run, names = 0, 0
    for i, w in enumerate(tokens):
        if _capitalised(w):
            run += 1
            if run > knobs.name_line_max_name_words:
                return False
        elif w in _NAME_JOINERS and run:
            if w in _NAME_SEPARATORS:  # "and": one name ends, another begins
                if run < knobs.name_line_min_name_words:
                    return False
                names, run = names + 1, 0
        else:
            return False
    return run >= knobs.name_line_min_name_words and names <= 1  # one name, or two


def _capitalised(w: str) -> bool:
    """"Leyden", "O'Brien", "McDonald": a capital initial, not a word in capitals ("NEWS")."""
    return w[:1].isupper() and not w.isupper() and (
        w.isalpha() or all(c.isalpha() or c in "'’.-" for c in w))  # (most words: letters only)


# Between the buttons of a tool bar printed on one line: a bar, a bullet or a run of spaces.
_UI_SEPARATOR = regex.compile(r"\s*[|•·]\s*|\s{2,}")


def _may_be_a_bar(t: str) -> bool:
    """False only where _UI_SEPARATOR cannot match: an ASCII line with no bar and no two white
    space characters in a row (a line holds no line break, so two in a row are two spaces, or
    hold a tab, a vertical tab or a form feed). Most lines: a few C scans instead of the
    pattern's."""
    return not t.isascii() or "|" in t or "  " in t or "\t" in t or "\x0b" in t or "\x0c" in t


def is_ui(t: str, key: str, letters: int, lexicon: Lexicon, notice: bool,
           knobs: FeatureKnobs) -> bool:
    """Page chrome a reader never reads as text: a known UI word, a counter, a lone symbol
    (`notice`: the line is a copyright notice)."""
    if letters == 0:
        return True  # "20", "|", "•••", "00:48"
    if notice:
        return True  # "© 2025 The Harbour Ledger. All rights reserved."
    if key in lexicon.ui or strip_colon(key) in lexicon.ui:
        return True
    if _may_be_a_bar(t) and _UI_SEPARATOR.search(t) and all(
            strip_colon(line_key(part)) in lexicon.ui for part in _UI_SEPARATOR.split(t)
            if part.strip()):
        return True  # a tool bar on one line: "Email This Story   Print This Story", "Share | Print"
    if _POSITION_LABEL.match(key):
        return True  # "list 1 of 2", "end of list": a screen reader's labels, scraped as text
    return len(t) <= knobs.ui_max_chars  # "TT", "A+", "x"


def facts_of(t: str, key: str, lexicon: Lexicon, knobs: FeatureKnobs) -> tuple:
    """What a line's text (and so its key) alone tells, in the order measure() unpacks it."""
    if t.isascii():  # (a line's key has the digits of its text: has_number reads the same)
        letters, words, number = ascii_counts(t)
    else:
        (letters, words), number = unicode_counts(t, knobs), has_number(key)
    notice = is_copyright_notice(t)
    visible = len(t) - t.count(" ")
    sentence_end = ends_sentence(t)
    heading = strip_colon(key)
    inline_teaser_at = inline_teaser(t, key, lexicon, knobs)
    relative = relative_time(key, words, number, lexicon, knobs)
    return (
        words,
        letters / visible if visible else 0.0,
        sentence_end,
        byline_shape(t, key, words, lexicon, sentence_end, knobs),
        heading in lexicon.related_headings,
        heading in lexicon.popular_headings,
        heading in lexicon.comment_headings or number and counted_heading(key, lexicon),
        key in lexicon.sections,
        date_like(t, words, relative, knobs),
        words <= knobs.menu_max_words and has_separator(t) or t.count("\t") >= knobs.menu_min_tabs,
        "\t" in t,
        inline_teaser_at,
        place_name_byline(t),
        t.rstrip().endswith((":", "：")),
        t.rstrip("»\"”’' ").endswith(_PERIOD_END),
        title_start(t, inline_teaser_at, lexicon, knobs),
        name_line(t, words, sentence_end, knobs),
        relative and not has_date(t),  # only a relative time: no year, no clock
        is_ui(t, key, letters, lexicon, notice, knobs),
        notice,
    )


def place_name_byline(t: str) -> bool:
    """Whether _PLACE_NAME_BYLINE matches `t`. Its place holds none of the separators' marks and
    is at most 30 characters long: one of them must stand among the first 32 (the cheap test)."""
    head = t[:_PLACE_NAME_REACH]
    return (":" in head or "：" in head or "-" in head or "–" in head or "—" in head) \
        and _PLACE_NAME_BYLINE.match(t) is not None


def is_question(t: str) -> bool:
    return _QUESTION_END.search(t) is not None
