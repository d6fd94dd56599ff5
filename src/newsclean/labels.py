"""Stage 4: a label per line, from one explicit model of the page.

A news page reads, top to bottom, as a path through a few states:

    PRE ─▶ HEAD ─▶ LEAD ─▶ BODY ─▶ OUT ─▶ COMHEAD ─▶ COMMENTS
                             │       │
                             ▼       ▼
                          RELHEAD ─▶ RELATED ─▶ HEAD (the next article, from infinite scroll)

PRE is the chrome before the first article; HEAD its headline; LEAD what stands between headline
and text (captions, bylines, dates, the standfirst, UI debris); BODY the running text with its
in-body captions and subheadings; GAP chrome inside the text (an ad, a promo box); RELHEAD a
related-articles heading; RELATED a teaser rail; OUT the chrome after; COMHEAD a comments heading
and COMMENTS the readers' comments, which end the page. Each line gets a score per state from its
features, each move between states a cost, and the best path is decoded once (Viterbi, linear in
the page). A second pass then names the finer kind of each line inside its state (caption,
byline, subheading…).

The only input is the lines' Features (features.py). Every weight and threshold is a field of
`LabelKnobs`, at the top of this module, with the one value it has;
`decode(feats, LabelKnobs(new_article_cost=12.0))` changes one for one call.
"""
from __future__ import annotations

import enum
import functools
import math

import attrs

from newsclean.features import Features
from newsclean.model import Kind, Reason

NEG = -math.inf  # a state a line cannot be in


# --- the knobs ----------------------------------------------------------------------------------

@attrs.frozen(slots=True)
class LabelKnobs:
    """The weights of the page model (log-scores) and the thresholds of the fine labels."""

    # Moves between articles
    new_article_cost: float = 10.0  # a second article must earn its headline: about three paragraphs' worth
    no_headline_cost: float = 2.5  # an article whose headline the page does not show
    gap_cost: float = 6.0  # chrome inside an article: the text after it must outweigh this to rejoin
    rail_return_cost: float = 3.0  # the text resuming after a related box inside it (see _resumes_text)
    article_after_rail_cost: float = 6.0  # infinite scroll appends the next article after a rail
    # The lead zone, between headline and text: the headline stays near its text
    lead_line_cost: float = 0.08  # each line there
    lead_menu_cost: float = 0.5  # each one- or two-word line there: a menu under the site name
    lead_menu_max_words: int = 2
    # Headlines
    headline_min_words: int = 2
    headline_max_words: int = 30
    headline_base: float = 1.0
    headline_usual_words: tuple[int, int] = (5, 20)  # most headlines run five to twenty words
    headline_length_bonus: float = 1.5
    headline_label_words: int = 3  # "Medaillen heute", "Folgen auf:": labels, not headlines
    headline_label_cost: float = 1.0
    headline_sentence_cost: float = 1.5  # ends like a sentence, outside <h1>/<h2>
    headline_echo_bonus: float = 3.0  # printed again a few lines on (under the lead photo)
    headline_date_cost: float = 3.0  # "Published: Friday, January 11, 2008"
    headline_menu_cost: float = 3.0
    headline_min_letter_share: float = 0.6
    headline_few_letters_cost: float = 1.0
    headline_meta_bonus: float = 3.0  # the page's JSON-LD headline, og:title or <title> (HTML)
    headline_byline_bonus: float = 1.5  # a byline or a dateline right under it
    headline_within_text: float = -4.0  # a headline inside the text of another article (HTML)
    headline_next_story: float = 6.0  # a heading that opens another <article> holding as much text (HTML)
    headline_tag_bonus: float = 4.0  # <h1>
    headline_h2_bonus: float = 1.0  # <h2>, or a "headline"/"title" class
    headline_link_cost: float = 1.5  # mostly a link
    # Running text
    body_words_zero: int = 7  # a line of this many words is neutral evidence for body
    body_words_scale: float = 7.0  # each this many words more adds one point
    body_sentence_min_words: int = 4
    body_sentence_bonus: float = 0.8  # ends like a sentence
    body_max: float = 3.0
    body_min: float = -1.2
    unpunctuated_long: int = 20  # below this many words, a line that does not end like a sentence…
    unpunctuated_max: float = 0.3  # …is weak evidence for body
    body_min_letter_share: float = 0.5
    body_few_letters_cost: float = 1.0
    lone_paragraph_factor: float = 0.5  # a paragraph with no paragraph beside it: a summary, a promo
    meta_body_bonus: float = 1.5  # the page's JSON-LD articleBody holds the line (HTML)
    body_menu_cost: float = 1.5
    widget_min_copies: int = 3  # the same line in several far-apart places: a menu or a widget
    widget_cost: float = 1.0
    ui_score: float = -1.5
    byline_in_body: float = -2.0  # "Name (City)" inside running text is rare; in a rail it is every teaser
    table_in_text: float = 0.5  # a table row inside the main text element (HTML): text, if terse
    heading_ends_body: float = -6.0  # a related or comments heading closes the text
    # What the markup says (HTML)
    main_text_bonus: float = 1.0  # inside the element that holds the page's prose, after its start
    outside_main_text: float = -1.0  # outside it, on a page where it was found
    chrome_hint: float = -2.5  # nav, footer, aside, share bars, promos, comments
    paragraph_bonus: float = 0.5  # a <p>
    # More of a line than this in links is no plain text: it costs link_density_cost per unit
    # of density, it does not resume the text after a rail, it is chrome in a chrome box.
    link_density_from: float = 0.3
    link_density_cost: float = 3.0
    # Rails and comments
    run_in_rail: float = -1.0  # paragraphs in a run are an article's text: a rail has ended
    teaser_part: float = 0.6  # a byline or a captioned image in a rail
    teaser_section: float = 0.2  # a card's section label, a blank line above it
    teaser_menu_item: float = -0.5  # one or two words without a blank line above: a menu
    teaser_short_words: int = 2
    teaser_title_words: tuple[int, int] = (3, 20)
    teaser_title: float = 0.4
    teaser_summary: float = 0.2  # in a rail, long lines stand between short ones
    comment_factor: float = 0.6  # comments read like text: they hold the path, but less than the article
    resume_paragraph_words: int = 6  # a <p> of the main text this long may resume it after a rail (HTML)
    # Fine labels
    hinted_part_max_words: int = 60  # longer than this, a line in a <figcaption> is text, not a caption
    source_after_words: int = 20  # a credit line after a paragraph this long credits the story (text)
    figure_credit_max_words: int = 8
    standfirst_min_words: int = 8
    near_copy_caption_min_words: int = 3
    hinted_byline_max_words: int = 12
    lead_standfirst_min_words: int = 12
    lead_standfirst_min_letter_share: float = 0.6
    lone_link_density: float = 0.8  # a lone link: a teaser or a button, not text
    related_link_words: tuple[int, int] = (3, 25)  # a title-shaped link in a related box
    subheading_words: tuple[int, int] = (2, 14)  # a short unpunctuated line after a blank line
    subheading_min_letter_share: float = 0.7


