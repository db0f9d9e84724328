"""Whose event a clause tells (readingroom.timeline.subjects)."""

import pytest

from readingroom.timeline.subjects import Subject, Whose


def _subject(text: str, name: str = "Rosa Luxemburg") -> Subject:
    return Subject.of(name, text.lower())


def test_the_subjects_gender_comes_from_the_pronouns_the_text_uses_most():
    assert _subject("She was born. She wrote. Her books sold.").nominatives == {"she"}
    assert _subject("He was born. He wrote. His wife, she said, left him.").nominatives == {"he"}
    # Too few, or too even, to tell: both count.
    assert _subject("Born in 1871.").nominatives == {"he", "she"}


@pytest.mark.parametrize(
    ("before_verb", "whose"),
    [
        (["she"], Whose.SUBJECT),
        (["In", "Berlin", "she", "was", "soon"], Whose.SUBJECT),
        (["Luxemburg"], Whose.SUBJECT),
        (["he"], Whose.OTHER),  # a "he" in her biography is someone else
        (["a", "deal", "was"], Whose.OTHER),
        (["her", "husband"], Whose.RELATIVE),
        (["her", "friend", "Jogiches", "was"], Whose.OTHER),
        (["her", "Vindication", "of", "the", "Rights", "of", "Woman"], Whose.SUBJECT),
        (["she", "and", "Jogiches", "were"], Whose.SUBJECT),
        (["the", "family"], Whose.SUBJECT),
        ([], Whose.SUBJECT),  # "Arriving in Berlin in 1898, …": no subject of its own
    ],
)
def test_whose_clause(before_verb, whose):
    subject = _subject("She was born. She wrote. Her books sold.")
    assert subject.whose(before_verb, "", "") is whose


def test_relative_clauses_tell_of_what_they_follow():
    subject = _subject("She was born. She wrote. Her books sold.")
    assert subject.whose([], "which", "campaign") is Whose.OTHER
    assert subject.whose([], "who", "Luxemburg,") is Whose.SUBJECT
    assert subject.whose([], "who", "Jogiches,") is Whose.OTHER


def test_they_counts_the_subject_in_only_among_others():
    subject = _subject("She was born. She wrote. Her books sold.")
    assert subject.whose(["they"], "", "") is Whose.OTHER
    assert subject.whose(["they"], "", "", among=True) is Whose.SUBJECT
    assert subject.among("in 1917 she and berkman were imprisoned")
    assert not subject.among("in 1917 the bolsheviks took power")


@pytest.mark.parametrize(
    ("after_verb", "object_"),
    [
        (["her", "into", "an", "anarchist"], True),
        (["her", "release"], True),
        (["her", "parents", "and"], False),  # "killed her parents": a possessive
        (["him", "shut", "up"], False),  # his, not hers
        (["the", "party"], False),
    ],
)
def test_the_subject_as_the_verbs_object(after_verb, object_):
    assert _subject("She was born. She wrote. Her books sold.").is_object(after_verb) is object_


def test_she_and_is_no_he_and():
    subject = _subject("He was born. He wrote. His books sold.")
    assert not subject.among("in 1920 she and her husband fled")
    assert subject.among("in 1920 he and his wife fled")
