"""The systems a benchmark run compares: newsclean, two baselines, and the peers (peers.py).

A system takes one page's input (the .txt on the text track, the .html on the HTML track) and its
language, and returns a prediction in the gold-file shape: {"articles": [{"blocks": [...]}]}.
Every system says which kinds it can produce; tables show the others as "–" rather than charge a
body extractor for not finding captions.

Baselines (both tracks):
- every-line: every non-blank line of the input is a body block.
- unique-lines: the same, keeping only the first copy of each line (compared by NFKC + casefold).
On the HTML track, the "lines" are the text nodes of the page as selectolax gives them, with
script, style, noscript and template elements removed.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

from benchmarks import peers
from benchmarks.prediction import nonblank_lines, prediction

ALL_KINDS = frozenset({"headline", "caption", "body", "teaser", "standfirst", "subheading"})
BODY_ONLY = frozenset({"body"})


@dataclass(frozen=True)
class System:
    """One extractor on one track."""

    name: str
    track: str
    produces: frozenset[str]
    run: Callable[[str, str | None], dict]
    note: str = ""


# --- newsclean ---------------------------------------------------------------------------------

def run_newsclean(page: str, lang: str | None) -> dict:
    import newsclean

    return newsclean.segment(page, lang=lang).to_dict()


# --- baselines ---------------------------------------------------------------------------------

def html_text_lines(html: str) -> list[str]:
    """The visible text nodes of an HTML page, one a line (selectolax, scripts and styles out)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template"])
    root = tree.body or tree.root
    return nonblank_lines(root.text(separator="\n")) if root is not None else []


def unique(lines: list[str]) -> list[str]:
    seen, out = set(), []
    for line in lines:
        key = unicodedata.normalize("NFKC", line).casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def every_line_text(page: str, lang: str | None) -> dict:
    return prediction(nonblank_lines(page))


def unique_lines_text(page: str, lang: str | None) -> dict:
    return prediction(unique(nonblank_lines(page)))


def every_line_html(page: str, lang: str | None) -> dict:
    return prediction(html_text_lines(page))


def unique_lines_html(page: str, lang: str | None) -> dict:
    return prediction(unique(html_text_lines(page)))


# --- the registry ------------------------------------------------------------------------------

def all_systems(track: str) -> tuple[list[System], list[str]]:
    """Every system that can run on `track` in this environment, and notes on those that cannot."""
    if track == "text":
        systems = [
            System("newsclean", "text", ALL_KINDS, run_newsclean, "newsclean.segment(text)"),
            System("every-line", "text", BODY_ONLY, every_line_text, "baseline: every line as body"),
            System("unique-lines", "text", BODY_ONLY, unique_lines_text, "baseline: every unique line as body"),
        ]
    else:
        systems = [
            System("newsclean", "html", ALL_KINDS, run_newsclean, "newsclean.segment(html)"),
            System("every-line", "html", BODY_ONLY, every_line_html,
                   "baseline: every text node of the HTML as body"),
            System("unique-lines", "html", BODY_ONLY, unique_lines_html,
                   "baseline: every unique text node of the HTML as body"),
        ]
    notes = []
    for peer in peers.PEERS[track]:
        missing = peers.missing_modules(peer)
        if missing:
            notes.append(f"{peer.name} ({track}): skipped, not installed ({', '.join(missing)}); "
                         "pip install -e '.[bench]'")
            continue
        produces = frozenset({"headline", "body"}) if peer.gives_title else BODY_ONLY
        systems.append(System(peer.name, track, produces, peer.run, peer.note))
    return systems, notes


def choose(systems: list[System], names: list[str] | None) -> tuple[list[System], list[str]]:
    """Keep the systems named in `names` (all when None); notes for names not available."""
    if not names:
        return systems, []
    known = {s.name for s in systems}
    notes = [f"{n} ({systems[0].track if systems else '?'}): not available on this track or not installed"
             for n in names if n not in known]
    return [s for s in systems if s.name in names], notes
