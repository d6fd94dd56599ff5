"""The two ways in: `segment_many()` for code and `run_batch()` for `newsclean batch`, and the
job a worker does with one chunk of pages (`run_chunk`)."""
from __future__ import annotations

import collections
import datetime
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, Any

from newsclean.batch.formats import FORMATS, Rendered, corpus_id, json_id, render
from newsclean.batch.inputs import Fields, check_inputs, iter_tasks
from newsclean.batch import journal as journals
from newsclean.batch.output import RESUME_TMP_SUFFIX, Earlier, Sink, id_key, prepare_resume
from newsclean.batch.pool import CHUNKSIZE, chunked, default_workers, ordered_map
from newsclean.batch.progress import Progress, Summary
from newsclean.batch.safe import Failure, Options, Task, check_options, segment_task
from newsclean.errors import BatchInputError, Timeout, WorkerCrashed
from newsclean.model import Document, Kind


def run_chunk(chunk: list[Task], options: Options) -> list:
    """A worker's task: the chunk's results, Documents and Failures; with `options.lines`,
    their output (`formats.Rendered`: bytes, the failure's type or None, …) instead."""
    results = [segment_task(t, options) for t in chunk]
    if options.lines:
        return [_as_line(t, r, options) for t, r in zip(chunk, results)]
    return results


def _as_line(task: Task, result: Document | Failure, options: Options) -> Rendered:
    return render(task, result, options)


def _crashed(task: Task, options: Options) -> Any:
    failure = Failure.of(task.id, WorkerCrashed(
        "the worker process died while segmenting this page (killed, out of memory, a crash)"))
    return _as_line(task, failure, options) if options.lines else failure


def _timed_out(task: Task, options: Options) -> Any:
    """A page the watchdog ended (stuck in C code, where the worker's own deadline cannot end
    it): the same Failure as a page its worker's deadline ended."""
    failure = Failure.of(task.id, Timeout(f"no result within {options.timeout:g} s"))
    return _as_line(task, failure, options) if options.lines else failure


def _map_chunks(tasks: Iterable[Task], options: Options, workers: int,
                chunksize: int) -> Iterator[tuple[list[Task], list]]:
    """(chunk, run_chunk's results) for each chunk of `tasks`, in order."""
    return ordered_map(partial(run_chunk, options=options), partial(_crashed, options=options),
                       chunked(tasks, chunksize), workers, timeout=options.timeout,
                       timed_out=partial(_timed_out, options=options))


# --- segment_many ---------------------------------------------------------------------------

def segment_many(pages: Iterable[str | bytes], *, workers: int | None = None,
                 lang: str | None = None, input: str = "auto", timeout: float | None = None,
                 chunksize: int = CHUNKSIZE) -> Iterator[Document | Failure]:
    """Segment many pages; yield a `Document` or a `Failure` for each page, in input order.

    `pages` is any iterable of `str` or `bytes`, read lazily: at most about
    `IN_FLIGHT_PER_WORKER * workers` chunks of `chunksize` pages are held at once.
    `workers` defaults to the CPUs available; `workers=1` segments in this process, without a
    pool (but with a `timeout`: then in one worker process). `lang` and `input` are those of
    `segment()`, for every page. `timeout` (seconds, per page) turns a slow page into a
    `Failure` of type "Timeout", even one stuck inside C code: its worker is killed and
    replaced (see `batch.pool`). A `Failure`'s `id` is the page's position in `pages` (from 0).

    With `workers > 1`, call it under `if __name__ == "__main__":` in a script (the start
    method of the platform may re-import the main module in the workers).
    """
    check_options(input=input, timeout=timeout, lang=lang)
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    options = Options(lang=lang, timeout=timeout)
    tasks = (Task(i, page, input, _size(page)) for i, page in enumerate(pages))
    # A generator of its own, so the checks above run at the call, not at the first next().
    return _results(tasks, options, workers, chunksize)


def _results(tasks: Iterable[Task], options: Options, workers: int,
             chunksize: int) -> Iterator[Document | Failure]:
    for _, results in _map_chunks(tasks, options, workers, chunksize):
        yield from results


def _size(page: Any) -> int:
    return len(page) if isinstance(page, (str, bytes, bytearray)) else 0


# --- newsclean batch ------------------------------------------------------------------------

