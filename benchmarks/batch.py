"""Batch benchmark: `newsclean batch` throughput by number of workers, and its peak memory as
the input grows.

    python -m benchmarks.batch [--corpus DIR ...] [--workers 1,2] [--passes N] [--scale K]
        [--pages all|text|html] [--no-memory] [--json]

Throughput. `newsclean batch CORPUS/pages ... -o OUT --workers N --quiet` is run as a subprocess
for each N (after one warm-up run), `--passes` times; the median wall time gives documents/s and
MB/s of input, and the speed-up of each N over the first. The CPU time of each run (the batch
process and its workers) gives a second figure that other load on the machine does not skew:
the CPU-bound speed-up, min(N, CPUs) x CPU(first) / CPU(N) — what the pool allows on an idle
machine, its own costs (pickling, ordering, writing) counted. Passes are interleaved across the
Ns, and after each run N pure-Python processes spin at once: their speed-up ("spin") is what the
machine gave N CPU-bound processes at that moment, the ceiling for any pool on a shared
machine. The pages are read where they are (the corpora's `pages/` folders, never copied); the
outputs of every N must be byte-identical, which is checked and reported.

Memory. A JSONL file of the corpus' pages (`--pages`: all, or only the .txt or .html ones), one
record a page, is written to a temporary folder 1x and `--scale` times over (ids made unique),
and `newsclean batch` run on each with the largest N. The process tree is sampled from /proc
every 20 ms: the peak resident memory of the main process (which reads, orders and writes), of
the largest worker, and of the whole tree at once. Streaming means the scaled run peaks where the
1x run does. Off Linux only `getrusage(RUSAGE_CHILDREN)` is reported (the largest process).

Timings depend on the machine and on what else runs on it: the load average before each step is
reported beside the figures. Nothing here is asserted anywhere.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.corpus import default_corpora

PAGE_SUFFIXES = {"text": (".txt",), "html": (".html", ".htm"), "all": (".txt", ".html", ".htm")}


def page_files(corpora: list[Path], which: str = "all") -> list[Path]:
    """The page files of the corpora's pages/ folders, in name order."""
    suffixes = PAGE_SUFFIXES[which]
    return sorted(p for c in corpora for p in (c / "pages").iterdir()
                  if p.suffix.lower() in suffixes)


def batch_command(inputs: list[str], out: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsclean", "batch", *inputs, "-o", out,
            "--workers", str(workers), "--quiet", "--force"]  # its outputs are scratch


