"""Stage 5: lines with labels become articles of blocks, and a record of what was dropped.

Every line ends in exactly one place: it is a block (each block is one line of the page), or it
is in `dropped` with a reason — a copy of a kept block (`duplicate`, with `kept_at`), a part
folded into a block (`merged`: a caption's credit line, a teaser's caption, summary and byline),
a related-articles heading, or page chrome (`boilerplate`).
"""
from __future__ import annotations

from collections import Counter

import attrs

from newsclean.features import Features
from newsclean.labels import Label
from newsclean.lines import Line
from newsclean.model import Article, Block, Document, Dropped, Kind, Reason

# The labels the per-line loops below compare with, as module names (an enum's attribute costs
# ten times a global's in Python 3.11).
TEASER, BODY, CAPTION = Kind.TEASER, Kind.BODY, Kind.CAPTION
DUPLICATE, MERGED, BOILERPLATE = Reason.DUPLICATE, Reason.MERGED, Reason.BOILERPLATE


@attrs.frozen(slots=True)
class AssembleKnobs:
    """The thresholds of stage 5: how a rail's lines become teaser cards."""

    # How far ahead in a rail a teaser title may be printed again (title above and below the image).
    title_echo_distance: int = 4
    section_max_words: int = 3  # a section label a rail prints before each card's caption
    section_min_cards: int = 2  # … shared by this many captions of the rail…
    caption_min_words_after_section: int = 2  # …leaving this much of each caption
    date_part_max_words: int = 6  # "3 March 2025", "3 days ago" beside a card's title
    date_link_max_words: int = 3  # a longer linked date-like line is a title
    byline_part_max_words: int = 6
    section_part_max_words: int = 2  # "Climate", "المشرق العربي" on a line of its own
    summary_min_words: int = 21  # a longer line of a card is its summary
    # A short line the article's own text repeats between its paragraphs (a speaker's label
    # before each answer, a refrain, a recipe's step name) is text at each place: this long
    # at most, with a paragraph of other text since its last copy.
    refrain_max_words: int = 10
    refrain_text_min_words: int = 8  # …and a paragraph this long right after it
    # An item two lists share is kept in each, unless more than this share of its list's items
    # repeat earlier lines (the box printed twice).
    copied_list_share: float = 0.5


ASSEMBLE_KNOBS = AssembleKnobs()
REFRAIN_KINDS = (Kind.BODY, Kind.SUBHEADING)  # what a refrain may be
LIST_CONTAINERS = ("ul", "ol")  # Structure.container of a list's items


