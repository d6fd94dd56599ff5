"""The datatrove extractor, NewscleanExtractor: a datatrove BaseExtractor whose pages are
segmented in a child process, its stats datatrove's, its metadata light and indexing the stored
text. The engines' example scripts run in tests/test_scaling_examples.py. Tests that need
datatrove are skipped where it is not installed; what a page becomes is checked without it."""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
import newsclean.examples
from newsclean.integrations import extracted
from newsclean.integrations.extracted import DEFAULT_KEEP, Extraction, clean_text_with_spans

ROOT = Path(__file__).resolve().parents[1]
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
TWO_ARTICLES = newsclean.examples.read().decode("utf-8")
CHROME = "Home\nNews\nSport\nShare\nSubscribe\n"
KEEPS = (DEFAULT_KEEP, ("body",), ("headline", "body", "caption"), ("caption",), ())


# --- what a page becomes (no datatrove needed) ----------------------------------------------

@pytest.mark.parametrize("keep", KEEPS)
def test_stored_text_is_clean_text_and_its_spans_index_it(keep):
    pages = [TWO_ARTICLES, ARTICLE, ARTICLE_HTML, CHROME]
    pages += [open(p, "rb").read() for p in sorted(glob.glob(str(ROOT / "tests/fixtures/*.*")))
              if p.endswith((".txt", ".html"))]
    for page in pages:
        document = newsclean.segment(page)
        text, spans = clean_text_with_spans(document.articles, [newsclean.Kind(k) for k in keep])
        assert text == document.clean_text(keep)
        kept = [b for b in document.blocks if b.kind.value in keep]
        assert [(k, text[s:e]) for k, s, e in spans] == [(b.kind.value, b.text) for b in kept]


def test_a_split_page_gives_each_article_its_own_text_and_spans():
    document = newsclean.segment(TWO_ARTICLES)
    assert len(document.articles) == 2
    units = Extraction(split_articles=True).page(TWO_ARTICLES).units
    assert [u.suffix for u in units] == ["#0", "#1"]
    for i, (unit, article) in enumerate(zip(units, document.articles)):
        assert unit.text == newsclean.Document("", [article], []).clean_text()
        assert unit.metadata["article"] == i and unit.metadata["articles"] == 2
        assert unit.metadata["headline"] == article.headline
        kept = [b for b in article.blocks if b.kind.value in DEFAULT_KEEP]
        assert unit.metadata["kinds"] == [b.kind.value for b in kept]
        assert [unit.text[s:e] for s, e in unit.metadata["spans"]] == [b.text for b in kept]


def test_extraction_never_raises(monkeypatch):
    assert Extraction(max_chars=100).page(ARTICLE * 10).failure.type == "InputTooLarge"
    assert Extraction().page(b"\x89PNG\r\n\x1a\n\x00\xff\xfe").failure.type == "DecodeError"

    def broken(*args, **kwargs):
        raise RuntimeError("a bug of ours")
    monkeypatch.setattr(extracted, "segment_safely", broken)
    result = Extraction().page(ARTICLE)
    assert result.units == () and result.failure.type == "RuntimeError"


def test_extraction_rejects_unknown_options():
    with pytest.raises(ValueError):
        Extraction(keep=("paragraph",))
    with pytest.raises(ValueError):
        Extraction(input="pdf")
    with pytest.raises(ValueError, match="full_metadata"):
        Extraction(with_dropped=True)


