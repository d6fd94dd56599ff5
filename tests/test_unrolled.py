"""labels/unrolled.py: the written-out Viterbi finds the path the reference loop finds.

path.best_path takes the unrolled forward pass when no line's states are constrained
(`allowed` is None) and the reference loop otherwise; `allowed=[None] * n` constrains nothing,
so the two calls below decode the same page both ways. Scores are drawn from a few values so
that ties (the first of equal scores wins) and ruled-out states (NEG) are common.
"""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from newsclean import labels
from newsclean.labels import LABEL_KNOBS, NEG, State, best_path, moves, moves_into, unrolled

N = len(State)
SCORE = st.sampled_from([NEG, NEG, 0.0, 0.0, 1.0, -1.0, 2.5, -3.0, 0.1, 7.0])
PAIRS = [(int(src), int(dst)) for src, out in moves(LABEL_KNOBS).items() for dst in out]


@st.composite
def pages(draw):
    n = draw(st.integers(0, 40))
    scores = [tuple(draw(SCORE) for _ in range(N)) for _ in range(n)]
    resumes = [draw(st.booleans()) for _ in range(n)]
    learned = {pair: w for pair in PAIRS
               if (w := draw(st.sampled_from([None, 0.0, 1.0, -2.0, 0.5]))) is not None}
    return scores, resumes, moves_into(LABEL_KNOBS, learned)


@given(pages())
def test_the_unrolled_path_is_the_reference_path(page):
    scores, resumes, into = page
    assert best_path(scores, resumes, into) == best_path(scores, resumes, into, [None] * len(scores))


@given(pages())
def test_the_unrolled_scores_and_back_pointers_are_the_reference_loops(page):
    scores, resumes, into = page
    if not scores:
        return
    first = [NEG] * N
    for s, cost in labels.START.items():
        first[s] = scores[0][s] - cost
    fast_score, fast_back = unrolled.forward(scores, resumes, first, into)
    ref_score, ref_back = labels.path._forward(scores, resumes, first, into, [None] * len(scores))
    assert [list(b) for b in fast_back] == ref_back
    assert all(a == b or math.isnan(a) and math.isnan(b) for a, b in zip(fast_score, ref_score))


def test_the_generated_code_reads_the_moves_of_every_state():
    code = unrolled.source(labels.incoming_moves(LABEL_KNOBS, labels.HAND))
    for d in State:
        assert f"n{int(d)} = b + e{int(d)}" in code
