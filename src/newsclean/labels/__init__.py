"""Stage 4: a label per line, from one explicit model of the page.

A news page reads, top to bottom, as a path through a few states:

    PRE ─▶ HEAD ─▶ LEAD ─▶ BODY ─▶ OUT ─▶ COMHEAD ─▶ COMMENTS
                             │       │
                             ▼       ▼
                          RELHEAD ─▶ RELATED ─▶ HEAD (the next article, from infinite scroll)
                          POPHEAD ─▶ POPULAR ─▶ OUT, COMHEAD

PRE is the chrome before the first article; HEAD its headline; LEAD what stands between headline
and text (captions, bylines, dates, the standfirst, UI debris); BODY the running text with its
in-body captions and subheadings; GAP chrome inside the text (an ad, a promo box); RELHEAD a
related-articles heading; RELATED a teaser rail; POPHEAD and POPULAR a most-read or latest list
under the text (the page's cards, after which nothing of the article comes back); OUT the chrome
after; COMHEAD a comments heading
and COMMENTS the readers' comments, which end the page. Each line gets a score per state from its
features, each move between states a cost, and the best path is decoded once (Viterbi, linear in
the page). A second pass then names the finer kind of each line inside its state (caption,
byline, subheading…).

The only input is the lines' Features (features/). The rooms: knobs.py (every hand-set weight
and threshold, LabelKnobs), path.py (states, moves, scores, Viterbi), learned.py (the learned
weights that correct the scores, read from data/), fine.py (the kinds within each state).
"""
from __future__ import annotations

from newsclean.labels.explain import Evidence, LineEvidence, explain
from newsclean.labels.fine import TEXT_LABELS, Label, fine_label, label
from newsclean.labels.knobs import LABEL_KNOBS, LabelKnobs
from newsclean.labels.learned import EVIDENCE, PageModel, evidence, shipped
from newsclean.labels.path import (
    FINAL, HAND, NEG, START, State, best_path, body_score, decode, emissions, headline_score,
    incoming_moves, lead_score, moves, moves_into, resumes_text, teaser_score)

__all__ = [
    "State", "moves", "START", "FINAL", "NEG", "decode", "best_path", "emissions", "body_score",
    "headline_score", "lead_score", "teaser_score", "label", "fine_label", "Label", "TEXT_LABELS",
    "incoming_moves", "moves_into", "resumes_text", "explain", "Evidence", "LineEvidence",
    "LabelKnobs", "LABEL_KNOBS", "PageModel", "HAND", "EVIDENCE", "evidence", "shipped",
]
