"""Stage 2: a comparison key per line.

Keys are for comparing only — two lines with the same key are the same line to a reader (a
caption printed twice by a responsive image, a headline echoed under the lead photo). Output
text is always the page's own text, never a key.
"""
from __future__ import annotations

import unicodedata

import regex

# Marks that change nothing a reader sees: bidi controls and isolates, zero-width characters,
# soft hyphen, BOM, Arabic tatweel (U+0640), and Arabic tashkeel (harakat, U+064B–U+065F, U+0670).
_INVISIBLE = regex.compile(
    r"[\u00ad\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff]+"
)
_SPACE = regex.compile(r"\s+")
# NFKC reorders a run of combining marks by insertion, quadratic in the run: keys keep the first
# 30 marks of a run (Unicode's stream-safe bound, UAX #15); the page's text is not touched.
_MARK_RUN = regex.compile(r"(\p{M}{30})\p{M}+")
# Arabic letter variants a scraper's sources spell either way: alef forms, alef maksura/ya,
# ta marbuta/ha, hamza seats.
_ARABIC_FOLD = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ → ا
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u0624": "\u0648",  # ؤ → و
    "\u0626": "\u064a",  # ئ → ي
})


def line_key(text: str) -> str:
    """NFKC, marks removed, casefolded, Arabic variants folded, white space folded."""
    s = unicodedata.normalize("NFKC", _MARK_RUN.sub(r"\1", text))
    s = _INVISIBLE.sub("", s)
    s = s.casefold().translate(_ARABIC_FOLD)
    return _SPACE.sub(" ", s).strip()


def line_keys(texts) -> list[str]:
    """Keys for a sequence of line texts, in order (identical texts folded once)."""
    cache: dict[str, str] = {}
    out = []
    for t in texts:
        k = cache.get(t)
        if k is None:
            k = cache[t] = line_key(t)
        out.append(k)
    return out
