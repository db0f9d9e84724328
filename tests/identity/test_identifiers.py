"""Identifiers as editors paste them: one normal form, check digits checked."""

from __future__ import annotations

import pytest

from readingroom.identity import Verdict
from readingroom.identity.identifiers import (
    SCHEMES,
    BadIdentifier,
    compare_identifiers,
    normal_identifier,
)


@pytest.mark.parametrize(
    ("scheme", "text", "normal"),
    [
        ("isbn", "ISBN 978-0-14-044568-8", "9780140445688"),
        ("isbn", "0-14-044568-4", "0140445684"),
        ("isbn", "urn:isbn:0306406152", "0306406152"),
        ("isni", "0000 0001 2146 438X", "000000012146438X"),
        ("isni", "https://isni.org/isni/0000000121032683", "0000000121032683"),
        ("olid", "https://openlibrary.org/authors/OL26320A", "OL26320A"),
        ("olid", "ol45883w", "OL45883W"),
        ("wikidata", "https://www.wikidata.org/wiki/Q9061", "Q9061"),
        ("viaf", "http://viaf.org/viaf/49228757", "49228757"),
        ("lccn", "n79021164", "n79021164"),
        ("lccn", "https://lccn.loc.gov/2001012345", "2001012345"),
        ("oclc", "(OCoLC)ocm12345678", "12345678"),
    ],
)
def test_normal_forms(scheme: str, text: str, normal: str) -> None:
    assert normal_identifier(scheme, text) == normal


@pytest.mark.parametrize(
    ("scheme", "text", "why"),
    [
        ("isbn", "978-0-14-044568-9", "check digit"),
        ("isbn", "12345", "10 or 13 digits"),
        ("isni", "0000 0001 2146 4381", "check character"),
        ("olid", "OL123X", "Open Library ID"),
        ("wikidata", "P31", "Wikidata item"),
        ("viaf", "abc", "VIAF"),
        ("doi", "10.1000/1", "no scheme"),
    ],
)
def test_refused(scheme: str, text: str, why: str) -> None:
    with pytest.raises(BadIdentifier, match=why):
        normal_identifier(scheme, text)


def test_links_are_built_not_fetched() -> None:
    assert SCHEMES["wikidata"].url("Q9061") == "https://www.wikidata.org/wiki/Q9061"
    assert SCHEMES["olid"].url("OL26320A") == "https://openlibrary.org/OL26320A"


def test_an_identifier_decides() -> None:
    same = compare_identifiers({"wikidata": "Q9061", "viaf": "49228757"}, {"wikidata": "Q9061"})
    assert same is not None
    assert same.verdict is Verdict.SAME
    different = compare_identifiers({"wikidata": "Q9061"}, {"wikidata": "Q1394"})
    assert different is not None
    assert different.verdict is Verdict.DIFFERENT
    assert compare_identifiers({"viaf": "1"}, {"isni": "000000012146438X"}) is None


def test_two_editions_of_one_work_are_not_two_works() -> None:
    assert compare_identifiers({"isbn": "9780140445688"}, {"isbn": "0140445684"}) is None
    both = compare_identifiers(
        {"isbn": "0140445684", "olid": "OL1W"}, {"isbn": "1", "olid": "OL1W"}
    )
    assert both is not None
    assert both.verdict is Verdict.SAME
