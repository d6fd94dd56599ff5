"""Stage 4: a label per line, from one explicit model of the page.

A news page reads, top to bottom, as a path through a few states:

    PRE ─▶ HEAD ─▶ LEAD ─▶ BODY ─▶ OUT ─▶ COMHEAD ─▶ COMMENTS
                             │       │
                             ▼       ▼
                          RELHEAD ─▶ RELATED ─▶ HEAD (the next article, from infinite scroll)

PRE is the chrome before the first article; HEAD its headline; LEAD what stands between headline
and text (captions, bylines, dates, the standfirst, UI debris); BODY the running text with its
in-body captions and subheadings; RELHEAD a related-articles heading; RELATED a teaser rail; OUT
the chrome after; COMHEAD a comments heading and COMMENTS the readers' comments, which end the
page. Each line gets a score per state from its features, each move between states a
cost, and the best path is decoded once (Viterbi, linear in the page). A second pass then names
the finer kind of each line inside its state (caption, byline, subheading…).

Every weight is a named constant below: the knobs of the model, in one place.
"""
from __future__ import annotations

import enum
import math

import regex

from newsclean.features import SUBHEADING_TAGS, Features

# --- the knobs --------------------------------------------------------------------------------
# Moves between articles
NEW_ARTICLE_COST = 10.0  # a second article must earn its headline: about three paragraphs' worth
NO_HEADLINE_COST = 2.5  # an article whose headline the page does not show
GAP_COST = 6.0  # chrome inside an article: the text after it must outweigh this to rejoin
RAIL_RETURN_COST = 3.0  # the text resuming after a related box inside it (see _resumes_text)
ARTICLE_AFTER_RAIL_COST = 6.0  # infinite scroll appends the next article after a rail
# The lead zone, between headline and text: the headline stays near its text
LEAD_LINE_COST = 0.08  # each line there
LEAD_MENU_COST = 0.5  # each one- or two-word line there: a menu under the site name
# Headlines
HEADLINE_LENGTH_BONUS = 1.5  # five to twenty words
HEADLINE_ECHO_BONUS = 3.0  # printed again a few lines on (under the lead photo)
HEADLINE_TAG_BONUS = 4.0  # <h1>
HEADLINE_BYLINE_BONUS = 1.5  # a byline or a dateline right under it
HEADLINE_META_BONUS = 3.0  # the page's JSON-LD headline, og:title or <title> (HTML)
# Running text
BODY_WORDS_ZERO = 7  # a line of this many words is neutral evidence for body
BODY_WORDS_SCALE = 7.0  # each this many words more adds one point
BODY_SENTENCE_BONUS = 0.8  # ends like a sentence
BODY_MAX = 3.0
BODY_MIN = -1.2
UNPUNCTUATED_LONG = 20  # below this many words, a line that does not end like a sentence…
UNPUNCTUATED_MAX = 0.3  # …is weak evidence for body
LONE_PARAGRAPH_FACTOR = 0.5  # a paragraph with no paragraph beside it: a summary, a promo
UI_SCORE = -1.5
BYLINE_IN_BODY = -2.0  # "Name (City)" inside running text is rare; in a rail it is every teaser
CHROME_HINT = -2.5  # nav, footer, aside, share bars, promos, comments (HTML)
MAIN_TEXT_BONUS = 1.0  # inside the element that holds the page's prose (html.py's "content")
OUTSIDE_MAIN_TEXT = -1.0  # outside it, on a page where it was found
HEADLINE_WITHIN_TEXT = -4.0  # a headline inside the text of another article (HTML)
HEADLINE_NEXT_STORY = 6.0  # a heading that opens another <article> holding as much text (HTML)
META_BODY_BONUS = 1.5  # the page's JSON-LD articleBody holds the line (HTML)
TABLE_IN_TEXT = 0.5  # a table row inside the main text element (HTML): text, if terse
RESUME_PARAGRAPH_WORDS = 6  # a <p> of the main text this long may resume it after a rail (HTML)
SOURCE_AFTER_WORDS = 20  # a credit line after a paragraph this long credits the story (text)
HEADING_ENDS_BODY = -6.0  # a related or comments heading closes the text, unless two paragraphs follow
# Rails and comments
RUN_IN_RAIL = -1.0  # paragraphs in a run are an article's text: a rail has ended
COMMENT_FACTOR = 0.6  # comments read like text: they hold the path, but less than the article
HINTED_PART_MAX_WORDS = 60  # longer than this, a line in a <figcaption> is text, not a caption
NEG = -math.inf


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


