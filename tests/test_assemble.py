"""Stage 5: assemble() — labelled lines become articles of blocks and a record of what was dropped.

Pages are text run through lines → keys → features; the labels and article numbers are given by
hand (labels.Label = Kind | Reason), so each test checks assembly alone. Expected values follow
assemble.py's docstrings: every line is a block or in `dropped`; a copy of a kept block is a
duplicate with `kept_at` the kept copy's start; a credit line is merged into its caption; a
rail's teaser parts are gathered into one block per card.
"""
from __future__ import annotations

from newsclean import keys
from newsclean.assemble import assemble
from newsclean.features import measure
from newsclean.lexicon import lexicon_for
from newsclean.lines import split_lines
from newsclean.model import Block, Dropped, Kind, Reason

H, SF, SUB, BODY, CAP, BY, TEASER = (Kind.HEADLINE, Kind.STANDFIRST, Kind.SUBHEADING, Kind.BODY,
                                     Kind.CAPTION, Kind.BYLINE, Kind.TEASER)
DUP, BOIL, RELH, COMM, MERGED = (Reason.DUPLICATE, Reason.BOILERPLATE, Reason.RELATED_HEADING,
                                 Reason.COMMENT, Reason.MERGED)

P1 = "The council approved the new harbour budget on Tuesday after a long debate."
P2 = "Residents said they welcomed the decision but wanted more detail on the costs."


def run(rows, lang="en"):
    """rows: (text, label) or (text, label, article). Returns (document, lines)."""
    rows = [(*r, 0) if len(r) == 2 else r for r in rows]
    text = "\n".join(r[0] for r in rows)
    lines = split_lines(text)
    assert len(lines) == len(rows)
    k = keys.line_keys(ln.text for ln in lines)
    feats = measure(lines, k, text, lexicon_for(lang))
    doc = assemble(text, lines, k, feats, [r[1] for r in rows], [r[2] for r in rows])
    return doc, lines


def accounted_once(doc, lines):
    starts = sorted([b.start for b in doc.blocks] + [d.start for d in doc.dropped])
    return starts == [ln.start for ln in lines]


# --- one line of each label ---------------------------------------------------------------------

def test_each_kind_becomes_a_block_of_that_kind():
    rows = [("Harbour budget approved", H), ("Councillors back a plan to rebuild the quay.", SF),
            ("By Jane Doe", BY), (P1, BODY), ("What it means", SUB),
            ("The old quay at dawn (Reuters)", CAP), (P2, BODY)]
    doc, lines = run(rows)
    (article,) = doc.articles
    assert [(b.kind, b.text, b.start, b.end) for b in article.blocks] == [
        (lab, ln.text, ln.start, ln.end) for (_, lab), ln in zip(rows, lines)]
    assert doc.dropped == ()
    assert article.headline == "Harbour budget approved"
    assert article.body_text == "\n".join(
        ["Councillors back a plan to rebuild the quay.", P1, "What it means", P2])


def test_each_reason_becomes_a_dropped_line_with_that_reason():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Great piece, thank you.", COMM), ("Home | News | Sport", BOIL)]
    doc, lines = run(rows)
    assert [b.kind for b in doc.blocks] == [H, BODY]
    assert list(doc.dropped) == [
        Dropped("Related articles", lines[2].start, lines[2].end, RELH),
        Dropped("Great piece, thank you.", lines[3].start, lines[3].end, COMM),
        Dropped("Home | News | Sport", lines[4].start, lines[4].end, BOIL),
    ]
    assert all(d.kept_at is None for d in doc.dropped)


def test_a_merged_credit_with_no_caption_beside_it_is_chrome():
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Photo: Reuters", MERGED),
                      (P2, BODY)])
    assert [(d.text, d.reason) for d in doc.dropped] == [("Photo: Reuters", BOIL)]


def test_a_page_of_chrome_has_no_articles():
    doc, lines = run([("Home | News", BOIL), ("TT", BOIL)])
    assert doc.articles == ()
    assert [d.reason for d in doc.dropped] == [BOIL, BOIL]


# --- duplicates ---------------------------------------------------------------------------------

def test_a_copy_of_a_kept_block_is_a_duplicate_pointing_at_it():
    rows = [("Harbour budget approved", H), ("The old quay at dawn (Reuters)", CAP),
            ("The old quay at dawn (Reuters)", CAP), ("HARBOUR BUDGET APPROVED", CAP),
            (P1, BODY)]
    doc, lines = run(rows)
    assert [b.text for b in doc.blocks] == ["Harbour budget approved",
                                            "The old quay at dawn (Reuters)", P1]
    assert list(doc.dropped) == [
        Dropped(lines[2].text, lines[2].start, lines[2].end, DUP, kept_at=lines[1].start),
        Dropped(lines[3].text, lines[3].start, lines[3].end, DUP, kept_at=lines[0].start),
    ]


