"""Test helpers for newsclean and for pipelines built on it: hypothesis strategies that build
realistic scraped news pages, and `assert_invariants`, which checks a segmentation against the
invariants of the design.

    >>> from hypothesis import given
    >>> import newsclean
    >>> from newsclean.testing import assert_invariants, pages
    >>> @given(pages())
    ... def test_my_pipeline_keeps_the_invariants(page):
    ...     assert_invariants(page, newsclean.segment(page))

Pages are plain text, one line a block, as a browser's `innerText` shows them: a headline, its
lead caption printed twice (responsive images) with a credit in parentheses, UI debris ("TT", a
counter, "Share", "play-circle 00:48"), the headline echoed under the photo, body paragraphs, a
related-articles rail whose teasers print section and caption, title, summary and byline, and
sometimes a second article (infinite scroll). Words are built from syllables of a small alphabet
per script ("arabic", "latin"), so the text reads like language rather than random code points.

Needs hypothesis: ``pip install 'newsclean[testing]'``.
"""
from __future__ import annotations

import bisect
import functools
import random

import attrs

try:
    from hypothesis import assume, strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "newsclean.testing needs hypothesis, which is an optional extra: "
        "pip install 'newsclean[testing]'"
    ) from exc

from newsclean.keys import line_key
from newsclean.lines import LINE_BREAK, split_lines
from newsclean.model import Document, Kind, Reason

__all__ = [
    "SCRIPTS",
    "words", "sentence", "paragraph", "headline", "caption", "debris", "teaser",
    "article_page", "pages",
    "Page", "PageLine", "ArticleParts", "Caption", "Teaser",
    "ROLE_BLANK", "ROLE_HEADLINE", "ROLE_HEADLINE_ECHO", "ROLE_CAPTION", "ROLE_DEBRIS",
    "ROLE_BODY", "ROLE_RELATED_HEADING", "ROLE_TEASER_SECTION_CAPTION", "ROLE_TEASER_TITLE",
    "ROLE_TEASER_SUMMARY", "ROLE_TEASER_BYLINE",
    "assert_invariants",
    "assert_lines_accounted_for", "assert_page_order", "assert_no_duplicate_keys",
    "assert_text_from_page", "assert_duplicates_point_to_kept_copies",
]

SCRIPTS = ("arabic", "latin")

# --------------------------------------------------------------------------------------------
# Vocabulary: fixed word lists built once from syllables, so a word is one draw.


def _latin_vocabulary(size: int = 700) -> tuple[str, ...]:
    onsets = ("b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v",
              "br", "st", "tr", "pl", "gr", "ch")
    vowels = ("a", "e", "i", "o", "u", "ai", "ou", "é")
    codas = ("", "", "", "n", "r", "s", "l", "t")
    rng = random.Random(1729)
    out: set[str] = set()
    while len(out) < size:
        n = rng.choice((1, 2, 2, 2, 3, 3))
        out.add("".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                        for _ in range(n)))
    return tuple(sorted(out))


def _arabic_vocabulary(size: int = 700) -> tuple[str, ...]:
    consonants = "بتجحخدذرزسشصطعغفقكلمنهوي"
    # Classical word patterns over a three-letter root (1, 2, 3): كتب كاتب مكتوب كتيب تكتيب…
    patterns = ("{0}{1}{2}", "{0}ا{1}{2}", "م{0}{1}و{2}", "{0}{1}ي{2}", "ت{0}{1}ي{2}",
                "م{0}ا{1}{2}", "{0}{1}ا{2}", "است{0}{1}ا{2}")
    prefixes = ("", "", "", "ال", "ال", "و", "ب")
    suffixes = ("", "", "", "ة", "ات", "ي")
    rng = random.Random(1729)
    out: set[str] = set()
    while len(out) < size:
        root = [rng.choice(consonants) for _ in range(3)]
        out.add(rng.choice(prefixes) + rng.choice(patterns).format(*root) + rng.choice(suffixes))
    return tuple(sorted(out))