def test_newsclean_imports_without_datatrove():
    code = ("import sys; sys.modules['datatrove'] = None\n"
            "import newsclean, newsclean.integrations, newsclean.integrations.extracted\n"
            "print(newsclean.segment('x').articles)\n"
            "try:\n    import newsclean.integrations.datatrove\n"
            "except ImportError as exc:\n    print('ImportError:', exc)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 0, proc.stderr
    assert "ImportError: newsclean.integrations.datatrove needs datatrove" in proc.stdout
    assert "pip install -e '.[datatrove]'" in proc.stdout


# --- the extractor --------------------------------------------------------------------------

def _datatrove():
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it
    from newsclean.integrations import datatrove as step
    return step


def _run(step, pages, **metadata):
    """`step.run` over documents {id: page}: the documents out, and the step's stats."""
    from datatrove.data import Document

    docs = [Document(text=page, id=id, metadata=dict(metadata)) for id, page in pages.items()]
    out = list(step.run(iter(docs)))
    return out, {k: v.total for k, v in step.stats.stats.items()}


def test_extractor_is_a_datatrove_extractor_with_a_default_timeout():
    step = _datatrove()
    from datatrove.pipeline.extractors.base import BaseExtractor

    extractor = step.NewscleanExtractor()
    assert isinstance(extractor, BaseExtractor)
    assert extractor.timeout == step.DEFAULT_TIMEOUT > 0
    assert "newsclean" in extractor.name and extractor.type == BaseExtractor.type
    assert extractor.extract(ARTICLE_HTML) == newsclean.segment(ARTICLE_HTML).clean_text()
    assert extractor.extract(b"\x00\xff\xfe\x89PNG") == ""  # never raises
    assert extractor.extract(CHROME) == ""


def test_extractor_in_a_local_pipeline_writes_text_and_light_metadata(tmp_path):
    step = _datatrove()
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    (tmp_path / "in").mkdir()
    pages = {"two": TWO_ARTICLES, "html": ARTICLE_HTML, "chrome": CHROME}
    with open(tmp_path / "in" / "pages.jsonl", "w", encoding="utf-8") as fh:
        for id, page in pages.items():
            fh.write(json.dumps({"id": id, "text": page}) + "\n")
    LocalPipelineExecutor([JsonlReader(str(tmp_path / "in")), step.NewscleanExtractor(),
                           JsonlWriter(str(tmp_path / "out"), compression=None)],
                          tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    docs = [json.loads(line) for line in
            (tmp_path / "out" / "00000.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["two", "html"]  # no article: counted and dropped
    for doc in docs:
        expected = newsclean.segment(pages[doc["id"]])
        meta = doc["metadata"]["newsclean"]
        assert doc["text"] == expected.clean_text()
        assert sorted(meta) == ["articles", "headline", "kinds", "spans"]
        assert meta["articles"] == len(expected.articles)
        assert meta["headline"] == expected.articles[0].headline
        kept = [b for b in expected.blocks if b.kind.value in DEFAULT_KEEP]
        assert meta["kinds"] == [b.kind.value for b in kept]
        assert [doc["text"][s:e] for s, e in meta["spans"]] == [b.text for b in kept]
        size = len(json.dumps(meta, ensure_ascii=False).encode())  # light: spans, no copy
        assert size < len(doc["text"].encode())
        assert size < len(json.dumps(expected.to_dict(), ensure_ascii=False).encode()) / 2
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    ours = next(s["stats"] for s in stats if "newsclean" in s["name"])
    assert {k: ours[k] for k in ("total", "extracted", "forwarded", "dropped", "no_article")} \
        == {"total": 3, "extracted": 3, "forwarded": 2, "dropped": 1, "no_article": 1}


def test_full_metadata_is_the_documents_to_dict():
    step = _datatrove()
    expected = newsclean.segment(ARTICLE)
    out, _ = _run(step.NewscleanExtractor(full_metadata=True), {"a": ARTICLE})
    assert out[0].metadata["newsclean"]["page"] == {k: expected.to_dict()[k] for k in ("articles", "meta")}
    out, _ = _run(step.NewscleanExtractor(full_metadata=True, with_dropped=True,
                                          with_text=True), {"a": ARTICLE})
    assert out[0].metadata["newsclean"]["page"] == expected.to_dict(with_text=True)
    assert out[0].text == expected.clean_text()


def test_split_articles_gives_a_document_per_article_with_suffixed_ids():
    step = _datatrove()
    expected = newsclean.segment(TWO_ARTICLES)
    extractor = step.NewscleanExtractor(split_articles=True, full_metadata=True,
                                        with_dropped=True)
    out, stats = _run(extractor, {"p": TWO_ARTICLES, "q": ARTICLE}, source="crawl-1")
    assert [d.id for d in out] == ["p#0", "p#1", "q#0"]
    for doc, article in zip(out, expected.articles):
        assert doc.text == newsclean.Document("", [article], []).clean_text()
        assert doc.metadata["source"] == "crawl-1"  # the page's own metadata, on each
        assert doc.metadata["newsclean"]["page"]["articles"] == [article.to_dict()]
    assert "dropped" in out[0].metadata["newsclean"]["page"]  # the page's: with its first
    assert "dropped" not in out[1].metadata["newsclean"]["page"]
    assert stats["total"] == 2 and stats["extracted"] == 2 and stats["forwarded"] == 3


def test_a_failing_page_is_counted_and_dropped_or_kept_with_its_error():
    step = _datatrove()
    pages = {"a": ARTICLE, "huge": ARTICLE * 40, "chrome": CHROME}
    out, stats = _run(step.NewscleanExtractor(max_chars=2000), pages)
    assert [d.id for d in out] == ["a"]
    assert stats["clean_error"] == 1 and stats["no_article"] == 1 and stats["dropped"] == 2
    assert stats["extracted"] == 2 and stats["forwarded"] == 1 and stats["total"] == 3
    out, stats = _run(step.NewscleanExtractor(max_chars=2000, keep_empty=True), pages)
    assert [d.id for d in out] == ["a", "huge", "chrome"]
    assert out[1].text == "" and out[1].metadata["newsclean"]["error"]["type"] == "InputTooLarge"
    assert out[2].text == "" and out[2].metadata["newsclean"]["articles"] == 0
    assert stats["forwarded"] == 3


def test_lang_key_takes_each_documents_language(monkeypatch):
    step = _datatrove()
    seen = []

    def recording(page, *, lang=None, **kwargs):
        return newsclean.Failure(None, "Seen", str(lang))
    monkeypatch.setattr(extracted, "segment_safely", recording)  # the child is forked after
    out, _ = _run(step.NewscleanExtractor(lang_key="language", lang="fr", keep_empty=True),
                  {"a": ARTICLE}, language="ar")
    seen.append(out[0].metadata["newsclean"]["error"]["message"])
    out, _ = _run(step.NewscleanExtractor(lang="fr", keep_empty=True), {"a": ARTICLE})
    seen.append(out[0].metadata["newsclean"]["error"]["message"])
    assert seen == ["ar", "fr"]


def test_options_are_checked_at_construction():
    step = _datatrove()
    for options in ({"keep": ("paragraph",)}, {"input": "pdf"}, {"timeout": 0},
                    {"timeout": None}, {"with_text": True}):
        with pytest.raises(ValueError):
            step.NewscleanExtractor(**options)


def test_the_old_name_still_works_deprecated():
    step = _datatrove()
    with pytest.warns(DeprecationWarning, match="NewscleanExtractor"):
        old = step.NewscleanSegmenter(keep=("body",))
    assert isinstance(old, step.NewscleanExtractor) and old.timeout == step.DEFAULT_TIMEOUT
    out, stats = _run(old, {"a": ARTICLE_HTML})
    expected = newsclean.segment(ARTICLE_HTML)
    assert out[0].metadata["newsclean"]["page"] == {k: expected.to_dict()[k] for k in ("articles", "meta")}
    assert out[0].text == expected.clean_text(("body",)) and stats["extracted"] == 1


def test_a_page_over_the_timeout_or_killing_its_process_costs_that_page_only():
    step = _datatrove()
    import signal

    class Hostile(step.NewscleanExtractor):
        def extract_page(self, text, lang=None):
            if text == "HANG":  # a call no signal stops, as one stuck in a C parser
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGINT})
                while True:
                    pass
            if text == "CRASH":
                os._exit(137)  # the child dies, as it does when the kernel kills it (OOM)
            return super().extract_page(text, lang)

    pages = {"hang": "HANG", "a": ARTICLE, "crash": "CRASH", "b": ARTICLE_HTML}
    out, stats = _run(Hostile(timeout=2, keep_empty=True), pages)
    assert [d.id for d in out] == ["hang", "a", "crash", "b"]
    assert [d.metadata["newsclean"].get("error", {}).get("type") for d in out] == \
        ["Timeout", None, "WorkerCrashed", None]
    assert out[1].text == newsclean.segment(ARTICLE).clean_text() and out[3].text
    assert stats["timeout"] == 1 and stats["broken_process"] == 1 and stats["extracted"] == 2


# --- newsclean batch's output, read by the formats' own readers -----------------------------

@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz", "corpus.jsonl.zst"])
def test_batch_datatrove_output_is_what_datatrove_s_jsonl_reader_reads(tmp_path, name):
    _datatrove()
    if name.endswith(".zst"):
        pytest.importorskip("zstandard")
    from datatrove.pipeline.readers import JsonlReader

    pages = {"two": TWO_ARTICLES, 17: ARTICLE, "html": ARTICLE_HTML}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": id, "html" if id == "html" else "text": page,
                                       "url": f"https://x.org/{id}", "crawl": {"n": 1}}) + "\n"
                           for id, page in pages.items()), encoding="utf-8")
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / name
    newsclean.batch.run_batch([str(src)], str(out), workers=1, output_format="datatrove",
                              split_articles=True)
    docs = list(JsonlReader(str(tmp_path / "out"), compression="infer")())
    want = [(f"{id}#{i}", article) for id, page in pages.items()
            for i, article in enumerate(newsclean.segment(page).articles, 1)]
    assert [d.id for d in docs] == [id for id, _ in want]
    for doc, (id, article) in zip(docs, want):
        assert isinstance(doc.id, str) and doc.text
        page_id = id.rsplit("#", 1)[0]
        assert doc.metadata["url"] == f"https://x.org/{page_id}"
        assert doc.metadata["crawl"] == {"n": 1}
        assert doc.metadata["newsclean"]["article"] == int(id.rsplit("#", 1)[1])
        assert article.headline in doc.text
