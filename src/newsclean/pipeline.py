"""segment(): a page in, a Document out — the five stages of DESIGN.md, one call each.

Text and HTML differ only in stage 1: HTML is linearised into the same lines a browser's
innerText shows (html.py), with the markup's hints and the page's metadata attached. Everything
after the lines is one path for both.
"""
from __future__ import annotations

import attrs

from newsclean import assemble, features, keys, labels, lines
from newsclean.decode import decode_html, decode_text, looks_like_html
from newsclean.errors import InputTooLarge, InvalidArgument
from newsclean.lexicon import lexicon_for, scripts_of
from newsclean.model import Document

# The largest page accepted, in characters. Real news pages are well under 5 MB; a larger input
# is almost always a concatenated dump, which belongs in a batch run, one page a record.
MAX_CHARS = 50_000_000
# The most lines a page may have, so that segment()'s peak memory stays within 50 × the input's
# size + 100 MB whatever the page (issue 15; docs/reliability.md, "Memory bounded by the input").
# Memory grows with lines, not only characters: a line of the shortest kinds costs at its peak
# 0.65–1.1 KB (one character as text; an HTML list item), of which its input (2 bytes at least
# as text or in <pre>, 4–5 as an HTML block) covers 100–250 bytes at 50 a byte. The rest, at
# most 0.8 KB a line, must fit in what the 100 MB leave beside the interpreter and the word
# lists (about 35 MB): some 80 000 lines. 50 000 keeps that with a margin of 1.6, and is 37 times
# the longest page of the corpora (1 364 lines).
MAX_LINES = 50_000
INPUTS = ("auto", "text", "html")


@attrs.frozen(slots=True)
class Knobs:
    """Every threshold and weight of the stages, each with the one value it has by default:
    `segment(page, knobs=Knobs(labels=LabelKnobs(new_article_cost=12.0)))` changes one for
    one call (attrs.evolve(knobs.labels, …) keeps the others)."""

    features: features.FeatureKnobs = features.FEATURE_KNOBS
    labels: labels.LabelKnobs = labels.LABEL_KNOBS
    assemble: assemble.AssembleKnobs = assemble.ASSEMBLE_KNOBS
    # The learned weights of the page model; None: the model shipped for the input's track
    # (labels.shipped("text") or ("html")). labels.HAND is the hand-set model alone.
    page_model: labels.PageModel | None = None


DEFAULT_KNOBS = Knobs()


@attrs.frozen(slots=True)
class MeasuredPage:
    """A page after stages 1–3: its text, lines, their keys and features, and its track."""

    text: str
    lines: list[lines.Line]
    keys: list[str]
    features: list[features.Features]
    track: str  # "text" or "html": which shipped page model reads it
    page_meta: object = None  # HTML: the markup's PageMeta (html/meta.py), for Document.meta


def segment(page: str | bytes, *, lang: str | None = None, input: str = "auto",
            max_chars: int = MAX_CHARS, max_lines: int = MAX_LINES,
            knobs: Knobs = DEFAULT_KNOBS) -> Document:
    """Segment one scraped page into articles of typed, deduplicated blocks.

    `page` is the page's text (as a browser's innerText shows it) or its raw HTML, as `str` or
    `bytes`. `input` is "auto" (HTML when the page looks like markup), "text" or "html".
    `lang` (a language code: "ar", "ar-EG", "ara") adds that language's word lists to those
    the page's scripts select (for HTML, the page's `<html lang>` when given); it never takes
    any away.

    Raises `DecodeError` for bytes that are not text, `InputTooLarge` for a page over
    `max_chars` characters or more than `max_lines` lines (text: line breaks, counted before
    any line is made; HTML: the lines it shows),
    `InvalidArgument` (a TypeError and a ValueError) for an unknown `input`, a `lang` that is
    not a str, a `max_chars`/`max_lines` that is not a whole number of at least 1. `knobs` sets the stages' thresholds and weights.
    """
    measured = measure_page(page, lang=lang, input=input, max_chars=max_chars,
                            max_lines=max_lines, knobs=knobs)
    return segment_measured(measured, knobs)


