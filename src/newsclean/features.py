"""Stage 3: what each line looks like, measured once.

Features are facts about one line and its copies on the page — length, punctuation, a credit at
the end, a byline shape, how often and how near its key recurs, the markup's hints — computed in
one pass, linear in the page. The page model (labels.py) turns them into scores; nothing here
decides a label.
"""
from __future__ import annotations

import re
import string

import attrs
import regex

from newsclean.keys import line_key
from newsclean.lexicon import Lexicon
from newsclean.lines import Line

# A word: a run of letters/digits (any script), apostrophes and hyphens inside.
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
# Scripts written without spaces between words: count characters, two to a word.
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
# Sentence-final punctuation, Latin, Arabic (؟ ۔), CJK (。！？), after closing quotes/brackets.
_SENTENCE_END = regex.compile(r"[.!?…؟۔。！？]['\"»”’)\]\s]*$")
# The same, spelt out for _ends_sentence: the marks, and what may follow them (\s as `regex`
# reads it: Python's str.isspace also takes U+001C–U+001F, which must not be skipped here).
_SENTENCE_MARKS = ".!?…؟۔。！？"
_AFTER_SENTENCE_MARK = ("'\"»”’)]\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                        "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# A parenthesised tail: "… (AFP)", "… (أ.ف.ب)", "سعيد عبد الرازق (أنقرة)", "(AP Photo/Jane Doe)".
# Possessive \s*+: a "(" followed by a long run of spaces must not backtrack over every split.
_PAREN_TAIL = regex.compile(r"[(（]\s*+([^()（）]{1,80}?)\s*[)）]\s*$")
# A video widget's tail: "play-circle 00:48", "▶ 1:02:33".
VIDEO_TAIL = regex.compile(r"\s*(?:[\p{L}\-▶►]{1,15}\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*$")
# "Label: credit" or "© credit" lines and tails: "Foto: dpa", "Photo: Reuters", "© AFP".
_LABELLED = regex.compile(r"^\s*(?:©|\(c\)|(?P<label>[\p{L}][\p{L} ]{0,20}?)\s*[:：|/])\s*(?P<credit>\S.*)$",
                          regex.IGNORECASE)
CAPTION_MAX_WORDS = 60  # a longer line ending in parentheses is a paragraph
# A year (1900–2099) or a clock time: the mark of a dateline or a timestamp.
_DATE = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d)")
# Separators that join menu items and share buttons on one line.
_SEPARATOR = regex.compile(r"\s[|·•»›]\s|\u00a0[|·•]\u00a0")
_COPYRIGHT_TAIL = regex.compile(
    r"(?:©|\(c\)|(?:Photo|Foto|Photograph|Image|Credit|Crédit|Bild|Fotografía)\s?:"
    r"|(?:Photo|Photograph|Picture|Image)s? by)\s*([^.]{2,60})$",
    regex.IGNORECASE)
# A copyright notice: page chrome, never a photo credit.
_COPYRIGHT_NOTICE = regex.compile(r"^\s*(?:©|\(c\)|copyright\b).*(?:(?:19|20)\d{2}|rights)", regex.IGNORECASE)
_NOTICE_STARTS = frozenset("©(cC")  # the only characters a notice can begin with, even ignoring case
# "Lire aussi | Title", "Read more: Title", "اقرأ أيضاً: العنوان": a related link inside the text.
_INLINE_SEPARATOR = regex.compile(r"\s*[|:：›»>\-–—]\s*|\s{2,}|\t")  # or a gap: "Read also  Title"