S = State
# Allowed moves and their cost (a log-score, subtracted).
MOVES: dict[State, dict[State, float]] = {
    S.PRE: {S.PRE: 0.0, S.HEAD: 0.0, S.BODY: NO_HEADLINE_COST},
    S.HEAD: {S.LEAD: 0.0, S.BODY: 0.0},
    S.LEAD: {S.LEAD: 0.0, S.BODY: 0.0},
    S.BODY: {S.BODY: 0.0, S.RELHEAD: 0.0, S.OUT: 0.0, S.HEAD: NEW_ARTICLE_COST, S.COMHEAD: 0.0,
             S.GAP: GAP_COST},
    # Chrome inside an article (an ad, a promo box, a newsletter form): the text resumes after
    # it without a new headline.
    S.GAP: {S.GAP: 0.0, S.BODY: 0.0, S.OUT: 0.0, S.RELHEAD: 0.0, S.COMHEAD: 0.0},
    S.RELHEAD: {S.RELATED: 0.0, S.OUT: 0.0},
    # A related box inside the text ("Lesen Sie auch", "اقرأ أيضا"): the text may resume after it.
    # Infinite scroll appends the next article after a rail: its headline costs less there.
    S.RELATED: {S.RELATED: 0.0, S.RELHEAD: 0.0, S.OUT: 0.0, S.HEAD: ARTICLE_AFTER_RAIL_COST,
                S.COMHEAD: 0.0, S.BODY: RAIL_RETURN_COST},
    S.OUT: {S.OUT: 0.0, S.RELHEAD: 0.0, S.HEAD: NEW_ARTICLE_COST, S.COMHEAD: 0.0},
    # Readers' comments close the page: what follows them is chrome, never another article.
    S.COMHEAD: {S.COMMENTS: 0.0, S.OUT: 0.0},
    S.COMMENTS: {S.COMMENTS: 0.0, S.OUT: 0.0},
}
STATES = tuple(State)  # index → State, without the enum's call in the hot loop
START = {S.PRE: 0.0, S.HEAD: 0.0}  # where a page may begin, and at what cost
FINAL = (S.PRE, S.BODY, S.RELATED, S.OUT, S.COMMENTS, S.GAP)
STORY_HEADING_TAGS = frozenset({"h1", "h2", "h3"})
FIGURE_HINTS = frozenset({"figure", "figcaption", "caption"})
BYLINE_HINTS = frozenset({"byline", "address"})  # <address>: the author's contact, by the standard
CHROME_HINTS = frozenset({"nav", "footer", "aside", "share", "promo", "comment", "form", "button"})


