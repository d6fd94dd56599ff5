"""The learned part of the page model: weights that correct the hand-written scores.

A line's evidence is a handful of named facts read from its Features ("words:5-7", "h1",
"in_run", "sentence_end", …: EVIDENCE lists them all). The model gives each fact a weight per
state, and each allowed move between states a weight: a line's score for a state is its
hand-written score (path.py) plus the weights of its facts for that state, and a move's score is
minus its hand-set cost plus its weight. States the hand-written score rules out stay ruled out:
the structure of the page is not learned, the evidence is.

The weights are data: `data/page_model-text.json` and `data/page_model-html.json` (one per input
track: the markup's facts exist only for HTML), written by `python -m benchmarks.train`, never
edited by hand. A model may also carry fitted values of LabelKnobs' own weights and costs (`knobs`); they
replace the defaults unless the caller passes LabelKnobs of their own. A model without weights
(`PageModel.hand()`) is the hand-set model exactly.
"""
from __future__ import annotations

import functools
import itertools
import json
import operator
from importlib import resources
from typing import Any

import attrs

from newsclean.features import Features
from newsclean.labels.knobs import LabelKnobs

FORMAT_VERSION = 1
# The states, in labels.path.State's order (a weights file names the states it was trained with).
STATE_NAMES = ("PRE", "HEAD", "LEAD", "BODY", "RELHEAD", "RELATED", "OUT", "COMHEAD",
               "COMMENTS", "GAP", "POPHEAD", "POPULAR")
N_STATES = len(STATE_NAMES)
DIGITS = 6  # a weight's decimals in the file

# How many words a line has, in buckets of roughly even evidence.
WORD_BUCKETS = ((1, "words:1"), (2, "words:2"), (4, "words:3-4"), (7, "words:5-7"),
                (12, "words:8-12"), (20, "words:13-20"), (40, "words:21-40"))
WORDS_MORE = "words:41+"
# Facts of Features that are true or false, by their field's name.
LINE_FLAGS = (
    "sentence_end", "credit_line", "byline_shape", "ui", "related_heading", "popular_heading",
    "comment_heading", "section_label", "date_like", "menu_like", "table_row", "near_copy",
    "blank_before", "linked", "meta_headline", "meta_caption", "meta_body", "in_run",
    "within_text", "byline_after", "next_story_head", "place_name_byline", "ends_with_colon",
    "period_end",
)
DOM_FLAGS = (
    "h1", "paragraph", "figure", "figcaption", "caption_class", "byline_class",
    "address", "list_item", "title_class", "related", "footer", "control", "nav", "in_chrome",
    "main_text", "outside_text",
)
# Facts that take a test of their own.
DERIVED = ("credit", "inline_teaser", "h2", "h3+", "later_story", "some_links",
           "few_letters", "widget")
EVIDENCE = (*DERIVED, *(name for _, name in WORD_BUCKETS), WORDS_MORE, *LINE_FLAGS,
            *(f"dom:{name}" for name in DOM_FLAGS))
# (The flags read in one C call each: evidence() runs once per line of every page.)
_line_flags = operator.attrgetter(*LINE_FLAGS)
_dom_flags = operator.attrgetter(*DOM_FLAGS)
_DOM_FACTS = tuple(f"dom:{name}" for name in DOM_FLAGS)
SOME_LINKS = 0.3  # more of a line than this in links (the fact "some_links")
FEW_LETTERS = 0.5  # letters among its visible characters below this (the fact "few_letters")
WIDGET_COPIES = 3  # printed this often, far apart (the fact "widget")


def evidence(f: Features) -> list[str]:
    """The names of the facts that hold for a line."""
    out = []
    for top, name in WORD_BUCKETS:
        if f.words <= top:
            out.append(name)
            break
    else:
        out.append(WORDS_MORE)
    out.extend(itertools.compress(LINE_FLAGS, _line_flags(f)))
    dom = f.dom
    out.extend(itertools.compress(_DOM_FACTS, _dom_flags(dom)))
    if f.credit is not None:
        out.append("credit")
    if f.inline_teaser_at is not None:
        out.append("inline_teaser")
    if dom.subheading:
        out.append("h2" if dom.h2 else "h3+")
    if dom.story > 1:
        out.append("later_story")
    if SOME_LINKS < f.link_density and not f.linked:
        out.append("some_links")
    if f.letter_share < FEW_LETTERS:
        out.append("few_letters")
    if f.copies >= WIDGET_COPIES and not f.near_copy:
        out.append("widget")
    return out


