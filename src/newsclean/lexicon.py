"""Language knowledge as data: one small JSON file a language in `data/`, loaded once.

Every list is optional help: the structural signals carry pages of languages with no file.
Entries are compared by their comparison key (keys.line_key), so spelling variants fold.
"""
from __future__ import annotations

import functools
import json
import string
import warnings
from importlib import resources

import attrs
import regex

from newsclean.keys import line_key

LIST_NAMES = ("credits", "credit_labels", "related_headings", "popular_headings",
              "comment_headings", "ui", "sections", "byline_prefixes", "date_words",
              "media_markers")


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
    # "(Photos)", "(فيديو)" after a title: what the link leads to, never a photo credit
    media_markers: frozenset[str] = frozenset()
    related_first_words: frozenset[str] = frozenset()  # a cheap test before matching headings


# The scripts a page is written in choose the word lists (a Latin page gets every Latin-script
# language's, an Arabic page Arabic's); English comes always (UI words in English appear on
# pages of every language). Each data file names its script.
# (Runs, not characters: scripts_of counts a script's characters as what deleting its runs
# takes away, one match a run instead of one a letter.)
SCRIPT_PATTERNS = {
    "Arabic": regex.compile(r"\p{Arabic}+"),
    "Cyrillic": regex.compile(r"\p{Cyrillic}+"),
    "Han": regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]+"),
    "Latin": regex.compile(r"\p{Latin}+"),
}
SCRIPT_SAMPLE = 20_000  # characters of the page looked at: enough to tell its scripts
SCRIPT_MIN_SHARE = 0.1  # a script with this share of the sample's letters is the page's
ALWAYS = "en"
_LANGUAGE_CODE = regex.compile(r"[a-z]{2,3}")
_ASCII = bytes(range(128))
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def available_languages() -> tuple[str, ...]:
    files = resources.files("newsclean").joinpath("data").iterdir()
    return tuple(sorted(f.name[:-5] for f in files
                        if f.name.endswith(".json") and not f.name.startswith("page_model")))


def scripts_of(text: str) -> frozenset[str]:
    """The scripts of SCRIPT_PATTERNS that hold a good share of the page's letters."""
    return _scripts_of_sample(text[:SCRIPT_SAMPLE])


# One entry: segment() asks twice of each page (for its lexicon, then for Document.meta).
@functools.lru_cache(maxsize=1)
def _scripts_of_sample(sample: str) -> frozenset[str]:
    # ASCII letters are Latin: counted in C; the patterns read only what is left. (In UTF-8 an
    # ASCII character is one byte and no other character has such a byte: deleting bytes
    # deletes characters.)
    data = sample.encode("utf-8", "surrogatepass")
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    rest = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    counts = {name: script_chars(name, rest) if rest else 0 for name in SCRIPT_PATTERNS}
    counts["Latin"] += ascii_letters
    total = sum(counts.values())
    return frozenset(name for name, n in counts.items() if n and n >= SCRIPT_MIN_SHARE * total)


def script_chars(script: str, text: str) -> int:
    """How many of `text`'s characters are in `script` (a name of SCRIPT_PATTERNS)."""
    return len(text) - len(SCRIPT_PATTERNS[script].sub("", text))


@functools.lru_cache(maxsize=256)
def normalise_lang(code: str | None) -> str | None:
    """A language code as the word lists name it: "ar-EG", "ara", "arb_Arab", "AR" → "ar".
    None for no code, or a code newsclean has no list for ("ko": the structure carries the
    page); a string that is no language code at all warns (once) and is left out."""
    if code is None:
        return None
    if not isinstance(code, str):
        raise TypeError(f"lang must be a language code (str) or None, not {type(code).__name__}")
    primary = regex.split(r"[-_\s]", code.strip().lower(), maxsplit=1)[0]
    if not _LANGUAGE_CODE.fullmatch(primary):
        warnings.warn(f"lang={code!r} is not a language code (ISO 639, BCP 47); ignored",
                      stacklevel=2)
        return None
    return _CODES.get(primary)


@functools.lru_cache(maxsize=None)
def _script(lang: str) -> str:
    return _load(lang).get("script", "Latin")


@functools.lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, list[str]]:
    path = resources.files("newsclean").joinpath("data", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def lexicon_for(lang: str | None = None, scripts: frozenset[str] | None = None) -> Lexicon:
    """The word lists for a page: those of every language written in the page's `scripts`,
    English's, and `lang`'s (a code as normalise_lang reads it). `lang` only adds: a wrong one
    never takes away the lists the page's script selects. With no script known (`scripts`
    None or empty) every list is used."""
    # (Built once per language and scripts: pages spell one language many ways, "en-US", "en".)
    return _lexicon(normalise_lang(lang), scripts or None)


@functools.lru_cache(maxsize=64)
def _lexicon(code: str | None, scripts: frozenset[str] | None) -> Lexicon:
    langs = available_languages()
    chosen = set(langs) if not scripts else {lang for lang in langs if _script(lang) in scripts}
    chosen.add(ALWAYS)
    if code is not None:
        chosen.add(code)
    merged: dict[str, set[str]] = {name: set() for name in LIST_NAMES}
    for lang in sorted(chosen):
        data = _load(lang)
        for name in LIST_NAMES:
            merged[name].update(line_key(w) for w in data.get(name, ()))
    firsts = frozenset(h.split(" ", 1)[0] for h in merged["related_headings"])
    return Lexicon(**{name: frozenset(words) for name, words in merged.items()},
                   related_first_words=firsts)


def _codes() -> dict[str, str]:
    """Every code that names a language with a word list, and that language."""
    out = {}
    for lang in available_languages():
        out[lang] = lang
        out.update((alias, lang) for alias in _load(lang).get("codes", ()))
    return out


_CODES = _codes()
