"""The JSON-LD articleBody as the page's text, when the page shows none of it.

Some pages print the article only from a script: the markup holds the headline and the chrome,
and the text sits in `<script type="application/ld+json">`'s `articleBody` (or in a payload no
reader sees until the script runs). A reader of such a page sees the article; newsclean would
see none. So when the page's visible lines show less than a paragraph of the articleBody, its
paragraphs become lines of the page, right after the headline, marked as paragraphs of the main
text: the labeller then reads them as it reads any article (the JSON-LD evidence in
features.MetaEvidence says the same of them), and Document.meta says so (sources["body"] is
"json-ld").

Where the page shows the text, even in part (a paywall's free preview), nothing changes: the
page is what it shows, and the articleBody stays evidence only.
"""
from __future__ import annotations

import attrs
import regex

from newsclean.lines import Line, ends_sentence

# A shorter articleBody is a description, not the article (features.FeatureKnobs has the same).
MIN_BODY_CHARS = 200
# The page shows the text when its lines share this many runs of SHINGLE words with the
# articleBody: a short paragraph (a paywall's free preview counts), more than a headline.
SHINGLE = 8
SHOWN_SHINGLES = 10
# …or when it shows prose of its own: lines of PROSE_MIN_WORDS words or more that end like a
# sentence and are not links, as many words as OWN_PROSE_SHARE of the body's.
PROSE_MIN_WORDS = 12
PROSE_MAX_LINKS = 0.5
OWN_PROSE_SHARE = 0.3
# The hints each added line gets: a paragraph (dom.TAG_HINTS) inside the page's article.
BODY_HINTS = frozenset({"p", "article"})
SOURCE = ("body", "json-ld")  # the (field, source) pair Document.meta.sources gets

_WORD = regex.compile(r"\w+")
_PARAGRAPH_BREAK = regex.compile(r"\r\n?|\n|<br\s{0,20}/?>|</p>\s{0,20}<p[^<>]{0,200}>", regex.I)
_TAG = regex.compile(r"<[^<>]{0,500}>")


def shown_runs(body: str, lines: list[Line], enough: int | None = None) -> int:
    """How many runs of SHINGLE words (casefolded) of `body` the page's lines show: linear in
    both (a set of the body's runs, each line's runs looked up). With `enough`, the count
    stops once it reaches that many (with_article_body asks only whether there are as many)."""
    words = _WORD.findall(body.casefold())
    runs = {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    shown = set()
    for line in lines:
        w = _WORD.findall(line.text.casefold())
        shown.update(run for run in (tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
                     if run in runs)
        if enough is not None and len(shown) >= enough:
            break
    return len(shown)


def prose_words(lines: list[Line]) -> int:
    """The words of the page's lines that read as prose: long, ending like a sentence, not
    links. A page with as much prose as its articleBody shows a text of its own (the body may be
    stale, or another story's)."""
    total = 0
    for line in lines:
        n = len(line.text.split())
        if n >= PROSE_MIN_WORDS and line.link_density < PROSE_MAX_LINKS \
                and ends_sentence(line.text):
            total += n
    return total


def paragraphs(body: str) -> list[str]:
    """The articleBody's paragraphs: split at its line breaks (and at <br>/<p> where a CMS left
    markup in it), tags removed, white space folded, empty ones dropped."""
    out = []
    for part in _PARAGRAPH_BREAK.split(body):
        part = " ".join(_TAG.sub("", part).split())
        if part:
            out.append(part)
    return out


def with_article_body(text: str, lines: list[Line], main_text: list[bool] | None,
                      body: str | None) -> tuple[str, list[Line], list[bool] | None, bool]:
    """(text, lines, main text, whether the body was added): `body`'s paragraphs as lines after
    the page's first <h1> (else at its start) when the page shows less than a paragraph of it."""
    # (prose first: it is the cheaper test, and it decides most pages that show their text)
    if not body or len(body) < MIN_BODY_CHARS \
            or prose_words(lines) >= OWN_PROSE_SHARE * len(_WORD.findall(body)) \
            or shown_runs(body, lines, SHOWN_SHINGLES) >= SHOWN_SHINGLES:
        return text, lines, main_text, False  # (the page shows a text of its own, or the text)
    added = paragraphs(body)
    if not added:
        return text, lines, main_text, False
    at = next((i + 1 for i, line in enumerate(lines) if "h1" in line.hints), 0)
    out = lines[:at]
    pos = lines[at - 1].end + 1 if at else 0
    for paragraph in added:
        out.append(Line(paragraph, pos, pos + len(paragraph), BODY_HINTS))
        pos += len(paragraph) + 1
    shift = pos - (lines[at].start if at < len(lines) else pos)
    out.extend(attrs.evolve(line, start=line.start + shift, end=line.end + shift)
               for line in lines[at:])
    # (the added lines are the main text, whether or not the page had a clear one)
    before = main_text if main_text is not None else [False] * len(lines)
    main_text = before[:at] + [True] * len(added) + before[at:]
    return "\n".join(line.text for line in out), out, main_text, True
