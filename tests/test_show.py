"""The inspection page (`newsclean show`, `newsclean.render.to_html`).

The first tests read the HTML as text. The browser tests open the report in headless Chromium
(Debian's `chromium`; skipped where it is absent): a harness page, served from a temporary
folder on 127.0.0.1, loads the report in a same-origin iframe, reads the rendered DOM — the
lines per kind, each line's computed direction and where its first letter is drawn, whether
anything from the page ran — and writes what it found as JSON into its own DOM, which
`chromium --dump-dom` prints. The report itself has no script.

Set NEWSCLEAN_SHOW_SCREENSHOT=docs/show-seed.png to refresh the screenshot in the docs.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

import newsclean
from newsclean import show
from newsclean.render import to_html
from newsclean.cli import main
from newsclean.model import Article, Block, Document, Dropped, Kind, Reason

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "aawsat-putin-sharaa.txt"

PWN_TITLE = "document.title='PWNED'"
PWN_ATTR = "document.body.setAttribute('data-pwned','1')"
# A page written to break out of the report: tags, handlers, a closing </style>, an entity.
HOSTILE = "\n".join([
    f"Council opens <script>{PWN_TITLE}</script> the new library",
    "",
    f"<img src=x onerror=\"{PWN_ATTR}\"> Readers at the door (Photo: City Council)",
    f"<img src=x onerror=\"{PWN_ATTR}\"> Readers at the door (Photo: City Council)",
    "Share",
    "",
    "The new library opened on Monday after three years of work, and the council said that "
    "</style><style>body{display:none}</style> visitors would be welcome every day.",
    "",
    "Readers queued from early morning to see the reading rooms, the garden and the children's "
    f"floor, which the architects built around an old oak \"><svg onload=\"{PWN_TITLE}\"> tree.",
    "",
    f"يقول السكان إن المكتبة الجديدة <script>{PWN_TITLE}</script> أصبحت المكان المفضل للطلاب "
    "في المساء وفي عطلة نهاية الأسبوع.",
    "",
    "The librarian said the shelves hold forty thousand books &amp; maps </div></main>"
    "<h1>injected</h1> and that more will arrive in spring.",
    "",
    "Related articles",
    "",
    f"Council votes <b onmouseover=\"{PWN_TITLE}\">budget</b> for parks",
    "",
])


@functools.cache
def seed_doc() -> Document:
    return newsclean.segment(SEED.read_bytes())


@functools.cache
def hostile_doc() -> Document:
    return newsclean.segment(HOSTILE, input="text")


def line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def row_of(report: str, n: int) -> str:
    """The report's row for line `n` of the page."""
    rows = re.findall(r'<div class="row">.*?</div></div>', report)
    found = [row for row in rows if f'id="L{n}"' in row]
    assert len(found) == 1, f"no row for line {n}"
    return found[0]


# --- the HTML as text -----------------------------------------------------------------------

def test_the_old_name_is_the_renderer():
    doc = seed_doc()
    assert show.render(doc) == to_html(doc)
    assert show.render(doc, title="x.txt") == to_html(doc, title="x.txt")