_VOCABULARY = {"latin": _latin_vocabulary(), "arabic": _arabic_vocabulary()}
_FUNCTION_WORDS = {
    "latin": ("the", "of", "and", "in", "to", "a", "on", "for", "with", "that", "after", "from",
              "by", "was", "has", "said"),
    "arabic": ("في", "من", "على", "إلى", "أن", "عن", "مع", "التي", "الذي", "هذا", "بعد", "قبل",
               "خلال", "وقال", "كان"),
}
_NUMBERS = ("2", "9", "20", "41", "100", "2013", "2022")
_COMMA = {"latin": ",", "arabic": "،"}
_END_MARKS = {"latin": (".", ".", ".", "?", "!"), "arabic": (".", ".", ".", "؟", "!")}
_CREDITS = {
    "latin": ("AFP", "Reuters", "AP", "EPA", "Getty Images"),
    "arabic": ("أ.ف.ب", "رويترز", "د.ب.أ", "أ.ب", "إ.ب.أ", "AFP"),
}
_SECTIONS = {
    "latin": ("World", "Business", "Middle East", "Sport", "Analysis", "Culture"),
    "arabic": ("المشرق العربي", "شؤون إقليمية", "تحليل إخباري", "اقتصاد", "رياضة", "ثقافة وفنون"),
}
_RELATED_HEADINGS = {"latin": ("Related articles", "Read more"), "arabic": ("مقالات ذات صلة",)}
_UI_WORDS = {"latin": ("TT", "Share"), "arabic": ("TT", "مشاركة")}


def _script(script: str | None) -> st.SearchStrategy[str]:
    if script is None:
        return st.sampled_from(SCRIPTS)
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {SCRIPTS}")
    return st.just(script)


def _with_script(build):
    """Let a strategy factory take script=None, meaning 'either script'. Strategies are built
    once per argument list (building a composite strategy is slow; using one is not)."""
    build = functools.lru_cache(maxsize=None)(build)

    @functools.wraps(build)
    def factory(script: str | None = None, *args, **kwargs):
        if script is None:
            return st.sampled_from(SCRIPTS).flatmap(lambda s: build(s, *args, **kwargs))
        _script(script)  # validates
        return build(script, *args, **kwargs)
    return factory


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


# --------------------------------------------------------------------------------------------
# Text pieces


# What a word of running text is drawn from: content words, with function words about a third
# of the time, as in real prose.
_RUNNING_TEXT = {s: _VOCABULARY[s] + _FUNCTION_WORDS[s] * 25 for s in SCRIPTS}


