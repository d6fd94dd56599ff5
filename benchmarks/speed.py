"""Speed benchmark: throughput of newsclean and the peers, as ratios to a floor, and scaling.

    python -m benchmarks.speed [--corpus DIR ...] [--pages N] [--passes N] [--systems a,b]
        [--scale-kb K] [--no-scaling] [--json]

Throughput. The same pages (those with both a .txt and a .html; `--pages` per corpus, spread
evenly) are run by every system of each track: one warm-up pass, then `--passes` timed passes
(`time.perf_counter`), of which the median is reported as pages/s and MB/s (MB of the input:
UTF-8 bytes of the .txt or the .html). Each figure is also given as a ratio to a floor measured
in the same run, on the same pages, so that figures from different machines compare:
- text floor: split the page into lines, fold each line to a key (NFKC, casefold), hash it once;
- HTML floor: parse with selectolax (Lexbor) and take the body's bare text.
The aim for newsclean's text path is at least 1/6 of the text floor's MB/s.

Scaling. A few pages (about `--scale-kb` KB) concatenated 1×, 4×, 16×, 64× and segmented by
newsclean, each size in a fresh subprocess: time per MB must stay flat (the 64× / 1× ratio is
reported) and the process' peak resident memory is reported, with its growth over what the
process held before segmenting.

Before and after (`--baseline REV`). newsclean at a git revision (its `src/`, exported with
`git archive` to a temporary folder) against the working tree, both tracks, on the same pages:
each side runs in its own fresh process (one warm-up pass, then `--passes` passes, CPU time by
`time.process_time`), alternating baseline and current for `--rounds` rounds; the figure is the
median over rounds of current ÷ baseline time (below 1: the working tree is faster).

Multi-core. Where newsclean has a batch path (`newsclean.segment_many`), workers 1 vs 2 on the
same pages; where it has none, the step is skipped with a note.

No figure here is asserted anywhere: timings depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import unicodedata

from benchmarks import peers
from benchmarks.corpus import REPO_ROOT, default_corpora, load_corpus, sample
from benchmarks.quality import git_commit, newsclean_version
from benchmarks.systems import System, all_systems, choose

SCALE_FACTORS = (1, 4, 16, 64)
DEFAULT_PAGES = 10  # per corpus
DEFAULT_PASSES = 3
DEFAULT_SCALE_KB = 256


# --- floors ------------------------------------------------------------------------------------

def text_floor(page: str, lang: str | None = None) -> None:
    """The least a line-based segmenter must do: lines, one comparison key each, hashed."""
    for line in page.split("\n"):
        hash(unicodedata.normalize("NFKC", line).casefold())


def html_floor(page: str, lang: str | None = None) -> None:
    """The least an HTML extractor must do: parse, and read the text out."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    root = tree.body or tree.root
    if root is not None:
        root.text(separator="\n")


FLOORS = {
    "text": System("floor", "text", frozenset(), text_floor, "lines, NFKC+casefold key, hash"),
    "html": System("floor", "html", frozenset(), html_floor, "selectolax parse + body text"),
}


# --- throughput --------------------------------------------------------------------------------

def load_inputs(corpus_dirs, pages_per_corpus: int | None) -> list[dict]:
    """The page set: pages with both inputs, read once into memory (never copied to disk)."""
    out = []
    for d in corpus_dirs:
        corpus = load_corpus(d)
        both = [p for p in corpus.pages if p.has("text") and p.has("html")]
        for page in sample(both, pages_per_corpus):
            out.append({"corpus": corpus.name, "id": page.id, "lang": page.lang,
                        "text": page.read("text"), "html": page.read("html"),
                        "text_path": str(page.text_path), "html_path": str(page.html_path)})
    return out


