"""Quality benchmark: newsclean, baselines and peers scored against the gold of annotated corpora.

    python -m benchmarks.quality --corpus ../shared/corpora/fundus [--corpus DIR ...]
        [--track text|html] [--systems newsclean,every-line,...] [--limit N] [--kinds body,...]
        [--out DIR] [--timeout S] [--json]

A corpus is any folder in the layout of `shared/corpora/FORMAT.md` (read in place, never copied),
so the same command scores a user's own annotated pages. Without `--corpus`, every corpus in
`../shared/corpora` is used.

Per corpus it prints one table: for each system, precision / recall / F1 per kind (blocks matched
as `shared/tools/score.py` matches them, summed over pages), body-token P / R / F1, kept
duplicates and failures; `--json` prints the same figures as one JSON object. A page on which a
system raises or runs out of time counts as a failure and is scored as an empty prediction; the
run goes on. Pages without an input for the track (no .txt on the text track, no .html on the
HTML track) are skipped and counted. See docs/benchmarks.md for the metric.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks import peers
from benchmarks.corpus import REPO_ROOT, TRACKS, Corpus, default_corpora, load_corpus, sample
from benchmarks.prediction import EMPTY
from benchmarks.scoring import FINER_KINDS, KINDS, Totals, annotated_kinds, score_page, score_py_view
from benchmarks.systems import System, all_systems, choose

DEFAULT_TIMEOUT = 60.0  # seconds a system may spend on one page before it counts as a failure


class PageTimeout(Exception):
    pass


def call_with_timeout(fn, args, seconds: float | None):
    """fn(*args), raising PageTimeout after `seconds` (SIGALRM; only in the main thread on Unix,
    elsewhere without a limit). Code inside a C extension is interrupted when it returns."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return fn(*args)

    def on_alarm(signum, frame):
        raise PageTimeout(f"no result after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_page(system: System, content: str, lang: str | None, timeout: float | None):
    """(prediction, error message or None, seconds) for one page."""
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(sys.stderr):  # a peer that prints must not spoil --json
            pred = call_with_timeout(system.run, (content, lang), timeout)
        error = None
    except Exception as exc:  # any failure of one page is reported, never fatal
        pred, error = EMPTY, f"{type(exc).__name__}: {exc}"[:300]
    return pred, error, time.perf_counter() - start


def score_corpus(corpus: Corpus, track: str, systems: list[System], *, limit: int | None = None,
                 kinds: list[str] | None = None, out_dir: Path | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT, progress=None) -> dict:
    """Run every system on the corpus' pages for `track` and sum the scores."""
    chosen = sample(corpus.pages, limit)
    pages = [p for p in chosen if p.has(track)]
    # Which kinds count is decided on the whole corpus' gold, not on the sample.
    main_kinds, finer_kinds = annotated_kinds(p.gold() for p in corpus.pages)
    source = "detected from the gold"
    if kinds:
        main_kinds = [k for k in KINDS if k in kinds]
        finer_kinds = [k for k in FINER_KINDS if k in kinds]
        source = "--kinds"
    totals = {s.name: Totals() for s in systems}
    for n, page in enumerate(pages, 1):
        gold, content = page.gold(), page.read(track)
        for system in systems:
            pred, error, seconds = run_page(system, content, page.lang, timeout)
            total = totals[system.name]
            total.seconds += seconds
            if error:
                total.failures.append({"page": page.id, "error": error})
            page_score = score_page(gold, pred)
            total.add(page_score)
            if out_dir is not None:
                write_prediction(out_dir, track, corpus.name, system.name, page.id, pred,
                                 score_py_view(page_score), error)
        if progress:
            progress(f"{corpus.name} ({track}): {n}/{len(pages)} pages")
    return {
        "path": str(corpus.root),
        "pages": len(pages),
        "skipped": len(chosen) - len(pages),
        "annotated_kinds": main_kinds,
        "finer_kinds": finer_kinds,
        "kinds_source": source,
        "results": {name: t.figures(main_kinds, finer_kinds) for name, t in totals.items()},
    }


def write_prediction(out_dir: Path, track: str, corpus: str, system: str, page_id: str,
                     pred: dict, score: dict, error: str | None) -> None:
    path = out_dir / track / corpus / system / f"{page_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"prediction": pred, "score": score, "error": error}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")


def run_quality(corpus_dirs: list[str | Path], track: str = "text", *, system_names: list[str] | None = None,
                systems: list[System] | None = None, limit: int | None = None, kinds: list[str] | None = None,
                out_dir: str | Path | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                progress=None, command: str | None = None) -> dict:
    """The whole benchmark for one track, as plain data (what `--json` prints).

    `systems` replaces the registry (tests pass their own); otherwise the registry's systems for
    the track, narrowed to `system_names` when given."""
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    notes: list[str] = []
    if systems is None:
        systems, notes = all_systems(track)
        systems, more = choose(systems, system_names)
        notes += more
    corpora = {}
    for d in corpus_dirs:
        corpus = load_corpus(d)
        name = corpus.name if corpus.name not in corpora else f"{corpus.name}-{len(corpora)}"
        corpora[name] = score_corpus(corpus, track, systems, limit=limit, kinds=kinds,
                                     out_dir=Path(out_dir) if out_dir else None, timeout=timeout,
                                     progress=progress)
    return {
        "benchmark": "quality",
        "track": track,
        "date": started,
        "commit": git_commit(),
        "command": command,
        "versions": {"newsclean": newsclean_version(), **peers.versions()},
        "systems": {s.name: {"note": s.note, "produces": sorted(s.produces)} for s in systems},
        "notes": notes,
        "corpora": corpora,
    }


