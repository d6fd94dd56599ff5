"""The knobs: every threshold and weight of stages 3–5 is a named field, set per call.

A number written into a function of features, labels or assemble is a knob nobody can find or
set: the source is read with `ast`, and any numeric literal but 0 and 1 in a function body fails.
"""
from __future__ import annotations

import ast
import inspect

import attrs
import pytest

import newsclean
from newsclean import assemble
from newsclean.labels import fine, learned, path
from newsclean.assemble import AssembleKnobs
from newsclean.features import FeatureKnobs, line_text
from newsclean.labels import LabelKnobs
import newsclean.features as features_pkg

STAGE_MODULES = (features_pkg, line_text, path, fine, learned, assemble)
ALLOWED = {0, 1}  # nothing, one, and the first: not thresholds


def _bare_numbers(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for stmt in node.body:
            for sub in ast.walk(stmt):
                if isinstance(sub, ast.Constant) and type(sub.value) in (int, float) \
                        and sub.value not in ALLOWED:
                    found.append(f"{name}:{sub.lineno} {node.name}() holds {sub.value!r}")
    return found


@pytest.mark.parametrize("module", STAGE_MODULES, ids=lambda m: m.__name__)
def test_no_function_of_a_stage_holds_a_bare_number(module):
    assert _bare_numbers(inspect.getsource(module), module.__name__) == []


def test_the_check_finds_a_bare_number_and_passes_a_knob():
    assert _bare_numbers("def score(f):\n    return f.words > 12\n", "m") == ["m:2 score() holds 12"]
    assert _bare_numbers("def score(f, k):\n    return f.words > k.max_words - 1\n", "m") == []


TWO_ARTICLES = (
    "Harbour bridge reopens after two-year repair\n\n"
    "The old harbour bridge opened to traffic again on Monday, two years after engineers closed it.\n\n"
    "Crews replaced every cable and the deck, and the city says the work came in under budget.\n\n"
    "Council votes to extend the night bus service\n\n"
    "The council voted on Tuesday to run night buses on four more routes from the spring onwards.\n\n"
    "The service will cost the city a little more than it did last year, officials said today.\n"
)


def test_default_knobs_are_the_defaults_of_each_stage():
    knobs = newsclean.Knobs()
    assert knobs.features == FeatureKnobs()
    assert knobs.labels == LabelKnobs()
    assert knobs.assemble == AssembleKnobs()
    assert newsclean.segment(TWO_ARTICLES, knobs=knobs) == newsclean.segment(TWO_ARTICLES)


def test_a_knob_changes_one_call_only():
    # By default a second article must earn its headline with about three paragraphs' worth of
    # text (new_article_cost): two short ones keep the second headline a subheading. With the
    # move free, the second headline opens an article of its own — in this call only.
    assert len(newsclean.segment(TWO_ARTICLES).articles) == 1
    free = newsclean.Knobs(labels=attrs.evolve(newsclean.Knobs().labels, new_article_cost=0.0))
    assert [a.headline for a in newsclean.segment(TWO_ARTICLES, knobs=free).articles] == [
        "Harbour bridge reopens after two-year repair",
        "Council votes to extend the night bus service"]
    assert len(newsclean.segment(TWO_ARTICLES).articles) == 1


def test_knobs_are_frozen():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        LabelKnobs().gap_cost = 1.0  # type: ignore[misc]