class Label(enum.Enum):
    """The fine label of a line: a block kind, a part of one, or a reason to drop it."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    SUBHEADING = "subheading"
    BODY = "body"
    CAPTION = "caption"
    CREDIT = "credit"  # a caption's credit on a line of its own: merged into the caption
    BYLINE = "byline"
    TEASER = "teaser"  # a part of a teaser; assemble.py groups the parts
    RELATED_HEADING = "related-heading"
    COMMENT = "comment"
    BOILERPLATE = "boilerplate"


# --- scores per state ---------------------------------------------------------------------------

def body_score(f: Features) -> float:
    """How much a line looks like running text (positive) or not (negative)."""
    if f.comment_heading or f.related_heading or f.popular_heading:
        return HEADING_ENDS_BODY  # what follows such a heading is not the article's text
    if f.ui:
        return UI_SCORE
    if f.credit_line or f.credit is not None or f.inline_teaser_at is not None:
        return 0.0  # an in-body caption: neither for nor against
    if f.byline_shape:
        return BYLINE_IN_BODY
    if _table_in_text(f):
        return TABLE_IN_TEXT  # a table of results or prices inside the article's text
    s = (f.words - BODY_WORDS_ZERO) / BODY_WORDS_SCALE
    s = min(BODY_MAX, max(BODY_MIN, s))
    if f.sentence_end and f.words >= 4:
        s += BODY_SENTENCE_BONUS
    elif f.words < UNPUNCTUATED_LONG:
        s = min(s, UNPUNCTUATED_MAX)  # titles, menu items, link lists: text that never ends
    if f.letter_share < 0.5:
        s -= 1.0
    if s > 0 and not f.in_run and "content" not in f.hints and not f.meta_body:
        s *= LONE_PARAGRAPH_FACTOR
    if f.meta_body:
        s += META_BODY_BONUS
    if f.menu_like:
        s -= 1.5
    if f.copies >= 3 and not f.near_copy:
        s -= 1.0  # the same line in several far-apart places: a menu or a widget
    return s + _hint_score(f)


def _table_in_text(f: Features) -> bool:
    return f.within_text and f.table_row and f.link_density < 0.5


def _in_chrome(f: Features) -> bool:
    """The markup puts the line in page chrome. Class words come from every enclosing element
    (a "promo" class high up may wrap the whole page), so a paragraph inside <article> or
    <main> outweighs them."""
    if not f.hints & CHROME_HINTS and "related" not in f.hints:
        return False
    if "comment" in f.hints and "li" in f.hints:
        return True  # readers' comments as <li><p> inside the <article>
    return not ("p" in f.hints and f.hints & {"article", "main"})


def _hint_score(f: Features) -> float:
    if not f.hints and not f.link_density:
        return 0.0
    s = 0.0
    if f.within_text:
        s += MAIN_TEXT_BONUS
    elif "outside" in f.hints:
        s += OUTSIDE_MAIN_TEXT
    if _in_chrome(f):
        s += CHROME_HINT
    if "p" in f.hints:
        s += 0.5
    if f.link_density > 0.3:
        s -= 3.0 * f.link_density
    return s


def headline_score(f: Features, i: int) -> float:
    if f.first_copy != i and "h1" not in f.hints or f.ui or f.credit_line or f.byline_shape \
            or f.related_heading or f.popular_heading or f.inline_teaser_at is not None \
            or f.comment_heading or f.credit is not None:
        return NEG
    if not 2 <= f.words <= 30:
        return NEG
    s = 1.0
    if 5 <= f.words <= 20:
        s += HEADLINE_LENGTH_BONUS  # most headlines run five to twenty words
    elif f.words <= 3:
        s -= 1.0  # "Medaillen heute", "Folgen auf:": labels, not headlines
    if f.sentence_end and not f.hints & {"h1", "h2"}:
        s -= 1.5
    if f.near_copy:
        s += HEADLINE_ECHO_BONUS
    if f.date_like:
        s -= 3.0  # "Published: Friday, January 11, 2008"
    if f.menu_like:
        s -= 3.0
    if f.letter_share < 0.6:
        s -= 1.0
    if f.meta_headline:
        s += HEADLINE_META_BONUS
    if f.byline_after:
        s += HEADLINE_BYLINE_BONUS
    if f.within_text:
        s += HEADLINE_WITHIN_TEXT
    elif f.next_story_head and f.hints & STORY_HEADING_TAGS:
        s += HEADLINE_NEXT_STORY
    if "h1" in f.hints:
        s += HEADLINE_TAG_BONUS
    elif f.hints & {"h2", "title-class"}:
        s += 1.0
    if f.link_density > 0.5:
        s -= 1.5
    return s


def lead_score(f: Features) -> float:
    if f.ui or f.credit is not None or f.credit_line or f.byline_shape or f.near_copy or f.date_like:
        return 0.0
    if f.words <= 2:
        return -LEAD_MENU_COST  # menu items between a "headline" and the text: it was the site name
    return -LEAD_LINE_COST


def teaser_score(f: Features) -> float:
    """A teaser rail alternates short parts (title, byline, captioned image) with summaries."""
    if f.comment_heading or f.related_heading:
        return NEG  # a heading opens a rail (RELHEAD); it is never a part of a card
    if f.popular_heading:
        return NEG  # "Most read": the rail has ended, a list of chrome begins
    if f.in_run or _table_in_text(f):
        return RUN_IN_RAIL  # paragraphs in a run, a table: an article's text, the rail has ended
    if f.ui:
        return 0.0
    if f.byline_shape or f.credit is not None:
        return 0.6
    if f.words <= 2:
        # A card's section label stands apart, a blank line above it; menu items do not.
        return 0.2 if f.blank_before or f.section_label else -0.5
    if 3 <= f.words <= 20 and not f.sentence_end:
        return 0.4
    return 0.2  # a summary: in a rail, long lines stand between short ones


def emissions(feats: list[Features]) -> list[tuple[float, ...]]:
    out = []
    for i, f in enumerate(feats):
        duplicate = f.first_copy != i
        relhead = 0.0 if f.related_heading else NEG
        comhead = 0.0 if f.comment_heading else NEG
        if duplicate:
            # A copy carries no evidence of its own: it is decided by its first occurrence. But
            # for the <h1>: the headline printed first in a sticky header or a breadcrumb.
            out.append((0.0, headline_score(f, i), 0.0, 0.0, relhead, 0.0, 0.0, comhead, 0.0, 0.0))
            continue
        # A gap holds chrome, never a heading that ends the article.
        gap = NEG if f.related_heading or f.comment_heading else 0.0
        body = body_score(f)
        out.append((0.0, headline_score(f, i), lead_score(f), body, relhead,
                    teaser_score(f), 0.0, comhead, COMMENT_FACTOR * max(body, 0.0), gap))
    return out


# The moves into each state, as (source, cost) pairs of plain ints, in MOVES' order (the first
# of equal scores wins, as the path always did).
INCOMING = tuple(tuple((int(src), cost) for src, moves in MOVES.items()
                       for dst, cost in moves.items() if dst == d) for d in State)
# The same where the text cannot resume after a rail: at a title, not at a paragraph of a run.
INCOMING_NO_RAIL_RETURN = tuple(
    tuple((src, cost) for src, cost in moves if not (d == S.BODY and src == S.RELATED))
    for d, moves in zip(State, INCOMING))


def decode(feats: list[Features]) -> list[State]:
    """The best path of states through the page (Viterbi)."""
    n = len(feats)
    if n == 0:
        return []
    em = emissions(feats)
    n_states = len(State)
    score = [NEG] * n_states
    for s, cost in START.items():
        score[s] = em[0][s] - cost
    back: list[list[int]] = []
    for i in range(1, n):
        # The text resumes after a rail only where it shows (_resumes_text), never at a title.
        incoming = INCOMING if _resumes_text(feats[i]) else INCOMING_NO_RAIL_RETURN
        new = [NEG] * n_states
        ptr = [0] * n_states
        for d, (ed, sources) in enumerate(zip(em[i], incoming)):
            if ed == NEG:
                continue  # the state is ruled out here: no source to weigh
            best, arg = NEG, 0
            for src, cost in sources:
                v = score[src] - cost
                if v > best:
                    best, arg = v, src
            new[d] = best + ed
            ptr[d] = arg
        back.append(ptr)
        score = new
    state = max(FINAL, key=lambda s: score[s])
    path = [state]
    for ptr in reversed(back):
        state = ptr[state]
        path.append(state)
    path.reverse()
    return [STATES[s] for s in path]


def _resumes_text(f: Features) -> bool:
    """Where the text may resume after a rail inside it: at a paragraph of a run, or in the
    main text (HTML) at a subheading, a table row or a paragraph that is not a link."""
    if f.in_run:
        return True
    if not f.within_text or f.link_density >= 0.3:
        return False
    return bool(f.hints & SUBHEADING_TAGS) or f.table_row or (
        "p" in f.hints and f.words >= RESUME_PARAGRAPH_WORDS)


# --- fine labels within each state --------------------------------------------------------------

def label(feats: list[Features], states: list[State], texts: list[str]) -> tuple[list[Label], list[int]]:
    """A fine label and an article number (0-based; lines before the first article belong to
    it) for each line."""
    labels: list[Label] = []
    articles: list[int] = []
    article = -1
    prev = None
    for i, (f, s) in enumerate(zip(feats, states)):
        if (s is S.HEAD and prev is not S.HEAD) or (s is S.BODY and prev is S.PRE):
            article += 1
        articles.append(max(article, 0))
        labels.append(_fine(f, s, labels[-1] if labels else None, texts[i]))
        prev = s
    _credits_after_captions(feats, labels)
    _figure_credits(feats, labels)
    _standfirsts(feats, labels)
    return labels, articles


TEXT_LABELS = (Label.BODY, Label.STANDFIRST, Label.SUBHEADING)


def _credits_after_captions(feats: list[Features], labels: list[Label]) -> None:
    """A credit line ("Foto: dpa") makes the line above it a caption, whatever it looked like;
    after a paragraph of the text it names the story's source ("المصدر : الجزيرة"): a byline."""
    for i in range(1, len(labels)):
        if feats[i].credit_line and labels[i] in (Label.CAPTION, Label.CREDIT, Label.BODY) \
                and labels[i - 1] in (*TEXT_LABELS, Label.CAPTION) \
                and feats[i - 1].words <= HINTED_PART_MAX_WORDS:
            if _paragraph_of_the_text(feats[i - 1]):
                labels[i] = Label.BYLINE
            else:
                labels[i - 1], labels[i] = Label.CAPTION, Label.CREDIT


