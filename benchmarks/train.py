"""Learn the page model's weights from annotated pages, and measure them on pages they never saw.

    python -m benchmarks.train                       # fit on every corpus, write data/page_model-*.json
    python -m benchmarks.train --cv                  # cross-validated figures, hand-set model beside
    python -m benchmarks.train --cv --track text --corpus ../shared/corpora/fundus ...

The model (newsclean/labels/learned.py) adds, to each line's hand-written score for each state,
a learned weight per fact of its evidence, and to each move a learned weight. It is fitted by an
averaged structured perceptron: decode each page with the current weights; decode it again under
the constraint of what its gold says; where the two paths part, move the weights toward the
constrained path. A corpus annotates only some kinds (AEB: body only; Fundus: no teasers), so the
constraint is only what the gold does say: a line the gold puts in a block of kind K may take the
states whose fine label makes a block of K; a line in no block may not take a state that makes a
block of a kind the corpus annotates; copies and lines of unannotated kinds are free.

Deterministic: the same pages, knobs and --seed give byte-identical weights. `--cv` reports
leave-one-corpus-out and folds by site (publisher), so that no page is scored by weights that saw
its site: the figures that say how the model does on pages never seen.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

import newsclean
from benchmarks.corpus import REPO_ROOT, TRACKS, default_corpora, load_corpus
from benchmarks.scoring import FINER_KINDS, KINDS, Totals, annotated_kinds, score_page
from newsclean import labels
from newsclean.keys import line_key
from newsclean.labels import HAND, LABEL_KNOBS, PageModel, State, evidence, fine_label
from newsclean.labels.learned import N_STATES
from newsclean.model import Kind, Reason
from newsclean.pipeline import Knobs, MeasuredPage, measure_page, segment_measured

DATA = REPO_ROOT / "src" / "newsclean" / "data"
EPOCHS = 4
LEARNING_RATE = 0.02  # the hand-written scores are of order one: a step is a fiftieth of that
SEED = 13
SITE_FOLDS = 5
CONTAINED_MIN_WORDS = 4  # a line this long found inside a gold block is a part of it
KIND_BALANCE = 0.5  # a kind n times rarer weighs n ** KIND_BALANCE times more
AGREE = 5.0  # what the gold's path earns per line for keeping the predicted state

# The kind of block a fine label makes, as the gold names kinds (finer kinds count as body).
GOLD_KIND = {Kind.HEADLINE: "headline", Kind.BODY: "body", Kind.SUBHEADING: "body",
             Kind.STANDFIRST: "body", Kind.CAPTION: "caption", Kind.TEASER: "teaser",
             Kind.BYLINE: "byline", Reason.COMMENT: "comment"}
FOLDED = {"standfirst": "body", "subheading": "body"}
FREE = {"supplemental", "comment"}  # kinds no scorer counts: any state


class Example:
    """One page of one track: its measured lines, gold, and what training needs of them."""

    def __init__(self, corpus: str, page_id: str, site: str, track: str, measured: MeasuredPage,
                 gold: dict, annotated: frozenset[str]):
        self.corpus, self.id, self.site, self.track = corpus, page_id, site, track
        self.measured, self.gold = measured, gold
        feats = measured.features
        self.hand = labels.emissions(feats, LABEL_KNOBS, HAND)
        self.resumes = labels.resumes_text(feats, LABEL_KNOBS)
        self.facts = [tuple(evidence(f)) if f.first_copy == i else None
                      for i, f in enumerate(feats)]
        self.kinds = line_gold(measured, gold, track)
        self.allowed = allowed_states(measured, self.hand, self.kinds, annotated)


def line_gold(page: MeasuredPage, gold: dict, track: str) -> list[str | None]:
    """Per line, the kind of block the gold puts it in ("boilerplate": none; None: the gold
    does not say). Line numbers where the gold gives them for this very text, else the lines
    whose text is a gold block's (or a long part of one)."""
    kinds: list[str | None] = [None] * len(page.lines)
    numbered = track == "text"
    number_of = {}
    if numbered:
        for i, line in enumerate(page.lines):
            number_of[page.text.count("\n", 0, line.start) + 1] = i
    by_key: dict[str, str] = {}
    texts: list[tuple[str, str]] = []
    for article in gold.get("articles", ()):
        for block in article.get("blocks", ()):
            kind = FOLDED.get(block["kind"], block["kind"])
            if block.get("secondary"):
                kind = "supplemental"
            if numbered and block.get("lines"):
                for n in block["lines"]:
                    if n in number_of:
                        kinds[number_of[n]] = kind
                continue
            text = block.get("title") if kind == "teaser" else block.get("text")
            key = line_key(text or "")
            if key:
                by_key.setdefault(key, kind)
                texts.append((key, kind))
    if numbered:
        for n in gold.get("boilerplate_lines", ()):
            if n in number_of and kinds[number_of[n]] is None:
                kinds[number_of[n]] = "boilerplate"
    for i, (key, f) in enumerate(zip(page.keys, page.features)):
        if kinds[i] is not None or not key:
            continue
        kind = by_key.get(key)
        if kind is None and f.words >= CONTAINED_MIN_WORDS:
            kind = next((k for block_key, k in texts if key in block_key), None)
        if kind is not None:
            kinds[i] = kind
        elif not numbered and gold.get("boilerplate_lines") is not None:
            kinds[i] = "boilerplate"  # every line of the page's text is in a block or not
    return kinds


