"""The fine labels: within its state, what each line becomes — a block of a kind, a part of a
teaser, or a reason to drop it — by a few rules on its Features and its neighbours' labels."""
from __future__ import annotations

from newsclean.features import Features
from newsclean.labels.knobs import LABEL_KNOBS, LabelKnobs
from newsclean.labels.path import State
from newsclean.model import Kind, Reason

# A line's label: the kind of block it becomes (Kind.TEASER: a part of a teaser card), or why it
# becomes none (Reason.MERGED: a caption's credit on a line of its own, folded into the caption).
Label = Kind | Reason
TEXT_LABELS = (Kind.BODY, Kind.STANDFIRST, Kind.SUBHEADING)
# The states as module names for the per-line rules below (an enum's attribute costs ten
# times a global's in Python 3.11).
PRE, HEAD, LEAD, BODY, RELHEAD, RELATED, OUT, COMHEAD, COMMENTS, GAP, POPHEAD, POPULAR = State
CAPTION, HEADLINE = Kind.CAPTION, Kind.HEADLINE  # (what the passes over every line look for)


def label(feats: list[Features], states: list[State],
          knobs: LabelKnobs = LABEL_KNOBS) -> tuple[list[Label], list[int]]:
    """A fine label and an article number (0-based; lines before the first article belong to
    it) for each line."""
    labels: list[Label] = []
    articles: list[int] = []
    article = -1
    prev = None
    headline_key = None  # the first copy of the current article's headline
    for f, s in zip(feats, states):
        # (The article's own headline printed again further down — a sticky bar, the page's
        # end — opens no second article under the same title.)
        if s is HEAD and prev is not HEAD and f.first_copy != headline_key \
                or s is BODY and prev is PRE:
            article += 1
            headline_key = f.first_copy if s is HEAD else None
        articles.append(max(article, 0))
        labels.append(fine_label(f, s, labels[-1] if labels else None, knobs))
        prev = s
    _lead_image_captions(feats, states, labels, knobs)
    _credits_after_captions(feats, labels, knobs)
    _figure_credits(feats, labels, knobs)
    _standfirsts(feats, labels, knobs)
    _alt_texts_beside_captions(feats, labels, knobs)
    _lone_credits(feats, labels)
    _closing_bylines(feats, states, labels)
    return labels, articles


def _closing_bylines(feats: list[Features], states: list[State], labels: list[Label]) -> None:
    """A byline's shape or a name alone, in a paragraph of its own or marked a byline (HTML),
    right after the article's last paragraph, where the text gives way to the chrome after it,
    signs the article: "Martine Giraud" under the text."""
    for i in range(1, len(labels)):
        if states[i] not in (OUT, GAP) or states[i - 1] is not BODY:
            continue
        f = feats[i]
        # (A name alone is read from case only, a "Name (City)" shape from a parenthesis: the
        # markup must print it as a paragraph or mark it a byline — "Most Popular" looks like a
        # name, "Email (required)" like a byline.)
        signed = (f.byline_shape or f.name_line) and not f.ends_with_colon and (
            f.dom.paragraph or f.dom.byline_class or f.dom.address)
        if signed and f.first_copy == i and labels[i - 1] in TEXT_LABELS and not (
                f.linked or f.ui or f.related_heading or f.popular_heading or f.comment_heading):
            labels[i] = Kind.BYLINE


def _alt_texts_beside_captions(feats: list[Features], labels: list[Label],
                               knobs: LabelKnobs) -> None:
    """The line right under a caption, in another script than the page's (an Arabic caption,
    then the image's English alt text) is part of that caption: one caption block."""
    for i in range(len(labels) - 1):
        f, g = feats[i], feats[i + 1]
        if labels[i] is CAPTION and not f.foreign_script and g.foreign_script \
                and labels[i + 1] in (*TEXT_LABELS, Kind.CAPTION, Kind.BYLINE) \
                and g.words <= knobs.hinted_part_max_words and not g.in_run and not g.linked:
            labels[i + 1] = Reason.MERGED