def _paragraph_of_the_text(f: Features) -> bool:
    """A <p> of the main text, outside any figure (HTML), or a long sentence in a run of
    paragraphs (text): what follows it ("Source: Novosti", "المصدر : الجزيرة") credits the
    story, not a photo."""
    if not f.hints:
        return f.in_run and f.sentence_end and f.words >= SOURCE_AFTER_WORDS
    return f.within_text and "p" in f.hints and f.hints.isdisjoint(FIGURE_HINTS)



def _figure_credits(feats: list[Features], labels: list[Label]) -> None:
    """Inside a <figure>, a short line beside the caption (before or after it) is its credit:
    "Imago/Blaulicht-News.de", "Ammar Awad / Reuters"."""
    for i, lab in enumerate(labels):
        if lab is not Label.CAPTION or "figure" not in feats[i].hints:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(labels) and "figure" in feats[j].hints and labels[j] in (
                    *TEXT_LABELS, Label.BYLINE, Label.BOILERPLATE, Label.CAPTION) \
                    and feats[j].words <= 8 and not feats[j].sentence_end and not feats[j].ui \
                    and feats[j].first_copy == j:
                labels[j] = Label.CREDIT


def _standfirsts(feats: list[Features], labels: list[Label]) -> None:
    """The first paragraph under a headline is its standfirst when the lead image or the byline
    sets it apart from the text that follows."""
    for h, lab in enumerate(labels):
        if lab is not Label.HEADLINE:
            continue
        first = _next_content(labels, h + 1)
        if first is None or labels[first] not in TEXT_LABELS or feats[first].words < 8 \
                or feats[first].link_density >= 0.5:
            continue
        after = _next_content(labels, first + 1)
        if after is not None and labels[after] in (Label.CAPTION, Label.BYLINE):
            labels[first] = Label.STANDFIRST


