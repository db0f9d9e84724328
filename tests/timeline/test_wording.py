"""Life events' dates as people write them (readingroom.timeline.wording)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readingroom.timeline.wording import human_date, human_period, period_parts


@pytest.mark.parametrize(
    ("start", "end", "modifier", "precision", "expected"),
    [
        ("1909", "1909", None, "year", "1909"),
        ("1909", None, None, None, "1909"),
        ("1917-03", "1917-03", None, "month", "March 1917"),
        ("1917-03-12", None, None, "day", "12 March 1917"),
        ("1921-03", "1921-05", None, "season", "spring 1921"),
        ("1921-06", "1921-08", None, "season", "summer 1921"),
        ("1921-09", "1921-11", None, "season", "autumn 1921"),
        ("1936-12", "1937-02", None, "season", "winter 1936–37"),
        ("1921", "1921", "END", "year", "late 1921"),
        ("1921", "1921", "START", "year", "early 1921"),
        ("1921", "1921", "MID", "year", "mid-1921"),
        ("1920", "1929", "START", "decade", "early 1920s"),
        ("1920", "1929", None, "decade", "1920s"),
        ("1900", "1999", None, "century", "20th century"),
        ("1800", "1899", "END", "century", "late 19th century"),
        ("1920", "1920", "APPROX", "year", "about 1920"),
        ("1920", None, "BEFORE", None, "before 1920"),
        ("1920", None, "AFTER", None, "after 1920"),
        ("1920", None, "ON_OR_BEFORE", None, "by 1920"),
        ("1920", None, "ON_OR_AFTER", None, "1920 or later"),
        ("1917-03", "1918-03", "MORE_THAN", "month", "March 1917 – March 1918 (or longer)"),
        ("1936", "1938", "LESS_THAN", "year", "1936–1938 (or shorter)"),
        ("1936", "1940", None, "year", "1936–1940"),
        ("1920-03", "1920-05", None, "month", "March–May 1920"),
        ("1920-11", "1921-02", None, "month", "November 1920 – February 1921"),
        ("1920-05-03", "1920-05-09", None, "day", "3–9 May 1920"),
        ("1920-05-03", "1920-06-09", None, "day", "3 May – 9 June 1920"),
        ("1917-03-12", "1920-05-03", None, "day", "12 March 1917 – 3 May 1920"),
        ("1933-03", "1936", None, "year", "March 1933 – 1936"),
        ("1917-03", "1917", None, None, "March 1917 – later in 1917"),
        ("1917", "1917-03", None, None, "1917, until March"),
        ("1920", "1929", None, None, "1920–1929"),  # an editor's range, not a decade
        ("1921-03", "1921-05", None, "month", "March–May 1921"),  # not said to be a season
        (None, None, None, None, "undated"),
        ("", "", "APPROX", None, "undated"),
        ("0800", None, None, None, "800"),
        ("1920", "1920", "NOT_A_MODIFIER", None, "1920"),
    ],
)
def test_periods_read_as_people_write_them(start, end, modifier, precision, expected):
    assert human_period(start, end, modifier, precision) == expected


def test_a_value_that_is_not_a_calendar_date_is_shown_as_it_is():
    assert human_date("1998-W07") == "1998-W07"
    assert human_period("sometime", None) == "sometime"
    assert human_date("1917-13") == "1917-13"


year = st.integers(1000, 2100)
month = st.integers(1, 12)
iso = st.one_of(
    year.map(str),
    st.tuples(year, month).map(lambda p: f"{p[0]}-{p[1]:02d}"),
    st.tuples(year, month, st.integers(1, 28)).map(lambda p: f"{p[0]}-{p[1]:02d}-{p[2]:02d}"),
)


@given(iso, st.one_of(st.none(), iso), st.sampled_from([None, "APPROX", "START", "END", "MID"]))
def test_every_period_reads_without_an_iso_date(start, end, modifier):
    said = human_period(start, end, modifier)
    assert said
    assert re.search(r"\d{4}-\d", said) is None
    assert str(int(start[:4])) in said


def test_the_parts_carry_the_iso_date_each_one_says():
    assert period_parts("1920-03", "1920-05", "APPROX", "month") == [
        ("about ", None),
        ("March", "1920-03"),
        ("–", None),
        ("May 1920", "1920-05"),
    ]
    assert period_parts("1920", "1929", "START", "decade") == [("early ", None), ("1920s", "1920")]
    assert period_parts(None) == [("undated", None)]
    assert period_parts("1998-W07") == [("1998-W07", None)]
