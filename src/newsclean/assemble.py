"""Stage 5: lines with labels become articles of blocks, and a record of what was dropped.

Every line ends in exactly one place: it is a block (each block is one line of the page), or it
is in `dropped` with a reason — a copy of a kept block (`duplicate`, with `kept_at`), a part
folded into a block (`merged`: a caption's credit line, a teaser's caption, summary and byline),
a related-articles heading, or page chrome (`boilerplate`).
"""
from __future__ import annotations

from collections import Counter

import regex

from newsclean.features import VIDEO_TAIL, Features, paren_tail
from newsclean.keys import line_key
from newsclean.labels import Label
from newsclean.lexicon import Lexicon
from newsclean.lines import Line
from newsclean.model import Article, Block, Document, Dropped, Kind, Reason

KIND_OF = {
    Label.HEADLINE: Kind.HEADLINE,
    Label.STANDFIRST: Kind.STANDFIRST,
    Label.SUBHEADING: Kind.SUBHEADING,
    Label.BODY: Kind.BODY,
    Label.CAPTION: Kind.CAPTION,
    Label.BYLINE: Kind.BYLINE,
}
# How far ahead in a rail a teaser title may be printed again (title above and below the image).
TITLE_ECHO_DISTANCE = 4
SECTION_MAX_WORDS = 3


def assemble(text: str, lines: list[Line], keys: list[str], feats: list[Features],
             labels: list[Label], article_of: list[int], lexicon: Lexicon) -> Document:
    n_articles = max(article_of, default=-1) + 1
    blocks: list[list[Block]] = [[] for _ in range(n_articles)]
    kept: list[dict[str, int]] = [{} for _ in range(n_articles)]  # key → start of the kept block
    dropped: list[Dropped] = []
    boilerplate: list[int] = []  # line indices, re-checked against kept keys at the end

    caption_of = _captions_of_credits(labels)  # credit line → the caption it belongs to
    credit_of = {c: i for i, c in caption_of.items()}
    i = 0
    while i < len(lines):
        lab, a, line = labels[i], article_of[i], lines[i]
        if lab is Label.TEASER:
            j = i
            while j < len(lines) and labels[j] is Label.TEASER and article_of[j] == a:
                j += 1
            _teasers(range(i, j), lines, keys, feats, lexicon, blocks[a], dropped)
            i = j
            continue
        if lab in KIND_OF:
            if keys[i] in kept[a]:
                dropped.append(_drop(line, Reason.DUPLICATE, kept[a][keys[i]]))
            else:
                kept[a][keys[i]] = line.start
                credit = feats[i].credit if lab is Label.CAPTION else None
                if i in credit_of:  # a credit on a line of its own wins over a guess in the text
                    c = credit_of[i]
                    credit = feats[c].credit or lines[c].text
                blocks[a].append(Block(KIND_OF[lab], line.text, line.start, line.end, credit=credit))
        elif lab is Label.CREDIT:
            if i in caption_of:
                c = caption_of[i]  # the caption may be a copy: point at the kept one
                dropped.append(_drop(line, Reason.MERGED, kept[a].get(keys[c], lines[c].start)))
            else:  # a credit whose caption was not kept: chrome
                boilerplate.append(i)
        elif lab is Label.RELATED_HEADING:
            dropped.append(_drop(line, Reason.RELATED_HEADING))
        elif lab is Label.COMMENT:
            dropped.append(_drop(line, Reason.COMMENT))
        else:
            boilerplate.append(i)
        i += 1

    # Chrome that repeats a kept block (the headline in a breadcrumb, a caption echoed after the
    # body) is recorded as the duplicate it is.
    for i in boilerplate:
        kept_at = kept[article_of[i]].get(keys[i]) if n_articles else None
        dropped.append(_drop(lines[i], Reason.DUPLICATE, kept_at) if kept_at is not None
                       else _drop(lines[i], Reason.BOILERPLATE))

    dropped = _point_duplicates_at_kept_lines(dropped, blocks)
    dropped.sort(key=lambda d: d.start)
    articles = [Article(sorted(bs, key=lambda b: b.start)) for bs in blocks if bs]
    return Document(text, articles, dropped)


