"""The `newsclean` command: a thin layer over `newsclean.segment()`.

    newsclean segment FILE|- [--format json|text|markdown] [--lang LANG] [--input auto|text|html]
    newsclean batch INPUT... -o OUT.jsonl[.gz] [--workers N] [--timeout S] [--resume] [--quiet]
        [--text-field NAME] [--html-field NAME] [--id-field NAME] [--lang LANG]
        [--input auto|text|html] [--with-text] [--chunk-size N]
    newsclean show FILE|- [-o REPORT.html] [--lang LANG] [--input auto|text|html]
    newsclean --version

The page is read as bytes and handed to the library as bytes: decoding is the library's job.

Exit codes:
    0  success
    1  the document could not be segmented (a NewscleanError such as DecodeError or InputTooLarge);
       for batch, some documents could not (each has its error line in OUT)
    2  usage error: bad options, or FILE missing, a directory, or unreadable
  130  interrupted (Ctrl-C)
  141  stdout closed early (`newsclean ... | head`); nothing is printed about it
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from newsclean import __version__, batch, segment
from newsclean.errors import NewscleanError
from newsclean.model import Block, Document, Kind

PROG = "newsclean"
FORMATS = ("json", "text", "markdown")
INPUTS = ("auto", "text", "html")

EXIT_OK = 0
EXIT_DOCUMENT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat` reports in the same place


class UsageError(Exception):
    """A problem with the command line or its FILE: exit 2."""


# --- output formats -------------------------------------------------------------------------

def to_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)


def to_text(doc: Document) -> str:
    return doc.clean_text()


_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})
_MD_LEAD = ("#", ">", "-", "+", "=", "|")


def _md(text: str) -> str:
    """Escape `text` so Markdown shows it as the page's own words, not as markup."""
    out = text.translate(_MD_INLINE)
    if out.startswith(_MD_LEAD):
        out = "\\" + out
    else:  # "1. " / "1) " would start an ordered list
        digits = len(out) - len(out.lstrip("0123456789"))
        if digits and out[digits:digits + 1] in (".", ")"):
            out = out[:digits] + "\\" + out[digits:]
    return out


def _md_caption(b: Block) -> str:
    line = "> " + _md(b.text)
    if b.credit and b.credit not in b.text:
        line += " — " + _md(b.credit)
    return line


def _md_teaser(b: Block) -> str:
    line = "- **" + _md(b.title or b.text) + "**"
    if b.summary:
        line += " — " + _md(b.summary)
    if b.byline:
        line += " (" + _md(b.byline) + ")"
    return line


def to_markdown(doc: Document) -> str:
    """Render `doc` as Markdown, one section per article, separated by `---`.

    Headline `# `, standfirst in italics, subheading `## `, body paragraphs as paragraphs,
    bylines as plain paragraphs, captions as `> caption — credit`, and the article's teasers
    as a list under `## Related` at its end: `- **title** — summary (byline)`.
    """
    sections = []
    for article in doc.articles:
        parts: list[str] = []
        teasers: list[str] = []
        for b in article.blocks:
            if b.kind is Kind.HEADLINE:
                parts.append("# " + _md(b.text))
            elif b.kind is Kind.STANDFIRST:
                parts.append("*" + _md(b.text) + "*")
            elif b.kind is Kind.SUBHEADING:
                parts.append("## " + _md(b.text))
            elif b.kind is Kind.CAPTION:
                parts.append(_md_caption(b))
            elif b.kind is Kind.TEASER:
                teasers.append(_md_teaser(b))
            else:  # body, byline
                parts.append(_md(b.text))
        if teasers:
            parts.append("## Related\n\n" + "\n".join(teasers))
        if parts:
            sections.append("\n\n".join(parts))
    return "\n\n---\n\n".join(sections)


RENDERERS = {"json": to_json, "text": to_text, "markdown": to_markdown}