def allowed_states(page: MeasuredPage, hand: list[tuple[float, ...]], kinds: list[str | None],
                   annotated: frozenset[str]) -> list[frozenset[int] | None]:
    """Per line, the states that agree with what the gold says of it (None: any)."""
    out: list[frozenset[int] | None] = []
    for i, (f, kind) in enumerate(zip(page.features, kinds)):
        if f.first_copy != i or kind in FREE:
            out.append(None)
            continue
        ok = []
        for s in State:
            if hand[i][s] == labels.NEG:
                continue
            label = fine_label(f, s, None, LABEL_KNOBS)
            made = GOLD_KIND.get(label)
            if kind is None or kind == "boilerplate":
                fits = made is None or made not in annotated
            else:  # (a caption's credit on a line of its own is merged into the caption)
                fits = made == kind or kind == "caption" and label is Reason.MERGED
            if fits:
                ok.append(int(s))
        out.append(frozenset(ok) if ok else None)
    return out


def load_examples(corpora: list[Path], tracks: tuple[str, ...]) -> list[Example]:
    examples = []
    for root in corpora:
        corpus = load_corpus(root)
        annotated = frozenset(FOLDED.get(k, k) for k in annotated_kinds(
            p.gold() for p in corpus.pages)[0])
        index = {}
        index_path = Path(root) / "index.jsonl"
        if index_path.is_file():
            for line in index_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    index[record["id"]] = record
        for page in corpus.pages:
            site = index.get(page.id, {}).get("publisher") or page.id
            for track in tracks:
                if not page.has(track):
                    continue
                measured = measure_page(page.read(track), lang=page.lang, input=track)
                examples.append(Example(corpus.name, page.id, f"{corpus.name}:{site}", track,
                                        measured, page.gold(), annotated))
    return examples


