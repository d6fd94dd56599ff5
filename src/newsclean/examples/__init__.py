"""The example pages that ship with newsclean, so a first run needs no page of one's own.

    >>> import newsclean, newsclean.examples
    >>> doc = newsclean.segment(newsclean.examples.read())
    >>> doc.articles[0].headline
    'بوتين يؤكد في رسالة للشرع دعمه لجهود تحقيق الاستقرار في سوريا'

`aawsat-putin-sharaa.txt` is the project's seed page (the browser text of an Asharq Al-Awsat
article: every caption twice, the headline echoed, UI debris, a rail of teasers), the same
bytes as `tests/fixtures/aawsat-putin-sharaa.txt`.
"""
from __future__ import annotations

from pathlib import Path

NAMES = ("aawsat-putin-sharaa.txt",)
DEFAULT = NAMES[0]

_HERE = Path(__file__).resolve().parent


def path(name: str | None = None) -> Path:
    """The file of example `name` (default: `DEFAULT`), installed beside this module.
    A name that is no example is a ValueError."""
    name = DEFAULT if name is None else name
    if name not in NAMES:
        raise ValueError(f"no example page {name!r}; the examples are: {', '.join(NAMES)}")
    return _HERE / name


def read(name: str | None = None) -> bytes:
    """The bytes of example `name` (default: `DEFAULT`), as `segment()` takes them."""
    return path(name).read_bytes()