def git_commit() -> str | None:
    """The repository's commit, with "+dirty" when the working tree has changes."""
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                               capture_output=True, text=True).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def newsclean_version() -> str | None:
    try:
        import newsclean

        return newsclean.__version__
    except Exception:
        return None


# --- tables ------------------------------------------------------------------------------------

def _prf(fig: dict) -> str:
    return f"{fig['P']:.3f} / {fig['R']:.3f} / {fig['F1']:.3f}"


def format_tables(result: dict) -> str:
    """Markdown tables, one per corpus (cells: P / R / F1), as printed and as pasted into docs."""
    out = []
    track = result["track"]
    for name, c in result["corpora"].items():
        what = "no .txt" if track == "text" else "no .html"
        plural = "" if c["pages"] == 1 else "s"
        out.append(f"### {name} — {track} track: {c['pages']} page{plural} ({c['skipped']} skipped: {what})")
        if not c["pages"]:
            out.append("\nNothing to score on this track.\n")
            continue
        kinds_txt = ", ".join(c["annotated_kinds"]) + (f" (+ unfolded: {', '.join(c['finer_kinds'])})"
                                                       if c["finer_kinds"] else "")
        out.append(f"\nKinds scored ({c['kinds_source']}): {kinds_txt}. Cells: P / R / F1.\n")
        cols = c["annotated_kinds"]
        out.append("| system | " + " | ".join(cols)
                   + " | body tokens | kept dup. (beyond gold) | failures |")
        out.append("|---" * (len(cols) + 4) + "|")
        for system, fig in c["results"].items():
            produces = result["systems"][system]["produces"]
            cells = [_prf(fig["kinds"][k]) if k in produces else "–" for k in cols]
            out.append(f"| {system} | " + " | ".join(cells) +
                       f" | {_prf(fig['body_tokens'])} | {fig['kept_duplicates']}"
                       f" ({fig.get('copies_beyond_gold', 0)}) | {fig['failures']} |")
        if c["finer_kinds"]:
            out.append("\nFiner kinds, unfolded (each matched only against blocks of its own kind):\n")
            out.append("| system | " + " | ".join(c["finer_kinds"]) + " |")
            out.append("|---" * (len(c["finer_kinds"]) + 1) + "|")
            for system, fig in c["results"].items():
                produces = result["systems"][system]["produces"]
                cells = [_prf(fig["finer"][k]) if k in produces else "–" for k in c["finer_kinds"]]
                out.append(f"| {system} | " + " | ".join(cells) + " |")
        extras = []
        for system, fig in c["results"].items():
            parts = []
            for field, t in fig.get("teaser_fields", {}).items():
                if t["total"] and "teaser" in result["systems"][system]["produces"]:
                    parts.append(f"teaser {field} {t['right']}/{t['total']}")
            credit = fig.get("caption_credit")
            if credit and credit["total"] and "caption" in result["systems"][system]["produces"]:
                parts.append(f"caption credit {credit['right']}/{credit['total']}")
            if parts:
                extras.append(f"- {system}: " + ", ".join(parts) + " (right / matched blocks with the field in gold)")
        if extras:
            out.append("\n" + "\n".join(extras))
        failed = [(s, f) for s, fig in c["results"].items() for f in fig["failed_pages"]]
        if failed:
            out.append("\nFailures: " + "; ".join(f"{s} on {f['page']}: {f['error'][:80]}" for s, f in failed[:10])
                       + (f"; … ({len(failed) - 10} more)" if len(failed) > 10 else ""))
        out.append("")
    for note in result["notes"]:
        out.append(f"Note: {note}")
    return "\n".join(out)


# --- command line ------------------------------------------------------------------------------

def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", metavar="DIR",
                    help="a corpus folder in the layout of FORMAT.md (repeatable; default: ../shared/corpora/*)")
    ap.add_argument("--track", choices=TRACKS, default="text", help="score the .txt (text) or the .html (html)")
    ap.add_argument("--systems", help="comma-separated systems to run (default: all available)")
    ap.add_argument("--limit", type=int, help="at most N pages per corpus, spread evenly over it")
    ap.add_argument("--kinds", help="override the kinds scored (default: the kinds the corpus' gold has)")
    ap.add_argument("--out", metavar="DIR", help="write each page's prediction and score under DIR")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per page and system (0: none)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    corpora = args.corpus or default_corpora()
    if not corpora:
        print("no corpus given and no ../shared/corpora found; use --corpus DIR", file=sys.stderr)
        return 2

    def progress(msg):
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    result = run_quality(corpora, args.track, system_names=_split(args.systems), limit=args.limit,
                         kinds=_split(args.kinds), out_dir=args.out, timeout=args.timeout or None,
                         progress=progress, command=" ".join(["python -m benchmarks.quality", *(argv or sys.argv[1:])]))
    print(json.dumps(result, ensure_ascii=False) if args.json else format_tables(result))
    return 0


def _split(s: str | None) -> list[str] | None:
    return [x.strip() for x in s.split(",") if x.strip()] if s else None


if __name__ == "__main__":
    sys.exit(main())
