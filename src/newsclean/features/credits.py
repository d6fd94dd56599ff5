"""Facts of one line's text about photo credits: the credit a caption line ends with (or is),
and how a teaser card's caption line divides (its credit, a video widget's duration, a known
section name opening it).

Measured once per distinct text of a page (features.measure), on the lines line_text.py finds;
each function takes the thresholds it reads from the stage's FeatureKnobs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import regex

from newsclean.features import line_text
from newsclean.features.line_text import NOT_CAPTION_TAGS, has_date, strip_colon
from newsclean.keys import line_key
from newsclean.lexicon import Lexicon
from newsclean.lines import Line, ends_sentence

if TYPE_CHECKING:
    from newsclean.features import FeatureKnobs

# A video widget's tail: "play-circle 00:48", "▶ 1:02:33".
_VIDEO_TAIL = regex.compile(r"\s*(?:[\p{L}\-▶►]{1,15}\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*$")
# "Label: credit" or "© credit" lines and tails: "Foto: dpa", "Photo: Reuters", "© AFP".
_LABELLED = regex.compile(r"^\s*(?:©|\(c\)|(?P<label>[\p{L}][\p{L} ]{0,20}?)\s*[:：|/])\s*(?P<credit>\S.*)$",
                          regex.IGNORECASE)
_COPYRIGHT_TAIL = regex.compile(
    r"(?:©|\(c\)|(?:Photo|Foto|Photograph|Image|Credit|Crédit|Bild|Fotografía)\s?:"
    r"|(?:Photo|Photograph|Picture|Image)s? by)\s*([^.]{2,60})$",
    regex.IGNORECASE)
# Agencies whose name may open a credit printed after a caption's last sentence.
_AGENCY_OPENINGS = ("ap", "afp", "reuters", "the associated press")
_AGENCY_PREFIXES = tuple(c + " " for c in _AGENCY_OPENINGS)  # ("AP Photo/…": one startswith)


@attrs.frozen(slots=True)
class CaptionParts:
    """How a caption line divides, for a teaser card's fields (measured on lines with a credit)."""

    text_end: int  # where the caption ends before a video widget's tail
    video_duration: str | None  # "00:48" of "… (AFP) play-circle 00:48"
    credit: str | None  # the parenthesised credit at the end
    credit_at: int  # where that parenthesis opens (len of the line: none)
    section_words: int  # how many of its first words name a known section (0: none)


# --- credits ---------------------------------------------------------------------------------------

def _may_be_a_name(inner: str) -> bool:
    """Whether a parenthetical could be a name: no digits, not begun in lower case."""
    return not inner[:1].islower() and not any(c.isdigit() for c in inner)


def paren_tail(t: str) -> regex.Match | None:
    """The parenthesised tail of a line, video widget aside: "… (AFP) play-circle 00:48"."""
    return line_text._PAREN_TAIL.search(_without_video(t))


def _without_video(t: str) -> str:
    """`t` without a video widget's tail ("play-circle 00:48")."""
    if ":" not in t:
        return t  # the tail's clock time needs a colon
    return _VIDEO_TAIL.sub("", t) if _VIDEO_TAIL.search(t) else t


def credit(t: str, key: str, words: int, lexicon: Lexicon, line: Line, notice: bool,
            knobs: FeatureKnobs) -> tuple[str | None, bool]:
    """The credit a caption line ends with, and whether the whole line is a credit (`notice`:
    the line is a copyright notice)."""
    if notice:
        return None, False
    if key in lexicon.credits:
        return t.strip(), True
    m = _LABELLED.match(t) if words <= knobs.credit_line_max_words and (
        ":" in t or "：" in t or "|" in t or "/" in t or "©" in t or "(c)" in key) else None
    if m:
        label = m.group("label")
        if label is None or strip_colon(line_key(label)) in lexicon.credit_labels:
            return m.group("credit").strip(), True
    m = paren_tail(t) if (")" in t or "）" in t) else None
    if m:
        inner = m.group(1).strip()
        inner_key = line_key(inner)
        if inner_key in lexicon.media_markers:
            return None, False  # "… (Photos)", "… (فيديو)": what a title's link leads to
        # A short parenthetical that names an agency, or any short one at the end of a long line
        # ("… ديسمبر الماضي (أ.ف.ب)"); a year or a number in parentheses is not a credit.
        if line_text._LETTER.search(inner) and len(inner.split()) <= knobs.credit_max_words:
            known = any(c in inner_key for c in lexicon.credits) \
                or inner_key.split("/")[0].strip() in lexicon.credit_labels
            # "(You can read it here.)" ends a paragraph, not a caption; an unknown credit is a
            # name ("(vegetables, fruit)", "(updated 18:05)" are not), not on a dateline
            # ("Updated 12/3/2025 10:45 (Mecca time)") or a byline ("By Jane Doe (Lyon)"), and
            # not in a link, a heading or a list item ("Apple iPhone 7 (Renewed)").
            if (known or words >= knobs.unknown_credit_min_words and _may_be_a_name(inner)
                    and not has_date(_without_video(t))
                    and key.split(" ", 1)[0].rstrip(":") not in lexicon.byline_prefixes
                    and line.link_density < knobs.link_cut
                    and line.hints.isdisjoint(NOT_CAPTION_TAGS)) \
                    and not ends_sentence(inner) and words <= knobs.caption_max_words:
                return inner, not t[:m.start()].strip()  # "(Foto: REUTERS)" alone: a credit line
    # The tail after the label has no full stop, nor has the label: look after the last one.
    m = _COPYRIGHT_TAIL.search(t, t.rfind(".") + 1) \
        if (":" in t or "©" in t or "(c)" in key or " by " in key) else None
    if m:
        return m.group(1).strip(), False
    tail = _labelled_tail(t, lexicon, knobs) if (":" in t or "：" in t) else None
    if tail:
        return tail, False
    return _agency_tail(t, lexicon, knobs) or _slash_tail(t, words, knobs), False


