"""Hypothesis profiles for the test suite.

- "quick" (default, for CI): 50 examples a property, no deadline.
- "fuzz": a large budget. Selected when the run asks for fuzz tests (``pytest -m fuzz``); every
  property test (every @given test) then counts as a fuzz test, so ``-m fuzz`` runs all of them
  long. ``--hypothesis-profile=NAME`` (hypothesis's own option) overrides both.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "quick", max_examples=50, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)


def _fuzz_selected(config: pytest.Config) -> bool:
    """True when the -m expression asks for fuzz tests ("fuzz", "fuzz or corpus"), not when it
    excludes them ("not fuzz", the default from pyproject's addopts)."""
    words = (config.option.markexpr or "").replace("(", " ").replace(")", " ").split()
    return "fuzz" in words and "not" not in words


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("hypothesis_profile", default=None):
        return  # hypothesis's own --hypothesis-profile wins
    settings.load_profile("fuzz" if _fuzz_selected(config) else "quick")


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _fuzz_selected(config):
        return
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)
