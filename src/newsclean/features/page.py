"""Stage 3's passes over the whole page: the facts a line takes from its neighbours.

After each line is measured on its own (features.measure), these passes mark what only the
page around it shows: a paragraph in a run of paragraphs, the main text begun, a byline under a
headline, a standfirst under it, a table or a list the text leads into, a line in a script
foreign to the page. Each is linear in the page.
"""
from __future__ import annotations

import regex

from newsclean.features import line_text
from newsclean.features.facts import CARD_LINES, FEATURE_KNOBS, FeatureKnobs, Features
from newsclean.lines import Line

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
    latin_page = latin >= 1 - knobs.foreign_share
    for f, line in zip(feats, lines):
        t = line.text
        # (an ASCII line is foreign to a page in another script only; a line with letters
        # beyond ASCII is foreign to a Latin page when none of its letters is ASCII)
        if f.words < knobs.foreign_min_words or t.isascii() == latin_page:
            continue
        ascii_letters = len(t.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
        f.foreign_script = (not ascii_letters and f.letter_share > 0) if latin_page \
            else ascii_letters > 0


SCRIPT_SAMPLE = 20_000  # characters of the page read for its main script (as lexicon.py reads)
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


def _mark_text_above(feats: list[Features]) -> None:
    """Mark the lines below the page's first run of paragraphs (Features.text_above)."""
    seen = False
    for f in feats:
        f.text_above = seen
        seen = seen or f.in_run


# A rank before a card's title: one or two digits, then a stop, a dash, a space or the title's
# first letter ("1الأرصاد…": the number in a <span> of its own, glued by innerText).
_RANK = regex.compile(r"(\d{1,2})(?:[.)\-–]\s*|\s+|(?=\p{L}))")


def _mark_ranked_items(feats: list[Features], lines: list[Line], knobs: FeatureKnobs) -> None:
    """Mark the ranks of a numbered list of cards ("Most read": 1, 2, 3… in order, other lines
    between): each item's rank_end. A number out of order ("18:20", "2025") is no rank."""
    run: list[tuple[int, int]] = []  # (line, rank_end) of the list being read

    def close() -> None:
        if len(run) >= knobs.ranked_min_items:
            for i, end in run:
                feats[i].rank_end = end
        run.clear()

    for i, line in enumerate(lines):
        m = _RANK.match(line.text) if line.text[:1].isdigit() else None  # (most lines: a letter)
        if m is None or m.end() == len(line.text):
            continue
        rank = int(m.group(1))
        if rank == 1:
            close()
        if rank == len(run) + 1:
            run.append((i, m.end()))
    close()


# A clock time at a line's start or end ("18:20 …", "…13:02"), and a title of a letter or more.
_EDGE_CLOCK = regex.compile(r"^(\d{1,2}:\d{2})\s*(?=\p{L})|(?<=\p{L}[\p{P}]?)\s*(\d{1,2}:\d{2})$")


def _mark_clock_edges(feats: list[Features], lines: list[Line]) -> None:
    """Mark each line's clock time at its start or its end (Features.clock_span)."""
    for f, line in zip(feats, lines):
        t = line.text
        if ":" not in t:
            continue
        m = _EDGE_CLOCK.search(t)
        if m is not None:
            group = 1 if m.group(1) else 2
            f.clock_span = (m.start(group), m.end(group))
