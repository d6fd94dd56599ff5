"""segment()'s arguments: a value that cannot mean anything is a clear error, raised at once."""
from __future__ import annotations

import pytest

import newsclean


@pytest.mark.parametrize("limits, error", [
    ({"max_chars": None}, TypeError), ({"max_lines": "10"}, TypeError),
    ({"max_chars": True}, TypeError), ({"max_chars": 0}, ValueError), ({"max_lines": -1}, ValueError),
])
def test_limits_that_are_no_limits_are_clear_errors(limits, error):
    with pytest.raises(error, match="max_"):
        newsclean.segment("A headline\n\nSome text.", **limits)
