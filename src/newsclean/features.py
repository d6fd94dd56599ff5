"""Stage 3: what each line looks like, measured once.

Features are facts about one line and its copies on the page — length, punctuation, a credit at
the end, a byline shape, how often and how near its key recurs, what the markup says around it
— computed in one pass, linear in the page. They are the only input of the page model
(labels.py) and what the assembly (assemble.py) needs to cut a block's fields; nothing here
decides a label. The markup's hint words (dom.py) are read here once, into `DomFacts`.

Every threshold is a field of `FeatureKnobs`, at the top of this module, with the one value it
has; `measure(..., knobs=FeatureKnobs(run_min_words=12))` changes one for one call.
"""
from __future__ import annotations

import re
import string

import attrs
import regex

from newsclean import dom
from newsclean.keys import line_key
from newsclean.lexicon import Lexicon
from newsclean.lines import Line


# --- the knobs ----------------------------------------------------------------------------------

@attrs.frozen(slots=True)
class FeatureKnobs:
    """The thresholds of stage 3 (counts are words unless said otherwise)."""

    # How far ("a few lines") a copy may stand to count as an echo of a headline or a caption.
    near_copy_distance: int = 8
    # A line that is mostly a link (the share of its characters inside links).
    link_cut: float = 0.5
    # Scripts without spaces between words: this many characters make a word.
    unspaced_chars_per_word: int = 2
    ui_max_chars: int = 2  # "TT", "A+", "x"
    menu_max_words: int = 25  # items joined by separators, at most this long
    menu_min_tabs: int = 2  # cells of a row without a table
    credit_line_max_words: int = 10  # "Foto: dpa" on a line of its own
    credit_max_words: int = 6  # a parenthesised credit, "(AP Photo/Jane Doe)"
    unknown_credit_min_words: int = 4  # a line this long may end with an unknown name in parentheses
    caption_max_words: int = 60  # a longer line ending in parentheses is a paragraph
    labelled_credit_max_words: int = 6  # "… - تصوير: كريم عبد العزيز"
    agency_tail_min_chars: int = 15  # a caption's sentence before an agency's name
    agency_tail_max_words: int = 8
    inline_teaser_max_label_words: int = 4  # "Lire aussi |", "اقرأ أيضا:"
    byline_max_words: int = 14  # "By Jane Doe | March 4, 2025, 6:12 PM"
    byline_min_words: int = 2
    two_word_byline_min_words: int = 3  # "كتب محمد سعيد"
    name_city_max_words: int = 8  # "سعيد عبد الرازق (أنقرة)"
    name_max_words: int = 4  # … the name and the city, each at most this long
    dateline_max_words: int = 14
    dateline_short_words: int = 7  # this short, a year alone makes a dateline ("Published: May 3, 2025")
    meta_caption_min_words: int = 4  # a shorter alt text is a name (an author's portrait)
    meta_caption_min_chars: int = 11
    meta_body_min_chars: int = 200  # a shorter articleBody is a description, not the text
    meta_body_line_words: int = 6  # a line this long, found in the articleBody, is the article's text
    meta_body_prefix: int = 80  # how much of the line's key must be found there (bodies differ in ends)
    credited_head_distance: int = 2  # lines a reader reads between a headline and its byline
    credited_head_max_skip: int = 8  # lines looked at in all, UI debris and copies included
    within_text_words: int = 8  # a sentence this long, in a run, is the main text's first paragraph
    # A page wrapped whole in a chrome hint says nothing about any line: the hint is dropped
    # where it covers more than this share of the page's words.
    wrapper_share: float = 0.5
    run_min_words: int = 10  # a paragraph: what a reader takes for running text on sight
    run_max_skip: int = 6  # captions, copies and UI lines between two paragraphs of one run
    subheading_max_words: int = 20
    section_max_words: int = 3  # a teaser caption's section label


FEATURE_KNOBS = FeatureKnobs()