@attrs.frozen(eq=False)  # (compared and hashed by identity: decoding caches per model)
class PageModel:
    """Learned weights: per fact of EVIDENCE a weight for each state, per allowed move
    (source, destination) a weight added to its score."""

    weights: dict[str, tuple[float, ...]] = attrs.field(factory=dict)
    moves: dict[tuple[int, int], float] = attrs.field(factory=dict)
    # Fitted values of LabelKnobs' weights and costs, by name (the rest keep their defaults).
    knobs: dict[str, float] = attrs.field(factory=dict)
    track: str = ""  # the input track it was trained for ("text", "html")
    trained_on: str = ""  # the data and the command that made it

    @classmethod
    def hand(cls) -> PageModel:
        """No learned weight: the hand-set model."""
        return cls()

    def label_knobs(self, base: LabelKnobs) -> LabelKnobs:
        """`base` with the model's fitted values (one object per model and base, so that what
        is cached per knobs — the moves' table — is made once)."""
        return _tuned(self, base) if self.knobs else base

    def corrections(self, feats: list[Features]) -> list[tuple[float, ...] | None]:
        """Per line, what the weights add to each state's score (None: nothing, for a copy —
        a copy carries no evidence of its own — and for every line of the hand-set model)."""
        if not self.weights:
            return [None] * len(feats)
        weights = self.weights
        zero = (0.0,) * N_STATES
        cache: dict[tuple[str, ...], tuple[float, ...]] = {}
        out: list[tuple[float, ...] | None] = []
        for i, f in enumerate(feats):
            if f.first_copy != i:
                out.append(None)
                continue
            facts = tuple(evidence(f))
            total = cache.get(facts)
            if total is None:
                sums = list(zero)
                for fact in facts:
                    w = weights.get(fact)
                    if w is not None:
                        for s in range(N_STATES):
                            sums[s] += w[s]
                total = cache[facts] = tuple(sums)
            out.append(total)
        return out

    def explain(self, f: Features, state: int, other: int, most: int = 3) -> list[tuple[str, float]]:
        """The facts that weighed most for `state` over `other` on this line, with how much."""
        margins = [(fact, w[state] - w[other]) for fact in evidence(f)
                   if (w := self.weights.get(fact)) is not None]
        margins.sort(key=lambda item: -abs(item[1]))
        return [(fact, m) for fact, m in margins[:most] if m]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION, "track": self.track, "trained_on": self.trained_on,
            "states": list(STATE_NAMES),
            "weights": {fact: [round(x, DIGITS) for x in self.weights[fact]]
                        for fact in sorted(self.weights)},
            "moves": [[STATE_NAMES[src], STATE_NAMES[dst], round(w, DIGITS)]
                      for (src, dst), w in sorted(self.moves.items())],
            "knobs": {name: round(v, DIGITS) for name, v in sorted(self.knobs.items())},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageModel:
        if d.get("format") != FORMAT_VERSION or tuple(d.get("states", ())) != STATE_NAMES:
            raise ValueError(f"a page model of format {d.get('format')!r} with states "
                             f"{d.get('states')!r}; this newsclean reads format {FORMAT_VERSION}")
        unknown = set(d["weights"]) - set(EVIDENCE)
        if unknown:
            raise ValueError(f"the page model weighs facts newsclean does not know: {sorted(unknown)}")
        names = {field.name for field in attrs.fields(LabelKnobs)}
        if set(d.get("knobs", {})) - names:
            raise ValueError(f"the page model sets knobs newsclean does not have: "
                             f"{sorted(set(d['knobs']) - names)}")
        index = {name: i for i, name in enumerate(STATE_NAMES)}
        return cls(weights={fact: tuple(ws) for fact, ws in d["weights"].items()},
                   moves={(index[src], index[dst]): w for src, dst, w in d["moves"]},
                   knobs=dict(d.get("knobs", {})),
                   track=d.get("track", ""), trained_on=d.get("trained_on", ""))


@functools.lru_cache(maxsize=64)
def _tuned(model: PageModel, base: LabelKnobs) -> LabelKnobs:
    return attrs.evolve(base, **model.knobs)


@functools.lru_cache(maxsize=None)
def shipped(track: str) -> PageModel:
    """The model shipped for an input track ("text" or "html"), loaded once; the hand-set
    model where no file is shipped."""
    path = resources.files("newsclean").joinpath("data", f"page_model-{track}.json")
    if not path.is_file():
        return PageModel.hand()
    return PageModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