def time_pass(system: System, inputs: list[tuple[str, str | None]]) -> tuple[float, int]:
    """(seconds, failures) for one pass of `system` over the inputs."""
    failures = 0
    with contextlib.redirect_stdout(sys.stderr):  # a peer that prints must not spoil --json
        start = time.perf_counter()
        for content, lang in inputs:
            try:
                system.run(content, lang)
            except Exception:
                failures += 1
        seconds = time.perf_counter() - start
    return seconds, failures


def measure(system: System, inputs: list[tuple[str, str | None]], passes: int) -> dict:
    """Median of `passes` timed passes after one warm-up pass."""
    time_pass(system, inputs)
    times, failures = [], 0
    for _ in range(max(1, passes)):
        seconds, failures = time_pass(system, inputs)
        times.append(seconds)
    median = statistics.median(times)
    mb = sum(len(c.encode("utf-8")) for c, _ in inputs) / 1e6
    return {"median_s": round(median, 4), "passes_s": [round(t, 4) for t in times],
            "pages_per_s": round(len(inputs) / median, 2) if median else None,
            "mb_per_s": round(mb / median, 4) if median else None, "failures": failures}


def run_throughput(pages: list[dict], track: str, systems: list[System], passes: int, progress=None) -> dict:
    inputs = [(p[track], p["lang"]) for p in pages]
    mb = sum(len(c.encode("utf-8")) for c, _ in inputs) / 1e6
    if progress:
        progress(f"{track}: floor")
    floor = measure(FLOORS[track], inputs, passes)
    out = {"pages": len(inputs), "mb": round(mb, 3), "floor": dict(floor, note=FLOORS[track].note), "systems": {}}
    for system in systems:
        if progress:
            progress(f"{track}: {system.name}")
        fig = measure(system, inputs, passes)
        fig["ratio_to_floor"] = round(fig["mb_per_s"] / floor["mb_per_s"], 5) if fig["mb_per_s"] and floor["mb_per_s"] else None
        out["systems"][system.name] = fig
    return out


# --- scaling (each size in its own process, for an honest peak memory) --------------------------

def scaling_pages(pages: list[dict], track: str, kb: int) -> list[str]:
    """Paths of pages of the set whose inputs together stay within about `kb` KB (at least one:
    the smallest), so that the 64× input stays a few tens of MB at most."""
    chosen, size = [], 0
    for p in pages:
        n = len(p[track].encode("utf-8"))
        if size + n <= kb * 1000:
            chosen.append(p[f"{track}_path"])
            size += n
    if not chosen:
        chosen = [min(pages, key=lambda p: len(p[track]))[f"{track}_path"]]
    return chosen


def concatenated(paths: list[str], factor: int) -> str:
    one = "\n".join(open(p, "rb").read().decode("utf-8", errors="replace") for p in paths)
    return "\n".join([one] * factor)


