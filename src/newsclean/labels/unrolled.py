"""path.best_path's Viterbi with its loops over states and moves written out.

The reference (path.best_path) loops, per line, over the states and each state's incoming moves,
through lists indexed by state. Here that loop body is generated once per shape of the moves
(which states each state may be entered from, in moves() order) as straight-line code over local
variables: one line's step is a few dozen additions and comparisons, about twice as fast. The
moves' scores are arguments, not part of the code, so a changed knob or a training step's new
weights reuse it. The arithmetic and the order of comparisons are the reference's, ties
included (the first of equal scores wins); tests/test_labels.py checks they agree on random
pages. `source(into)` shows the code.
"""
from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable


def forward(scores: Iterable[tuple[float, ...]], resumes: list[bool], first: list[float],
            into: tuple[tuple, tuple]) -> tuple[list[float], list[tuple[int, ...]]]:
    """The scores of the states at the last line, and per line after the first the state each
    state came from (as path.best_path's `score` and `back`, without `allowed`). `first`: the
    states' scores at the first line. `scores` is read once, in order (a list or an iterator:
    path.decode passes the lines' scores as they are computed, never all held); equal
    back-pointer tuples are one object (8 bytes a line, not 128)."""
    incoming, no_rail_return = into
    step = _compiled(_shape(incoming), _shape(no_rail_return),
                     tuple(a == b for a, b in zip(incoming, no_rail_return)))
    return step(scores, resumes, first, _flat(incoming), _flat(no_rail_return))


def source(into: tuple[tuple, tuple]) -> str:
    """The generated code for `into` (incoming_moves()), to read."""
    incoming, no_rail_return = into
    return _source(_shape(incoming), _shape(no_rail_return),
                   tuple(a == b for a, b in zip(incoming, no_rail_return)))


def _shape(into: tuple) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(src for src, _ in moves) for moves in into)


def _flat(into: tuple) -> tuple[float, ...]:
    return tuple(score for moves in into for _, score in moves)


@functools.lru_cache(maxsize=8)  # (one shape of moves in practice)
def _compiled(incoming: tuple, no_rail_return: tuple, same: tuple):
    namespace = {"inf": math.inf, "islice": itertools.islice}
    exec(compile(_source(incoming, no_rail_return, same), "<newsclean.labels.unrolled>", "exec"),
         namespace)
    return namespace["forward"]


def _source(incoming: tuple, no_rail_return: tuple, same: tuple) -> str:
    n = len(incoming)
    states = ", ".join(f"s{d}" for d in range(n))
    moves_in = [f"mi{d}_{k}" for d, srcs in enumerate(incoming) for k in range(len(srcs))]
    moves_no = [f"mn{d}_{k}" for d, srcs in enumerate(no_rail_return) for k in range(len(srcs))]
    out = [
        "def forward(scores, resumes, first, moves_in, moves_no):",
        "    NEG = -inf  # (a local: read once per state of every line)",
        f"    {', '.join(moves_in) or '_'}, = moves_in",
        f"    {', '.join(moves_no) or '_'}, = moves_no",
        f"    {states}, = first",
        "    back = []",
        "    push = back.append",
        "    shared = {}  # each distinct back-pointer tuple once: a page has few of them",
        "    share = shared.setdefault",
        "    lines = iter(scores)",
        "    next(lines, None)  # (the first line's scores are `first`)",
        f"    for ({', '.join(f'e{d}' for d in range(n))},), resumes_here in zip(lines, islice(resumes, 1, None)):",
    ]
    for d in range(n):
        # The state is ruled out here: no source to weigh (the reference's `continue`).
        out += [f"        if e{d} == NEG:", f"            n{d} = NEG", f"            a{d} = 0"]
        if same[d]:
            out += [f"        else:"] + _best(d, incoming[d], "mi", "            ")
        else:
            out += [f"        elif resumes_here:"] + _best(d, incoming[d], "mi", "            ")
            out += [f"        else:"] + _best(d, no_rail_return[d], "mn", "            ")
    out += [
        f"        came_from = {', '.join(f'a{d}' for d in range(n))},",
        "        push(share(came_from, came_from))",
        f"        {states} = {', '.join(f'n{d}' for d in range(n))}",
        f"    return [{states}], back",
    ]
    return "\n".join(out) + "\n"


def _best(d: int, sources: tuple[int, ...], prefix: str, indent: str) -> list[str]:
    """The best source of state d: the reference's `best, arg = NEG, 0` and `if v > best`."""
    out = [f"{indent}b = NEG", f"{indent}a{d} = 0"]
    for k, src in enumerate(sources):
        out += [f"{indent}v = s{src} + {prefix}{d}_{k}",
                f"{indent}if v > b:", f"{indent}    b = v", f"{indent}    a{d} = {src}"]
    out.append(f"{indent}n{d} = b + e{d}")
    return out
