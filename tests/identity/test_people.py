"""Whether two names are one person: the rules, case by case."""

from __future__ import annotations

import pytest

from readingroom.identity import Verdict
from readingroom.identity.people import Person, compare_people, person_key

SAME, CANDIDATE, DIFFERENT = Verdict.SAME, Verdict.CANDIDATE, Verdict.DIFFERENT


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("Marx, Karl", "Karl Marx", SAME),
        ("MARX Karl", "Karl Marx (1818–1883)", SAME),
        ("Simone de Beauvoir", "Beauvoir, Simone de", SAME),
        ("Du Bois, W. E. B.", "W.E.B. Du Bois", SAME),
        ("hooks, bell", "bell hooks", SAME),
        ("Hobsbawm, Eric (ed.)", "Eric Hobsbawm", SAME),
        ("Victor Serge, 1890–1947", "Victor Serge", SAME),
        ("Communist Party of Great Britain", "Communist Party of Great Britain", SAME),
        ("K. Marx", "Karl Marx", CANDIDATE),
        ("E. P. Thompson", "Thompson, Edward Palmer", CANDIDATE),
        ("Edward Thompson", "Edward Palmer Thompson", CANDIDATE),
        ("Marx", "Karl Marx", CANDIDATE),
        ("Eric Hobsbawm", "Eric Hobsbaum", CANDIDATE),
        ("CPGB", "Communist Party of Great Britain", CANDIDATE),
        ("Eleanor Marx", "Karl Marx", DIFFERENT),
        ("E. A. Thompson", "E. P. Thompson", DIFFERENT),
        ("William Morris (1834–1896)", "William Morris (1920–2010)", DIFFERENT),
        ("Anonymous", "Anonymous", DIFFERENT),
        ("Mary Shelley", "Percy Bysshe Shelley", DIFFERENT),
        ("Council on Foreign Relations", "Council of Europe", DIFFERENT),
        ("Raymond Williams", "Eric Williams", DIFFERENT),
        ("Ann Lee", "Ann Lea", DIFFERENT),  # short surnames: not taken for misspellings
    ],
)
def test_names(a: str, b: str, verdict: Verdict) -> None:
    assert compare_people(Person.of(a), Person.of(b)).verdict is verdict
    assert compare_people(Person.of(b), Person.of(a)).verdict is verdict


def test_a_surname_alone_is_the_person_whose_works_it_shares() -> None:
    """The seed's inferred "Serge" and the sample guide's Victor Serge."""
    serge = Person.of("Serge", ["Memoirs of a Revolutionary", "Midnight in the Century"])
    victor = Person.of("Victor Serge", ["Memoirs of a Revolutionary", "Conquered City"])
    match = compare_people(serge, victor)
    assert match.verdict is SAME
    assert "1 work in common" in match.evidence


def test_a_surname_alone_with_other_works_is_someone_else() -> None:
    thompson = Person.of("Thompson", ["Whigs and Hunters"])
    dorothy = Person.of("Dorothy Thompson", ["The Chartists"])
    assert compare_people(thompson, dorothy).verdict is DIFFERENT


def test_initials_with_a_work_in_common() -> None:
    a = Person.of("K. Marx", ["Capital, Vol. 1"])
    b = Person.of("Karl Marx", ["Capital, Volume I", "Grundrisse"])
    assert compare_people(a, b).verdict is SAME


def test_life_years_given_apart_from_the_name() -> None:
    assert (
        compare_people(
            Person.of("John Smith", born=1900), Person.of("John Smith", born=1950)
        ).verdict
        is DIFFERENT
    )


def test_keys() -> None:
    key = person_key("Beauvoir, Simone de (1908–1986)")
    assert (key.surname, key.given, key.born, key.died) == ("beauvoir", ("simone",), 1908, 1986)
    assert person_key("Róża Luksemburg").surname == "luksemburg"
    assert person_key("Unknown author").anonymous
    body = person_key("Workers' Educational Association")
    assert body.corporate
    assert body.acronym == "wea"