LABEL_KNOBS = LabelKnobs()


class State(enum.IntEnum):
    PRE = 0
    HEAD = 1
    LEAD = 2
    BODY = 3
    RELHEAD = 4
    RELATED = 5
    OUT = 6
    COMHEAD = 7
    COMMENTS = 8
    GAP = 9


def moves(knobs: LabelKnobs) -> dict[State, dict[State, float]]:
    """The allowed moves between states and their cost (a log-score, subtracted)."""
    PRE, HEAD, LEAD, BODY, RELHEAD, RELATED, OUT, COMHEAD, COMMENTS, GAP = State
    return {
        PRE: {PRE: 0.0, HEAD: 0.0, BODY: knobs.no_headline_cost},
        HEAD: {LEAD: 0.0, BODY: 0.0},
        LEAD: {LEAD: 0.0, BODY: 0.0},
        BODY: {BODY: 0.0, RELHEAD: 0.0, OUT: 0.0, HEAD: knobs.new_article_cost, COMHEAD: 0.0,
               GAP: knobs.gap_cost},
        # Chrome inside an article (an ad, a promo box, a newsletter form): the text resumes
        # after it without a new headline.
        GAP: {GAP: 0.0, BODY: 0.0, OUT: 0.0, RELHEAD: 0.0, COMHEAD: 0.0},
        RELHEAD: {RELATED: 0.0, OUT: 0.0},
        # A related box inside the text ("Lesen Sie auch", "اقرأ أيضا"): the text may resume
        # after it. Infinite scroll appends the next article after a rail: its headline costs
        # less there.
        RELATED: {RELATED: 0.0, RELHEAD: 0.0, OUT: 0.0, HEAD: knobs.article_after_rail_cost,
                  COMHEAD: 0.0, BODY: knobs.rail_return_cost},
        OUT: {OUT: 0.0, RELHEAD: 0.0, HEAD: knobs.new_article_cost, COMHEAD: 0.0},
        # Readers' comments close the page: what follows them is chrome, never another article.
        COMHEAD: {COMMENTS: 0.0, OUT: 0.0},
        COMMENTS: {COMMENTS: 0.0, OUT: 0.0},
    }


