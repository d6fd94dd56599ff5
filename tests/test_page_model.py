"""The page model's fitted weights: data files that load, round-trip, and change only what they say."""
from __future__ import annotations

import json
from importlib import resources

import attrs
import pytest

import newsclean
from newsclean import labels
from newsclean.labels import HAND, LABEL_KNOBS, EVIDENCE, PageModel, evidence
from newsclean.pipeline import Knobs, measure_page, segment_measured

PAGE = (
    "Harbour bridge reopens after two-year repair\n\n"
    "The old harbour bridge opened to traffic again on Monday, two years after engineers closed it.\n\n"
    "Crews replaced every cable and the deck, and the city says the work came in under budget.\n"
)


def test_a_model_round_trips_through_its_file_format():
    model = PageModel(weights={"in_run": (0.5,) * 10}, moves={(3, 6): -0.25},
                      knobs={"gap_cost": 7.5}, track="text", trained_on="a test")
    again = PageModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert (again.weights, again.moves, again.knobs, again.track) == (
        model.weights, model.moves, model.knobs, model.track)


@pytest.mark.parametrize("bad, message", [
    ({"format": 99}, "format"),
    ({"weights": {"no such fact": [0.0] * 10}}, "facts"),
    ({"knobs": {"no_such_knob": 1.0}}, "knobs"),
])
def test_a_file_newsclean_cannot_read_is_refused(bad, message):
    d = {**PageModel().to_dict(), **bad}
    with pytest.raises(ValueError, match=message):
        PageModel.from_dict(d)


def test_the_shipped_files_load_and_name_their_track():
    for track in ("text", "html"):
        path = resources.files("newsclean").joinpath("data", f"page_model-{track}.json")
        if path.is_file():
            model = labels.shipped(track)
            assert model.track == track
            assert set(model.knobs) <= {f.name for f in attrs.fields(labels.LabelKnobs)}


def test_the_hand_set_model_is_the_knobs_alone():
    measured = measure_page(PAGE, input="text")
    hand = segment_measured(measured, Knobs(page_model=HAND))
    assert HAND.label_knobs(LABEL_KNOBS) is LABEL_KNOBS
    assert hand == segment_measured(measured, Knobs(page_model=PageModel()))


def test_fitted_knobs_apply_unless_the_caller_sets_their_own():
    # Two short articles: by default the second headline cannot pay a new article's cost; a
    # model whose fitted cost is nothing splits them, unless the caller passes knobs of its own.
    two = PAGE + "\nCouncil votes to extend the night bus service\n\n" + PAGE.split("\n\n", 1)[1]
    measured = measure_page(two, input="text")
    free = PageModel(knobs={"new_article_cost": 0.0})
    assert len(segment_measured(measured, Knobs(page_model=free)).articles) == 2
    own = attrs.evolve(LABEL_KNOBS, gap_cost=6.5)  # the caller's own knobs win whole
    assert len(segment_measured(measured, Knobs(labels=own, page_model=free)).articles) == 1


def test_evidence_names_only_known_facts():
    doc_feats = measure_page(PAGE, input="text").features
    for f in doc_feats:
        assert set(evidence(f)) <= set(EVIDENCE)


def test_learned_weights_add_to_the_scores_of_the_lines_they_name():
    feats = measure_page(PAGE, input="text").features
    plain = labels.emissions(feats, LABEL_KNOBS, HAND)
    nudged = labels.emissions(feats, LABEL_KNOBS, PageModel(weights={"in_run": (1.0,) * len(labels.State)}))
    for f, a, b in zip(feats, plain, nudged):
        expected = 1.0 if f.in_run else 0.0
        assert all(y == x == labels.NEG or y - x == pytest.approx(expected) for x, y in zip(a, b))


def test_segment_runs_the_shipped_model_by_default():
    assert newsclean.segment(PAGE) == segment_measured(measure_page(PAGE),
                                                       Knobs(page_model=labels.shipped("text")))


def test_explain_names_the_state_the_runner_up_and_the_facts_that_weighed():
    lines = newsclean.explain(PAGE, input="text")
    doc = newsclean.segment(PAGE, input="text")
    assert [(e.text, e.start, e.end) for e in lines] == [
        (doc.text[b.start:b.end], b.start, b.end) for b in doc.blocks]  # three lines, three blocks
    head, first, second = (e.evidence for e in lines)
    assert (head.state, first.state, second.state) == ("HEAD", "BODY", "BODY")
    # The body lines are long sentences in a run of two: those are the facts worth most to them.
    for e in (first, second):
        assert e.runner_up is not None and e.margin > 0
        assert {name for name, _ in e.facts} & {"in_run", "sentence_end"}
        assert all(worth != 0 for _, worth in e.facts)
    assert lines[0].to_dict()["state"] == "HEAD"


def test_explain_says_a_copy_is_decided_by_its_first_occurrence():
    page = PAGE + "\nHarbour bridge reopens after two-year repair\n"
    last = newsclean.explain(page, input="text")[-1].evidence
    assert last.copy_of == 0 and last.facts == ()
