"""Adversarial benchmark: time per MB of newsclean on the adversarial cases, as ratios.

    python -m benchmarks.adversarial [--cases NAME,...] [--scales 0.0625,0.25,1] [--budget S]
        [--small-repeats N] [--json OUT.json] [--markdown OUT.md]

The cases are those of tests/fixtures/adversarial/ (generate.py): the committed small ones and
the large ones (a 50 MB line, a million one-character lines, a caption 100 000 times, HTML
nested 100 000 deep…), generated here, never stored.

Large cases. Each runs at several scales of its full size (by default 1/16, 1/4 and 1: the size
the issue names), each in a fresh subprocess that generates the input, warms up on a small page,
then times one `segment` call (`time.perf_counter`) and reads its peak resident memory. What is
reported per run: MB of input, seconds, seconds per MB, that figure as a ratio to the baseline
(below), and per case the growth of seconds per MB from the smallest scale to the largest that
finished ("flat" is about 1; a quadratic step multiplies it by about the size ratio, 16). A run
that takes more than `--budget` seconds is killed and the larger scales are skipped: that case
is reported as superlinear, with the sizes that finished.

A case may name its own scales (the NFKC cases: 1/64, 1/8 and 1, i.e. 1×, 8× and 64× of the
smallest), used instead of `--scales`.

Limit cases. Pages of exactly `max_lines` lines of the shapes that cost the most memory for
their size (one character a line as text and in `<pre>`, HTML list items, distinct four-character
lines), at 1/16, 1/4 and 1 of the default limit: the worst case of the memory goal, 50 × the
input's size + 100 MB, which the default `max_lines` is chosen to keep (docs/reliability.md).
Each large and limit row gives its peak RSS beside that goal. `--max-lines N` segments every case
with that limit instead of the default (`--max-lines 2000000`: the million lines are accepted,
and cost what they cost).

Small cases. Each file is segmented `--small-repeats` times in this process; seconds per MB of
the median run (dominated by fixed costs on such small inputs; given for completeness).

Baseline. The plain harbour story of the fixtures (text, and HTML), segmented repeatedly in a
fresh subprocess: seconds per MB of an ordinary page, measured in the same run on the same
machine, so that the ratios compare across machines. No figure is asserted anywhere.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
GENERATE = REPO_ROOT / "tests" / "fixtures" / "adversarial" / "generate.py"
DEFAULT_SCALES = (1 / 16, 1 / 4, 1.0)
DEFAULT_BUDGET = 180.0
DEFAULT_SMALL_REPEATS = 20


def load_generate():
    spec = importlib.util.spec_from_file_location("adversarial_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM on Linux: it starts afresh at exec)."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def outcome(result) -> str:
    """One line: the error, or the articles, block kinds and dropped reasons."""
    if isinstance(result, BaseException):
        return f"{type(result).__name__}"
    kinds = Counter(b.kind.value for b in result.blocks)
    reasons = Counter(d.reason.value for d in result.dropped)
    blocks = ", ".join(f"{n} {k}" for k, n in kinds.most_common()) or "no block"
    dropped = ", ".join(f"{n} {r}" for r, n in reasons.most_common()) or "nothing"
    return f"{len(result.articles)} article(s): {blocks}; dropped: {dropped}"


def segment_once(page, input: str, max_lines: int | None = None):
    import newsclean
    limits = {} if max_lines is None else {"max_lines": max_lines}
    start = time.perf_counter()
    try:
        result = newsclean.segment(page, input=input, **limits)
    except newsclean.NewscleanError as exc:
        result = exc
    return time.perf_counter() - start, result


# --- the limit cases: max_lines lines of the costliest shapes ------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _distinct(i: int) -> str:
    """Four characters, a different key for every i below 36**4."""
    return "".join(_ALPHABET[i // 36 ** k % 36] for k in range(4))


LIMIT_CASES = {  # name: (what, input, the page of n lines)
    "limit-one-char-lines": ("one-character lines (2 bytes a line)", "text",
                             lambda n: "".join(chr(0x61 + i % 26) + "\n" for i in range(n))),
    "limit-distinct-lines": ("distinct four-character lines (5 bytes a line)", "text",
                             lambda n: "".join(_distinct(i) + "\n" for i in range(n))),
    # (n lines, n - 1 breaks: the bound before parsing counts the run of text and each break)
    "limit-pre-lines": ("one-character lines in <pre> (2 bytes a line)", "html",
                        lambda n: "<pre>" + "".join(chr(0x61 + i % 26) + "\n" for i in range(n))
                        .rstrip("\n") + "</pre>"),
    "limit-list-items": ("'<li>x' list items (5 bytes a line)", "html",
                         lambda n: "<ul>" + "<li>x" * n),
    "limit-paragraphs": ("distinct '<p>abcd' paragraphs (7 bytes a line)", "html",
                         lambda n: "".join("<p>" + _distinct(i) for i in range(n))),
}


def goal_mb(mb: float) -> float:
    """The memory goal of issue 15 for an input of `mb` MB: 50 × its size + 100 MB."""
    return round(50 * mb + 100, 1)


# --- in a child process -----------------------------------------------------------------------

def child(spec: dict) -> dict:
    gen = load_generate()
    if spec["case"] in ("baseline-text", "baseline-html"):
        page = gen.article_text() if spec["case"] == "baseline-text" else gen.html_article()
        input = spec["case"].split("-")[1]
        segment_once(page, input)  # warm-up: imports, word lists
        times, total = [], 0.0
        while total < spec.get("seconds", 2.0) or len(times) < 5:
            t, result = segment_once(page, input)
            times.append(t)
            total += t
        mb = len(page.encode("utf-8")) / 1e6
        return {"case": spec["case"], "mb": mb, "runs": len(times),
                "s_per_mb": statistics.median(times) / mb, "outcome": outcome(result)}
    if spec["case"] in LIMIT_CASES:
        from newsclean.pipeline import MAX_LINES
        name, (_, input, make) = spec["case"], LIMIT_CASES[spec["case"]]
        page = make(round(spec["scale"] * (spec.get("max_lines") or MAX_LINES)))
        data = page.encode("utf-8")
    else:
        case = gen.CASES[spec["case"]]
        name, data = case.name, case.make(spec["scale"])
        page, input = gen.page_of(case, data)
    segment_once(gen.article_text(), "text")  # warm-up
    segment_once(gen.html_article(), "html")
    before = peak_rss_mb()
    seconds, result = segment_once(page, input, spec.get("max_lines"))
    mb = len(data) / 1e6
    return {"case": name, "scale": spec["scale"], "mb": round(mb, 3), "goal_mb": goal_mb(mb),
            "seconds": round(seconds, 3), "s_per_mb": round(seconds / mb, 4),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "rss_growth_mb": round(peak_rss_mb() - before, 1),
            "outcome": outcome(result)}


def run_child(spec: dict, budget: float) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.adversarial", "--child",
                               json.dumps(spec)], cwd=REPO_ROOT, env=env, capture_output=True,
                              text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return {**spec, "timeout": budget}
    if done.returncode != 0:
        return {**spec, "error": (done.stderr.strip().splitlines() or ["?"])[-1][:300]}
    return json.loads(done.stdout)


# --- the run ----------------------------------------------------------------------------------

def run(cases=None, scales=DEFAULT_SCALES, budget=DEFAULT_BUDGET,
        small_repeats=DEFAULT_SMALL_REPEATS, progress=print, max_lines=None) -> dict:
    gen = load_generate()
    baseline = {}
    for kind in ("text", "html"):
        progress(f"baseline {kind}")
        baseline[kind] = run_child({"case": f"baseline-{kind}"}, budget)
    base = {k: v.get("s_per_mb") for k, v in baseline.items()}

    def ratio(s_per_mb, feed):
        b = base["html" if feed == "html" else "text"]
        return round(s_per_mb / b, 2) if b and s_per_mb is not None else None

    large = []
    limit_cases = [(name, what, input, DEFAULT_SCALES)
                   for name, (what, input, _) in LIMIT_CASES.items()]
    for name, what, feed, case_scales in [
            (c.name, c.what, c.feed, [1.0] if c.fixed_size else sorted(c.scales or scales))
            for c in gen.LARGE] + limit_cases:
        if cases and name not in cases:
            continue
        rows = []
        for scale in case_scales:
            progress(f"{name} at {scale:g}")
            row = run_child({"case": name, "scale": scale, "max_lines": max_lines}, budget)
            if "s_per_mb" in row:
                row["ratio"] = ratio(row["s_per_mb"], feed)
            rows.append(row)
            if "s_per_mb" not in row:
                break  # a larger scale would take longer still
        done = [r for r in rows if "s_per_mb" in r]
        growth = (round(done[-1]["s_per_mb"] / done[0]["s_per_mb"], 2)
                  if len(done) >= 2 and done[0]["s_per_mb"] else None)
        large.append({"case": name, "what": what, "feed": feed, "rows": rows,
                      "growth": growth, "size_ratio": (round(done[-1]["mb"] / done[0]["mb"], 1)
                                                       if len(done) >= 2 else None),
                      "complete": len(done) == len(case_scales)})

    small = []
    for case in gen.SMALL:
        if cases and case.name not in cases:
            continue
        progress(f"{case.name}")
        data = case.path.read_bytes()
        page, input = gen.page_of(case, data)
        times = []
        for _ in range(small_repeats):
            t, result = segment_once(page, input)
            times.append(t)
        median = statistics.median(times)
        # Below 1 KB a figure per MB is all fixed cost: the time per call is given instead.
        s_per_mb = median / (len(data) / 1e6) if len(data) >= 1000 else None
        small.append({"case": case.name, "what": case.what, "bytes": len(data),
                      "us_per_call": round(median * 1e6),
                      "s_per_mb": round(s_per_mb, 4) if s_per_mb is not None else None,
                      "ratio": ratio(s_per_mb, "html" if case.name.endswith(".html") else "text"),
                      "outcome": outcome(result)})
    return {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version()},
            "scales": list(scales), "budget_s": budget, "max_lines": max_lines,
            "baseline": baseline,
            "large": large, "small": small}


def format_markdown(result: dict) -> str:
    base = result["baseline"]
    out = ["Baseline (the plain harbour story): "
           + ", ".join(f"{k} {v['s_per_mb']:.3f} s/MB" if "s_per_mb" in v else f"{k} failed"
                       for k, v in base.items()), "",
           "| case | MB | s | s/MB | × baseline | peak RSS MB | goal MB | outcome |",
           "|---|---:|---:|---:|---:|---:|---:|---|"]
    for c in result["large"]:
        for r in c["rows"]:
            if "s_per_mb" in r:
                over = " **over**" if r["peak_rss_mb"] > r["goal_mb"] else ""
                out.append(f"| {c['case']} | {r['mb']:.2f} | {r['seconds']:.2f} | "
                           f"{r['s_per_mb']:.3f} | {r['ratio']} | {r['peak_rss_mb']}{over} | "
                           f"{r['goal_mb']} | {r['outcome']} |")
            else:
                why = f"killed after {r['timeout']:.0f} s" if "timeout" in r else r.get("error")
                out.append(f"| {c['case']} | (scale {r['scale']:g}) | — | — | — | — | — | "
                           f"{why} |")
    rows = [r for c in result["large"] for r in c["rows"] if "peak_rss_mb" in r]
    if rows:
        worst = max(rows, key=lambda r: r["peak_rss_mb"] / r["goal_mb"])
        within = sum(r["peak_rss_mb"] <= r["goal_mb"] for r in rows)
        out += ["", f"Memory goal (50 × input + 100 MB): {within} of {len(rows)} runs within "
                f"it; closest: {worst['case']} at {worst['scale']:g}, {worst['peak_rss_mb']} MB "
                f"of {worst['goal_mb']} MB."]
    out += ["", "| case | growth of s/MB, smallest → largest size | over a size ratio of |",
            "|---|---:|---:|"]
    for c in result["large"]:
        note = "" if c["complete"] else " (largest size not reached)"
        out.append(f"| {c['case']} | {c['growth']}{note} | {c['size_ratio']} |")
    out += ["", "| small case | bytes | µs a call | s/MB | × baseline | outcome |",
            "|---|---:|---:|---:|---:|---|"]
    for c in result["small"]:
        per_mb = f"{c['s_per_mb']:.3f}" if c["s_per_mb"] is not None else "—"
        out.append(f"| {c['case']} | {c['bytes']} | {c['us_per_call']} | {per_mb} | "
                   f"{c['ratio'] if c['ratio'] is not None else '—'} | {c['outcome']} |")
    return "\n".join(out) + "\n"


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.adversarial",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=lambda s: [c for c in s.split(",") if c], default=None,
                    help="comma-separated case names (default: all)")
    ap.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")],
                    default=list(DEFAULT_SCALES), help="scales of the large cases (1 = full)")
    ap.add_argument("--budget", type=float, default=DEFAULT_BUDGET,
                    help="seconds a run may take before it is killed (default: %(default)s)")
    ap.add_argument("--small-repeats", type=int, default=DEFAULT_SMALL_REPEATS)
    ap.add_argument("--max-lines", type=int, default=None,
                    help="segment the large and limit cases with this max_lines (default: "
                         "segment()'s own)")
    ap.add_argument("--json", type=Path, default=None, help="write the result as JSON here")
    ap.add_argument("--markdown", type=Path, default=None, help="write the tables here")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0

    def progress(msg):
        print(f"[adversarial] {msg}", file=sys.stderr, flush=True)

    result = run(args.cases, args.scales, args.budget, args.small_repeats, progress,
                 args.max_lines)
    tables = format_markdown(result)
    print(tables)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(tables, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