# Class and tag hints that mark chrome or a block's part. A page wrapped whole in one of them (an
# ASP.NET <form>, a "promo" or "footer" class on the body) says nothing about any line.
# "related" and "comment" stay: a thread or a rail can really be most of a page.
WRAPPER_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "form", "button",
                           "byline", "caption", "credit"})
CHROME_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "comment", "form", "button"})
SUBHEADING_TAGS = frozenset(dom.HEADINGS[1:])
_NOT_CAPTION_TAGS = frozenset({"li", *dom.HEADINGS})


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
# Sentence-final punctuation, Latin, Arabic (؟ ۔), CJK (。！？), after closing quotes/brackets.
_SENTENCE_END = regex.compile(r"[.!?…؟۔。！？]['\"»”’)\]\s]*$")
# The same, spelt out for _ends_sentence: the marks, and what may follow them (\s as `regex`
# reads it: Python's str.isspace also takes U+001C–U+001F, which must not be skipped here).
_SENTENCE_MARKS = ".!?…؟۔。！？"
_AFTER_SENTENCE_MARK = ("'\"»”’)]\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                        "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_QUESTION_END = re.compile(r"[?؟？]['\"»”’)\]\s]*$")
# What a teaser's summary ends with, after closing quotes: a title does not end with a full stop.
_PERIOD_END = (".", "。", "…", "۔")
# A parenthesised tail: "… (AFP)", "… (أ.ف.ب)", "سعيد عبد الرازق (أنقرة)", "(AP Photo/Jane Doe)".
# Possessive \s*+: a "(" followed by a long run of spaces must not backtrack over every split.
_PAREN_TAIL = regex.compile(r"[(（]\s*+([^()（）]{1,80}?)\s*[)）]\s*$")
# A video widget's tail: "play-circle 00:48", "▶ 1:02:33".
_VIDEO_TAIL = regex.compile(r"\s*(?:[\p{L}\-▶►]{1,15}\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*$")
# "Label: credit" or "© credit" lines and tails: "Foto: dpa", "Photo: Reuters", "© AFP".
_LABELLED = regex.compile(r"^\s*(?:©|\(c\)|(?P<label>[\p{L}][\p{L} ]{0,20}?)\s*[:：|/])\s*(?P<credit>\S.*)$",
                          regex.IGNORECASE)
# A year (1900–2099) or a clock time: the mark of a dateline or a timestamp.
_DATE = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
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
# "Place: Name" or "Place - Outlet" under a headline: a few words, a colon or a dash, a few
# more, no digits ("القاهرة: سامي الفخراني", "الرياض - العربية Business").
_PLACE_NAME_BYLINE = regex.compile(r"^[^\d:：\-–—]{2,30}(?:[:：]|\s[\-–—]\s)\s*[^\d:：.!?؟]{3,40}$")
# A list's numbering before a card's title: "1- ", "2. ", "3) " (the title is what follows).
_LIST_NUMBER = regex.compile(r"^\d{1,2}\s*[-.)–]\s+(?=\S)")
# Position labels that screen readers announce and scrapers copy as lines (their class hides
# them on screen): "list 1 of 2", "list of 3 items", "end of list", "slide 2 of 5".
_POSITION_LABEL = re.compile(
    r"(?:(?:list|item|slide|image|photo) \d+ of \d+|list of \d+ items?|end of list)$")
# Agencies whose name may open a credit printed after a caption's last sentence.
_AGENCY_OPENINGS = ("ap", "afp", "reuters", "the associated press")


# --- what a line is -----------------------------------------------------------------------------

@attrs.frozen(slots=True)
class DomFacts:
    """What the markup says about a line (HTML input; every field false for text input).

    Read once per distinct set of hints (dom.py's words), after the hints that wrap most of the
    page are set aside (they say nothing about any one line)."""

    bare: bool = True  # the markup says nothing: text input, or no hint and no main text found
    h1: bool = False
    subheading: int = 0  # the level of the highest <h2>…<h6> around it (0: none)
    paragraph: bool = False  # <p>
    figure: bool = False
    figcaption: bool = False
    caption_class: bool = False  # a "caption"/"photo" class
    byline_class: bool = False  # a "byline"/"author" class
    address: bool = False  # <address>: the author's contact, by the standard
    list_item: bool = False
    title_class: bool = False  # a "headline"/"title" class
    related: bool = False  # a related-content box ("related", "teaser", "more"…)
    footer: bool = False
    control: bool = False  # a <form> or a <button>
    # Page chrome: nav, footer, aside, share, promo, comments, forms, related boxes — unless a
    # paragraph inside <article> or <main> (a "promo" class high up may wrap the whole page).
    in_chrome: bool = False
    main_text: bool = False  # inside the element that holds the page's prose (html.py)
    outside_text: bool = False  # outside it, on a page where it was found
    story: int = 0  # which top-level <article> (1, 2…; 0: none)

    @property
    def story_heading(self) -> bool:
        """An <h1>, <h2> or <h3>: a heading that may open a story."""
        return self.h1 or self.subheading in (2, 3)


TEXT_DOM = DomFacts()


@attrs.frozen(slots=True)
class CaptionParts:
    """How a caption line divides, for a teaser card's fields (measured on lines with a credit)."""

    text_end: int  # where the caption ends before a video widget's tail
    video_duration: str | None  # "00:48" of "… (AFP) play-circle 00:48"
    credit: str | None  # the parenthesised credit at the end
    credit_at: int  # where that parenthesis opens (len of the line: none)
    section_words: int  # how many of its first words name a known section (0: none)


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
    link_density: float  # the share of its characters inside links (HTML)
    linked: bool  # mostly a link: link_density at or over the cut
    dom: DomFacts
    place_name_byline: bool  # "القاهرة: سامي الفخراني", "LONDON: Jane Doe"
    ends_with_colon: bool  # "… as follows:" leads into a list
    period_end: bool  # ends with a full stop (closing quotes aside): a summary, not a title
    title_start: int  # where a teaser's title begins: after a "Read more" label, a list number
    caption_parts: CaptionParts | None  # for a line with a credit
    meta_headline: bool = False  # the page's metadata names this line its headline (HTML)
    meta_caption: bool = False  # the metadata or an image's alt text gives this line (HTML)
    meta_body: bool = False  # the page's JSON-LD articleBody holds this line (HTML)
    in_run: bool = False  # a paragraph with a paragraph for a neighbour (captions, copies between)
    inline_teaser_at: int | None = None  # "Lire aussi | Title": where the linked title begins
    # In the element that holds the page's prose, after its first paragraph: the article goes
    # on here, no other article begins.
    within_text: bool = False
    byline_after: bool = False  # a byline or a dateline follows it within a couple of lines
    # In the main text of a later top-level <article> (HTML), before its first paragraph: where
    # the next story's headline stands.
    next_story_head: bool = False


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
    def of(cls, meta, knobs: FeatureKnobs = FEATURE_KNOBS) -> MetaEvidence:
        if meta is None:
            return cls()
        heads = {line_key(t) for t in (meta.headline, meta.title) if t}
        # "<headline> | Site name" titles: the part before the separator is the headline.
        heads |= {line_key(regex.split(r"\s[|–—-]\s", t)[0]) for t in (meta.title,) if t}
        caps = {line_key(t) for t in (*meta.image_captions, *meta.image_alts) if t}
        body = line_key(meta.article_body) if meta.article_body else ""
        return cls(frozenset(h for h in heads if h),
                   frozenset(c for c in caps if len(c) >= knobs.meta_caption_min_chars),
                   body if len(body) >= knobs.meta_body_min_chars else "")


# --- the pass -----------------------------------------------------------------------------------

def measure(lines: list[Line], keys: list[str], text: str, lexicon: Lexicon,
            meta: MetaEvidence = MetaEvidence(), main_text: list[bool] | None = None,
            knobs: FeatureKnobs = FEATURE_KNOBS) -> list[Features]:
    """One Features per line, in order. `main_text` (HTML): per line, whether it is inside the
    element that holds the page's prose; None where the page has no clear one."""
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
    ui = [_is_ui(ln.text, k, n, lexicon, notice, knobs)
          for ln, k, n, notice in zip(lines, keys, letter_counts, notices)]
    reading_index, n = [], 0
    for flag in ui:
        reading_index.append(n)
        n += not flag

    by_text: dict[str, tuple] = {}  # a page repeats a sixth of its lines: measure a text once
    texts = []
    for i, (line, key) in enumerate(zip(lines, keys)):
        facts = by_text.get(line.text)
        if facts is None:
            facts = by_text[line.text] = _text_facts(line.text, key, letter_counts[i], lexicon, knobs)
        texts.append(facts)
    dom_facts = _dom_facts(lines, texts, main_text, knobs)

    out = []
    prev_end = 0
    for i, (line, key) in enumerate(zip(lines, keys)):
        t = line.text
        (words, letter_share, sentence_end, byline_shape, related_heading, popular_heading,
         comment_words, section_label, date_like, menu_like, table_row, inline_teaser_at,
         place_name_byline, ends_with_colon, period_end, title_start) = texts[i]
        credit, credit_line = _credit(t, key, words, lexicon, line, notices[i], knobs)
        copies_at = positions[key]
        near = len(copies_at) > 1 and _has_near_copy(copies_at, rank[i], reading_index, knobs)
        density = line.link_density
        linked = density >= knobs.link_cut
        out.append(Features(
            words=words, letter_share=letter_share, sentence_end=sentence_end, credit=credit,
            credit_line=credit_line, byline_shape=byline_shape, ui=ui[i],
            related_heading=related_heading, popular_heading=popular_heading,
            # A linked "Comments" in a share bar is a button, not the heading of a thread.
            comment_heading=comment_words and not linked,
            section_label=section_label, date_like=date_like, menu_like=menu_like,
            table_row=table_row, copies=len(copies_at), first_copy=copies_at[0], near_copy=near,
            blank_before=text.count("\n", prev_end, line.start) >= 2 or "p" in line.hints,
            link_density=density, linked=linked, dom=dom_facts[i],
            place_name_byline=place_name_byline, ends_with_colon=ends_with_colon,
            period_end=period_end, title_start=title_start,
            caption_parts=None if credit is None else _caption_parts(t, lexicon, knobs),
            meta_headline=key in meta.headline_keys,
            meta_caption=words >= knobs.meta_caption_min_words and key in meta.caption_keys,
            meta_body=bool(meta.body_key) and words >= knobs.meta_body_line_words
            and key[:knobs.meta_body_prefix] in meta.body_key,
            inline_teaser_at=inline_teaser_at))
        prev_end = line.end
    _mark_runs(out, lines, knobs)
    _mark_within_text(out, knobs)
    _mark_credited_heads(out, knobs)
    return out


def _text_facts(t: str, key: str, letters: int, lexicon: Lexicon, knobs: FeatureKnobs) -> tuple:
    """What a line's text (and so its key) alone tells, in the order measure() unpacks it."""
    words = _count_words(t, knobs)
    visible = len(t) - t.count(" ")
    sentence_end = _ends_sentence(t)
    heading = _strip_colon(key)
    number = _has_number(key)
    inline_teaser_at = _inline_teaser(t, key, lexicon, knobs)
    return (
        words,
        letters / visible if visible else 0.0,
        sentence_end,
        _byline_shape(t, key, words, lexicon, sentence_end, knobs),
        heading in lexicon.related_headings,
        heading in lexicon.popular_headings,
        heading in lexicon.comment_headings or number and _counted_heading(key, lexicon),
        key in lexicon.sections,
        _date_like(t, key, words, number, lexicon, knobs),
        words <= knobs.menu_max_words and _has_separator(t) or t.count("\t") >= knobs.menu_min_tabs,
        "\t" in t,
        inline_teaser_at,
        _PLACE_NAME_BYLINE.match(t) is not None,
        t.rstrip().endswith((":", "：")),
        t.rstrip("»\"”’' ").endswith(_PERIOD_END),
        _title_start(t, inline_teaser_at, lexicon),
    )


def _dom_facts(lines: list[Line], texts: list[tuple], main_text: list[bool] | None,
               knobs: FeatureKnobs) -> list[DomFacts]:
    """Each line's DomFacts, one object per distinct (hints, main text) on the page."""
    total = sum(facts[0] for facts in texts)
    words_under: dict[str, int] = {}
    for line, facts in zip(lines, texts):
        for h in line.hints & WRAPPER_HINTS:
            words_under[h] = words_under.get(h, 0) + facts[0]
    wrappers = frozenset(h for h, w in words_under.items() if w > knobs.wrapper_share * total)
    cache: dict[tuple, DomFacts] = {}
    out = []
    for i, line in enumerate(lines):
        mark = None if main_text is None else main_text[i]
        key = (line.hints, mark)
        facts = cache.get(key)
        if facts is None:
            facts = cache[key] = _read_hints(line.hints - wrappers, mark)
        out.append(facts)
    return out


def _read_hints(hints: frozenset[str], main_text: bool | None) -> DomFacts:
    if not hints and main_text is None:
        return TEXT_DOM
    h1 = "h1" in hints
    paragraph = "p" in hints
    comment = "comment" in hints
    list_item = "li" in hints
    related = "related" in hints
    if not hints & CHROME_HINTS and not related:
        in_chrome = False
    elif comment and list_item:
        in_chrome = True  # readers' comments as <li><p> inside the <article>
    else:
        in_chrome = not (paragraph and ("article" in hints or "main" in hints))
    return DomFacts(
        bare=False, h1=h1,
        subheading=next((int(h[1]) for h in dom.HEADINGS[1:] if h in hints), 0),
        paragraph=paragraph, figure="figure" in hints, figcaption="figcaption" in hints,
        caption_class="caption" in hints, byline_class="byline" in hints,
        address="address" in hints, list_item=list_item, title_class="title-class" in hints,
        related=related, footer="footer" in hints,
        control="form" in hints or "button" in hints, in_chrome=in_chrome,
        main_text=main_text is True, outside_text=main_text is False,
        story=dom.story_of(hints))


def _mark_credited_heads(feats: list[Features], knobs: FeatureKnobs = FEATURE_KNOBS) -> None:
    """Mark the lines a byline or a dateline follows within a couple of lines (UI debris and
    copies between): where a headline stands, "كتبت منى الشريف", "Published 10:42"."""
    for i, f in enumerate(feats):
        seen, j = 0, i + 1
        # (bounded in lines too: a page of copies, every line seen before, must stay linear)
        stop = min(len(feats), i + 1 + knobs.credited_head_max_skip)
        while j < stop and seen < knobs.credited_head_distance:
            g = feats[j]
            if not (g.ui or g.first_copy != j):
                if g.byline_shape or g.date_like:
                    f.byline_after = True
                    break
                seen += 1
            j += 1


def _mark_within_text(feats: list[Features], knobs: FeatureKnobs) -> None:
    begun = False
    story = None  # the top-level <article> whose text has begun (0: none)
    stories = 1
    for f in feats:
        if f.dom.main_text:
            here = f.dom.story
            if here and story is not None and here != story:
                begun, story = False, None  # the next story (infinite scroll) begins
                stories += 1
            if not begun and f.words >= knobs.within_text_words and f.sentence_end and f.in_run:
                begun, story = True, here or None
            f.within_text = begun
            f.next_story_head = stories > 1 and not begun


def _is_paragraph(f: Features, knobs: FeatureKnobs) -> bool:
    # A line that is mostly a link is a teaser or a button, however it ends (HTML).
    return f.credit is None and not f.linked and (
        f.words >= 2 * knobs.run_min_words or f.words >= knobs.run_min_words and f.sentence_end)


def _mark_runs(feats: list[Features], lines: list[Line], knobs: FeatureKnobs) -> None:
    """Mark paragraphs whose nearest neighbour, over captions, copies and UI debris, is a
    paragraph too. Article text comes in such runs; a teaser's summary stands alone between
    its title and its byline."""
    def transparent(i: int) -> bool:
        f = feats[i]
        subheading = f.words <= knobs.subheading_max_words and not f.linked and bool(f.dom.subheading)
        return (f.first_copy != i or f.ui or f.credit is not None or f.credit_line or subheading
                or f.dom.figcaption and not para[i])

    # A short question is a title ("Will solar end Iraq's power cuts?"), not a paragraph.
    para = [_is_paragraph(f, knobs) and f.first_copy == i
            and not (f.words < 2 * knobs.run_min_words and _QUESTION_END.search(lines[i].text))
            for i, f in enumerate(feats)]
    for i, f in enumerate(feats):
        if not para[i]:
            continue
        for step in (-1, 1):
            j, skipped = i + step, 0
            while 0 <= j < len(feats) and transparent(j) and skipped < knobs.run_max_skip:
                j += step
                skipped += 1
            if 0 <= j < len(feats) and para[j]:
                f.in_run = True
                break


# --- facts of one text --------------------------------------------------------------------------

def _count_letters(t: str) -> int:
    """How many letters (\\p{L}) `t` has."""
    if t.isascii():  # delete the ASCII letters, in C, and count what went
        return len(t) - len(t.encode("ascii").translate(None, _ASCII_LETTERS))
    return len(_NOT_LETTERS.sub("", t))


def _count_words(t: str, knobs: FeatureKnobs = FEATURE_KNOBS) -> int:
    if t.isascii():
        return len(_ASCII_WORD.findall(t))  # no unspaced script is ASCII
    # Most lines have no character of a script without spaces: they skip the second scan.
    unspaced = len(_UNSPACED.findall(t)) if _MAYBE_UNSPACED.search(t) else 0
    words = len(_WORD.findall(t))
    return words + unspaced // knobs.unspaced_chars_per_word if unspaced else words


def _has_near_copy(at: list[int], j: int, reading_index: list[int], knobs: FeatureKnobs) -> bool:
    """Whether copy j of a key stands within near_copy_distance reading lines of the copy
    before or after it (`at`: the copies' line indices, in order). Constant time per line."""
    here = reading_index[at[j]]
    distance = knobs.near_copy_distance
    return (j > 0 and here - reading_index[at[j - 1]] <= distance) or (
        j + 1 < len(at) and reading_index[at[j + 1]] - here <= distance)


def _ends_sentence(t: str) -> bool:
    """Whether _SENTENCE_END matches `t`, without the regex's search from every position: the
    mark must stand right before the run of closing quotes, brackets and space that ends `t`."""
    before = t.rstrip(_AFTER_SENTENCE_MARK)
    return bool(before) and before[-1] in _SENTENCE_MARKS


def _date_like(t: str, key: str, words: int, number: bool, lexicon: Lexicon,
               knobs: FeatureKnobs) -> bool:
    """A dateline or a timestamp: a short line with a year or a clock time, a longer one with a
    clock time, or a number and a time word ("3 hours ago"). A headline that names a year ("…
    in the first quarter of 2025") is none."""
    if words > knobs.dateline_max_words:
        return False
    if number and _relative_time(key, lexicon):
        return True
    if not _has_date(t):
        return False
    return words <= knobs.dateline_short_words or ":" in t and _CLOCK.search(t) is not None


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
        " ".join(pair) in lexicon.date_words for pair in zip(tokens, tokens[1:]))


