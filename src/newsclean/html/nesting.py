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
formatting elements; tokenised as the HTML tokenizer does: attributes with quoted values,
comments, raw-text elements such as `<script>`):

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

_VOID = frozenset("area base basefont bgsound br col embed frame hr image img input keygen link "
                  "meta param source track wbr".split())
# Left out of the model: each closes its own kind implicitly, so it can only nest under an
# element that is counted; html, head and body are never pushed twice; frameset pages have no body.
_UNCOUNTED = frozenset("td th tr thead tbody tfoot caption colgroup html head body frameset".split())
# Start tags that first pop the current node if it is one of these (outside a table, a <td> or
# an <option> opens nothing or closes its own kind; an <option> or <rt> does nest under a <div>).
_POPS_CURRENT = {"option": ("option",), "optgroup": ("option",),
                 **{k: ("rb", "rp", "rt", "rtc") for k in ("rb", "rp", "rt", "rtc")}}
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript".split())
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_SPECIAL = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption "
    "center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form "
    "frame frameset h head header hgroup hr html iframe img input keygen li link listing main "
    "marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script "
    "search section select source style summary table tbody td template textarea tfoot th thead "
    "title tr track ul wbr xmp mi mo mn ms mtext annotation-xml foreignobject desc".split())
# Elements an end tag of another name does not close past ("has an element in scope").
_SCOPE = frozenset("applet caption html table td th marquee object template mi mo mn ms mtext "
                   "annotation-xml foreignobject desc title".split())
_MARKERS = frozenset("applet marquee object template".split())
# Start tags that first close an open <p> ("close a p element") and do not rebuild formatting.
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup main menu nav ol p search section summary ul h pre listing form "
    "plaintext table hr xmp li dd dt".split())
# Start tags that do not rebuild the formatting elements (the rest do, as text does).
_NO_REBUILD = _CLOSES_P | _RAW_TEXT - {"xmp"} | _UNCOUNTED | frozenset(
    "base basefont bgsound link meta param source track frame col area hr".split())
# In <svg>/<math>, these start tags leave foreign content.
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h head hr i img li listing menu "
    "meta nobr ol p pre ruby s small span strong strike sub table tt u ul var".split())
# (not "sup", which the standard lists: Lexbor keeps a <sup> inside the <svg>)
_FONT_BREAKOUT = re.compile(r"(?:^|[\t\n\f\r /])(?:color|face|size)(?![^\t\n\f\r /=])", re.I)
# Foreign elements whose content is HTML (MathML text and HTML integration points).
_INTEGRATION = frozenset("mi mo mn ms mtext annotation-xml foreignobject desc title".split())
_HEADINGS = {f"h{i}": "h" for i in range(1, 7)}


_F_SPECIAL, _F_LI_STOP, _F_SCOPE, _F_BUTTON, _F_FOREIGN, _F_MARKER = 1, 2, 4, 8, 16, 32
_FLAGS = {name: (_F_SPECIAL * (name in _SPECIAL)
                 | _F_LI_STOP * (name in _SPECIAL and name not in ("address", "div", "p"))
                 | _F_SCOPE * (name in _SCOPE) | _F_BUTTON * (name == "button")
                 | _F_FOREIGN * (name in ("svg", "math")) | _F_MARKER * (name in _MARKERS))
          for name in _SPECIAL | _SCOPE | _MARKERS | {"button", "svg", "math"}}


# What a tag name is to limit_nesting, as bits (looked up once a name).
(K_ROOT, K_UNCOUNTED, K_VOID, K_FORMATTING, K_CLOSES_P, K_IMPLIED, K_NO_REBUILD, K_RAW,
 K_SPECIAL, K_BREAKOUT, K_OWN_END) = (1 << i for i in range(11))


def _kind(name: str) -> int:
    return (K_ROOT * (name in ("html", "body")) | K_UNCOUNTED * (name in _UNCOUNTED)
            | K_VOID * (name in _VOID) | K_FORMATTING * (name in _FORMATTING)
            | K_CLOSES_P * (name in _CLOSES_P)
            | K_IMPLIED * (name in ("h", "li", "dd", "dt", "a", "nobr", "button")
                           or name in _POPS_CURRENT)
            | K_NO_REBUILD * (name in _NO_REBUILD) | K_RAW * (name in _RAW_TEXT)
            | K_SPECIAL * (name in _SPECIAL) | K_BREAKOUT * (name in _BREAKOUT)
            | K_OWN_END * (name in ("p", "li", "dd", "dt", "form")))