def _next_content(labels: list[Label], i: int) -> int | None:
    """The next line that becomes a block of its own (chrome and copies skipped)."""
    while i < len(labels):
        if labels[i] not in (Label.BOILERPLATE, Label.CREDIT):
            return i
        i += 1
    return None


# "Place: Name" or "Place - Outlet" under a headline: a few words, a colon or a dash, a few
# more, no digits ("القاهرة: سامي الفخراني", "الرياض - العربية Business").
_PLACE_NAME_BYLINE = regex.compile(r"^[^\d:：\-–—]{2,30}(?:[:：]|\s[\-–—]\s)\s*[^\d:：.!?؟]{3,40}$")


def _related_link(f: Features) -> bool:
    return ("related" in f.hints and f.link_density >= 0.5 and 3 <= f.words <= 25
            and not f.ui and not f.menu_like)


def _fine(f: Features, s: State, before: Label | None, text: str) -> Label:
    if s is S.HEAD:
        return Label.HEADLINE
    if s is S.RELHEAD:
        return Label.RELATED_HEADING
    if s is S.RELATED:  # a form or a button in a rail (a comment box after it) is no card
        return Label.BOILERPLATE if f.ui or f.hints & {"form", "button"} else Label.TEASER
    if s in (S.COMHEAD, S.COMMENTS):
        return Label.COMMENT
    if _related_link(f):
        return Label.TEASER  # a title-shaped link in a related-content box (HTML)
    if s in (S.PRE, S.OUT, S.GAP):
        return Label.BOILERPLATE
    # LEAD and BODY
    if f.ui or f.related_heading or f.comment_heading or f.popular_heading:
        return Label.BOILERPLATE
    if _in_chrome(f) and not (s is S.BODY and f.in_run and f.link_density < 0.3
                              and "footer" not in f.hints):
        return Label.BOILERPLATE  # a paragraph in a run of them is text, whatever its wrapper
    if f.inline_teaser_at is not None:
        return Label.TEASER  # "Lire aussi | …" inside the text: a teaser of its own
    if f.credit_line and before is Label.CAPTION:
        return Label.CREDIT
    # Class hints come from every enclosing element: a whole post may sit in an "author" box,
    # so a hint names a caption or a byline only for a line short enough to be one.
    short = f.words <= HINTED_PART_MAX_WORDS
    if f.credit is not None or f.meta_caption or (short and f.hints & {"figcaption", "caption"}) \
            or (f.near_copy and f.words >= 3 and s is S.LEAD):
        return Label.CAPTION
    if f.byline_shape or (f.words <= 12 and f.hints & BYLINE_HINTS):
        return Label.BYLINE
    if s is S.LEAD:
        if _PLACE_NAME_BYLINE.match(text):
            return Label.BYLINE  # "القاهرة: سامي الفخراني", "LONDON: Jane Doe"
        if f.words >= 12 and f.letter_share >= 0.6 and f.link_density < 0.5:
            return Label.STANDFIRST
        return Label.BOILERPLATE
    if _table_in_text(f):
        return Label.BODY  # a row of a table in the text: its cells, tab-separated
    if f.link_density >= 0.8 and not f.in_run:
        return Label.BOILERPLATE  # a lone link: a teaser or a button, not text
    if f.hints & {"h2", "h3", "h4", "h5", "h6"}:
        return Label.SUBHEADING
    if f.words <= 1 and not f.sentence_end or f.menu_like or f.date_like and not f.sentence_end:
        return Label.BOILERPLATE
    if 2 <= f.words <= 14 and not f.sentence_end and f.letter_share >= 0.7 and f.blank_before \
            and "p" not in f.hints and not text.rstrip().endswith((":", "：")):
        # (the markup says what a <p> is: a paragraph; "… as follows:" leads into a list)
        return Label.SUBHEADING
    return Label.BODY