class Perceptron:
    """Averaged structured perceptron over the page model's evidence and moves."""

    def __init__(self, kind_weight: dict[str | None, float] | None = None) -> None:
        # A wrong line of a rare kind (a headline: one a page) weighs as much as the many
        # lines of a common one (chrome) it is outnumbered by.
        self.kind_weight = kind_weight or {}
        self.w: dict[str, list[float]] = defaultdict(lambda: [0.0] * N_STATES)
        self.total: dict[str, list[float]] = defaultdict(lambda: [0.0] * N_STATES)
        self.m: dict[tuple[int, int], float] = defaultdict(float)
        self.m_total: dict[tuple[int, int], float] = defaultdict(float)
        self.step = 1  # updates are weighted by when they happened, for the average

    def scores(self, ex: Example) -> list[tuple[float, ...]]:
        cache: dict[tuple[str, ...], list[float]] = {}
        out = []
        for hand, facts in zip(ex.hand, ex.facts):
            if facts is None:
                out.append(hand)
                continue
            add = cache.get(facts)
            if add is None:
                add = [0.0] * N_STATES
                for fact in facts:
                    w = self.w.get(fact)
                    if w is not None:
                        for s in range(N_STATES):
                            add[s] += w[s]
                cache[facts] = add
            out.append(tuple(h if h == labels.NEG else h + a for h, a in zip(hand, add)))
        return out

    def learn(self, ex: Example) -> int:
        """One update on one page; the number of lines whose state was wrong."""
        scores = self.scores(ex)
        into = labels.moves_into(LABEL_KNOBS, self.m)
        predicted = labels.best_path(scores, ex.resumes, into)
        if all(a is None or p in a for p, a in zip(predicted, ex.allowed)):
            self.step += 1
            return 0  # every line gets what its gold says (states that make the same are alike)
        # The gold's path nearest the prediction: many states make the same of a line (chrome is
        # chrome in PRE, OUT or GAP), so the update is only where the prediction made it wrong.
        near = [tuple(v + AGREE if s == p else v for s, v in enumerate(row))
                for row, p in zip(scores, predicted)]
        wanted = labels.best_path(near, ex.resumes, into, ex.allowed)
        if predicted == wanted or len(wanted) != len(predicted):
            self.step += 1
            return 0
        # Weights move only at the lines the prediction got wrong (and the moves into and out
        # of them): where it was right, the gold's path may take an equivalent state, and
        # pushing between equivalent states (PRE, OUT, GAP for chrome) only adds noise.
        wrong_at = [a is not None and p not in a for p, a in zip(predicted, ex.allowed)]
        for i, (p, g) in enumerate(zip(predicted, wanted)):
            rate = LEARNING_RATE * self.kind_weight.get(ex.kinds[i], 1.0)
            if wrong_at[i] and p != g and ex.facts[i] is not None:
                for fact in ex.facts[i]:
                    self._add(fact, g, rate)
                    self._add(fact, p, -rate)
            if i and (wrong_at[i] or wrong_at[i - 1]) \
                    and (predicted[i - 1], p) != (wanted[i - 1], g):
                self._add_move((int(wanted[i - 1]), int(g)), rate)
                self._add_move((int(predicted[i - 1]), int(p)), -rate)
        self.step += 1
        return sum(wrong_at)

    def _add(self, fact: str, state: int, amount: float) -> None:
        self.w[fact][state] += amount
        self.total[fact][state] += self.step * amount

    def _add_move(self, move: tuple[int, int], amount: float) -> None:
        if move[0] == move[1]:
            return  # staying in a state is free: its weight would be a bias paid on every line
        self.m[move] += amount
        self.m_total[move] += self.step * amount

    def model(self, track: str, trained_on: str) -> PageModel:
        """The averaged weights (w − Σ step·update / steps), as a PageModel."""
        weights = {}
        for fact in sorted(self.w):
            avg = tuple(w - t / self.step for w, t in zip(self.w[fact], self.total[fact]))
            if any(abs(x) > 1e-9 for x in avg):
                weights[fact] = avg
        moves = {move: self.m[move] - self.m_total[move] / self.step for move in sorted(self.m)}
        return PageModel(weights=weights, moves={k: v for k, v in moves.items() if abs(v) > 1e-9},
                         track=track, trained_on=trained_on)


def fit(examples: list[Example], track: str, trained_on: str, epochs: int = EPOCHS,
        seed: int = SEED, log=None) -> PageModel:
    counts: dict[str | None, int] = defaultdict(int)
    for ex in examples:
        if ex.track == track:
            for kind in ex.kinds:
                counts[kind] += 1
    most = max(counts.values(), default=1)
    learner = Perceptron({kind: (most / n) ** KIND_BALANCE for kind, n in counts.items()})
    order = sorted((ex for ex in examples if ex.track == track), key=lambda ex: (ex.corpus, ex.id))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = sum(learner.learn(ex) for ex in order)
        if log:
            log(f"{track}: epoch {epoch + 1}: {wrong} lines off the gold's path")
    return learner.model(track, trained_on)