START = {State.PRE: 0.0, State.HEAD: 0.0}  # where a page may begin, and at what cost
FINAL = (State.PRE, State.BODY, State.RELATED, State.OUT, State.COMMENTS, State.GAP)

# A line's label: the kind of block it becomes (Kind.TEASER: a part of a teaser card), or why it
# becomes none (Reason.MERGED: a caption's credit on a line of its own, folded into the caption).
Label = Kind | Reason
TEXT_LABELS = (Kind.BODY, Kind.STANDFIRST, Kind.SUBHEADING)


# --- scores per state ---------------------------------------------------------------------------

def body_score(f: Features, knobs: LabelKnobs = LABEL_KNOBS) -> float:
    """How much a line looks like running text (positive) or not (negative)."""
    if f.comment_heading or f.related_heading or f.popular_heading:
        return knobs.heading_ends_body  # what follows such a heading is not the article's text
    if f.ui:
        return knobs.ui_score
    if f.credit_line or f.credit is not None or f.inline_teaser_at is not None:
        return 0.0  # an in-body caption: neither for nor against
    if f.byline_shape:
        return knobs.byline_in_body
    if _table_in_text(f):
        return knobs.table_in_text  # a table of results or prices inside the article's text
    s = (f.words - knobs.body_words_zero) / knobs.body_words_scale
    s = min(knobs.body_max, max(knobs.body_min, s))
    if f.sentence_end and f.words >= knobs.body_sentence_min_words:
        s += knobs.body_sentence_bonus
    elif f.words < knobs.unpunctuated_long:
        s = min(s, knobs.unpunctuated_max)  # titles, menu items, link lists: text that never ends
    if f.letter_share < knobs.body_min_letter_share:
        s -= knobs.body_few_letters_cost
    if s > 0 and not f.in_run and not f.dom.main_text and not f.meta_body:
        s *= knobs.lone_paragraph_factor
    if f.meta_body:
        s += knobs.meta_body_bonus
    if f.menu_like:
        s -= knobs.body_menu_cost
    if f.copies >= knobs.widget_min_copies and not f.near_copy:
        s -= knobs.widget_cost
    return s + _markup_score(f, knobs)


def _table_in_text(f: Features) -> bool:
    return f.within_text and f.table_row and not f.linked


def _markup_score(f: Features, knobs: LabelKnobs) -> float:
    if f.dom.bare and not f.link_density:
        return 0.0
    s = 0.0
    if f.within_text:
        s += knobs.main_text_bonus
    elif f.dom.outside_text:
        s += knobs.outside_main_text
    if f.dom.in_chrome:
        s += knobs.chrome_hint
    if f.dom.paragraph:
        s += knobs.paragraph_bonus
    if f.link_density > knobs.link_density_from:
        s -= knobs.link_density_cost * f.link_density
    return s


def headline_score(f: Features, i: int, knobs: LabelKnobs = LABEL_KNOBS) -> float:
    if f.first_copy != i and not f.dom.h1 or f.ui or f.credit_line or f.byline_shape \
            or f.related_heading or f.popular_heading or f.inline_teaser_at is not None \
            or f.comment_heading or f.credit is not None:
        return NEG
    if not knobs.headline_min_words <= f.words <= knobs.headline_max_words:
        return NEG
    s = knobs.headline_base
    usual_min, usual_max = knobs.headline_usual_words
    if usual_min <= f.words <= usual_max:
        s += knobs.headline_length_bonus
    elif f.words <= knobs.headline_label_words:
        s -= knobs.headline_label_cost
    if f.sentence_end and not (f.dom.h1 or f.dom.h2):
        s -= knobs.headline_sentence_cost
    if f.near_copy:
        s += knobs.headline_echo_bonus
    if f.date_like:
        s -= knobs.headline_date_cost
    if f.menu_like:
        s -= knobs.headline_menu_cost
    if f.letter_share < knobs.headline_min_letter_share:
        s -= knobs.headline_few_letters_cost
    if f.meta_headline:
        s += knobs.headline_meta_bonus
    if f.byline_after:
        s += knobs.headline_byline_bonus
    if f.within_text:
        s += knobs.headline_within_text
    elif f.next_story_head and f.dom.story_heading:
        s += knobs.headline_next_story
    if f.dom.h1:
        s += knobs.headline_tag_bonus
    elif f.dom.h2 or f.dom.title_class:
        s += knobs.headline_h2_bonus
    if f.linked:
        s -= knobs.headline_link_cost
    return s


