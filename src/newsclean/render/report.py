"""The inspection page: one standalone HTML file that shows how a page was segmented.

Every line of the page, in page order, coloured by the kind of block it became; the lines that
became no block greyed and struck through, with their reason on hover and, for a duplicate, a
link to the copy that was kept; the lines folded into a teaser or a caption labelled with the
field they filled. A summary at the top counts articles, blocks per kind and dropped lines per
reason, and doubles as the legend.

    >>> import newsclean
    >>> from newsclean.render import to_html
    >>> doc = newsclean.segment("Storm hits the coast\\n\\nThe storm arrived at night, and the "
    ...                         "wind brought down trees across the county.\\nShare")
    >>> report = to_html(doc)
    >>> report.startswith("<!DOCTYPE html>")
    True

The file is self-contained: no script, no external resource (a Content-Security-Policy forbids
both), styles inline. Everything taken from the page is escaped, so a page whose text holds
`<script>` shows it as text. Each line is its own `dir="auto"` element: Arabic lines read
right-to-left and English lines left-to-right in the same report.

Markup, for tools that read the report:

- a line: `<div class="line kind-body" dir="auto" id="L13">` (`L` + the line's number in
  `Document.text`, counting from 1); a dropped line: `class="line dropped reason-duplicate"`
  with its reason in `title`; a merged line also carries `into-teaser` (or `into-caption`);
- an article: `<h2 class="article" id="article-1">`;
- a run of FOLD_MIN or more dropped lines in a row: `<details class="fold">`, its `<summary>`
  counting them by reason;
- the summary: `<td class="count" data-kind="body">`, `<td class="count" data-reason="…">`,
  `<td class="count" data-total="articles|lines|blocks|dropped">`.
"""
from __future__ import annotations

import bisect
import html
from collections import Counter
from collections.abc import Iterator

import attrs

from newsclean import __version__
from newsclean.lines import LINE_BREAK
from newsclean.model import TEASER_FIELDS, Block, Document, Dropped, Kind, Reason

# Background and accent (left border, swatch) per kind; dropped lines are grey.
KIND_COLOURS: dict[Kind, tuple[str, str]] = {
    Kind.HEADLINE: ("#fde3e1", "#c0392b"),
    Kind.STANDFIRST: ("#fdebd3", "#d35400"),
    Kind.SUBHEADING: ("#fbf2c9", "#a88a06"),
    Kind.BODY: ("#e4f4ea", "#1e8449"),
    Kind.CAPTION: ("#e1eefa", "#2471a3"),
    Kind.BYLINE: ("#eee4f6", "#7d3c98"),
    Kind.DATELINE: ("#ececec", "#5d6d7e"),
    Kind.TEASER: ("#f9e2ee", "#b0306a"),
}

# The fields a merged line may fill, in the order a label names them: a teaser's fields but its
# title, which is the teaser's own line.
MERGED_FIELDS = tuple(f for f in TEASER_FIELDS if f != "title")

