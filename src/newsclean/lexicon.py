"""Language knowledge as data: one small JSON file a language in `data/`, loaded once.

Every list is optional help: the structural signals carry pages of languages with no file.
Entries are compared by their comparison key (keys.line_key), so spelling variants fold.
"""
from __future__ import annotations

import functools
import json
from importlib import resources

import attrs

from newsclean.keys import line_key

LIST_NAMES = ("credits", "credit_labels", "related_headings", "popular_headings",
              "comment_headings", "ui", "sections", "byline_prefixes", "date_words")


@attrs.frozen(slots=True)
class Lexicon:
    """Keyed word lists, merged over the languages chosen."""

    credits: frozenset[str]
    credit_labels: frozenset[str]
    related_headings: frozenset[str]
    popular_headings: frozenset[str]  # "Most read", "الأكثر قراءة": a list of other stories, chrome
    comment_headings: frozenset[str]
    ui: frozenset[str]
    sections: frozenset[str]
    byline_prefixes: frozenset[str]
    date_words: frozenset[str]  # "ago", "vor", "منذ": a number with one of them is a timestamp
    related_first_words: frozenset[str] = frozenset()  # a cheap test before matching headings


def available_languages() -> tuple[str, ...]:
    files = resources.files("newsclean").joinpath("data").iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".json")))


@functools.lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, list[str]]:
    path = resources.files("newsclean").joinpath("data", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def lexicon_for(lang: str | None) -> Lexicon:
    """The word lists for `lang`, plus English (UI words in English appear on pages of every
    language); with no `lang`, or one with no file, every language's lists merged."""
    langs = available_languages()
    chosen = (lang, "en") if lang in langs else langs
    merged: dict[str, set[str]] = {name: set() for name in LIST_NAMES}
    for code in chosen:
        data = _load(code)
        for name in LIST_NAMES:
            merged[name].update(line_key(w) for w in data.get(name, ()))
    firsts = frozenset(h.split(" ", 1)[0] for h in merged["related_headings"])
    return Lexicon(**{name: frozenset(words) for name, words in merged.items()},
                   related_first_words=firsts)
