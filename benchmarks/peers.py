"""Peers: other extractors, run on what each can produce (body text; a title where it gives one).

They live in the optional `bench` extra (`pip install -e '.[bench]'`), never in newsclean's runtime
dependencies; a peer that is not installed is skipped with a note. Each peer's output becomes a
prediction in the gold shape: its title (if any) as the headline, and each non-blank line of its
body text as a body block. Nothing is cleaned after the peer: if its text repeats the title, so
does the prediction.

HTML track (the page's .html):
- trafilatura: `bare_extraction(html, with_metadata=True)`, defaults otherwise; `.title`, `.text`.
- trafilatura-precision: the same with `favor_precision=True`.
- readability: readability-lxml `Document(html)`: `.short_title()`, and the text of `.summary()`
  one line per block element.
- justext: jusText with the stoplist of the page's language (`justext_stoplist()`), the
  paragraphs it does not mark as boilerplate. No title.
- resiliparse: `extract_plain_text(tree, main_content=True)`. No title.
- newspaper4k: `Article(url="", fetch_images=False)`, `download(input_html=html)`, `parse()`;
  `.title`, `.text`.
- boilerpy3: `ArticleExtractor(raise_on_failure=False).get_doc(html)`: `.title` (the page's
  <title>) and `.content` (with raise_on_failure=False it returns what it extracted where its
  parser gives up, rather than raising).

Text track (the page's .txt): a line-based input has no markup, so the fair peers are the ones
that work on paragraphs: jusText and trafilatura, given the page's non-blank lines as `<p>`
paragraphs of an otherwise empty HTML document.
"""
from __future__ import annotations

import html as html_lib
import importlib.util
from dataclasses import dataclass
from typing import Callable

from benchmarks.prediction import nonblank_lines as body_lines
from benchmarks.prediction import prediction as _prediction

# ISO 639-1 codes (the corpora's `lang`) to jusText's stoplist names, for the languages jusText has.
JUSTEXT_LANGUAGES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "la": "Latin",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}


def justext_stoplist(lang: str | None) -> tuple[frozenset, dict]:
    """jusText's stoplist for a language code, and the keyword arguments to use with it.

    A known language with a jusText stoplist gets that list; no language at all falls back to
    English; a language jusText has no list for (Japanese, Chinese, …) gets an empty stoplist in
    jusText's language-independent mode (stopword thresholds 0, as its command line does).
    """
    import justext

    name = JUSTEXT_LANGUAGES.get((lang or "en").split("-")[0].lower())
    if name and name in justext.get_stoplists():
        return justext.get_stoplist(name), {}
    return frozenset(), {"stopwords_low": 0, "stopwords_high": 0}


def lines_as_paragraphs(text: str) -> str:
    """A line-based page as an HTML document: each non-blank line one `<p>`."""
    paras = (html_lib.escape(s) for s in (line.strip() for line in text.split("\n")) if s)
    return "<html><body>\n" + "\n".join(f"<p>{p}</p>" for p in paras) + "\n</body></html>"


# Block elements after which text continues on a new line (for readability's summary HTML).
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
               "pre", "table", "tr", "td", "th", "figure", "figcaption", "section", "article",
               "header", "footer", "dl", "dt", "dd", "br", "hr")


def html_fragment_lines(fragment: str) -> list[str]:
    """The text of an HTML fragment, one line per block element."""
    import lxml.html

    if not fragment.strip():
        return []
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    return body_lines(root.text_content())


# --- HTML track --------------------------------------------------------------------------------

def trafilatura_default(page: str, lang: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(page, with_metadata=True)
    return _prediction(body_lines(doc.text), doc.title) if doc else _prediction([])


def trafilatura_precision(page: str, lang: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(page, with_metadata=True, favor_precision=True)
    return _prediction(body_lines(doc.text), doc.title) if doc else _prediction([])


def readability(page: str, lang: str | None) -> dict:
    import readability as readability_lxml

    doc = readability_lxml.Document(page)
    return _prediction(html_fragment_lines(doc.summary(html_partial=True)), doc.short_title())


def justext_html(page: str, lang: str | None) -> dict:
    import justext

    stoplist, options = justext_stoplist(lang)
    paragraphs = justext.justext(page, stoplist, **options)
    return _prediction([s for p in paragraphs if not p.is_boilerplate for s in body_lines(p.text)])


def resiliparse(page: str, lang: str | None) -> dict:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return _prediction(body_lines(extract_plain_text(HTMLTree.parse(page), main_content=True)))


def newspaper4k(page: str, lang: str | None) -> dict:
    import warnings

    with warnings.catch_warnings():  # "nltk is not installed": only its NLP extras need it
        warnings.simplefilter("ignore")
        import newspaper

    article = newspaper.Article("", fetch_images=False)
    article.download(input_html=page)
    article.parse()
    return _prediction(body_lines(article.text), article.title)


def boilerpy3(page: str, lang: str | None) -> dict:
    import logging

    from boilerpy3 import extractors

    logging.getLogger("boilerpy3").setLevel(logging.ERROR)  # its per-page parser warnings
    doc = extractors.ArticleExtractor(raise_on_failure=False).get_doc(page)
    return _prediction(body_lines(doc.content), doc.title)


# --- text track: the page's lines as <p> paragraphs --------------------------------------------

def justext_lines(page: str, lang: str | None) -> dict:
    return justext_html(lines_as_paragraphs(page), lang)


def trafilatura_lines(page: str, lang: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(lines_as_paragraphs(page))
    return _prediction(body_lines(doc.text)) if doc else _prediction([])


@dataclass(frozen=True)
class Peer:
    name: str
    modules: tuple[str, ...]  # import names that must be installed
    run: Callable[[str, str | None], dict]
    gives_title: bool
    note: str


PEERS = {
    "html": [
        Peer("trafilatura", ("trafilatura",), trafilatura_default, True, "trafilatura, defaults"),
        Peer("trafilatura-precision", ("trafilatura",), trafilatura_precision, True,
             "trafilatura, favor_precision=True"),
        Peer("readability", ("readability",), readability, True, "readability-lxml"),
        Peer("justext", ("justext",), justext_html, False, "jusText, the page's language stoplist"),
        Peer("resiliparse", ("resiliparse",), resiliparse, False, "resiliparse, main_content=True"),
        Peer("newspaper4k", ("newspaper",), newspaper4k, True, "newspaper4k, fetch_images=False"),
        Peer("boilerpy3", ("boilerpy3",), boilerpy3, True, "boilerpy3 ArticleExtractor"),
    ],
    "text": [
        Peer("justext", ("justext",), justext_lines, False, "jusText on the lines as <p>"),
        Peer("trafilatura", ("trafilatura",), trafilatura_lines, False, "trafilatura on the lines as <p>"),
    ],
}


def missing_modules(peer: Peer) -> list[str]:
    return [m for m in peer.modules if importlib.util.find_spec(m) is None]


def versions() -> dict[str, str]:
    """Installed versions of the peer packages (for the record in docs and JSON)."""
    from importlib import metadata

    out = {}
    for dist in ("trafilatura", "readability-lxml", "justext", "resiliparse", "newspaper4k",
                 "boilerpy3", "selectolax", "lxml"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return out
