"""Every regular expression of newsclean against pathological inputs (catastrophic backtracking).

The patterns are found, not listed: every compiled `regex`/`re` pattern among the globals of every
newsclean module, and every pattern literal passed inline to `re.*`/`regex.*` (found in the source
with `ast`). A pattern added tomorrow is checked tomorrow.

Each pattern runs `findall` (a search from every position: the most work any call can ask of it)
over adversarial strings built from its own literals: long runs of each of its literal tokens and
of fillers (space, letter, digit), a token followed by 100 000 fillers and a character that makes
the match fail at the end, the pattern's tokens in order followed by such a run, nested
parentheses, unterminated tags.

This is not a speed test. A linear scan of these strings takes 1 to 50 ms; the budget per call
(`BUDGET`, 5 s) is a hundred times the slowest, so only a blow-up (quadratic or worse) exceeds it.
`regex` patterns get it through `regex`'s own `timeout=` argument; the standard library's `re`
has no timeout, so its patterns run in a forked child that the test kills when a call overruns.
"""
from __future__ import annotations

import ast
import importlib
import multiprocessing
import pkgutil
import re
from pathlib import Path

import pytest
import regex

import newsclean

N = 100_000  # length of the long runs
BUDGET = 5.0  # seconds a call may take; linear calls take 1 to 50 ms
MAX_PREFIX = 12  # longest run of the pattern's tokens tried as a prefix
FAIL = "\x01"  # ends a run with a character no pattern expects, so matching must fail late

# Known catastrophic patterns, reported with a fix (see docs/reliability.md). Strict xfail: when
# the fix lands the test passes, and strict makes that an error until the entry is removed.
KNOWN_BLOWUPS: dict[str, str] = {}  # both found (B1, B2) are fixed

# Patterns that blow up under findall but are only ever used in a bounded way: checked the way
# they are used (the method, and the longest input they are given), and the use is checked too.
BOUNDED_USE = {
    # .match(t, pos) only: anchored, one attempt. (findall over 100 000 spaces is quadratic:
    # from every start, \s* runs to the end before [|:…] fails.)
    "newsclean.features.line_text._INLINE_SEPARATOR": ("match", None),
    # .search on the first 4096 bytes of a page only (decode._declared_charset(data[:4096])).
    "newsclean.decode._META_CHARSET": ("search", 4096),
}


# --- finding the patterns -------------------------------------------------------------------------

def _modules():
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
        if info.name.endswith(".__main__"):
            continue  # importing it is harmless today, but it is the CLI's entry point
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue


_PATTERN_TYPES = (re.Pattern, regex.Pattern)
_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
          "finditer"}


