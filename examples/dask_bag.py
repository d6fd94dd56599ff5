"""Segment scraped pages with newsclean in a Dask bag, a process per CPU.

    python examples/dask_bag.py [PAGES] [OUT]

PAGES (default pages-*.jsonl) are JSONL files of {"id": ..., "html": ...} records, a page
each, text or HTML. OUT (default clean-*.jsonl) gets a line per page, a file per partition:
{"id", "ok": true, "text": its clean text, "document": Document.to_dict()}, or
{"id", "ok": false, "error": {"type", "message"}} for a page that gives no Document.
"""
import json
import sys

import dask.bag as db

import newsclean
from newsclean.batch import segment_safely


def segment_line(line):
    record = json.loads(line)
    result = segment_safely(record["html"], id=record["id"])
    if isinstance(result, newsclean.Failure):
        return json.dumps({"id": record["id"], "ok": False, "error": result.to_dict()})
    return json.dumps({"id": record["id"], "ok": True, "text": result.clean_text(),
                       "document": result.to_dict()})


def main(pages="pages-*.jsonl", out="clean-*.jsonl"):
    lines = db.read_text(pages).filter(str.strip)  # a partition per file; no blank lines
    lines.map(segment_line).to_textfiles(out, scheduler="processes", num_workers=2)


# The processes scheduler starts its workers by spawn, and each one imports this file: without
# the guard, each would start a computation of its own and the pool breaks (BrokenProcessPool).
if __name__ == "__main__":
    main(*sys.argv[1:])
