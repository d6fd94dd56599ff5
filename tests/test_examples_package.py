"""What an installed newsclean holds besides its code: the example page (`newsclean.examples`)
and the py.typed marker, as package data; and the names `import newsclean` gives."""
from __future__ import annotations

import doctest
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
import newsclean.examples

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "aawsat-putin-sharaa.txt"


def test_the_example_is_the_seed_fixture_byte_for_byte():
    assert newsclean.examples.path().read_bytes() == FIXTURE.read_bytes()


def test_path_and_read_default_to_the_seed_page():
    assert newsclean.examples.path().name == newsclean.examples.DEFAULT
    assert newsclean.examples.path(newsclean.examples.DEFAULT) == newsclean.examples.path()
    assert newsclean.examples.read() == FIXTURE.read_bytes()


def test_every_listed_example_exists_and_segments():
    for name in newsclean.examples.NAMES:
        assert newsclean.examples.path(name).is_file()
        assert newsclean.segment(newsclean.examples.read(name)).articles


@pytest.mark.parametrize("name", ["missing.txt", "../__init__.py", "", "__init__.py"])
def test_a_name_that_is_no_example_is_a_value_error(name):
    with pytest.raises(ValueError, match="no example page"):
        newsclean.examples.path(name)


def test_module_docstring_runs():
    result = doctest.testmod(newsclean.examples)
    assert result.attempted and not result.failed


def _built_package(tmp_path: Path) -> Path:
    """What setuptools puts into an installed newsclean, from pyproject's package data: build_py
    on a copy of the project (no wheel package needed, nothing written to the checkout)."""
    pytest.importorskip("setuptools")
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    # a copy, not a link: setuptools writes its egg-info into src/
    shutil.copytree(ROOT / "src", project / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path / "build"
    proc = subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
         "-d", str(out)],
        cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out / "newsclean"


def test_the_example_is_package_data(tmp_path):
    built = _built_package(tmp_path)
    for name in newsclean.examples.NAMES:
        assert (built / "examples" / name).read_bytes() == newsclean.examples.read(name)


def test_the_package_is_marked_typed(tmp_path):
    assert (Path(newsclean.__file__).parent / "py.typed").is_file()
    assert (_built_package(tmp_path) / "py.typed").is_file()


def test_failure_is_exported_from_the_package():
    from newsclean.batch import Failure

    assert newsclean.Failure is Failure
    assert "Failure" in newsclean.__all__