def _inline_patterns(module) -> list[tuple[str, object]]:
    """Patterns written as literals in calls such as `regex.split(r"\\s[|]\\s", t)`."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return []
    found = []
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.attr in _CALLS
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (str, bytes))):
            continue
        engine = {"re": re, "regex": regex}.get(node.func.value.id)
        if engine is None:
            continue
        flags = 0
        for kw in node.keywords:
            if kw.arg == "flags" and isinstance(kw.value, ast.Attribute):
                flags = getattr(engine, kw.value.attr, 0)
        if node.func.attr == "compile" and len(node.args) > 1 and isinstance(node.args[1], ast.Attribute):
            flags = getattr(engine, node.args[1].attr, 0)
        found.append((f"{module.__name__}:{node.lineno}", engine.compile(node.args[0].value, flags)))
    return found


def all_patterns() -> list[tuple[str, object]]:
    seen: dict[tuple, str] = {}
    out = []
    for module in _modules():
        candidates = [(f"{module.__name__}.{name}", value) for name, value in vars(module).items()
                      if isinstance(value, _PATTERN_TYPES)]
        for name, pattern in candidates + _inline_patterns(module):
            key = (type(pattern), pattern.pattern, pattern.flags)
            if key not in seen:
                seen[key] = name
                out.append((name, pattern))
    return out


PATTERNS = all_patterns()


def test_the_patterns_are_found():
    names = {name for name, _ in PATTERNS}
    assert {"newsclean.lines.LINE_BREAK", "newsclean.features.line_text._PAREN_TAIL",
            "newsclean.html._NESTING_TAG", "newsclean.decode._META_CHARSET"} <= names
    assert len(PATTERNS) >= 25


# --- adversarial strings --------------------------------------------------------------------------

# One stand-in character for each class shorthand a pattern may use.
_SHORTHANDS = {"s": " ", "S": "a", "d": "1", "D": "a", "w": "a", "W": " ", "b": "", "B": "",
               "A": "", "Z": "", "z": "", "G": "", "h": " ", "X": "a"}
_PROPERTY = {"L": "aب", "N": "1", "M": "\u0301", "P": ".", "Z": " ", "S": "©"}
FILLERS = (" ", "a", "1", "ب", ".", "\u0301", "\n", "(", "<", ":")


def tokens(source: str) -> list[str]:
    """The pattern's literal tokens in order: runs of literal characters, each special character
    on its own, and a stand-in for each class shorthand (\\s → " ", \\p{L} → "a", …)."""
    out: list[str] = []
    run = ""
    i = 0

    def flush():
        nonlocal run
        if run:
            out.append(run)
        run = ""

    while i < len(source):
        c = source[i]
        if c == "\\" and i + 1 < len(source):
            e = source[i + 1]
            if e in "pP" and source[i + 2:i + 3] == "{":
                end = source.find("}", i)
                flush()
                out.append(_PROPERTY.get(source[i + 3:i + 4], "a"))
                i = end + 1
                continue
            if e in "ux" or e == "U":
                width = {"u": 4, "x": 2, "U": 8}[e]
                try:
                    run += chr(int(source[i + 2:i + 2 + width], 16))
                except ValueError:
                    pass
                i += 2 + width
                continue
            if e in _SHORTHANDS:
                flush()
                if _SHORTHANDS[e]:
                    out.append(_SHORTHANDS[e])
                i += 2
                continue
            if e == "N" and source[i + 2:i + 3] == "{":
                i = source.find("}", i) + 1
                continue
            run += {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v"}.get(e, e)
            i += 2
            continue
        if c.isalnum() or c in " '’\"":
            run += c
        else:
            flush()
            if c not in "*+?|^$":  # quantifiers and anchors are no text; brackets are worth trying
                out.append(c)
        i += 1
    flush()
    return list(dict.fromkeys(t for t in out if t))  # unique, in order


def adversarial_strings(pattern) -> list[tuple[str, str | bytes]]:
    source = pattern.pattern
    is_bytes = isinstance(source, bytes)
    if is_bytes:
        source = source.decode("latin-1")
    toks = tokens(source)
    cases: dict[str, str] = {}

    def add(label: str, s: str) -> None:
        cases.setdefault(label, s)

    for f in FILLERS:
        add(f"{f!r}*N+FAIL", f * N + FAIL)
    for t in toks:
        add(f"{t!r}*N+FAIL", t * max(1, N // len(t)) + FAIL)
        add(f"({t!r}+' ')*N", (t + " ") * max(1, N // (len(t) + 1)))
        for f in (" ", "a"):
            add(f"{t!r}+{f!r}*N+FAIL", t + f * N + FAIL)
    # The tokens in order, so far as each prefix goes, then a long run and a late failure.
    for k in range(2, min(len(toks), MAX_PREFIX) + 1):
        prefix = "".join(toks[:k])
        for f in (" ", "a"):
            add(f"tokens[:{k}]+{f!r}*N+FAIL", prefix + f * N + FAIL)
    add("nested parens", "(" * (N // 2) + ")" * (N // 2))
    add("open parens", "(" * N)
    add("'(' + spaces", "(" + " " * N + "x")
    add("'<a'*N", "<a" * (N // 2))
    add("'<a '*N", "<a " * (N // 3))
    add("'<meta'*N", "<meta " * (N // 6))
    add("'<!--'*N", "<!--" * (N // 4))
    add("words and spaces", "word " * (N // 5) + FAIL)
    add("clock times", "12:34 " * (N // 6) + FAIL)
    add("years", "2025 " * (N // 5))
    add("(c)*N", "(c)" * (N // 3))
    add("CRLF*N", "\r\n" * (N // 2))
    add("mixed marks", "a" + "\u0301\u0316" * (N // 2))
    out = []
    for label, s in cases.items():
        if is_bytes:
            s = s.encode("utf-8", "surrogatepass")
        out.append((label, s))
    return out


# --- the checks -----------------------------------------------------------------------------------

def _inputs(pattern, limit: int | None):
    return [(label, s[:limit] if limit else s) for label, s in adversarial_strings(pattern)]


def _check_regex(pattern, method: str, limit: int | None) -> str | None:
    call = getattr(pattern, method)
    for label, s in _inputs(pattern, limit):
        try:
            call(s, timeout=BUDGET)
        except TimeoutError:
            return label
    return None


def _child(pattern, method, inputs, conn) -> None:  # runs in a forked process
    call = getattr(pattern, method)
    for i, (_, s) in enumerate(inputs):
        conn.send(i)
        call(s)
    conn.send(-1)


def _check_re(pattern, method: str, limit: int | None) -> str | None:
    """Run the `re` pattern in a forked child; the label of the first call that overruns."""
    inputs = _inputs(pattern, limit)
    labels = [label for label, _ in inputs]
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(pattern, method, inputs, child), daemon=True)
    proc.start()
    child.close()
    current = None
    try:
        while True:
            if not parent.poll(BUDGET + 5.0):  # generous: a fork and its first call included
                return labels[current] if current is not None else "(start-up)"
            try:
                current = parent.recv()
            except EOFError:
                raise AssertionError(f"the child died (exit code {proc.exitcode})") from None
            if current == -1:
                return None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def _param(name, pattern):
    marks = []
    if name in KNOWN_BLOWUPS:
        marks.append(pytest.mark.xfail(strict=True, reason="known blow-up: " + KNOWN_BLOWUPS[name]))
    return pytest.param(name, pattern, id=name, marks=marks)


@pytest.mark.parametrize(("name", "pattern"), [_param(n, p) for n, p in PATTERNS])
def test_pattern_does_not_blow_up(name, pattern):
    method, limit = BOUNDED_USE.get(name, ("findall", None))
    check = _check_regex if isinstance(pattern, regex.Pattern) else _check_re
    culprit = check(pattern, method, limit)
    assert culprit is None, (
        f"{name} {pattern.pattern!r}: {method} on {culprit} took more than {BUDGET} s "
        f"(catastrophic backtracking)")


@pytest.mark.parametrize("name", sorted(BOUNDED_USE))
def test_bounded_patterns_are_used_only_as_checked(name):
    """A pattern in BOUNDED_USE is safe only as it is used: if a new use appears (a search where
    there was a match), move it out of BOUNDED_USE and fix the pattern."""
    module_name, attr = name.rsplit(".", 1)
    source = Path(importlib.import_module(module_name).__file__).read_text(encoding="utf-8")
    method, _ = BOUNDED_USE[name]
    uses = re.findall(rf"\b{re.escape(attr)}\.(\w+)\(", source)
    assert uses and set(uses) == {method}, f"{name} is used as {sorted(set(uses))}, not only .{method}"


def test_tokens_of_a_pattern():
    assert tokens(r"[(（]\s*([^()（）]{1,80}?)\s*[)）]\s*$")[:4] == ["[", "(", "（", "]"]
    assert "Photo" in tokens(r"(?:©|\(c\)|(?:Photo|Foto)\s?:)\s*([^.]{2,60})$")
    assert "\u0640" in "".join(tokens(r"[\u00ad\u0640]+"))
