"""Whether two titles of one author are one work."""

from __future__ import annotations

import pytest

from readingroom.identity import Verdict
from readingroom.identity.titles import compare_titles, title_key

SAME, CANDIDATE, DIFFERENT = Verdict.SAME, Verdict.CANDIDATE, Verdict.DIFFERENT


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("The Making of the English Working Class", "Making of the English Working Class", SAME),
        ("WHAT IS TO BE DONE?", "What Is to Be Done", SAME),
        ("Capital, Volume I", "Capital, Vol. 1", SAME),
        ("Memoirs of a Revolutionary", "Memoirs of a Revolutionary, 1901–1941", SAME),
        ("Mutual Aid", "Mutual Aid: A Factor of Evolution", SAME),
        ("Selected Works (2nd ed.)", "Selected Works", SAME),
        ("Labour and Monopoly Capital", "Labor and Monopoly Capital", SAME),
        ("Bread & Roses", "Bread and Roses", SAME),
        ("Zamość", "Zamosc", SAME),
        ("Woman and Socialism", "Women and Socialism", CANDIDATE),
        ("The Mass Strike", "The Mass Strike, the Political Party and the Trade Unions", CANDIDATE),
        ("Capital", "Capital, Volume I", CANDIDATE),
        ("Capital, Volume I", "Capital, Volume II", DIFFERENT),
        ("The Age of Revolution", "The Age of Capital", DIFFERENT),
        ("Selected Works", "Collected Works", DIFFERENT),
        ("The Second Sex", "The Second Coming", DIFFERENT),
        ("New Grub Street", "Grub Street", DIFFERENT),
    ],
)
def test_titles(a: str, b: str, verdict: Verdict) -> None:
    assert compare_titles(a, b).verdict is verdict
    assert compare_titles(b, a).verdict is verdict


def test_edition_words_stay_when_they_are_the_title() -> None:
    """ "New" and "Second" describe an edition only in an edition's phrase."""
    assert title_key("The New Left").text == "new left"
    assert title_key("The Second Sex (Vintage, 2011 edition)").text != ""
    assert title_key("Selected Works, revised edition").text == "selected works"


def test_volume_numbers() -> None:
    assert title_key("Capital, Vol. III").volume == 3
    assert title_key("History of the Russian Revolution, Book 2").volume == 2
    assert title_key("No Gods, No Masters").volume is None
