"""The invariants of the design, stated once: `assert_invariants(page, document)` and one
`assert_*` check per invariant, each raising AssertionError that lists every violation.
"""
from __future__ import annotations

import bisect

from newsclean.assemble import ASSEMBLE_KNOBS, REFRAIN_KINDS
from newsclean.features import FEATURE_KNOBS
from newsclean.features.line_text import count_words
from newsclean.keys import line_key
from newsclean.lines import LINE_BREAK, split_lines
from newsclean.model import TEASER_FIELDS, Document, Kind, Reason


def _fold(s: str) -> str:
    return " ".join(s.split())


class _PageLines:
    """The page's lines, and offsets to 1-based line numbers for messages."""

    def __init__(self, page: str):
        self.text = page
        self.lines = split_lines(page)
        self.by_start = {ln.start: ln for ln in self.lines}
        self.breaks = [m.start() for m in LINE_BREAK.finditer(page)]

    def lineno(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1 if offset > 0 else 1

    def where(self, start: int, end: int) -> str:
        snippet = self.text[start:end]
        snippet = snippet if len(snippet) <= 60 else snippet[:57] + "..."
        return f"line {self.lineno(start)} [{start}:{end}] {snippet!r}"


def _check_lines_accounted_for(p: _PageLines, document: Document) -> list[str]:
    errors = []
    blocks = sorted(document.blocks, key=lambda b: (b.start, b.end))
    for left, right in zip(blocks, blocks[1:]):
        if right.start < left.end:
            errors.append(f"blocks overlap: {left.kind} {p.where(left.start, left.end)} and "
                          f"{right.kind} {p.where(right.start, right.end)}")
    starts = [b.start for b in blocks]
    dropped: dict[tuple[int, int], int] = {}
    line_spans = {(ln.start, ln.end) for ln in p.lines}
    for d in document.dropped:
        dropped[(d.start, d.end)] = dropped.get((d.start, d.end), 0) + 1
        if (d.start, d.end) not in line_spans:
            errors.append(f"dropped entry is not a line of the page: {d.reason} "
                          f"{p.where(d.start, d.end)}")
        elif d.text != p.text[d.start:d.end]:
            errors.append(f"dropped entry's text {d.text!r} is not the page's text at "
                          f"{p.where(d.start, d.end)}")
    for ln in p.lines:
        # The last block starting at or before the line holds it; the one before it may too
        # when the two overlap (reported above), which makes the line counted twice.
        i = bisect.bisect_right(starts, ln.start)
        in_blocks = [b for b in blocks[max(0, i - 2):i]
                     if b.start <= ln.start and ln.end <= b.end]
        n = len(in_blocks) + dropped.get((ln.start, ln.end), 0)
        if n != 1:
            how = "not accounted for" if n == 0 else f"accounted for {n} times"
            errors.append(f"{how}: {p.where(ln.start, ln.end)} "
                          f"({len(in_blocks)} block(s), {n - len(in_blocks)} dropped)")
    return errors


def _check_page_order(p: _PageLines, document: Document) -> list[str]:
    errors = []
    previous = None
    for n, article in enumerate(document.articles, 1):
        if not article.blocks:
            errors.append(f"article {n} has no blocks")
            continue
        for b in article.blocks:
            if not 0 <= b.start < b.end <= len(p.text):
                errors.append(f"article {n}: {b.kind} block span [{b.start}:{b.end}] is not a "
                              f"non-empty range of the page (length {len(p.text)})")
            if previous is not None and b.start < previous.start:
                errors.append(f"article {n}: {b.kind} {p.where(b.start, b.end)} comes after "
                              f"{previous.kind} {p.where(previous.start, previous.end)}")
            previous = b
    spans = [(min(b.start for b in a.blocks), max(b.end for b in a.blocks))
             for a in document.articles if a.blocks]
    for n, (left, right) in enumerate(zip(spans, spans[1:]), 1):
        if right[0] < left[1]:
            errors.append(f"articles {n} and {n + 1} interleave: {left} and {right}")
    return errors


def _check_no_duplicate_keys(p: _PageLines, document: Document) -> list[str]:
    errors = []
    for n, article in enumerate(document.articles, 1):
        seen = {}
        paragraphs, paragraphs_at = 0, {}
        for b in article.blocks:
            if b.kind is Kind.TEASER:
                continue
            key = line_key(b.text)
            # A refrain (assemble.py): a short body line kept again after other paragraphs.
            refrain = b.kind in REFRAIN_KINDS \
                and count_words(b.text, FEATURE_KNOBS) <= ASSEMBLE_KNOBS.refrain_max_words \
                and paragraphs > paragraphs_at.get(key, paragraphs)
            paragraphs += b.kind is Kind.BODY
            paragraphs_at[key] = paragraphs
            if key in seen and not refrain:
                first = seen[key]
                errors.append(f"article {n} keeps the same text twice: {first.kind} "
                              f"{p.where(first.start, first.end)} and {b.kind} "
                              f"{p.where(b.start, b.end)}")
            else:
                seen[key] = b
    return errors



def _check_text_from_page(p: _PageLines, document: Document) -> list[str]:
    errors = []
    folded_page = _fold(p.text)
    blocks = document.blocks
    merged = sorted((d.start, d.text) for d in document.dropped if d.reason is Reason.MERGED)
    merged_starts = [m[0] for m in merged]
    for i, b in enumerate(blocks):
        here = p.where(b.start, b.end)
        if not b.text.strip():
            errors.append(f"{b.kind} block has empty text at {here}")
            continue
        span = _fold(p.text[b.start:b.end])
        if b.kind is Kind.TEASER:
            if b.title is None or _fold(b.title) != _fold(b.text):
                errors.append(f"teaser's title {b.title!r} is not its text {b.text!r} at {here}")
            # The span covers the teaser's first part; its other parts are "merged" lines up to
            # the next block.
            until = blocks[i + 1].start if i + 1 < len(blocks) else len(p.text) + 1
            lo = bisect.bisect_left(merged_starts, b.end)
            hi = bisect.bisect_left(merged_starts, until)
            carriers = [span] + [_fold(t) for _, t in merged[lo:hi]]
            if not any(_fold(b.text) in c for c in carriers):
                errors.append(f"teaser title {b.text!r} is neither in its span {here} nor in a "
                              f"merged line after it")
        else:
            first = next(ln for ln in LINE_BREAK.split(b.text) if ln.strip())
            if _fold(first) not in span:
                errors.append(f"{b.kind} block text {first!r} is not the page's text at {here}")
        for name in TEASER_FIELDS:
            value = getattr(b, name)
            if value is not None and (not value.strip() or _fold(value) not in folded_page):
                errors.append(f"{b.kind} block's {name} {value!r} is not text of the page "
                              f"({here})")
    return errors


def _check_duplicates_point_to_kept_copies(p: _PageLines, document: Document) -> list[str]:
    errors = []
    blocks = sorted(document.blocks, key=lambda b: b.start)
    starts = [b.start for b in blocks]
    block_starts = set(starts)
    merged = {d.start for d in document.dropped if d.reason is Reason.MERGED}
    for d in document.dropped:
        here = p.where(d.start, d.end)
        if d.reason is not Reason.DUPLICATE:
            # Others may say which block they went to (a merged credit line, a teaser's part).
            if d.kept_at is not None and d.kept_at not in block_starts:
                errors.append(f"{d.reason} line's kept_at={d.kept_at} is not a block's start: "
                              f"{here}")
            continue
        if d.kept_at is None:
            errors.append(f"duplicate without kept_at: {here}")
            continue
        kept = p.by_start.get(d.kept_at)
        i = bisect.bisect_right(starts, d.kept_at) - 1
        in_block = (kept is not None and i >= 0 and blocks[i].start <= kept.start
                    and kept.end <= blocks[i].end)
        if kept is None or not (in_block or d.kept_at in merged):
            errors.append(f"duplicate's kept_at={d.kept_at} is not the start of a kept line "
                          f"(a block, a line inside one, or a merged line): {here}")
        elif d.kept_at == d.start:
            errors.append(f"duplicate points to itself: {here}")
        elif line_key(kept.text) != line_key(d.text):
            errors.append(f"duplicate {here} points to a line with another key: "
                          f"{p.where(kept.start, kept.end)}")
    return errors


# The most violations one AssertionError lists; the rest are counted.
_MAX_SHOWN = 20


def _raise(what: str, errors: list[str]) -> None:
    if errors:
        shown = errors[:_MAX_SHOWN]
        more = (f"\n  … and {len(errors) - _MAX_SHOWN} more" if len(errors) > _MAX_SHOWN
                else "")
        raise AssertionError(f"{what} ({len(errors)}):\n  " + "\n  ".join(shown) + more)


def _run(page: str, document: Document, checks, what: str) -> None:
    if document.text != page:
        raise AssertionError("document.text is not the page that was segmented "
                             f"(lengths {len(document.text)} and {len(page)})")
    p = _PageLines(page)
    _raise(what, [e for check in checks for e in check(p, document)])


def assert_lines_accounted_for(page: str, document: Document) -> None:
    """Invariant 1: every non-blank line of `page` is accounted for exactly once.

    A line (as `newsclean.lines.split_lines` gives it) is accounted for by a block whose
    [start, end) contains the line's [start, end), or by a dropped entry whose [start, end)
    equals it. A block may cover several lines (a caption and its credit line). A teaser's
    span covers its first part only, so its parts on other lines must be in `dropped` (as
    "merged", or as "duplicate" when printed twice). Block spans may not overlap; a dropped
    entry must be a line of the page, with that line's text.
    """
    _run(page, document, [_check_lines_accounted_for], "lines not accounted for exactly once")


def assert_page_order(page: str, document: Document) -> None:
    """Invariant 2: blocks are in page order, within and across articles (starts never go back),
    articles do not interleave, no article is empty, and every span is a range of the page."""
    _run(page, document, [_check_page_order], "blocks out of page order")


def assert_no_duplicate_keys(page: str, document: Document) -> None:
    """Invariant 3: no two kept blocks of one article, teasers aside, have the same
    `newsclean.keys.line_key` of their text — but a refrain: a short body line (at most
    AssembleKnobs.refrain_max_words) kept again after another paragraph of the text (a
    speaker's label before each answer is text at each place; a paragraph printed twice is
    not)."""
    _run(page, document, [_check_no_duplicate_keys], "duplicate blocks kept")


def assert_text_from_page(page: str, document: Document) -> None:
    """Invariant 4: every block's text is non-empty and is the page's own text, never a key.

    `document.text[b.start:b.end]` contains the first line of `b.text` (white space folded).
    A teaser's text is its title; it is in the span or in a "merged" line after the span and
    before the next block. Every field (title, section, caption, credit, summary, byline,
    video_duration) that is set is non-empty text of the page.
    """
    _run(page, document, [_check_text_from_page], "block text not from the page")


def assert_duplicates_point_to_kept_copies(page: str, document: Document) -> None:
    """Invariant 5: a dropped duplicate's `kept_at` is the start of a kept line — a block's
    start, the start of a line inside a block, or a "merged" line (a line folded into a block)
    — other than itself, with the same key. Another dropped line (a merged credit or teaser
    part) may set `kept_at` to the start of the block it went to; no other value."""
    _run(page, document, [_check_duplicates_point_to_kept_copies],
         "duplicates not pointing to kept copies")


def assert_invariants(page: str, document: Document) -> None:
    """Check that `document` is a valid segmentation of the text `page`; raise AssertionError
    listing every violation (line numbers are 1-based lines of `page`).

    `document.text` must be `page` itself. Then:

    1. every non-blank line of the page is accounted for exactly once: its [start, end) lies
       inside exactly one block's [start, end), or equals exactly one dropped entry's span
       (a teaser's span covers its first part; its other parts are dropped as "merged");
    2. blocks are in page order within and across articles, and articles do not interleave;
    3. no two kept blocks of one article, teasers aside, have the same `line_key`;
    4. every block's text is non-empty and is the page's own text: `page[b.start:b.end]`
       contains its first line (a teaser's title may be in a merged line after its span), and
       every field set is text of the page;
    5. every dropped duplicate's `kept_at` is the start of a block, of a line inside a block or
       of a merged line, with the same key; any other dropped line's `kept_at`, when set, is
       the start of a block.
    """
    _run(page, document,
         [_check_lines_accounted_for, _check_page_order, _check_no_duplicate_keys,
          _check_text_from_page, _check_duplicates_point_to_kept_copies],
         "newsclean invariants violated")
