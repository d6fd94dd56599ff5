"""The `newsclean` command: a thin layer over the library. It parses the arguments, reads the
page, calls `newsclean.segment()` (or `newsclean.batch` for many pages) and writes what a
renderer of `newsclean.render` makes of the result.

    newsclean segment FILE|-|--example [--format json|text|markdown] [--lang LANG]
        [--input auto|text|html]
    newsclean batch INPUT... -o OUT.jsonl[.gz|.zst] [--workers N] [--timeout S]
        [--resume|--force] [--quiet] [--output-format newsclean|datatrove|dolma|text]
        [--keep KINDS] [--split-articles]
        [--text-field NAME] [--html-field NAME] [--id-field NAME] [--lang-field NAME]
        [--url-field NAME] [--date-field NAME] [--lang LANG]
        [--input auto|text|html] [--with-text] [--chunk-size N]
    newsclean show FILE|-|--example [-o REPORT.html] [--lang LANG] [--input auto|text|html]
    newsclean --version

The page is read as bytes and handed to the library as bytes: decoding is the library's job. A
gzip-compressed page (told by its magic bytes, not its name) is decompressed first.

Exit codes:
    0  success
    1  the document could not be segmented (a NewscleanError such as DecodeError or InputTooLarge,
       or a damaged gzip file);
       for batch, some documents could not (each has its error line in OUT)
    2  usage error: bad options, or FILE missing, a directory, or unreadable
  130  interrupted (Ctrl-C)
  141  stdout closed early (`newsclean ... | head`); nothing is printed about it
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import zlib
import sys
from collections.abc import Sequence
from typing import Any

from newsclean import __version__, batch, examples, explain, segment
from newsclean.errors import NewscleanError
from newsclean.model import Kind
from newsclean.pipeline import INPUTS
from newsclean.render import FORMATS, to_html

PROG = "newsclean"

EXIT_OK = 0
EXIT_DOCUMENT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat` reports in the same place


class UsageError(Exception):
    """A problem with the command line or its FILE: exit 2."""


class DocumentError(Exception):
    """The page could not be segmented (the library raised a NewscleanError): exit 1."""


# --- the parser -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Segment scraped news pages into typed, deduplicated blocks.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    _add_segment(commands)
    _add_batch(commands)
    _add_show(commands)
    return parser


def _add_segment(commands: Any) -> None:
    cmd = commands.add_parser(
        "segment",
        help="segment one page and print the result",
        description="Segment one page (text or HTML) and print its articles and blocks.",
    )
    _add_file(cmd)
    cmd.add_argument("--format", choices=tuple(FORMATS), default="json",
                     help="output: json (blocks, spans, dropped lines), text (clean text), "
                          "markdown (default: %(default)s)")
    _add_hints(cmd)
    cmd.set_defaults(run=run_segment)


def _add_show(commands: Any) -> None:
    cmd = commands.add_parser(
        "show",
        help="write an HTML report of how one page was segmented",
        description="Segment one page and write the inspection page: one standalone HTML file "
                    "showing every line of the page coloured by the kind of block it became, "
                    "and every dropped line with its reason.",
    )
    _add_file(cmd)
    cmd.add_argument("-o", "--output", metavar="REPORT", default="-",
                     help="the HTML file to write, or - for standard output (default: -)")
    _add_hints(cmd)
    cmd.set_defaults(run=run_show)


def _add_file(command: argparse.ArgumentParser) -> None:
    """FILE, the one page `segment` and `show` read, or --example instead of it."""
    page = command.add_mutually_exclusive_group(required=True)
    page.add_argument("file", metavar="FILE", nargs="?", default=None,
                      help="the page to read, or - for standard input")
    page.add_argument("--example", action="store_true",
                      help=f"read the example page that ships with newsclean "
                           f"({examples.DEFAULT}) instead of FILE")


def _add_hints(command: argparse.ArgumentParser) -> None:
    """--lang and --input of `segment` and `show`, handed on to `newsclean.segment()`."""
    command.add_argument("--lang", metavar="LANG", default=None,
                         help="language hint, such as ar or en (default: none)")
    command.add_argument("--input", choices=INPUTS, default=None, dest="input_kind",
                         help="what FILE holds (default: the library's own choice, auto)")


def _add_batch(commands: Any) -> None:
    cmd = commands.add_parser(
        "batch",
        help="segment many pages into one JSONL file",
        description="Segment every page of the INPUTs into OUT, one JSON line a page, in input "
                    "order whatever the number of workers: {\"id\": ..., \"ok\": true, "
                    "\"text\": ..., \"document\": ...} or {\"id\": ..., \"ok\": false, "
                    "\"error\": {\"type\": ..., \"message\": ...}}, with the input's other "
                    "fields under \"metadata\"; --output-format datatrove, dolma or text "
                    "writes corpus records instead (a failed page: a line on stderr). "
                    "A summary goes to stderr.",
        epilog="exit status: 0 every page segmented; 1 some pages failed (each has its error "
               "line); 2 usage error (bad options, an INPUT that cannot be read, an OUT that "
               "exists without --force or --resume)",
    )
    cmd.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="a page file (.txt, .html, .htm), a JSONL file (.jsonl, .ndjson), a "
                          "JSON file (.json: an array of records or one), a WARC file (.warc; "
                          "the warc extra), each plain, gzip or zstd (told by content); a "
                          "directory (walked recursively for those); or - for JSONL on "
                          "standard input")
    cmd.add_argument("-o", "--output", required=True, metavar="OUT",
                     help="the file to write (gzip-compressed when it ends in .gz, zstd in "
                          ".zst), or - for standard output")
    cmd.add_argument("--workers", type=_count, default=None, metavar="N",
                     help="worker processes (default: the CPUs available); 1 runs in this "
                          "process")
    cmd.add_argument("--timeout", type=_seconds, default=None, metavar="S",
                     help="give up on a page after S seconds: it becomes an error line of type "
                          "Timeout (POSIX only; default: no limit)")
    cmd.add_argument("--resume", action="store_true",
                     help="go on from a stopped or killed run: keep the lines OUT holds and "
                          "skip the pages whose id is among them (a partial last line is cut "
                          "off first); the text format and --split-articles go on from the "
                          "journal OUT.resume, with the same INPUTs in the same order")
    cmd.add_argument("--force", action="store_true",
                     help="replace OUT when it exists and is not empty (without --force or "
                          "--resume, that is a usage error)")
    cmd.add_argument("-q", "--quiet", action="store_true",
                     help="no progress line (there is none anyway when stderr is no terminal)")
    cmd.add_argument("--output-format", choices=batch.FORMATS, default="newsclean",
                     help="newsclean (the record with the clean text), datatrove ({text, id, "
                          "metadata}), dolma ({id, text, source, added, created, metadata}) "
                          "or text (the clean texts, each ended by a line holding a form "
                          "feed) (default: %(default)s)")
    cmd.add_argument("--keep", type=_kinds, default=None, metavar="KINDS",
                     help="the block kinds the clean text holds, a comma list such as "
                          "headline,body (default: headline,standfirst,subheading,body)")
    cmd.add_argument("--split-articles", action="store_true",
                     help="one record an article, its id suffixed #1, #2, ...")
    cmd.add_argument("--text-field", default="text", metavar="NAME",
                     help="JSONL: the field holding a page's text (default: %(default)s)")
    cmd.add_argument("--html-field", default="html", metavar="NAME",
                     help="JSONL: the field holding a page's HTML, used when present "
                          "(default: %(default)s)")
    cmd.add_argument("--id-field", default="id", metavar="NAME",
                     help="JSONL: the field holding a page's id (default: %(default)s; "
                          "without it, FILE:LINE)")
    cmd.add_argument("--lang-field", default=None, metavar="NAME",
                     help="JSONL: a field holding a page's language, a hint before --lang "
                          "(default: none)")
    cmd.add_argument("--url-field", default="url", metavar="NAME",
                     help="JSONL: the field holding a page's address, kept in the output's "
                          "metadata as url (default: %(default)s)")
    cmd.add_argument("--date-field", default="date", metavar="NAME",
                     help="JSONL: the field holding a page's date, dolma's created "
                          "(default: %(default)s)")
    cmd.add_argument("--lang", metavar="LANG", default=None,
                     help="language hint for every page, such as ar or en (default: none)")
    cmd.add_argument("--input", choices=INPUTS, default=None, dest="input_kind",
                     help="what every page holds (default: by name, .txt text and .html/.htm "
                          "HTML; in JSONL, by field)")
    cmd.add_argument("--with-text", action="store_true",
                     help="add each document's text, which its spans index, to its line")
    cmd.add_argument("--chunk-size", type=_count, default=batch.CHUNKSIZE, metavar="N",
                     help="pages a worker takes at a time (default: %(default)s)")
    cmd.set_defaults(run=run_batch)


def _number(parse: Any, fits: Any, expected: str) -> Any:
    """An argparse type: `parse(value)` when it `fits`, else the message "expected ..."."""
    def check(value: str):
        try:
            n = parse(value)
        except ValueError:
            n = None
        if n is None or not fits(n):
            raise argparse.ArgumentTypeError(f"expected {expected}, not {value!r}")
        return n
    return check


_count = _number(int, lambda n: n >= 1, "a whole number of 1 or more")


def _kinds(value: str) -> tuple[str, ...]:
    """An argparse type: a comma list of block kinds."""
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    known = [k.value for k in Kind]
    wrong = [k for k in kinds if k not in known]
    if wrong or not kinds:
        raise argparse.ArgumentTypeError(
            f"expected block kinds among {','.join(known)}, not {value!r}")
    return kinds
_seconds = _number(float, lambda s: 0 < s < float("inf"), "a number of seconds above 0")


# --- commands -------------------------------------------------------------------------------

def read_input(file: str) -> bytes:
    """The bytes of FILE, or of standard input for "-". Unreadable FILE is a UsageError."""
    if file == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        if stream is None:  # a text-only stand-in for stdin (tests, embedding)
            return sys.stdin.read().encode("utf-8")
        return stream.read()
    try:
        with open(file, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None


def _page_name(args: argparse.Namespace) -> str:
    """What the page is called in messages and in the report's title."""
    if args.example:
        return examples.DEFAULT
    return "<stdin>" if args.file == "-" else args.file


