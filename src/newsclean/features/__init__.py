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

import bisect
import functools

import attrs
import regex

from newsclean import dom
from newsclean.features import line_text
from newsclean.features.line_text import CaptionParts
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
    slash_credit_reach: int = 40  # characters from a caption's end where "AP Photo/Jane Doe" may begin
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
    name_line_max_words: int = 8  # "Scott Roxborough and Gregg Goldstein, Reuters"
    name_line_min_name_words: int = 2  # a name alone: "Fleur Leyden", "Mary Ann Smith"
    name_line_max_name_words: int = 3
    dateline_max_words: int = 18
    dateline_short_words: int = 7  # this short, a year alone makes a dateline ("Published: May 3, 2025")
    meta_caption_min_words: int = 4  # a shorter alt text is a name (an author's portrait)
    meta_caption_min_chars: int = 11
    meta_body_min_chars: int = 200  # a shorter articleBody is a description, not the text
    meta_body_line_words: int = 6  # a line this long, found in the articleBody, is the article's text
    meta_body_prefix: int = 80  # how much of the line's key must be found there (bodies differ in ends)
    # Characters the exact articleBody search may read (lines tested × the body's length): past
    # it, lines are looked up among the body's word starts instead, linear in the page.
    meta_body_search_budget: int = 50_000_000
    credited_head_distance: int = 2  # lines a reader reads between a headline and its byline
    # …or a few more (a standfirst, a section's name, "von", "APA" between): a weaker sign
    credited_head_reach: int = 4
    credited_head_max_skip: int = 8  # lines looked at in all, UI debris and copies included
    deck_min_words: int = 15  # a standfirst under a headline: a long line…
    deck_max_words: int = 60  # …but a few sentences at most
    deck_min_letter_share: float = 0.6  # …of words
    table_lead_min_words: int = 6  # a paragraph ending with a colon that leads into a table
    within_text_words: int = 8  # a sentence this long, in a run, is the main text's first paragraph
    # A page wrapped whole in a chrome hint says nothing about any line: the hint is dropped
    # where it covers more than this share of the page's words.
    wrapper_share: float = 0.5
    run_min_words: int = 10  # a paragraph: what a reader takes for running text on sight…
    long_paragraph_words: int = 20  # …and this long, whatever its end
    run_max_skip: int = 6  # captions, copies and UI lines between two paragraphs of one run
    list_gap_words: int = 6  # a short line of the main text between a list's items ("Pour la pâte")
    foreign_min_words: int = 3  # a line this long may be in a script foreign to its page…
    foreign_share: float = 0.2  # …whose main script holds all but this share of its letters
    speaker_label_max_words: int = 4  # "The Courier:", "Q:": a label before an answer
    subheading_max_words: int = 20
    section_max_words: int = 3  # a known section name opening a teaser's caption…
    caption_min_words_after_section: int = 2  # …leaving this much of the caption
    credit_label_max_words: int = 2  # "تصوير", "Photo by": the words before a credit's colon
    related_phrase_words: tuple[int, ...] = (3, 2)  # a related phrase before a card's title…
    title_min_words_after_phrase: int = 3  # …leaving a title this long


FEATURE_KNOBS = FeatureKnobs()

# Class and tag hints that mark chrome or a block's part. A page wrapped whole in one of them (an
# ASP.NET <form>, a "promo" or "footer" class on the body) says nothing about any line.
# "related" and "comment" stay: a thread or a rail can really be most of a page.
WRAPPER_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "form", "button",
                           "byline", "caption", "credit"})
CHROME_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "comment", "form", "button"})
SUBHEADING_TAGS = frozenset(dom.HEADINGS[1:])
H2, H3 = 2, 3  # heading levels
CARD_LINES = 2  # a teaser card as a reader reads it: its title, then its summary
# Line breaks between two lines that make a blank line between them.
BLANK_LINE_BREAKS = 2

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
    nav: bool = False  # in a <nav>, a menu or a breadcrumb (an SEO title as the trail's last step)
    # Page chrome: nav, footer, aside, share, promo, comments, forms, related boxes — unless a
    # paragraph inside <article> or <main> (a "promo" class high up may wrap the whole page).
    in_chrome: bool = False
    main_text: bool = False  # inside the element that holds the page's prose (html.py)
    outside_text: bool = False  # outside it, on a page where it was found
    story: int = 0  # which top-level <article> (1, 2…; 0: none)
    time: bool = False  # in a <time>: a date the markup vouches for

    @property
    def h2(self) -> bool:
        return self.subheading == H2

    @property
    def story_heading(self) -> bool:
        """An <h1>, <h2> or <h3>: a heading that may open a story."""
        return self.h1 or self.subheading in (H2, H3)


