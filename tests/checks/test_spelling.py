import pytest

from readingroom.checks.dictionary import english, missing_message
from tests.checks.conftest import guide

pytestmark = pytest.mark.skipif(english() is None, reason=missing_message())

HEAD = "# Victor Serge\n\n"
TAIL = "\n\nBirth of Our Power (1931): 221 pages, a novel.\n"


def spelling(check, biography: str, **kwargs) -> list[tuple[str, str, str | None]]:
    found = check(guide(HEAD + biography + TAIL), "spelling")
    return [(f.code, f.flagged, f.suggestion) for f in found]


def test_misspellings_with_what_they_meant(check):
    text = "He recieved a letter and was accompained by his children."
    assert spelling(check, text) == [
        ("spelling/unknown-word", "recieved", "received"),
        ("spelling/unknown-word", "accompained", "accompanied"),
    ]


def test_a_misspelling_at_a_sentences_start_keeps_its_capital(check):
    assert spelling(check, "Ignorned by the Stalinists, he wrote on.") == [
        ("spelling/unknown-word", "Ignorned", "Ignored")
    ]


def test_both_spellings_of_english(check):
    assert spelling(check, "The colour and the color, the theatre and the theater.") == []


def test_names_foreign_words_and_the_guides_own_vocabulary_are_no_misspellings(check):
    text = (
        "Serge met Kibalchich in Zamość, read *Zapiski iz podpolya* and wrote of the"
        " Kronstadt rebellion. Fabrice del Dongo runs away. Okonkwo's pride is his fall."
        " He was a pre-Columbian anti-fascist."
    )
    assert spelling(check, text) == []


def test_a_text_in_another_language_is_not_checked_word_by_word(check):
    text = "Il a passé toute sa jeunesse dans une famille pauvre qui lisait beaucoup de livres."
    assert spelling(check, text) == []


def test_commonly_confused_words_in_their_telltale_contexts(check):
    text = (
        "He was not adverse to a fight, and payed a high price; he could of left."
        " The adverse effects were many, and the sailors payed out the rope."
    )
    assert spelling(check, text) == [
        ("spelling/confused-word", "adverse", "averse"),
        ("spelling/confused-word", "payed", "paid"),
        ("spelling/confused-word", "of", "have"),
    ]