def assemble(text: str, lines: list[Line], keys: list[str], feats: list[Features],
             labels: list[Label], article_of: list[int],
             knobs: AssembleKnobs = ASSEMBLE_KNOBS) -> Document:
    n_articles = max(article_of, default=-1) + 1
    blocks: list[list[Block]] = [[] for _ in range(n_articles)]
    kept: list[dict[str, int]] = [{} for _ in range(n_articles)]  # key → start of the kept block
    # A card the page prints twice (a hidden and a visible rail, desktop and mobile) is one
    # teaser: the key of each part of the cards kept → where that part's line starts.
    teaser_titles: list[dict[str, int]] = [{} for _ in range(n_articles)]
    # Per article: paragraphs kept so far, and that count when each key was last kept.
    paragraphs = [0] * n_articles
    paragraphs_at: list[dict[str, int]] = [{} for _ in range(n_articles)]
    lists_at: list[dict[str, object]] = [{} for _ in range(n_articles)]  # key → its Structure
    dropped: list[Dropped] = []
    boilerplate: list[int] = []  # line indices, re-checked against kept keys at the end

    caption_of = _captions_of_credits(labels)  # credit line → the caption it belongs to
    copied_lists = _copied_lists(lines, feats, knobs)
    credit_of = {c: i for i, c in caption_of.items()}
    i = 0
    while i < len(lines):
        lab, a, line = labels[i], article_of[i], lines[i]
        if lab is TEASER:
            j = i
            while j < len(lines) and labels[j] is TEASER and article_of[j] == a:
                j += 1
            _teasers(range(i, j), lines, keys, feats, knobs, blocks[a], dropped, teaser_titles[a])
            i = j
            continue
        if isinstance(lab, Kind):
            structure = getattr(line, "structure", None)
            refrain = lab in REFRAIN_KINDS and (
                _refrain(feats[i], knobs)
                and paragraphs[a] > paragraphs_at[a].get(keys[i], paragraphs[a])
                and _leads_into_text(i, labels, feats, knobs)
                or _item_of_another_list(structure, lists_at[a].get(keys[i]), feats[i])
                and structure.group not in copied_lists)
            if keys[i] in kept[a] and not refrain:
                dropped.append(_drop(line, DUPLICATE, kept[a][keys[i]]))
            else:
                kept[a].setdefault(keys[i], line.start)
                paragraphs[a] += lab is Kind.BODY
                paragraphs_at[a][keys[i]] = paragraphs[a]  # (itself counted: others must follow)
                lists_at[a][keys[i]] = structure
                credit = feats[i].credit if lab is Kind.CAPTION else None
                c = credit_of.get(i)
                if c is not None and not feats[c].foreign_script:
                    # a credit on a line of its own wins over a guess in the text (an alt text
                    # in another script beside the caption is part of it, not its credit)
                    credit = feats[c].credit or lines[c].text
                # The list, table or quote the line is part of (HTML: html.StructuredLine).
                blocks[a].append(Block(lab, line.text, line.start, line.end, credit=credit,
                                       structure=structure))
        elif lab is Reason.MERGED:
            if i in caption_of:
                c = caption_of[i]  # the caption may be a copy: point at the kept one
                dropped.append(_drop(line, MERGED, kept[a].get(keys[c], lines[c].start)))
            else:  # a credit whose caption was not kept: chrome
                boilerplate.append(i)
        elif lab is Reason.RELATED_HEADING or lab is Reason.COMMENT:
            dropped.append(_drop(line, lab))
        else:
            boilerplate.append(i)
        i += 1

    # Chrome that repeats a kept block (the headline in a breadcrumb, a caption echoed after the
    # body) is recorded as the duplicate it is.
    for i in boilerplate:
        kept_at = kept[article_of[i]].get(keys[i]) if n_articles else None
        dropped.append(_drop(lines[i], DUPLICATE, kept_at) if kept_at is not None
                       else _drop(lines[i], BOILERPLATE))

    dropped = _point_duplicates_at_kept_lines(dropped, blocks)
    dropped.sort(key=lambda d: d.start)
    articles = [Article(sorted(bs, key=lambda b: b.start)) for bs in blocks if bs]
    return Document(text, articles, dropped)


def _refrain(f: Features, knobs: AssembleKnobs) -> bool:
    """Whether a line may be a refrain of the text: short, and inside the element that holds
    the page's prose (HTML: the markup vouches for it; on a text page a repeated short line is
    as often chrome between paragraphs, "Article content", "STORY CONTINUES BELOW")."""
    return (f.words <= knobs.refrain_max_words and f.within_text and not f.dom.in_chrome
            and not (f.link_density or f.menu_like or f.table_row))  # (a shop's box, a share bar)


def _copied_lists(lines: list[Line], feats: list[Features], knobs: AssembleKnobs) -> set[int]:
    """The lists (Structure.group) most of whose items repeat earlier lines: a box printed
    twice, whose copy adds nothing, unlike one item that two lists share."""
    items: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        s = getattr(line, "structure", None)
        if s is not None and s.container in LIST_CONTAINERS:
            counts = items.setdefault(s.group, [0, 0])
            counts[0] += 1
            counts[1] += feats[i].first_copy != i
    return {group for group, (n, copies) in items.items() if copies > knobs.copied_list_share * n}


def _item_of_another_list(here, before, f: Features) -> bool:
    """Whether a line of the main text is an item of a list (HTML: its Structure) other than
    the one its kept copy is in: a recipe's "1 pinch of salt" in the pastry's and in the
    filling's ingredients (not a menu's or a rail's links, repeated in a second menu)."""
    return (here is not None and before is not None and here.container in LIST_CONTAINERS
            and before.container in LIST_CONTAINERS and here.group != before.group
            and f.dom.main_text and not (f.linked or f.dom.in_chrome or f.menu_like))


def _leads_into_text(i: int, labels: list[Label], feats: list[Features], knobs: AssembleKnobs) -> bool:
    """Whether the next block after line i is a paragraph of running text (a label before its
    answer, a step's name before its instructions — not a shop's "Price at" before a link)."""
    j = next((j for j in range(i + 1, len(labels)) if isinstance(labels[j], Kind)), None)
    return j is not None and labels[j] is BODY and feats[j].words >= knobs.refrain_text_min_words