def _strip_colon(key: str) -> str:
    return key.rstrip(" :：.»›>")


def _counted_heading(key: str, lexicon: Lexicon) -> bool:
    """"Comments (12)", "12 Comments": a comment heading with its count (the caller has found
    the number)."""
    stripped = _COUNT.sub(" ", key).strip()
    return stripped != key and stripped in lexicon.comment_headings


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
    return _VIDEO_TAIL.sub("", t) if _VIDEO_TAIL.search(t) else t


def _credit(t: str, key: str, words: int, lexicon: Lexicon, line: Line, notice: bool,
            knobs: FeatureKnobs) -> tuple[str | None, bool]:
    """The credit a caption line ends with, and whether the whole line is a credit (`notice`:
    the line is a copyright notice)."""
    if notice:
        return None, False
    if key in lexicon.credits:
        return t.strip(), True
    m = _LABELLED.match(t) if words <= knobs.credit_line_max_words and (
        ":" in t or "：" in t or "|" in t or "/" in t or "©" in t or "(c)" in key) else None
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
        if _LETTER.search(inner) and len(inner.split()) <= knobs.credit_max_words:
            known = any(c in inner_key for c in lexicon.credits) \
                or inner_key.split("/")[0].strip() in lexicon.credit_labels
            # "(You can read it here.)" ends a paragraph, not a caption; an unknown credit is a
            # name ("(vegetables, fruit)", "(updated 18:05)" are not), not on a dateline
            # ("Updated 12/3/2025 10:45 (Mecca time)") or a byline ("By Jane Doe (Lyon)"), and
            # not in a link, a heading or a list item ("Apple iPhone 7 (Renewed)").
            if (known or words >= knobs.unknown_credit_min_words and _may_be_a_name(inner)
                    and not _has_date(_without_video(t))
                    and key.split(" ", 1)[0].rstrip(":") not in lexicon.byline_prefixes
                    and line.link_density < knobs.link_cut
                    and line.hints.isdisjoint(_NOT_CAPTION_TAGS)) \
                    and not _ends_sentence(inner) and words <= knobs.caption_max_words:
                return inner, False
    # The tail after the label has no full stop, nor has the label: look after the last one.
    m = _COPYRIGHT_TAIL.search(t, t.rfind(".") + 1) \
        if (":" in t or "©" in t or "(c)" in key or " by " in key) else None
    if m:
        return m.group(1).strip(), False
    tail = _labelled_tail(t, lexicon, knobs) if (":" in t or "：" in t) else None
    if tail:
        return tail, False
    return _agency_tail(t, lexicon, knobs), False