def peak_rss_kb() -> int:
    """This process' peak resident memory in KB.

    On Linux, VmHWM from /proc/self/status: unlike getrusage's ru_maxrss, it starts afresh at
    exec, so a child does not report the peak of the parent it was forked from."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KB elsewhere


def scaling_child(spec: dict) -> dict:
    """In a fresh process: segment the page set concatenated `factor` times; time and memory."""
    import newsclean

    newsclean.segment(concatenated(spec["paths"], 1))  # warm-up
    page = concatenated(spec["paths"], spec["factor"])
    before = peak_rss_kb()
    times = []
    for _ in range(max(1, spec["passes"])):
        start = time.perf_counter()
        newsclean.segment(page)
        times.append(time.perf_counter() - start)
    peak = peak_rss_kb()
    mb = len(page.encode("utf-8")) / 1e6
    median = statistics.median(times)
    return {"factor": spec["factor"], "bytes": len(page.encode("utf-8")), "mb": round(mb, 3), "median_s": round(median, 4),
            "s_per_mb": round(median / mb, 5), "peak_rss_mb": round(peak / 1024, 1),
            "growth_mb": round((peak - before) / 1024, 1)}


def run_scaling(pages: list[dict], track: str, kb: int, passes: int, progress=None) -> dict:
    paths = scaling_pages(pages, track, kb)
    rows = []
    for factor in SCALE_FACTORS:
        if progress:
            progress(f"scaling {track}: {factor}×")
        spec = {"paths": paths, "factor": factor, "passes": passes}
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
        done = subprocess.run([sys.executable, "-m", "benchmarks.speed", "--scaling-child", json.dumps(spec)],
                              cwd=REPO_ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            rows.append({"factor": factor, "error": (done.stderr.strip().splitlines() or ["?"])[-1][:300]})
            continue
        rows.append(json.loads(done.stdout))
    ok = {r["factor"]: r for r in rows if "error" not in r}
    ratio = (round(ok[64]["s_per_mb"] / ok[1]["s_per_mb"], 3)
             if 1 in ok and 64 in ok and ok[1]["s_per_mb"] else None)
    return {"pages": len(paths), "rows": rows, "time_per_mb_64x_over_1x": ratio}


# --- before and after: another revision of newsclean, each side in its own process --------------

def export_revision(rev: str, into: str) -> str:
    """`src/` of git revision `rev`, unpacked under `into`; returns the folder to put on sys.path."""
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=REPO_ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", into], input=archive.stdout, check=True)
    return os.path.join(into, "src")


def ab_child(spec: dict) -> dict:
    """In a fresh process whose sys.path starts with spec['src']: CPU seconds per pass of segment()."""
    import newsclean

    if not os.path.abspath(newsclean.__file__).startswith(os.path.abspath(spec["src"])):
        raise RuntimeError(f"imported {newsclean.__file__}, not the tree under {spec['src']}")
    pages = []
    for path in spec["paths"]:
        with open(path, encoding="utf-8", errors="replace") as f:
            pages.append(f.read())
    kwargs = {"input": "html"} if spec["track"] == "html" else {}
    for page in pages:  # warm-up: imports, lexicon, caches
        newsclean.segment(page, **kwargs)
    times = []
    for _ in range(max(1, spec["passes"])):
        start = time.process_time()
        for page in pages:
            newsclean.segment(page, **kwargs)
        times.append(time.process_time() - start)
    return {"median_s": statistics.median(times)}


def _ab_run(src: str, track: str, paths: list[str], passes: int) -> float:
    spec = {"src": src, "track": track, "paths": paths, "passes": passes}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, str(REPO_ROOT)]))
    done = subprocess.run([sys.executable, "-m", "benchmarks.speed", "--ab-child", json.dumps(spec)],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError((done.stderr.strip().splitlines() or ["?"])[-1][:300])
    return json.loads(done.stdout)["median_s"]


def run_against(pages: list[dict], rev: str, passes: int, rounds: int, progress=None) -> dict:
    import tempfile

    out = {"baseline": rev, "rounds": rounds, "pages": len(pages), "tracks": {}}
    with tempfile.TemporaryDirectory(prefix="newsclean-baseline-") as tmp:
        old_src = export_revision(rev, tmp)
        new_src = str(REPO_ROOT / "src")
        for track in ("text", "html"):
            paths = [p[f"{track}_path"] for p in pages]
            ratios, old_s, new_s = [], [], []
            for i in range(max(1, rounds)):
                if progress:
                    progress(f"against {rev}, {track}: round {i + 1}/{rounds}")
                old = _ab_run(old_src, track, paths, passes)
                new = _ab_run(new_src, track, paths, passes)
                old_s.append(old)
                new_s.append(new)
                ratios.append(new / old if old else float("nan"))
            out["tracks"][track] = {"baseline_s": round(statistics.median(old_s), 4),
                                    "current_s": round(statistics.median(new_s), 4),
                                    "ratios": [round(r, 4) for r in ratios],
                                    "current_over_baseline": round(statistics.median(ratios), 4)}
    return out


# --- multi-core --------------------------------------------------------------------------------

def run_multicore(pages: list[dict], passes: int, progress=None) -> dict:
    import newsclean

    if not hasattr(newsclean, "segment_many"):
        return {"skipped": "newsclean.segment_many does not exist yet (no batch path)"}
    texts = [p["text"] for p in pages] * 4
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    out = {"pages": len(texts), "mb": round(mb, 3), "workers": {}}
    for workers in (1, 2):
        if progress:
            progress(f"multi-core: {workers} worker(s)")
        try:
            times = []
            for _ in range(max(1, passes) + 1):  # the first pass is the warm-up
                start = time.perf_counter()
                list(newsclean.segment_many(texts, workers=workers))
                times.append(time.perf_counter() - start)
            median = statistics.median(times[1:])
            out["workers"][workers] = {"median_s": round(median, 4), "pages_per_s": round(len(texts) / median, 2),
                                       "mb_per_s": round(mb / median, 4)}
        except TypeError as exc:
            return {"skipped": f"newsclean.segment_many(pages, workers=N) not callable as expected: {exc}"}
    one, two = out["workers"][1]["median_s"], out["workers"][2]["median_s"]
    out["speedup_2_over_1"] = round(one / two, 3) if two else None
    return out


# --- the whole run -----------------------------------------------------------------------------

def machine() -> dict:
    model = None
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "platform": platform.platform(),
            "python": platform.python_version()}


def run_speed(corpus_dirs, *, pages_per_corpus: int | None = DEFAULT_PAGES, passes: int = DEFAULT_PASSES,
              system_names: list[str] | None = None, scaling: bool = True, scale_kb: int = DEFAULT_SCALE_KB,
              progress=None, command: str | None = None, baseline: str | None = None,
              rounds: int = 5, only_baseline: bool = False) -> dict:
    pages = load_inputs(corpus_dirs, pages_per_corpus)
    result = {"benchmark": "speed",
              "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "commit": git_commit(), "command": command, "machine": machine(),
              "versions": {"newsclean": newsclean_version(), **peers.versions()},
              "passes": passes, "corpora": sorted({p["corpus"] for p in pages}), "tracks": {}, "notes": []}
    if not pages:
        result["notes"].append("no page with both a .txt and a .html")
        return result
    if baseline:
        result["against"] = run_against(pages, baseline, passes, rounds, progress)
        if only_baseline:
            return result
    for track in ("text", "html"):
        systems, notes = all_systems(track)
        systems, more = choose(systems, system_names)
        result["notes"] += notes + more
        result["tracks"][track] = run_throughput(pages, track, systems, passes, progress)
    if scaling:
        result["scaling"] = {track: run_scaling(pages, track, scale_kb, passes, progress) for track in ("text", "html")}
    result["multicore"] = run_multicore(pages, passes, progress)
    return result


# --- tables ------------------------------------------------------------------------------------

def _ratio(r: float | None) -> str:
    if not r:
        return "–"
    return f"{r:.3f} (1/{1 / r:.1f})" if r < 1 else f"{r:.2f}"


def format_tables(result: dict) -> str:
    out = []
    m = result.get("machine", {})
    out.append(f"Machine: {m.get('cpus')} CPUs, {m.get('cpu')}, {m.get('platform')}, Python {m.get('python')}; "
               f"{result['date']}; commit {result.get('commit')}; median of {result['passes']} passes after a warm-up.")
    for track, t in result["tracks"].items():
        out.append(f"\n### Throughput — {track} track: {t['pages']} pages, {t['mb']} MB\n")
        out.append("| system | pages/s | MB/s | MB/s ÷ floor's | failures |")
        out.append("|---|---|---|---|---|")
        f = t["floor"]
        out.append(f"| floor ({f['note']}) | {f['pages_per_s']} | {f['mb_per_s']} | 1 | {f['failures']} |")
        for name, fig in t["systems"].items():
            out.append(f"| {name} | {fig['pages_per_s']} | {fig['mb_per_s']} | {_ratio(fig['ratio_to_floor'])} | "
                       f"{fig['failures']} |")
    for track, s in result.get("scaling", {}).items():
        out.append(f"\n### Scaling — newsclean, {track} track: {s['pages']} pages concatenated\n")
        out.append("| × | MB | s | s per MB | peak RSS MB | growth MB |")
        out.append("|---|---|---|---|---|---|")
        for r in s["rows"]:
            if "error" in r:
                out.append(f"| {r['factor']} | failed: {r['error'][:80]} | | | | |")
            else:
                out.append(f"| {r['factor']} | {r['mb']} | {r['median_s']} | {r['s_per_mb']} | {r['peak_rss_mb']} | "
                           f"{r['growth_mb']} |")
        out.append(f"\nTime per MB, 64× / 1×: {s['time_per_mb_64x_over_1x']}")
    ab = result.get("against")
    if ab:
        out.append(f"\n### Against {ab['baseline']}: {ab['pages']} pages, median of {ab['rounds']} rounds\n")
        out.append("| track | baseline CPU s | current CPU s | current ÷ baseline | per round |")
        out.append("|---|---|---|---|---|")
        for track, t in ab["tracks"].items():
            out.append(f"| {track} | {t['baseline_s']} | {t['current_s']} | {t['current_over_baseline']} | "
                       f"{', '.join(str(r) for r in t['ratios'])} |")
    mc = result.get("multicore")
    if mc:
        out.append("\n### Multi-core\n")
        if "skipped" in mc:
            out.append(f"Skipped: {mc['skipped']}.")
        else:
            for w, fig in mc["workers"].items():
                out.append(f"- {w} worker(s): {fig['pages_per_s']} pages/s, {fig['mb_per_s']} MB/s")
            out.append(f"- speed-up, 2 workers over 1: {mc['speedup_2_over_1']}")
    for note in result["notes"]:
        out.append(f"\nNote: {note}")
    return "\n".join(out)


# --- command line ------------------------------------------------------------------------------

def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", metavar="DIR",
                    help="a corpus folder (repeatable; default: ../shared/corpora/*)")
    ap.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages per corpus (0: all)")
    ap.add_argument("--passes", type=int, default=DEFAULT_PASSES, help="timed passes after the warm-up")
    ap.add_argument("--systems", help="comma-separated systems to time (default: all available)")
    ap.add_argument("--scale-kb", type=int, default=DEFAULT_SCALE_KB, help="size of the 1× input of the scaling runs")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling runs")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    ap.add_argument("--baseline", metavar="REV",
                    help="also time newsclean at git revision REV against the working tree (same pages, same run)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds of --baseline (default 5)")
    ap.add_argument("--only-baseline", action="store_true",
                    help="with --baseline: skip the throughput, scaling and multi-core sections")
    ap.add_argument("--scaling-child", help=argparse.SUPPRESS)
    ap.add_argument("--ab-child", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.scaling_child:
        print(json.dumps(scaling_child(json.loads(args.scaling_child))))
        return 0
    if args.ab_child:
        print(json.dumps(ab_child(json.loads(args.ab_child))))
        return 0
    corpora = args.corpus or default_corpora()
    if not corpora:
        print("no corpus given and no ../shared/corpora found; use --corpus DIR", file=sys.stderr)
        return 2

    def progress(msg):
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    names = [x.strip() for x in args.systems.split(",")] if args.systems else None
    result = run_speed(corpora, pages_per_corpus=args.pages or None, passes=args.passes, system_names=names,
                       scaling=not args.no_scaling, scale_kb=args.scale_kb, progress=progress,
                       baseline=args.baseline, rounds=args.rounds, only_baseline=args.only_baseline,
                       command=" ".join(["python -m benchmarks.speed", *(argv or sys.argv[1:])]))
    print(json.dumps(result, ensure_ascii=False) if args.json else format_tables(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
