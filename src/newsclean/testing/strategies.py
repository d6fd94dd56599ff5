"""Hypothesis strategies that build realistic scraped news pages, one line a block.

Pages are plain text, as a browser's `innerText` shows them: a headline, its lead caption
printed twice (responsive images) with a credit in parentheses, UI debris ("TT", a counter,
"Share", "play-circle 00:48"), the headline echoed under the photo, body paragraphs, a
related-articles rail whose teasers print section and caption, title, summary and byline, and
sometimes a second article (infinite scroll). Words are built from syllables of a small alphabet
per script ("arabic", "latin"), so the text reads like language rather than random code points.
"""
from __future__ import annotations

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