def measure_page(page: str | bytes, *, lang: str | None = None, input: str = "auto",
                 max_chars: int = MAX_CHARS, max_lines: int = MAX_LINES,
                 knobs: Knobs = DEFAULT_KNOBS) -> MeasuredPage:
    """Stages 1–3 of segment(): the page's lines, their keys and their features."""
    check_arguments(lang=lang, input=input, max_chars=max_chars, max_lines=max_lines)
    if isinstance(page, (bytes, bytearray, memoryview)) and len(page) > 4 * max_chars:
        # No encoding takes more than 4 bytes a character: refused before decoding.
        raise InputTooLarge(f"page has {len(page)} bytes, so more than {max_chars} characters; "
                            f"the limit is max_chars={max_chars}")
    is_html, text = _read(page, input)
    if len(text) > max_chars:
        raise InputTooLarge(f"page has {len(text)} characters; the limit is max_chars={max_chars}")
    meta = main_text = None
    if is_html:                                                            # 1. lines
        from newsclean.html import html_to_lines
        _check_html_lines(text, max_lines)  # before parsing: the lines the markup can show
        text, page_lines, meta, main_text = html_to_lines(text)  # (markup newlines are no lines)
        _check_lines(len(page_lines), max_lines)
        lang = lang or meta.lang
    else:
        _check_lines(_line_breaks(text), max_lines)  # before a single Line is made
        page_lines = lines.split_lines(text)
    lexicon = lexicon_for(lang, scripts_of(text))
    line_keys = keys.line_keys(ln.text for ln in page_lines)               # 2. keys
    feats = features.measure(                                              # 3. features
        page_lines, line_keys, text, lexicon,
        features.MetaEvidence.of(meta, knobs.features), main_text, knobs.features)
    return MeasuredPage(text, page_lines, line_keys, feats, "html" if is_html else "text", meta)


def check_arguments(*, lang: object = None, input: object = "auto", max_chars: object = MAX_CHARS,
                    max_lines: object = MAX_LINES) -> None:
    """Raise `InvalidArgument` for an argument of segment() no page could be segmented with."""
    if not isinstance(input, str) or input not in INPUTS:
        raise InvalidArgument(f"input must be one of {INPUTS}, not {input!r}")
    if lang is not None and not isinstance(lang, str):
        hint = (f" (one code, such as {lang[0]!r}; a page's own <html lang> and scripts add "
                "the others)" if isinstance(lang, (list, tuple)) and lang
                and isinstance(lang[0], str) else "")
        raise InvalidArgument(f"lang must be a language code (str) or None, not "
                              f"{type(lang).__name__} {lang!r}{hint}")
    for name, limit in (("max_chars", max_chars), ("max_lines", max_lines)):
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise InvalidArgument(f"{name} must be a whole number of at least 1, not {limit!r}"
                                  + (" (there is no unlimited setting: pass a large number)"
                                     if limit is None else ""))
        if limit < 1:
            raise InvalidArgument(f"{name} must be at least 1, not {limit}")


def segment_measured(page: MeasuredPage, knobs: Knobs = DEFAULT_KNOBS) -> Document:
    """Stages 4–5 of segment(): the page model's labels, then articles of blocks."""
    model, label_knobs = _page_model(knobs, page.track)
    states = labels.decode(page.features, label_knobs, model)             # 4. labels: the path,
    line_labels, article_of = labels.label(page.features, states, label_knobs)  # the kinds
    doc = assemble.assemble(page.text, page.lines, page.keys, page.features,  # 5. articles
                            line_labels, article_of, knobs.assemble)
    from newsclean.html.meta_text import document_meta  # the markup's metadata, then the text's
    markup = page.page_meta  # (None for text input)
    return attrs.evolve(doc, meta=document_meta(getattr(markup, "document", None), doc,
                                                getattr(markup, "titles", ())))


def explain(page: str | bytes, *, lang: str | None = None, input: str = "auto",
            max_chars: int = MAX_CHARS, max_lines: int = MAX_LINES,
            knobs: Knobs = DEFAULT_KNOBS) -> list[labels.LineEvidence]:
    """Per line of the page, the state the page model gave it, the runner-up, the margin, and
    the few facts that weighed most for it (labels/explain.py). Same arguments as segment();
    the lines and spans are those of segment()'s Document.text."""
    measured = measure_page(page, lang=lang, input=input, max_chars=max_chars,
                            max_lines=max_lines, knobs=knobs)
    model, label_knobs = _page_model(knobs, measured.track)
    states = labels.decode(measured.features, label_knobs, model)
    evidence = labels.explain(measured.features, states, label_knobs, model)
    return [labels.LineEvidence(ln.text, ln.start, ln.end, e)
            for ln, e in zip(measured.lines, evidence)]


