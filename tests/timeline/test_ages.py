"""Ages as dates (readingroom.timeline.ages)."""

import pytest

from readingroom.timeline.ages import ages, life_decades


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("At fifteen he bought a sloop.", [15]),
        ("at the age of six he was sent away", [6]),
        ("She died in 1797, aged thirty-eight.", [38]),
        ("when she was nine her sister died", [9]),
        ("at twenty-one, she married", [21]),
        ("he arrived at 3 p.m. and left at two o'clock", []),
        ("It sold at 40% of the price at 12 pages a day.", []),
    ],
)
def test_point_ages(text, years):
    assert [age.years for age in ages(text.lower())] == years


def test_until_stays_before_the_age_as_before_any_date():
    text = "where he stayed until he was thirteen, and"
    [age] = ages(text)
    assert text[: age.start].endswith("until ")
    assert age.as_timex(text, 1533, "1539").value == "1546"
    assert age.as_timex(text, 1533, "1539").anchor == "1539"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("in her teens she read", (13, 19)),
        ("in his twenties", (20, 29)),
        ("in his early thirties", (30, 33)),
        ("in his mid-forties", (44, 46)),
        ("in his late sixties he began to paint", (67, 69)),
    ],
)
def test_decades_of_life(text, span):
    [(_, _, first, last)] = life_decades(text)
    assert (first, last) == span