FOLD_MIN = 12  # dropped lines in a row folded into one <details>

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic",
"Noto Sans Arabic",Tahoma,"Noto Sans CJK SC","Noto Sans CJK JP","Hiragino Sans","PingFang SC",
"Microsoft YaHei","Yu Gothic","Malgun Gothic","DejaVu Sans",sans-serif;color:#1d1d1f;background:#fafafa}
header{padding:14px 20px 6px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 10px}
h1 .src{font-weight:normal;color:#555}
.summary{display:flex;flex-wrap:wrap;gap:10px 28px;align-items:flex-start}
details.fold>summary{color:#777;cursor:pointer;margin:4px 0;font-size:90%}
table{border-collapse:collapse;font-size:13px}
caption{text-align:start;font-weight:600;padding-bottom:3px;white-space:nowrap}
td{padding:1px 8px 1px 0;vertical-align:middle}
td.count{text-align:end;font-variant-numeric:tabular-nums;min-width:2.5em}
td.zero{color:#aaa}
.sw{display:inline-block;width:36px;height:16px;vertical-align:middle;border-radius:2px;
border-left:4px solid;font-size:11px;line-height:16px;padding-left:4px;overflow:hidden}
.sw.dropped{background:#f1f1f1;border-left:4px dashed #bbb;color:#999;text-decoration:line-through}
.sw.merged{border-left-style:dotted}
main{padding:8px 20px 40px;max-width:1400px}
h2.article{font-size:15px;margin:22px 0 6px;padding:6px 0 4px;border-top:3px double #888}
h2.article:first-child{margin-top:4px}
h2.article .hl{font-weight:normal;color:#555}
p.note{color:#777;font-style:italic}
nav.toc{font-size:13px;margin:6px 0 0}
nav.toc ol{margin:2px 0;padding-inline-start:2em}
.row{display:grid;grid-template-columns:3.2em 15em minmax(0,1fr);gap:0 8px;align-items:baseline}
.n{color:#999;font-size:12px;text-align:end;font-variant-numeric:tabular-nums}
.tag{font-size:12px;color:#555;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tag a{color:inherit}
.line{margin:1px 0;padding:2px 8px;border-left:4px solid transparent;border-right:4px solid
transparent;overflow-wrap:anywhere;white-space:pre-wrap;scroll-margin-top:40vh}
.line[dir]{text-align:start}
.line:target{outline:2px solid #1d1d1f}
.line.dropped{color:#9a9a9a;text-decoration:line-through;text-decoration-color:#bbb;
background:#f1f1f1;border-left:4px dashed #ccc}
.line.reason-merged{text-decoration:none;color:#555;font-style:italic;border-left-style:dotted}
.line.unaccounted{background:#fff;outline:2px dashed #c00;color:#c00}
"""


def _kind_css() -> str:
    rules = []
    for kind, (bg, accent) in KIND_COLOURS.items():
        rules.append(f".kind-{kind.value},.sw.kind-{kind.value}{{background:{bg};"
                     f"border-left-color:{accent}}}")
        rules.append(f".into-{kind.value}{{border-left-color:{accent}!important;"
                     f"background:{bg}80!important}}")
    return "\n".join(rules)


@attrs.frozen(slots=True)
class _Row:
    """One line of the report: a block, a dropped line, or (never, if the segmenter keeps its
    promise) a non-blank line that is neither."""

    start: int
    end: int
    item: Block | Dropped | None
    article: int | None  # index of the block's article (blocks only)


def to_html(doc: Document, *, title: str | None = None, evidence=None) -> str:
    """The inspection page of `doc`, as one standalone HTML document (a `str`).

    `title` names the page in the report's heading (the command line passes the file name).
    `evidence` (`newsclean.explain(page)` of the same page) adds to each line's reason what the
    page model weighed: its state, the runner-up, the margin and the facts worth most.
    """
    why = {e.start: _why(e.evidence) for e in evidence or ()}
    text = doc.text
    rows = _rows(doc)
    numbers = _line_numbers(text, rows)
    starts = [r.start for r in rows]

    def line_at(offset: int | None) -> int | None:
        """The number of the line holding `offset` (a kept copy may be a line inside a block)."""
        i = bisect.bisect_right(starts, offset) - 1 if offset is not None else -1
        return numbers[i] if i >= 0 else None

    block_at = {b.start: b for b in doc.blocks}
    name = title if title is not None else "page"
    out = [
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<meta name=\"generator\" content=\"newsclean {__version__}\">\n",
        f"<title>newsclean: {_escape(name)}</title>\n<style>{_STYLE}{_kind_css()}\n</style>\n",
        "</head>\n<body>\n<header>\n",
        f"<h1>newsclean <span class=\"src\">· <bdi>{_escape(name)}</bdi></span></h1>\n",
        _summary(doc, len(rows)),
        _toc(doc),
        "</header>\n<main>\n",
    ]
    if not doc.articles:
        out.append("<p class=\"note\">No article found on this page: every line was "
                   "dropped.</p>\n")
    current = None
    run: list[str] = []  # the current run of dropped lines' HTML, folded when it is long
    reasons: Counter = Counter()
    for row, n in zip(rows, numbers):
        if isinstance(row.item, Dropped):
            shown = text[row.start:row.end] if 0 <= row.start < row.end <= len(text) else None
            run.append(_row_html(row, n, shown, line_at, block_at, why.get(row.start)))
            reasons[str(row.item.reason)] += 1
            continue
        out.append(_folded(run, reasons))
        run, reasons = [], Counter()
        if row.article is not None and row.article != current:
            current = row.article
            article = doc.articles[current]
            headline = article.headline
            shown_headline = (f"<span class=\"hl\"> · <bdi>{_escape(headline)}</bdi></span>"
                              if headline else "")
            out.append(f"<h2 class=\"article\" id=\"article-{current + 1}\">Article "
                       f"{current + 1}{shown_headline}</h2>\n")
        shown = text[row.start:row.end] if 0 <= row.start < row.end <= len(text) else None
        out.append(_row_html(row, n, shown, line_at, block_at, why.get(row.start)))
    out.append(_folded(run, reasons))
    out.append("</main>\n</body>\n</html>\n")
    # A str with lone surrogates (not text) cannot be written as UTF-8: show them as "?".
    return "".join(out).encode("utf-8", "replace").decode("utf-8")


def _folded(run: list[str], reasons: Counter) -> str:
    """A run of dropped lines: as it is when short, folded in a <details> (open on a click, no
    script) when it is FOLD_MIN lines or more — a long page's 450 menu lines fold into one."""
    if len(run) < FOLD_MIN:
        return "".join(run)
    why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
    return (f"<details class=\"fold\"><summary>{len(run)} dropped lines ({why})</summary>\n"
            + "".join(run) + "</details>\n")


def _toc(doc: Document) -> str:
    """A table of contents: a jump link to each article's heading (none for one article)."""
    if len(doc.articles) < 2:
        return ""
    items = []
    for i, article in enumerate(doc.articles, 1):
        headline = article.headline
        label = f"Article {i}" + (f" · <bdi>{_escape(headline)}</bdi>" if headline else "")
        items.append(f"<li><a href=\"#article-{i}\">{label}</a></li>\n")
    return "<nav class=\"toc\"><ol>\n" + "".join(items) + "</ol></nav>\n"


def _rows(doc: Document) -> list[_Row]:
    """Blocks and dropped lines in page order, and any non-blank text between them."""
    rows = [_Row(b.start, b.end, b, i) for i, a in enumerate(doc.articles) for b in a.blocks]
    rows += [_Row(d.start, d.end, d, None) for d in doc.dropped]
    rows.sort(key=lambda r: (r.start, r.end))
    text, pos, out = doc.text, 0, []
    for r in rows:
        out.extend(_gaps(text, pos, r.start))
        out.append(r)
        pos = max(pos, r.end)
    out.extend(_gaps(text, pos, len(text)))
    return out


def _line_numbers(text: str, rows: list[_Row]) -> list[int]:
    """Each row's line number in `text`, counting from 1 — or, for spans that do not fit the
    text (a hand-made Document), the rows counted from 1."""
    breaks = [m.end() for m in LINE_BREAK.finditer(text)]
    numbers = [bisect.bisect_right(breaks, r.start) + 1 for r in rows]
    if len(set(numbers)) != len(numbers):
        numbers = list(range(1, len(rows) + 1))
    return numbers


def _gaps(text: str, start: int, end: int) -> Iterator[_Row]:
    """Non-blank lines of text[start:end]: lines the segmenter did not account for."""
    if end <= start or not text[start:end].strip():
        return
    pos = start
    for m in [*LINE_BREAK.finditer(text, start, end), None]:
        stop = m.start() if m else end
        raw = text[pos:stop]
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            yield _Row(s, s + len(raw.strip()), None, None)
        if m:
            pos = m.end()


def _why(e) -> str:
    """A line's evidence in words: "BODY over GAP by 7.9: in_run +0.95, sentence_end +0.4"."""
    if e.runner_up is None:
        return f"{e.state}: no other state"
    if e.copy_of is not None:
        return f"{e.state} over {e.runner_up} by {e.margin:g}: a copy, decided by its first"
    facts = ", ".join(f"{name} {worth:+g}" for name, worth in e.facts)
    return f"{e.state} over {e.runner_up} by {e.margin:g}" + (f": {facts}" if facts else "")


def _row_html(row: _Row, n: int, shown: str | None, line_at, block_at: dict[int, Block],
              why: str | None = None) -> str:
    """One row: the line's number, a tag saying what became of it, the line itself (and, on
    hover, the page model's evidence for it when given)."""
    item = row.item
    words = shown if shown is not None else (item.text if item is not None else "")
    if item is None:
        classes, tag, title = "line unaccounted", "not accounted for", "not accounted for"
    elif isinstance(item, Block):
        classes, tag, title = _block_row(item, words)
    else:
        classes, tag, title = _dropped_row(item, words, line_at(item.kept_at), block_at)
    if why:
        title = f"{title}\n{why}"
    title = _escape(title)
    return (f"<div class=\"row\"><span class=\"n\">{n}</span>"
            f"<span class=\"tag\" title=\"{title}\">{tag}</span>"
            f"<div class=\"{classes}\" dir=\"auto\" id=\"L{n}\" title=\"{title}\">"
            f"{_escape(words)}</div></div>\n")


def _block_row(block: Block, line: str) -> tuple[str, str, str]:
    """(classes, tag HTML, hover text) of a block's line; a teaser's names its fields."""
    kind = block.kind.value
    if block.kind is not Kind.TEASER:
        return f"line kind-{kind}", kind, kind
    fields = ["title"]
    if block.section and line.startswith(block.section) and block.section != block.text:
        fields.insert(0, "section")
    return f"line kind-{kind}", f"{kind} · {' + '.join(fields)}", f"{kind}: {', '.join(fields)}"


def _dropped_row(item: Dropped, line: str, kept: int | None,
                 block_at: dict[int, Block]) -> tuple[str, str, str]:
    """(classes, tag HTML, hover text) of a dropped line; `kept` is the number of the line
    its `kept_at` points into."""
    reason = item.reason.value
    classes = f"line dropped reason-{reason}"
    link = f"<a href=\"#L{kept}\">{kept}</a>" if kept is not None else ""
    if item.reason is Reason.DUPLICATE and link:
        return classes, f"duplicate of {link}", f"duplicate of line {kept}"
    if item.reason is Reason.MERGED and link:
        host = block_at.get(item.kept_at)  # type: ignore[arg-type]
        host_kind = host.kind.value if host else "block"
        if host:
            classes += f" into-{host_kind}"
        fields = _merged_fields(line, host)
        label = " + ".join(fields) if fields else "merged"
        hover = f"merged into line {kept} ({host_kind}" + (
            f": {', '.join(fields)})" if fields else ")")
        return classes, f"{host_kind} · {label} → {link}", hover
    return classes, reason, reason


def _merged_fields(line: str, host: Block | None) -> list[str]:
    """The fields of `host` that a line merged into it shows: section, caption, summary, …"""
    if host is None:
        return []
    def shows(field: str) -> bool:
        value = getattr(host, field)
        if not value:
            return False
        if field == "section":
            return line.startswith(value)
        if field == "credit":  # ends the line: "(AFP)", "Photo: AFP", not a word in a summary
            return line.rstrip(" )]").endswith(value)
        return value in line

    found = [f for f in MERGED_FIELDS if shows(f)]
    if "credit" in found and "caption" in found and host.credit in (host.caption or ""):
        found.remove("credit")  # "… (AFP)": the credit is part of the caption line
    return found


def _summary(doc: Document, lines: int) -> str:
    kinds = Counter(b.kind for b in doc.blocks)
    reasons = Counter(d.reason for d in doc.dropped)

    def count(attr: str, value: str, n: int) -> str:
        zero = " zero" if n == 0 else ""
        return f"<td class=\"count{zero}\" {attr}=\"{value}\">{n}</td>"

    totals = [("articles", "articles", len(doc.articles)), ("lines", "lines", lines),
              ("blocks", "blocks", len(doc.blocks)), ("dropped", "lines dropped",
                                                      len(doc.dropped))]
    out = ["<div class=\"summary\">\n<table class=\"totals\"><caption>Page</caption>\n"]
    out += [f"<tr>{count('data-total', key, n)}<td>{label}</td></tr>\n"
            for key, label, n in totals]
    out.append("</table>\n<table class=\"kinds\"><caption>Blocks per kind</caption>\n")
    for kind in Kind:
        out.append(f"<tr><td><span class=\"sw kind-{kind.value}\"></span></td>"
                   f"{count('data-kind', kind.value, kinds[kind])}<td>{kind.value}</td></tr>\n")
    out.append("</table>\n<table class=\"reasons\"><caption>Lines dropped per reason</caption>\n")
    for reason in Reason:
        cls = "sw merged into-teaser" if reason is Reason.MERGED else "sw dropped"
        out.append(f"<tr><td><span class=\"{cls}\">abc</span></td>"
                   f"{count('data-reason', reason.value, reasons[reason])}"
                   f"<td>{reason.value}</td></tr>\n")
    out.append("</table>\n<table class=\"help\"><caption>Reading it</caption>\n"
               "<tr><td>colour: the kind of block a line became</td></tr>\n"
               "<tr><td>struck through: dropped (hover for the reason)</td></tr>\n"
               "<tr><td>dotted edge: folded into the block it links to</td></tr>\n"
               "<tr><td>duplicate of <u>N</u>: links to the copy kept</td></tr>\n"
               "</table>\n</div>\n")
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
