"""Why a line got its state: the facts that weighed most for it over the runner-up.

For each line, the state the path gave it, the runner-up — the state that line alone could take
instead with the path around it unchanged (the moves in and out allowed) that scores best —,
the margin between the two (the path's score with each; where no other state fits between the
line's neighbours, the best other state of the line's own scores), and the facts of the line's Features whose removal would move that
margin most (each fact set false in turn, the line scored again: what the fact was worth). The
page model's own scores are the evidence, hand-set or fitted alike, so a wrong label on a new
page is a question of evidence, not of archaeology.
"""
from __future__ import annotations

import attrs

from newsclean.features import DomFacts, Features
from newsclean.labels.knobs import LABEL_KNOBS, LabelKnobs
from newsclean.labels.learned import PageModel
from newsclean.labels.path import HAND, NEG, START, State, emissions, incoming_moves

MOST = 3  # facts named per line
_DOM_FLAGS = tuple(f.name for f in attrs.fields(DomFacts) if f.type in ("bool", bool))
_LINE_FLAGS = tuple(f.name for f in attrs.fields(Features) if f.type in ("bool", bool))


@attrs.frozen(slots=True)
class Evidence:
    """What decided one line's state. `facts`: (name, what it added to the margin), most first;
    empty for a copy (decided by its first occurrence, `copy_of`)."""

    state: str
    runner_up: str | None
    margin: float
    facts: tuple[tuple[str, float], ...] = ()
    copy_of: int | None = None

    def to_dict(self) -> dict:
        return attrs.asdict(self)


@attrs.frozen(slots=True)
class LineEvidence:
    """A line of the page (its text and span in Document.text) and what decided its state."""

    text: str
    start: int
    end: int
    evidence: Evidence

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                **self.evidence.to_dict()}


def explain(feats: list[Features], states: list[State], knobs: LabelKnobs = LABEL_KNOBS,
            model: PageModel | None = None) -> list[Evidence]:
    """One Evidence per line, for the path `states` (labels.decode's)."""
    model = model or HAND
    scores = emissions(feats, knobs, model)
    into, _ = incoming_moves(knobs, model)
    move = {(src, dst): score for dst, sources in enumerate(into) for src, score in sources}
    out = []
    for i, (f, state) in enumerate(zip(feats, states)):
        row = scores[i]
        before = states[i - 1] if i else None
        after = states[i + 1] if i + 1 < len(states) else None

        def path_score(s: int) -> float:
            """This line's part of the path's score, were it in state s."""
            into_s = -START[s] if before is None and s in START else move.get((before, s), NEG)
            out_of_s = 0.0 if after is None else move.get((s, after), NEG)
            return row[s] + into_s + out_of_s

        rival = _runner_up([path_score(s) for s in range(len(row))], state)
        if rival is not None:
            whole = path_score(state) - path_score(rival)
        else:  # no other state fits between its neighbours: the line's own scores alone
            rival = _runner_up(list(row), state)
            if rival is None:
                out.append(Evidence(state.name, None, 0.0))
                continue
            whole = row[state] - row[rival]
        margin = row[state] - row[rival]
        if f.first_copy != i:
            out.append(Evidence(state.name, State(rival).name, round(whole, 3),
                                copy_of=f.first_copy))
            continue
        worth = []
        for name, without in _without_each_fact(f):
            alone = emissions([without], knobs, model)[0]
            if alone[state] == NEG or alone[rival] == NEG:
                continue  # without the fact one of the two states is out: it is structure
            change = margin - (alone[state] - alone[rival])
            if change:
                worth.append((name, round(change, 3)))
        worth.sort(key=lambda item: -abs(item[1]))
        out.append(Evidence(state.name, State(rival).name, round(whole, 3), tuple(worth[:MOST])))
    return out


def _runner_up(row: list[float], state: State) -> int | None:
    best, arg = NEG, None
    for s, v in enumerate(row):
        if s != state and v > best:
            best, arg = v, s
    return arg


def _without_each_fact(f: Features):
    """(name, the line's Features with that fact false) for each fact that holds, the line made
    a first occurrence of its own (it is scored alone, at index 0)."""
    alone = attrs.evolve(f, first_copy=0)
    for name in _LINE_FLAGS:
        if getattr(f, name):
            yield name, attrs.evolve(alone, **{name: False})
    for name in _DOM_FLAGS:
        if name != "bare" and getattr(f.dom, name):
            yield f"dom:{name}", attrs.evolve(alone, dom=attrs.evolve(f.dom, **{name: False}))
    if f.credit is not None:
        yield "credit", attrs.evolve(alone, credit=None)
    if f.inline_teaser_at is not None:
        yield "inline_teaser", attrs.evolve(alone, inline_teaser_at=None)
    if f.dom.subheading:
        yield "dom:subheading", attrs.evolve(alone, dom=attrs.evolve(f.dom, subheading=0))