@attrs.define(slots=True)
class Features:
    """Facts about one line. `copies` counts lines of the page with the same key; `first_copy`
    is the index of the earliest of them (== the line's own index for a first occurrence)."""

    words: int
    letter_share: float  # letters among non-space characters
    sentence_end: bool
    credit: str | None  # the credit the line ends with, "(AFP)" → "AFP"
    credit_line: bool  # the whole line is a credit ("Foto: dpa", "© Reuters", "AFP")
    byline_shape: bool  # "Name (City)", "By Jane Doe"
    ui: bool  # a known UI word, or a line with no letters, or a tiny token
    related_heading: bool
    popular_heading: bool  # heads a most-read or latest-news list: chrome, not a related rail
    comment_heading: bool
    section_label: bool  # the whole line is a known section name
    date_like: bool  # a short line with a year or a clock time: a dateline, a timestamp
    menu_like: bool  # items joined by separators: "Home | News | Sport", "Print · Email"
    table_row: bool  # cells joined by tabs (a row of an HTML table, or of a pasted one)
    copies: int
    first_copy: int
    near_copy: bool  # another copy of the key stands within a few lines
    blank_before: bool  # a blank line (or a block boundary) separates it from the line before
    hints: frozenset[str]
    link_density: float
    meta_headline: bool = False  # the page's metadata names this line its headline (HTML)
    meta_caption: bool = False  # the metadata or an image's alt text gives this line (HTML)
    meta_body: bool = False  # the page's JSON-LD articleBody holds this line (HTML)
    in_run: bool = False  # a paragraph with a paragraph for a neighbour (captions, copies between)
    inline_teaser_at: int | None = None  # "Lire aussi | Title": where the linked title begins
    # In the element that holds the page's prose (HTML: html.py's "content" hint), after its
    # first paragraph: the article goes on here, no other article begins.
    within_text: bool = False
    byline_after: bool = False  # a byline or a dateline follows it within a couple of lines
    # In the main text of a later top-level <article> (HTML), before its first paragraph: where
    # the next story's headline stands.
    next_story_head: bool = False


# How far ("a few lines") a copy may stand to count as an echo of a headline or a caption.
NEAR_COPY_DISTANCE = 8


@attrs.frozen(slots=True)
class MetaEvidence:
    """Keys of what an HTML page's metadata says: its headline (JSON-LD headline, og:title,
    <title>), its image captions and alt texts, and its JSON-LD articleBody. Evidence, not a
    replacement: a line must still be on the page to become a block, and a body cut short or
    out of date only says less."""

    headline_keys: frozenset[str] = frozenset()
    caption_keys: frozenset[str] = frozenset()
    body_key: str = ""  # the key of the whole articleBody ("" when the page gives none)

    @classmethod
    def of(cls, meta) -> MetaEvidence:
        if meta is None:
            return cls()
        heads = {line_key(t) for t in (meta.headline, meta.title) if t}
        # "<headline> | Site name" titles: the part before the separator is the headline.
        heads |= {line_key(regex.split(r"\s[|–—-]\s", t)[0]) for t in (meta.title,) if t}
        caps = {line_key(t) for t in (*meta.image_captions, *meta.image_alts) if t}
        body = line_key(meta.article_body) if meta.article_body else ""
        return cls(frozenset(h for h in heads if h), frozenset(c for c in caps if len(c) > 10),
                   body if len(body) >= META_BODY_MIN_CHARS else "")


# An alt text of two or three words is a name (an author's portrait, an agency's logo), not a
# caption: "Michelle de Oliveira" under the headline is the byline.
META_CAPTION_MIN_WORDS = 4
META_BODY_MIN_CHARS = 200  # a shorter articleBody is a description, not the text
META_BODY_LINE_WORDS = 6  # a line this long, found in the articleBody, is the article's text
META_BODY_PREFIX = 80  # how much of the line's key must be found there (bodies differ in ends)


def measure(lines: list[Line], keys: list[str], text: str, lexicon: Lexicon,
            meta: MetaEvidence = MetaEvidence()) -> list[Features]:
    """One Features per line, in order."""
    positions: dict[str, list[int]] = {}
    rank = []  # which copy of its key each line is: 0 for the first
    for i, k in enumerate(keys):
        at = positions.setdefault(k, [])
        rank.append(len(at))
        at.append(i)
    # Distances between copies are counted in lines a reader reads: UI debris ("TT", "20")
    # between a headline and its echo does not move them apart.
    letter_counts = [_count_letters(ln.text) for ln in lines]
    notices = [_is_copyright_notice(ln.text) for ln in lines]
    ui = [_is_ui(ln.text, k, n, lexicon, notice)
          for ln, k, n, notice in zip(lines, keys, letter_counts, notices)]
    reading_index, n = [], 0
    for flag in ui:
        reading_index.append(n)
        n += not flag

    out = []
    prev_end = 0
    by_text: dict[str, tuple] = {}  # a page repeats a sixth of its lines: measure a text once
    for i, (line, key) in enumerate(zip(lines, keys)):
        t = line.text
        facts = by_text.get(t)
        if facts is None:
            facts = by_text[t] = _text_facts(t, key, letter_counts[i], lexicon)
        (words, letter_share, sentence_end, byline_shape, related_heading, popular_heading,
         comment_words, section_label, date_like, menu_like, table_row, inline_teaser_at) = facts
        credit, credit_line = _credit(t, key, words, lexicon, line, notices[i])
        copies_at = positions[key]
        near = len(copies_at) > 1 and _has_near_copy(copies_at, rank[i], reading_index)
        # A linked "Comments" in a share bar is a button, not the heading of a thread.
        comment_heading = comment_words and line.link_density < 0.5
        blank_before = text.count("\n", prev_end, line.start) >= 2 or "p" in line.hints
        # Positional, in the class's field order (test_fast_paths checks it): the same call with
        # two dozen keywords takes three times as long.
        out.append(Features(
            words, letter_share, sentence_end, credit, credit_line, byline_shape, ui[i],
            related_heading, popular_heading, comment_heading, section_label, date_like,
            menu_like, table_row, len(copies_at), copies_at[0], near, blank_before, line.hints,
            line.link_density, key in meta.headline_keys, words >= META_CAPTION_MIN_WORDS and key in meta.caption_keys,
            bool(meta.body_key) and words >= META_BODY_LINE_WORDS
            and key[:META_BODY_PREFIX] in meta.body_key,
            False, inline_teaser_at))
        prev_end = line.end
    _drop_wrapper_hints(out)
    _mark_runs(out, lines)
    _mark_within_text(out)
    _mark_credited_heads(out)
    return out


