from tests.checks.conftest import codes, guide

HEAD = "# Rosa Luxemburg\n\nRosa Luxemburg was born in Zamość in 1871 and was murdered in 1919.\n\n"


def test_a_clean_guide(check):
    text = HEAD + "The Accumulation of Capital (1913): 480 pages, her theory of imperialism.\n"
    assert check(guide(text), "consistency") == []


def test_the_same_work_twice(check):
    text = HEAD + (
        "The Accumulation of Capital (1913): 480 pages, her theory of imperialism.\n\n"
        "The accumulation of capital (1913): 480 pages, the same book again.\n"
    )
    [found] = check(guide(text), "consistency")
    assert (found.code, found.location.line) == ("consistency/duplicate-work", 7)
    assert "line 5" in found.message


def test_a_page_count_no_book_has(check):
    text = HEAD + "The Accumulation of Capital (1913): 48000 pages, her theory of imperialism.\n"
    [found] = check(guide(text), "consistency")
    assert (found.code, found.flagged, found.location.column) == (
        "consistency/page-count",
        "48000",
        37,
    )


def test_a_page_count_far_above_the_guides_own(check):
    works = "".join(f"Volume {n} (1913): {300 + n} pages, a volume.\n\n" for n in range(6))
    text = (
        HEAD
        + works
        + "Volume 9 (1913): 9 pages, an essay.\n\nVolume 10 (1913): 3900 pages, a slip.\n"
    )
    assert [(f.code, f.flagged) for f in check(guide(text), "consistency")] == [
        ("consistency/page-count", "3900")
    ]


def test_a_year_range_the_wrong_way_round(check):
    text = HEAD + "Letters (1919–1893): 480 pages, her letters to Leo Jogiches.\n"
    [found] = check(guide(text), "consistency")
    assert found.code == "consistency/year-range"
    assert found.severity == "error"
    assert (found.flagged, found.suggestion) == ("1919–1893", "1893–1919")


def test_stray_punctuation_after_the_pages(check):
    text = HEAD + "Letters (1913): 480 pages,\n\nSpeeches (1914): 200 pages,, her speeches.\n"
    found = check(guide(text), "consistency")
    assert [(f.flagged, f.suggestion, f.location.line) for f in found] == [
        (",", "", 5),
        (",,", ",", 7),
    ]


def test_a_bibliographys_full_stop_after_the_pages_is_its_style(check):
    text = HEAD + "Letters (1913): 480 pages. Her letters.\n"
    assert codes(check(guide(text), "consistency")) == []
