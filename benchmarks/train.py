"""Learn the page model's weights from annotated pages, and measure them on pages they never saw.

    python -m benchmarks.train                  # fit on every corpus: data/page_model-{text,html}.json
    python -m benchmarks.train --cv             # cross-validated figures, hand-set model beside
    python -m benchmarks.train --cv --track text --corpus ../shared/corpora/fundus ...
    python -m benchmarks.train --method perceptron --cv   # the per-fact weights (see below)

Two ways to learn, one model (newsclean/labels/learned.py):

- `--method knobs` (the default, and what is shipped): the page model's own weights — every
  float of LabelKnobs: each score term's weight, each move's cost — fitted by coordinate ascent
  on the benchmark's figures (the mean over corpora of each annotated kind's F1 and the body
  tokens' F1), from the hand-set values. A change is kept only if it gains at least MIN_GAIN and
  leaves the seed page and every passing example page of tests/fixtures exactly as they were.
- `--method perceptron`: a weight per fact of a line's evidence and state, and per move, added to
  the hand-set scores, fitted by an averaged structured perceptron against the best path that
  agrees with what the gold says. It fits its training pages but does not carry to other
  corpora (docs/benchmarks.md has the figures): it is kept to measure, not shipped.

What the gold says: a corpus annotates only some kinds (AEB: body only; Fundus: no teasers). A
line the gold puts in a block of kind K may take the states whose fine label makes a block of K;
a line in no block may not take a state that makes a block of a kind the corpus annotates;
copies and lines of unscored kinds are free.

Deterministic: the same pages, knobs and options give byte-identical weights. `--cv` reports
leave-one-corpus-out and folds by site (publisher), so that no page is scored by weights that
saw its corpus, or its site: the figures that say how the model does on pages never seen.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

import attrs

from benchmarks.corpus import REPO_ROOT, TRACKS, default_corpora, load_corpus
import newsclean
from benchmarks.identical import FIXTURES
from benchmarks.scoring import KINDS, Totals, annotated_kinds, score_page
from newsclean import labels
from newsclean.keys import line_key
from newsclean.labels import HAND, LABEL_KNOBS, LabelKnobs, PageModel, State, evidence, fine_label
from newsclean.labels.learned import N_STATES
from newsclean.model import Kind, Reason
from newsclean.pipeline import Knobs, MeasuredPage, measure_page, segment_measured

DATA = REPO_ROOT / "src" / "newsclean" / "data"
ADVERSARIAL = FIXTURES / "adversarial"
# The smallest articles, a short headline and one paragraph: what a fitted knob must never lose
# (the corpora's pages are long; these are the pages the docs and the tests show first).
SMALLEST_ARTICLES = (
    "عنوان الخبر هنا\n\nفقرة أولى من الخبر، طويلة بما يكفي لقراءتها.\n",
    "Headline here\n\nA first paragraph of the story, long enough to read.",
    "Storm hits the coast\n\nHigh winds closed the harbour road on Monday and cut power to "
    "two villages, officials said.\n",
)
EPOCHS = 4
LEARNING_RATE = 0.02  # the hand-written scores are of order one: a step is a fiftieth of that
SEED = 13
SITE_FOLDS = 2
# Coordinate ascent over LabelKnobs' floats: each tried at these multiples, a pass over all
# of them at most PASSES times; a change must gain MIN_GAIN (a tenth of a point of F1).
FACTORS = (0.5, 1.5)
PASSES = 1
MIN_GAIN = 0.001
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


def tunable_knobs() -> list[str]:
    """LabelKnobs' weights and costs: its float fields (thresholds are whole numbers)."""
    return [f.name for f in attrs.fields(LabelKnobs) if f.type in ("float", float)]


def _run(ex: Example, knobs: LabelKnobs, model: PageModel = HAND) -> dict:
    return segment_measured(ex.measured, Knobs(labels=knobs, page_model=model)).to_dict()


def corpus_figures(examples: list[Example], knobs: LabelKnobs, model: PageModel = HAND) -> dict:
    totals: dict[str, Totals] = defaultdict(Totals)
    for ex in examples:
        totals[ex.corpus].add(score_page(ex.gold, _run(ex, knobs, model)))
    out = {}
    for name, total in totals.items():
        kinds = annotated_kinds(e.gold for e in examples if e.corpus == name)
        out[name] = total.figures(*kinds)
    return out


