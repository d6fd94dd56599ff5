"""Reading a corpus in the layout of `shared/corpora/FORMAT.md`, in place.

A corpus is a folder with `index.jsonl`, `pages/<id>.txt`, `pages/<id>.html` and `gold/<id>.json`.
The benchmarks read any such folder where it lies (the shared corpora, or a user's own annotated
pages) and never copy a page anywhere. Nothing here knows about one corpus in particular.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TRACKS = ("text", "html")

# Where the shared corpora live when the repository sits beside `shared/` (../shared/corpora).
REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO_ROOT.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Page:
    """One page of a corpus: where its files are, and what the index says about it."""

    corpus: str
    id: str
    lang: str | None
    root: Path

    @property
    def text_path(self) -> Path:
        return self.root / "pages" / f"{self.id}.txt"

    @property
    def html_path(self) -> Path:
        return self.root / "pages" / f"{self.id}.html"

    @property
    def gold_path(self) -> Path:
        return self.root / "gold" / f"{self.id}.json"

    def has(self, track: str) -> bool:
        """Whether the page has an input for `track` ("text": a .txt, "html": a .html)."""
        return (self.text_path if track == "text" else self.html_path).is_file()

    def read(self, track: str) -> str:
        """The page's input for `track` as text (UTF-8; undecodable bytes replaced)."""
        path = self.text_path if track == "text" else self.html_path
        return path.read_bytes().decode("utf-8", errors="replace")

    def gold(self) -> dict:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Corpus:
    """A corpus folder: its name (the folder's name) and its pages in index order."""

    name: str
    root: Path
    pages: tuple[Page, ...]


def load_corpus(root: str | Path, name: str | None = None) -> Corpus:
    """Read `root/index.jsonl`; pages without a gold file are left out.

    Without an index.jsonl, every `gold/<id>.json` is a page (language unknown), so a user can
    point the benchmark at a folder of their own annotated pages with no index.
    """
    root = Path(root).resolve()
    name = name or root.name
    index = root / "index.jsonl"
    pages = []
    if index.is_file():
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                pages.append(Page(name, entry["id"], entry.get("lang"), root))
    else:
        for gold in sorted((root / "gold").glob("*.json")):
            pages.append(Page(name, gold.stem, None, root))
    if not pages and not (root / "gold").is_dir():
        raise FileNotFoundError(f"{root} is not a corpus (no index.jsonl, no gold/)")
    return Corpus(name, root, tuple(p for p in pages if p.gold_path.is_file()))


def sample(pages: tuple[Page, ...] | list[Page], n: int | None) -> list[Page]:
    """`n` pages spread evenly over the corpus (all of them when n is None or large enough).

    Evenly spaced rather than the first n, so that a short run still sees several publishers
    (corpus indexes are often sorted by site or country)."""
    pages = list(pages)
    if n is None or n >= len(pages):
        return pages
    if n <= 0:
        return []
    return [pages[i * len(pages) // n] for i in range(n)]


def default_corpora() -> list[Path]:
    """The shared corpora beside the repository, if that folder exists (else none)."""
    if not SHARED_CORPORA.is_dir():
        return []
    return sorted(p for p in SHARED_CORPORA.iterdir() if (p / "gold").is_dir())
