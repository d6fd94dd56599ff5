"""The knobs of stage 4: every weight of the hand-written scores and every threshold of the fine
labels, each a field with the one value it has. The learned weights that correct those scores
are data (learned.py, data/page_model-*.json)."""
from __future__ import annotations

import attrs

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
    headline_byline_soon_bonus: float = 0.75  # …or a few lines further down
    headline_deck_bonus: float = 1.0  # a standfirst right under it
    headline_name_cost: float = 2.0  # a name alone: the byline printed without its "By"
    headline_within_text: float = -4.0  # a headline inside the text of another article (HTML)
    headline_next_story: float = 6.0  # a heading that opens another <article> holding as much text (HTML)
    headline_tag_bonus: float = 4.0  # <h1>
    headline_nav_cost: float = 7.0  # inside a <nav>, a menu or a breadcrumb: its <h1> and meta bonuses void
    headline_numbered_cost: float = 3.0  # opens with a list's number ("2- ", "3) ")
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
    teaser_in_footer: float = -1.0  # the page's footer (HTML): its links are the site's, not cards
    comment_factor: float = 0.6  # comments read like text: they hold the path, but less than the article
    resume_paragraph_words: int = 6  # a <p> of the main text this long may resume it after a rail (HTML)
    # Fine labels
    time_dateline_max_words: int = 30  # a <time> line this long is still a date ("Published … Updated …")
    hinted_part_max_words: int = 60  # longer than this, a line in a <figcaption> is text, not a caption
    source_after_words: int = 20  # a credit line after a paragraph this long credits the story (text)
    figure_credit_max_words: int = 8
    standfirst_min_words: int = 8
    near_copy_caption_min_words: int = 3
    timed_prose_min_words: int = 6  # a <p> of the main text naming a time, not a timestamp
    lead_image_reach: int = 8  # reading lines above the first headline: its lead photo's caption
    lead_image_caption_min_words: int = 4  # …a caption, not a bare credit ("Foto: dpa")
    hinted_byline_max_words: int = 12
    lead_standfirst_min_words: int = 12
    lead_standfirst_min_letter_share: float = 0.6
    lone_link_density: float = 0.8  # a lone link: a teaser or a button, not text
    related_link_words: tuple[int, int] = (3, 25)  # a title-shaped link in a related box
    subheading_words: tuple[int, int] = (2, 14)  # a short unpunctuated line after a blank line
    subheading_min_letter_share: float = 0.7


LABEL_KNOBS = LabelKnobs()
