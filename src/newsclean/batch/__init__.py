"""Many pages: `segment_many()` for code, and the engine of `newsclean batch`.

One page is a pure function call (`segment`), so a batch is an ordered map over pages:

- **Order.** Results come back in input order whatever the number of workers, so the output of
  a run is byte-identical for any `workers`.
- **Bounded memory.** Inputs are read lazily and cut into chunks (`chunksize` pages, at most
  `CHUNK_BYTES` of input); at most `IN_FLIGHT_PER_WORKER` chunks a worker are read ahead. A
  10 GB dump never sits in memory.
- **One result per page.** A page that cannot be segmented (an exception of any kind, a
  timeout, a worker process that died on it) becomes a `Failure`, never a lost page or an
  aborted run.
- **Timeout per page.** Two layers. In the worker, `signal.setitimer` around each `segment`
  call (POSIX): cheap, ends Python-level slowness. In the parent, a watchdog (`pool`): a chunk
  not back within pages × timeout + `WATCHDOG_GRACE_S` (a page stuck inside C code, where no
  signal handler runs) has its pool killed and is re-run page by page in a fresh one, so only
  the stuck page becomes a `Timeout` failure. With a timeout, even `workers=1` uses one worker
  process: only a process can be stopped inside C code.

`workers=1` without a timeout runs in the calling process, without a pool. Otherwise a process pool runs the
chunks; a worker that dies (killed, out of memory) breaks the pool: the chunks in flight are
then re-run in a fresh pool, page by page for the chunk that broke it, and the page that kills a
worker alone becomes a `WorkerCrashed` failure.

One module a job:

- `safe` — one page: `segment_safely`, and the `segment_task` every path ends in (deadline,
  any exception a `Failure`);
- `pool` — the ordered, bounded process pool (`ordered_map`, `chunked`);
- `inputs` — reading files, folders and standard input as tasks; `records` — JSON and JSONL
  records; `warc` — WARC files (`read_warc`); `compress` — gzip and zstd, in and out;
- `formats` — the output records: newsclean, datatrove, dolma, text (`--output-format`);
- `output` — the output lines, OUT (plain, .gz or .zst) and `--resume` by ids;
- `journal` — `--resume` for the text format and `--split-articles` (`OUT.resume`);
- `progress` — the progress line and the summary of a run;
- `run` — `segment_many`, `run_batch`, and a worker's job for one chunk.
"""
from newsclean.batch.formats import FORMATS
from newsclean.batch.inputs import Fields, check_inputs, input_kind, iter_tasks, total_bytes
from newsclean.batch.output import prepare_resume, result_line
from newsclean.batch.pool import CHUNK_BYTES, CHUNKSIZE, IN_FLIGHT_PER_WORKER, default_workers
from newsclean.batch.progress import Progress, Summary, progress_line
from newsclean.batch.run import run_batch, segment_many
from newsclean.batch.safe import Failure, Options, Task, segment_safely, segment_task
from newsclean.batch.warc import WarcRecord, read_warc
from newsclean.errors import BadRecord, BatchInputError, EmptyPage, Timeout, WorkerCrashed

__all__ = [
    "segment_many", "segment_safely", "run_batch", "Failure",
    "Fields", "Progress", "Summary",
    "Timeout", "WorkerCrashed", "EmptyPage", "BadRecord", "BatchInputError",
    "CHUNKSIZE", "CHUNK_BYTES", "IN_FLIGHT_PER_WORKER", "default_workers",
    "check_inputs", "input_kind", "iter_tasks", "total_bytes", "prepare_resume", "result_line",
    "progress_line",
    "Options", "Task", "segment_task",
    "FORMATS", "read_warc", "WarcRecord",
]