class _Entry:
    """An active formatting element: its name, its Noah's-ark key, its stack frame when open."""

    __slots__ = ("name", "key", "frame", "alive")

    def __init__(self, name: str, key: str) -> None:
        self.name, self.key, self.frame, self.alive = name, key, None, True


class _Model:
    """The stack of open elements and the list of active formatting elements, as the tree
    builder keeps them, with per-name indexes so that every step is O(1) amortised."""

    __slots__ = ("stack", "where", "special", "scope", "button", "li_stop", "afe", "levels",
                 "rebuilt", "_pending", "_dirty")

    def __init__(self) -> None:
        self.stack: list[list] = []            # frames: [name, entry or None, index, foreign]
        self.where: dict[str, list[int]] = {}  # name -> its indexes in the stack
        self.special: list[int] = []           # indexes of special elements
        self.scope: list[int] = []             # indexes of scope boundaries
        self.button: list[int] = []            # indexes of <button>s (button scope)
        self.li_stop: list[int] = []           # special elements but address, div and p
        self.afe: list = []                    # entries, and markers (None)
        # Per marker level: (key -> its live entries (Noah's ark), name -> its entries).
        self.levels: list[tuple[dict, dict]] = [({}, {})]
        self.rebuilt = 0
        self._pending = 0
        self._dirty = False

    def push(self, name: str, entry: _Entry | None = None, foreign: bool = False) -> None:
        stack = self.stack
        i = len(stack)
        frame = [name, entry, i, foreign]
        stack.append(frame)
        where = self.where.get(name)
        if where is None:
            self.where[name] = [i]
        else:
            where.append(i)
        flags = _FLAGS.get(name)
        if flags:
            self.flag(name, flags, i, foreign)
        if entry is not None:
            entry.frame = frame
            self._dirty = True

    def flag(self, name: str, flags: int, i: int, foreign: bool) -> None:
        """Index the element just pushed at i in the lists its flags name."""
        if flags & _F_SPECIAL and (not foreign or name in _INTEGRATION):
            self.special.append(i)
            if flags & _F_LI_STOP:
                self.li_stop.append(i)
        if flags & _F_SCOPE:
            self.scope.append(i)
        if flags & _F_BUTTON:
            self.button.append(i)
        if flags & _F_MARKER:
            self.afe.append(None)
            self.levels.append(({}, {}))
            self._dirty = True

    def pop_to(self, i: int) -> None:
        """Pop the stack down to (and including) index i."""
        stack, where = self.stack, self.where
        while len(stack) > i:
            name, entry, j, _ = stack.pop()
            where[name].pop()
            flags = _FLAGS.get(name)
            if flags:
                # (an index is the last of each list that holds it: it is the top of the stack)
                if flags & _F_SPECIAL and self.special and self.special[-1] == j:
                    self.special.pop()
                    if self.li_stop and self.li_stop[-1] == j:
                        self.li_stop.pop()
                if flags & _F_SCOPE and self.scope and self.scope[-1] == j:
                    self.scope.pop()
                if flags & _F_BUTTON and self.button and self.button[-1] == j:
                    self.button.pop()
                if flags & _F_MARKER:
                    self.clear_to_marker()
            if entry is not None:
                entry.frame = None  # still active, no longer open: rebuilt before later text
                self._dirty = True

    def clear_to_marker(self) -> None:
        afe = self.afe
        while afe:
            entry = afe.pop()
            if entry is None:
                break
            entry.alive = False
        if len(self.levels) > 1:
            self.levels.pop()
        self._dirty = True

    def last(self, name: str) -> int:
        w = self.where.get(name)
        return w[-1] if w else -1

    def in_scope(self, name: str, extra: list[int] | None = None) -> int:
        i = self.last(name)
        if i < 0 or (self.scope and self.scope[-1] > i) or (extra and extra[-1] > i):
            return -1
        return i

    def close_p(self) -> None:
        i = self.in_scope("p", self.button)
        if i >= 0:
            self.pop_to(i)

    def _kill(self, entry: _Entry) -> None:
        entry.alive = False
        live = self.levels[-1][0].get(entry.key)
        if live and entry in live:
            live.remove(entry)
        self._dirty = True

    def last_entry(self, name: str) -> _Entry | None:
        entries = self.levels[-1][1].get(name)
        while entries and not entries[-1].alive:
            entries.pop()
        return entries[-1] if entries else None

    def end_formatting(self, name: str) -> None:
        """The adoption agency algorithm, as far as depth goes: the element is popped with what
        is above it, unless a special element is above it (then the stack keeps its depth)."""
        entry = self.last_entry(name)
        if entry is None:
            self.end_other(name)
            return
        self._kill(entry)
        frame = entry.frame
        if frame is not None:
            i = frame[2]
            stack = self.stack
            if i == len(stack) - 1:  # the current node (no flags: nothing else indexes it)
                stack.pop()
                self.where[name].pop()
                entry.frame = None
            elif self.special and self.special[-1] > i:
                frame[1] = None  # stays open (a clone takes its place below the block)
            else:
                self.pop_to(i)

    def end_other(self, name: str) -> None:
        """"Any other end tag": closes the element if no special element is above it."""
        i = self.last(name)
        if i >= 0 and not (self.special and self.special[-1] > i):
            self.pop_to(i)

    def add_formatting(self, name: str, key: str) -> None:
        keys, names = self.levels[-1]
        entry = _Entry(name, key)
        live = keys.get(key)
        if live is None:
            keys[key] = [entry]
        else:
            if len(live) >= 3:  # Noah's ark: the earliest of three identical entries goes
                live.pop(0).alive = False
            live.append(entry)
        entries = names.get(name)
        if entries is None:
            names[name] = [entry]
        else:
            entries.append(entry)
        self.afe.append(entry)
        # pushed (a formatting element has no _FLAGS)
        stack = self.stack
        i = len(stack)
        entry.frame = frame = [name, entry, i, False]
        stack.append(frame)
        where = self.where.get(name)
        if where is None:
            self.where[name] = [i]
        else:
            where.append(i)
        self._dirty = True

    def to_rebuild(self) -> int:
        """How many entries "reconstruct the active formatting elements" would rebuild now."""
        if self._dirty:
            afe = self.afe
            while afe and afe[-1] is not None and not afe[-1].alive:
                afe.pop()
            n = 0
            for k in range(len(afe) - 1, -1, -1):
                entry = afe[k]
                if entry is None or (entry.alive and entry.frame is not None):
                    break
                n += 1
            self._pending, self._dirty = n, False  # n counts dead entries too: an upper bound
        return self._pending

    def _suffix(self, n: int) -> list[_Entry]:
        """The last n slots of the list, cut off, live entries only."""
        tail = [e for e in self.afe[len(self.afe) - n:] if e.alive]
        del self.afe[len(self.afe) - n:]
        return tail

    def rebuild(self, n: int) -> None:
        tail = self._suffix(n)
        self.afe.extend(tail)
        for entry in tail:
            self.push(entry.name, entry)
        self.rebuilt += len(tail)
        self._dirty = True

    def forget(self, n: int) -> str:
        """End tags that take the last n (closed) entries off the list, as the adoption agency
        algorithm does with an entry that is not open: nothing is rebuilt from them."""
        tail = self._suffix(n)
        for entry in tail:
            self._kill(entry)
        self._dirty = True
        return "".join(f"</{entry.name}>" for entry in reversed(tail))


