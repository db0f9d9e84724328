"""Facet values and index tokens (pure), and the sample levels' shares."""

import doctest

import pytest

from readingroom.search import facets
from readingroom.search.facets import (
    SAMPLE_BASE,
    decade,
    document_tokens,
    facet_values,
    sample_levels,
    token_for,
)


def test_examples_in_the_docstrings():
    assert doctest.testmod(facets).failed == 0


@pytest.mark.parametrize(
    ("year", "expected"), [(1894, 1890), (1890, 1890), (5, 0), (-5, 0), (-55, -50), (-50, -50)]
)
def test_decades_round_toward_zero_as_sql_does(year, expected):
    assert decade(year) == expected


def test_facet_values_of_works_and_authors():
    assert facet_values("work", 7, 1894, 320) == {
        "author": "7",
        "decade": "1890",
        "length": "medium",
    }
    assert facet_values("work", None, None, None) == {}
    assert facet_values("work", 7, None, 149) == {"author": "7", "length": "short"}
    # An author's own document is not counted among their works.
    assert facet_values("author", 7, None, None) == {}


@pytest.mark.parametrize(
    ("name", "value", "token"),
    [
        ("author", "12", "a12"),
        ("decade", "1890", "d1890"),
        ("decade", "-50", "dn50"),
        ("length", "short", "l0"),
        ("length", "long", "l2"),
        ("author", "²", None),
        ("decade", "9" * 20, None),
        ("length", "huge", None),
        ("author", "", None),
        ("colour", "red", None),
    ],
)
def test_tokens_of_chosen_values(name, value, token):
    assert token_for(name, value) == token


def test_a_documents_tokens_are_its_facets_and_levels():
    tokens = document_tokens("work", 3, 7, 1894, 320).split()
    assert tokens[:3] == ["a7", "d1890", "l1"]
    assert tokens[3:] == [f"s{k}" for k in range(1, sample_levels("work", 3) + 1)]


def test_sample_levels_keep_their_share_of_documents():
    """Level k holds one document in 4**k, whatever the ids' order (a hash, not a stride)."""
    records = 200_000
    levels = [sample_levels(kind, n) for kind in ("work", "author") for n in range(records // 2)]
    for k in (1, 2, 3, 4):
        share = sum(level >= k for level in levels) / records
        expected = SAMPLE_BASE**-k
        assert abs(share - expected) < 4 * (expected / records) ** 0.5
    # Consecutive records (an author's works, imported together) are spread evenly too.
    first_quarter = sum(level >= 1 for level in levels[: records // 4]) / (records // 4)
    assert abs(first_quarter - 1 / SAMPLE_BASE) < 0.01
