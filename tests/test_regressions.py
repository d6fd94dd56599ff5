"""Pages that once broke an invariant, found by hypothesis; each stays as a test."""
import newsclean
from newsclean.testing import assert_invariants

# A rail whose last card is a lone byline printed twice: the earlier copy pointed (as a
# "duplicate") at the later one, which was then dropped as chrome.
RAIL_WITH_REPEATED_LONE_BYLINE = (
    "Réttesmin hus muset dércou caitchain\n\n\n"
    "Puhai mutmirché by hathangra and on nimé pebagras braitca souttai. Puhai mutmirché by "
    "hathangra and on nimé pebagras braitca souttai.\n\n"
    "That citdai for géchés in (Reuters)\nThat citdai for géchés in (Reuters)\n\n\n"
    "Related articles\n\n"
    "World That citdai for géchés in (AFP)\n\nSaid that said trurlourcos selbrour\n\n"
    "Loutpatma in, vilsai trainbe to plét, starcos héntrelgé by gépoul!\n\n"
    "Litcanvén Couthapair (Litcanvén)\n"
    "World Dut nomai the radés fo (AFP)\n\nOn in plumarer on by\n\n"
    "Brobai baifenles stougérsi birhé the with chessi cout has taischér?\n\n"
    "Chusgrainrir Fouscit (Litcanvén)\n\n"
    "By with taitché becou griltrétchet\n\n\nBy with taitché becou griltrétchet\n\n\n"
    "Puhai mutmirché by hathangra and on nimé pebagras braitca souttai.\n"
)


def test_a_duplicate_never_points_at_a_line_dropped_as_chrome():
    page = RAIL_WITH_REPEATED_LONE_BYLINE
    assert_invariants(page, newsclean.segment(page))


def test_a_page_over_max_lines_is_a_clear_error_not_a_truncation():
    import pytest
    with pytest.raises(newsclean.InputTooLarge, match="max_lines=10"):
        newsclean.segment("a line\n" * 11, max_lines=10)
    assert len(newsclean.segment("A headline here\n\n" + "a line.\n" * 9, max_lines=20).dropped) + \
        len(newsclean.segment("A headline here\n\n" + "a line.\n" * 9, max_lines=20).blocks) == 10


def test_looking_for_a_byline_under_each_line_stays_linear_on_a_page_of_copies():
    # A page pasted 64 times over (benchmarks/speed.py's scaling run) is all copies after the
    # first: the look-ahead for a byline skipped copies without bound and went quadratic
    # (13 minutes for 16 MB). It must look at a bounded number of lines per line.
    from newsclean import features

    class Counting(list):
        reads = 0

        def __getitem__(self, i):
            Counting.reads += 1
            return super().__getitem__(i)

    text = "A headline of several words here\n" + "A copy of a line\n" * 5000
    doc_lines = newsclean.lines.split_lines(text)
    keys = newsclean.keys.line_keys(ln.text for ln in doc_lines)
    feats = features.measure(doc_lines, keys, text, newsclean.lexicon.lexicon_for("en"))
    counted = Counting(feats)
    features._mark_credited_heads(counted)
    assert Counting.reads <= (features.FEATURE_KNOBS.credited_head_max_skip + 1) * len(feats)
