"""Stage 3: what each line looks like, measured once.

Features are facts about one line and its copies on the page — length, punctuation, a credit at
the end, a byline shape, how often and how near its key recurs, what the markup says around it
— computed in one pass, linear in the page. They are the only input of the page model
(labels.py) and what the assembly (assemble.py) needs to cut a block's fields; nothing here
decides a label. The markup's hint words (dom.py) are read here once, into `DomFacts`.

Every threshold is a field of `FeatureKnobs` (facts.py, with the data), with the one value it
has; `measure(..., knobs=FeatureKnobs(run_min_words=12))` changes one for one call. The rooms:
facts.py (the knobs and the facts' classes), line_text.py (what a line's text alone says),
page.py (what its neighbours say: runs, the main text, bylines and decks nearby), this module
(the one pass that measures every line, and the markup's hints read into DomFacts).
"""
from __future__ import annotations

import bisect
import functools
from array import array

from newsclean import dom
from newsclean.features import credits, line_text
from newsclean.features.facts import (
    BLANK_LINE_BREAKS, CARD_LINES, CHROME_HINTS, FEATURE_KNOBS, SUBHEADING_TAGS, TEXT_DOM,
    WRAPPER_HINTS, DomFacts, FeatureKnobs, Features, MetaEvidence)
from newsclean.features.page import (
    _count_letters, _mark_credited_heads, _mark_decks_after, _mark_foreign_script,
    _mark_clock_edges, _mark_introduced_tables, _mark_lists_between_paragraphs, _mark_ranked_items,
    _mark_runs, _mark_text_above, _mark_within_text)
from newsclean.lexicon import Lexicon
from newsclean.lines import Line

# The stage's data (facts.py) under the names it has always had here; _count_letters and
# _mark_credited_heads are the page passes the tests call alone.
__all__ = ["BLANK_LINE_BREAKS", "CARD_LINES", "CHROME_HINTS", "FEATURE_KNOBS", "SUBHEADING_TAGS",
           "TEXT_DOM", "WRAPPER_HINTS", "DomFacts", "FeatureKnobs", "Features", "MetaEvidence",
           "measure", "line_text", "_count_letters", "_mark_credited_heads"]

UI = -2  # where facts_of() puts whether the line is UI debris

# --- the pass -----------------------------------------------------------------------------------