def lead_score(f: Features, knobs: LabelKnobs = LABEL_KNOBS) -> float:
    if f.ui or f.credit is not None or f.credit_line or f.byline_shape or f.near_copy or f.date_like:
        return 0.0
    if f.words <= knobs.lead_menu_max_words:
        return -knobs.lead_menu_cost  # menu items between a "headline" and the text: it was the site name
    return -knobs.lead_line_cost


def teaser_score(f: Features, knobs: LabelKnobs = LABEL_KNOBS) -> float:
    """A teaser rail alternates short parts (title, byline, captioned image) with summaries."""
    if f.comment_heading or f.related_heading:
        return NEG  # a heading opens a rail (RELHEAD); it is never a part of a card
    if f.popular_heading:
        return NEG  # "Most read": the rail has ended, a list of chrome begins
    if f.in_run or _table_in_text(f):
        return knobs.run_in_rail  # paragraphs in a run, a table: an article's text, the rail has ended
    if f.ui:
        return 0.0
    if f.byline_shape or f.credit is not None:
        return knobs.teaser_part
    if f.words <= knobs.teaser_short_words:
        # A card's section label stands apart, a blank line above it; menu items do not.
        return knobs.teaser_section if f.blank_before or f.section_label else knobs.teaser_menu_item
    title_min, title_max = knobs.teaser_title_words
    if title_min <= f.words <= title_max and not f.sentence_end:
        return knobs.teaser_title
    return knobs.teaser_summary


def emissions(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS) -> list[tuple[float, ...]]:
    """Each line's score for each state, in State order."""
    out = []
    for i, f in enumerate(feats):
        relhead = 0.0 if f.related_heading else NEG
        comhead = 0.0 if f.comment_heading else NEG
        if f.first_copy != i:
            # A copy carries no evidence of its own: it is decided by its first occurrence. But
            # for the <h1>: the headline printed first in a sticky header or a breadcrumb.
            out.append((0.0, headline_score(f, i, knobs), 0.0, 0.0, relhead, 0.0, 0.0, comhead,
                        0.0, 0.0))
            continue
        # A gap holds chrome, never a heading that ends the article.
        gap = NEG if f.related_heading or f.comment_heading else 0.0
        body = body_score(f, knobs)
        out.append((0.0, headline_score(f, i, knobs), lead_score(f, knobs), body, relhead,
                    teaser_score(f, knobs), 0.0, comhead, knobs.comment_factor * max(body, 0.0),
                    gap))
    return out


@functools.lru_cache(maxsize=None)  # (one entry per knobs object used)
def _incoming(knobs: LabelKnobs) -> tuple[tuple, tuple]:
    """The moves into each state as (source, cost) pairs, in the order moves() lists them (the
    first of equal scores wins); and the same where the text cannot resume after a rail."""
    table = moves(knobs)
    incoming = tuple(tuple((int(src), cost) for src, out in table.items()
                           for dst, cost in out.items() if dst == d) for d in State)
    no_rail_return = tuple(
        tuple((src, cost) for src, cost in into if not (d == State.BODY and src == State.RELATED))
        for d, into in zip(State, incoming))
    return incoming, no_rail_return


_STATES = tuple(State)  # index → State, without the enum's call per line


