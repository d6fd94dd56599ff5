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
    as a list under `## Related` at its end: `- **title** — summary (byline)`.
    """
    sections = []
    for article in doc.articles:
        parts: list[str] = []
        teasers: list[str] = []
        for b in article.blocks:
            if b.kind is Kind.HEADLINE:
                parts.append("# " + _escape(b.text))
            elif b.kind is Kind.STANDFIRST:
                parts.append("*" + _escape(b.text) + "*")
            elif b.kind is Kind.SUBHEADING:
                parts.append("## " + _escape(b.text))
            elif b.kind is Kind.CAPTION:
                parts.append(_caption(b))
            elif b.kind is Kind.TEASER:
                teasers.append(_teaser(b))
            else:  # body, byline
                parts.append(_escape(b.text))
        if teasers:
            parts.append("## Related\n\n" + "\n".join(teasers))
        if parts:
            sections.append("\n\n".join(parts))
    return "\n\n---\n\n".join(sections)


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


def _caption(b: Block) -> str:
    line = "> " + _escape(b.text)
    if b.credit and b.credit not in b.text:
        line += " — " + _escape(b.credit)
    return line


def _teaser(b: Block) -> str:
    line = "- **" + _escape(b.title or b.text) + "**"
    if b.summary:
        line += " — " + _escape(b.summary)
    if b.byline:
        line += " (" + _escape(b.byline) + ")"
    return line
