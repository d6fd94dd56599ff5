"""benchmarks.train on a tiny corpus made here: what the gold says becomes each line's allowed
states, and fitting gives a model newsclean reads back."""
from __future__ import annotations

import json

import attrs

from benchmarks import train
from newsclean.labels import LabelKnobs, PageModel, State

PAGE = ("Menu\nHome\n\nHarbour bridge reopens after two-year repair\n\n"
        "The old harbour bridge opened to traffic again on Monday, two years after engineers closed it.\n\n"
        "Crews replaced every cable and the deck, and the city says the work came in under budget.\n\n"
        "Contact us\n")
GOLD = {"articles": [{"blocks": [
    {"kind": "headline", "text": "Harbour bridge reopens after two-year repair", "lines": [4]},
    {"kind": "body", "text": "The old harbour bridge opened to traffic again on Monday, two years after engineers closed it.", "lines": [6]},
    {"kind": "body", "text": "Crews replaced every cable and the deck, and the city says the work came in under budget.", "lines": [8]},
]}], "boilerplate_lines": [1, 2, 10]}


def corpus(tmp_path):
    root = tmp_path / "tiny"
    (root / "pages").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "pages" / "p1.txt").write_text(PAGE, encoding="utf-8")
    (root / "gold" / "p1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (root / "index.jsonl").write_text(json.dumps(
        {"id": "p1", "lang": "en", "publisher": "x", "has_text": True, "has_html": False}) + "\n")
    return root


def test_the_gold_becomes_allowed_states(tmp_path):
    [ex] = train.load_examples([corpus(tmp_path)], ("text",))
    assert ex.kinds == ["boilerplate", "boilerplate", "headline", "body", "body", "boilerplate"]
    head, first, last = ex.allowed[2], ex.allowed[3], ex.allowed[5]
    assert head == {State.HEAD}  # only HEAD makes a headline
    assert State.BODY in first and State.HEAD not in first
    assert State.HEAD not in last and State.PRE in last  # chrome may be anything but a block


def test_fitting_gives_a_model_newsclean_reads(tmp_path):
    examples = train.load_examples([corpus(tmp_path)], ("text",))
    model = train.fit(examples, "text", "a test", epochs=2)
    again = PageModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.track == "text"
    names = {f.name for f in attrs.fields(LabelKnobs)}
    assert set(train.tunable_knobs()) <= names and "gap_cost" in train.tunable_knobs()
    assert "run_min_words" not in train.tunable_knobs()  # (a whole-number threshold)