def evaluate(examples: list[Example], model: PageModel, totals: dict[str, Totals]) -> None:
    for ex in examples:
        doc = segment_measured(ex.measured, Knobs(page_model=model))
        totals[ex.corpus].add(score_page(ex.gold, doc.to_dict()))


def cross_validate(examples: list[Example], track: str, log) -> dict:
    """Per corpus, the figures of the hand-set model and of learned weights that never saw the
    corpus (leave one corpus out) or the site (folds by site) of the page they score."""
    mine = [ex for ex in examples if ex.track == track]
    corpora = sorted({ex.corpus for ex in mine})
    results: dict[str, dict[str, Totals]] = {name: defaultdict(Totals) for name in
                                             ("hand", "loco", "site")}
    evaluate(mine, HAND, results["hand"])
    for held in corpora:
        if held == "seed":
            continue
        model = fit([ex for ex in mine if ex.corpus != held], track, f"all but {held}")
        evaluate([ex for ex in mine if ex.corpus == held], model, results["loco"])
        log(f"{track}: left out {held}")
    for fold in range(SITE_FOLDS):
        test = [ex for ex in mine if zlib.crc32(ex.site.encode()) % SITE_FOLDS == fold]
        model = fit([ex for ex in mine if zlib.crc32(ex.site.encode()) % SITE_FOLDS != fold],
                    track, f"site fold {fold}")
        evaluate(test, model, results["site"])
        log(f"{track}: site fold {fold + 1}/{SITE_FOLDS}")
    kinds = {}
    for name in corpora:
        golds = [ex.gold for ex in mine if ex.corpus == name]
        kinds[name] = annotated_kinds(golds)
    return {setting: {name: totals[name].figures(*kinds[name]) for name in corpora if name in totals}
            for setting, totals in results.items()}


def print_table(track: str, figures: dict) -> None:
    print(f"\n## {track} track: hand-set model vs learned weights (cross-validated)\n")
    print("| corpus | model | headline | caption | body | teaser | body tokens F1 | kept dup |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(figures["hand"]):
        for setting in ("hand", "loco", "site"):
            r = figures.get(setting, {}).get(name)
            if r is None:
                continue
            cells = [f"{r['kinds'][k]['F1']:.3f}" if k in r["kinds"] else "–" for k in KINDS]
            print(f"| {name} | {setting} | " + " | ".join(cells)
                  + f" | {r['body_tokens']['F1']:.3f} | {r['kept_duplicates']} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.train", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="a corpus folder (repeatable)")
    ap.add_argument("--track", choices=TRACKS, action="append", help="text, html (default both)")
    ap.add_argument("--cv", action="store_true", help="cross-validated figures; writes nothing")
    ap.add_argument("--out", type=Path, default=DATA, help="where the weights files go")
    ap.add_argument("--json", action="store_true", help="with --cv: print the figures as JSON")
    args = ap.parse_args(argv)
    corpora = args.corpus or default_corpora()
    tracks = tuple(args.track or TRACKS)
    started = time.process_time()

    def log(message: str) -> None:
        print(f"[{time.process_time() - started:6.1f} s] {message}", file=sys.stderr)

    examples = load_examples(corpora, tracks)
    log(f"{len(examples)} page-tracks from {', '.join(p.name for p in corpora)}")
    if args.cv:
        all_figures = {track: cross_validate(examples, track, log) for track in tracks}
        if args.json:
            print(json.dumps(all_figures, indent=1, sort_keys=True))
        else:
            for track in tracks:
                print_table(track, all_figures[track])
        return 0
    names = ", ".join(sorted(p.name for p in corpora))
    for track in tracks:
        model = fit(examples, track, f"{names}; python -m benchmarks.train (seed {SEED}, "
                                     f"{EPOCHS} epochs)", log=log)
        path = args.out / f"page_model-{track}.json"
        path.write_text(json.dumps(model.to_dict(), indent=0, sort_keys=True, ensure_ascii=False)
                        + "\n", encoding="utf-8")
        log(f"{track}: {len(model.weights)} facts weighed, written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
