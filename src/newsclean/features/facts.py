"""Stage 3's data: the knobs of the features, and the facts they hold for a line.

`FeatureKnobs` (every threshold of stage 3, with the one value it has), `DomFacts` (what the
markup says around a line, read once from its hints), `Features` (one line's facts: the page
model's only input) and `MetaEvidence` (what an HTML page's metadata says, as keys).
"""
from __future__ import annotations

import attrs
import regex

from newsclean import dom
from newsclean.features.credits import CaptionParts
from newsclean.keys import line_key

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
    # A part of a page title split at its separators ("Headline - Section - Site") this long is
    # headline evidence; shorter parts are the site's name or its section.
    title_part_min_words: int = 3
    meta_body_min_chars: int = 200  # a shorter articleBody is a description, not the text
    meta_body_line_words: int = 6  # a line this long, found in the articleBody, is the article's text
    meta_body_prefix: int = 80  # how much of the line's key must be found there (bodies differ in ends)
    # Characters the exact articleBody search may read (lines tested × the body's length): past
    # it, lines are looked up among the body's word starts instead, linear in the page.
    meta_body_search_budget: int = 50_000_000
    ranked_min_items: int = 3  # a list numbered 1, 2, 3… this long ranks its cards
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
    # A run of paragraphs stands somewhere above it: a "Most read" heading here closes an
    # article's text and opens a list of cards; above all text it heads a menu
    text_above: bool = False
    # The rank a numbered list of cards prints before each title ("1 …", "2…", "3. …", the
    # numbers 1, 2, 3… in order): how many characters it takes (0: none)
    rank_end: int = 0
    # Where a clock time stands at the line's start or end, beside a title: a latest-news
    # card's "18:20 Title" or "Title13:02" ((start, end) in the line; None: no such time)
    clock_span: tuple[int, int] | None = None


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
        heads |= _title_parts(meta, knobs)
        caps = {line_key(t) for t in (*meta.image_captions, *meta.image_alts) if t}
        body = line_key(meta.article_body) if meta.article_body else ""
        return cls(frozenset(h for h in heads if h),
                   frozenset(c for c in caps if len(c) >= knobs.meta_caption_min_chars),
                   body if len(body) >= knobs.meta_body_min_chars else "")


# What splits a page title into its headline, its section and the site's name: a bar or a
# guillemet, or a dash, a colon, a slash or a double colon between spaces. (Each run of spaces
# is tried once, from its start: a title of a million spaces stays linear.)
_TITLE_SEPARATORS = regex.compile(r"(?<!\s)(?:\s+(?:[|–—\-·•»:/]|::)\s+|\s*[|»]\s*)")


def _title_parts(meta, knobs: FeatureKnobs) -> set[str]:
    """The keys of the parts of the page's titles ("Headline - Section - Site") that can be its
    headline: long enough, and not the site's name (og:site_name, or a title that another
    title gives as one of its parts)."""
    whole = {line_key(title) for _, title in meta.titles}
    out, site = set(), {line_key(meta.document.site_name or "")}
    for _, title in meta.titles:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) < 2:
            continue
        for part in parts:
            key = line_key(part)
            if key in whole:
                site.add(key)
            elif key and len(part.split()) >= knobs.title_part_min_words:
                out.add(key)
    return out - site
