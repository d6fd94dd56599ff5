"""HTML pages segmented end to end: what the markup adds to the text model, case by case.

Each page is small but shaped like a real one; each test names the behaviour it pins down.
"""
from __future__ import annotations

from newsclean import segment
from newsclean.testing import assert_invariants

PARAS = [
    "The council voted on Tuesday to build a flood barrier across the harbour mouth, ending ten "
    "years of argument over its cost, its route and its effect on the fishing fleet.",
    "Engineers say the barrier, a row of steel gates that close at high tide, will protect about "
    "four thousand homes from the storm surges that flooded the quay in 2014 and 2020.",
    "Work is due to start next spring and to take three years, the council said in a statement "
    "issued after the vote, which passed by eleven votes to four.",
    "Fishermen who moor in the harbour had opposed an earlier design, which would have narrowed "
    "the channel, but say the new one leaves room for their boats, their nets and their trade.",
]
HEADLINE = "Harbour council approves a flood barrier after a decade of delays"
NAV = "<nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav>"


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang=en><head><title>x</title>{head}</head><body>{body}</body></html>"


def kinds_and_texts(html: str) -> list[tuple[int, str, str]]:
    doc = segment(html)
    assert_invariants(doc.text, doc)  # for HTML, the page is the text its lines make
    return [(n, b.kind.value, b.title or b.text) for n, a in enumerate(doc.articles) for b in a.blocks]