def _point_duplicates_at_kept_lines(dropped: list[Dropped], blocks: list[list[Block]]) -> list[Dropped]:
    """A copy of a line that was itself dropped as chrome (a rail's lone byline) is chrome too:
    `kept_at` must always lead to text that was kept."""
    kept = {b.start for bs in blocks for b in bs}
    kept |= {d.start for d in dropped if d.reason is MERGED}
    return [Dropped(d.text, d.start, d.end, BOILERPLATE)
            if d.reason is DUPLICATE and d.kept_at not in kept else d
            for d in dropped]


def _captions_of_credits(labels: list[Label]) -> dict[int, int]:
    """Each credit line's caption: the caption line right above it, else right below it."""
    out = {}
    for i, lab in enumerate(labels):
        if lab is MERGED:
            if i > 0 and labels[i - 1] is CAPTION:
                out[i] = i - 1
            elif i + 1 < len(labels) and labels[i + 1] is CAPTION:
                out[i] = i + 1
    return out


def _drop(line: Line, reason: Reason, kept_at: int | None = None) -> Dropped:
    return Dropped(line.text, line.start, line.end, reason, kept_at)


# --- teaser rails -------------------------------------------------------------------------------


# A teaser card shows its parts in this order; a part that goes back in the order starts a card.
PART_ORDER = {"section": 0, "caption": 1, "title": 2, "summary": 3, "byline": 4, "date": 4}


def _part(f: Features, knobs: AssembleKnobs) -> str:
    if f.inline_teaser_at is not None:
        return "title"
    if f.date_like and f.credit is None and f.words <= knobs.date_part_max_words \
            and (not f.linked or f.words <= knobs.date_link_max_words):  # (a longer link is a title)
        return "date"  # "3 March 2025", "3 days ago" beside a card's title
    if f.dom.byline_class and f.words <= knobs.byline_part_max_words:
        return "byline"  # an author's name under the title, in its author/byline element (HTML)
    if f.section_label or f.words <= knobs.section_part_max_words and not f.sentence_end:
        return "section"  # "Climate", "المشرق العربي" on a line of its own
    if f.byline_shape:
        return "byline"
    if f.credit is not None:
        return "caption"
    if f.words >= knobs.summary_min_words or f.period_end:
        return "summary"  # a title does not end with a full stop; a summary does
    return "title"


def _teasers(run: range, lines: list[Line], keys: list[str], feats: list[Features],
             knobs: AssembleKnobs, out: list[Block], dropped: list[Dropped],
             titles: dict[str, int]) -> None:
    """Group a rail's lines into teaser cards, one Block each (`titles`: the parts of the
    article's cards so far, by key: a card whose every part was printed before is a copy)."""
    cards: list[dict[str, int]] = []
    seen: dict[str, int] = {}
    idx = list(run)
    for pos, i in enumerate(idx):
        k = keys[i]
        part = _part(feats[i], knobs)
        if part == "section":
            pass  # every card of a section prints its label: repeats are not copies
        elif k in seen:  # the same text twice in a rail: keep the first
            dropped.append(_drop(lines[i], DUPLICATE, lines[seen[k]].start))
            continue
        echo = None if part != "title" else next(
            (j for j in idx[pos + 1:pos + 1 + knobs.title_echo_distance] if keys[j] == k), None)
        if echo is not None:  # a title printed above and below its image: keep the later one
            dropped.append(_drop(lines[i], DUPLICATE, lines[echo].start))
            continue
        seen[k] = i
        card = cards[-1] if cards else None
        if feats[i].rank_end:
            part, card = "title", None  # a ranked item opens a card: "1 …", "2 …"
        if (part == "title" and card and "title" in card and "summary" not in card
                and feats[i].words > feats[card["title"]].words and not feats[i].linked):
            part = "summary"  # the longer line under a title is its summary (a link is a title)
        if card is None or part in card or PART_ORDER[part] < max(PART_ORDER[p] for p in card):
            card = {}
            cards.append(card)
        card[part] = i

    shared = _shared_prefixes([lines[c["caption"]].text for c in cards if "caption" in c], knobs)
    for card in cards:
        # (a date repeats across cards, "3 hours ago": it does not make a card a copy)
        kept_parts = [i for part, i in card.items() if part != "date"]
        if "title" in card and all(keys[i] in titles for i in kept_parts):
            for part, i in card.items():  # every part printed before: a copy of a card kept
                dropped.append(_drop(lines[i], BOILERPLATE) if part == "date"
                               else _drop(lines[i], DUPLICATE, titles[keys[i]]))
            continue
        if "title" in card:
            for i in kept_parts:
                titles.setdefault(keys[i], lines[i].start)
        _emit_card(card, lines, feats, shared, knobs, out, dropped)


