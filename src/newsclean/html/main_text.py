"""Where a page's article text is, from the DOM alone (as Arc90's Readability finds it).

Each line of prose scores the element around it (fully), the one around that (half) and the
next (a sixth), by its length and commas; the best-scoring element holds the article, with those
of its siblings that score nearly as well (the text split in several boxes). The result is a
mark per line, evidence for the labeller, which still reads every line (a table, a list or a
product box inside the article is text; a promo inside it is not).

The walk numbers the elements in document order (the body is 0) and gives, per element, its
parent (`parent_of`) and, per line, the element whose line it is (`owners`). So an element's
descendants are the numbers after it up to the first whose parent is before it.
"""
from __future__ import annotations

import functools

from newsclean import dom
from newsclean.lines import Line

MAIN_TEXT_MIN_CHARS = 25  # shorter lines say nothing about where the text is
MAIN_TEXT_MIN_SCORE = 10.0  # below this the page has no clear main text: no marks at all
MAIN_TEXT_SIBLING_SHARE = 0.2  # a sibling holding this share of the best score is text too
MAIN_TEXT_SIBLING_MIN = 3.0  # … and at least one paragraph's worth
MAIN_TEXT_ARTICLE_SHARE = 0.5  # another <article> with this share of the text's prose is text
_COMMAS = (",", "\u060c", "\uff0c", "\u3001")  # , ، ， 、
_LEVEL_SHARE = (1.0, 0.5, 1 / 6)
_WRAPPER_DEPTH = 6  # how far up a line is counted (wrappers deeper than this stay unseen)
# Prose in these is not the article's, however much of it there is (readers' comments above all).
_NOT_TEXT = frozenset({"comment", "nav", "footer", "aside"})

# The N of a line's "article-N" hint (0: none). Lines share a few hint sets, so it is cached.
_story_of = functools.lru_cache(maxsize=4096)(dom.story_of)


def main_text(lines: list[Line], owners: list[int], parent_of: list[int]) -> list[bool] | None:
    """Per line, whether it is in the page's main text; None when the page has no clear one."""
    score, prose = _scores(lines, owners, parent_of)
    best = max(score, key=lambda e: (score[e], -e), default=None)  # (ties: the first element)
    if best is None or score[best] < MAIN_TEXT_MIN_SCORE:
        return None
    spans = [_descendants(root, parent_of) for root in _text_roots(best, score, parent_of)]
    if len(spans) == 1:
        start, end = spans[0]
        inside = [start <= owner < end for owner in owners]
    else:
        inside = [any(start <= owner < end for start, end in spans) for owner in owners]
    return _with_next_stories(lines, inside, prose)


def _prose_points(line: Line) -> float:
    """What a line says about where the prose is: 0 for a short line, a link, a table row (data,
    not prose) or a line in a comment, nav, footer or aside; else 1 + its commas + its length in
    hundreds of characters (at most 3), less its share inside links."""
    text = line.text
    density = line.link_density
    if len(text) < MAIN_TEXT_MIN_CHARS or density > 0.5 or "\t" in text \
            or not line.hints.isdisjoint(_NOT_TEXT):
        return 0.0
    commas = sum(map(text.count, _COMMAS))
    return (1 + commas + min(3, len(text) // 100)) * (1 - density)


def _scores(lines: list[Line], owners: list[int], parent_of: list[int]
            ) -> tuple[dict[int, float], dict[int, float]]:
    """(score per element, prose points per top-level <article> by its N, 0 outside any)."""
    lines_in = _lines_per_element(owners, parent_of)
    score: dict[int, float] = {}
    prose: dict[int, float] = {}
    for line, owner in zip(lines, owners):
        points = _prose_points(line)
        if not points:
            continue
        story = _story_of(line.hints)
        prose[story] = prose.get(story, 0.0) + points
        element = parent_of[owner]
        while element > 0 and lines_in[element] == 1:  # a wrapper of one paragraph: climb out
            element = parent_of[element]
        for share in _LEVEL_SHARE:
            if element < 0:
                break
            score[element] = score.get(element, 0.0) + points * share
            element = parent_of[element]
    return score, prose


def _lines_per_element(owners: list[int], parent_of: list[int]) -> list[int]:
    """Lines per element, counted a few levels up: an element holding one line only is a wrapper
    of that paragraph (<div><div><p>…), not the box that holds the text."""
    lines_in = [0] * len(parent_of)
    for owner in owners:
        element = owner
        for _ in range(_WRAPPER_DEPTH):
            if element < 0:
                break
            lines_in[element] += 1
            element = parent_of[element]
    return lines_in


def _text_roots(best: int, score: dict[int, float], parent_of: list[int]) -> list[int]:
    """The best element and those of its siblings that score nearly as well."""
    parent = parent_of[best]
    floor = max(MAIN_TEXT_SIBLING_MIN, MAIN_TEXT_SIBLING_SHARE * score[best])
    return [best] + [e for e, points in score.items() if e != best and parent_of[e] == parent
                     and parent >= 0 and points >= floor]


def _descendants(root: int, parent_of: list[int]) -> tuple[int, int]:
    """The numbers of `root` and its descendants, as a range (start, end)."""
    end = root + 1
    while end < len(parent_of) and parent_of[end] >= root:
        end += 1
    return root, end


def _with_next_stories(lines: list[Line], inside: list[bool], prose: dict[int, float]
                       ) -> list[bool]:
    """`inside`, and the lines of any other top-level <article> with as much prose as the one
    that holds the text: infinite scroll appends the next story as another <article>."""
    holding = {_story_of(line.hints) for line, ins in zip(lines, inside) if ins}
    if len(holding) != 1 or 0 in holding:
        return inside
    story = holding.pop()
    floor = MAIN_TEXT_ARTICLE_SHARE * prose.get(story, 0.0)
    more = {s for s, points in prose.items() if s not in (0, story) and points >= floor}
    return [ins or _story_of(line.hints) in more for line, ins in zip(lines, inside)]
