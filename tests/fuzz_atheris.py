"""Coverage-guided fuzzing of `newsclean.segment` on bytes, with atheris (libFuzzer). Optional.

Not a pytest file (its name does not start with test_), and atheris is no dependency of
newsclean: install it where you fuzz (wheels for Linux and macOS, CPython 3.8-3.11 at the
time of writing; newer Pythons may need building from source with clang):

    pip install atheris
    python tests/fuzz_atheris.py -max_total_time=600                # seeds: the fixtures
    python tests/fuzz_atheris.py CORPUS_DIR -max_len=65536 -jobs=2  # keep a growing corpus

Any libFuzzer flag works (-runs=N, -max_total_time=S, -dict=FILE, -timeout=S…). With no corpus
folder given, a temporary one is seeded with every example and adversarial fixture.

Each input: its first byte picks how the rest is given to `segment` — as bytes or as a str
(decoded UTF-8 with surrogatepass, so lone surrogates occur), and with input="auto", "text"
or "html". A finding is any exception but a NewscleanError (the documented ones), an
invariant of the design broken (`newsclean.testing.assert_invariants`, on the document's
text), or a call slower than libFuzzer's -timeout (default 1200 s; pass e.g. -timeout=10 to
hunt for slow inputs). libFuzzer writes the input to crash-*/timeout-* in the working folder;
replay one with `python tests/fuzz_atheris.py crash-…`.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import newsclean
    from newsclean.testing import assert_invariants

INPUTS = ("auto", "text", "html")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, body = data[0], data[1:]
    page: str | bytes = body
    if mode & 4:
        page = body.decode("utf-8", "surrogatepass" if mode & 8 else "replace") \
            if _decodes(body) else body.decode("latin-1")
    try:
        document = newsclean.segment(page, input=INPUTS[mode % 3])
    except newsclean.NewscleanError:
        return
    assert_invariants(document.text, document)


def _decodes(body: bytes) -> bool:
    try:
        body.decode("utf-8", "surrogatepass")
        return True
    except UnicodeDecodeError:
        return False


def seed_corpus() -> str:
    folder = tempfile.mkdtemp(prefix="newsclean-fuzz-")
    seeds = [p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".png",
                                                                          ".pdf", ".gz")]
    for n, path in enumerate(sorted(seeds)):
        data = path.read_bytes()[:65536]
        for mode in (0, 1, 2, 4):  # bytes auto/text/html, str auto
            (Path(folder) / f"{n:03d}-{mode}-{path.name}").write_bytes(bytes([mode]) + data)
    return folder


def main() -> None:
    args = sys.argv[:]
    positional = [a for a in args[1:] if not a.startswith("-")]
    if not positional:
        folder = seed_corpus()
        print(f"seed corpus: {folder} (libFuzzer adds to it; remove it when done)", file=sys.stderr)
        args.append(folder)
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()  # libFuzzer exits the process when it is done


if __name__ == "__main__":
    main()