def _emit_card(card: dict[str, int], lines: list[Line], feats: list[Features], shared: set[str],
               knobs: AssembleKnobs, out: list[Block], dropped: list[Dropped]) -> None:
    title_i = card.get("title", card.get("summary", card.get("caption")))
    if title_i is None:  # a byline alone is no teaser
        for i in card.values():
            dropped.append(_drop(lines[i], BOILERPLATE))
        return
    text, f = lines[title_i].text, feats[title_i]
    start, end = max(f.title_start, f.rank_end), len(text)
    fields: dict[str, str | None] = {}
    if f.clock_span is not None and "date" not in card and title_i == card.get("title"):
        clock_start, clock_end = f.clock_span  # "18:20 Title", "Title13:02": the card's time
        fields["date"] = text[clock_start:clock_end]
        if clock_start <= start:
            start = max(start, clock_end)
        else:
            end = clock_start
    title = text[start:end].strip()
    if "section" in card:
        fields["section"] = lines[card["section"]].text
    if "caption" in card:
        c = card["caption"]
        parts = feats[c].caption_parts  # (a caption part has a credit: it was measured)
        caption = lines[c].text[:parts.text_end]
        if parts.video_duration is not None:
            fields["video_duration"] = parts.video_duration
        section = _section(caption, title if title_i != c else "", parts.section_words, shared, knobs)
        cut = 0
        if section and "section" not in fields:
            fields["section"] = section
            rest = caption[len(section):].lstrip()
            cut = len(caption) - len(rest)
            caption = rest
            if title.startswith(section) and title_i != c:
                title = title[len(section):].lstrip()
        # The parenthesised credit, unless the section label took its opening parenthesis.
        credit = parts.credit if parts.credit_at >= cut else None
        fields["credit"] = credit if credit is not None else feats[c].credit
        if title_i != c:
            fields["caption"] = caption
        else:
            title = caption
    if "summary" in card and title_i != card["summary"]:
        fields["summary"] = lines[card["summary"]].text
    if "byline" in card:
        fields["byline"] = lines[card["byline"]].text
    if "date" in card:
        fields["date"] = lines[card["date"]].text
    head = lines[title_i]
    out.append(Block(Kind.TEASER, title, head.start, head.end, title=title, **fields))
    for i in card.values():
        if i != title_i:
            dropped.append(_drop(lines[i], Reason.MERGED, head.start))


def _shared_prefixes(captions: list[str], knobs: AssembleKnobs) -> set[str]:
    """Word prefixes (1 to section_max_words words, two words left after them) that open
    section_min_cards or more captions of a rail: the section labels a rail prints before each
    card's image caption."""
    counts: Counter[str] = Counter()
    for c in captions:
        ws = c.split()
        for n in range(1, min(knobs.section_max_words, len(ws) - knobs.caption_min_words_after_section) + 1):
            counts[" ".join(ws[:n])] += 1
    return {p for p, c in counts.items() if c >= knobs.section_min_cards}


def _section(caption: str, title: str, known_words: int, shared: set[str],
             knobs: AssembleKnobs) -> str | None:
    """The section label a teaser's caption line opens with, if any: the words it shares with
    the start of the title line, else the longest opening that other cards of the rail share,
    else a known section name (`known_words`: how many of its first words name one)."""
    cw, tw = caption.split(), title.split()
    common = 0
    while common < min(len(cw), len(tw)) - knobs.caption_min_words_after_section \
            and cw[common] == tw[common]:
        common += 1
    if 1 <= common <= knobs.section_max_words:
        return " ".join(cw[:common])
    for n in range(min(knobs.section_max_words, len(cw) - knobs.caption_min_words_after_section), 0, -1):
        prefix = " ".join(cw[:n])
        if prefix in shared:
            return prefix
    return " ".join(cw[:known_words]) if known_words else None
