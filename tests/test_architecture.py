"""Imports flow one way, down docs/architecture.md's list: no module imports one above it.

Every module's imports are read from its source (ast: module level and inside functions, so a
lazy import counts too) and each is checked against the layer of the module it names.
"""
from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import newsclean

SRC = Path(newsclean.__file__).parent

# Top to bottom: a module may import its own layer's modules and those of the layers below.
# The package's __init__ is the facade: it re-exports from every layer, and is imported only by
# the layers above the library's core (cli, integrations, batch, render, testing).
LAYERS = (
    ("newsclean.cli", "newsclean.__main__"),
    ("newsclean.integrations",),
    ("newsclean.batch",),
    ("newsclean.render", "newsclean.show"),
    ("newsclean.testing",),
    ("newsclean",),
    ("newsclean.pipeline",),
    ("newsclean.html",),
    ("newsclean.assemble",),
    ("newsclean.labels",),
    ("newsclean.features",),
    ("newsclean.lexicon",),
    ("newsclean.keys", "newsclean.lines", "newsclean.dom", "newsclean.decode"),
    ("newsclean.model", "newsclean.errors", "newsclean.examples"),
)


def layer(module: str) -> int:
    best, depth = None, -1
    for i, names in enumerate(LAYERS):
        for name in names:
            # the longest prefix decides: "newsclean" is the facade only, not every submodule
            if (module == name or module.startswith(name + ".")) and len(name) > depth \
                    and (name != "newsclean" or module == "newsclean"):
                best, depth = i, len(name)
    assert best is not None, f"{module} is in no layer of docs/architecture.md"
    return best


def modules() -> list[tuple[str, Path]]:
    out = [("newsclean", SRC / "__init__.py")]
    for info in pkgutil.walk_packages([str(SRC)], "newsclean."):
        path = SRC.joinpath(*info.name.split(".")[1:])
        path = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
        out.append((info.name, path))
    return out


def imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "newsclean"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            if name.split(".")[0] != "newsclean":
                continue
            for alias in node.names:  # `from newsclean import lines`: the submodule
                sub = f"{name}.{alias.name}"
                if (SRC.joinpath(*sub.split(".")[1:]).with_suffix(".py").is_file()
                        or SRC.joinpath(*sub.split(".")[1:]).is_dir()):
                    found.add(sub)
                else:
                    found.add(name)
    return found


def test_every_module_is_in_a_layer():
    for module, _ in modules():
        layer(module)


def test_imports_flow_down():
    upward = []
    for module, path in modules():
        if module == "newsclean":
            continue  # the facade re-exports every layer's names
        here = layer(module)
        for name in imports(module, path):
            if name != module and layer(name) < here:
                upward.append(f"{module} imports {name}")
    assert upward == []


def test_the_check_sees_an_upward_import():
    assert layer("newsclean.model") > layer("newsclean.render.report")
    assert layer("newsclean.features.line_text") > layer("newsclean.labels.path")