GZIP_MAGIC = b"\x1f\x8b"


def read_page(args: argparse.Namespace) -> bytes:
    """The bytes of the page the command line names: FILE, standard input, or --example;
    gzip-compressed bytes (by their first two bytes, whatever the name) are decompressed."""
    data = examples.read() if args.example else read_input(args.file)
    if data[:2] == GZIP_MAGIC:
        return _gunzip(data, _page_name(args))
    return data


def _gunzip(data: bytes, name: str) -> bytes:
    """The decompressed page, at most `batch`'s limit for one page (a .gz that unpacks to more,
    or a damaged one, is a DocumentError as it is an error line in batch)."""
    limit = batch.inputs.MAX_PAGE_BYTES
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            page = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DocumentError(f"{name}: a damaged gzip file: {exc}") from None
    if len(page) > limit:
        raise DocumentError(f"{name}: the gzip file holds more than {limit} bytes")
    return page


def segment_file(args: argparse.Namespace, *, with_evidence: bool = False):
    """Segment FILE with the --lang and --input given (an --input not given is left to the
    library's default); with_evidence: (the Document, newsclean.explain's evidence). A page the
    library cannot segment is a DocumentError."""
    kwargs: dict[str, Any] = {"lang": args.lang}
    if args.input_kind is not None:
        kwargs["input"] = args.input_kind
    page = read_page(args)
    try:
        doc = segment(page, **kwargs)
        return (doc, explain(page, **kwargs)) if with_evidence else doc
    except (NewscleanError, UnicodeDecodeError) as exc:
        # UnicodeDecodeError: belt and braces until every decode failure is a DecodeError.
        raise DocumentError(f"{_page_name(args)}: {exc}") from None