def _seeded(salt: str, make, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """`make(rng, n)` for a drawn size n and a drawn seed: two draws for a whole run of words
    (one draw a word makes pages slow to generate and to shrink). Shrinks to the shortest run
    from seed 0; `salt` keeps the shrunk headline, caption and sentence from being the same
    words."""
    return st.tuples(st.integers(min_size, max_size), st.integers(0, 2**32 - 1)).map(
        lambda t: make(random.Random(f"{salt}:{t[1]}"), t[0]))


def _run_of_words(script: str, rng: random.Random, n: int) -> list[str]:
    return [rng.choice(_RUNNING_TEXT[script]) for _ in range(n)]


@_with_script
def words(script: str, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    """A run of `min_size`..`max_size` words of `script` ("arabic", "latin", or None for either),
    joined by spaces, without punctuation: the stuff of headlines, names and labels."""
    return _phrase(script, "words", min_size, max_size)


def _phrase(script: str, salt: str, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return _seeded(salt, lambda rng, n: " ".join(_run_of_words(script, rng, n)),
                   min_size, max_size)


@functools.lru_cache(maxsize=None)
def _name(script: str) -> st.SearchStrategy[str]:
    def make(rng: random.Random, n: int) -> str:
        names = [rng.choice(_VOCABULARY[script]) for _ in range(n)]
        return " ".join(map(_capitalise, names) if script == "latin" else names)
    return _seeded("name", make, 2, 3)


@_with_script
def sentence(script: str, min_words: int = 10, max_words: int = 25) -> st.SearchStrategy[str]:
    """A long sentence: words (now and then a number), a comma or two, and a final `.`, `!` or
    `?` / `؟`. Latin sentences start with a capital."""
    def make(rng: random.Random, n: int) -> str:
        tokens = _run_of_words(script, rng, n)
        if rng.random() < 0.4:  # a number somewhere after the first word
            tokens[rng.randrange(1, n)] = rng.choice(_NUMBERS)
        for i in rng.sample(range(1, n - 1), rng.choice((0, 1, 1, 2))):
            tokens[i] += _COMMA[script]
        if script == "latin":
            tokens[0] = _capitalise(tokens[0])
        return " ".join(tokens) + rng.choice(_END_MARKS[script])
    return _seeded("sentence", make, max(min_words, 3), max_words)


@_with_script
def paragraph(script: str, max_sentences: int = 3) -> st.SearchStrategy[str]:
    """A body paragraph: one to `max_sentences` sentences on one line."""
    return st.lists(sentence(script), min_size=1, max_size=max_sentences).map(" ".join)


@_with_script
def headline(script: str) -> st.SearchStrategy[str]:
    """A headline: 5 to 12 words, no final punctuation."""
    return _phrase(script, "headline", 5, 12).map(_capitalise if script == "latin" else str)


@attrs.frozen
class Caption:
    """An image caption as printed: `text` ends with the credit in parentheses."""

    text: str
    credit: str


@functools.lru_cache(maxsize=None)
def _caption(script: str) -> st.SearchStrategy[Caption]:
    @st.composite
    def build(draw):
        body = draw(_phrase(script, "caption", 5, 14))
        if script == "latin":
            body = _capitalise(body)
        credit = draw(st.one_of(st.sampled_from(_CREDITS[script]),
                                _name(script).map(lambda n: f"AP Photo/{n}")
                                if script == "latin" else st.nothing()))
        return Caption(f"{body} ({credit})", credit)
    return build()


@_with_script
def caption(script: str) -> st.SearchStrategy[str]:
    """A caption line with a credit in parentheses at the end: `... (AFP)`, `... (أ.ف.ب)`."""
    return _caption(script).map(lambda c: c.text)


def _counter() -> st.SearchStrategy[str]:
    return st.integers(1, 999).map(str)


def _video_timer() -> st.SearchStrategy[str]:
    return st.tuples(st.integers(0, 59), st.integers(0, 59)).map(
        lambda t: f"play-circle {t[0]:02d}:{t[1]:02d}")


@functools.lru_cache(maxsize=None)
def debris(script: str | None = None, *, video: bool = True) -> st.SearchStrategy[str]:
    """One line of UI debris: the font-size button `TT`, a counter like `20`, `Share` /
    `مشاركة`, and (unless video=False) a video widget's `play-circle 00:48`."""
    if script is not None and script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {SCRIPTS}")
    ui = [w for s in SCRIPTS if script in (None, s) for w in _UI_WORDS[s]]
    options = [st.sampled_from(sorted(set(ui))), _counter()]
    if video:
        options.append(_video_timer())
    return st.one_of(options)


# --------------------------------------------------------------------------------------------
# Page structure


@attrs.frozen
class PageLine:
    """One line of a generated page and what it is (`role`: one of the ROLE_* strings)."""

    role: str
    text: str


ROLE_BLANK = "blank"
ROLE_HEADLINE = "headline"
ROLE_HEADLINE_ECHO = "headline-echo"
ROLE_CAPTION = "caption"
ROLE_DEBRIS = "debris"
ROLE_BODY = "body"
ROLE_RELATED_HEADING = "related-heading"
ROLE_TEASER_SECTION_CAPTION = "teaser-section-caption"
ROLE_TEASER_TITLE = "teaser-title"
ROLE_TEASER_SUMMARY = "teaser-summary"
ROLE_TEASER_BYLINE = "teaser-byline"

_BLANK = PageLine(ROLE_BLANK, "")


@attrs.frozen
class Teaser:
    """A teaser of a related-articles rail. Printed as `section caption (credit)` (plus
    `play-circle mm:ss` for a video), title, summary and a `Name (City)` byline."""

    section: str
    caption: Caption
    title: str
    summary: str
    byline: str
    video_duration: str | None = None

    def lines(self) -> list[PageLine]:
        first = f"{self.section} {self.caption.text}"
        if self.video_duration:
            first += f" play-circle {self.video_duration}"
        return [PageLine(ROLE_TEASER_SECTION_CAPTION, first), _BLANK,
                PageLine(ROLE_TEASER_TITLE, self.title), _BLANK,
                PageLine(ROLE_TEASER_SUMMARY, self.summary), _BLANK,
                PageLine(ROLE_TEASER_BYLINE, self.byline)]


@_with_script
def teaser(script: str) -> st.SearchStrategy[Teaser]:
    """A related-rail teaser (a `Teaser`)."""
    duration = st.none() | st.tuples(st.integers(0, 9), st.integers(0, 59)).map(
        lambda t: f"{t[0]:02d}:{t[1]:02d}")
    summary = st.one_of(sentence(script), sentence(script).map(lambda s: s[:-1]))
    byline = st.tuples(_name(script), _name(script).map(lambda n: n.split()[0])).map(
        lambda t: f"{t[0]} ({t[1]})")
    return st.builds(Teaser, section=st.sampled_from(_SECTIONS[script]),
                     caption=_caption(script), title=headline(script), summary=summary,
                     byline=byline, video_duration=duration)


@attrs.frozen
class ArticleParts:
    """What a generated article holds, in the order it is printed.

    `body` holds paragraphs (str) and inline captions (`Caption`) in reading order. Every caption
    is printed `caption_copies` times in a row; `debris` lines follow the lead caption; when
    `echo` is set the headline and lead caption are printed again under the photo.
    """

    headline: str
    lead_caption: Caption | None
    caption_copies: int
    debris: tuple[str, ...]
    echo: bool
    body: tuple[str | Caption, ...]
    related_heading: str | None = None
    teasers: tuple[Teaser, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(x for x in self.body if isinstance(x, str))

    @property
    def captions(self) -> tuple[Caption, ...]:
        inline = tuple(x for x in self.body if isinstance(x, Caption))
        return ((self.lead_caption,) if self.lead_caption else ()) + inline

    def lines(self) -> list[PageLine]:
        caption_lines = [PageLine(ROLE_CAPTION, self.lead_caption.text)] * self.caption_copies \
            if self.lead_caption else []
        out = [PageLine(ROLE_HEADLINE, self.headline), _BLANK, *caption_lines,
               *(PageLine(ROLE_DEBRIS, d) for d in self.debris)]
        if self.echo:
            out += [_BLANK, PageLine(ROLE_HEADLINE_ECHO, self.headline), _BLANK, *caption_lines]
        out.append(_BLANK)
        for item in self.body:
            if isinstance(item, Caption):
                out += [PageLine(ROLE_CAPTION, item.text)] * self.caption_copies
            else:
                out.append(PageLine(ROLE_BODY, item))
            out.append(_BLANK)
        if self.teasers:
            out += [_BLANK, PageLine(ROLE_RELATED_HEADING, self.related_heading), _BLANK]
            for t in self.teasers:
                out += t.lines()
            out.append(_BLANK)
        return out

    def content_lines(self) -> list[str]:
        """Every distinct piece of text the article prints once on purpose (no debris, no
        copies, no related heading)."""
        out = [self.headline, *(c.text for c in self.captions), *self.paragraphs]
        for t in self.teasers:
            out += [l.text for l in t.lines() if l.role != ROLE_BLANK]
        return out


@attrs.frozen(repr=False)
class Page:
    """A generated page: its `lines` (with roles), the `articles` they print, and `text`."""

    script: str
    articles: tuple[ArticleParts, ...]
    lines: tuple[PageLine, ...]

    def __repr__(self) -> str:  # what a failing test shows: the page as a reader sees it
        shown = "\n".join(f"  {n:3d} {line.role:<23} {line.text}"
                          for n, line in enumerate(self.lines, 1))
        return f"Page(script={self.script!r}, lines=\n{shown}\n)"

    def _repr_pretty_(self, printer, cycle) -> None:  # hypothesis's and IPython's printer
        printer.text(repr(self))

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def inserted(self, index: int, line: PageLine) -> Page:
        """The same page with `line` inserted before `self.lines[index]`."""
        return attrs.evolve(self, lines=self.lines[:index] + (line,) + self.lines[index:])

    def indices(self, role: str) -> list[int]:
        """Where lines of `role` are."""
        return [i for i, line in enumerate(self.lines) if line.role == role]


@functools.lru_cache(maxsize=None)
def _article(script: str, *, rail: bool, full: bool) -> st.SearchStrategy[ArticleParts]:
    @st.composite
    def build(draw):
        paragraphs = draw(st.lists(paragraph(script), min_size=2 if full else 1, max_size=6))
        inline = draw(st.lists(_caption(script), max_size=2))
        body: list[str | Caption] = list(paragraphs)
        for c in inline:  # between two paragraphs, never first
            body.insert(draw(st.integers(1, max(1, len(body) - 1))), c)
        teasers = draw(st.lists(teaser(script), max_size=4)) if rail else []
        return ArticleParts(
            headline=draw(headline(script)),
            lead_caption=draw(_caption(script) if full else st.none() | _caption(script)),
            caption_copies=2 if full else draw(st.sampled_from((2, 2, 1))),
            debris=tuple(draw(st.lists(debris(script, video=False), max_size=3))),
            echo=True if full else draw(st.booleans()),
            body=tuple(body),
            related_heading=draw(st.sampled_from(_RELATED_HEADINGS[script])) if teasers else None,
            teasers=tuple(teasers),
        )
    return build()


def _distinct_content(articles: list[ArticleParts]) -> bool:
    keys = [line_key(t) for a in articles for t in a.content_lines()]
    return len(keys) == len(set(keys))


@st.composite
def _article_page(draw, script: str | None, full: bool) -> Page:
    s = draw(_script(script))
    articles = [draw(_article(s, rail=True, full=full))]
    if draw(st.booleans()):  # the next article, from infinite scroll
        articles.append(draw(_article(s, rail=False, full=full)))
    # A real page prints each distinct text once on purpose; copies are the page's own quirks.
    assume(_distinct_content(articles))
    lines: list[PageLine] = []
    for a in articles:
        lines += a.lines()
    return Page(s, tuple(articles), tuple(lines))


def article_page(script: str | None = None, *, full: bool = False) -> st.SearchStrategy[Page]:
    """A whole scraped page as a `Page` (`.text`, `.lines` with roles, `.articles` as
    `ArticleParts`): headline, lead caption printed twice with its credit, UI debris, the
    headline echoed under the photo, paragraphs with inline captions, a related rail of teasers,
    and sometimes a second article. Distinct parts of the page have distinct keys.

    Each part but the headline and a first paragraph may be missing; with `full=True` every
    article has everything a page prints around a headline (lead caption twice, the headline
    and caption echoed under the photo, two paragraphs or more), so that where an article starts
    is plain to a reader.
    """
    return _article_page(script, full)


def pages() -> st.SearchStrategy[str]:
    """Page texts of either script (`article_page().map(lambda p: p.text)`)."""
    return article_page().map(lambda p: p.text)


# --------------------------------------------------------------------------------------------
# Invariants


def _fold(s: str) -> str:
    return " ".join(s.split())


class _Page:
    """The page's lines, and offsets to 1-based line numbers for messages."""

    def __init__(self, page: str):
        self.text = page
        self.lines = split_lines(page)
        self.by_start = {ln.start: ln for ln in self.lines}
        self.breaks = [m.start() for m in LINE_BREAK.finditer(page)]

    def lineno(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1 if offset > 0 else 1

    def where(self, start: int, end: int) -> str:
        snippet = self.text[start:end]
        snippet = snippet if len(snippet) <= 60 else snippet[:57] + "..."
        return f"line {self.lineno(start)} [{start}:{end}] {snippet!r}"


def _blocks(document: Document):
    return [b for a in document.articles for b in a.blocks]


def _check_lines_accounted_for(p: _Page, document: Document) -> list[str]:
    errors = []
    blocks = sorted(_blocks(document), key=lambda b: (b.start, b.end))
    for left, right in zip(blocks, blocks[1:]):
        if right.start < left.end:
            errors.append(f"blocks overlap: {left.kind} {p.where(left.start, left.end)} and "
                          f"{right.kind} {p.where(right.start, right.end)}")
    starts = [b.start for b in blocks]
    dropped: dict[tuple[int, int], int] = {}
    line_spans = {(ln.start, ln.end) for ln in p.lines}
    for d in document.dropped:
        dropped[(d.start, d.end)] = dropped.get((d.start, d.end), 0) + 1
        if (d.start, d.end) not in line_spans:
            errors.append(f"dropped entry is not a line of the page: {d.reason} "
                          f"{p.where(d.start, d.end)}")
        elif d.text != p.text[d.start:d.end]:
            errors.append(f"dropped entry's text {d.text!r} is not the page's text at "
                          f"{p.where(d.start, d.end)}")
    for ln in p.lines:
        i = bisect.bisect_right(starts, ln.start)
        in_blocks = [b for b in blocks[max(0, i - 2):i] if b.start <= ln.start and ln.end <= b.end]
        n = len(in_blocks) + dropped.get((ln.start, ln.end), 0)
        if n != 1:
            how = "not accounted for" if n == 0 else f"accounted for {n} times"
            errors.append(f"{how}: {p.where(ln.start, ln.end)} "
                          f"({len(in_blocks)} block(s), {n - len(in_blocks)} dropped)")
    return errors


def _check_page_order(p: _Page, document: Document) -> list[str]:
    errors = []
    previous = None
    for n, article in enumerate(document.articles, 1):
        if not article.blocks:
            errors.append(f"article {n} has no blocks")
            continue
        for b in article.blocks:
            if not 0 <= b.start < b.end <= len(p.text):
                errors.append(f"article {n}: {b.kind} block span [{b.start}:{b.end}] is not a "
                              f"non-empty range of the page (length {len(p.text)})")
            if previous is not None and b.start < previous.start:
                errors.append(f"article {n}: {b.kind} {p.where(b.start, b.end)} comes after "
                              f"{previous.kind} {p.where(previous.start, previous.end)}")
            previous = b
    spans = [(min(b.start for b in a.blocks), max(b.end for b in a.blocks))
             for a in document.articles if a.blocks]
    for n, (left, right) in enumerate(zip(spans, spans[1:]), 1):
        if right[0] < left[1]:
            errors.append(f"articles {n} and {n + 1} interleave: {left} and {right}")
    return errors


def _check_no_duplicate_keys(p: _Page, document: Document) -> list[str]:
    errors = []
    for n, article in enumerate(document.articles, 1):
        seen = {}
        for b in article.blocks:
            if b.kind is Kind.TEASER:
                continue
            key = line_key(b.text)
            if key in seen:
                first = seen[key]
                errors.append(f"article {n} keeps the same text twice: {first.kind} "
                              f"{p.where(first.start, first.end)} and {b.kind} "
                              f"{p.where(b.start, b.end)}")
            else:
                seen[key] = b
    return errors


_FIELDS = ("title", "section", "caption", "credit", "summary", "byline", "video_duration")


def _check_text_from_page(p: _Page, document: Document) -> list[str]:
    errors = []
    folded_page = _fold(p.text)
    blocks = _blocks(document)
    merged = sorted((d.start, d.text) for d in document.dropped if d.reason is Reason.MERGED)
    merged_starts = [m[0] for m in merged]
    for i, b in enumerate(blocks):
        here = p.where(b.start, b.end)
        if not b.text.strip():
            errors.append(f"{b.kind} block has empty text at {here}")
            continue
        span = _fold(p.text[b.start:b.end])
        if b.kind is Kind.TEASER:
            if b.title is None or _fold(b.title) != _fold(b.text):
                errors.append(f"teaser's title {b.title!r} is not its text {b.text!r} at {here}")
            # The span covers the teaser's first part; its other parts are "merged" lines up to
            # the next block.
            until = blocks[i + 1].start if i + 1 < len(blocks) else len(p.text) + 1
            lo = bisect.bisect_left(merged_starts, b.end)
            hi = bisect.bisect_left(merged_starts, until)
            carriers = [span] + [_fold(t) for _, t in merged[lo:hi]]
            if not any(_fold(b.text) in c for c in carriers):
                errors.append(f"teaser title {b.text!r} is neither in its span {here} nor in a "
                              f"merged line after it")
        else:
            first = next(ln for ln in LINE_BREAK.split(b.text) if ln.strip())
            if _fold(first) not in span:
                errors.append(f"{b.kind} block text {first!r} is not the page's text at {here}")
        for name in _FIELDS:
            value = getattr(b, name)
            if value is not None and (not value.strip() or _fold(value) not in folded_page):
                errors.append(f"{b.kind} block's {name} {value!r} is not text of the page "
                              f"({here})")
    return errors


def _check_duplicates_point_to_kept_copies(p: _Page, document: Document) -> list[str]:
    errors = []
    blocks = sorted(_blocks(document), key=lambda b: b.start)
    starts = [b.start for b in blocks]
    block_starts = set(starts)
    merged = {d.start for d in document.dropped if d.reason is Reason.MERGED}
    for d in document.dropped:
        here = p.where(d.start, d.end)
        if d.reason is not Reason.DUPLICATE:
            # Others may say which block they went to (a merged credit line, a teaser's part).
            if d.kept_at is not None and d.kept_at not in block_starts:
                errors.append(f"{d.reason} line's kept_at={d.kept_at} is not a block's start: "
                              f"{here}")
            continue
        if d.kept_at is None:
            errors.append(f"duplicate without kept_at: {here}")
            continue
        kept = p.by_start.get(d.kept_at)
        i = bisect.bisect_right(starts, d.kept_at) - 1
        in_block = (kept is not None and i >= 0 and blocks[i].start <= kept.start
                    and kept.end <= blocks[i].end)
        if kept is None or not (in_block or d.kept_at in merged):
            errors.append(f"duplicate's kept_at={d.kept_at} is not the start of a kept line "
                          f"(a block, a line inside one, or a merged line): {here}")
        elif d.kept_at == d.start:
            errors.append(f"duplicate points to itself: {here}")
        elif line_key(kept.text) != line_key(d.text):
            errors.append(f"duplicate {here} points to a line with another key: "
                          f"{p.where(kept.start, kept.end)}")
    return errors


def _raise(what: str, errors: list[str]) -> None:
    if errors:
        shown = errors[:20]
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise AssertionError(f"{what} ({len(errors)}):\n  " + "\n  ".join(shown) + more)


def _run(page: str, document: Document, checks, what: str) -> None:
    if document.text != page:
        raise AssertionError("document.text is not the page that was segmented "
                             f"(lengths {len(document.text)} and {len(page)})")
    p = _Page(page)
    _raise(what, [e for check in checks for e in check(p, document)])


def assert_lines_accounted_for(page: str, document: Document) -> None:
    """Invariant 1: every non-blank line of `page` is accounted for exactly once.

    A line (as `newsclean.lines.split_lines` gives it) is accounted for by a block whose
    [start, end) contains the line's [start, end), or by a dropped entry whose [start, end)
    equals it. A block may cover several lines (a caption and its credit line). A teaser's
    span covers its first part only, so its parts on other lines must be in `dropped` (as
    "merged", or as "duplicate" when printed twice). Block spans may not overlap; a dropped
    entry must be a line of the page, with that line's text.
    """
    _run(page, document, [_check_lines_accounted_for], "lines not accounted for exactly once")


def assert_page_order(page: str, document: Document) -> None:
    """Invariant 2: blocks are in page order, within and across articles (starts never go back),
    articles do not interleave, no article is empty, and every span is a range of the page."""
    _run(page, document, [_check_page_order], "blocks out of page order")


def assert_no_duplicate_keys(page: str, document: Document) -> None:
    """Invariant 3: no two kept blocks of one article, teasers aside, have the same
    `newsclean.keys.line_key` of their text."""
    _run(page, document, [_check_no_duplicate_keys], "duplicate blocks kept")


def assert_text_from_page(page: str, document: Document) -> None:
    """Invariant 4: every block's text is non-empty and is the page's own text, never a key.

    `document.text[b.start:b.end]` contains the first line of `b.text` (white space folded).
    A teaser's text is its title; it is in the span or in a "merged" line after the span and
    before the next block. Every field (title, section, caption, credit, summary, byline,
    video_duration) that is set is non-empty text of the page.
    """
    _run(page, document, [_check_text_from_page], "block text not from the page")


def assert_duplicates_point_to_kept_copies(page: str, document: Document) -> None:
    """Invariant 5: a dropped duplicate's `kept_at` is the start of a kept line — a block's
    start, the start of a line inside a block, or a "merged" line (a line folded into a block)
    — other than itself, with the same key. Another dropped line (a merged credit or teaser
    part) may set `kept_at` to the start of the block it went to; no other value."""
    _run(page, document, [_check_duplicates_point_to_kept_copies], "duplicates not pointing to kept copies")


def assert_invariants(page: str, document: Document) -> None:
    """Check that `document` is a valid segmentation of the text `page`; raise AssertionError
    listing every violation (line numbers are 1-based lines of `page`).

    `document.text` must be `page` itself. Then:

    1. every non-blank line of the page is accounted for exactly once: its [start, end) lies
       inside exactly one block's [start, end), or equals exactly one dropped entry's span
       (a teaser's span covers its first part; its other parts are dropped as "merged");
    2. blocks are in page order within and across articles, and articles do not interleave;
    3. no two kept blocks of one article, teasers aside, have the same `line_key`;
    4. every block's text is non-empty and is the page's own text: `page[b.start:b.end]`
       contains its first line (a teaser's title may be in a merged line after its span), and
       every field set is text of the page;
    5. every dropped duplicate's `kept_at` is the start of a block, of a line inside a block or
       of a merged line, with the same key; any other dropped line's `kept_at`, when set, is
       the start of a block.
    """
    _run(page, document,
         [_check_lines_accounted_for, _check_page_order, _check_no_duplicate_keys,
          _check_text_from_page, _check_duplicates_point_to_kept_copies],
         "newsclean invariants violated")