def _point_duplicates_at_kept_lines(dropped: list[Dropped], blocks: list[list[Block]]) -> list[Dropped]:
    """A copy of a line that was itself dropped as chrome (a rail's lone byline) is chrome too:
    `kept_at` must always lead to text that was kept."""
    kept = {b.start for bs in blocks for b in bs}
    kept |= {d.start for d in dropped if d.reason is Reason.MERGED}
    return [Dropped(d.text, d.start, d.end, Reason.BOILERPLATE)
            if d.reason is Reason.DUPLICATE and d.kept_at not in kept else d
            for d in dropped]


def _captions_of_credits(labels: list[Label]) -> dict[int, int]:
    """Each credit line's caption: the caption line right above it, else right below it."""
    out = {}
    for i, lab in enumerate(labels):
        if lab is Label.CREDIT:
            if i > 0 and labels[i - 1] is Label.CAPTION:
                out[i] = i - 1
            elif i + 1 < len(labels) and labels[i + 1] is Label.CAPTION:
                out[i] = i + 1
    return out


def _drop(line: Line, reason: Reason, kept_at: int | None = None) -> Dropped:
    return Dropped(line.text, line.start, line.end, reason, kept_at)


# --- teaser rails -------------------------------------------------------------------------------

# A teaser card shows its parts in this order; a part that goes back in the order starts a card.
PART_ORDER = {"section": 0, "caption": 1, "title": 2, "summary": 3, "byline": 4, "date": 4}
DATE_PART_MAX_WORDS = 6
BYLINE_PART_MAX_WORDS = 6
# A list's numbering before a card's title: "1- ", "2. ", "3) " (the title is what follows).
_LIST_NUMBER = regex.compile(r"^\d{1,2}\s*[-.)–]\s+(?=\S)")


_PERIOD_END = ("." , "。", "…", "۔")


def _part(f: Features, text: str) -> str:
    if f.inline_teaser_at is not None:
        return "title"
    if f.date_like and f.credit is None and f.words <= DATE_PART_MAX_WORDS \
            and (f.link_density < 0.5 or f.words <= 3):  # (a longer link is a title)
        return "date"  # "3 March 2025", "3 days ago" beside a card's title: no field of its own
    if "byline" in f.hints and f.words <= BYLINE_PART_MAX_WORDS:
        return "byline"  # an author's name under the title, in its author/byline element (HTML)
    if f.section_label or f.words <= 2 and not f.sentence_end:
        return "section"  # "Climate", "المشرق العربي" on a line of its own
    if f.byline_shape:
        return "byline"
    if f.credit is not None:
        return "caption"
    if f.words > 20 or text.rstrip("»\"”’' ").endswith(_PERIOD_END):
        return "summary"  # a title does not end with a full stop; a summary does
    return "title"


def _teasers(run: range, lines: list[Line], keys: list[str], feats: list[Features],
             lexicon: Lexicon, out: list[Block], dropped: list[Dropped]) -> None:
    """Group a rail's lines into teaser cards, one Block each."""
    cards: list[dict[str, int]] = []
    seen: dict[str, int] = {}
    idx = list(run)
    for pos, i in enumerate(idx):
        k = keys[i]
        part = _part(feats[i], lines[i].text)
        if part == "section":
            pass  # every card of a section prints its label: repeats are not copies
        elif k in seen:  # the same text twice in a rail: keep the first
            dropped.append(_drop(lines[i], Reason.DUPLICATE, lines[seen[k]].start))
            continue
        echo = None if part != "title" else next(
            (j for j in idx[pos + 1:pos + 1 + TITLE_ECHO_DISTANCE] if keys[j] == k), None)
        if echo is not None:  # a title printed above and below its image: keep the later one
            dropped.append(_drop(lines[i], Reason.DUPLICATE, lines[echo].start))
            continue
        seen[k] = i
        card = cards[-1] if cards else None
        if (part == "title" and card and "title" in card and "summary" not in card
                and feats[i].words > feats[card["title"]].words and feats[i].link_density < 0.5):
            part = "summary"  # the longer line under a title is its summary (a link is a title)
        if card is None or part in card or PART_ORDER[part] < max(PART_ORDER[p] for p in card):
            card = {}
            cards.append(card)
        card[part] = i

    shared = _shared_prefixes([lines[c["caption"]].text for c in cards if "caption" in c])
    for card in cards:
        _emit_card(card, lines, feats, lexicon, shared, out, dropped)


