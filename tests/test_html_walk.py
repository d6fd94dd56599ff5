"""The steps of the HTML walk, each on a hand-made input: what an element's attributes change,
how a line's text nodes become Lines, and the element numbering main_text relies on."""
from __future__ import annotations

from newsclean.html import line_builder, main_text, tags, walk
from newsclean.html.attributes import attribute_facts, word_bits
from newsclean.html.tags import BLOCK, HIDDEN, HINT_BIT, LINK, PRE


def test_class_words_are_whole_words_camel_case_and_plurals():
    # "adSlot" is camelCase for ad + slot; "related-posts" gives related; "shadow" holds
    # "ad" only inside a word, so it gives nothing; "comments" is a plural of comment.
    assert word_bits("adSlot") == HINT_BIT["promo"]
    assert word_bits("related-posts") == HINT_BIT["related"]
    assert word_bits("shadow load header") == 0
    assert word_bits("comments") == HINT_BIT["comment"]


def test_attributes_hide_reblock_or_give_hints():
    div = tags.TAG_INFO["div"]
    # A screen-reader-only class hides the element; the same name as an id does not.
    assert attribute_facts({"class": "sr-only"}, div.flags, 0, True)[0] >= HIDDEN
    assert attribute_facts({"id": "sr-only"}, div.flags, 0, True) == (BLOCK, 0)
    # display:inline makes a block inline; display:none hides it.
    assert attribute_facts({"style": "display: inline"}, BLOCK, 0, True) == (0, 0)
    assert attribute_facts({"style": "DISPLAY:NONE"}, BLOCK, 0, True)[0] >= HIDDEN
    # The class of an element without content is not read: its hints would go nowhere.
    assert attribute_facts({"class": "byline"}, 0, 0, False) == (0, 0)
    assert attribute_facts({"class": "byline"}, 0, 0, True) == (0, HINT_BIT["byline"])


def test_a_line_of_cells_links_and_blank_text():
    line = line_builder.LineBuilder()
    line.add("  \n", 0, 0)  # white space before any text is no text
    line.add(" Price ", LINK, HINT_BIT["a"])
    line.add_cell()
    line.add(" 3  euros ", 0, HINT_BIT["table"])
    line.end(owner=7)
    # Cells a tab apart, each stripped; "Price" (5 of 13 characters) is the link.
    (made,) = line.lines
    assert (made.text, made.start, made.end) == ("Price\t3 euros", 0, 13)
    assert made.link_density == 5 / 13
    assert made.hints == {"a", "table"}
    assert line.owners == [7] and line.pos == 14
    line.end(owner=8)  # no line open: nothing
    assert len(line.lines) == 1


def test_preformatted_text_keeps_its_line_breaks():
    line = line_builder.LineBuilder()
    line.add("a  b\n\n  c\n", PRE, 0)
    line.end(owner=1)
    # Two lines (the blank one between them is none), spaces inside kept.
    assert [(made.text, made.start) for made in line.lines] == [("a  b", 0), ("c", 5)]
    assert line.owners == [1, 1]


def test_elements_are_numbered_in_document_order_with_their_parents():
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser("<div><p>one</p><section><p>two <b>x</b></p></section></div>"
                            "<p>three</p>").body
    lines, owners, parent_of = walk.visible_lines(body)
    assert [line.text for line in lines] == ["one", "two x", "three"]
    # body 0; div 1; p "one" 2 (a block of one text, numbered for its line); section 3;
    # p "two" 4 (entered: its children are a text and a <b>, which is taken at once and so
    # never numbered); p "three" 5.
    assert parent_of == [-1, 0, 1, 1, 3, 0]
    assert owners == [2, 4, 5]
    # The div's descendants are the numbers after it while their parents are inside it.
    assert main_text._descendants(1, parent_of) == (1, 5)


def test_aria_hidden_hides_but_for_a_figcaption_the_eye_sees():
    from newsclean.html import html_to_lines
    page = ('<body><figure><img alt="Orchards near Bsharri"><figcaption aria-hidden="true">'
            'Orchards near Bsharri (AFP)</figcaption></figure><div aria-hidden="true">'
            'Closed menu</div><p aria-hidden="true">A slide out of view</p></body>')
    assert [line.text for line in html_to_lines(page)[1]] == ["Orchards near Bsharri (AFP)"]


def test_a_heading_of_stacked_spans_keeps_its_parts_a_space_apart():
    from selectolax.lexbor import LexborHTMLParser

    def shown(body: str) -> list[str]:
        lines, _, _ = walk.visible_lines(LexborHTMLParser(body).body)
        return [ln.text for ln in lines]

    # A kicker and a title in spans, nothing between them: the stylesheet stacks them; without
    # it they would read as one word ("…beginnen"Trump …).
    assert shown('<h2><span class="kicker">"Es wird bald beginnen"</span>'
                 '<span>Trump spricht über Bodeneinsätze</span></h2><p>Text.</p>') == \
        ['"Es wird bald beginnen" Trump spricht über Bodeneinsätze', "Text."]
    # Words a heading styles in spans, text of its own between them, or a lone word last: one
    # line as innerText reads it.
    assert shown("<h1><span>Gro</span><span>ß</span></h1>") == ["Groß"]
    assert shown("<h1><span>Big</span>gest <span>news today</span></h1>") == ["Biggest news today"]
    assert shown("<p><span>Not</span><span>a heading</span></p>") == ["Nota heading"]