def decode(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS) -> list[State]:
    """The best path of states through the page (Viterbi)."""
    if not feats:
        return []
    scores = emissions(feats, knobs)
    incoming, no_rail_return = _incoming(knobs)
    score = [NEG] * len(State)
    for s, cost in START.items():
        score[s] = scores[0][s] - cost
    back: list[list[int]] = []
    for i in range(1, len(feats)):
        # The text resumes after a rail only where it shows (_resumes_text), never at a title.
        into_states = incoming if _resumes_text(feats[i], knobs) else no_rail_return
        new = [NEG] * len(State)
        came_from = [0] * len(State)
        for d, (emission, sources) in enumerate(zip(scores[i], into_states)):
            if emission == NEG:
                continue  # the state is ruled out here: no source to weigh
            best, arg = NEG, 0
            for src, cost in sources:
                v = score[src] - cost
                if v > best:
                    best, arg = v, src
            new[d] = best + emission
            came_from[d] = arg
        back.append(came_from)
        score = new
    state = max(FINAL, key=lambda s: score[s])
    path = [state]
    for came_from in reversed(back):
        state = came_from[state]
        path.append(state)
    path.reverse()
    return [_STATES[s] for s in path]


def _resumes_text(f: Features, knobs: LabelKnobs) -> bool:
    """Where the text may resume after a rail inside it: at a paragraph of a run, or in the
    main text (HTML) at a subheading, a table row or a paragraph that is not a link."""
    if f.in_run:
        return True
    if not f.within_text or f.link_density >= knobs.link_density_from:
        return False
    return bool(f.dom.subheading) or f.table_row or (
        f.dom.paragraph and f.words >= knobs.resume_paragraph_words)


# --- fine labels within each state --------------------------------------------------------------

def label(feats: list[Features], states: list[State],
          knobs: LabelKnobs = LABEL_KNOBS) -> tuple[list[Label], list[int]]:
    """A fine label and an article number (0-based; lines before the first article belong to
    it) for each line."""
    labels: list[Label] = []
    articles: list[int] = []
    article = -1
    prev = None
    for f, s in zip(feats, states):
        if (s is State.HEAD and prev is not State.HEAD) or (s is State.BODY and prev is State.PRE):
            article += 1
        articles.append(max(article, 0))
        labels.append(_fine_label(f, s, labels[-1] if labels else None, knobs))
        prev = s
    _credits_after_captions(feats, labels, knobs)
    _figure_credits(feats, labels, knobs)
    _standfirsts(feats, labels, knobs)
    return labels, articles


def _credits_after_captions(feats: list[Features], labels: list[Label], knobs: LabelKnobs) -> None:
    """A credit line ("Foto: dpa") makes the line above it a caption, whatever it looked like;
    after a paragraph of the text it names the story's source ("المصدر : الجزيرة"): a byline."""
    for i in range(1, len(labels)):
        if feats[i].credit_line and labels[i] in (Kind.CAPTION, Reason.MERGED, Kind.BODY) \
                and labels[i - 1] in (*TEXT_LABELS, Kind.CAPTION) \
                and feats[i - 1].words <= knobs.hinted_part_max_words:
            if _paragraph_of_the_text(feats[i - 1], knobs):
                labels[i] = Kind.BYLINE
            else:
                labels[i - 1], labels[i] = Kind.CAPTION, Reason.MERGED


def _paragraph_of_the_text(f: Features, knobs: LabelKnobs) -> bool:
    """A <p> of the main text, outside any figure (HTML), or a long sentence in a run of
    paragraphs (text): what follows it ("Source: Novosti", "المصدر : الجزيرة") credits the
    story, not a photo."""
    if f.dom.bare:
        return f.in_run and f.sentence_end and f.words >= knobs.source_after_words
    return f.within_text and f.dom.paragraph and not _in_figure(f)


def _in_figure(f: Features) -> bool:
    return f.dom.figure or f.dom.figcaption or f.dom.caption_class


def _figure_credits(feats: list[Features], labels: list[Label], knobs: LabelKnobs) -> None:
    """Inside a <figure>, a short line beside the caption (before or after it) is its credit:
    "Imago/Blaulicht-News.de", "Ammar Awad / Reuters"."""
    for i, lab in enumerate(labels):
        if lab is not Kind.CAPTION or not feats[i].dom.figure:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(labels) and feats[j].dom.figure and labels[j] in (
                    *TEXT_LABELS, Kind.BYLINE, Reason.BOILERPLATE, Kind.CAPTION) \
                    and feats[j].words <= knobs.figure_credit_max_words \
                    and not feats[j].sentence_end and not feats[j].ui and feats[j].first_copy == j:
                labels[j] = Reason.MERGED


