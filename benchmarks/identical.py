"""Same output before and after a refactor: a hash of segment()'s output on every page we have.

    python -m benchmarks.identical --write before.json      # on the old code
    python -m benchmarks.identical --check before.json      # on the new code: exit 1 on a change

Pages: every page of every corpus in `../shared/corpora` (or `--corpus DIR ...`) on both tracks
(its .txt as text, its .html as HTML), every example page in `tests/fixtures` (text and HTML,
known failures included) and the seed. Per page it records the SHA-256 of
`json.dumps(segment(page).to_dict(with_text=True), sort_keys=True)`; `--check` prints each page
whose hash moved, the count of pages compared, and exits 1 if any moved. A refactor that says
"output identical" shows it with this script (the hashes file stays outside the repository: it
is derived from third-party pages).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from benchmarks.corpus import REPO_ROOT, TRACKS, default_corpora, load_corpus

FIXTURES = REPO_ROOT / "tests" / "fixtures"


def _inputs(corpora: list[Path]):
    """(name, page content, input kind, lang) for every page to compare."""
    for root in corpora:
        corpus = load_corpus(root)
        for page in corpus.pages:
            for track in TRACKS:
                if page.has(track):
                    yield f"{corpus.name}/{track}/{page.id}", page.read(track), track, page.lang
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".txt", ".html") and path.name != "README.md":
            # (as bytes: the adversarial fixtures are not all UTF-8)
            yield (f"fixtures/{path.relative_to(FIXTURES)}", path.read_bytes(),
                   "html" if path.suffix == ".html" else "text", None)


def page_hash(content: str | bytes, track: str, lang: str | None) -> str:
    import newsclean

    try:
        doc = newsclean.segment(content, input=track, lang=lang)
        out = doc.to_dict(with_text=True)
    except Exception as exc:  # a documented error is output too: it must not change either
        out = {"error": type(exc).__name__, "message": str(exc)}
    return hashlib.sha256(json.dumps(out, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def hashes(corpora: list[Path]) -> dict[str, str]:
    return {name: page_hash(content, track, lang)
            for name, content, track, lang in _inputs(corpora)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.identical", description=__doc__.split("\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", metavar="FILE", help="write the hashes of the code as it is")
    what.add_argument("--check", metavar="FILE", help="compare with hashes written before")
    parser.add_argument("--corpus", action="append", type=Path, help="a corpus folder (repeatable)")
    args = parser.parse_args(argv)
    corpora = args.corpus or default_corpora()
    now = hashes(corpora)
    if args.write:
        Path(args.write).write_text(json.dumps(now, indent=0, sort_keys=True) + "\n")
        print(f"{len(now)} pages hashed into {args.write}")
        return 0
    before = json.loads(Path(args.check).read_text())
    moved = sorted(n for n in before.keys() & now.keys() if before[n] != now[n])
    only = sorted(before.keys() ^ now.keys())
    for name in moved:
        print(f"changed: {name}")
    for name in only:
        print(f"in one run only: {name}")
    compared = len(before.keys() & now.keys())
    print(f"{compared} pages compared, {len(moved)} changed, {len(only)} in one run only")
    return 1 if moved or only else 0


if __name__ == "__main__":
    sys.exit(main())