TEXT_DOM = DomFacts()


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
    byline_soon: bool = False  # …or a few lines further on (a standfirst or a label between)
    deck_after: bool = False  # a long line standing alone follows: a headline's standfirst
    name_line: bool = False  # only a name or two (and a place): a byline without its "By"
    # date_like by a number and a time word alone, no year and no clock ("3 hours ago", or
    # "Eat 1–2 hours after your workout")
    relative_time_only: bool = False
    # A row of the table (or an item of the list) that a paragraph ending in a colon introduces
    introduced: bool = False
    # In Latin letters only on a page in another script (or the reverse): an image's English
    # alt text printed beside its Arabic caption
    foreign_script: bool = False


    @property
    def table_in_text(self) -> bool:
        """A row of a table inside the main text (HTML), or a row or a list item that a
        paragraph introduces ("… after 36 races:", "You will need:"): the article's data."""
        return (self.within_text and self.table_row or self.introduced) and not self.linked


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

UI = -2  # where facts_of() puts whether the line is UI debris

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
    by_text: dict[str, tuple] = {}  # a page repeats a sixth of its lines: measure a text once
    texts = []
    for line, key in zip(lines, keys):
        facts = by_text.get(line.text)
        if facts is None:
            facts = by_text[line.text] = line_text.facts_of(line.text, key, lexicon, knobs)
        texts.append(facts)
    # Distances between copies are counted in lines a reader reads: UI debris ("TT", "20")
    # between a headline and its echo does not move them apart.
    reading_index, n = [], 0
    for facts in texts:
        reading_index.append(n)
        n += not facts[UI]
    dom_facts = _dom_facts(lines, texts, main_text, knobs)
    in_body = _body_finder(meta.body_key, len(lines), knobs)

    out = []
    credits: dict[tuple, tuple] = {}
    prev_end = 0
    for i, (line, key) in enumerate(zip(lines, keys)):
        t = line.text
        (words, letter_share, sentence_end, byline_shape, related_heading, popular_heading,
         comment_words, section_label, date_like, menu_like, table_row, inline_teaser_at,
         place_name_byline, ends_with_colon, period_end, title_start, name_line,
         relative_time_only, ui, notice) = texts[i]
        density = line.link_density
        linked = density >= knobs.link_cut
        # A credit depends on the text, and on the line only through these two facts: a text
        # the page repeats (a caption and its copy) is read once.
        credit_key = (t, linked, line.hints.isdisjoint(line_text.NOT_CAPTION_TAGS))
        found = credits.get(credit_key)
        if found is None:
            found = credits[credit_key] = line_text.credit(t, key, words, lexicon, line, notice, knobs)
        credit, credit_line = found
        copies_at = positions[key]
        near = len(copies_at) > 1 and _has_near_copy(copies_at, rank[i], reading_index, knobs)
        # Positional, in the class's field order (tests/test_features.py checks it): the same
        # call with three dozen keywords costs twice as much, once per line of every page.
        out.append(Features(
            words, letter_share, sentence_end, credit, credit_line, byline_shape, ui,
            related_heading, popular_heading,
            # A linked "Comments" in a share bar is a button, not the heading of a thread.
            comment_words and not linked,
            section_label, date_like, menu_like, table_row,
            len(copies_at), copies_at[0], near,  # copies, first_copy, near_copy
            # blank_before
            # (a gap shorter than the breaks cannot hold them: HTML's are one "\n", never counted)
            line.start - prev_end >= BLANK_LINE_BREAKS
            and text.count("\n", prev_end, line.start) >= BLANK_LINE_BREAKS or "p" in line.hints,
            density, linked, dom_facts[i], place_name_byline, ends_with_colon, period_end,
            title_start,
            None if credit is None else line_text.caption_parts(t, lexicon, knobs),
            key in meta.headline_keys,  # meta_headline
            words >= knobs.meta_caption_min_words and key in meta.caption_keys,  # meta_caption
            in_body is not None and words >= knobs.meta_body_line_words  # meta_body
            and in_body(key[:knobs.meta_body_prefix]),
            False,  # in_run: _mark_runs below
            inline_teaser_at,
            # within_text, byline_after, next_story_head, byline_soon, deck_after: the passes below
            False, False, False, False, False,
            name_line, relative_time_only))
        prev_end = line.end
    _mark_runs(out, lines, knobs)
    _mark_within_text(out, knobs)
    _mark_credited_heads(out, knobs)
    _mark_decks_after(out, knobs)
    _mark_introduced_tables(out, knobs)
    _mark_lists_between_paragraphs(out, knobs)
    _mark_foreign_script(out, lines, text, knobs)
    return out