def _mark_credited_heads(feats: list[Features]) -> None:
    """Mark the lines a byline or a dateline follows within a couple of lines (UI debris and
    copies between): where a headline stands, "كتبت منى الشريف", "Published 10:42"."""
    for i, f in enumerate(feats):
        seen, j = 0, i + 1
        # (bounded in lines too: a page of copies, every line seen before, must stay linear)
        stop = min(len(feats), i + 1 + CREDITED_HEAD_MAX_SKIP)
        while j < stop and seen < CREDITED_HEAD_DISTANCE:
            g = feats[j]
            if not (g.ui or g.first_copy != j):
                if g.byline_shape or g.date_like:
                    f.byline_after = True
                    break
                seen += 1
            j += 1


CREDITED_HEAD_DISTANCE = 2  # lines a reader reads between a headline and its byline
CREDITED_HEAD_MAX_SKIP = 8  # lines looked at in all, UI debris and copies included


def _text_facts(t: str, key: str, letters: int, lexicon: Lexicon) -> tuple:
    """What a line's text (and so its key) alone tells, in the order measure() unpacks it:
    words, letter_share, sentence_end, byline_shape, related_heading, popular_heading, a
    comment heading's words, section_label, date_like, menu_like, table_row, inline_teaser_at."""
    words = _count_words(t)
    visible = len(t) - t.count(" ")
    sentence_end = _ends_sentence(t)
    heading = _strip_colon(key)
    number = _has_number(key)
    return (
        words,
        letters / visible if visible else 0.0,
        sentence_end,
        _byline_shape(t, key, words, lexicon, sentence_end),
        heading in lexicon.related_headings,
        heading in lexicon.popular_headings,
        heading in lexicon.comment_headings or number and _counted_heading(key, lexicon),
        key in lexicon.sections,
        _date_like(t, key, words, number, lexicon),
        words <= 25 and _has_separator(t) or t.count("\t") >= 2,
        "\t" in t,
        _inline_teaser(t, key, lexicon),
    )


def _mark_within_text(feats: list[Features]) -> None:
    begun = False
    story = None  # the top-level <article> ("article-N" hint) whose text has begun
    stories = 1
    for f in feats:
        if "content" in f.hints:
            here = next((h for h in f.hints if h.startswith("article-")), None)
            if here is not None and story is not None and here != story:
                begun, story = False, None  # the next story (infinite scroll) begins
                stories += 1
            if not begun and f.words >= WITHIN_TEXT_WORDS and f.sentence_end and f.in_run:
                begun, story = True, here
            f.within_text = begun
            f.next_story_head = stories > 1 and not begun


WITHIN_TEXT_WORDS = 8  # a sentence this long, in a run, is the main text's first paragraph


# Class and tag hints that mark chrome. A page wrapped whole in one of them (an ASP.NET <form>,
# a "promo" or "footer" class on the body) says nothing about any line: drop such a hint when it
# covers more than WRAPPER_SHARE of the page's words. "related" and "comment" stay: a thread or
# a rail can really be most of a page.
WRAPPER_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "form", "button",
                           "byline", "caption", "credit"})
WRAPPER_SHARE = 0.5