def test_chrome_that_repeats_a_kept_block_is_a_duplicate():
    # The headline again in a breadcrumb after the text: boilerplate by label, a copy in fact.
    doc, lines = run([("Harbour budget approved", H), (P1, BODY),
                      ("Harbour budget approved", BOIL)])
    assert list(doc.dropped) == [Dropped("Harbour budget approved", lines[2].start, lines[2].end,
                                         DUP, kept_at=lines[0].start)]


def test_a_copy_of_chrome_is_chrome_not_a_duplicate():
    doc, lines = run([("Harbour budget approved", H), ("Share this", BOIL), (P1, BODY),
                      ("Share this", BOIL)])
    assert [d.reason for d in doc.dropped] == [BOIL, BOIL]


def test_the_same_text_in_two_articles_is_kept_in_each():
    rows = [("Harbour budget approved", H, 0), (P1, BODY, 0), ("By Jane Doe", BY, 0),
            ("Ferries return to the old quay", H, 1), (P2, BODY, 1), ("By Jane Doe", BY, 1)]
    doc, lines = run(rows)
    assert [[b.text for b in a.blocks] for a in doc.articles] == [
        ["Harbour budget approved", P1, "By Jane Doe"],
        ["Ferries return to the old quay", P2, "By Jane Doe"]]
    assert doc.dropped == ()


# --- captions and their credits -----------------------------------------------------------------

def test_a_credit_line_is_merged_into_the_caption_above():
    doc, lines = run([("Harbour budget approved", H), ("The old quay at dawn", CAP),
                      ("Photo: Reuters", MERGED), (P1, BODY)])
    caption = doc.blocks[1]
    assert caption == Block(CAP, "The old quay at dawn", lines[1].start, lines[1].end,
                            credit="Reuters")
    assert list(doc.dropped) == [Dropped("Photo: Reuters", lines[2].start, lines[2].end, MERGED,
                                         kept_at=lines[1].start)]


def test_a_credit_line_above_a_caption_goes_with_the_caption_below():
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Photo: Reuters", MERGED),
                      ("The old quay at dawn", CAP), (P2, BODY)])
    assert doc.blocks[2].credit == "Reuters"
    assert doc.dropped[0].kept_at == lines[3].start


def test_the_credit_line_wins_over_a_credit_in_the_caption():
    doc, _ = run([("Harbour budget approved", H), ("The old quay at dawn (Reuters)", CAP),
                  ("Photo: AFP", MERGED), (P1, BODY)])
    assert doc.blocks[1].credit == "AFP"


def test_a_caption_keeps_its_own_credit():
    doc, _ = run([("Harbour budget approved", H), ("The old quay at dawn (AFP)", CAP), (P1, BODY)])
    assert doc.blocks[1].credit == "AFP"
    assert doc.blocks[2].credit is None  # only captions carry a credit


def test_the_credit_of_a_copied_caption_points_at_the_kept_copy():
    doc, lines = run([("Harbour budget approved", H), ("The old quay at dawn", CAP), (P1, BODY),
                      ("The old quay at dawn", CAP), ("Photo: Reuters", MERGED), (P2, BODY)])
    merged = [d for d in doc.dropped if d.reason is MERGED]
    assert [d.kept_at for d in merged] == [lines[1].start]
    dup = [d for d in doc.dropped if d.reason is DUP]
    assert [d.kept_at for d in dup] == [lines[1].start]


# --- teaser cards -------------------------------------------------------------------------------

SUMMARY = "Officials say the new quay will take larger ferries and bring more visitors to town."


def test_a_card_gathers_section_caption_title_summary_and_byline():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Middle East", TEASER),
            ("Syrian President arrives in Moscow (AFP) play-circle 00:48", TEASER),
            ("Putin receives Sharaa in the Kremlin", TEASER),
            (SUMMARY, TEASER),
            ("By Jane Doe", TEASER)]
    doc, lines = run(rows)
    teaser = doc.blocks[-1]
    title = lines[5]
    assert teaser == Block(TEASER, title.text, title.start, title.end, title=title.text,
                           section="Middle East", caption="Syrian President arrives in Moscow (AFP)",
                           credit="AFP", summary=SUMMARY, byline="By Jane Doe",
                           video_duration="00:48")
    merged = [d for d in doc.dropped if d.reason is MERGED]
    assert [d.start for d in merged] == [lines[i].start for i in (3, 4, 6, 7)]
    assert all(d.kept_at == title.start for d in merged)
    assert accounted_once(doc, lines)


