"""The tree guard's model of the HTML tree builder (nesting.py runs it over the page's tokens).

The tag tables say what each start or end tag does to the tree, as the HTML standard's tree
builder (and Lexbor) have it: which elements are void, special, scope boundaries, formatting
elements, which close an open <p>, which rebuild the active formatting elements, which end
foreign content. `Model` keeps the stack of open elements and the list of active formatting
elements as the tree builder does, with per-name indexes so that every step is O(1) amortised;
`kind_of` turns a tag name into the K_* bits limit_nesting branches on.
"""
from __future__ import annotations

import re

_VOID = frozenset("area base basefont bgsound br col embed frame hr image img input keygen link "
                  "meta param source track wbr".split())
# Left out of the model: each closes its own kind implicitly, so it can only nest under an
# element that is counted; html, head and body are never pushed twice; frameset pages have no body.
_UNCOUNTED = frozenset("td th tr thead tbody tfoot caption colgroup html head body frameset".split())
# Start tags that first pop the current node if it is one of these (outside a table, a <td> or
# an <option> opens nothing or closes its own kind; an <option> or <rt> does nest under a <div>).
POPS_CURRENT = {"option": ("option",), "optgroup": ("option",),
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
FONT_BREAKOUT = re.compile(r"(?:^|[\t\n\f\r /])(?:color|face|size)(?![^\t\n\f\r /=])", re.I)
# Foreign elements whose content is HTML (MathML text and HTML integration points).
INTEGRATION = frozenset("mi mo mn ms mtext annotation-xml foreignobject desc title".split())
HEADINGS = {f"h{i}": "h" for i in range(1, 7)}


_F_SPECIAL, _F_LI_STOP, _F_SCOPE, _F_BUTTON, _F_FOREIGN, _F_MARKER = 1, 2, 4, 8, 16, 32
FLAGS = {name: (_F_SPECIAL * (name in _SPECIAL)
                 | _F_LI_STOP * (name in _SPECIAL and name not in ("address", "div", "p"))
                 | _F_SCOPE * (name in _SCOPE) | _F_BUTTON * (name == "button")
                 | _F_FOREIGN * (name in ("svg", "math")) | _F_MARKER * (name in _MARKERS))
          for name in _SPECIAL | _SCOPE | _MARKERS | {"button", "svg", "math"}}


# What a tag name is to limit_nesting, as bits (looked up once a name).
(K_ROOT, K_UNCOUNTED, K_VOID, K_FORMATTING, K_CLOSES_P, K_IMPLIED, K_NO_REBUILD, K_RAW,
 K_SPECIAL, K_BREAKOUT, K_OWN_END) = (1 << i for i in range(11))


def kind_of(name: str) -> int:
    return (K_ROOT * (name in ("html", "body")) | K_UNCOUNTED * (name in _UNCOUNTED)
            | K_VOID * (name in _VOID) | K_FORMATTING * (name in _FORMATTING)
            | K_CLOSES_P * (name in _CLOSES_P)
            | K_IMPLIED * (name in ("h", "li", "dd", "dt", "a", "nobr", "button")
                           or name in POPS_CURRENT)
            | K_NO_REBUILD * (name in _NO_REBUILD) | K_RAW * (name in _RAW_TEXT)
            | K_SPECIAL * (name in _SPECIAL) | K_BREAKOUT * (name in _BREAKOUT)
            | K_OWN_END * (name in ("p", "li", "dd", "dt", "form")))


class _Entry:
    """An active formatting element: its name, its Noah's-ark key, its stack frame when open."""

    __slots__ = ("name", "key", "frame", "alive")

    def __init__(self, name: str, key: str) -> None:
        self.name, self.key, self.frame, self.alive = name, key, None, True


class Model:
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
        flags = FLAGS.get(name)
        if flags:
            self.flag(name, flags, i, foreign)
        if entry is not None:
            entry.frame = frame
            self._dirty = True

    def flag(self, name: str, flags: int, i: int, foreign: bool) -> None:
        """Index the element just pushed at i in the lists its flags name."""
        if flags & _F_SPECIAL and (not foreign or name in INTEGRATION):
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
            flags = FLAGS.get(name)
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
        self.push(name, entry)

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
