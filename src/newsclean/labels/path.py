"""The page model's path: states, the moves between them, each line's score per state, and the
best path through the page (Viterbi, linear in the page).

A line's score for a state is the hand-written score below (its weights are LabelKnobs) plus
what the learned model (learned.py) adds for the line's evidence; a move's score is minus its
hand-set cost plus its learned weight. A state the hand-written score rules out (NEG) stays out.
"""
from __future__ import annotations

import enum
import functools
import itertools
import math
from collections.abc import Iterable, Iterator

from newsclean.features import Features
from newsclean.labels import unrolled
from newsclean.labels.knobs import LABEL_KNOBS, LabelKnobs
from newsclean.labels.learned import PageModel

NEG = -math.inf  # a state a line cannot be in


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
    POPHEAD = 10
    POPULAR = 11


def moves(knobs: LabelKnobs) -> dict[State, dict[State, float]]:
    """The allowed moves between states and their cost (a log-score, subtracted)."""
    (PRE, HEAD, LEAD, BODY, RELHEAD, RELATED, OUT, COMHEAD, COMMENTS, GAP, POPHEAD,
     POPULAR) = State
    return {
        PRE: {PRE: 0.0, HEAD: 0.0, BODY: knobs.no_headline_cost},
        HEAD: {LEAD: 0.0, BODY: 0.0},
        LEAD: {LEAD: 0.0, BODY: 0.0},
        BODY: {BODY: 0.0, RELHEAD: 0.0, OUT: 0.0, HEAD: knobs.new_article_cost, COMHEAD: 0.0,
               GAP: knobs.gap_cost, POPHEAD: 0.0},
        # Chrome inside an article (an ad, a promo box, a newsletter form): the text resumes
        # after it without a new headline.
        GAP: {GAP: 0.0, BODY: 0.0, OUT: 0.0, RELHEAD: 0.0, COMHEAD: 0.0, POPHEAD: 0.0},
        RELHEAD: {RELATED: 0.0, OUT: 0.0},
        # A related box inside the text ("Lesen Sie auch", "اقرأ أيضا"): the text may resume
        # after it. Infinite scroll appends the next article after a rail: its headline costs
        # less there.
        RELATED: {RELATED: 0.0, RELHEAD: 0.0, OUT: 0.0, HEAD: knobs.article_after_rail_cost,
                  COMHEAD: 0.0, BODY: knobs.rail_return_cost, POPHEAD: 0.0},
        OUT: {OUT: 0.0, RELHEAD: 0.0, HEAD: knobs.new_article_cost, COMHEAD: 0.0, POPHEAD: 0.0},
        # Readers' comments close the page: what follows them is chrome, never another article.
        COMHEAD: {COMMENTS: 0.0, OUT: 0.0},
        COMMENTS: {COMMENTS: 0.0, OUT: 0.0},
        # A site-wide list under the text ("Most read", "الأكثر قراءة", "Latest news"): cards
        # like a related rail's, but the page's, not the article's. Neither the text nor
        # another article comes back after it; what follows is more lists, chrome, comments.
        POPHEAD: {POPULAR: 0.0, OUT: 0.0},
        POPULAR: {POPULAR: 0.0, POPHEAD: 0.0, OUT: 0.0, COMHEAD: 0.0},
    }


START = {State.PRE: 0.0, State.HEAD: 0.0}  # where a page may begin, and at what cost
FINAL = (State.PRE, State.BODY, State.RELATED, State.OUT, State.COMMENTS, State.GAP,
         State.POPULAR)