def _dom_facts(lines: list[Line], texts: list[tuple], main_text: list[bool] | None,
               knobs: FeatureKnobs) -> list[DomFacts]:
    """Each line's DomFacts, one object per distinct (hints, main text) on the page."""
    if main_text is None and not any(line.hints for line in lines):
        return [TEXT_DOM] * len(lines)  # a text page: the markup says nothing of any line
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


@functools.lru_cache(maxsize=1 << 12)  # (pages share their sets of hints, as html/tags.hint_set)
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
        control="form" in hints or "button" in hints, nav="nav" in hints, in_chrome=in_chrome,
        main_text=main_text is True, outside_text=main_text is False,
        story=dom.story_of(hints), time="time" in hints)


def _mark_credited_heads(feats: list[Features], knobs: FeatureKnobs = FEATURE_KNOBS) -> None:
    """Mark the lines a byline or a dateline follows within a couple of lines (UI debris and
    copies between): where a headline stands, "كتبت منى الشريف", "Published 10:42"."""
    # From the end: the next few lines a reader reads after each line (UI debris and copies
    # skipped), nearest first; a byline among those within reach marks it.
    ahead: list[int] = []
    for i in range(len(feats) - 1, -1, -1):
        f = feats[i]
        stop = i + 1 + knobs.credited_head_max_skip  # (bounded in lines too, as a reader looks)
        for n, j in enumerate(ahead):
            if j >= stop:
                break
            g = feats[j]
            if g.byline_shape or g.date_like:
                if n < knobs.credited_head_distance:
                    f.byline_after = True
                else:
                    f.byline_soon = True
                break
        if not (f.ui or f.first_copy != i):
            ahead.insert(0, i)
            del ahead[knobs.credited_head_reach:]


def _mark_decks_after(feats: list[Features], knobs: FeatureKnobs) -> None:
    """Mark the lines whose next reading line (UI debris and copies skipped) is a standfirst's
    shape — a long line standing alone, not in a run of paragraphs: the dek under a headline —
    unless the pair repeats (title, summary, title, summary: a rail of teaser cards)."""
    reading = [i for i, f in enumerate(feats) if not f.ui and f.first_copy == i]
    deck = [_deck_shaped(feats[i], knobs) for i in reading]
    for n, i in enumerate(reading[:-1]):
        card = n + 1 + CARD_LINES  # where the next card's summary would stand
        if deck[n + 1] and not (card < len(reading) and deck[card]):
            feats[i].deck_after = True


def _deck_shaped(f: Features, knobs: FeatureKnobs) -> bool:
    return (knobs.deck_min_words <= f.words <= knobs.deck_max_words and not f.in_run
            and f.credit is None and not f.linked and f.letter_share >= knobs.deck_min_letter_share)


def _mark_lists_between_paragraphs(feats: list[Features], knobs: FeatureKnobs) -> None:
    """Mark the items of a list inside the main text (HTML) that stands between two of its
    paragraphs — a recipe's ingredients, a listicle's points, an agenda: the text runs on
    through them. Items that are links (a rail of headlines) are not the text's."""
    def paragraph(f: Features) -> bool:
        return (f.dom.main_text and f.dom.paragraph and f.sentence_end and not f.linked
                and f.words >= knobs.within_text_words)

    def item(f: Features) -> bool:
        return f.dom.main_text and f.dom.list_item and not f.linked and not f.dom.in_chrome

    story = None  # the top-level <article> of the last paragraph (None: no paragraph yet)
    items: list[int] = []  # the list's items since that paragraph
    for i, f in enumerate(feats):
        if paragraph(f):
            if items and f.dom.story == story:
                for j in items:
                    feats[j].introduced = True
            story, items = f.dom.story, []
        elif story is not None and item(f) and f.dom.story == story:
            items.append(i)
        elif story is not None and not (f.ui or f.first_copy != i or f.dom.subheading
                                        or f.dom.main_text and f.words <= knobs.list_gap_words):
            story, items = None, []  # chrome between: the text does not run on through it


