"""The shapes of `newsclean batch`'s output records (`--output-format`), rendered in the worker.

- `newsclean`: `{"id", "ok": true, "text", "document", "metadata"}` — `text` the clean text
  (`Document.clean_text(keep)`), `document` `Document.to_dict()`; a failure is
  `{"id", "ok": false, "error": {"type", "message"}, "metadata"}`. One line a document.
- `datatrove`: `{"text", "id", "metadata"}`, what datatrove's JsonlReader reads.
- `dolma`: `{"id", "text", "source", "added", "created", "metadata"}`, Dolma's document shape.
  In both the id is a string (`corpus_id`): an input id 17 is "17".
- `text`: the clean text alone, each record followed by a line holding only a form feed.

`metadata` is the input record's fields less its page (untouched), plus, for datatrove and
dolma, a light `newsclean` summary (articles, blocks by kind). With `--split-articles` each
article is a record of its own, its id suffixed `#1`, `#2`… (its place in the page). The corpus
formats (datatrove, dolma, text) write no record for a document that failed (it is reported on
standard error and in the summary) nor for one whose clean text is empty.
"""
from __future__ import annotations

import collections
import json
import math
from typing import Any, NamedTuple

import attrs

from newsclean.batch.safe import Failure, Options, Task
from newsclean.model import Document

FORMATS = ("newsclean", "datatrove", "dolma", "text")
CORPUS_FORMATS = ("datatrove", "dolma", "text")
TEXT_END = "\n\f\n"  # ends each record of the text format: a line holding only a form feed
DOLMA_SOURCE = "newsclean"


class Rendered(NamedTuple):
    """A task's output: its bytes (0 or more records), the failure's type or None, the line
    standard error gets for it (a failure the corpus formats leave out of OUT) and how many
    records it wrote."""

    data: bytes
    failed: str | None
    report: str | None
    records: int


def json_id(id: Any) -> Any:
    """`id` as valid JSON can hold it: NaN and ±Infinity (which JSONL input may hold, and
    `json.dumps` would write bare, invalid JSON) become the strings "NaN", "Infinity",
    "-Infinity", inside lists and objects too."""
    if isinstance(id, float) and not math.isfinite(id):
        return "NaN" if math.isnan(id) else ("Infinity" if id > 0 else "-Infinity")
    if isinstance(id, list):
        return [json_id(x) for x in id]
    if isinstance(id, dict):
        return {k: json_id(v) for k, v in id.items()}
    return id


def corpus_id(id: Any) -> str:
    """The id of a datatrove or dolma record: a string, as both define it (datatrove's
    `Document.id`, dolma's `id` field). An input id of another JSON type (a number, a list) is
    written as its JSON text: 17 as "17"."""
    if isinstance(id, str):
        return id
    return json.dumps(json_id(id), ensure_ascii=False, sort_keys=True, allow_nan=False)


def dumps(record: dict) -> bytes:
    """One JSON line, UTF-8; a lone surrogate is \\u-escaped. What came from the input (the
    id, the metadata) must have been through `json_id` (`render` does)."""
    try:
        return (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, allow_nan=False) + "\n").encode("ascii")


def render(task: Task, result: Document | Failure, options: Options) -> Rendered:
    """The output of one task in `options.format`."""
    task = task._replace(id=json_id(task.id), meta=json_id(task.meta))
    if options.format in ("datatrove", "dolma"):
        task = task._replace(id=corpus_id(task.id))
    if isinstance(result, Failure):
        if options.format in CORPUS_FORMATS:
            return Rendered(b"", result.type, f"{task.id}: {result.type}: {result.message}", 0)
        record = {"id": task.id, "ok": False, "error": result.to_dict()}
        return Rendered(dumps(_with_meta(record, task.meta)), result.type, None, 1)
    records = [r for r in (_record(id, doc, task, options, info)
                           for id, doc, info in _units(task.id, result, options)) if r]
    return Rendered(b"".join(records), None, None, len(records))


def _units(id: Any, doc: Document, options: Options) -> list[tuple[Any, Document, dict]]:
    """(id, document, newsclean info) of each record: the document, or each of its articles."""
    if not options.split_articles:
        return [(id, doc, {"articles": len(doc.articles), "kinds": _kinds(doc)})]
    n = len(doc.articles)
    units = []
    for i, article in enumerate(doc.articles, 1):
        part = attrs.evolve(doc, articles=(article,), dropped=())
        units.append((f"{id}#{i}", part, {"article": i, "articles": n, "kinds": _kinds(part)}))
    return units


def _kinds(doc: Document) -> dict[str, int]:
    return dict(collections.Counter(b.kind.value for b in doc.blocks))


def _clean_text(doc: Document, options: Options) -> str:
    return doc.clean_text() if options.keep is None else doc.clean_text(keep=options.keep)


def _with_meta(record: dict, meta: dict | None) -> dict:
    if meta:
        record["metadata"] = meta
    return record


def _record(id: Any, doc: Document, task: Task, options: Options, info: dict) -> bytes:
    """One record's bytes; b"" for a corpus record without text."""
    text = _clean_text(doc, options)
    if options.format == "newsclean":
        record: dict[str, Any] = {"id": id, "ok": True, "text": text}
        if options.split_articles:
            record["article"] = doc.articles[0].to_dict()
        else:
            record["document"] = doc.to_dict(with_text=options.with_text)
        return dumps(_with_meta(record, task.meta))
    if not text.strip():
        return b""
    if options.format == "text":
        return (text.replace("\f", " ") + TEXT_END).encode("utf-8", "replace")
    meta = dict(task.meta or {})
    meta.setdefault("newsclean", info)
    if options.format == "datatrove":
        return dumps({"text": text, "id": id, "metadata": meta})
    return dumps(_dolma(id, text, task.meta or {}, options, meta))


def _dolma(id: Any, text: str, fields: dict, options: Options, meta: dict) -> dict:
    source = fields.get("source")
    created = fields.get(options.date_field) if options.date_field else None
    return {"id": id, "text": text,
            "source": source if isinstance(source, str) and source else DOLMA_SOURCE,
            "added": options.added,
            "created": created if isinstance(created, str) and created else options.added,
            "metadata": meta}
