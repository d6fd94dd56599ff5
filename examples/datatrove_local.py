"""Segment scraped pages with newsclean in a datatrove pipeline, on this machine.

    python examples/datatrove_local.py [PAGES_DIR] [OUT_DIR] [LOGS_DIR]

PAGES_DIR (default pages/) holds JSONL files of {"id": ..., "html": ...} records, a page each,
text or HTML. OUT_DIR (default clean/) gets one document per article, gzipped JSONL: its id the
page's with "#0", "#1", ... after it, its text the article's headline, body and captions, and
metadata["newsclean"] the kind and [start, end] in that text of each block. LOGS_DIR (default
logs/) gets datatrove's logs and stats; a task done there is not run again.
"""
import sys

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newsclean.integrations.datatrove import NewscleanExtractor


def main(pages="pages/", out="clean/", logs="logs/"):
    pipeline = [
        JsonlReader(pages, text_key="html"),  # or WarcReader for a crawl's WARC files
        NewscleanExtractor(keep=("headline", "body", "caption"), split_articles=True),
        JsonlWriter(out),
    ]
    # tasks share the input files among them; workers: how many tasks run at once
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=logs).run()


# The executor's workers are started by forkserver, and each one imports this file: without the
# guard, each would start a pipeline of its own.
if __name__ == "__main__":
    main(*sys.argv[1:])