def _lone_credits(feats: list[Features], labels: list[Label]) -> None:
    """A credit alone ("Foto: dpa", "© Reuters") that no caption took is an image's credit with
    no caption to it: chrome, not a caption block of no text — unless the markup makes it the
    image's caption (a <figcaption> that holds only "صورة: هسبريس")."""
    for i, lab in enumerate(labels):
        if lab is CAPTION and feats[i].credit_line and not feats[i].dom.figcaption:
            labels[i] = Reason.BOILERPLATE


def _lead_image_captions(feats: list[Features], states: list[State], labels: list[Label],
                         knobs: LabelKnobs) -> None:
    """The lead image's caption printed above the headline (the photo first, then the title)
    is the first article's: a credited line a few lines before the first headline."""
    head = next((i for i, s in enumerate(states) if s is HEAD), None)
    if head is None:
        return
    read = 0  # lines a reader reads between it and the headline (copies and UI debris aside)
    for i in range(head - 1, -1, -1):
        f = feats[i]
        if states[i] is not PRE or read >= knobs.lead_image_reach:
            break
        read += not (f.ui or f.first_copy != i)
        # (A credit, not an alt text alone: the headline's own text is often the image's alt.)
        if f.first_copy == i and f.credit is not None and not f.linked \
                and f.words >= knobs.lead_image_caption_min_words and not f.dom.in_chrome \
                and feats[head].first_copy != i and _beside(f, feats[head]):
            labels[i] = Kind.CAPTION
            if i + 1 < head and feats[i + 1].credit_line:
                labels[i + 1] = Reason.MERGED


def _beside(f: Features, head: Features) -> bool:
    """Whether the markup lets a line above the headline be its lead image's: in a figure of
    the headline's own story (HTML); always on a text page, which says nothing."""
    return f.dom.bare or f.dom.figure and f.dom.story == head.dom.story


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
        if lab is not CAPTION or not feats[i].dom.figure:
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
        if lab is not HEADLINE:
            continue
        first = _next_content(labels, h + 1)
        if first is None or labels[first] not in TEXT_LABELS \
                or feats[first].words < knobs.standfirst_min_words or feats[first].linked:
            continue
        after = _next_content(labels, first + 1)
        if after is not None and labels[after] in (Kind.CAPTION, Kind.BYLINE):
            labels[first] = Kind.STANDFIRST


def _next_content(labels: list[Label], i: int) -> int | None:
    """The next line that becomes a block of its own (chrome, credits and dates skipped)."""
    while i < len(labels):
        if labels[i] not in (Reason.BOILERPLATE, Reason.MERGED, Kind.DATELINE):
            return i
        i += 1
    return None


def _timed_prose(f: Features, knobs: LabelKnobs) -> bool:
    """A paragraph of the main text that names a time ("Eat 1–2 hours after your workout"), not
    a timestamp: a <p> in the text after its first paragraph, long enough to be a sentence,
    with no year or clock time (those make datelines, "Fri Dec 28, 7:05 AM ET")."""
    return f.relative_time_only and f.within_text and f.dom.paragraph \
        and f.words >= knobs.timed_prose_min_words


def _dateline(f: Features, knobs: LabelKnobs) -> bool:
    """The article's date as the page prints it, between its headline and its text: a date
    with a year or a clock time ("5 min read", "vor 3 Stunden" name none of their own), or a
    line in a <time> (HTML); not a byline that ends with its date ("By Jane Doe | 4 March")."""
    if f.sentence_end or f.linked or f.byline_shape or f.relative_time_only:
        return False
    return f.date_like or f.dom.time and f.words <= knobs.time_dateline_max_words


def _related_link(f: Features, knobs: LabelKnobs) -> bool:
    low, high = knobs.related_link_words
    return f.dom.related and f.linked and low <= f.words <= high and not f.ui and not f.menu_like


