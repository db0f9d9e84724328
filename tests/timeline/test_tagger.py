"""The temporal tagger on the issue's own examples, and on news with a creation date."""

from datetime import date

import pytest

from readingroom.timeline import tag


def one(text, reference=None):
    [timex] = tag(text, reference)
    return timex.type, timex.value, timex.mod, timex.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("expelled in 1909", ("DATE", "1909", None, "1909")),
        ("arrested in March 1928", ("DATE", "1928-03", None, "March 1928")),
        ("murdered on 15 January 1919", ("DATE", "1919-01-15", None, "15 January 1919")),
        ("on May 22, 1995 it", ("DATE", "1995-05-22", None, "May 22, 1995")),
        ("in late 1921 he", ("DATE", "1921", "END", "late 1921")),
        ("the early 1930s were hard", ("DATE", "193", "START", "the early 1930s")),
        ("in the spring of 1936", ("DATE", "1936-SP", None, "the spring of 1936")),
        ("written in the 1920's", ("DATE", "192", None, "the 1920's")),
        ("during the 19th century", ("DATE", "18XX", None, "the 19th century")),
        ("for five years", ("DURATION", "P5Y", None, "five years")),
        ("for more than a year", ("DURATION", "P1Y", "MORE_THAN", "more than a year")),
        ("after two months", ("DURATION", "P2M", None, "two months")),
        ("a two-year plan", ("DURATION", "P2Y", None, "two-year")),
    ],
)
def test_examples(text, expected):
    assert one(text) == expected


def test_the_twenties_take_the_narratives_century():
    timexes = tag("Born in 1901, in the twenties she wrote.")
    assert [t.value for t in timexes] == ["1901", "192"]


def test_relative_expressions_follow_the_narrative():
    timexes = tag("In 1923 he moved; he joined them the same year and left two years later.")
    assert [t.value for t in timexes] == ["1923", "1923", "1925"]
    spring = tag("He came in 1936 and the following spring he left.")
    assert spring[-1].value == "1937-SP"


def test_deictic_expressions_use_the_creation_date():
    friday = date(1998, 2, 13)
    assert one("voted Friday", friday)[1] == "1998-02-13"
    assert one("said yesterday", friday)[1] == "1998-02-12"
    assert one("sales last year", friday)[1] == "1997"
    assert one("the third quarter results", date(1989, 10, 26))[1] == "1989-Q3"
    assert one("prices now", friday)[1] == "PRESENT_REF"


def test_named_events_are_dated_and_move_the_narrative_on():
    text = "After the February revolution he left; the same year he returned."
    timexes = tag(text, named=[(6, 29, "1917-03", "1917-03")])
    assert [(t.text, t.value) for t in timexes] == [
        ("the February revolution", "1917-03"),
        ("the same year", "1917"),
    ]


def test_month_names_are_not_verbs():
    assert tag("You may march on.") == []


def test_offsets_survive_a_letter_whose_lower_case_is_longer():
    # "İ".lower() is two characters; the tagger works on lowered text.
    text = "In İstanbul in March 1928 he was arrested."
    [march] = tag(text)
    assert (march.text, march.value) == ("March 1928", "1928-03")
    assert text[march.start : march.end] == "March 1928"