def run_segment(args: argparse.Namespace) -> int:
    _write(FORMATS[args.format](segment_file(args)))
    return EXIT_OK


def check_overwrite(out: str, *, resume: bool, force: bool) -> None:
    """A UsageError for an OUT that holds something a run would replace: a regular file that is
    not empty, without --force (--resume appends, and keeps what OUT holds). Standard output,
    an empty file, a FIFO or a device (/dev/null) are written as they are."""
    if out == "-" or resume or force:
        return
    try:
        size = os.stat(out).st_size if os.path.isfile(out) else 0
    except OSError:
        return  # gone meanwhile, or unreadable: the run's own checks say what is wrong
    if size:
        raise UsageError(f"{out} exists ({size:,} bytes): --force replaces it, "
                         "--resume adds the pages it lacks")


def _progress(args: argparse.Namespace) -> batch.Progress | None:
    """The progress line, on a terminal only and not with --quiet. Its total (the inputs'
    bytes, for the share done and the ETA) is known for files and folders, not for standard
    input or .gz, nor with --resume (the pages done before are not read again)."""
    if args.quiet or not sys.stderr.isatty():
        return None
    total = None
    if not args.resume:
        total = batch.total_bytes(args.inputs, skip=[args.output] if args.output != "-" else [])
    return batch.Progress(sys.stderr, total=total)


