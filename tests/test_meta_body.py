"""The JSON-LD articleBody search (issue 15 item 4): exact while small, linear past the budget,
and the two agree on every line that begins a word of the body."""
from __future__ import annotations

import attrs
from hypothesis import given, strategies as st

from newsclean.features import FEATURE_KNOBS, _body_finder

WORDS = st.lists(st.sampled_from(["news", "the", "minister", "said", "وزير", "قال", "a", "b"]),
                 min_size=1, max_size=60)


@given(WORDS, st.integers(0, 59), st.integers(1, 90))
def test_the_linear_search_agrees_with_the_exact_one_at_word_starts(words, start, length):
    body = " ".join(words)
    start = min(start, len(words) - 1)
    prefix = " ".join(words[start:])[:length]
    exact = _body_finder(body, 1, FEATURE_KNOBS)
    linear = _body_finder(body, 1, attrs.evolve(FEATURE_KNOBS, meta_body_search_budget=0))
    assert exact(prefix) and linear(prefix)


@given(WORDS, st.text(alphabet="abnewsthइ ", min_size=1, max_size=30))
def test_the_linear_search_finds_nothing_the_body_lacks(words, prefix):
    body = " ".join(words)
    linear = _body_finder(body, 1, attrs.evolve(FEATURE_KNOBS, meta_body_search_budget=0))
    if prefix not in body:
        assert not linear(prefix)


def test_a_huge_body_on_a_page_of_many_lines_takes_the_linear_path():
    words = [f"w{i}" for i in range(200_000)]
    body = " ".join(words)
    found = _body_finder(body, 20_000, FEATURE_KNOBS)  # 20 000 lines × 1.3 MB: past the budget
    assert getattr(found, "__self__", None) is not body  # not the exact search
    assert found(" ".join(words[123_456:123_470]))
    assert not found("w123456 w7")
    assert _body_finder("", 10, FEATURE_KNOBS) is None  # no articleBody: nothing to look up