def _attributes_kept(attrs: str) -> str | None:
    """The first MAX_ATTRIBUTES attributes of a tag's attribute text, or None if it has no more
    (the parser looks each new attribute up among the tag's earlier ones: quadratic)."""
    for n, m in enumerate(_ATTRIBUTE.finditer(attrs), 1):
        if n > MAX_ATTRIBUTES:
            return attrs[:m.start()]
    return None


# A tag name as written -> (lower case, model name, kind bits, _FLAGS bits); shared by calls,
# and bounded (a page of a million made-up names must not grow it without end).
_NAMES: dict[str, tuple[str, str, int, int]] = {}
_NAMES_KEPT = 4096
_RAW_END: dict[str, re.Pattern] = {}  # raw-text element -> the search for its end tag


def _names(raw: str) -> tuple[str, str, int, int]:
    low = raw.lower()
    name = _HEADINGS.get(low, low)
    names = (low, name, _kind(name), _FLAGS.get(name, 0))
    if len(_NAMES) < _NAMES_KEPT:
        _NAMES[raw] = names
    return names


def limit_nesting(html: str) -> str:
    """`html` rewritten so that the parser's tree stays within NESTING_LIMIT levels and
    RECONSTRUCT_BUDGET rebuilt formatting elements (the text is kept); `html` itself when it
    is within both, as every ordinary page is."""
    if "<" not in html:
        return html
    model = _Model()
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
            foreign = bool(stack) and stack[-1][3] and stack[-1][0] not in _INTEGRATION
            if foreign and (kind & K_BREAKOUT or name == "font" and _FONT_BREAKOUT.search(attrs)):
                while stack and stack[-1][3] and stack[-1][0] not in _INTEGRATION:
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
                elif name in _POPS_CURRENT:
                    if name in ("option", "optgroup") or model.in_scope("ruby") >= 0:
                        while stack and stack[-1][0] in _POPS_CURRENT[name]:
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
