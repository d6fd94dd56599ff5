"""Renderers: a Document in, a string out. The model knows none of them; the CLI picks one.

- `to_json(doc)` — `Document.to_dict()` as indented UTF-8 JSON (`newsclean segment`'s default);
- `to_text(doc)` — `Document.clean_text()`;
- `to_markdown(doc)` — one Markdown section per article (markdown.py);
- `to_html(doc, *, title=None)` — the inspection page `newsclean show` writes (report.py).

`FORMATS` maps each `newsclean segment --format` name to its renderer.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from newsclean.model import Document
from newsclean.render.markdown import to_markdown
from newsclean.render.report import to_html

__all__ = ["to_json", "to_text", "to_markdown", "to_html", "FORMATS"]


def to_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)


def to_text(doc: Document) -> str:
    return doc.clean_text()


FORMATS: dict[str, Callable[[Document], str]] = {
    "json": to_json, "text": to_text, "markdown": to_markdown,
}