def _page_model(knobs: Knobs, track: str) -> tuple[labels.PageModel, labels.LabelKnobs]:
    """The page model for the track, and the label knobs it decodes with: the model's fitted
    values, unless the caller set label knobs of their own."""
    model = knobs.page_model or labels.shipped(track)
    own = knobs.labels is not labels.LABEL_KNOBS
    return model, knobs.labels if own else model.label_knobs(knobs.labels)


def _line_breaks(text: str) -> int:
    """How many line breaks `text` has, as lines.split_lines counts them (CRLF once)."""
    returns = text.count("\r")  # (most pages have none: then no CRLF to count either)
    return (text.count("\n") + returns - (text.count("\r\n") if returns else 0)
            + text.count("\u2028") + text.count("\u2029"))


# For html_lines_bound: every byte of the page's UTF-8 as one of four classes, "<", ">", "a" (a
# byte that may start a tag name after "<", or "/", "!", "?") and "x" (any other); white space
# is deleted.
_CLASS = bytes(ord("<") if b == ord("<") else ord(">") if b == ord(">")
               else ord("a") if chr(b).isascii() and (chr(b).isalpha() or chr(b) in "/!?")
               else ord("x") for b in range(256))
_PRE_NAMES = (b"<pre", b"<listing", b"<xmp", b"<plaintext")


def html_lines_bound(html: str) -> int:
    """An upper bound on the lines an HTML page shows, from its markup alone (a few C passes,
    no parsing): every line holds a run of text, and a run of text starts after a ">" (the end
    of a tag or comment; "<" that starts no tag is text too) or at the start of the page.
    Inside <pre> (and its kind), line breaks count too."""
    data = html.encode("utf-8", "surrogatepass")
    classes = data.translate(_CLASS, b" \t\n\r\f")
    starts_with_text = classes[:1] in (b"x", b"a", b">") or (classes[:1] == b"<"
                                                             and classes[1:2] != b"a")
    bound = starts_with_text + sum(classes.count(pair)
                                   for pair in (b">x", b">a", b"><x", b"><<", b"><>"))
    lower = data.lower()
    if any(name in lower for name in _PRE_NAMES):
        bound += _line_breaks(html)
        if b"<xmp" in lower or b"<plaintext" in lower:  # raw text: its "<" start no tag
            bound += html.count("<")
    return bound


def _check_html_lines(html: str, max_lines: int) -> None:
    """Refuse, before parsing, a page whose markup can show more than max_lines lines (the
    parsed tree and the lines would cost about a kilobyte each before the count after parsing
    refused it)."""
    if len(html) + 2 <= max_lines:
        # Each character is at most one "<" or one line break (CRLF counts once), so the count
        # below is at most len(html): a page that short needs no count (its six passes were
        # about 4% of an HTML segment(), for every page).
        return
    if html.count("<") + 2 + (_line_breaks(html) if "<" in html else 0) <= max_lines:
        return  # (every ordinary page: nothing more to count)
    bound = html_lines_bound(html)
    if bound > max_lines:
        raise InputTooLarge(f"page has markup for up to {bound} lines (runs of text); the "
                            f"limit is max_lines={max_lines}")


def _check_lines(n: int, max_lines: int) -> None:
    if n > max_lines:
        raise InputTooLarge(f"page has {n} lines; the limit is max_lines={max_lines}")


def _read(page: str | bytes, input: str) -> tuple[bool, str]:
    """(is it HTML, its text)."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        if input == "auto":  # decided on the decoded text, as for a str page
            from newsclean.decode import decode_auto
            return decode_auto(data)
        return input == "html", decode_html(data) if input == "html" else decode_text(data)
    if isinstance(page, str):
        return input == "html" or (input == "auto" and looks_like_html(page)), page
    raise TypeError(f"segment() takes str or bytes, not {type(page).__name__}")
