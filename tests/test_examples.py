"""Example pages as data: `fixtures/<case>.txt` (or `.html`) and `<case>.expected.json`.

The expected file is in the gold format of shared/corpora/FORMAT.md. A case is compared block for
block: kind, text (white space folded), and the fields the expected file gives for that kind.
Cases under `fixtures/known-failures/` run the same way, marked xfail(strict=True): one that
starts passing fails the run until it moves out of known-failures.
"""
from __future__ import annotations

import bisect
import difflib
import json
from pathlib import Path

import pytest

from newsclean import Article, Block, Document, Dropped, segment
from newsclean.keys import line_key
from newsclean.lines import LINE_BREAK, split_lines
from newsclean.model import TEASER_FIELDS
from newsclean.testing import assert_invariants

FIXTURES = Path(__file__).parent / "fixtures"
KNOWN_FAILURES = FIXTURES / "known-failures"
PAGE_SUFFIXES = (".txt", ".html")


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in PAGE_SUFFIXES)


def _case(page: Path, known_failure: bool):
    marks = [pytest.mark.xfail(reason="known failure", strict=True)] if known_failure else []
    name = f"known-failures/{page.name}" if known_failure else page.name
    return pytest.param(page, marks=marks, id=name)


CASES = ([_case(p, False) for p in _pages(FIXTURES)]
         + [_case(p, True) for p in _pages(KNOWN_FAILURES)])
TEXT_CASES = [pytest.param(p, id=p.name) for folder in (FIXTURES, KNOWN_FAILURES)
              for p in _pages(folder) if p.suffix == ".txt"]


def expected_path(page: Path) -> Path:
    return page.with_name(page.stem + ".expected.json")


def read_case(page: Path) -> tuple[str, dict]:
    """The page exactly as stored (line breaks kept) and its expected segmentation."""
    expected = expected_path(page)
    assert expected.exists(), f"{page.name} has no {expected.name}"
    return page.read_bytes().decode("utf-8"), json.loads(expected.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# Comparing a Document with an expected file


def fields_by_kind(expected: dict) -> dict[str, list[str]]:
    """For each kind, the fields the expected file gives on any block of that kind: those are
    compared (a block of that kind without the field is expected to have none)."""
    out: dict[str, list[str]] = {}
    for article in expected["articles"]:
        for block in article["blocks"]:
            names = out.setdefault(block["kind"], [])
            names += [f for f in TEASER_FIELDS if f in block and f not in names and f != "title"]
    return out


def row(n: int, kind: str, text: str, fields: dict[str, str | None], names: list[str]) -> str:
    shown = "".join(f" | {name}={fold(fields[name])}" for name in names
                    if fields.get(name) is not None)
    return f"article {n} | {kind} | {fold(text)}{shown}"


def expected_rows(expected: dict) -> list[str]:
    names = fields_by_kind(expected)
    return [row(n, b["kind"], b.get("text") or b["title"], b, names[b["kind"]])
            for n, a in enumerate(expected["articles"], 1) for b in a["blocks"]]


def document_rows(document: Document, expected: dict) -> list[str]:
    names = fields_by_kind(expected)
    return [row(n, b.kind.value, b.text, {f: getattr(b, f) for f in TEASER_FIELDS},
                names.get(b.kind.value, []))
            for n, a in enumerate(document.articles, 1) for b in a.blocks]


@pytest.mark.parametrize("page_path", CASES)
def test_segmentation_matches_the_expected_blocks(page_path):
    page, expected = read_case(page_path)
    # HTML goes in as bytes, so the page's own charset declaration is read as a scraper's is.
    document = segment(page_path.read_bytes() if page_path.suffix == ".html" else page)
    want, got = expected_rows(expected), document_rows(document, expected)
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "expected", "segment()", lineterm=""))
        pytest.fail(f"{page_path.name}: blocks differ from {expected_path(page_path).name}\n"
                    f"{diff}", pytrace=False)


# --------------------------------------------------------------------------------------------
# The expected files themselves


def gold_document(page: str, expected: dict) -> Document:
    """The expected segmentation as a Document, built from its `lines`: a block's span is its
    first line; its other lines are dropped as duplicates of an earlier line of the block with
    the same key, else as merged into it; `boilerplate_lines` are dropped as boilerplate."""
    lines = split_lines(page)
    breaks = [m.start() for m in LINE_BREAK.finditer(page)]
    by_number = {bisect.bisect_left(breaks, ln.start) + 1: ln for ln in lines}

    def line(number: int):
        assert number in by_number, f"line {number} is blank or not in the page"
        return by_number[number]

    articles, dropped = [], []
    for a in expected["articles"]:
        blocks = []
        for b in a["blocks"]:
            first = line(b["lines"][0])
            block = Block.from_dict({**b, "start": first.start, "end": first.end})
            blocks.append(block)
            kept = {line_key(first.text): first.start}
            for number in b["lines"][1:]:
                ln = line(number)
                key = line_key(ln.text)
                if key in kept:
                    dropped.append(Dropped(ln.text, ln.start, ln.end, "duplicate", kept[key]))
                else:
                    kept[key] = ln.start
                    dropped.append(Dropped(ln.text, ln.start, ln.end, "merged", block.start))
        articles.append(Article(blocks))
    for number in expected.get("boilerplate_lines", []):
        ln = line(number)
        dropped.append(Dropped(ln.text, ln.start, ln.end, "boilerplate"))
    return Document(page, articles, sorted(dropped, key=lambda d: d.start))


@pytest.mark.parametrize("page_path", TEXT_CASES)
def test_expected_file_satisfies_the_invariants(page_path):
    """Checks the hand annotation (every line listed once, texts and fields from the page, in
    page order) and, on real segmentations, the rules of `assert_invariants`."""
    page, expected = read_case(page_path)
    assert all("lines" in b for a in expected["articles"] for b in a["blocks"]), \
        "every block of a text case lists its lines"
    assert_invariants(page, gold_document(page, expected))


def test_every_expected_file_has_its_page():
    for folder in (FIXTURES, KNOWN_FAILURES):
        for expected in folder.glob("*.expected.json"):
            stem = expected.name.removesuffix(".expected.json")
            assert any((folder / (stem + s)).exists() for s in PAGE_SUFFIXES), \
                f"{expected} has no page"


def test_there_are_example_cases():
    assert len(CASES) >= 7