def _emit_card(card: dict[str, int], lines: list[Line], feats: list[Features], lexicon: Lexicon,
               shared: set[str], out: list[Block], dropped: list[Dropped]) -> None:
    title_i = card.get("title", card.get("summary", card.get("caption")))
    if title_i is None:  # a byline alone is no teaser
        for i in card.values():
            dropped.append(_drop(lines[i], Reason.BOILERPLATE))
        return
    title = lines[title_i].text[feats[title_i].inline_teaser_at or 0:]
    numbered = _LIST_NUMBER.match(title)
    title = title[numbered.end():] if numbered else title
    title = _without_related_phrase(title, lexicon)
    fields: dict[str, str | None] = {}
    if "section" in card:
        fields["section"] = lines[card["section"]].text
    if "caption" in card:
        caption = lines[card["caption"]].text
        m = VIDEO_TAIL.search(caption)
        if m and paren_tail(caption) is not None:
            fields["video_duration"] = m.group(1)
            caption = caption[:m.start()].rstrip()
        section = _section(caption, title if title_i != card["caption"] else "", lexicon, shared)
        if section and "section" not in fields:
            fields["section"] = section
            caption = caption[len(section):].lstrip()
            if title.startswith(section) and title_i != card["caption"]:
                title = title[len(section):].lstrip()
        m = paren_tail(caption)
        fields["credit"] = m.group(1).strip() if m else feats[card["caption"]].credit
        if title_i != card["caption"]:
            fields["caption"] = caption
        else:
            title = caption
    if "summary" in card and title_i != card["summary"]:
        fields["summary"] = lines[card["summary"]].text
    if "byline" in card:
        fields["byline"] = lines[card["byline"]].text
    head = lines[title_i]
    out.append(Block(Kind.TEASER, title, head.start, head.end, title=title, **fields))
    for part, i in card.items():
        if part == "date":
            dropped.append(_drop(lines[i], Reason.BOILERPLATE))
        elif i != title_i:
            dropped.append(_drop(lines[i], Reason.MERGED, head.start))


def _without_related_phrase(title: str, lexicon: Lexicon) -> str:
    """A card's title without a related phrase printed before it on the same line, as a
    label beside the link: "اقرأ أيضاً «…»", "Read more Title" (HTML joins them with a space)."""
    words = title.split(" ")
    for n in (3, 2):  # (a one-word heading, "Related", may be a title's own first word)
        if len(words) > n + 2 and line_key(" ".join(words[:n])) in lexicon.related_headings:
            return " ".join(words[n:]).lstrip()
    return title


def _words(s: str) -> list[str]:
    return s.split()


def _shared_prefixes(captions: list[str]) -> set[str]:
    """Word prefixes (1 to SECTION_MAX_WORDS words) that open two or more captions of a rail:
    the section labels a rail prints before each card's image caption."""
    counts: Counter[str] = Counter()
    for c in captions:
        ws = _words(c)
        for n in range(1, min(SECTION_MAX_WORDS, len(ws) - 2) + 1):
            counts[" ".join(ws[:n])] += 1
    return {p for p, c in counts.items() if c >= 2}


def _section(caption: str, title: str, lexicon: Lexicon, shared: set[str]) -> str | None:
    """The section label a teaser's caption line opens with, if any: the words it shares with
    the start of the title line, else the longest opening that other cards of the rail share,
    else a known section name."""
    cw, tw = _words(caption), _words(title)
    common = 0
    while common < min(len(cw), len(tw)) - 2 and cw[common] == tw[common]:
        common += 1
    if 1 <= common <= SECTION_MAX_WORDS:
        return " ".join(cw[:common])
    for n in range(min(SECTION_MAX_WORDS, len(cw) - 2), 0, -1):
        prefix = " ".join(cw[:n])
        if prefix in shared:
            return prefix
    for n in range(min(SECTION_MAX_WORDS, len(cw) - 2), 0, -1):
        prefix = " ".join(cw[:n])
        if line_key(prefix) in lexicon.sections:
            return prefix
    return None