def test_cards_of_a_rail_start_where_the_order_of_parts_goes_back():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Ferries return to the old quay", TEASER), (SUMMARY, TEASER),
            ("Solar farms spread across the desert", TEASER),
            ("Engineers say the panels will power ten thousand homes by the end of next year.",
             TEASER)]
    doc, lines = run(rows)
    teasers = [b for b in doc.blocks if b.kind is TEASER]
    assert [(t.title, t.summary) for t in teasers] == [
        ("Ferries return to the old quay", SUMMARY),
        ("Solar farms spread across the desert",
         "Engineers say the panels will power ten thousand homes by the end of next year.")]


def test_a_title_above_and_below_its_image_is_kept_once_the_later_copy():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Ferries return to the old quay", TEASER),
            ("A ferry at the old quay (Reuters)", TEASER),
            ("Ferries return to the old quay", TEASER)]
    doc, lines = run(rows)
    (teaser,) = [b for b in doc.blocks if b.kind is TEASER]
    assert (teaser.start, teaser.title) == (lines[5].start, "Ferries return to the old quay")
    assert teaser.caption == "A ferry at the old quay (Reuters)" and teaser.credit == "Reuters"
    dup = [d for d in doc.dropped if d.reason is DUP]
    assert [(d.start, d.kept_at) for d in dup] == [(lines[3].start, lines[5].start)]
    assert accounted_once(doc, lines)


def test_list_numbers_are_taken_off_titles():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Most read", RELH),
            ("1- Ferries return to the old quay", TEASER),
            ("2. Solar farms spread across the desert", TEASER)]
    doc, lines = run(rows)
    teasers = [b for b in doc.blocks if b.kind is TEASER]
    assert [t.title for t in teasers] == ["Ferries return to the old quay",
                                          "Solar farms spread across the desert"]
    assert [t.text for t in teasers] == [t.title for t in teasers]
    # the span is still the page's line
    assert [(t.start, t.end) for t in teasers] == [(lines[3].start, lines[3].end),
                                                   (lines[4].start, lines[4].end)]


def test_an_inline_read_more_is_a_teaser_of_its_title():
    doc, lines = run([("Harbour budget approved", H), (P1, BODY),
                      ("Read more: Ferries return to the old quay", TEASER), (P2, BODY)])
    teaser = doc.blocks[2]
    assert teaser.kind is TEASER and teaser.title == "Ferries return to the old quay"
    assert [b.kind for b in doc.blocks] == [H, BODY, TEASER, BODY]


def test_a_byline_alone_is_no_teaser():
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
                      ("By Jane Doe", TEASER)])
    assert [b.kind for b in doc.blocks] == [H, BODY]
    assert doc.dropped[-1] == Dropped("By Jane Doe", lines[3].start, lines[3].end, BOIL)


def test_a_date_beside_a_card_is_its_date_field():
    # (FORMAT.md: a card's section and date lines are its fields, not boilerplate)
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
                      ("Ferries return to the old quay", TEASER), ("3 hours ago", TEASER)])
    (teaser,) = [b for b in doc.blocks if b.kind is TEASER]
    assert (teaser.title, teaser.date) == ("Ferries return to the old quay", "3 hours ago")
    assert doc.dropped[-1] == Dropped("3 hours ago", lines[4].start, lines[4].end,
                                      Reason.MERGED, teaser.start)


def test_every_card_of_a_section_prints_its_label():
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Sport", TEASER), ("Ferries return to the old quay", TEASER),
            ("Sport", TEASER), ("Solar farms spread across the desert", TEASER)]
    doc, lines = run(rows)
    teasers = [b for b in doc.blocks if b.kind is TEASER]
    assert [(t.section, t.title) for t in teasers] == [
        ("Sport", "Ferries return to the old quay"),
        ("Sport", "Solar farms spread across the desert")]
    assert not any(d.reason is DUP for d in doc.dropped)