# --- scores per state ------------------------------------------------------------------------

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
    if f.table_in_text:
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
            or f.comment_heading or f.credit is not None or f.ends_with_colon:
        return NEG  # (…and a line ending with a colon leads into what follows: "as follows:")
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
    elif f.byline_soon:
        s += knobs.headline_byline_soon_bonus
    if f.name_line:
        s -= knobs.headline_name_cost
    if f.deck_after:
        s += knobs.headline_deck_bonus
    if f.within_text:
        s += knobs.headline_within_text
    elif f.next_story_head and f.dom.story_heading:
        s += knobs.headline_next_story
    if f.title_start and f.inline_teaser_at is None:
        s -= knobs.headline_numbered_cost  # "3- …": an item of a numbered list of links
    if f.dom.nav:
        s -= knobs.headline_nav_cost  # a breadcrumb's last step, even an <h1>, repeats a title
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
        return NEG  # "Most read": a heading opens a list (POPHEAD), it is no card
    if f.in_run or f.table_in_text:
        return knobs.run_in_rail  # paragraphs in a run, a table: an article's text, the rail has ended
    if f.ui:
        return 0.0
    if f.dom.footer:
        return knobs.teaser_in_footer
    if f.byline_shape or f.credit is not None or f.relative_time_only:
        return knobs.teaser_part  # (…or a card's "3 hours ago", "منذ أسبوع")
    if f.words <= knobs.teaser_short_words:
        # A card's section label stands apart, a blank line above it; menu items do not.
        return knobs.teaser_section if f.blank_before or f.section_label else knobs.teaser_menu_item
    title_min, title_max = knobs.teaser_title_words
    if title_min <= f.words <= title_max and not f.sentence_end:
        return knobs.teaser_title
    return knobs.teaser_summary


def emissions(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS,
              model: PageModel | None = None) -> list[tuple[float, ...]]:
    """Each line's score for each state, in State order: the hand-written score, plus the
    learned model's weights for the line's evidence."""
    return list(each_emission(feats, knobs, model))


def each_emission(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS,
                  model: PageModel | None = None) -> Iterator[tuple[float, ...]]:
    """emissions(), one line at a time: decode() reads each line's scores once, so that they
    are never all held (a tuple of a float per state, some 400 bytes a line)."""
    corrections = (model or HAND).corrections(feats)
    for i, f in enumerate(feats):
        relhead = 0.0 if f.related_heading else NEG
        comhead = 0.0 if f.comment_heading else NEG
        # ("Latest news" above all text heads a menu: a list of cards comes after an article)
        pophead = 0.0 if f.popular_heading and f.text_above else NEG
        if f.first_copy != i:
            # A copy carries no evidence of its own: it is decided by its first occurrence. But
            # for the <h1>: the headline printed first in a sticky header or a breadcrumb.
            yield (0.0, headline_score(f, i, knobs), 0.0, 0.0, relhead, 0.0, 0.0, comhead,
                   0.0, 0.0, pophead, 0.0)
            continue
        # A gap holds chrome, never a heading that ends the article.
        gap = NEG if f.related_heading or f.comment_heading else 0.0
        body = body_score(f, knobs)
        teaser = teaser_score(f, knobs)
        # (UI debris ends the page's lists — "Newsletter", "Share" —, where an article's rail
        # goes on around its buttons)
        popular = NEG if f.ui else teaser
        scores = (0.0, headline_score(f, i, knobs), lead_score(f, knobs), body, relhead,
                  teaser, 0.0, comhead, knobs.comment_factor * max(body, 0.0), gap, pophead,
                  popular)
        learned = corrections[i]
        if learned is not None:
            scores = tuple([s if s == NEG else s + w for s, w in zip(scores, learned)])  # (list: faster)
        yield scores


HAND = PageModel.hand()


@functools.lru_cache(maxsize=64)  # (one entry per knobs and model used)
def incoming_moves(knobs: LabelKnobs, model: PageModel) -> tuple[tuple, tuple]:
    """The moves into each state as (source, score) pairs, in the order moves() lists them (the
    first of equal scores wins); and the same where the text cannot resume after a rail."""
    return moves_into(knobs, model.moves)


def moves_into(knobs: LabelKnobs, learned: dict[tuple[int, int], float]) -> tuple[tuple, tuple]:
    """incoming_moves() for a table of learned move weights (training changes it often)."""
    table = moves(knobs)
    incoming = tuple(tuple((int(src), learned.get((int(src), int(dst)), 0.0) - cost)
                           for src, out in table.items() for dst, cost in out.items() if dst == d)
                     for d in State)
    no_rail_return = tuple(
        tuple((src, score) for src, score in into if not (d == State.BODY and src == State.RELATED))
        for d, into in zip(State, incoming))
    return incoming, no_rail_return