def run_batch(inputs: list[str], out: str, *, workers: int | None = None,
              timeout: float | None = None, resume: bool = False, lang: str | None = None,
              input: str | None = None, fields: Fields = Fields(), with_text: bool = False,
              chunksize: int = CHUNKSIZE, progress: Progress | None = None,
              stdin: IO[bytes] | None = None, output_format: str = "newsclean",
              keep: Iterable[str] | None = None, split_articles: bool = False,
              report: Callable[[str], None] | None = None) -> Summary:
    """`newsclean batch`: segment every page of `inputs` into `out`, in input order, in
    `output_format` (see `batch.formats`; `keep`: the kinds the clean text holds). Raises
    BatchInputError for a run that cannot start (exit 2); pages that fail are counted in the
    Summary and are lines of their own, or, in the corpus formats, given to `report` (one line
    each; default: standard error)."""
    workers = default_workers() if workers is None else workers
    check_options(timeout=timeout, lang=lang)
    options = _batch_options(lang, timeout, with_text, output_format, keep, split_articles,
                             fields)
    check_inputs(inputs, out)
    if resume and out == "-":
        raise BatchInputError("--resume needs -o FILE: standard output cannot be resumed")
    journal = _journal(out, options, resume)
    earlier = Earlier()
    if resume and journal is None:
        journals.check_none(out)
        earlier = prepare_resume(out, corpus=_by_corpus_id(options))
    if journal is not None:
        earlier = Earlier(lines=journal.entry.documents,
                          failed=collections.Counter(journal.entry.failed))
    summary = Summary(documents=earlier.lines, earlier=earlier.lines,
                      failed=collections.Counter(earlier.failed), records=0)
    own = [out, out + RESUME_TMP_SUFFIX, journals.journal_path(out)] if out != "-" else []
    tasks = iter_tasks(inputs, fields=fields, input=input, skip=own, stdin=stdin,
                       skipped=summary.skipped)
    if earlier.ids:
        tasks = _not_done(tasks, earlier.ids, _by_corpus_id(options))
    try:
        if journal is not None:
            tasks = journal.skip_done(tasks)  # reads the documents done now: a mismatch stops
        sink = Sink(out, append=resume)
    except BaseException:
        if journal is not None:
            journal.close()
        raise
    report = report or _to_stderr(progress)
    start = time.perf_counter()
    mapped = _map_chunks(tasks, options, workers, chunksize)
    previous_term = _sigterm_as_interrupt()
    try:
        for chunk, results in mapped:
            data = [r.data for r in results]
            sink.write(data)
            if journal is not None:  # after the chunk's bytes: the journal never runs ahead
                journal.note(chunk, sum(map(len, data)), [r.failed for r in results if r.failed])
            _count(summary, chunk, results, report)
            if progress is not None:
                progress.update(summary.documents - summary.earlier, summary.bytes,
                                summary.failures)
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: what was done, for the caller to say
        exc.summary = summary
        raise
    finally:
        mapped.close()  # on an error or Ctrl-C: stop the pool now
        summary.seconds = time.perf_counter() - start
        if progress is not None:
            progress.close()
        sink.close()
        if journal is not None:
            journal.close()
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    if journal is not None:
        journal.finish()  # every document done and OUT closed: nothing left to resume
    return summary


def _journal(out: str, options: Options, resume: bool) -> journals.Journal | None:
    """The journal beside OUT, for the records that need one to be resumed (`batch.journal`):
    not for standard output or a device or FIFO, which cannot be resumed anyway. A fresh run
    whose records are resumed by id removes a journal an earlier run left."""
    regular = out != "-" and (not os.path.exists(out) or os.path.isfile(out))
    if not regular:
        if resume and journals.needs_journal(options):
            raise BatchInputError(f"--resume needs OUT to be a regular file, not {out}")
        return None
    if journals.needs_journal(options):
        return journals.start(out, options, resume)
    if not resume:
        journals.remove_stale(out)
    return None


def _batch_options(lang: str | None, timeout: float | None, with_text: bool, output_format: str,
                   keep: Iterable[str] | None, split_articles: bool, fields: Fields) -> Options:
    """The workers' Options; a BatchInputError for a format or kind that does not exist."""
    if output_format not in FORMATS:
        raise BatchInputError(f"output format must be one of {', '.join(FORMATS)}, "
                              f"not {output_format!r}")
    if keep is not None:
        keep = tuple(keep)
        unknown = [k for k in keep if k not in {kind.value for kind in Kind}]
        if unknown or not keep:
            raise BatchInputError(f"--keep: {', '.join(unknown) or 'no kind'} is no block kind "
                                  f"(kinds: {', '.join(k.value for k in Kind)})")
    if with_text and output_format != "newsclean":
        raise BatchInputError("--with-text adds the page's text to a newsclean record: "
                              f"not with --output-format {output_format}")
    added = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Options(lang=lang, timeout=timeout, lines=True, with_text=with_text,
                   format=output_format, keep=keep, split_articles=split_articles, added=added,
                   date_field=fields.date)


def _count(summary: Summary, chunk: list[Task], results: list[Rendered],
           report: Callable[[str], None]) -> None:
    """A chunk's figures into `summary`; its failures left out of OUT, to `report`."""
    summary.documents += len(results)
    summary.bytes += sum(t.size for t in chunk)
    summary.failed.update(r.failed for r in results if r.failed)
    summary.records += sum(r.records for r in results)
    summary.empty += sum(1 for r in results if not r.failed and not r.records)
    for r in results:
        if r.report:
            report(r.report)


def _to_stderr(progress: Progress | None) -> Callable[[str], None]:
    def report(line: str) -> None:
        if progress is not None:
            progress.note(f"newsclean: failed: {line}")
        else:
            print(f"newsclean: failed: {line}", file=sys.stderr, flush=True)
    return report


def _on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _sigterm_as_interrupt() -> Any:
    """SIGTERM ends a run as Ctrl-C does: the pool stopped, OUT's lines whole and a .gz closed
    (valid). Main thread only; returns the handler to put back, or None."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _on_sigterm)


def _by_corpus_id(options: Options) -> bool:
    return options.format in ("datatrove", "dolma")


def _not_done(tasks: Iterable[Task], done: collections.Counter,
              corpus: bool = False) -> Iterator[Task]:
    """`tasks` less those whose id OUT already holds (each line of OUT skips one task);
    `corpus`: ids compared as `corpus_id` writes them."""
    for task in tasks:
        key = id_key(corpus_id(json_id(task.id)) if corpus else task.id)
        if done[key] > 0:
            done[key] -= 1
            continue
        yield task