def objective(examples: list[Example], knobs: LabelKnobs) -> float:
    """The mean over corpora (the seed aside: it is a guard) of the mean of each annotated
    kind's F1 and the body tokens' F1."""
    figures = corpus_figures([ex for ex in examples if ex.corpus != "seed"], knobs)
    per_corpus = []
    for r in figures.values():
        f1s = [k["F1"] for k in r["kinds"].values()] + [r["body_tokens"]["F1"]]
        per_corpus.append(sum(f1s) / len(f1s))
    return sum(per_corpus) / len(per_corpus) if per_corpus else 0.0


class Guard:
    """The pages whose output a fitted knob may not change: the seed, every example page of
    tests/fixtures that passes today and the hostile pages of tests/fixtures/adversarial, of
    one track."""

    def __init__(self, track: str):
        suffix = ".txt" if track == "text" else ".html"
        self.pages = []
        paths = [p for p in sorted(FIXTURES.glob(f"*{suffix}"))
                 if p.with_name(p.stem + ".expected.json").is_file()]
        paths += sorted(ADVERSARIAL.glob(f"*{suffix}"))  # (tests/test_adversarial asserts them)
        pages = [path.read_bytes() for path in paths]
        if track == "text":
            pages += [page.encode("utf-8") for page in SMALLEST_ARTICLES]
        for page in pages:
            try:
                measured = measure_page(page, input=track)
            except newsclean.NewscleanError:
                continue  # refused before the page model: no knob of it can change that
            self.pages.append((measured, self._hash(measured, LABEL_KNOBS)))

    @staticmethod
    def _hash(measured: MeasuredPage, knobs: LabelKnobs) -> str:
        doc = segment_measured(measured, Knobs(labels=knobs, page_model=HAND)).to_dict()
        return json.dumps(doc, sort_keys=True, ensure_ascii=False)

    def holds(self, knobs: LabelKnobs) -> bool:
        return all(self._hash(m, knobs) == h for m, h in self.pages)


def tune(examples: list[Example], track: str, trained_on: str, log=None) -> PageModel:
    """Coordinate ascent over LabelKnobs' floats from the hand-set values (module docstring)."""
    mine = sorted((ex for ex in examples if ex.track == track), key=lambda ex: (ex.corpus, ex.id))
    guard = Guard(track)
    knobs = LABEL_KNOBS
    best = objective(mine, knobs)
    if log:
        log(f"{track}: hand-set {best:.4f} on {len(mine)} pages")
    for round_ in range(PASSES):
        changed = False
        for name in tunable_knobs():
            value = getattr(knobs, name)
            for factor in FACTORS:
                candidate = attrs.evolve(knobs, **{name: round(value * factor, 4)})
                if candidate == knobs or not guard.holds(candidate):
                    continue
                score = objective(mine, candidate)
                if score >= best + MIN_GAIN:
                    knobs, best, changed = candidate, score, True
                    if log:
                        log(f"{track}: {name} {value:g} -> {getattr(knobs, name):g}: {best:.4f}")
                    break
        if not changed:
            break
    fitted = {name: getattr(knobs, name) for name in tunable_knobs()
              if getattr(knobs, name) != getattr(LABEL_KNOBS, name)}
    return PageModel(knobs=fitted, track=track, trained_on=trained_on)


def fit_with(method: str, examples: list[Example], track: str, trained_on: str,
             log=None) -> PageModel:
    if method == "perceptron":
        return fit(examples, track, trained_on, log=log)
    return tune(examples, track, trained_on, log=log)


def folds(examples: list[Example], track: str) -> list[tuple[str, list[Example], list[Example]]]:
    """(name, training pages, held-out pages): leave one corpus out, then folds by site."""
    mine = [ex for ex in examples if ex.track == track]
    out = []
    for held in sorted({ex.corpus for ex in mine} - {"seed"}):
        out.append((f"loco:{held}", [ex for ex in mine if ex.corpus != held],
                    [ex for ex in mine if ex.corpus == held]))
    for fold in range(SITE_FOLDS):
        def inside(ex: Example) -> bool:
            return zlib.crc32(ex.site.encode()) % SITE_FOLDS == fold
        out.append((f"site:{fold}", [ex for ex in mine if not inside(ex) or ex.corpus == "seed"],
                    [ex for ex in mine if inside(ex) and ex.corpus != "seed"]))
    return out


