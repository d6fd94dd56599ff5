"""The documentation runs: every example in docs/ is executed and its shown output checked, so
the docs cannot drift from the code.

- ```pycon blocks are doctests (`>>>` lines and the output they print);
- ```python blocks are run as they are;
- ```console blocks are shell sessions: each `$ command` is run with bash, from a scratch
  folder holding the repository's `tests/` (so `tests/fixtures/...` paths work and files the
  examples write are thrown away), and its output is compared like a doctest's (`...` matches
  anything). `$ python -m pip install ...` is shown, not run: installing is CI's job.

The blocks of one file share one namespace and run in order, as a reader would type them.
Then coverage: every public name, every command and every option is documented.
"""
from __future__ import annotations

import argparse
import doctest
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
import newsclean.render
import newsclean.testing
from newsclean import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RUN = ["index.md", "concepts.md", "api.md", "cli.md"]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
NOT_RUN = ("python -m pip install",)
# Written by other issues: excused only while still missing, checked as soon as they land.
PENDING_PAGES: set[str] = set()
PENDING_COMMANDS: set[str] = set()

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)


def blocks(path: Path):
    """(language, code, line number of the code's first line) of each fenced block."""
    text = path.read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        yield m.group(1), m.group(2), text.count("\n", 0, m.start(2)) + 1


def run_doctest(code: str, globs: dict, name: str, lineno: int) -> None:
    test = doctest.DocTestParser().get_doctest(code, globs, name, name, lineno - 1)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out: list[str] = []
    runner.run(test, out=out.append, clear_globs=False)
    globs.update(test.globs)  # DocTest works on a copy: hand the names on to the next block
    assert runner.failures == 0, "".join(out)


def run_console(code: str, cwd: Path, name: str, lineno: int) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    checker = doctest.OutputChecker()
    sessions = re.split(r"^\$ ", code, flags=re.M)
    offset = lineno + sessions[0].count("\n")
    for session in sessions[1:]:
        command, _, expected = session.partition("\n")
        where = f"{name}:{offset}"
        offset += session.count("\n")
        if command.startswith(NOT_RUN):
            continue
        proc = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        got = proc.stdout  # and stderr, interleaved as a terminal shows them
        assert checker.check_output(expected, got, FLAGS), (
            f"{where}: $ {command}\nexpected:\n{expected}\ngot (exit {proc.returncode}):\n{got}")


@pytest.mark.parametrize("name", RUN)
def test_examples_run(name, tmp_path, monkeypatch):
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(ROOT)  # python examples read tests/fixtures/... from the repository
    globs: dict = {"__name__": f"docs.{name}"}
    ran = 0
    for lang, code, lineno in blocks(DOCS / name):
        where = f"docs/{name}"
        if lang == "pycon":
            run_doctest(code, globs, where, lineno)
        elif lang == "python":
            exec(compile("\n" * (lineno - 1) + code, where, "exec"), globs)
        elif lang == "console":
            run_console(code, tmp_path, where, lineno)
        else:
            continue
        ran += 1
    if name != "cli.md":  # cli.md's older examples are plain blocks; its show section runs
        assert ran, f"docs/{name} has no runnable example"


def test_every_public_name_is_in_the_api_docs():
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    names = set(newsclean.__all__) | set(newsclean.testing.__all__)
    for cls in (newsclean.Document, newsclean.Article, newsclean.Block, newsclean.Dropped):
        names |= {n for n, _ in inspect.getmembers(cls) if not n.startswith("_")}
        names |= {a.name for a in cls.__attrs_attrs__}
    names |= set(inspect.signature(newsclean.segment).parameters)
    names |= set(newsclean.render.__all__) | {"main", "__version__"}
    missing = sorted(n for n in names if f"`{n}" not in api and f".{n}" not in api)
    assert not missing, f"not in docs/api.md: {missing}"


def test_every_command_and_option_is_in_the_cli_docs():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        if name in PENDING_COMMANDS and f"## `newsclean {name}" not in text:
            continue
        assert f"## `newsclean {name}" in text, f"no section for `newsclean {name}`"
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in text, f"newsclean {name} {option} is not in docs/cli.md"
            if action.choices and action.option_strings:
                for choice in action.choices:
                    assert choice in text, f"{action.option_strings[0]} {choice} not documented"


@pytest.mark.parametrize("name", ["index.md", "concepts.md", "api.md", "cli.md"])
def test_links_and_pictures_resolve(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text):
        if "://" in target or (target in PENDING_PAGES and not (DOCS / target).exists()):
            continue
        assert (DOCS / target).resolve().exists(), f"docs/{name} links to missing {target}"
