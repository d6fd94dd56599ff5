"""The scripts of examples/ that docs/scaling.md shows run as a user runs them: `python
examples/NAME.py` in a folder of pages, as a subprocess, with the engine's own scheduler and two
workers (datatrove's LocalPipelineExecutor, its pool started by forkserver; Dask's processes
scheduler, started by spawn; Spark local[2]); the segment_many example, saved to a file, runs so
too. A script without its `__main__` guard hangs or
breaks there, which an in-process run with one worker never shows. Each test is skipped only
where its engine is not installed (or, for Spark, Java is missing)."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
import newsclean.examples
from newsclean.model import Kind

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCALING = ROOT / "docs" / "scaling.md"
SCRIPTS = ("datatrove_local.py", "dask_bag.py", "spark_local.py")
TIMEOUT = 300  # seconds for one script, startup of its engine included

ARABIC = newsclean.examples.read().decode("utf-8")  # two articles
COUNCIL = ("<html><body><article><h1>Council votes on the new bridge</h1>"
           "<p>The city council met on Monday evening to vote on a plan for a bridge across "
           "the river, after two years of debate.</p>"
           "<figure><img src=b.jpg><figcaption>The old bridge in winter (Reuters)"
           "</figcaption></figure>"
           "<p>The vote was close, and the mayor said that work could start in spring.</p>"
           "</article></body></html>")
CHROME = "<p>Share</p>"  # no article
BLANK = " \n "  # no article either (an empty text is left out by datatrove's reader)
PAGES = (("arabic", ARABIC), ("council", COUNCIL), ("chrome", CHROME), ("blank", BLANK))


def write_jsonl(path: Path, records) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for id, page in records:
            fh.write(json.dumps({"id": id, "html": page}) + "\n")


def run_script(name: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run([sys.executable, str(EXAMPLES / name)], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 0, f"{name} exited {proc.returncode}:\n{proc.stderr[-4000:]}"
    return proc


def read_lines(paths) -> list[dict]:
    out = []
    for path in sorted(paths):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


# --- the docs quote the scripts ------------------------------------------------------------

def test_the_docs_quote_each_script_verbatim():
    text = SCALING.read_text(encoding="utf-8")
    quoted = dict(re.findall(r"<!-- example: examples/([\w.]+) -->\s*```python\n(.*?)^```",
                             text, re.S | re.M))
    assert sorted(quoted) == sorted(SCRIPTS)
    for name in SCRIPTS:
        script = (EXAMPLES / name).read_text(encoding="utf-8")
        assert quoted[name] == script, f"docs/scaling.md's copy of examples/{name} differs"
        assert '\nif __name__ == "__main__":\n    main(' in script


# --- datatrove -----------------------------------------------------------------------------

def test_datatrove_script_runs_two_tasks_on_two_workers(tmp_path):
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it
    (tmp_path / "pages").mkdir()
    write_jsonl(tmp_path / "pages" / "a.jsonl", PAGES[:2])  # a file a task
    write_jsonl(tmp_path / "pages" / "b.jsonl", PAGES[2:])
    run_script("datatrove_local.py", tmp_path)

    executor = json.loads((tmp_path / "logs" / "executor.json").read_text(encoding="utf-8"))
    assert executor["tasks"] == 2 and executor["workers"] == 2
    assert len(list((tmp_path / "logs" / "completions").iterdir())) == 2
    docs = read_lines((tmp_path / "clean").glob("*.jsonl.gz"))
    assert sorted(d["id"] for d in docs) == ["arabic#0", "arabic#1", "council#0"]
    keep = {Kind.HEADLINE, Kind.BODY, Kind.CAPTION}
    for doc in docs:
        page, i = doc["id"].split("#")
        article = newsclean.segment(dict(PAGES)[page]).articles[int(i)]
        assert doc["text"] == "\n\n".join(b.text for b in article.blocks if b.kind in keep)
        meta = doc["metadata"]["newsclean"]
        assert meta["headline"] == article.headline and meta["article"] == int(i)
        assert [doc["text"][s:e] for s, e in meta["spans"]] == \
            [b.text for b in article.blocks if b.kind in keep]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    ours = next(s["stats"] for s in stats if "newsclean" in s["name"])
    assert ours["total"] == 4 and ours["extracted"] == 4 and "clean_error" not in ours
    assert ours["forwarded"] == 3 and ours["dropped"] == 2 and ours["no_article"] == 2


# --- Dask ----------------------------------------------------------------------------------

def test_dask_script_runs_on_the_processes_scheduler(tmp_path):
    pytest.importorskip("dask.bag")
    write_jsonl(tmp_path / "pages-0.jsonl", PAGES[:2])
    write_jsonl(tmp_path / "pages-1.jsonl", PAGES[2:])
    run_script("dask_bag.py", tmp_path)

    lines = read_lines(tmp_path.glob("clean-*.jsonl"))
    assert [line["id"] for line in lines] == [id for id, _ in PAGES]
    for line, (_, page) in zip(lines, PAGES):
        expected = newsclean.segment(page)
        assert line["ok"] and line["document"] == expected.to_dict()
        assert line["text"] == expected.clean_text()
    assert lines[0]["text"] and lines[1]["text"] and lines[2]["text"] == lines[3]["text"] == ""


# --- Spark ---------------------------------------------------------------------------------

def _java_runs() -> bool:
    if shutil.which("java") is None:
        return False
    return subprocess.run(["java", "-version"], capture_output=True).returncode == 0


def test_spark_script_runs_in_local_mode_with_two_cores(tmp_path):
    pytest.importorskip("pyspark")
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    if not _java_runs():
        pytest.skip("Spark needs Java, and there is none that runs on PATH")
    write_jsonl(tmp_path / "pages.jsonl", PAGES)
    run_script("spark_local.py", tmp_path)

    rows = {r["id"]: r for r in pd.read_parquet(tmp_path / "clean.parquet").to_dict("records")}
    assert sorted(rows) == sorted(id for id, _ in PAGES)
    for id in ("arabic", "council"):
        expected = newsclean.segment(dict(PAGES)[id], input="html")
        row = rows[id]
        assert row["ok"] and row["error"] is None and row["text"] == expected.clean_text()
        assert [(b["kind"], b["text"], b["start"], b["end"], b["credit"])
                for b in row["blocks"]] == \
            [(b.kind.value, b.text, b.start, b.end, b.credit) for b in expected.blocks]
    assert rows["council"]["text"]  # (the arabic page is text: read as HTML, it has none)
    for id in ("chrome", "blank"):
        assert rows[id]["ok"] and len(rows[id]["blocks"]) == 0 and rows[id]["text"] == ""


# --- segment_many --------------------------------------------------------------------------

def test_segment_many_example_runs_as_a_script_on_two_workers(tmp_path):
    """docs/scaling.md's segment_many example, saved to a file and run from the checkout as a
    user runs it: its pool of two workers, its __main__ guard."""
    text = SCALING.read_text(encoding="utf-8")
    section = text[text.index("## In Python: `segment_many`"):]
    code = re.search(r"```python\n(.*?)^```", section, re.S | re.M).group(1)
    assert 'if __name__ == "__main__":\n    main()' in code and "workers=2" in code
    script = tmp_path / "segment_many_example.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    paths = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "fixtures").glob("*.txt"))
    lines = proc.stdout.splitlines()
    assert len(lines) == len(paths) > 0
    for line, path in zip(lines, paths):
        assert line.startswith(path + " ")
        shown = line[len(path) + 1:]
        document = newsclean.segment((ROOT / path).read_bytes())
        assert shown == str([article.headline for article in document.articles])
