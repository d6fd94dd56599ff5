"""Issue 13's patterns, one hand-written page each: the HTML walk follows what a reader sees.

Data-driven: every `fixtures/patterns/<case>.html` has a `<case>.expected.json` in the gold format
of shared/corpora/FORMAT.md (annotated by reading the page as a reader sees it; each `note` says
what the page tests and the annotation's choices). Two checks per case:

- the blocks: kind, text (white space folded) and the fields the expected file gives for that
  kind, block for block, as tests/test_examples.py compares them;
- the structure (Block.structure): every expected block that is not a teaser, found among the
  blocks of the same kind and text, has the structure the expected file gives (container,
  position, cells; None where it gives none). Groups are compared as a partition: the blocks the
  expected file puts in one group share one, and only they (newsclean numbers every container
  of the page, menus included, so its group numbers are not the file's).

Cases newsclean gets wrong today are in KNOWN_FAILURES, marked xfail(strict=True): when one is
fixed its test passes, strict makes that an error, and the entry is removed.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from newsclean import segment
from tests.test_examples import document_rows, expected_rows, fold

PATTERNS = Path(__file__).parent / "fixtures" / "patterns"

# (case, check) -> what fails today. check: "blocks" or "structure".
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("slideshow", "blocks"):
        "all 3 slides missing (3 captions with credit, 3 body paragraphs): the active slide's "
        "figcaption and text dropped as boilerplate, the 2 aria-hidden slides not walked",
    ("paywall-preview", "blocks"):
        "the preview paragraph is kept, but 2 lines of the paywall box are extra body blocks: "
        "'Il vous reste 81 % de cet article à lire…' and 'Offre spéciale : 1 € par mois…'",
}


def _pages() -> list[Path]:
    return sorted(PATTERNS.glob("*.html"))


def _params(check: str):
    out = []
    for page in _pages():
        reason = KNOWN_FAILURES.get((page.stem, check))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        out.append(pytest.param(page, marks=marks, id=page.stem))
    return out


def _case(page: Path):
    expected = json.loads(page.with_name(page.stem + ".expected.json").read_text("utf-8"))
    return segment(page.read_bytes()), expected


@pytest.mark.parametrize("page", _params("blocks"))
def test_blocks_match_the_expected_file(page):
    document, expected = _case(page)
    want, got = expected_rows(expected), document_rows(document, expected)
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "expected", "segment()", lineterm=""))
        pytest.fail(f"{page.name}: blocks differ\n{diff}", pytrace=False)


def _shape(structure: dict | None) -> str:
    if structure is None:
        return "-"
    cells = structure.get("cells")
    shown = "" if cells is None else " cells=" + " | ".join(fold(c) for c in cells)
    return f"{structure['container']}@{structure['position']}{shown}"


@pytest.mark.parametrize("page", _params("structure"))
def test_structure_matches_the_expected_file(page):
    document, expected = _case(page)
    got_blocks = [b for b in document.blocks if b.kind.value != "teaser"]
    used: set[int] = set()
    problems, pairs = [], []  # pairs: (expected group, got group) of matched structured blocks
    for want in (b for a in expected["articles"] for b in a["blocks"]):
        if want["kind"] == "teaser":
            continue
        text = fold(want["text"])
        match = next((i for i, b in enumerate(got_blocks) if i not in used
                      and b.kind.value == want["kind"] and fold(b.text) == text), None)
        label = f"{want['kind']} | {text[:60]}"
        if match is None:
            if want.get("structure"):
                problems.append(f"{label}: no such block (expected {_shape(want['structure'])})")
            continue
        used.add(match)
        got = got_blocks[match].structure
        got_d = got.to_dict() if got is not None else None
        if _shape(want.get("structure")) != _shape(got_d):
            problems.append(f"{label}: expected {_shape(want.get('structure'))}, "
                            f"got {_shape(got_d)}")
        elif want.get("structure"):
            pairs.append((want["structure"]["group"], got.group))
    # The groups as a partition: one expected group <-> one got group.
    by_want: dict[int, set[int]] = {}
    by_got: dict[int, set[int]] = {}
    for w, g in pairs:
        by_want.setdefault(w, set()).add(g)
        by_got.setdefault(g, set()).add(w)
    problems += [f"expected group {w} is split over groups {sorted(gs)}"
                 for w, gs in by_want.items() if len(gs) > 1]
    problems += [f"expected groups {sorted(ws)} share one group {g}"
                 for g, ws in by_got.items() if len(ws) > 1]
    if problems:
        pytest.fail(f"{page.name}: structure differs\n" + "\n".join(problems), pytrace=False)


def test_every_pattern_page_has_its_expected_file():
    pages = _pages()
    assert len(pages) >= 13
    for page in pages:
        assert page.with_name(page.stem + ".expected.json").exists(), page.name
    for expected in PATTERNS.glob("*.expected.json"):
        assert expected.with_name(expected.name.removesuffix(".expected.json") + ".html").exists()


def test_known_failures_name_existing_cases():
    stems = {p.stem for p in _pages()}
    for case, check in KNOWN_FAILURES:
        assert case in stems and check in ("blocks", "structure"), (case, check)
