"""Example tests as data: tests/fixtures/<case>.txt (or .html) in, <case>.expected.json out.

The expected file has the gold shape of shared/corpora/FORMAT.md. Blocks are compared in
order: kind, text (white space folded) and every field the expected block gives. Cases in
fixtures/known-failures/ are ones we know we get wrong: they run as xfail, never deleted.
"""
import json
import pathlib

import pytest

import newsclean
from newsclean.model import TEASER_FIELDS

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def _cases(folder):
    return sorted(p for p in folder.glob("*.expected.json"))


def _page(expected_path):
    stem = expected_path.name[: -len(".expected.json")]
    for ext in (".txt", ".html"):
        page = expected_path.with_name(stem + ext)
        if page.exists():
            return page
    raise FileNotFoundError(f"no page for {expected_path.name}")


def _fold(s):
    return " ".join((s or "").split())


def _rows(articles):
    rows = []
    for n, article in enumerate(articles, 1):
        for b in article["blocks"]:
            fields = {f: _fold(b[f]) for f in TEASER_FIELDS if b.get(f) is not None and f != "title"}
            text = b.get("title") if b["kind"] == "teaser" else b.get("text")
            rows.append((n, b["kind"], _fold(text), fields))
    return rows


def _check(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = newsclean.segment(_page(expected_path).read_bytes())
    want = _rows(expected["articles"])
    produced = _rows(doc.to_dict()["articles"])
    # Fields the expected block does not give are not compared.
    got = [(n, k, t, {f: v for f, v in fields.items() if f in want_fields})
           for (n, k, t, fields), (_, _, _, want_fields) in zip(produced, want)]
    assert got == want and len(produced) == len(want), (
        "blocks differ:\n" + "\n".join(f"  want {w}\n  got  {g}" for w, g in zip(want, got) if w != g)
        + f"\n  ({len(want)} expected, {len(doc.blocks)} produced)")


@pytest.mark.parametrize("expected_path", _cases(FIXTURES), ids=lambda p: p.name)
def test_example(expected_path):
    _check(expected_path)


@pytest.mark.parametrize("expected_path", _cases(FIXTURES / "known-failures"), ids=lambda p: p.name)
@pytest.mark.xfail(strict=False, reason="a case we know we get wrong")
def test_known_failure(expected_path):
    _check(expected_path)
