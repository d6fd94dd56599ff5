"""What a page's text adds to Document.meta: for text input everything it has, for HTML what
the markup left unset. The first article's headline is the title; its first byline block gives
the authors ("By Jane Doe and John Roe"); a dateline near the headline ("Published on
06/01/2026 - 13:55 GMT+1", "Updated 3 May 2024") the dates, read by meta_dates.iso_date (its
raw text when the date cannot be read without guessing); and the script most of the text is
in. Reads a bounded window of the text around the headline: constant work per page.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import attrs

from newsclean.html.meta_dates import iso_date
from newsclean.html.meta_fields import MAX_NAMES, split_names
from newsclean.lexicon import SCRIPT_SAMPLE, script_chars, scripts_of
from newsclean.model import Document, Kind, Meta

TITLE_AGREEMENT = 0.8
_WORD = re.compile(r"\w+")
LINES_BEFORE, LINES_AFTER = 12, 40  # the dateline's window around the headline, in lines
MAX_DATELINE_CHARS = 160

_BY = re.compile(r"^(?:by|von|par|por|di|da|door|av|af|przez|autor(?:in)?:?|text:?|words:?)\s+",
                 re.I)
_MODIFIED = re.compile(r"\b(?:updated?|last updated|modified|aktualisiert|mis à jour|actualizad[oa]"
                       r"|aggiornat[oa]|modifica(?:to)?|atualizad[oa]|bijgewerkt|zaktualizowano"
                       r"|aktualizacja|oppdatert|uppdaterad|opdateret|stand)\b|更新|最終更新|수정", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|veröffentlicht|publiziert|erschienen|publié"
                        r"|publicado|pubblicato|publicat|publisert|publicerad|publiceret"
                        r"|gepubliceerd|publikacja|opublikowano)\b|公開|입력|発行", re.I)
_CREDIT = re.compile(r"(?:foto|photo|bild|image|quelle|source|bron|fuente|fonte|credit|crédit"
                     r"|redacción|grafik|video)s?\b", re.I)
# Where a byline's names end: a role or an agency after them ("…, Redakteurin", "… mit AP").
_ROLE = re.compile(r"\s(?:mit|with|avec|con|com|met)\s|,\s?(?:redakteur(?:in)?|korrespondent(?:in)?"
                   r"|reporter(?:in)?|journalist(?:in)?|editor|correspondent|staff writer)\b", re.I)
_DIGIT = re.compile(r"\d")
_LOOKS_DATED = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


def document_meta(base: Meta | None, doc: Document,
                  titles: tuple[tuple[str, str], ...] = ()) -> Meta:
    """`base` (the markup's Meta, or None for text input) with the fields it lacks filled from
    what `doc` shows. `titles`: the markup's (source, title) pairs, best first: the first that
    agrees with the headline the page shows (token F1 >= TITLE_AGREEMENT) is the title, since
    an og:title or a JSON-LD headline is often an SEO variant of it; else the first."""
    meta = base or Meta()
    values: dict[str, object] = {}
    sources: dict[str, str] = dict(meta.sources)
    article = doc.articles[0] if doc.articles else None
    headline = next((b for b in article.blocks if b.kind is Kind.HEADLINE), None) if article else None
    if headline is not None:
        shown = _tokens(headline.text)
        agreed = next(((s, t) for s, t in titles if _f1(shown, _tokens(t)) >= TITLE_AGREEMENT),
                      None)
        if agreed is not None:
            if agreed[1] != meta.title:
                values["title"] = agreed[1]
                sources["title"] = agreed[0]
        elif not meta.title:
            values["title"] = headline.text
            sources["title"] = "text"
    if not meta.authors and article is not None:
        bylines = [b.text for b in article.blocks if b.kind is Kind.BYLINE][:LINES_AFTER]
        bylines += signed_lines(doc.text, headline.start if headline else 0)
        names = next((n for n in map(byline_names, bylines) if n), ())
        if names:
            values["authors"] = names
    if not meta.published:  # (a page whose markup dates it is not read for a modification)
        published, modified = dateline(doc.text, headline.start if headline else 0)
        if published:
            values["published"] = published
        if modified and not meta.modified:
            values["modified"] = modified
    script = main_script(doc.text)
    if script:
        values["script"] = script
    if not values:
        return meta
    sources.update((field, "text") for field in values if field != "title")  # (set above)
    return attrs.evolve(meta, **values, sources=sources)


def _tokens(text: str) -> Counter:
    return Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _f1(a: Counter, b: Counter) -> float:
    common = sum((a & b).values())
    return 0.0 if not common else 2 * common / (sum(a.values()) + sum(b.values()))


def byline_names(text: str) -> tuple[str, ...]:
    """"By Jane Doe and John Roe | 3 May 2024" → ("Jane Doe", "John Roe"): the names of a byline,
    without its lead word, its date or its role words; () when it holds none, or when the line
    is a credit or a label ("Foto: …", "Quelle: …", "Author of the article:")."""
    text = text.strip()
    if _CREDIT.match(text) or text.endswith(":"):
        return ()
    text = _BY.sub("", text[:MAX_DATELINE_CHARS * 2])
    text = _ROLE.split(text, maxsplit=1)[0]
    text = re.split(r"\s[|•·–—]\s|\s-\s|\d", text, maxsplit=1)[0]
    names: dict[str, str] = {}
    for name in split_names(text):
        name = name.strip(" .:")
        words = name.split()
        if 1 <= len(words) <= 5 and any(w[:1].isupper() for w in words):
            names.setdefault(name.casefold(), name)
        if len(names) >= MAX_NAMES:
            break
    return tuple(names.values())


def signed_lines(text: str, at: int) -> list[str]:
    """The lines within the window around offset `at` that open with a byline's lead word and a
    capitalised name ("By Jane Doe", "Von Anna Berg"), in order."""
    start = at
    for _ in range(LINES_BEFORE):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    found, pos = [], start
    for _ in range(LINES_BEFORE + LINES_AFTER + 1):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip() if end - pos <= 4 * MAX_DATELINE_CHARS else ""
        m = _BY.match(line) if line and len(line) <= MAX_DATELINE_CHARS else None
        if m and line[m.end():m.end() + 1].isupper() and pos != at:
            found.append(line)
        if end >= len(text):
            break
        pos = end + 1
    return found


def dateline(text: str, at: int) -> tuple[str | None, str | None]:
    """(published, modified) from the dated lines near offset `at` (the headline): a line that
    says it is the publication ("Published", "Veröffentlicht am", "Publié le"…) wins, else the
    dated line nearest the headline; a date after an update word ("Updated", "Mis à jour",
    "Aktualisiert") is the modification. A date that cannot be read without guessing is kept as
    its raw line when no other is found."""
    start, before = at, 0  # where the window starts; how many lines before the headline's
    for _ in range(LINES_BEFORE):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
        before += 1
    cued = nearest = modified = raw = None
    distance = LINES_BEFORE + LINES_AFTER + 1
    pos = start
    for number in range(LINES_BEFORE + LINES_AFTER + 1):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip() if end - pos <= 4 * MAX_DATELINE_CHARS else ""
        if line and len(line) <= MAX_DATELINE_CHARS and _DIGIT.search(line):
            parts = _MODIFIED.split(line, maxsplit=1)
            value = iso_date(parts[0])
            if len(parts) > 1:
                modified = modified or iso_date(parts[-1])
            if value is not None:
                if _PUBLISHED.search(parts[0]):
                    cued = cued or value
                away = abs(number - before)
                if away < distance and (len(parts) == 1 or parts[0].strip()):
                    nearest, distance = value, away
            elif raw is None and _LOOKS_DATED.search(parts[0]):
                raw = line
        if cued and modified or end >= len(text):
            break
        pos = end + 1
    return cued or nearest or raw, modified


def main_script(text: str) -> str | None:
    """The script most of the text's letters are in ("Latin", "Arabic", …), or None."""
    scripts = scripts_of(text)
    if len(scripts) <= 1:
        return next(iter(scripts), None)
    sample = text[:SCRIPT_SAMPLE]
    return max(sorted(scripts), key=lambda name: script_chars(name, sample))
