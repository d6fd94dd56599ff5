"""Segment scraped pages with newsclean in Spark: mapInPandas, a typed row per page.

    python examples/spark_local.py [PAGES] [OUT]

PAGES (default pages.jsonl) is JSON lines of {"id": ..., "html": ...} records, an HTML page
each. OUT (default clean.parquet) gets a row per page: ok or the error, the clean text,
and every block, typed. Runs Spark on this machine with 2 cores (local[2]: two Python worker
processes at once); under spark-submit, drop .master(...) and let the cluster decide.
"""
import os
import sys

import pandas as pd
from pyspark.sql import SparkSession

import newsclean

# One row a page: ok or the error, the clean text, and every block, typed.
SCHEMA = """
    id string, ok boolean, error string, text string,
    blocks array<struct<article: int, kind: string, text: string, start: int, end: int,
                        title: string, section: string, caption: string, credit: string,
                        summary: string, byline: string, video_duration: string>>
"""
FIELDS = ("title", "section", "caption", "credit", "summary", "byline", "video_duration")


def segment_pages(frames):
    """pandas frames of pages (id, html) in, frames of SCHEMA out."""
    for frame in frames:
        rows = []
        for id, page in zip(frame["id"], frame["html"]):
            try:
                doc = newsclean.segment(page, input="html")
            except newsclean.NewscleanError as exc:
                rows.append({"id": id, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                             "text": None, "blocks": []})
                continue
            blocks = [{"article": i, "kind": b.kind.value, "text": b.text, "start": b.start,
                       "end": b.end, **{f: getattr(b, f) for f in FIELDS}}
                      for i, article in enumerate(doc.articles) for b in article.blocks]
            rows.append({"id": id, "ok": True, "error": None, "text": doc.clean_text(),
                         "blocks": blocks})
        # Every field set in every row (None rather than missing): a missing value becomes a
        # pandas NaN, which Arrow cannot turn into an array of structs.
        yield pd.DataFrame(rows, columns=["id", "ok", "error", "text", "blocks"])


def main(pages="pages.jsonl", out="clean.parquet"):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import newsclean too
    spark = SparkSession.builder.master("local[2]").appName("newsclean").getOrCreate()
    try:
        clean = spark.read.json(pages).mapInPandas(segment_pages, schema=SCHEMA)
        clean.write.mode("overwrite").parquet(out)
    finally:
        spark.stop()


# Spark's Python workers import this file's functions: keep the run under the guard.
if __name__ == "__main__":
    main(*sys.argv[1:])