def run_batch(args: argparse.Namespace) -> int:
    fields = batch.Fields(text=args.text_field, html=args.html_field, id=args.id_field,
                          url=args.url_field or None, date=args.date_field or None,
                          lang=args.lang_field or None)
    progress = None
    try:
        batch.check_inputs(args.inputs, args.output)  # first: an INPUT that is OUT says so
        check_overwrite(args.output, resume=args.resume, force=args.force)
        progress = _progress(args)
        summary = batch.run_batch(
            args.inputs, args.output, workers=args.workers, timeout=args.timeout,
            resume=args.resume, lang=args.lang, input=args.input_kind, fields=fields,
            with_text=args.with_text, chunksize=args.chunk_size, progress=progress,
            output_format=args.output_format, keep=args.keep,
            split_articles=args.split_articles)
    except batch.BatchInputError as exc:
        raise UsageError(str(exc)) from None
    finally:
        if progress is not None:
            progress.close()  # also when the run could not start: the ticker stops
    print(f"{PROG}: {summary.line()}", file=sys.stderr)
    return EXIT_DOCUMENT if summary.failures else EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    doc, evidence = segment_file(args, with_evidence=True)
    report = to_html(doc, title=os.path.basename(_page_name(args)), evidence=evidence)
    if args.output == "-":
        _write(report.rstrip("\n"))
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(report)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return EXIT_OK


# --- plumbing -------------------------------------------------------------------------------

def _error(message: str) -> None:
    """One line on stderr, in argparse's shape: `newsclean: error: ...`."""
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)


def _write(text: str) -> None:
    """Write `text` and a final newline to stdout as UTF-8, whatever the locale says."""
    if not text:
        return
    data = (text + "\n").encode("utf-8")
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text + "\n")
        out.flush()
        return
    out.flush()
    view = memoryview(data)
    while view:  # a large write to a pipe may be partial (a signal, a reader that went away)
        n = buffer.write(view)
        view = view[n if n is not None else len(view):]
    buffer.flush()


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, argparse's own usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    try:
        return args.run(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except DocumentError as exc:
        _error(str(exc))
        return EXIT_DOCUMENT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM in a batch run: say what was done
        summary = getattr(exc, "summary", None)
        if summary is not None:
            print(f"{PROG}: interrupted: {summary.line()}", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