def test_a_section_label_shared_by_the_rails_captions_is_cut_off_them():
    # "Harbour news" opens both captions: the rail's section label, not part of the caption.
    rows = [("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
            ("Harbour news A ferry at the old quay (Reuters)", TEASER),
            ("Ferries return to the old quay", TEASER),
            ("Harbour news Cranes on the new pier (AFP)", TEASER),
            ("The new pier opens in spring", TEASER)]
    doc, lines = run(rows)
    teasers = [b for b in doc.blocks if b.kind is TEASER]
    assert [(t.section, t.caption, t.credit) for t in teasers] == [
        ("Harbour news", "A ferry at the old quay (Reuters)", "Reuters"),
        ("Harbour news", "Cranes on the new pier (AFP)", "AFP")]


# --- articles -----------------------------------------------------------------------------------

def test_articles_split_by_article_of():
    rows = [("Home | News", BOIL, 0), ("Harbour budget approved", H, 0), (P1, BODY, 0),
            ("Ferries return to the old quay", H, 1), ("By John Roe", BY, 1), (P2, BODY, 1)]
    doc, lines = run(rows)
    assert len(doc.articles) == 2
    assert [a.headline for a in doc.articles] == ["Harbour budget approved",
                                                  "Ferries return to the old quay"]
    assert [[b.start for b in a.blocks] for a in doc.articles] == [
        [lines[1].start, lines[2].start], [lines[3].start, lines[4].start, lines[5].start]]
    assert doc.articles[1].body_text == P2
    assert accounted_once(doc, lines)


def test_an_article_of_chrome_only_is_left_out():
    rows = [("Harbour budget approved", H, 0), (P1, BODY, 0), ("Home | News", BOIL, 1),
            ("Ferries return to the old quay", H, 2), (P2, BODY, 2)]
    doc, _ = run(rows)
    assert [a.headline for a in doc.articles] == ["Harbour budget approved",
                                                  "Ferries return to the old quay"]


def test_dropped_lines_are_in_page_order_and_text_is_the_page():
    rows = [("TT", BOIL), ("Harbour budget approved", H), ("Share", BOIL), (P1, BODY),
            ("Related articles", RELH)]
    doc, lines = run(rows)
    assert [d.start for d in doc.dropped] == sorted(d.start for d in doc.dropped)
    assert doc.text == "\n".join(r[0] for r in rows)
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text


def test_a_rail_printed_twice_is_one_teaser_per_card():
    # A hidden copy of a rail and its visible copy (desktop and mobile), apart in the article:
    # the second card's every part was printed before, so it is a copy — each of its lines a
    # duplicate of the kept line with its key.
    card = [("Ferries return to the old quay", TEASER),
            ("The harbour board expects the first crossings to run again by the end of May.", TEASER)]
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
                      *card, (P2, BODY), ("Related articles", RELH), *card])
    teasers = [b for b in doc.blocks if b.kind is TEASER]
    assert [t.title for t in teasers] == ["Ferries return to the old quay"]
    dups = [d for d in doc.dropped if d.reason is Reason.DUPLICATE and d.start > lines[5].start]
    assert [(d.text, d.kept_at) for d in dups] == [
        (lines[3].text, lines[3].start), (lines[4].text, lines[4].start)]


def test_a_card_with_the_same_title_and_another_summary_is_kept():
    doc, lines = run([("Harbour budget approved", H), (P1, BODY), ("Related articles", RELH),
                      ("Ferries return to the old quay", TEASER),
                      ("The harbour board expects the first crossings to run again by May.", TEASER),
                      (P2, BODY), ("Related articles", RELH),
                      ("Ferries return to the old quay", TEASER),
                      ("Ticket prices will stay as they were before the closure, the board said.", TEASER)])
    assert len([b for b in doc.blocks if b.kind is TEASER]) == 2


def run_in_text(rows):
    """run(), with every line a <p> of the page's main text after its first paragraph (HTML)."""
    from newsclean.features import DomFacts

    text = "\n".join(r[0] for r in rows)
    lines = split_lines(text)
    k = keys.line_keys(ln.text for ln in lines)
    feats = measure(lines, k, text, lexicon_for("en"))
    for f in feats:
        f.within_text, f.dom = True, DomFacts(bare=False, paragraph=True, main_text=True)
    doc = assemble(text, lines, k, feats, [r[1] for r in rows], [0] * len(rows))
    return doc, lines


ANSWER1 = "We never planned to close the harbour for this long, and the delays were costly."
ANSWER2 = "The ferries will run again in May, once the new quay has passed its inspection."


def test_a_speakers_label_before_each_answer_is_kept_at_each_place():
    # A short line the text repeats between paragraphs, each time before a paragraph: a
    # refrain of the article's own text, kept at every place (issue 13's rule).
    doc, lines = run_in_text([("Harbour chief speaks", H), ("Question:", BODY), (ANSWER1, BODY),
                              ("Question:", BODY), (ANSWER2, BODY)])
    assert [b.text for b in doc.blocks] == ["Harbour chief speaks", "Question:", ANSWER1,
                                            "Question:", ANSWER2]


def test_a_repeated_line_is_no_refrain_without_text_between_or_after():
    # printed twice in a row (no paragraph between), or before no paragraph: a copy
    doc, _ = run_in_text([("Harbour chief speaks", H), ("Question:", BODY), ("Question:", BODY),
                          (ANSWER1, BODY), ("Price at", BODY), (ANSWER2, BODY), ("Price at", BODY)])
    assert [b.text for b in doc.blocks].count("Question:") == 1
    assert [b.text for b in doc.blocks].count("Price at") == 1


def test_a_repeated_short_line_of_a_text_page_is_a_copy():
    # On a text page nothing vouches for it: "Article content" between paragraphs is chrome.
    doc, _ = run([("Harbour chief speaks", H), ("Article content", BODY), (ANSWER1, BODY),
                  ("Article content", BODY), (ANSWER2, BODY)])
    assert [b.text for b in doc.blocks].count("Article content") == 1