def paragraphs(paras=PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def test_the_h1_is_the_headline_though_a_sticky_header_printed_it_first():
    html = page(f"<header><div class=sticky-title>{HEADLINE}</div>{NAV}</header>"
                + "".join(f"<p><a href=/{i}>Section {i}</a></p>" for i in range(30))
                + f"<article><h1>{HEADLINE}</h1>{paragraphs()}</article>")
    got = kinds_and_texts(html)
    assert got[0] == (0, "headline", HEADLINE)
    assert [t for _, k, t in got if k == "body"] == PARAS


def test_a_table_inside_the_text_is_text():
    table = ("<table><tr><th>Region</th><th>2014</th><th>2024</th></tr>"
             "<tr><td>South-west</td><td>1,120</td><td>690</td></tr>"
             "<tr><td>North-east</td><td>410</td><td>262</td></tr></table>")
    html = page(f"{NAV}<article><h1>{HEADLINE}</h1><div class=body>{paragraphs(PARAS[:2])}"
                f"{table}{paragraphs(PARAS[2:])}</div></article><footer>Contact us</footer>")
    bodies = [t for _, k, t in kinds_and_texts(html) if k == "body"]
    assert bodies == [*PARAS[:2], "Region\t2014\t2024", "South-west\t1,120\t690",
                      "North-east\t410\t262", *PARAS[2:]]


def test_an_inline_related_link_with_a_colon_is_a_teaser_never_the_headline():
    html = page(f"{NAV}<article><h1>{HEADLINE}</h1>{paragraphs(PARAS[:2])}"
                "<p><a href=/x>RELATED: Storm surges are rising along the coast, study says</a></p>"
                f"{paragraphs(PARAS[2:])}</article>")
    got = kinds_and_texts(html)
    assert got[0] == (0, "headline", HEADLINE)
    assert (0, "teaser", "Storm surges are rising along the coast, study says") in got
    assert [t for _, k, t in got if k == "body"] == PARAS


def test_a_most_read_list_after_a_rail_is_a_list_of_teasers():
    # FORMAT.md: a teaser is any card that links to another article, whatever its rail is
    # called; a most-read list's ranks are not part of its titles. The list closes the page:
    # its cards are the page's, and no article text comes back after it.
    rail = "".join(f"<li><a href=/r{i}>Related story number {i} about the harbour</a></li>"
                   for i in range(3))
    popular = "".join(f"<li><a href=/p{i}>{i + 1} Popular story number {i} about the city</a></li>"
                      for i in range(5))
    html = page(f"<article><h1>{HEADLINE}</h1>{paragraphs()}</article>"
                f"<section><h2>Related articles</h2><ul>{rail}</ul></section>"
                f"<aside><h2>Most read</h2><ol>{popular}</ol></aside>")
    teasers = [t for _, k, t in kinds_and_texts(html) if k == "teaser"]
    assert teasers == [f"Related story number {i} about the harbour" for i in range(3)] + \
        [f"Popular story number {i} about the city" for i in range(5)]


def test_a_most_read_menu_above_the_text_is_chrome():
    # The same list before any text: a menu of the site, not cards of an article.
    popular = "".join(f"<li><a href=/p{i}>{i + 1} Popular story about something else</a></li>"
                      for i in range(5))
    html = page(f"<div><h2>Most read</h2><ol>{popular}</ol></div>"
                f"<article><h1>{HEADLINE}</h1>{paragraphs()}</article>")
    assert [k for _, k, _ in kinds_and_texts(html)].count("teaser") == 0


def test_a_date_under_a_card_title_starts_no_card():
    cards = "".join(f"<li><h3><a href=/c{i}>Card title number {i} on the rail</a></h3>"
                    f"<time>{i + 3} March 2025</time></li>" for i in range(3))
    html = page(f"<article><h1>{HEADLINE}</h1>{paragraphs()}</article>"
                f"<section><h2>Related stories</h2><ul>{cards}</ul></section>")
    doc = segment(html)
    teasers = [b for b in doc.blocks if b.kind.value == "teaser"]
    assert [b.title for b in teasers] == [f"Card title number {i} on the rail" for i in range(3)]
    # (each its card's date field: FORMAT.md makes a card's date line one of its fields)
    assert [b.date for b in teasers] == [f"{i + 3} March 2025" for i in range(3)]
    dates = [d for d in doc.dropped if d.text.endswith("March 2025")]
    assert [d.reason.value for d in dates] == ["merged"] * 3


def test_screen_reader_labels_do_not_reach_the_blocks():
    html = page(f"<article><h1>{HEADLINE}</h1><figure><img src=a.jpg alt=''><figcaption>"
                "<span class=visually-hidden>Image caption, </span>Gates at the harbour mouth "
                f"(Reuters)</figcaption></figure>{paragraphs()}</article>")
    got = kinds_and_texts(html)
    assert (0, "caption", "Gates at the harbour mouth (Reuters)") in got
    assert not any("Image caption" in t for _, _, t in got)


def test_the_next_story_of_an_infinite_scroll_opened_by_an_h2_is_a_second_article():
    second = [p.replace("council", "court").replace("harbour", "valley") for p in PARAS[:3]]
    html = page(f"{NAV}<article><h1>{HEADLINE}</h1>{paragraphs()}</article>"
                "<div class=ad>Advertisement</div>"
                "<article><h2>Valley court rules on the new road through the old orchard</h2>"
                f"{paragraphs(second)}</article>")
    got = kinds_and_texts(html)
    assert [(n, t) for n, k, t in got if k == "headline"] == [
        (0, HEADLINE), (1, "Valley court rules on the new road through the old orchard")]
    assert [t for n, k, t in got if k == "body" and n == 1] == second


def json_ld(body: str) -> str:
    import json
    return ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "articleBody": body})
            + "</script>")


def test_a_truncated_or_stale_json_ld_body_changes_nothing_the_page_shows():
    html_body = f"{NAV}<article><h1>{HEADLINE}</h1>{paragraphs()}</article><footer>Contact</footer>"
    plain = kinds_and_texts(page(html_body))
    truncated = kinds_and_texts(page(html_body, json_ld(" ".join(PARAS)[:300])))
    stale = kinds_and_texts(page(html_body, json_ld("An earlier version of the story. " * 20)))
    assert plain == truncated == stale
    assert [t for _, k, t in plain if k == "body"] == PARAS


def test_the_json_ld_body_is_evidence_for_the_lines_it_holds():
    from newsclean import features
    from newsclean.html import html_to_lines
    from newsclean.keys import line_keys
    from newsclean.lexicon import lexicon_for
    html = page(f"<article><h1>{HEADLINE}</h1>{paragraphs()}<p>Share this story with friends "
                "and family today</p></article>", json_ld(" ".join(PARAS[1:])))
    text, lines, meta, main_text = html_to_lines(html)
    feats = features.measure(lines, line_keys(ln.text for ln in lines), text, lexicon_for("en"),
                             features.MetaEvidence.of(meta), main_text)
    held = [ln.text for ln, f in zip(lines, feats) if f.meta_body]
    assert held == PARAS[1:]  # not the headline, not the first paragraph, not the share line
