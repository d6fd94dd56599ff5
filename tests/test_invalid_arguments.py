"""Clear errors at the call for arguments no page could be segmented with (issue 15 item 8):
`InvalidArgument`, a NewscleanError that is both a TypeError and a ValueError."""
from __future__ import annotations

import pytest

import newsclean
from newsclean.batch.safe import segment_safely
from newsclean.errors import InvalidArgument, NewscleanError

BAD = [
    ({"lang": ["ar"]}, "one code, such as 'ar'"),
    ({"lang": ("ar", "en")}, "one code"),
    ({"lang": b"ar"}, "language code"),
    ({"max_chars": None}, "no unlimited setting"),
    ({"max_lines": None}, "no unlimited setting"),
    ({"max_chars": 1.5}, "whole number"),
    ({"max_chars": True}, "whole number"),
    ({"max_lines": 0}, "at least 1"),
    ({"input": "xml"}, "input must be one of"),
    ({"input": None}, "input must be one of"),
]


def test_invalid_argument_is_a_documented_newsclean_error():
    assert issubclass(InvalidArgument, NewscleanError)
    assert issubclass(InvalidArgument, TypeError) and issubclass(InvalidArgument, ValueError)


@pytest.mark.parametrize("kw, message", BAD)
@pytest.mark.parametrize("call", ["segment", "explain"])
def test_segment_and_explain_refuse_at_the_call(call, kw, message):
    with pytest.raises(InvalidArgument, match=message):
        getattr(newsclean, call)("Headline\n\nA paragraph of the story, long enough.", **kw)


@pytest.mark.parametrize("kw", [{"lang": ["ar"]}, {"lang": 3}, {"input": "xml"},
                                {"timeout": "5"}, {"timeout": -1}])
def test_segment_many_refuses_at_the_call_not_as_a_failure_a_page(kw):
    with pytest.raises(InvalidArgument):
        newsclean.segment_many(["a page"], workers=1, **kw)  # (raised before iterating)


def test_segment_safely_refuses_a_bad_lang_and_max_chars():
    with pytest.raises(InvalidArgument, match="lang"):
        segment_safely("a page", lang=["ar"])
    with pytest.raises(InvalidArgument, match="max_chars"):
        segment_safely("a page", max_chars=None)
