import pytest

from readingroom.reading import format_count, format_pages


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 pages"), (1, "1 page"), (2, "2 pages"), (1256, "1,256 pages"),
     (30_000, "30,000 pages"), (1_000_000, "1,000,000 pages")],
)  # fmt: skip
def test_pages(count, expected):
    assert format_pages(count) == expected


def test_other_nouns_and_irregular_plurals():
    assert format_count(1, "work") == "1 work"
    assert format_count(30_000, "work") == "30,000 works"
    assert format_count(1, "entry", "entries") == "1 entry"
    assert format_count(1200, "entry", "entries") == "1,200 entries"
