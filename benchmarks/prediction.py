"""The prediction shape every system returns, and the line splitting the baselines and peers share.

A prediction is a dict in the gold-file shape of `shared/corpora/FORMAT.md`:
{"articles": [{"blocks": [{"kind": ..., "text": ...}, ...]}]}; newsclean's `Document.to_dict()`
already is one, and the helpers here make one from an extractor's title and body text.
"""
from __future__ import annotations


def nonblank_lines(text: str | None) -> list[str]:
    """The non-blank lines of a text, stripped (split on \\n, as the gold's line numbers are)."""
    return [s for s in (line.strip() for line in (text or "").split("\n")) if s]


def prediction(body_lines: list[str], headline: str | None = None) -> dict:
    """A one-article prediction: an optional headline block, then one body block a line."""
    blocks = [{"kind": "headline", "text": headline.strip()}] if headline and headline.strip() else []
    blocks += [{"kind": "body", "text": line} for line in body_lines]
    return {"articles": [{"blocks": blocks}] if blocks else []}


EMPTY = {"articles": []}