def _mark_foreign_script(feats: list[Features], lines: list[Line], text: str,
                         knobs: FeatureKnobs) -> None:
    """Mark the lines written in Latin letters alone on a page in another script, and on a
    Latin page the lines with letters but none of them Latin (ASCII), of a few words or more."""
    sample = text[:SCRIPT_SAMPLE]
    letters = _count_letters(sample)
    if not letters:
        return
    latin = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)) / letters
    if knobs.foreign_share < latin < 1 - knobs.foreign_share:
        return  # a page in two scripts at once: neither is foreign to it
    latin_page = latin > knobs.foreign_share  # (one script holds all but foreign_share of it)
    for f, line in zip(feats, lines):
        if f.words < knobs.foreign_min_words:
            continue
        t = line.text
        ascii_letters = len(t.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
        if latin_page:
            f.foreign_script = not ascii_letters and f.letter_share > 0
        else:
            f.foreign_script = t.isascii() and ascii_letters > 0


_NOT_ASCII_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_LETTER_RUN = regex.compile(r"\p{L}+")
_ASCII = bytes(range(128))
_ASCII_LETTER_BYTES = bytes(b for b in range(128) if chr(b).isalpha())


def _count_letters(sample: str) -> int:
    """How many letters (\\p{L}) `sample` has: its ASCII ones counted in its UTF-8 bytes, the
    pattern run over the rest only (in UTF-8 an ASCII character is one byte, and no other
    character has such a byte). Several times faster on a page of mostly ASCII."""
    data = sample.encode("utf-8", "surrogatepass")
    rest = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return (len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
            + len(rest) - len(_LETTER_RUN.sub("", rest)))
SCRIPT_SAMPLE = 20_000  # characters of the page read for its main script (as lexicon.py reads)


def _mark_introduced_tables(feats: list[Features], knobs: FeatureKnobs) -> None:
    """Mark the rows of a table or the items of a list right after a paragraph that ends with
    a colon ("Final standings after 36 races:", "You will need:"): the text leads into them
    (copies and UI debris between)."""
    lead = False  # inside the rows a paragraph introduced
    for i, f in enumerate(feats):
        if lead and (f.table_row or f.dom.list_item):
            f.introduced = True
        elif f.ends_with_colon and f.words >= knobs.table_lead_min_words \
                and not (f.table_row or f.dom.list_item):
            lead = True
        elif not (f.ui or f.first_copy != i):
            lead = False


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
        f.words >= knobs.long_paragraph_words or f.words >= knobs.run_min_words and f.sentence_end)


def _mark_runs(feats: list[Features], lines: list[Line], knobs: FeatureKnobs) -> None:
    """Mark paragraphs whose nearest neighbour, over captions, copies and UI debris, is a
    paragraph too. Article text comes in such runs; a teaser's summary stands alone between
    its title and its byline."""
    def transparent(i: int) -> bool:
        f = feats[i]
        subheading = f.words <= knobs.subheading_max_words and not f.linked and bool(f.dom.subheading)
        # An interview's speaker label ("Q:", "The Courier:") and, inside the main text, its
        # question: the answers on either side are one text.
        label = f.ends_with_colon and f.words <= knobs.speaker_label_max_words
        question = f.dom.main_text and f.dom.paragraph and question_at[i]
        return (f.first_copy != i or f.ui or f.credit is not None or f.credit_line or subheading
                or f.dom.figcaption and not para[i] or label or question)

    # A short question is a title ("Will solar end Iraq's power cuts?"), not a paragraph.
    question_at = [f.words < knobs.long_paragraph_words and line_text.is_question(line.text)
                   for f, line in zip(feats, lines)]
    para = [_is_paragraph(f, knobs) and f.first_copy == i and not question_at[i]
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


# Where a word begins in a body key (after a space, or after CJK punctuation in text written
# without spaces).
_WORD_BREAKS = frozenset(" 。．！？、，")


def _body_finder(body: str, lines: int, knobs: FeatureKnobs):
    """A test of whether the articleBody key `body` holds a line's key prefix (None: the page
    gives no articleBody).

    Exact (a substring search per line) while lines × the body's length stays within the
    budget. Past it — a huge body on a page of many lines, quadratic to search line by line —
    a prefix is looked up (binary search) among the body's windows that begin at a word start:
    linear in the page, and the same answer for every line whose text begins a word of the body.
    """
    if not body:
        return None
    if lines * len(body) <= knobs.meta_body_search_budget:
        return body.__contains__
    width = knobs.meta_body_prefix
    windows = sorted({body[i:i + width] for i in range(len(body))
                      if i == 0 or body[i - 1] in _WORD_BREAKS})

    def found(prefix: str) -> bool:
        prefix = prefix[:width]
        at = bisect.bisect_left(windows, prefix)
        return at < len(windows) and windows[at].startswith(prefix)
    return found


def _has_near_copy(at: list[int], j: int, reading_index: list[int], knobs: FeatureKnobs) -> bool:
    """Whether copy j of a key stands within near_copy_distance reading lines of the copy
    before or after it (`at`: the copies' line indices, in order). Constant time per line."""
    here = reading_index[at[j]]
    distance = knobs.near_copy_distance
    return (j > 0 and here - reading_index[at[j - 1]] <= distance) or (
        j + 1 < len(at) and reading_index[at[j + 1]] - here <= distance)