def _drop_wrapper_hints(feats: list[Features]) -> None:
    total = sum(f.words for f in feats)
    words_under: dict[str, int] = {}
    for f in feats:
        for h in f.hints & WRAPPER_HINTS:
            words_under[h] = words_under.get(h, 0) + f.words
    wrappers = frozenset(h for h, w in words_under.items() if w > WRAPPER_SHARE * total)
    if wrappers:
        for f in feats:
            if f.hints & wrappers:
                f.hints = f.hints - wrappers


SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# A paragraph: what a reader takes for running text on sight.
RUN_MIN_WORDS = 10
_QUESTION_END = re.compile(r"[?؟？]['\"»”’)\]\s]*$")
# How many captions, copies and UI lines may stand between two paragraphs of one run.
RUN_MAX_SKIP = 6


def _is_paragraph(f: Features) -> bool:
    # A line that is mostly a link is a teaser or a button, however it ends (HTML).
    return f.credit is None and f.link_density < 0.5 and (
        f.words >= 2 * RUN_MIN_WORDS or f.words >= RUN_MIN_WORDS and f.sentence_end)


def _mark_runs(feats: list[Features], lines: list[Line]) -> None:
    """Mark paragraphs whose nearest neighbour, over captions, copies and UI debris, is a
    paragraph too. Article text comes in such runs; a teaser's summary stands alone between
    its title and its byline."""
    def transparent(i: int) -> bool:
        f = feats[i]
        subheading = f.words <= 20 and f.link_density < 0.5 and bool(f.hints & SUBHEADING_TAGS)
        return (f.first_copy != i or f.ui or f.credit is not None or f.credit_line or subheading
                or "figcaption" in f.hints and not para[i])

    # A short question is a title ("Will solar end Iraq's power cuts?"), not a paragraph.
    para = [_is_paragraph(f) and f.first_copy == i
            and not (f.words < 2 * RUN_MIN_WORDS and _QUESTION_END.search(lines[i].text))
            for i, f in enumerate(feats)]
    for i, f in enumerate(feats):
        if not para[i]:
            continue
        for step in (-1, 1):
            j, skipped = i + step, 0
            while 0 <= j < len(feats) and transparent(j) and skipped < RUN_MAX_SKIP:
                j += step
                skipped += 1
            if 0 <= j < len(feats) and para[j]:
                f.in_run = True
                break


def _count_letters(t: str) -> int:
    """How many letters (\\p{L}) `t` has."""
    if t.isascii():  # delete the ASCII letters, in C, and count what went
        return len(t) - len(t.encode("ascii").translate(None, _ASCII_LETTERS))
    return len(_NOT_LETTERS.sub("", t))


def _count_words(t: str) -> int:
    if t.isascii():
        return len(_ASCII_WORD.findall(t))  # no unspaced script is ASCII
    # Most lines have no character of a script without spaces: they skip the second scan.
    unspaced = len(_UNSPACED.findall(t)) if _MAYBE_UNSPACED.search(t) else 0
    words = len(_WORD.findall(t))
    return words + unspaced // 2 if unspaced else words


def _has_near_copy(at: list[int], j: int, reading_index: list[int]) -> bool:
    """Whether copy j of a key stands within NEAR_COPY_DISTANCE reading lines of the copy
    before or after it (`at`: the copies' line indices, in order). Constant time per line."""
    here = reading_index[at[j]]
    return (j > 0 and here - reading_index[at[j - 1]] <= NEAR_COPY_DISTANCE) or (
        j + 1 < len(at) and reading_index[at[j + 1]] - here <= NEAR_COPY_DISTANCE)


def _ends_sentence(t: str) -> bool:
    """Whether _SENTENCE_END matches `t`, without the regex's search from every position: the
    mark must stand right before the run of closing quotes, brackets and space that ends `t`."""
    before = t.rstrip(_AFTER_SENTENCE_MARK)
    return bool(before) and before[-1] in _SENTENCE_MARKS


def _date_like(t: str, key: str, words: int, number: bool, lexicon: Lexicon) -> bool:
    """A dateline or a timestamp: a short line with a year or a clock time, a longer one with a
    clock time, or a number and a time word ("3 hours ago"). A headline that names a year ("…
    in the first quarter of 2025") is none."""
    if words > DATELINE_MAX_WORDS:
        return False
    if number and _relative_time(key, lexicon):
        return True
    if not _has_date(t):
        return False
    return words <= DATELINE_SHORT_WORDS or ":" in t and _CLOCK.search(t) is not None