def measure(lines: list[Line], keys: list[str], text: str, lexicon: Lexicon,
            meta: MetaEvidence = MetaEvidence(), main_text: list[bool] | None = None,
            knobs: FeatureKnobs = FEATURE_KNOBS) -> list[Features]:
    """One Features per line, in order. `main_text` (HTML): per line, whether it is inside the
    element that holds the page's prose; None where the page has no clear one."""
    first, repeated, rank = _copies(keys)
    # A page repeats a sixth of its lines: a line that prints its key's first line again is
    # not measured again (and no cache of texts is kept: a copy's facts are its first line's).
    texts: list[tuple | None] = []
    for i, (line, key) in enumerate(zip(lines, keys)):
        j = first[key]
        texts.append(texts[j] if j != i and line.text == lines[j].text
                     else line_text.facts_of(line.text, key, lexicon, knobs))
    # Distances between copies are counted in lines a reader reads: UI debris ("TT", "20")
    # between a headline and its echo does not move them apart.
    reading_index, n = array("l"), 0
    for facts in texts:
        reading_index.append(n)
        n += not facts[UI]
    dom_facts = _dom_facts(lines, texts, main_text, knobs)
    in_body = _body_finder(meta.body_key, len(lines), knobs)

    out: list[Features] = []
    prev_end = 0
    for i, (line, key) in enumerate(zip(lines, keys)):
        t = line.text
        (words, letter_share, sentence_end, byline_shape, related_heading, popular_heading,
         comment_words, section_label, date_like, menu_like, table_row, inline_teaser_at,
         place_name_byline, ends_with_colon, period_end, title_start, name_line,
         relative_time_only, ui, notice) = texts[i]
        texts[i] = None  # (read once: a line's facts go as its Features comes)
        density = line.link_density
        linked = density >= knobs.link_cut
        copies_at = repeated.get(key)
        j = first[key]
        # A credit depends on the text, and on the line only through two facts, whether it is
        # linked and whether its tags rule out a caption: a copy of its key's first line that
        # agrees on both has that line's credit (a caption and its copy are read once).
        same = out[j] if j != i and t == lines[j].text and linked == out[j].linked and (
            line.hints.isdisjoint(line_text.NOT_CAPTION_TAGS)
            == lines[j].hints.isdisjoint(line_text.NOT_CAPTION_TAGS)) else None
        if same is None:
            credit, credit_line = credits.credit(t, key, words, lexicon, line, notice, knobs)
            parts = None if credit is None else credits.caption_parts(t, lexicon, knobs)
        else:
            credit, credit_line, parts = same.credit, same.credit_line, same.caption_parts
        near = copies_at is not None and _has_near_copy(copies_at, rank[i], reading_index, knobs)
        # Positional, in the class's field order (tests/test_features.py checks it): the same
        # call with three dozen keywords costs twice as much, once per line of every page.
        out.append(Features(
            words, letter_share, sentence_end, credit, credit_line, byline_shape, ui,
            related_heading, popular_heading,
            # A linked "Comments" in a share bar is a button, not the heading of a thread.
            comment_words and not linked,
            section_label, date_like, menu_like, table_row,
            1 if copies_at is None else len(copies_at), j, near,  # copies, first_copy, near_copy
            # blank_before
            # (a gap shorter than the breaks cannot hold them: HTML's are one "\n", never counted)
            line.start - prev_end >= BLANK_LINE_BREAKS
            and text.count("\n", prev_end, line.start) >= BLANK_LINE_BREAKS or "p" in line.hints,
            density, linked, dom_facts[i], place_name_byline, ends_with_colon, period_end,
            title_start,
            parts,  # caption_parts
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
    _page_passes(out, lines, text, knobs)
    return out


def _copies(keys: list[str]) -> tuple[dict[str, int], dict[str, list[int]], array]:
    """Each key's first line; for a key the page repeats, the lines that hold it, in order (a
    key printed once, most lines of a page, costs no list of its own); and which copy of its
    key each line is (0 for the first)."""
    first: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}
    rank = array("l")
    for i, k in enumerate(keys):
        j = first.setdefault(k, i)
        if j == i:
            rank.append(0)
            continue
        at = repeated.get(k)
        if at is None:
            at = repeated[k] = [j]
        rank.append(len(at))
        at.append(i)
    return first, repeated, rank


def _page_passes(out: list[Features], lines: list[Line], text: str, knobs: FeatureKnobs) -> None:
    """The facts that need the page around a line (page.py), in the order they build on."""
    _mark_runs(out, lines, knobs)
    _mark_text_above(out)
    _mark_within_text(out, knobs)
    _mark_credited_heads(out, knobs)
    _mark_decks_after(out, knobs)
    _mark_introduced_tables(out, knobs)
    _mark_lists_between_paragraphs(out, knobs)
    _mark_ranked_items(out, lines, knobs)
    _mark_clock_edges(out, lines)
    _mark_foreign_script(out, lines, text, knobs)


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


def _has_near_copy(at: list[int], j: int, reading_index: array, knobs: FeatureKnobs) -> bool:
    """Whether copy j of a key stands within near_copy_distance reading lines of the copy
    before or after it (`at`: the copies' line indices, in order). Constant time per line."""
    here = reading_index[at[j]]
    distance = knobs.near_copy_distance
    return (j > 0 and here - reading_index[at[j - 1]] <= distance) or (
        j + 1 < len(at) and reading_index[at[j + 1]] - here <= distance)
