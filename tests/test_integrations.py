"""Engines beyond one machine: the datatrove step, and the Spark and Dask examples of
docs/scaling.md run as written. Each is skipped cleanly where its engine is not installed."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean

SCALING = Path(__file__).resolve().parents[1] / "docs" / "scaling.md"

ARTICLE = ("Storm reaches the northern coast\n"
           "Share\n"
           "Fishing boats tied up in the harbour (AP Photo/Jane Doe)\n"
           "The storm arrived during the night and brought strong winds to the coast, the "
           "weather service said on Tuesday.\n\n"
           "Thousands of homes were without power in the morning, and many roads were closed "
           "by fallen trees.\n")
ARTICLE_HTML = ("<html><body><article><h1>Council votes on the new bridge</h1>"
                "<p>The city council met on Monday evening to vote on a plan for a bridge across "
                "the river, after two years of debate.</p>"
                "<figure><img src=b.jpg><figcaption>The old bridge in winter (Reuters)"
                "</figcaption></figure>"
                "<p>The vote was close, and the mayor said that work could start in spring.</p>"
                "</article></body></html>")
CHROME = "Home\nNews\nSport\nShare\nSubscribe\n"


def doc_block(marker: str) -> str:
    """The fenced Python block that follows `<!-- marker ... -->` in docs/scaling.md."""
    text = SCALING.read_text(encoding="utf-8")
    match = re.search(r"<!-- " + re.escape(marker) + r".*?-->\s*```python\n(.*?)```", text,
                      re.S)
    assert match, f"no {marker} block in {SCALING}"
    return match.group(1)


# --- datatrove ------------------------------------------------------------------------------

def _datatrove():
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it
    from newsclean.integrations import datatrove as step
    return step


def _run_pipeline(tmp_path, step, records, name):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    src = tmp_path / f"in-{name}"
    src.mkdir()
    with open(src / "pages.jsonl", "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    out = tmp_path / f"out-{name}"
    executor = LocalPipelineExecutor(
        [JsonlReader(str(src)), step, JsonlWriter(str(out), compression=None)],
        tasks=1, workers=1, logging_dir=str(tmp_path / f"logs-{name}"))
    stats = executor.run()
    docs = [json.loads(line) for path in sorted(out.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    ours = next(s for s in stats.stats if "newsclean" in s.name)
    return docs, {k: v.total for k, v in ours.stats.items()}


RECORDS = [{"id": "text", "text": ARTICLE}, {"id": "html", "text": ARTICLE_HTML},
           {"id": "chrome", "text": CHROME}, {"id": "huge", "text": ARTICLE * 40}]


def test_datatrove_step_in_a_local_pipeline(tmp_path):
    step = _datatrove()
    docs, stats = _run_pipeline(tmp_path, step.NewscleanSegmenter(), RECORDS[:3], "default")
    assert [d["id"] for d in docs] == ["text", "html"]  # no article: counted and dropped
    for d, page in zip(docs, (ARTICLE, ARTICLE_HTML)):
        expected = newsclean.segment(page)
        assert d["metadata"]["newsclean"] == {"articles": expected.to_dict()["articles"]}
        assert d["text"] == expected.clean_text()
    assert stats["total"] == 3 and stats["forwarded"] == 2 and stats["dropped"] == 1
    assert stats["no_article"] == 1
    assert "failed" not in stats


def test_datatrove_step_counts_failures_and_drops_them(tmp_path):
    step = _datatrove()
    docs, stats = _run_pipeline(tmp_path, step.NewscleanSegmenter(max_chars=2000), RECORDS,
                                "failed")
    assert [d["id"] for d in docs] == ["text", "html"]
    assert stats["failed"] == 1 and stats["no_article"] == 1 and stats["dropped"] == 2


def test_datatrove_step_keep_chooses_what_goes_into_the_text(tmp_path):
    step = _datatrove()
    docs, _ = _run_pipeline(tmp_path, step.NewscleanSegmenter(keep=("body",)), RECORDS[:2],
                            "body")
    expected = newsclean.segment(ARTICLE_HTML)
    bodies = [b.text for b in expected.blocks if b.kind is newsclean.Kind.BODY]
    assert docs[1]["text"] == "\n\n".join(bodies)
    assert "Council votes" not in docs[1]["text"]

    docs, _ = _run_pipeline(tmp_path, step.NewscleanSegmenter(
        keep=("headline", "body", "caption"), with_dropped=True), RECORDS[1:2], "captions")
    kinds = {"headline", "body", "caption"}
    assert docs[0]["text"] == "\n\n".join(b.text for b in expected.blocks if b.kind in kinds)
    assert "dropped" in docs[0]["metadata"]["newsclean"]


def test_datatrove_step_keep_empty_keeps_pages_without_article_and_failures(tmp_path):
    step = _datatrove()
    segmenter = step.NewscleanSegmenter(keep_empty=True, max_chars=2000)
    docs, stats = _run_pipeline(tmp_path, segmenter, RECORDS, "keep")
    assert [d["id"] for d in docs] == ["text", "html", "chrome", "huge"]
    assert docs[2].get("text", "") == ""  # the writer leaves out empty fields
    assert docs[2]["metadata"]["newsclean"]["articles"] == []
    assert docs[3]["metadata"]["newsclean"]["error"]["type"] == "InputTooLarge"
    assert stats["no_article"] == 1 and stats["failed"] == 1 and stats["forwarded"] == 4


def test_datatrove_step_rejects_unknown_options():
    step = _datatrove()
    with pytest.raises(ValueError):
        step.NewscleanSegmenter(keep=("paragraph",))
    with pytest.raises(ValueError):
        step.NewscleanSegmenter(input="pdf")
    with pytest.raises(ValueError):
        step.NewscleanSegmenter(timeout=0)


def test_datatrove_step_text_is_document_clean_text_of_the_kinds_kept(tmp_path):
    step = _datatrove()
    expected = newsclean.segment(ARTICLE_HTML)
    assert expected.clean_text() == expected.clean_text(step.DEFAULT_KEEP)
    keep = ("headline", "caption")
    docs, _ = _run_pipeline(tmp_path, step.NewscleanSegmenter(keep=keep), RECORDS[1:2], "kept")
    assert docs[0]["text"] == expected.clean_text(keep)
    assert "(Reuters)" in docs[0]["text"] and "city council met" not in docs[0]["text"]


def test_datatrove_step_named_and_typed():
    step = _datatrove()
    s = step.NewscleanSegmenter()
    assert "newsclean" in s.name and s.type


# --- Spark ----------------------------------------------------------------------------------

def test_spark_example_of_the_docs_runs_in_local_mode(tmp_path, monkeypatch):
    pytest.importorskip("pyspark")
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java, and there is none on PATH")
    if subprocess.run(["java", "-version"], capture_output=True).returncode != 0:
        pytest.skip("java is on PATH but does not run")
    with open(tmp_path / "pages.jsonl", "w", encoding="utf-8") as fh:
        for id, page in (("a", ARTICLE_HTML), ("b", "<p>Share</p>"), ("c", "\x89PNG\r\n")):
            fh.write(json.dumps({"id": id, "html": page}) + "\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # workers import newsclean too
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    namespace: dict = {}
    try:
        exec(compile(doc_block("spark-example"), str(SCALING), "exec"), namespace)
    finally:
        if "spark" in namespace:
            namespace["spark"].stop()
    import pandas as pd

    rows = pd.read_parquet(tmp_path / "clean.parquet").sort_values("id").to_dict("records")
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    expected = newsclean.segment(ARTICLE_HTML, input="html")
    a = rows[0]
    assert a["ok"] and a["error"] is None and a["text"] == expected.clean_text()
    assert [(b["kind"], b["text"], b["start"], b["end"], b["credit"]) for b in a["blocks"]] == \
        [(b.kind.value, b.text, b.start, b.end, b.credit) for b in expected.blocks]
    assert rows[1]["ok"] and len(rows[1]["blocks"]) == 0
    assert rows[2]["ok"] in (True, False)  # whatever segment says of it, one typed row


# --- Dask -----------------------------------------------------------------------------------

def test_dask_example_of_the_docs_runs(tmp_path, monkeypatch):
    pytest.importorskip("dask.bag")
    for part, pages in enumerate(((("a", ARTICLE_HTML),), (("b", "<p>Share</p>"),))):
        with open(tmp_path / f"pages-{part}.jsonl", "w", encoding="utf-8") as fh:
            for id, page in pages:
                fh.write(json.dumps({"id": id, "html": page}) + "\n")
    monkeypatch.chdir(tmp_path)
    import dask

    with dask.config.set(scheduler="synchronous"):
        exec(compile(doc_block("dask-example"), str(SCALING), "exec"), {})
    lines = [json.loads(line) for path in sorted(tmp_path.glob("clean-*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["document"] == newsclean.segment(ARTICLE_HTML).to_dict()
