"""The tree guard: before parsing, bound the tree the HTML parser can build from the page.

Lexbor, like the HTML standard's tree builder, does work per token that grows with the tree:
it scans the stack of open elements at many start and end tags (N nested elements cost O(N²)),
and it rebuilds every "active formatting element" (`<b>`, `<a>`, `<font>`…) that was closed
implicitly before each later run of text ("reconstruct the active formatting elements"): 500
unclosed `<b id=…>` in a `<p>` and then k paragraphs make 500·k elements (a 70 KB page, 1.6 GB).
Counting tags is not enough to bound either: a stray end tag (`</i>` after `<div>`) closes
nothing, a self-closing `<div/>` opens a div, a `<` inside an attribute hides a tag from a naive
scan, and unclosed formatting elements cost nothing to write.

So `limit_nesting` runs a linear pre-pass that follows the tree builder's rules closely enough
to bound what it builds (a model of the stack of open elements and of the list of active
formatting elements, in nesting_model.py with the tag tables it reads; tokenised here as the
HTML tokenizer does: attributes with quoted values, comments, raw-text elements such as
`<script>`):

- a start tag that would put the stack deeper than NESTING_LIMIT (512, Chromium's cap) is
  removed, with its end tag; a removed block element becomes `<br>`, so it still ends a line;
- once the formatting elements rebuilt exceed RECONSTRUCT_BUDGET (10 000, plus one per 16
  characters of the page), the formatting elements that would be rebuilt are ended instead (end tags are
  inserted before the text or tag that would rebuild them).

A page that hits neither limit is returned unchanged (the same object), so ordinary pages parse
exactly as before. The model errs on the side of a deeper stack (for example a `<table>`
inside a table is counted as nested), never a shallower one by more than a small factor: an
element it leaves out (a `<td>`, an `<option>`) can only nest under an element it counts.
"""
from __future__ import annotations

import re

from newsclean.html.nesting_model import (
    FLAGS, FONT_BREAKOUT, HEADINGS, INTEGRATION, K_BREAKOUT, K_CLOSES_P, K_FORMATTING, K_IMPLIED,
    K_NO_REBUILD, K_OWN_END, K_RAW, K_ROOT, K_SPECIAL, K_UNCOUNTED, K_VOID, POPS_CURRENT, Model,
    kind_of)
from newsclean.html.tags import BLOCK_TAGS

NESTING_LIMIT = 512
RECONSTRUCT_BUDGET = 10_000
# A page with fewer "<" than this cannot build a tree large enough to matter (its depth is under
# the limit, and its rebuilt formatting elements fewer than (GATE/2)² = 16 000).
NESTING_GATE = 256  # (kept for callers; every page with a "<" is looked at)
# A tag whose attribute text is longer than this has its attributes counted; past MAX_ATTRIBUTES
# the rest are removed. A second <html> or <body> merges its attributes into the first: past
# ROOT_TAGS_KEPT of either, the tag loses its attributes.
ATTRIBUTE_GATE = 4096
MAX_ATTRIBUTES = 512
ROOT_TAGS_KEPT = 8

_WS = "\t\n\f\r "
_WS_SLASH = _WS + "/"
# One token of the HTML tokenizer that can change the tree: a comment, a doctype or bogus
# comment, or a start or end tag with its attributes. An attribute value is quoted only after
# "="; a quote that is never closed, like a tag that is never closed, runs to the end of the
# page (the tokenizer drops such a tag). Every part is possessive or atomic: linear. (The
# attribute text is written "plain run, then (value or quote, plain run)*": fewer steps.)
NESTING_TAG = re.compile(
    r"<(?:!--(?:-?>|(?s:.*?)--!?>|(?s:.*+))"
    r"|[!?][^>]*+>?"
    r"|/(?![a-zA-Z])[^>]*+>?"
    r"|(/?)([a-zA-Z][^\t\n\f\r />]*+)"
    r"([^>\"'=]*+(?:(?:=[\t\n\f\r ]*+(?:\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)|)|[\"'])"
    r"[^>\"'=]*+)*+)(>?))"
)

# One attribute in a tag's attribute text (as NESTING_TAG reads it): its name, and its value.
_ATTRIBUTE = re.compile(
    r"(?:=[^\t\n\f\r />=]*+|[^\t\n\f\r />=]++)"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\t\n\f\r >]*+))?")


def _attributes_kept(attrs: str) -> str | None:
    """The first MAX_ATTRIBUTES attributes of a tag's attribute text, or None if it has no more
    (the parser looks each new attribute up among the tag's earlier ones: quadratic)."""
    for n, m in enumerate(_ATTRIBUTE.finditer(attrs), 1):
        if n > MAX_ATTRIBUTES:
            return attrs[:m.start()]
    return None


