"""The catalog's likely duplicates, found in the real database."""

from __future__ import annotations

import pytest

from readingroom.catalog.duplicates import duplicates
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.listimport import import_list
from readingroom.formats.readinglist import read_list
from readingroom.identity import Verdict

pytestmark = pytest.mark.django_db


def _import_list(text: str, name: str) -> None:
    import_list(name, text.encode(), text, "utf-8", read_list(text))


def test_the_seeds_serge_is_the_sample_guides_victor_serge(sample_bytes, seed_bytes):
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    import_guide_bytes("seed.txt", seed_bytes, "Serge: a guide")
    [pair] = [d for d in duplicates() if d.kind == "author"]
    assert (pair.first_name, pair.second_name) == ("Victor Serge", "Serge")
    assert pair.match.verdict is Verdict.SAME
    assert "3 works in common" in pair.match.evidence


def test_candidates_and_works_of_one_author():
    _import_list(
        "Reading\n\n"
        "1. Karl Marx, Capital, Volume I (1867)\n"
        "2. Karl Marx, Capital: A Critique of Political Economy, Volume I (1867)\n"
        "3. Karl Marx, Capital, Volume II (1885)\n"
        "4. Eleanor Marx, The Woman Question (1886)\n"
        "5. E. P. Thompson, The Making of the English Working Class (1963)\n",
        "one.txt",
    )
    _import_list(
        "More reading\n\n"
        "1. Thompson, Edward Palmer, Whigs and Hunters (1975)\n"
        "2. Dorothy Thompson, The Chartists (1984)\n",
        "two.txt",
    )
    found = {(d.kind, d.first_name, d.second_name): d.match.verdict for d in duplicates()}
    assert found == {
        ("author", "E. P. Thompson", "Edward Palmer Thompson"): Verdict.CANDIDATE,
        ("work", "Capital, Volume I", "Capital: A Critique of Political Economy, Volume I"): (
            Verdict.SAME
        ),
    }
