"""Cost of the tree guard alone: `limit_nesting` over every corpus HTML page, in ms per MB.

    python -m benchmarks.guard [--rounds N] [--corpus DIR ...] [--rev REV]

Pages: every `pages/*.html` of the corpora (read as `benchmarks.corpus` reads them), in memory.
Each round times one call of `limit_nesting` per page (`time.process_time` summed over pages);
the figure reported is the minimum over rounds (the machine is shared), with the median.
`--rev REV` times the guard of that git revision instead (its nesting.py, loaded by path), so
that a before/after comparison runs on the same pages in the same process.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import REPO_ROOT, default_corpora


def load_pages(corpora: list[Path]) -> list[str]:
    pages = []
    for root in corpora:
        for path in sorted((root / "pages").glob("*.html")):
            pages.append(path.read_bytes().decode("utf-8", errors="replace"))
    return pages


def guard_at(rev: str | None):
    if rev is None:
        from newsclean.html.nesting import limit_nesting
        return limit_nesting
    source = _source_at(rev, "nesting.py")
    model = _source_at(rev, "nesting_model.py", missing_ok=True)
    if model is not None:
        # (From c435123 on, the stack model is a module of its own: the revision's, not the
        # working tree's, under a name of its own.)
        model_module = _load(f"nesting_model_{rev}", model)
        source = source.replace("from newsclean.html.nesting_model import",
                                f"from {model_module.__name__} import")
    return _load(f"nesting_{rev}", source).limit_nesting


def _source_at(rev: str, name: str, missing_ok: bool = False) -> str | None:
    done = subprocess.run(["git", "show", f"{rev}:src/newsclean/html/{name}"], cwd=REPO_ROOT,
                          check=not missing_ok, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def _load(name: str, source: str):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, f.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (so the nesting module can import it by name)
    spec.loader.exec_module(module)
    return module


def time_guard(guard, pages: list[str], rounds: int) -> list[float]:
    for page in pages[:20]:  # warm-up (regex compilation, name caches)
        guard(page)
    totals = []
    for _ in range(rounds):
        total = 0.0
        for page in pages:
            t = time.process_time()
            guard(page)
            total += time.process_time() - t
        totals.append(total)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.guard",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a corpus folder")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rev", action="append", help="also time the guard at this revision")
    args = parser.parse_args(argv)
    pages = load_pages(args.corpus or default_corpora())
    mb = sum(len(p.encode("utf-8", "replace")) for p in pages) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB", file=sys.stderr)
    for rev in [None] + (args.rev or []):
        totals = time_guard(guard_at(rev), pages, args.rounds)
        best, median = min(totals), statistics.median(totals)
        print(f"{rev or 'working tree'}: {best * 1000 / mb:.2f} ms/MB (min of {args.rounds}), "
              f"median {median * 1000 / mb:.2f} ms/MB, total {best:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
