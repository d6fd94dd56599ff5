"""The quality metric: our own copy of `shared/tools/score.py`, plus totals over many pages.

Why a copy: a user without `../shared` must be able to score their own corpus, and the benchmark
needs the raw counts (matched, gold, predicted blocks; token overlaps), not only score.py's
rounded ratios, to sum figures over pages. `score_py_view()` turns our per-page counts back into
exactly the dict score.py prints; `tests/test_benchmarks.py` checks the two agree on real pages.

The metric, per page (as score.py):

- Blocks are compared per kind. `standfirst` and `subheading` count as `body` (FOLD); a gold
  block marked `secondary` (L3S-GN1's extra headline-labelled lines) is set aside.
- Gold blocks, in order, each take the not yet used predicted block of the same kind with the
  highest token F1 (`\\w+` tokens after NFKC, whitespace folding and casefolding; first one on a
  tie), if that F1 is at least 0.8. A teaser is compared by its `title`.
- For matched teasers, each field the gold gives (section, summary, byline, caption) counts as
  right when its token F1 is at least 0.8; for matched captions with a gold `credit`, the credit
  is right when equal after normalising.
- Body tokens: the page's gold body text and predicted body text as bags of tokens.
- Kept duplicates: blocks of one predicted article (teasers aside) with the same normalised text,
  counted beyond the first.

Over a corpus (`Totals`): matched, gold and predicted counts are summed over pages and P/R/F1
taken from the sums (micro average), so a page weighs by its number of blocks; body tokens sum
the overlaps and bag sizes the same way. Only the kinds a corpus annotates are reported: see
`annotated_kinds()`.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

KINDS = ("headline", "caption", "body", "teaser")
FOLD = {"standfirst": "body", "subheading": "body"}  # finer kinds a four-kind scorer counts as body
FINER_KINDS = ("standfirst", "subheading")  # also reported unfolded where a corpus has them
TEASER_FIELDS = ("section", "summary", "byline", "caption")
MATCH_THRESHOLD = 0.8  # token F1 a predicted block needs to count as the gold block

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")  # the standard library's \w, as score.py (not the `regex` module)
_EPS = 1e-9


# --- text comparison (as score.py) -------------------------------------------------------------

def norm(s: str | None) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", s or "")).strip().casefold()


def tokens(s: str | None) -> list[str]:
    return _TOKEN.findall(norm(s))


def token_f1(a: str | None, b: str | None) -> float:
    """Token F1 of two texts (score.py's tf1): `a` is the reference, `b` the prediction."""
    return _bag_f1(Counter(tokens(a)), Counter(tokens(b)))


def _bag_f1(ca: Counter, cb: Counter) -> float:
    if not ca or not cb:
        return 1.0 if ca == cb else 0.0
    overlap = sum((ca & cb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(cb.values()), overlap / sum(ca.values())
    return 2 * p * r / (p + r)


def block_key(b: dict) -> str:
    """The text a block is compared by: a teaser's title, else its text."""
    return b.get("title") or b.get("text") or ""


def folded_blocks(doc: dict) -> list[dict]:
    """All blocks of a document with finer kinds folded; secondary gold blocks set aside."""
    out = []
    for article in doc.get("articles", []):
        for b in article.get("blocks", []):
            kind = FOLD.get(b.get("kind"), b.get("kind"))
            out.append(dict(b, kind=("secondary-" + kind) if b.get("secondary") else kind))
    return out


def unfolded_blocks(doc: dict) -> list[dict]:
    """All blocks with their own kinds (for the finer-kind view); secondary gold set aside."""
    return [b for a in doc.get("articles", []) for b in a.get("blocks", []) if not b.get("secondary")]


def match(gold: list[dict], pred: list[dict], threshold: float = MATCH_THRESHOLD) -> list[tuple[dict, dict]]:
    """score.py's greedy matching, with each block tokenised once.

    Same result as score.py: a predicted block is skipped only when its size alone keeps its F1
    below both the threshold and the best F1 found so far, which cannot change the choice.
    """
    gold_bags = [Counter(tokens(block_key(b))) for b in gold]
    pred_bags = [Counter(tokens(block_key(b))) for b in pred]
    pred_sizes = [sum(c.values()) for c in pred_bags]
    pairs, used = [], set()
    for g, ca in zip(gold, gold_bags):
        na = sum(ca.values())
        best, best_j = 0.0, None
        for j, cb in enumerate(pred_bags):
            if j in used:
                continue
            nb = pred_sizes[j]
            if na and nb:
                bound = 2 * min(na, nb) / (na + nb)  # F1 if every token of the smaller bag matched
                if bound < threshold - _EPS or bound < best - _EPS:
                    continue
            f = _bag_f1(ca, cb)
            if f > best:
                best, best_j = f, j
        if best_j is not None and best >= threshold:
            used.add(best_j)
            pairs.append((g, pred[best_j]))
    return pairs


# --- one page ----------------------------------------------------------------------------------

@dataclass
class Count:
    """Blocks of one kind: how many in the gold, in the prediction, and matched."""

    gold: int = 0
    pred: int = 0
    matched: int = 0

    def add(self, other: Count) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched

    def precision(self) -> float:
        return self.matched / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Tally:
    """How many checks were right out of how many (teaser fields, caption credits)."""

    right: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total

    def share(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class TokenCount:
    """Body text as bags of tokens: sizes of the gold and predicted bags and their overlap."""

    gold: int = 0
    pred: int = 0
    overlap: int = 0

    def add(self, other: TokenCount) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.overlap += other.overlap

    def precision(self) -> float:
        return self.overlap / self.pred if self.pred else 0.0

    def recall(self) -> float:
        return self.overlap / self.gold if self.gold else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PageScore:
    """Raw counts for one page: everything score.py reports, before any rounding."""

    kinds: dict[str, Count] = field(default_factory=dict)
    finer: dict[str, Count] = field(default_factory=dict)
    teaser_fields: dict[str, Tally] = field(default_factory=dict)
    teaser_matched: int = 0
    caption_credit: Tally = field(default_factory=Tally)
    body_tokens: TokenCount = field(default_factory=TokenCount)
    kept_duplicates: int = 0
    # Of those, the copies the gold does not have: a text kept more often in an article than
    # any gold article holds it (a speaker's label before each answer is the gold's own repeat).
    copies_beyond_gold: int = 0
    gold_articles: int = 0
    pred_articles: int = 0


def score_page(gold: dict, pred: dict) -> PageScore:
    """Score one page's prediction against its gold (both in the gold-file shape)."""
    gb, pb = folded_blocks(gold), folded_blocks(pred)
    out = PageScore()
    for kind in KINDS:
        g = [b for b in gb if b["kind"] == kind]
        p = [b for b in pb if b.get("kind") == kind]
        pairs = match(g, p)
        out.kinds[kind] = Count(len(g), len(p), len(pairs))
        if kind == "teaser":
            out.teaser_matched = len(pairs)
            for name in TEASER_FIELDS:
                have = [(a, b) for a, b in pairs if a.get(name)]
                if have:
                    right = sum(token_f1(a[name], b.get(name, "")) >= MATCH_THRESHOLD for a, b in have)
                    out.teaser_fields[name] = Tally(right, len(have))
        if kind == "caption":
            credited = [(a, b) for a, b in pairs if a.get("credit")]
            right = sum(norm(a["credit"]) == norm(b.get("credit")) for a, b in credited)
            out.caption_credit = Tally(right, len(credited))
    gu, pu = unfolded_blocks(gold), unfolded_blocks(pred)
    for kind in FINER_KINDS:
        g = [b for b in gu if b.get("kind") == kind]
        p = [b for b in pu if b.get("kind") == kind]
        out.finer[kind] = Count(len(g), len(p), len(match(g, p)))
    gt = Counter(t for b in gb if b["kind"] == "body" for t in tokens(b["text"]))
    pt = Counter(t for b in pb if b.get("kind") == "body" for t in tokens(b.get("text", "")))
    out.body_tokens = TokenCount(sum(gt.values()), sum(pt.values()), sum((gt & pt).values()))
    gold_most: Counter = Counter()  # per text, the most copies one gold article holds
    for article in gold.get("articles", []):
        for text, n in _texts_kept(article).items():
            gold_most[text] = max(gold_most[text], n)
    for article in pred.get("articles", []):
        seen = _texts_kept(article)
        out.kept_duplicates += sum(v - 1 for v in seen.values() if v > 1)
        out.copies_beyond_gold += sum(v - max(1, gold_most[t]) for t, v in seen.items()
                                      if v > max(1, gold_most[t]))
    out.gold_articles = len(gold.get("articles", []))
    out.pred_articles = len(pred.get("articles", []))
    return out


def _texts_kept(article: dict) -> Counter:
    """How often each text (normalised) is an article's block, teasers aside."""
    return Counter(norm(block_key(b)) for b in article.get("blocks", []) if b.get("kind") != "teaser")


def score_py_view(s: PageScore) -> dict:
    """The dict `shared/tools/score.py` prints for the same page (rounded as it rounds)."""
    out: dict = {}
    for kind in KINDS:
        c = s.kinds[kind]
        p, r = c.precision(), c.recall()
        out[kind] = {"gold": c.gold, "pred": c.pred, "P": round(p, 3), "R": round(r, 3),
                     "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
        if kind == "teaser" and s.teaser_matched:
            out[kind]["fields"] = {name: round(t.right / t.total, 3) for name, t in s.teaser_fields.items()}
        if kind == "caption" and s.caption_credit.total:
            out[kind]["credit"] = round(s.caption_credit.right / s.caption_credit.total, 3)
    bt = s.body_tokens
    bp, br = bt.precision(), bt.recall()
    out["body_tokens"] = {"P": round(bp, 4), "R": round(br, 4),
                          "F1": round(2 * bp * br / (bp + br), 4) if bp + br else 0.0}
    out["kept_duplicates"] = s.kept_duplicates
    out["articles"] = {"gold": s.gold_articles, "pred": s.pred_articles}
    fs = [out[k]["F1"] for k in KINDS if out[k]["gold"]] + [out["body_tokens"]["F1"]]
    out["overall"] = round(sum(fs) / len(fs), 4)
    return out


# --- which kinds a corpus annotates --------------------------------------------------------------

def annotated_kinds(golds) -> tuple[list[str], list[str]]:
    """The kinds a corpus annotates: those that at least one gold page has.

    Returns (main kinds, finer kinds), each in the order of KINDS / FINER_KINDS. A corpus that
    annotates only the article body (AEB) gets ["body"]; one without teasers (Fundus) is not
    charged for the teasers a segmenter finds. This is the one place where the choice is made;
    `--kinds` on the command line overrides it.
    """
    main, finer = set(), set()
    for gold in golds:
        for b in folded_blocks(gold):
            main.add(b["kind"])
        for b in unfolded_blocks(gold):
            finer.add(b.get("kind"))
    return [k for k in KINDS if k in main], [k for k in FINER_KINDS if k in finer]


# --- totals over pages -------------------------------------------------------------------------

@dataclass
class Totals:
    """Sums of PageScores over the pages of a corpus, for one system."""

    pages: int = 0
    failures: list[dict] = field(default_factory=list)
    kinds: dict[str, Count] = field(default_factory=lambda: {k: Count() for k in KINDS})
    finer: dict[str, Count] = field(default_factory=lambda: {k: Count() for k in FINER_KINDS})
    teaser_fields: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in TEASER_FIELDS})
    caption_credit: Tally = field(default_factory=Tally)
    body_tokens: TokenCount = field(default_factory=TokenCount)
    kept_duplicates: int = 0
    copies_beyond_gold: int = 0
    articles_right: int = 0  # pages where the number of articles equals the gold's
    seconds: float = 0.0

    def add(self, s: PageScore) -> None:
        self.pages += 1
        for kind, c in s.kinds.items():
            self.kinds[kind].add(c)
        for kind, c in s.finer.items():
            self.finer[kind].add(c)
        for name, t in s.teaser_fields.items():
            self.teaser_fields[name].add(t)
        self.caption_credit.add(s.caption_credit)
        self.body_tokens.add(s.body_tokens)
        self.kept_duplicates += s.kept_duplicates
        self.copies_beyond_gold += s.copies_beyond_gold
        self.articles_right += s.gold_articles == s.pred_articles

    def figures(self, kinds: list[str], finer: list[str]) -> dict:
        """The corpus figures as plain data, for the kinds the corpus annotates."""
        out = {
            "pages": self.pages,
            "failures": len(self.failures),
            "failed_pages": self.failures,
            "kinds": {k: _count_figures(self.kinds[k]) for k in kinds},
            "finer": {k: _count_figures(self.finer[k]) for k in finer},
            "body_tokens": {"gold": self.body_tokens.gold, "pred": self.body_tokens.pred,
                            "overlap": self.body_tokens.overlap,
                            "P": round(self.body_tokens.precision(), 4),
                            "R": round(self.body_tokens.recall(), 4),
                            "F1": round(self.body_tokens.f1(), 4)},
            "kept_duplicates": self.kept_duplicates,
            "copies_beyond_gold": self.copies_beyond_gold,
            "articles_right": self.articles_right,
            "seconds": round(self.seconds, 3),
        }
        if "teaser" in kinds:
            out["teaser_fields"] = {k: _tally_figures(t) for k, t in self.teaser_fields.items() if t.total}
        if "caption" in kinds:
            out["caption_credit"] = _tally_figures(self.caption_credit)
        return out


def _count_figures(c: Count) -> dict:
    return {"gold": c.gold, "pred": c.pred, "matched": c.matched,
            "P": round(c.precision(), 4), "R": round(c.recall(), 4), "F1": round(c.f1(), 4)}


def _tally_figures(t: Tally) -> dict:
    share = t.share()
    return {"right": t.right, "total": t.total, "share": None if share is None else round(share, 4)}