def _children_cpu() -> float:
    """CPU seconds (user + system) of the children waited for so far, their children included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else float("nan")


# --- throughput ----------------------------------------------------------------------------------

def _spin(n: int) -> None:
    x = 0
    for i in range(n):
        x += i


SPIN = 20_000_000  # about a second of pure-Python work


def spin_seconds(processes: int) -> float:
    """Wall time for `processes` processes to do SPIN each, at once: what the machine gives
    `processes` CPU-bound processes right now (other load included)."""
    procs = [subprocess.Popen([sys.executable, "-c",
                               f"from benchmarks.batch import _spin; _spin({SPIN})"])
             for _ in range(processes)]
    start = time.perf_counter()
    for p in procs:
        p.wait()
    return time.perf_counter() - start


def throughput(corpora: list[Path], workers: list[int], passes: int, tmp: Path,
               progress=print) -> dict:
    inputs = [str(c / "pages") for c in corpora]
    files = page_files(corpora)
    mb = sum(p.stat().st_size for p in files) / 1e6
    out: dict = {"documents": len(files), "mb": round(mb, 2), "workers": {}}
    runs: dict = {n: {"times": [], "cpus": [], "spins": [], "loads": []} for n in workers}
    for n in workers:  # warm-up: caches, imports
        subprocess.run(batch_command(inputs, str(tmp / f"throughput-{n}.jsonl"), n),
                       check=False, stderr=subprocess.DEVNULL)
    for i in range(passes):  # interleaved, so that a change in the machine's load hits every N
        for n in workers:
            progress(f"throughput: pass {i + 1}/{passes}, {n} worker(s)")
            run = runs[n]
            run["loads"].append(_load())
            cpu = _children_cpu()
            start = time.perf_counter()
            proc = subprocess.run(batch_command(inputs, str(tmp / f"throughput-{n}.jsonl"), n),
                                  stderr=subprocess.PIPE, text=True)
            run["times"].append(time.perf_counter() - start)
            run["cpus"].append(_children_cpu() - cpu)
            if proc.returncode not in (0, 1):
                raise RuntimeError(f"newsclean batch failed: {proc.stderr.strip()}")
            run["spins"].append(spin_seconds(n))
    for n in workers:
        run = runs[n]
        median = statistics.median(run["times"])
        out["workers"][n] = {"median_s": round(median, 2),
                             "docs_per_s": round(len(files) / median, 1),
                             "mb_per_s": round(mb / median, 2),
                             "cpu_s": round(statistics.median(run["cpus"]), 2),
                             "spin_s": round(statistics.median(run["spins"]), 2),
                             "load_before": round(statistics.median(run["loads"]), 2)}
    first_n = workers[0]
    first = out["workers"][first_n]
    for n in workers[1:]:
        this = out["workers"][n]
        this["speedup"] = round(first["median_s"] / this["median_s"], 2)
        # What the machine gave n pure-Python processes at the same time, over first_n: the
        # ceiling for any process pool at that moment.
        this["spin_speedup"] = round(n / first_n * first["spin_s"] / this["spin_s"], 2)
        # What the CPU time allows on an idle machine: the work of the first run, spread over
        # n CPUs, against all the CPU this run spent (pool, pickling, ordering included).
        this["cpu_bound_speedup"] = round(
            min(n, os.cpu_count() or n) * first["cpu_s"] / this["cpu_s"], 2)
    outputs = {(tmp / f"throughput-{n}.jsonl").read_bytes() for n in workers}
    out["identical_output"] = len(outputs) == 1
    return out


# --- memory --------------------------------------------------------------------------------------

def write_jsonl(files: list[Path], path: Path, times: int) -> float:
    """`times` copies of every page as JSONL records (the text field for .txt, html for HTML);
    return the file's size in MB."""
    with open(path, "w", encoding="utf-8") as fh:
        for r in range(times):
            for p in files:
                field = "text" if p.suffix.lower() == ".txt" else "html"
                page = p.read_bytes().decode("utf-8", errors="replace")
                fh.write(json.dumps({"id": f"{r}/{p.parent.parent.name}/{p.name}",
                                     field: page}, ensure_ascii=False) + "\n")
    return path.stat().st_size / 1e6


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def run_sampled(cmd: list[str]) -> dict:
    """Run `cmd`; the peak RSS (MB) of its main process, its largest child, and the tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    peaks = {"main": 0, "worker": 0, "tree": 0}
    linux = Path(f"/proc/{proc.pid}").exists()

    def sample() -> None:
        while proc.poll() is None:
            main = _rss_kb(proc.pid)
            kids = [_rss_kb(k) for k in _children(proc.pid)]
            peaks["main"] = max(peaks["main"], main)
            peaks["worker"] = max([peaks["worker"], *kids])
            peaks["tree"] = max(peaks["tree"], main + sum(kids))
            time.sleep(0.02)

    start = time.perf_counter()
    sampler = threading.Thread(target=sample, daemon=True)
    if linux:
        sampler.start()
    proc.wait()
    seconds = time.perf_counter() - start
    if linux:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {k: round(v / 1024, 1) for k, v in peaks.items()} if linux else {}
    result["largest_process_rusage"] = round(max(after, before) / 1024, 1)  # KB on Linux
    result["seconds"] = round(seconds, 1)
    result["exit"] = proc.returncode
    return result


def memory(corpora: list[Path], which: str, scale: int, workers: int, tmp: Path,
           progress=print) -> dict:
    files = page_files(corpora, which)
    out: dict = {"pages": which, "workers": workers, "runs": {}}
    for times in (1, scale):
        path = tmp / f"pages-x{times}.jsonl"
        progress(f"memory: writing {times}x JSONL")
        mb = write_jsonl(files, path, times)
        progress(f"memory: newsclean batch over {mb:,.0f} MB")
        load = _load()
        result = run_sampled(batch_command([str(path)], str(tmp / "memory-out.jsonl"), workers))
        result.update(input_mb=round(mb, 1), documents=len(files) * times, load_before=load)
        out["runs"][times] = result
        path.unlink()
        (tmp / "memory-out.jsonl").unlink(missing_ok=True)
    return out


# --- report --------------------------------------------------------------------------------------

def report(result: dict) -> str:
    lines = [f"newsclean batch, {result['machine']}, {result['date']}", ""]
    t = result.get("throughput")
    if t:
        lines += [f"Throughput: {t['documents']} pages, {t['mb']} MB "
                  f"(output identical for every N: {t['identical_output']})", "",
                  "| workers | median s | docs/s | MB/s | speed-up | CPU s | CPU-bound speed-up "
                  "| spin speed-up | load |", "|---|---|---|---|---|---|---|---|---|"]
        for n, f in t["workers"].items():
            lines.append(f"| {n} | {f['median_s']} | {f['docs_per_s']} | {f['mb_per_s']} | "
                         f"{f.get('speedup', '1.0')} | {f['cpu_s']} | "
                         f"{f.get('cpu_bound_speedup', '-')} | {f.get('spin_speedup', '-')} | "
                         f"{f['load_before']} |")
        lines.append("")
    m = result.get("memory")
    if m:
        lines += [f"Peak memory ({m['pages']} pages as JSONL, {m['workers']} workers):", "",
                  "| input | documents | MB | seconds | main MB | largest worker MB | "
                  "tree MB |", "|---|---|---|---|---|---|---|"]
        for times, f in m["runs"].items():
            lines.append(f"| {times}x | {f['documents']} | {f['input_mb']} | {f['seconds']} | "
                         f"{f.get('main', '-')} | {f.get('worker', '-')} | {f.get('tree', '-')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", type=Path, default=None,
                        help="a corpus folder (with pages/); default: every shared corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts (default: 1,2)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--pages", choices=sorted(PAGE_SUFFIXES), default="all")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    corpora = args.corpus or default_corpora()
    corpora = [c for c in corpora if (c / "pages").is_dir()]
    if not corpora:
        print("no corpus with a pages/ folder", file=sys.stderr)
        return 2
    workers = [int(w) for w in args.workers.split(",")]

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    result = {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                         f"{platform.python_version()}",
              "date": time.strftime("%Y-%m-%d"), "corpora": [c.name for c in corpora]}
    with tempfile.TemporaryDirectory(prefix="newsclean-batch-bench-") as tmp:
        if not args.no_throughput:
            result["throughput"] = throughput(corpora, workers, args.passes, Path(tmp), progress)
        if not args.no_memory:
            result["memory"] = memory(corpora, args.pages, args.scale, max(workers), Path(tmp),
                                      progress)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