_STATES = tuple(State)  # index → State, without the enum's call per line


def decode(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS,
           model: PageModel | None = None) -> list[State]:
    """The best path of states through the page (Viterbi)."""
    model = model or HAND
    if not feats:
        return []
    scores = each_emission(feats, knobs, model)
    return best_path(scores, resumes_text(feats, knobs), incoming_moves(knobs, model))


def resumes_text(feats: list[Features], knobs: LabelKnobs = LABEL_KNOBS) -> list[bool]:
    return [_resumes_text(f, knobs) for f in feats]


def best_path(scores: Iterable[tuple[float, ...]], resumes: list[bool], into: tuple[tuple, tuple],
              allowed: list[frozenset[int] | None] | None = None) -> list[State]:
    """The best path through the lines' `scores` (Viterbi). `resumes`: per line, whether the
    text may resume there after a rail; `into`: incoming_moves(); `allowed` (training): per
    line, the states a path may take there (None: any). Without `allowed`, `scores` may be an
    iterator of the lines' scores (each_emission()): each is read once, in order."""
    if allowed is None:
        lines = iter(scores)
        first_line = next(lines, None)
        if first_line is None:
            return []
        scores = itertools.chain((first_line,), lines)
    elif not scores:
        return []
    else:
        first_line = scores[0]
    score = [NEG] * len(State)
    for s, cost in START.items():
        score[s] = first_line[s] - cost
    if allowed is not None and allowed[0] is not None:
        score = [v if s in allowed[0] else NEG for s, v in enumerate(score)]
    if allowed is None:  # the same loop written out (unrolled.py): the step costs half
        score, back = unrolled.forward(scores, resumes, score, into)
    else:
        score, back = _forward(scores, resumes, score, into, allowed)
    state = max(FINAL, key=lambda s: score[s])
    path = [state]
    for came_from in reversed(back):
        state = came_from[state]
        path.append(state)
    path.reverse()
    return [_STATES[s] for s in path]


def _forward(scores: list[tuple[float, ...]], resumes: list[bool], score: list[float],
             into: tuple[tuple, tuple], allowed: list[frozenset[int] | None]
             ) -> tuple[list[float], list[list[int]]]:
    """best_path's forward pass: the states' scores at the last line, and per line after the
    first the state each state came from."""
    incoming, no_rail_return = into
    back: list[list[int]] = []
    states = range(len(State))
    for i in range(1, len(scores)):
        # The text resumes after a rail only where it shows (_resumes_text), never at a title.
        into_states = incoming if resumes[i] else no_rail_return
        here = allowed[i]
        emissions = scores[i]
        new = [NEG] * len(State)
        came_from = [0] * len(State)
        for d in states:
            emission = emissions[d]
            if emission == NEG or here is not None and d not in here:
                continue  # the state is ruled out here: no source to weigh
            best, arg = NEG, 0
            for src, move in into_states[d]:
                v = score[src] + move
                if v > best:
                    best, arg = v, src
            new[d] = best + emission
            came_from[d] = arg
        back.append(came_from)
        score = new
    return score, back


def _resumes_text(f: Features, knobs: LabelKnobs) -> bool:
    """Where the text may resume after a rail inside it: at a paragraph of a run, at a
    sentence leading into a table or a list ("… as follows:"), or in the main text (HTML) at a
    subheading, a table row or a paragraph that is not a link."""
    if f.in_run or f.ends_with_colon and f.words >= knobs.resume_paragraph_words and not f.linked:
        return True
    if not f.within_text or f.link_density >= knobs.link_density_from:
        return False
    return bool(f.dom.subheading) or f.table_row or (
        f.dom.paragraph and f.words >= knobs.resume_paragraph_words)