def _labelled_tail(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> str | None:
    """A credit after a known label at the end of a caption: "… - تصوير: كريم عبد العزيز",
    "… Foto: dpa" (the label is the one or two words before the colon)."""
    colon = max(t.rfind(":"), t.rfind("："))
    tail = t[colon + 1:].strip()
    if not 1 <= len(tail.split()) <= knobs.labelled_credit_max_words or _SENTENCE_END.search(tail):
        return None
    head = t[:colon].split()
    for n in (1, 2):
        if len(head) > n and _strip_colon(line_key(" ".join(head[-n:]))) in lexicon.credit_labels:
            return tail
    return None


def _agency_tail(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> str | None:
    """A credit printed after a caption's last sentence without parentheses or a label: the
    tail names a known agency ("AP", "The Associated Press", "AFP via Getty Images")."""
    if t.endswith((".", "!", "?", "؟", "。")):
        return None  # most lines: nothing follows the last sentence end
    # The line's last sentence end (-1: none), before what follows it: "… citizens. AP Photo/Jane Doe".
    last = max(t.rfind("."), t.rfind("!"), t.rfind("?"), t.rfind("؟"), t.rfind("。"))
    if last < knobs.agency_tail_min_chars or last + 1 == len(t):
        return None  # no sentence end, too early a one, or nothing after it
    tail = t[last + 1:].strip()
    if not 1 <= len(tail.split()) <= knobs.agency_tail_max_words:
        return None
    first = line_key(tail.split("/")[0])
    if first in lexicon.credits or any(first.startswith(c + " ") for c in _AGENCY_OPENINGS):
        return tail
    return None


def _inline_teaser(t: str, key: str, lexicon: Lexicon, knobs: FeatureKnobs) -> int | None:
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


def _title_start(t: str, inline_teaser_at: int | None, lexicon: Lexicon) -> int:
    """Where a teaser card's title begins in the line: after an inline "Read more |" label, a
    list's number ("2. "), and a related phrase printed before the link as a label beside it
    ("اقرأ أيضاً «…»", "Read more Title": HTML joins them with a space)."""
    start = inline_teaser_at or 0
    if t[start:start + 1].isdigit():  # (the cheap test: \d is among what isdigit() takes)
        numbered = _LIST_NUMBER.match(t[start:])
        start += numbered.end() if numbered else 0
    title = t[start:]
    words = title.split(" ")
    # (A one-word heading, "Related", may be a title's own first word: three or two words only.)
    if len(words) > 4 and _may_open_with_related_heading(words[0], lexicon):
        for n in (3, 2):
            if len(words) > n + 2 and line_key(" ".join(words[:n])) in lexicon.related_headings:
                rest = " ".join(words[n:]).lstrip()
                return start + len(title) - len(rest)
    return start


def _may_open_with_related_heading(first: str, lexicon: Lexicon) -> bool:
    """Whether a phrase beginning with the word `first` may be a related heading: its key must
    open like one. (A word whose key is empty or holds a space is not judged alone.)"""
    key = line_key(first)
    return not key or " " in key or key in lexicon.related_first_words


def _caption_parts(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> CaptionParts:
    video = _VIDEO_TAIL.search(t)
    text_end, duration = len(t), None
    if video and paren_tail(t) is not None:
        duration = video.group(1)
        text_end = len(t[:video.start()].rstrip())
    caption = t[:text_end]
    m = paren_tail(caption)
    words = caption.split()
    section_words = 0
    for n in range(min(knobs.section_max_words, len(words) - 2), 0, -1):
        if line_key(" ".join(words[:n])) in lexicon.sections:
            section_words = n
            break
    return CaptionParts(text_end, duration, m.group(1).strip() if m else None,
                        m.start() if m else len(t), section_words)


def _byline_shape(t: str, key: str, words: int, lexicon: Lexicon, sentence_end: bool,
                  knobs: FeatureKnobs) -> bool:
    """A short "Name (City)" line, or one that starts with a byline word ("By", "بقلم")."""
    first = key.split(" ", 1)[0].rstrip(":")
    if first in lexicon.byline_prefixes and knobs.byline_min_words <= words <= knobs.byline_max_words \
            and not t.rstrip().endswith("."):
        return True  # "By Jane Doe | March 4, 2025, 6:12 PM"
    if words > knobs.name_city_max_words or sentence_end and not t.rstrip().endswith(")"):
        return False
    two = " ".join(key.split(" ", 2)[:2])
    if two in lexicon.byline_prefixes and words >= knobs.two_word_byline_min_words:
        return True
    m = _PAREN_TAIL.search(t) if (")" in t or "）" in t) else None
    if m:
        head_words = len(_WORD.findall(t[:m.start()]))
        return 1 <= head_words <= knobs.name_max_words and len(m.group(1).split()) <= knobs.name_max_words
    return False


def _is_ui(t: str, key: str, letters: int, lexicon: Lexicon, notice: bool,
           knobs: FeatureKnobs) -> bool:
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
    return len(t) <= knobs.ui_max_chars  # "TT", "A+", "x"