DATELINE_MAX_WORDS = 14
DATELINE_SHORT_WORDS = 7  # this short, a year alone makes a dateline ("Published: May 3, 2025")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


def _has_date(t: str) -> bool:
    """Whether _DATE matches `t`: a year needs a literal "19" or "20", a clock time a colon."""
    return ("19" in t or "20" in t or ":" in t) and _DATE.search(t) is not None


def _has_separator(t: str) -> bool:
    # A line with none of the separators' marks has no separator: skip the scan.
    return ("|" in t or "·" in t or "•" in t or "»" in t or "›" in t) \
        and _SEPARATOR.search(t) is not None


def _has_number(key: str) -> bool:
    return bool(_ASCII_DIGIT.search(key) if key.isascii() else _DIGIT.search(key))


def _is_copyright_notice(t: str) -> bool:
    return t.lstrip()[:1] in _NOTICE_STARTS and _COPYRIGHT_NOTICE.match(t) is not None


def _relative_time(key: str, lexicon: Lexicon) -> bool:
    """"Last updated 15 hours ago", "vor 3 Stunden", "منذ 3 ساعات": a number and a time word
    (the caller has found the number)."""
    tokens = key.split()
    return any(w in lexicon.date_words for w in tokens) or any(
        " ".join(tokens[i:i + 2]) in lexicon.date_words for i in range(len(tokens) - 1))


def _strip_colon(key: str) -> str:
    return key.rstrip(" :：.»›>")


def _counted_heading(key: str, lexicon: Lexicon) -> bool:
    """"Comments (12)", "12 Comments": a comment heading with its count (the caller has found
    the number)."""
    stripped = _COUNT.sub(" ", key).strip()
    return stripped != key and stripped in lexicon.comment_headings


_NOT_CAPTION_TAGS = frozenset({"li", "h1", "h2", "h3", "h4", "h5", "h6"})


def _may_be_a_name(inner: str) -> bool:
    """Whether a parenthetical could be a name: no digits, not begun in lower case."""
    return not inner[:1].islower() and not any(c.isdigit() for c in inner)


def paren_tail(t: str) -> regex.Match | None:
    """The parenthesised tail of a line, video widget aside: "… (AFP) play-circle 00:48"."""
    return _PAREN_TAIL.search(_without_video(t))


def _without_video(t: str) -> str:
    """`t` without a video widget's tail ("play-circle 00:48")."""
    if ":" not in t:
        return t  # the tail's clock time needs a colon
    return VIDEO_TAIL.sub("", t) if VIDEO_TAIL.search(t) else t


def _credit(t: str, key: str, words: int, lexicon: Lexicon, line: Line,
            notice: bool) -> tuple[str | None, bool]:
    """The credit a caption line ends with, and whether the whole line is a credit (`notice`:
    the line is a copyright notice)."""
    if notice:
        return None, False
    if key in lexicon.credits:
        return t.strip(), True
    m = _LABELLED.match(t) if words <= 10 and (":" in t or "：" in t or "|" in t or "/" in t
                                                or "©" in t or "(c)" in key) else None
    if m:
        label = m.group("label")
        if label is None or _strip_colon(line_key(label)) in lexicon.credit_labels:
            return m.group("credit").strip(), True
    m = paren_tail(t) if (")" in t or "）" in t) else None
    if m:
        inner = m.group(1).strip()
        inner_key = line_key(inner)
        # A short parenthetical that names an agency, or any short one at the end of a long line
        # ("… ديسمبر الماضي (أ.ف.ب)"); a year or a number in parentheses is not a credit.
        if _LETTER.search(inner) and len(inner.split()) <= 6:
            known = any(c in inner_key for c in lexicon.credits) or inner_key.split("/")[0].strip() in lexicon.credit_labels
            # "(You can read it here.)" ends a paragraph, not a caption; an unknown credit is a
            # name ("(vegetables, fruit)", "(updated 18:05)" are not), not on a dateline
            # ("Updated 12/3/2025 10:45 (Mecca time)") or a byline ("By Jane Doe (Lyon)"), and
            # not in a link, a heading or a list item ("Apple iPhone 7 (Renewed)").
            if (known or words >= 4 and _may_be_a_name(inner) and not _has_date(_without_video(t))
                    and key.split(" ", 1)[0].rstrip(":") not in lexicon.byline_prefixes
                    and line.link_density < 0.5 and line.hints.isdisjoint(_NOT_CAPTION_TAGS)) \
                    and not _ends_sentence(inner) and words <= CAPTION_MAX_WORDS:
                return inner, False
    # The tail after the label has no full stop, nor has the label: look after the last one.
    m = _COPYRIGHT_TAIL.search(t, t.rfind(".") + 1) \
        if (":" in t or "©" in t or "(c)" in key or " by " in key) else None
    if m:
        return m.group(1).strip(), False
    tail = _labelled_tail(t, lexicon) if (":" in t or "：" in t) else None
    if tail:
        return tail, False
    return _agency_tail(t, lexicon), False