def _slash_tail(t: str, words: int, knobs: FeatureKnobs) -> str | None:
    """A credit in a photo agency's form ending a caption, with no label or stop before it:
    capitalised words, a slash, a few words ("… entering the country AP Photo/Edgar H.
    Clemente", "… Albares EFE/ J.J. Guillén", "… Uncredited/AP/dpa")."""
    if "/" not in t[-knobs.slash_credit_reach:] or ends_sentence(t) \
            or words < knobs.unknown_credit_min_words:
        return None
    head, _, after = t.rpartition("/")
    after_words = after.split()
    if not 1 <= len(after_words) <= knobs.credit_max_words or not after_words[0][:1].isalpha():
        return None
    before = head.split()
    n = 0  # capitalised words (and slashes' parts) before the last slash: the credit's start
    while n < len(before) and n < knobs.credit_max_words and before[-1 - n][:1].isupper():
        n += 1
    if n == 0 or n == len(before):
        return None  # nothing capitalised before the slash, or the whole line is the credit
    start = len(head)
    for word in reversed(before[-n:]):  # where the credit's first word stands in the line
        start = head.rfind(word, 0, start)
    return t[start:].strip()


def _labelled_tail(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> str | None:
    """A credit after a known label at the end of a caption: "… - تصوير: كريم عبد العزيز",
    "… Foto: dpa" (the label is the one or two words before the colon)."""
    colon = max(t.rfind(":"), t.rfind("："))
    tail = t[colon + 1:].strip()
    if not 1 <= len(tail.split()) <= knobs.labelled_credit_max_words \
            or line_text._SENTENCE_END.search(tail):
        return None
    head = t[:colon].split()
    for n in range(1, knobs.credit_label_max_words + 1):
        if len(head) > n and strip_colon(line_key(" ".join(head[-n:]))) in lexicon.credit_labels:
            return tail
    return None


def _agency_tail(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> str | None:
    """A credit printed after a caption's last sentence without parentheses or a label: the
    tail names a known agency ("AP", "The Associated Press", "AFP via Getty Images")."""
    reach = knobs.agency_tail_min_chars
    if t.endswith((".", "!", "?", "؟", "。")) or len(t) <= reach:
        return None  # most lines: nothing follows the last sentence end, or it is too early
    # The line's last sentence end (-1: none, or none after `reach`), before what follows it:
    # "… citizens. AP Photo/Jane Doe".
    start = max(reach, 0)
    last = max(t.rfind(".", start), t.rfind("!", start), t.rfind("?", start), t.rfind("؟", start),
               t.rfind("。", start))
    if last < reach or last + 1 == len(t):
        return None  # no sentence end, too early a one, or nothing after it
    tail = t[last + 1:].strip()
    if not 1 <= len(tail.split()) <= knobs.agency_tail_max_words:
        return None
    first = line_key(tail.split("/")[0])
    if first in lexicon.credits or first.startswith(_AGENCY_PREFIXES):
        return tail
    return None


def caption_parts(t: str, lexicon: Lexicon, knobs: FeatureKnobs) -> CaptionParts:
    video = _VIDEO_TAIL.search(t)
    text_end, duration = len(t), None
    if video and paren_tail(t) is not None:
        duration = video.group(1)
        text_end = len(t[:video.start()].rstrip())
    caption = t[:text_end]
    m = paren_tail(caption)
    words = caption.split()
    section_words = 0
    for n in range(min(knobs.section_max_words, len(words) - knobs.caption_min_words_after_section), 0, -1):
        if line_key(" ".join(words[:n])) in lexicon.sections:
            section_words = n
            break
    return CaptionParts(text_end, duration, m.group(1).strip() if m else None,
                        m.start() if m else len(t), section_words)