def _standfirsts(feats: list[Features], labels: list[Label], knobs: LabelKnobs) -> None:
    """The first paragraph under a headline is its standfirst when the lead image or the byline
    sets it apart from the text that follows."""
    for h, lab in enumerate(labels):
        if lab is not Kind.HEADLINE:
            continue
        first = _next_content(labels, h + 1)
        if first is None or labels[first] not in TEXT_LABELS \
                or feats[first].words < knobs.standfirst_min_words or feats[first].linked:
            continue
        after = _next_content(labels, first + 1)
        if after is not None and labels[after] in (Kind.CAPTION, Kind.BYLINE):
            labels[first] = Kind.STANDFIRST


def _next_content(labels: list[Label], i: int) -> int | None:
    """The next line that becomes a block of its own (chrome and credits skipped)."""
    while i < len(labels):
        if labels[i] not in (Reason.BOILERPLATE, Reason.MERGED):
            return i
        i += 1
    return None


def _related_link(f: Features, knobs: LabelKnobs) -> bool:
    low, high = knobs.related_link_words
    return f.dom.related and f.linked and low <= f.words <= high and not f.ui and not f.menu_like


def _fine_label(f: Features, s: State, before: Label | None, knobs: LabelKnobs) -> Label:
    if s is State.HEAD:
        return Kind.HEADLINE
    if s is State.RELHEAD:
        return Reason.RELATED_HEADING
    if s is State.RELATED:  # a form or a button in a rail (a comment box after it) is no card
        return Reason.BOILERPLATE if f.ui or f.dom.control else Kind.TEASER
    if s in (State.COMHEAD, State.COMMENTS):
        return Reason.COMMENT
    if _related_link(f, knobs):
        return Kind.TEASER  # a title-shaped link in a related-content box (HTML)
    if s in (State.PRE, State.OUT, State.GAP):
        return Reason.BOILERPLATE
    # LEAD and BODY
    if f.ui or f.related_heading or f.comment_heading or f.popular_heading:
        return Reason.BOILERPLATE
    if f.dom.in_chrome and not (s is State.BODY and f.in_run
                                and f.link_density < knobs.link_density_from and not f.dom.footer):
        return Reason.BOILERPLATE  # a paragraph in a run of them is text, whatever its wrapper
    if f.inline_teaser_at is not None:
        return Kind.TEASER  # "Lire aussi | …" inside the text: a teaser of its own
    if f.credit_line and before is Kind.CAPTION:
        return Reason.MERGED
    # Class hints come from every enclosing element: a whole post may sit in an "author" box,
    # so a hint names a caption or a byline only for a line short enough to be one.
    short = f.words <= knobs.hinted_part_max_words
    if f.credit is not None or f.meta_caption \
            or (short and (f.dom.figcaption or f.dom.caption_class)) \
            or (f.near_copy and f.words >= knobs.near_copy_caption_min_words and s is State.LEAD):
        return Kind.CAPTION
    if f.byline_shape or (f.words <= knobs.hinted_byline_max_words
                          and (f.dom.byline_class or f.dom.address)):
        return Kind.BYLINE
    if s is State.LEAD:
        if f.place_name_byline:
            return Kind.BYLINE  # "القاهرة: سامي الفخراني", "LONDON: Jane Doe"
        if f.words >= knobs.lead_standfirst_min_words \
                and f.letter_share >= knobs.lead_standfirst_min_letter_share and not f.linked:
            return Kind.STANDFIRST
        return Reason.BOILERPLATE
    if _table_in_text(f):
        return Kind.BODY  # a row of a table in the text: its cells, tab-separated
    if f.link_density >= knobs.lone_link_density and not f.in_run:
        return Reason.BOILERPLATE  # a lone link: a teaser or a button, not text
    if f.dom.subheading:
        return Kind.SUBHEADING
    if f.words <= 1 and not f.sentence_end or f.menu_like or f.date_like and not f.sentence_end:
        return Reason.BOILERPLATE
    low, high = knobs.subheading_words
    if low <= f.words <= high and not f.sentence_end \
            and f.letter_share >= knobs.subheading_min_letter_share and f.blank_before \
            and not f.dom.paragraph and not f.ends_with_colon:
        # (the markup says what a <p> is: a paragraph; "… as follows:" leads into a list)
        return Kind.SUBHEADING
    return Kind.BODY