def _labelled_tail(t: str, lexicon: Lexicon) -> str | None:
    """A credit after a known label at the end of a caption: "… - تصوير: كريم عبد العزيز",
    "… Foto: dpa"."""
    colon = max(t.rfind(":"), t.rfind("："))
    tail = t[colon + 1:].strip()
    if not 1 <= len(tail.split()) <= 6 or _SENTENCE_END.search(tail):
        return None
    head = t[:colon].split()
    for n in (1, 2):
        if len(head) > n and _strip_colon(line_key(" ".join(head[-n:]))) in lexicon.credit_labels:
            return tail
    return None


def _agency_tail(t: str, lexicon: Lexicon) -> str | None:
    """A credit printed after a caption's last sentence without parentheses or a label: the
    tail names a known agency ("AP", "The Associated Press", "AFP via Getty Images")."""
    if t.endswith((".", "!", "?", "؟", "。")):
        return None  # most lines: nothing follows the last sentence end
    # The line's last sentence end (-1: none), before what follows it: "… citizens. AP Photo/Jane Doe".
    last = max(t.rfind("."), t.rfind("!"), t.rfind("?"), t.rfind("؟"), t.rfind("。"))
    if last < 15 or last + 1 == len(t):
        return None  # no sentence end, too early a one, or nothing after it
    tail = t[last + 1:].strip()
    n = len(tail.split())
    if not 1 <= n <= 8:
        return None
    first = line_key(tail.split("/")[0])
    if first in lexicon.credits or any(first.startswith(c + " ") for c in ("ap", "afp", "reuters", "the associated press")):
        return tail
    return None


def _inline_teaser(t: str, key: str, lexicon: Lexicon) -> int | None:
    """Where the title begins in a line that opens with a related-link phrase and a separator."""
    if key.split(" ", 1)[0].rstrip(":|") not in lexicon.related_first_words:
        return None
    words = t.split()
    for n in range(1, min(4, len(words) - 1) + 1):
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


def _byline_shape(t: str, key: str, words: int, lexicon: Lexicon, sentence_end: bool) -> bool:
    """A short "Name (City)" line, or one that starts with a byline word ("By", "بقلم")."""
    first = key.split(" ", 1)[0].rstrip(":")
    if first in lexicon.byline_prefixes and 2 <= words <= 14 and not t.rstrip().endswith("."):
        return True  # "By Jane Doe | March 4, 2025, 6:12 PM"
    if words > 8 or sentence_end and not t.rstrip().endswith(")"):
        return False
    two = " ".join(key.split(" ", 2)[:2])
    if two in lexicon.byline_prefixes and words >= 3:
        return True
    m = _PAREN_TAIL.search(t) if (")" in t or "）" in t) else None
    if m:
        head_words = len(_WORD.findall(t[:m.start()]))
        return 1 <= head_words <= 4 and len(m.group(1).split()) <= 4
    return False


# Position labels that screen readers announce and scrapers copy as lines (their class hides
# them on screen): "list 1 of 2", "list of 3 items", "end of list", "slide 2 of 5".
_POSITION_LABEL = re.compile(
    r"(?:(?:list|item|slide|image|photo) \d+ of \d+|list of \d+ items?|end of list)$")


def _is_ui(t: str, key: str, letters: int, lexicon: Lexicon, notice: bool) -> bool:
    """Page chrome a reader never reads as text: a known UI word, a counter, a lone symbol
    (`notice`: the line is a copyright notice)."""
    if letters == 0:
        return True  # "20", "|", "•••", "00:48"
    if notice:
        return True  # "© 2025 The Harbour Ledger. All rights reserved."
    if key in lexicon.ui or _strip_colon(key) in lexicon.ui:
        return True
    if _POSITION_LABEL.match(key):
        return True  # "list 1 of 2", "end of list": a screen reader's labels, scraped as text
    return len(t) <= 2  # "TT", "A+", "x"
