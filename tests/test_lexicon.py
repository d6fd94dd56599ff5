"""The word lists a page gets: chosen by its scripts, added to by `lang`, never taken away."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import newsclean
from newsclean.lexicon import available_languages, lexicon_for, normalise_lang, scripts_of

SEED = Path(__file__).parent / "fixtures" / "aawsat-putin-sharaa.txt"


@pytest.mark.parametrize("code, lang", [
    ("ar", "ar"), ("AR", "ar"), ("ar-EG", "ar"), ("ar_SA", "ar"), ("ara", "ar"), ("arb", "ar"),
    ("arb_Arab", "ar"), ("en-GB", "en"), ("eng", "en"), ("deu", "de"), ("ger", "de"),
    ("fra", "fr"), ("pt-BR", "pt"), ("jpn", "ja"), (None, None),
    ("ko", None), ("sw", None),  # real codes without a word list: the structure carries them
])
def test_codes_are_normalised(code, lang):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # none of these warns
        assert normalise_lang(code) == lang


def test_a_string_that_is_no_code_warns_and_adds_nothing():
    normalise_lang.cache_clear()
    with pytest.warns(UserWarning, match="not a language code"):
        assert normalise_lang("Arabic language") is None
    assert lexicon_for("Arabic language", frozenset({"Arabic"})) == lexicon_for(None, frozenset({"Arabic"}))


def test_a_code_that_is_not_a_string_is_a_clear_error():
    with pytest.raises(TypeError, match="lang must be a language code"):
        newsclean.segment("A headline\n\nSome text.", lang=["ar"])


def test_every_data_file_names_its_script_and_codes():
    from newsclean.lexicon import SCRIPT_PATTERNS, _load
    for lang in available_languages():
        data = _load(lang)
        assert data["script"] in SCRIPT_PATTERNS, lang
        assert data["codes"] and all(normalise_lang(code) == lang for code in data["codes"]), lang
        assert normalise_lang(lang) == lang


def test_the_scripts_of_a_page():
    assert scripts_of("مقالات ذات صلة") == {"Arabic"}
    assert scripts_of("Related articles") == {"Latin"}
    assert scripts_of("東京 の 記事") == {"Han"}
    assert scripts_of("Новости дня") == {"Cyrillic"}
    assert scripts_of("2024 — 12:30") == frozenset()


def test_lang_adds_word_lists_and_never_takes_them_away():
    arabic = frozenset({"Arabic"})
    base = lexicon_for(None, arabic)
    with_en = lexicon_for("en", arabic)
    with_de = lexicon_for("de", arabic)
    for name in ("related_headings", "credits", "ui", "sections"):
        assert getattr(base, name) <= getattr(with_en, name)
        assert getattr(base, name) <= getattr(with_de, name)
    assert "مقالات ذات صله" in with_en.related_headings  # (keys fold ة to ه)
    assert with_de.related_headings - base.related_headings  # German's own lists came in


def test_a_wrong_lang_does_not_change_an_arabic_page():
    page = SEED.read_text(encoding="utf-8")
    assert newsclean.segment(page, lang="en") == newsclean.segment(page)
    assert newsclean.segment(page, lang="ar-EG") == newsclean.segment(page)