def fine_label(f: Features, s: State, before: Label | None, knobs: LabelKnobs) -> Label:
    if s is HEAD:
        return Kind.HEADLINE
    if s is RELHEAD or s is POPHEAD:
        return Reason.RELATED_HEADING
    if s is RELATED:  # a form or a button in a rail (a comment box after it) is no card
        return Reason.BOILERPLATE if f.ui or f.dom.control else Kind.TEASER
    if s is POPULAR:  # …nor, in the page's lists, a line the markup links to nothing (a quote,
        # a price, a newsletter box): a card links to an article
        unlinked = not f.dom.bare and not f.link_density
        return Reason.BOILERPLATE if f.ui or f.dom.control or unlinked else Kind.TEASER
    if s in (COMHEAD, COMMENTS):
        return Reason.COMMENT
    if _related_link(f, knobs):
        return Kind.TEASER  # a title-shaped link in a related-content box (HTML)
    if s in (PRE, OUT, GAP):
        return Reason.BOILERPLATE
    # LEAD and BODY
    if f.ui or f.related_heading or f.comment_heading or f.popular_heading:
        return Reason.BOILERPLATE
    if f.dom.in_chrome and not (s is BODY and f.in_run
                                and f.link_density < knobs.link_density_from and not f.dom.footer):
        return Reason.BOILERPLATE  # a paragraph in a run of them is text, whatever its wrapper
    if f.inline_teaser_at is not None:
        return Kind.TEASER  # "Lire aussi | …" inside the text: a teaser of its own
    if f.credit_line and before is Kind.CAPTION:
        return Reason.MERGED
    # Class hints come from every enclosing element: a whole post may sit in an "author" box,
    # so a hint names a caption or a byline only for a line short enough to be one.
    short = f.words <= knobs.hinted_part_max_words
    # (…and a date or a byline in a figure, a video player's date or author, is not its caption)
    hinted = short and (f.dom.figcaption or f.dom.caption_class) \
        and not (f.byline_shape or f.date_like and not f.sentence_end)
    if f.credit is not None or f.meta_caption or hinted \
            or (f.near_copy and f.words >= knobs.near_copy_caption_min_words and s is State.LEAD):
        return Kind.CAPTION
    # (a date in the author's box is a dateline only in a <time> of its own: "Name Wed 12 March
    # 2025" on one line of an author element is the byline)
    if s is State.LEAD and _dateline(f, knobs) and (f.dom.time or not f.dom.byline_class):
        return Kind.DATELINE  # "Published 06/01/2026 - 13:55", "Thu 13 Mar 2025 06.00 GMT"
    if f.byline_shape or (f.words <= knobs.hinted_byline_max_words
                          and (f.dom.byline_class or f.dom.address)):
        return Kind.BYLINE
    if s is LEAD:
        if f.place_name_byline:
            return Kind.BYLINE  # "القاهرة: سامي الفخراني", "LONDON: Jane Doe"
        if f.words >= knobs.lead_standfirst_min_words \
                and f.letter_share >= knobs.lead_standfirst_min_letter_share and not f.linked:
            return Kind.STANDFIRST
        return Reason.BOILERPLATE
    if f.table_in_text:
        return Kind.BODY  # a row of a table in the text: its cells, tab-separated
    if f.link_density >= knobs.lone_link_density and not f.in_run:
        return Reason.BOILERPLATE  # a lone link: a teaser or a button, not text
    if f.dom.subheading:
        return Kind.SUBHEADING
    if f.words <= 1 and not f.sentence_end or f.menu_like \
            or f.date_like and not f.sentence_end and not _timed_prose(f, knobs):
        return Reason.BOILERPLATE
    low, high = knobs.subheading_words
    if low <= f.words <= high and not f.sentence_end \
            and f.letter_share >= knobs.subheading_min_letter_share and f.blank_before \
            and not f.dom.paragraph and not f.ends_with_colon:
        # (the markup says what a <p> is: a paragraph; "… as follows:" leads into a list)
        return Kind.SUBHEADING
    return Kind.BODY