def test_the_model_imports_no_renderer():
    code = ("import sys, newsclean; newsclean.segment('Headline here\\n\\nA paragraph.'); "
            "print(sorted(m for m in sys.modules if m.startswith(('newsclean.render', "
            "'newsclean.show'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_report_is_one_standalone_file_without_script():
    report = to_html(seed_doc())
    assert report.startswith("<!DOCTYPE html>")
    for needle in ("<script", "<link", " src=", "http://", "https://", "url(", "@import"):
        assert needle not in report.lower(), needle
    assert "Content-Security-Policy" in report and "default-src 'none'" in report


def test_every_block_and_dropped_line_is_one_row_in_page_order():
    doc = seed_doc()
    report = to_html(doc)
    ids = [int(n) for n in re.findall(r'<div class="line [^"]*" dir="auto" id="L(\d+)"', report)]
    assert len(ids) == len(doc.blocks) + len(doc.dropped)
    assert ids == sorted(ids)
    expected = sorted(line_number(doc.text, x.start) for x in (*doc.blocks, *doc.dropped))
    assert ids == expected


def test_each_line_shows_the_kind_of_block_it_became():
    doc = seed_doc()
    report = to_html(doc)
    for b in doc.blocks:
        row = row_of(report, line_number(doc.text, b.start))
        assert f'class="line kind-{b.kind.value}"' in row


def test_duplicates_link_to_the_copy_kept():
    doc = seed_doc()
    report = to_html(doc)
    duplicates = [d for d in doc.dropped if d.reason is Reason.DUPLICATE]
    assert duplicates
    for d in duplicates:
        kept = line_number(doc.text, d.kept_at)
        row = row_of(report, line_number(doc.text, d.start))
        assert 'class="line dropped reason-duplicate"' in row
        assert f'<a href="#L{kept}">{kept}</a>' in row
        assert f'title="duplicate of line {kept}"' in row
        assert f'id="L{kept}"' in report


def test_dropped_lines_carry_their_reason():
    doc = seed_doc()
    report = to_html(doc)
    for d in doc.dropped:
        row = row_of(report, line_number(doc.text, d.start))
        assert f"reason-{d.reason.value}" in row


def test_merged_lines_are_labelled_with_the_field_they_filled():
    lines = ["Divers at the wreck of the ferry",                               # 1 caption
             "Photo: Reuters",                                                 # 2 its credit
             "Related articles",                                               # 3
             "Climate A fisherman mends nets at dawn (AFP) play-circle 00:48",  # 4
             "Fishermen ask for a say in offshore wind zoning",                # 5 the card
             "A coalition of trawler owners wants seats on the board.",        # 6
             "Jane Roe (Brest)"]                                               # 7
    text = "\n".join(lines)
    at = [text.index(line) for line in lines]
    span = [(s, s + len(line)) for s, line in zip(at, lines)]
    caption = Block(Kind.CAPTION, lines[0], *span[0], credit="Reuters")
    card = Block(Kind.TEASER, lines[4], *span[4], title=lines[4], section="Climate",
                 caption="A fisherman mends nets at dawn (AFP)", credit="AFP",
                 summary=lines[5], byline=lines[6], video_duration="00:48")
    dropped = [Dropped(lines[1], *span[1], Reason.MERGED, caption.start),
               Dropped(lines[2], *span[2], Reason.RELATED_HEADING),
               Dropped(lines[3], *span[3], Reason.MERGED, card.start),
               Dropped(lines[5], *span[5], Reason.MERGED, card.start),
               Dropped(lines[6], *span[6], Reason.MERGED, card.start)]
    report = to_html(Document(text, [Article([caption, card])], dropped))
    expected = {2: ("caption", 1, "credit"), 4: ("teaser", 5, "section, caption, video_duration"),
                6: ("teaser", 5, "summary"), 7: ("teaser", 5, "byline")}
    for n, (kind, into, fields) in expected.items():
        row = row_of(report, n)
        assert f"reason-merged into-{kind}" in row
        assert f'<a href="#L{into}">{into}</a>' in row
        assert f'title="merged into line {into} ({kind}: {fields})"' in row
    assert "teaser · title" in row_of(report, 5)


def test_articles_are_separated():
    doc = seed_doc()
    report = to_html(doc)
    assert len(doc.articles) >= 2
    headings = re.findall(r'<h2 class="article" id="article-(\d+)">Article (\d+)', report)
    assert headings == [(str(i), str(i)) for i in range(1, len(doc.articles) + 1)]


def test_summary_counts_articles_kinds_and_reasons():
    doc = seed_doc()
    report = to_html(doc)
    kinds = Counter(b.kind.value for b in doc.blocks)
    reasons = Counter(d.reason.value for d in doc.dropped)
    for kind in Kind:
        assert re.search(rf'data-kind="{kind.value}">{kinds[kind.value]}<', report), kind
    for reason in Reason:
        assert re.search(rf'data-reason="{reason.value}">{reasons[reason.value]}<', report)
    assert f'data-total="articles">{len(doc.articles)}<' in report


def test_everything_from_the_page_is_escaped():
    doc = hostile_doc()
    report = to_html(doc, title="<script>alert(1)</script>.txt")
    body = report.split("</style>", 1)[1]  # after the report's own stylesheet
    for raw in ("<script", "<img", "<svg", "<style", "</style>", "<b ", "</main><h1>"):
        assert raw not in body, raw
    assert body.count("<h1>") == 1  # the report's own
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=&quot;" in body
    assert "&amp;amp; maps" in body  # an entity in the page shows as the page wrote it
    assert report.count("</style>") == 1 and report.count("<main>") == 1


def test_lone_surrogates_do_not_break_the_report():
    doc = Document("Head\ud800line", [Article([Block(Kind.HEADLINE, "Head\ud800line", 0, 9)])],
                   [])
    report = to_html(doc)
    report.encode("utf-8")  # does not raise
    assert "Head?line" in report


def test_a_page_with_no_article():
    doc = newsclean.segment("Share\nTT\n")
    report = to_html(doc)
    assert "No article found" in report
    assert report.count('class="line dropped') == len(doc.dropped)


def test_a_hand_made_document_without_text_still_renders():
    doc = Document("", [Article([Block(Kind.HEADLINE, "A title", 0, 7),
                                 Block(Kind.BODY, "A paragraph.", 8, 20)])],
                   [Dropped("A title", 21, 28, Reason.DUPLICATE, 0)])
    report = to_html(doc)
    assert re.findall(r'id="L(\d+)"', report) == ["1", "2", "3"]
    assert '<a href="#L1">1</a>' in report and "A paragraph." in report


def test_lines_no_one_accounted_for_are_shown():
    doc = Document("Head\nlost line\nBody text.", [Article([Block(Kind.HEADLINE, "Head", 0, 4),
                                                           Block(Kind.BODY, "Body text.", 15,
                                                                 25)])], [])
    report = to_html(doc)
    assert 'class="line unaccounted" dir="auto" id="L2"' in report


# --- the command ----------------------------------------------------------------------------

def test_show_writes_the_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["show", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == to_html(seed_doc(), title=SEED.name,
                                                      evidence=newsclean.explain(SEED.read_bytes()))


def test_show_without_output_writes_to_stdout(capsysbinary):
    assert main(["show", str(SEED)]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == to_html(
        seed_doc(), title=SEED.name, evidence=newsclean.explain(SEED.read_bytes()))


def test_show_passes_input_and_lang(tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["show", str(page), "--input", "text", "--lang", "en", "-o", str(out)]) == 0
    expected = newsclean.segment(HOSTILE.encode(), input="text", lang="en")
    why = newsclean.explain(HOSTILE.encode(), input="text", lang="en")
    assert out.read_text(encoding="utf-8") == to_html(expected, title="hostile.txt", evidence=why)


def test_show_errors(tmp_path, capsys):
    assert main(["show", str(tmp_path / "missing.txt")]) == 2
    assert main(["show", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir.html")]) == 2
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
    assert main(["show", str(binary)]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("newsclean: error: ") for e in errors)


# --- in a real browser ----------------------------------------------------------------------

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


@functools.cache
def chromium_starts() -> bool:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture
def browser() -> None:
    """Skip unless a headless Chromium is there (Debian: `apt-get install chromium`)."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    if not chromium_starts():  # a stub such as Ubuntu's snap wrapper in a container
        pytest.skip(f"{CHROMIUM} does not start")

# Loads report.html in a same-origin iframe and writes what the browser made of it into <pre>.
HARNESS = r"""<!DOCTYPE html>
<meta charset="utf-8">
<iframe id="report" src="report.html" style="width:1200px;height:900px"></iframe>
<pre id="out">not loaded</pre>
<script>
window.addEventListener("load", () => {
  const out = document.getElementById("out");
  try {
    const d = document.getElementById("report").contentDocument;
    const lines = [...d.querySelectorAll(".line")].map(el => {
      const box = el.getBoundingClientRect();
      let letterAt = null;  // where the first letter is drawn: 0 = left edge, 1 = right edge
      const walk = d.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node && letterAt === null; node = walk.nextNode()) {
        const i = node.data.search(/\p{L}/u);
        if (i < 0) continue;
        const range = d.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        letterAt = ((r.left + r.right) / 2 - box.left) / box.width;
      }
      const style = getComputedStyle(el);
      return {id: el.id, classes: [...el.classList], dir: el.getAttribute("dir"),
              direction: style.direction, decoration: style.textDecorationLine,
              title: el.title, text: el.textContent, letterAt};
    });
    const cells = sel => Object.fromEntries([...d.querySelectorAll(sel)].map(
      td => [Object.values(td.dataset)[0], Number(td.textContent)]));
    out.textContent = JSON.stringify({
      title: d.title,
      pwned: d.body.hasAttribute("data-pwned"),
      elements: Object.fromEntries(["script", "img", "svg", "b", "iframe", "h1"].map(
        t => [t, d.getElementsByTagName(t).length])),
      bodyVisible: getComputedStyle(d.body).display !== "none",
      kinds: cells("td[data-kind]"), reasons: cells("td[data-reason]"),
      totals: cells("td[data-total]"), articles: d.querySelectorAll("h2.article").length,
      lines});
  } catch (e) {
    out.textContent = "ERROR " + e;
  }
});
</script>
"""


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def browse(report: str, folder: Path) -> dict:
    """Open `report` in Chromium through the harness; what the harness found."""
    (folder / "report.html").write_text(report, encoding="utf-8")
    (folder / "harness.html").write_text(HARNESS, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            proc = chromium("--virtual-time-budget=10000", "--dump-dom",
                            f"http://127.0.0.1:{server.server_address[1]}/harness.html")
        finally:
            server.shutdown()
            thread.join()
    m = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout, re.S)
    assert m, f"chromium gave no harness output:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    found = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    found = found.replace("&amp;", "&")
    assert found.startswith("{"), found
    return json.loads(found)


def screenshot(report_path: Path, png: Path) -> None:
    proc = chromium(f"--screenshot={png}", "--window-size=1200,1600", "--hide-scrollbars",
                    report_path.as_uri())
    assert png.exists(), proc.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def save_for_docs(png: Path, target: Path) -> None:
    """Copy the screenshot into the docs, in 256 colours when Pillow is there (a third the
    size, the same look: the report is flat colours and text)."""
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(png, target)
        return
    with Image.open(png) as im:
        im.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE,
                                   dither=Image.Dither.NONE).save(target, optimize=True)


def direction_of(text: str) -> str:
    """What dir="auto" should resolve to: the direction of the first strong character."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def assert_rendered_as_segmented(found: dict, doc: Document) -> None:
    kinds = Counter(b.kind.value for b in doc.blocks)
    reasons = Counter(d.reason.value for d in doc.dropped)
    drawn = Counter(c[5:] for line in found["lines"] for c in line["classes"]
                    if c.startswith("kind-"))
    assert drawn == kinds
    assert found["kinds"] == {k.value: kinds[k.value] for k in Kind}
    assert found["reasons"] == {r.value: reasons[r.value] for r in Reason}
    assert found["totals"]["articles"] == found["articles"] == len(doc.articles)
    assert sum("dropped" in line["classes"] for line in found["lines"]) == len(doc.dropped)
    for line in found["lines"]:
        assert line["dir"] == "auto", line
        if "dropped" in line["classes"]:  # struck through, reason on hover; merged: kept text
            struck = "none" if "reason-merged" in line["classes"] else "line-through"
            assert line["decoration"] == struck and line["title"], line
        expected = direction_of(line["text"])
        assert line["direction"] == expected, line
        if line["letterAt"] is not None:  # the first letter is drawn at the line's start edge
            assert (line["letterAt"] > 0.5) == (expected == "rtl"), line


def test_browser_renders_the_seed(browser, tmp_path):
    doc = seed_doc()
    report = to_html(doc, title=SEED.name)
    found = browse(report, tmp_path)
    assert_rendered_as_segmented(found, doc)
    directions = Counter(line["direction"] for line in found["lines"])
    assert directions["rtl"] > 40 and directions["ltr"] >= 1  # Arabic lines, and "TT"
    png = tmp_path / "show-seed.png"
    screenshot(tmp_path / "report.html", png)
    target = os.environ.get("NEWSCLEAN_SHOW_SCREENSHOT")
    if target:
        save_for_docs(png, ROOT / target)


def test_browser_runs_nothing_from_a_hostile_page(browser, tmp_path):
    doc = hostile_doc()
    name = "<img src=x onerror=\"document.title='PWNED'\">.txt"
    found = browse(to_html(doc, title=name), tmp_path)
    assert found["title"] == f"newsclean: {name}"  # shown as text, not run
    assert not found["pwned"]
    assert found["elements"] == {"script": 0, "img": 0, "svg": 0, "b": 0, "iframe": 0, "h1": 1}
    assert found["bodyVisible"]
    texts = [line["text"] for line in found["lines"]]
    page_lines = [ln for ln in HOSTILE.splitlines() if ln.strip()]
    assert texts == page_lines  # every line, shown as the page wrote it
    assert_rendered_as_segmented(found, doc)
    assert {line["direction"] for line in found["lines"]} == {"ltr", "rtl"}
    screenshot(tmp_path / "report.html", tmp_path / "hostile.png")


def test_the_report_shows_the_evidence_beside_each_reason():
    doc = seed_doc()
    report = to_html(doc, evidence=newsclean.explain(SEED.read_bytes()))
    first = newsclean.explain(SEED.read_bytes())[0].evidence
    assert first.state == "HEAD"
    assert f"headline\nHEAD over {first.runner_up} by {first.margin:g}" in report
    assert "over" not in to_html(doc).split("<main>")[1]  # without evidence, the reasons alone


def test_a_page_of_several_articles_has_a_table_of_contents_linking_to_each():
    doc = seed_doc()
    report = to_html(doc)
    links = re.findall(r'<li><a href="#article-(\d+)">Article (\d+)', report)
    assert links == [(str(i), str(i)) for i in range(1, len(doc.articles) + 1)]
    targets = set(re.findall(r'<h2 class="article" id="(article-\d+)"', report))
    assert {f"article-{i}" for i, _ in links} == targets


def test_a_page_of_one_article_has_no_table_of_contents():
    doc = newsclean.segment("Storm hits the coast\n\nThe storm arrived at night, and the wind "
                            "brought down trees across the county.")
    assert len(doc.articles) <= 1
    assert '<nav class="toc">' not in to_html(doc)


def test_the_font_stack_covers_arabic_and_cjk():
    report = to_html(seed_doc())
    font = re.search(r"body\{[^}]*font:([^;]*);", report).group(1)
    assert "Arabic" in font and "CJK" in font


def test_a_long_run_of_dropped_lines_is_folded_and_a_short_one_is_not():
    from newsclean.render import to_html
    from newsclean.render.report import FOLD_MIN

    menu = "\n".join(f"Section {n}" for n in range(FOLD_MIN + 3))
    page = (f"{menu}\n\nStorm hits the northern coast\n\nThe storm arrived at night, and the wind "
            "brought down trees across the county, officials said on Monday.\nShare\nPrint\n")
    doc = newsclean.segment(page)
    report = to_html(doc)
    folds = re.findall(r'<details class="fold"><summary>(\d+) dropped lines', report)
    assert folds == [str(FOLD_MIN + 3)]  # the menu; "Share", "Print" after the text stay open
    assert report.count('class="line dropped') == len(doc.dropped)  # every line still shown