# A tag name as written -> (lower case, model name, kind bits, FLAGS bits); shared by calls,
# and bounded (a page of a million made-up names must not grow it without end).
_NAMES: dict[str, tuple[str, str, int, int]] = {}
_NAMES_KEPT = 4096
_RAW_END: dict[str, re.Pattern] = {}  # raw-text element -> the search for its end tag


def _names(raw: str) -> tuple[str, str, int, int]:
    low = raw.lower()
    name = HEADINGS.get(low, low)
    names = (low, name, kind_of(name), FLAGS.get(name, 0))
    if len(_NAMES) < _NAMES_KEPT:
        _NAMES[raw] = names
    return names


def limit_nesting(html: str) -> str:
    """`html` rewritten so that the parser's tree stays within NESTING_LIMIT levels and
    RECONSTRUCT_BUDGET rebuilt formatting elements (the text is kept); `html` itself when it
    is within both, as every ordinary page is."""
    # (One loop over the tokens, longer than a function should be, on purpose: it is the
    # tokenizer's, and every branch reads and writes the same state — the position, the open
    # raw-text element, the edits, the start tags removed and still open, the model. Split
    # into functions, that state would go through a call per token of every page.)
    if "<" not in html:
        return html
    model = Model()
    budget = RECONSTRUCT_BUDGET + len(html) // 16  # (an element costs some 400 bytes)
    edits: list[tuple[int, int, str]] = []
    dropped: list[str] = []            # removed start tags still open, innermost last
    dropped_count: dict[str, int] = {}
    seen_roots: dict[str, int] = {}
    pos, end = 0, len(html)
    cache, names_of = _NAMES, _names
    prev = None  # the token before this one (where the text before this one starts)
    # The model's lists, bound once (the model changes them in place): the common steps (an
    # element pushed, or popped off the top) are done here, the rest by the model's methods.
    stack, where, afe, special, scope = (model.stack, model.where, model.afe, model.special,
                                         model.scope)
    finditer = NESTING_TAG.finditer
    while pos < end:
        restart = False
        for m in finditer(html, pos):
            slash, raw, attrs, closed = m.groups()
            if afe:
                pending = model.to_rebuild() if model._dirty else model._pending
                if pending:
                    text_from, start = (prev.end() if prev else pos), m.start()
                    if start > text_from and html[text_from:start].strip("\0"):
                        # Text before this tag rebuilds the formatting elements first.
                        if (model.rebuilt + pending > budget
                                or len(stack) + pending > NESTING_LIMIT):
                            edits.append((text_from, text_from, model.forget(pending)))
                        else:
                            model.rebuild(pending)
            prev = m
            if raw is None:  # a comment, doctype or bogus comment: it ends the text before it
                continue     # (which rebuilds, above), and rebuilds nothing itself
            if not closed:  # a tag the page never ends: the tokenizer drops it and the rest
                break
            lname, name, kind, flags = cache.get(raw) or names_of(raw)
            if len(attrs) > ATTRIBUTE_GATE:
                kept = _attributes_kept(attrs) if not slash else ""  # (an end tag's: ignored)
                if kept is not None:
                    edits.append((m.start(), m.end(), f"<{slash}{raw}{kept}>"))
            if slash:
                if dropped and dropped_count.get(name):  # the end of a removed element: too
                    while dropped:
                        top = dropped.pop()
                        dropped_count[top] -= 1
                        if top == name:
                            break
                    edits.append((m.start(), m.end(), "<br>" if lname in BLOCK_TAGS else ""))
                    continue
                if kind & (K_UNCOUNTED | K_VOID | K_ROOT):
                    continue
                depth = len(stack)
                if kind & K_FORMATTING:
                    model.end_formatting(name)
                elif not kind & K_SPECIAL:  # "any other end tag"
                    w = where.get(name)
                    if w:
                        i = w[-1]
                        if not (special and special[-1] > i):
                            if i == depth - 1 and not flags and stack[-1][1] is None:
                                stack.pop()  # (the top: nothing indexes it but `where`)
                                w.pop()
                            else:
                                model.pop_to(i)
                elif not kind & K_OWN_END:  # in scope: closed with what is above it
                    w = where.get(name)
                    if w and not (scope and scope[-1] > w[-1]):
                        model.pop_to(w[-1])
                elif name == "p":
                    model.close_p()
                elif name in ("li", "dd", "dt"):
                    i = model.in_scope(name, model.li_stop if name == "li" else None)
                    if i >= 0:
                        model.pop_to(i)
                # else </form>: removes the form element only; the model keeps it (deeper)
                if dropped and len(stack) < depth:  # popped: the removed ones above go
                    dropped.clear()
                    dropped_count.clear()
                continue
            # A start tag.
            # In foreign content (<svg>, <math>) unless at an integration point (<foreignObject>,
            # <mi>…), where HTML goes on; a few HTML tags end foreign content.
            foreign = bool(stack) and stack[-1][3] and stack[-1][0] not in INTEGRATION
            if foreign and (kind & K_BREAKOUT or name == "font" and FONT_BREAKOUT.search(attrs)):
                while stack and stack[-1][3] and stack[-1][0] not in INTEGRATION:
                    model.pop_to(len(stack) - 1)
                foreign = False
            if kind & (K_ROOT | K_UNCOUNTED) and not foreign:  # (in <svg>, a <td> nests)
                if kind & K_ROOT:
                    # A second <html> or <body> adds its attributes to the first element's,
                    # each looked for among those it has: past a few, the tag loses its
                    # attributes (the tag itself stays: it ends an <svg>, for one).
                    seen_roots[name] = seen_roots.get(name, 0) + 1
                    if seen_roots[name] > ROOT_TAGS_KEPT and attrs.strip(_WS + "/"):
                        edits.append((m.start(), m.end(), f"<{raw}>"))
                continue
            if foreign or kind & K_VOID or not kind & (K_CLOSES_P | K_IMPLIED):
                pass
            else:
                if kind & K_CLOSES_P and where.get("p"):
                    model.close_p()
                if not kind & K_IMPLIED:
                    pass
                elif name == "h" and stack and stack[-1][0] == "h":
                    model.pop_to(len(stack) - 1)
                elif name in ("li", "dd", "dt"):
                    for item in (("li",) if name == "li" else ("dd", "dt")):
                        i = model.in_scope(item, model.li_stop)
                        if i >= 0:
                            model.pop_to(i)
                elif name in ("a", "nobr") and model.last_entry(name) is not None:
                    model.end_formatting(name)
                elif name in POPS_CURRENT:
                    if name in ("option", "optgroup") or model.in_scope("ruby") >= 0:
                        while stack and stack[-1][0] in POPS_CURRENT[name]:
                            model.pop_to(len(stack) - 1)
                elif name == "button":
                    i = model.in_scope("button")
                    if i >= 0:
                        model.pop_to(i)
            # (after the implied ends above: what they closed may be rebuilt)
            if afe and not kind & K_NO_REBUILD:
                pending = model.to_rebuild() if model._dirty else model._pending
                if pending:
                    if (model.rebuilt + pending > budget
                            or len(stack) + pending > NESTING_LIMIT):
                        edits.append((m.start(), m.start(), model.forget(pending)))
                    else:
                        model.rebuild(pending)
            if (attrs.endswith("/") if foreign else kind & K_VOID):
                continue
            if len(stack) >= NESTING_LIMIT:
                dropped.append(name)
                dropped_count[name] = dropped_count.get(name, 0) + 1
                edits.append((m.start(), m.end(), "<br>" if lname in BLOCK_TAGS else ""))
                continue
            if foreign:  # (a <plaintext> or <script> in <svg> is an svg element: markup goes on)
                model.push(name, None, True)
            elif kind & K_RAW:
                # Its content is text up to its end tag: scanning resumes there (the element
                # would be pushed and popped at once: the model is left as it is).
                search = _RAW_END.get(name)
                if search is None:
                    search = _RAW_END[name] = re.compile(
                        r"</" + name + r"[\t\n\f\r />]", re.I).search
                found = search(html, m.end())
                pos = found.start() if found else end
                prev = None  # (the text before the next token starts at pos)
                restart = True
                break
            elif kind & K_FORMATTING:
                model.add_formatting(name, name + " " + attrs.strip(_WS_SLASH))
            elif flags:
                model.push(name, None, name in ("svg", "math"))
                if name == "table":
                    # Its tbody, tr and td are left out of the model: counted here instead
                    # (each closes its own kind, so a table adds at most these to the depth).
                    for _ in range(3):
                        model.push("-cell")
                elif name == "plaintext":
                    break
            else:
                i = len(stack)
                stack.append([name, None, i, False])
                w = where.get(name)
                if w is None:
                    where[name] = [i]
                else:
                    w.append(i)
        if not restart:
            break
    if not edits:
        return html
    out, last = [], 0
    for a, b, replacement in edits:
        out.append(html[last:a])
        out.append(replacement)
        last = b
    out.append(html[last:])
    return "".join(out)