# --- the parser -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Segment scraped news pages into typed, deduplicated blocks.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    seg = commands.add_parser(
        "segment",
        help="segment one page and print the result",
        description="Segment one page (text; HTML is coming) and print its articles and blocks.",
    )
    seg.add_argument("file", metavar="FILE", help="the page to read, or - for standard input")
    seg.add_argument("--format", choices=FORMATS, default="json",
                     help="output: json (blocks, spans, dropped lines), text (clean text), "
                          "markdown (default: %(default)s)")
    seg.add_argument("--lang", metavar="LANG", default=None,
                     help="language hint, such as ar or en (default: none)")
    seg.add_argument("--input", choices=INPUTS, default=None, dest="input_kind",
                     help="what FILE holds (default: the library's own choice, auto)")
    seg.set_defaults(run=run_segment)

    bat = commands.add_parser(
        "batch",
        help="segment many pages into one JSONL file",
        description="Segment every page of the INPUTs into OUT, one JSON line a page, in input "
                    "order whatever the number of workers: {\"id\": ..., \"ok\": true, "
                    "\"document\": ...} or {\"id\": ..., \"ok\": false, \"error\": "
                    "{\"type\": ..., \"message\": ...}}. A summary goes to stderr.",
        epilog="exit status: 0 every page segmented; 1 some pages failed (each has its error "
               "line); 2 usage error (bad options, an INPUT that cannot be read)",
    )
    bat.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="a page file (.txt, .html, .htm, each optionally .gz), a directory "
                          "(walked recursively for those and JSONL files), a JSONL file "
                          "(.jsonl, .jsonl.gz), or - for JSONL on standard input")
    bat.add_argument("-o", "--output", required=True, metavar="OUT",
                     help="the JSONL file to write (gzip-compressed when it ends in .gz), "
                          "or - for standard output")
    bat.add_argument("--workers", type=_count, default=None, metavar="N",
                     help="worker processes (default: the CPUs available); 1 runs in this "
                          "process")
    bat.add_argument("--timeout", type=_seconds, default=None, metavar="S",
                     help="give up on a page after S seconds: it becomes an error line of type "
                          "Timeout (POSIX only; default: no limit)")
    bat.add_argument("--resume", action="store_true",
                     help="keep the lines OUT already holds and skip the pages whose id is "
                          "among them; a partial last line is cut off first")
    bat.add_argument("-q", "--quiet", action="store_true",
                     help="no progress line (there is none anyway when stderr is no terminal)")
    bat.add_argument("--text-field", default="text", metavar="NAME",
                     help="JSONL: the field holding a page's text (default: %(default)s)")
    bat.add_argument("--html-field", default="html", metavar="NAME",
                     help="JSONL: the field holding a page's HTML, used when present "
                          "(default: %(default)s)")
    bat.add_argument("--id-field", default="id", metavar="NAME",
                     help="JSONL: the field holding a page's id (default: %(default)s; "
                          "without it, FILE:LINE)")
    bat.add_argument("--lang", metavar="LANG", default=None,
                     help="language hint for every page, such as ar or en (default: none)")
    bat.add_argument("--input", choices=INPUTS, default=None, dest="input_kind",
                     help="what every page holds (default: by name, .txt text and .html/.htm "
                          "HTML; in JSONL, by field)")
    bat.add_argument("--with-text", action="store_true",
                     help="add each document's text, which its spans index, to its line")
    bat.add_argument("--chunk-size", type=_count, default=batch.CHUNKSIZE, metavar="N",
                     help="pages a worker takes at a time (default: %(default)s)")
    bat.set_defaults(run=run_batch)

    show = commands.add_parser(
        "show",
        help="write an HTML report of how one page was segmented",
        description="Segment one page and write the inspection page: one standalone HTML file "
                    "showing every line of the page coloured by the kind of block it became, "
                    "and every dropped line with its reason.",
    )
    show.add_argument("file", metavar="FILE", help="the page to read, or - for standard input")
    show.add_argument("-o", "--output", metavar="REPORT", default="-",
                      help="the HTML file to write, or - for standard output (default: -)")
    show.add_argument("--lang", metavar="LANG", default=None,
                      help="language hint, such as ar or en (default: none)")
    show.add_argument("--input", choices=INPUTS, default=None, dest="input_kind",
                      help="what FILE holds (default: the library's own choice, auto)")
    show.set_defaults(run=run_show)
    return parser


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


def accepts_keyword(func: Any, name: str) -> bool:
    """Whether `func` takes keyword argument `name` (named in its signature)."""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    p = params.get(name)
    return p is not None and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)


def run_segment(args: argparse.Namespace) -> int:
    kwargs: dict[str, Any] = {"lang": args.lang}
    if args.input_kind is not None:
        if accepts_keyword(segment, "input"):
            kwargs["input"] = args.input_kind
        elif args.input_kind == "html":
            raise UsageError("--input html: this version of newsclean reads text pages only")
        # --input text/auto without library support: text is what the library reads anyway.
    page = read_input(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    try:
        doc = segment(page, **kwargs)
    except (NewscleanError, UnicodeDecodeError) as exc:
        # UnicodeDecodeError: belt and braces until every decode failure is a DecodeError.
        _error(f"{name}: {exc}")
        return EXIT_DOCUMENT
    _write(RENDERERS[args.format](doc))
    return EXIT_OK


def _count(value: str) -> int:
    """argparse type: a whole number, 1 or more."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return n


def _seconds(value: str) -> float:
    """argparse type: a number of seconds above 0."""
    try:
        s = float(value)
    except ValueError:
        s = 0.0
    if not s > 0 or s == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, not {value!r}")
    return s


def run_batch(args: argparse.Namespace) -> int:
    progress = None
    if not args.quiet and sys.stderr.isatty():
        progress = batch.Progress(sys.stderr)
    fields = batch.Fields(text=args.text_field, html=args.html_field, id=args.id_field)
    try:
        summary = batch.run_batch(
            args.inputs, args.output, workers=args.workers, timeout=args.timeout,
            resume=args.resume, lang=args.lang, input=args.input_kind, fields=fields,
            with_text=args.with_text, chunksize=args.chunk_size, progress=progress)
    except batch.BatchInputError as exc:
        raise UsageError(str(exc)) from None
    print(f"{PROG}: {summary.line()}", file=sys.stderr)
    return EXIT_DOCUMENT if summary.failures else EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    kwargs: dict[str, Any] = {"lang": args.lang}
    if args.input_kind is not None:
        kwargs["input"] = args.input_kind
    page = read_input(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    try:
        doc = segment(page, **kwargs)
    except (NewscleanError, UnicodeDecodeError) as exc:
        _error(f"{name}: {exc}")
        return EXIT_DOCUMENT
    report = doc.to_html(title=os.path.basename(name))
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
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
