"""Metadata: how often newsclean's `Document.meta` has the article's title, authors and date right,
beside trafilatura's metadata on the same pages.

    python -m benchmarks.metadata [--corpus DIR] [--track html|text] [--limit N] [--json]

Pages: every page of the corpus (default: the shared Fundus corpus) whose gold file has `meta`,
on its HTML (`--track text`: its scraped text, newsclean only; trafilatura reads markup). A page
counts for a field when the gold has that field; a system that gives nothing for it is wrong.

Matching (gold on the left, the system's value on the right):
- title: token F1 >= 0.8 (`\\w+` tokens after NFKC, whitespace folding and casefolding, as the
  block scorer compares texts).
- authors: each name folded (NFKC, casefold, whitespace collapsed, outer punctuation removed);
  `authors (exact set)`: the two sets are equal; `authors (recall)`: the share of all gold
  names found, over all pages (micro-averaged).
- published, day: the same calendar day. Gold is Fundus' `str(datetime)` ("2024-05-03
  15:47:42.389000+00:00"), read with datetime.fromisoformat; when both sides carry an offset,
  the system's time is moved to the gold's offset first, else the days are compared as written.
- published, minute: the same minute, on the pages whose gold has a time of day (not a bare
  midnight: Fundus writes a date alone as "2023-04-28 00:00:00"); compared as instants when both
  carry an offset, as written otherwise. A date without a time is wrong.

trafilatura: `trafilatura.extract_metadata(html)` (`.title`, `.author` split at ";", `.date`),
defaults; it gives the day only, so it scores no minute. Skipped with a note when not installed
(it is in the optional `bench` extra).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

from benchmarks.corpus import SHARED_CORPORA, load_corpus, sample
from benchmarks.scoring import token_f1

TITLE_F1 = 0.8
FIELDS = ("title", "authors (exact set)", "authors (recall)", "published, day",
          "published, minute")
DEFAULT_CORPUS = SHARED_CORPORA / "fundus"


def newsclean_meta(content: str, track: str) -> dict:
    import newsclean

    meta = newsclean.segment(content, input=track).meta
    return {"title": meta.title, "authors": list(meta.authors), "published": meta.published}


def trafilatura_meta(content: str, track: str) -> dict:
    import trafilatura

    m = trafilatura.extract_metadata(content)
    if m is None:
        return {"title": None, "authors": [], "published": None}
    authors = [a.strip() for a in (m.author or "").split(";") if a.strip()]
    return {"title": m.title, "authors": authors, "published": m.date}


SYSTEMS = {"newsclean": newsclean_meta, "trafilatura": trafilatura_meta}


def parse_when(value: str | None) -> dt.datetime | dt.date | None:
    """A datetime (aware when it has an offset), a date for a day alone, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().replace("Z", "+00:00")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def same_day(gold: str | None, got: str | None) -> bool:
    g, p = parse_when(gold), parse_when(got)
    if g is None or p is None:
        return False
    if isinstance(g, dt.datetime) and isinstance(p, dt.datetime) and g.tzinfo and p.tzinfo:
        p = p.astimezone(g.tzinfo)
    return _day(g) == _day(p)


def same_minute(gold: str | None, got: str | None) -> bool:
    g, p = parse_when(gold), parse_when(got)
    if not isinstance(g, dt.datetime) or not isinstance(p, dt.datetime):
        return False
    if bool(g.tzinfo) != bool(p.tzinfo):
        g, p = g.replace(tzinfo=None), p.replace(tzinfo=None)  # as written
    return g.replace(second=0, microsecond=0) == p.replace(second=0, microsecond=0)


def has_time(gold: str) -> bool:
    """Whether a gold date carries a time of day: Fundus writes a page's bare date as midnight
    without an offset ("2023-04-28 00:00:00"), which is no time."""
    when = parse_when(gold)
    return isinstance(when, dt.datetime) and (when.tzinfo is not None or when.time() != dt.time())


def _day(when) -> dt.date:
    return when.date() if isinstance(when, dt.datetime) else when


def fold_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"\s+", " ", name).strip(" .,;:-–—")


def score_page(gold: dict, got: dict, scores: dict) -> None:
    """Add one page's hits to `scores` ({field: [hits, counted]})."""
    def count(field, hit, n=1):
        scores.setdefault(field, [0, 0])
        scores[field][0] += hit
        scores[field][1] += n

    if gold.get("title"):
        count("title", token_f1(gold["title"], got.get("title")) >= TITLE_F1)
    names = {fold_name(a) for a in gold.get("authors") or () if fold_name(a)}
    if names:
        found = {fold_name(a) for a in got.get("authors") or ()}
        count("authors (exact set)", names == found)
        count("authors (recall)", len(names & found), len(names))
    if parse_when(gold.get("published")) is not None:
        count("published, day", same_day(gold["published"], got.get("published")))
        if has_time(gold["published"]):
            count("published, minute", same_minute(gold["published"], got.get("published")))


def run(corpus_dir: Path, track: str = "html", limit: int | None = None) -> dict:
    corpus = load_corpus(corpus_dir)
    pages = [p for p in sample(corpus.pages, limit) if p.has(track) and p.gold().get("meta")]
    systems, notes = {}, []
    for name, fn in SYSTEMS.items():
        if name == "trafilatura" and (track != "html" or importlib.util.find_spec(name) is None):
            notes.append("trafilatura: " + ("reads markup only: not run on text" if track != "html"
                                            else "not installed (pip install -e '.[bench]'): skipped"))
            continue
        systems[name] = fn
    scores: dict[str, dict] = {name: {} for name in systems}
    for page in pages:
        gold, content = page.gold()["meta"], page.read(track)
        for name, fn in systems.items():
            try:
                got = fn(content, track)
            except Exception as exc:  # a peer's crash is a page it gets wrong
                notes.append(f"{name} failed on {page.id}: {type(exc).__name__}")
                got = {}
            score_page(gold, got, scores[name])
    table = {name: {f: {"accuracy": round(h / n, 3) if n else None, "hits": h, "counted": n}
                    for f, (h, n) in sorted(s.items(), key=lambda kv: FIELDS.index(kv[0]))}
             for name, s in scores.items()}
    return {"corpus": corpus.name, "track": track, "pages": len(pages), "systems": table,
            "notes": notes}


def format_table(result: dict) -> str:
    names = list(result["systems"])
    lines = [f"{result['corpus']}, {result['track']} track, {result['pages']} pages", "",
             "| field | " + " | ".join(names) + " | pages |",
             "| --- |" + " ---: |" * (len(names) + 1)]
    for field in FIELDS:
        cells, counted = [], ""
        for name in names:
            score = result["systems"][name].get(field)
            cells.append("" if not score or score["accuracy"] is None else f"{score['accuracy']:.3f}")
            counted = counted or (str(score["counted"]) if score else "")
        lines.append(f"| {field} | " + " | ".join(cells) + f" | {counted} |")
    return "\n".join(lines + [f"\nNote: {n}" for n in result["notes"]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.metadata",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR",
                    help="a corpus folder whose gold files carry meta (default: the shared Fundus)")
    ap.add_argument("--track", choices=("html", "text"), default="html")
    ap.add_argument("--limit", type=int, help="at most N pages, spread evenly over the corpus")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args(argv)
    if not (args.corpus / "gold").is_dir():
        print(f"no corpus at {args.corpus}: skipped", file=sys.stderr)
        return 0
    result = run(args.corpus, args.track, args.limit)
    print(json.dumps(result, indent=1, ensure_ascii=False) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