_SHARED: dict = {}  # the examples, for the fold workers (forked: shared, not pickled)


def _run_fold(job: tuple[str, str, int]) -> tuple[str, list[tuple[str, dict]], dict]:
    method, track, n = job
    name, train_set, test_set = folds(_SHARED["examples"], track)[n]
    model = fit_with(method, train_set, track, name)
    scores = [(ex.corpus, score_page(ex.gold, _run(ex, model.label_knobs(LABEL_KNOBS), model)))
              for ex in test_set]
    return name, scores, model.knobs


def cross_validate(examples: list[Example], track: str, method: str, workers: int, log) -> dict:
    """Per corpus, the figures of the hand-set model and of fitted weights that never saw the
    corpus (leave one corpus out) or the site (folds by site) of the page they score."""
    mine = [ex for ex in examples if ex.track == track]
    results: dict[str, dict[str, Totals]] = {name: defaultdict(Totals) for name in
                                             ("hand", "loco", "site")}
    for ex in mine:
        results["hand"][ex.corpus].add(score_page(ex.gold, _run(ex, LABEL_KNOBS)))
    jobs = [(method, track, n) for n in range(len(folds(examples, track)))]
    _SHARED["examples"] = examples
    fitted = {}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for name, scores, knobs in pool.imap(_run_fold, jobs):
            for corpus, page_score in scores:
                results[name.split(":")[0]][corpus].add(page_score)
            fitted[name] = knobs
            log(f"{track}: fold {name} done")
    kinds = {name: annotated_kinds(ex.gold for ex in mine if ex.corpus == name)
             for name in {ex.corpus for ex in mine}}
    return {"fitted": fitted, **{setting: {name: totals[name].figures(*kinds[name])
                                           for name in sorted(totals)}
                                 for setting, totals in results.items()}}


def print_table(track: str, figures: dict) -> None:
    print(f"\n## {track} track: hand-set model vs fitted weights (cross-validated)\n")
    print("| corpus | model | headline | caption | body | teaser | body tokens F1 |")
    print("|---|---|---|---|---|---|---|")
    for name in sorted(figures["hand"]):
        for setting in ("hand", "loco", "site"):
            r = figures.get(setting, {}).get(name)
            if r is None:
                continue
            cells = [f"{r['kinds'][k]['F1']:.3f}" if k in r["kinds"] else "–" for k in KINDS]
            print(f"| {name} | {setting} | " + " | ".join(cells)
                  + f" | {r['body_tokens']['F1']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.train", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="a corpus folder (repeatable)")
    ap.add_argument("--track", choices=TRACKS, action="append", help="text, html (default both)")
    ap.add_argument("--method", choices=("knobs", "perceptron"), default="knobs")
    ap.add_argument("--cv", action="store_true", help="cross-validated figures; writes nothing")
    ap.add_argument("--workers", type=int, default=2, help="folds fitted at once (--cv)")
    ap.add_argument("--out", type=Path, default=DATA, help="where the weights files go")
    ap.add_argument("--json", action="store_true", help="with --cv: print the figures as JSON")
    args = ap.parse_args(argv)
    corpora = args.corpus or default_corpora()
    tracks = tuple(args.track or TRACKS)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr)

    examples = load_examples(corpora, tracks)
    log(f"{len(examples)} page-tracks from {', '.join(p.name for p in corpora)}")
    if args.cv:
        figures = {t: cross_validate(examples, t, args.method, args.workers, log) for t in tracks}
        if args.json:
            print(json.dumps(figures, indent=1, sort_keys=True))
        else:
            for track in tracks:
                print_table(track, figures[track])
        return 0
    names = ", ".join(sorted(p.name for p in corpora))
    for track in tracks:
        model = fit_with(args.method, examples, track,
                         f"{names}; python -m benchmarks.train --method {args.method}", log=log)
        path = args.out / f"page_model-{track}.json"
        path.write_text(json.dumps(model.to_dict(), indent=0, sort_keys=True, ensure_ascii=False)
                        + "\n", encoding="utf-8")
        log(f"{track}: written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
