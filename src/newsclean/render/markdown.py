"""A Document as Markdown: one section per article, the page's words escaped so they stay words."""
from __future__ import annotations

from newsclean.model import Block, Document, Kind

# Characters that are markup anywhere in a line, and the ones that are markup at its start.
_INLINE_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})
_LINE_START_MARKUP = ("#", ">", "-", "+", "=", "|")


def to_markdown(doc: Document) -> str:
    """Render `doc` as Markdown, one section per article, separated by `---`.

    Headline `# `, standfirst in italics, subheading `## `, body paragraphs as paragraphs,
    bylines as plain paragraphs, captions as `> caption — credit`, and the article's teasers
    as a list under `## Related` at its end: `- **title** — summary (byline, date)`. A body block that
    is an item of a list, a row of a table or a line of a block quote on the page (HTML:
    `Block.structure`) is written as one: `- item` / `3. item`, `| cell | cell |` (a header
    rule after a table's first row), `> quote`, its neighbours of the same list, table or
    quote beside it.
    """
    sections = []
    for article in doc.articles:
        teasers = [_teaser(b) for b in article.blocks if b.kind is Kind.TEASER]
        parts = _join([b for b in article.blocks if b.kind is not Kind.TEASER])
        if teasers:
            parts.append("## Related\n\n" + "\n".join(teasers))
        if parts:
            sections.append("\n\n".join(parts))
    return "\n\n---\n\n".join(sections)


# Between two parts of one list, table or quote: within it, not a paragraph break.
_WITHIN = {"ul": "\n", "ol": "\n", "table": "\n", "blockquote": "\n>\n"}


def _join(blocks: list[Block]) -> list[str]:
    """The article's parts: each block rendered, the blocks of one list, table or quote that
    follow each other joined into one part."""
    parts: list[str] = []
    place = None  # the (container, group) of the last part, None when it is no structure
    for b in blocks:
        s = b.structure
        if s is None or b.kind is not Kind.BODY:  # (a caption keeps its own form)
            parts.append(_plain(b))
            place = None
            continue
        cells = s.cells or (b.text,)  # (a table's row; a row of one cell has no tabs)
        if s.container == "table":
            rendered = "| " + " | ".join(_escape(c).replace("|", "\\|") for c in cells) + " |"
        elif s.container == "ol":
            rendered = f"{s.position}. " + _escape(b.text)
        elif s.container == "ul":
            rendered = "- " + _escape(b.text)
        else:
            rendered = "> " + _escape(b.text)
        if parts and place == (s.container, s.group):
            parts[-1] += _WITHIN[s.container] + rendered
        else:
            if s.container == "table":  # a pipe table's first row is its header
                rendered += "\n|" + " --- |" * len(cells)
            parts.append(rendered)
        place = (s.container, s.group)
    return parts


def _escape(text: str) -> str:
    """Escape `text` so Markdown shows it as the page's own words, not as markup."""
    out = text.translate(_INLINE_MARKUP)
    if out.startswith(_LINE_START_MARKUP):
        out = "\\" + out
    else:  # "1. " / "1) " would start an ordered list
        digits = len(out) - len(out.lstrip("0123456789"))
        if digits and out[digits:digits + 1] in (".", ")"):
            out = out[:digits] + "\\" + out[digits:]
    return out


def _plain(b: Block) -> str:
    """A block outside any list, table or quote."""
    if b.kind is Kind.HEADLINE:
        return "# " + _escape(b.text)
    if b.kind is Kind.STANDFIRST:
        return "*" + _escape(b.text) + "*"
    if b.kind is Kind.SUBHEADING:
        return "## " + _escape(b.text)
    if b.kind is Kind.CAPTION:
        return _caption(b)
    return _escape(b.text)  # body, byline


def _caption(b: Block) -> str:
    line = "> " + _escape(b.text)
    if b.credit and b.credit not in b.text:
        line += " — " + _escape(b.credit)
    return line


def _teaser(b: Block) -> str:
    line = "- **" + _escape(b.title or b.text) + "**"
    if b.summary:
        line += " — " + _escape(b.summary)
    after = ", ".join(_escape(v) for v in (b.byline, b.date) if v)
    if after:
        line += " (" + after + ")"
    return line
