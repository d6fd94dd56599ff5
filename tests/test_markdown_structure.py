"""Markdown keeps the structure the page shows (issue 13): list items, table rows, quotes."""
from __future__ import annotations

import pytest

from newsclean import segment
from newsclean.model import Article, Block, Document, Kind, Structure
from newsclean.render.markdown import to_markdown


def _doc(*blocks: tuple[str, Structure | None]) -> Document:
    text = "\n".join(t for t, _ in blocks)
    out, pos = [], 0
    for t, s in blocks:
        out.append(Block(Kind.BODY, t, pos, pos + len(t), structure=s))
        pos += len(t) + 1
    return Document(text, [Article(out)], [])


CASES = [
    ([("Intro.", None), ("eggs", Structure("ul", 0, 1)), ("flour", Structure("ul", 0, 2)),
      ("After.", None)],
     "Intro.\n\n- eggs\n- flour\n\nAfter."),
    ([("first", Structure("ol", 0, 1)), ("second", Structure("ol", 0, 2)),
      ("other list", Structure("ol", 1, 1))],
     "1. first\n2. second\n\n1. other list"),
    ([("Team\tPts", Structure("table", 0, 1, ["Team", "Pts"])),
      ("A|B\t3", Structure("table", 0, 2, ["A|B", "3"]))],
     "| Team | Pts |\n| --- | --- |\n| A\\|B | 3 |"),
    ([("To be", Structure("blockquote", 2, 1)), ("or not", Structure("blockquote", 2, 2))],
     "> To be\n>\n> or not"),
]


@pytest.mark.parametrize("blocks, expected", CASES)
def test_structured_blocks_render_as_markdown_structure(blocks, expected):
    assert to_markdown(_doc(*blocks)) == expected


def test_a_page_with_a_list_keeps_its_items_as_a_markdown_list():
    items = "".join(f"<li>Ingredient number {i} for the dish we cook tonight</li>" for i in (1, 2, 3))
    para = "<p>" + "This is a sentence of the article that explains the recipe well. " * 3 + "</p>"
    page = f"<html><body><article><h1>A recipe for tonight</h1>{para}<ul>{items}</ul>{para}</article></body></html>"
    doc = segment(page, input="html")
    structured = [b for a in doc.articles for b in a.blocks if b.structure is not None]
    assert [b.structure.position for b in structured] == [1, 2, 3]
    md = to_markdown(doc)
    assert "\n- " + structured[0].text + "\n- " in md  # one list, not three paragraphs
    for b in structured:  # every kept item is a Markdown list item
        assert f"- {b.text}" in md
