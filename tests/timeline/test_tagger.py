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
        # TIMEX3 writes a century as its first two digits (TimeML 1.2.1 guidelines, 2.2.1).
        ("during the 19th century", ("DATE", "18", None, "the 19th century")),
        ("in the early twentieth century", ("DATE", "19", "START", "the early twentieth century")),
        ("in the late 1980s", ("DATE", "198", "END", "the late 1980s")),
        ("the mid-1990s", ("DATE", "199", "MID", "the mid-1990s")),
        ("in the spring of 1998", ("DATE", "1998-SP", None, "the spring of 1998")),
        ("the third quarter of 1999", ("DATE", "1999-Q3", None, "the third quarter of 1999")),
        ("the first half of 1999", ("DATE", "1999-H1", None, "the first half of 1999")),
        ("for four hours", ("DURATION", "PT4H", None, "four hours")),
        ("for several years", ("DURATION", "PXY", None, "several years")),
        ("for nearly two years", ("DURATION", "P2Y", "EQUAL_OR_LESS", "nearly two years")),
        ("for at least ten days", ("DURATION", "P10D", "EQUAL_OR_MORE", "at least ten days")),
        ("about three weeks", ("DURATION", "P3W", "APPROX", "about three weeks")),
        # Sets (TimeML 1.2.1 guidelines, 2.2.4: "daily" is P1D, "every Tuesday" XXXX-WXX-2).
        ("published daily", ("SET", "P1D", None, "daily")),
        ("met annually", ("SET", "P1Y", None, "annually")),
        ("a weekly paper", ("SET", "P1W", None, "weekly")),
        ("paid monthly", ("SET", "P1M", None, "monthly")),
        ("every week", ("SET", "P1W", None, "every week")),
        ("each year he went", ("SET", "P1Y", None, "each year")),
        ("every Tuesday", ("SET", "XXXX-WXX-2", None, "every Tuesday")),
        ("each July he went", ("SET", "XXXX-07", None, "each July")),
        ("he wrote on Sundays", ("SET", "XXXX-WXX-7", None, "Sundays")),
        # Spelled-out years, as broadcast transcripts write them.
        ("in nineteen ninety-six", ("DATE", "1996", None, "nineteen ninety-six")),
        ("by the year two thousand", ("DATE", "2000", None, "the year two thousand")),
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


# News: a creation date, and the tense of the governing verb (TimeML annotation
# guidelines 1.2.1, 2.2.1; HeidelTime's ResolveAmbiguousValues): a past tense takes
# the most recent such day or month, a future the next one, no tense the nearest.
WEDNESDAY = date(1990, 8, 15)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The king met him Monday.", "1990-08-13"),
        ("The monarch will meet Bush on Thursday.", "1990-08-16"),
        ("The talks resumed Friday in Geneva.", "1990-08-10"),
        ("Talks are set for Friday.", "1990-08-17"),
        ("Officials said it would close Monday.", "1990-08-20"),
        ("The ambassador said Wednesday that Iraq would retaliate.", "1990-08-15"),
        ("On Tuesday, the United States and the Soviet Union agreed.", "1990-08-14"),
        ("He left last Friday.", "1990-08-10"),
        ("He leaves next Friday.", "1990-08-17"),
        ("Prices rose in March.", "1990-03"),
        ("Prices fell in December.", "1989-12"),
        ("Prices will rise in March.", "1991-03"),
        ("The election is in November.", "1990-11"),
        ("The plant opened in October.", "1989-10"),
        ("On March 5 the company said it had lost money.", "1990-03-05"),
        ("The vote will be held on March 5.", "1991-03-05"),
        ("The deadline is Sept. 1.", "1990-09-01"),
        ("Sales fell in January this year.", "1990-01"),
        ("Sales fell in June last year.", "1989-06"),
        # A Wednesday's "the weekend" in the past tense is the one before it.
        ("Officials said over the weekend that talks failed.", "1990-W32-WE"),
        ("Talks will resume over the weekend.", "1990-W33-WE"),
    ],
)
def test_news_resolves_by_the_tense_of_the_verb(text, value):
    timex = [t for t in tag(text, WEDNESDAY) if t.type == "DATE"][-1]
    assert timex.value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales fell this week.", ("DATE", "1990-W33")),
        ("He arrived last week.", ("DATE", "1990-W32")),
        ("He comes next week.", ("DATE", "1990-W34")),
        ("Markets fell this morning.", ("TIME", "1990-08-15TMO")),
        ("He will speak tonight.", ("TIME", "1990-08-15TNI")),
        ("He spoke Tuesday evening.", ("TIME", "1990-08-14TEV")),
        ("He spoke yesterday afternoon.", ("TIME", "1990-08-14TAF")),
        ("It was hot last summer.", ("DATE", "1989-SU")),
        ("It will open this fall.", ("DATE", "1990-FA")),
        ("Prices are high now.", ("DATE", "PRESENT_REF")),
        ("He has recently left.", ("DATE", "PAST_REF")),
        ("Prices were lower in the past.", ("DATE", "PAST_REF")),
        ("Prices will rise in the future.", ("DATE", "FUTURE_REF")),
        ("The bomb went off at 10 p.m. Tuesday.", ("TIME", "1990-08-14T22:00")),
    ],
)
def test_weeks_parts_of_day_seasons_and_references(text, expected):
    [timex] = tag(text, WEDNESDAY)
    assert (timex.type, timex.value) == expected


# Biographies: no creation date. The narrative's simple past is its present, so a
# month or weekday without a year takes the year (or week) the narrative has reached;
# a pluperfect looks back from there, a future in the past ("would") forward.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In May 1923 he moved to Paris. In November he married.", "1923-11"),
        ("In May 1923 he moved to Paris. In March he was arrested.", "1923-03"),
        ("In November 1923 he moved to Paris; he had arrived there in December.", "1922-12"),
        ("In May 1923 he moved to Berlin, which he would leave in March.", "1924-03"),
        ("He reached Petrograd on 5 March 1917. On Thursday he spoke.", "1917-03-08"),
        ("He reached Petrograd on 5 March 1917 and on March 9 he spoke.", "1917-03-09"),
    ],
)
def test_biographies_resolve_against_the_narrative(text, value):
    assert tag(text)[-1].value == value


def test_weekdays_without_a_dated_narrative_stay_unresolved():
    assert tag("On Tuesday he left.")[-1].value == "XXXX-WXX-2"


# "the year", "the week", "the day" without a determiner of their own name the unit
# of the date under discussion (TimeML 1.2.1 guidelines, 2.2.1: anaphoric expressions
# take their value from the time they refer back to; HeidelTime's UNDEF-REF); "the
# year ended Sept. 30" is a year's span measured back from that day, a DURATION.
THURSDAY = date(1989, 11, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For the year, volume was flat.", ("DATE", "1989", None, "the year")),
        ("a high for the year of $42 a share", ("DATE", "1989", None, "the year")),
        ("a cut by the end of the year.", ("DATE", "1989", "END", "the end of the year")),
        ("delayed earlier in the year by rains", ("DATE", "1989", "START", "earlier in the year")),
        ("Net for the year ended Sept. 30 rose.", ("DURATION", "P1Y", None, "the year")),
        ("a loss for the year ending tomorrow", ("DURATION", "P1Y", None, "the year")),
        ("He arrived later in the day.", ("DATE", "1989-11-02", "END", "later in the day")),
        ("For the week, the index fell.", ("DATE", "1989-W44", None, "the week")),
    ],
)
def test_the_unit_under_discussion(text, expected):
    timex = tag(text, THURSDAY)[0]
    assert (timex.type, timex.value, timex.mod, timex.text) == expected


def test_the_unit_follows_the_narrative():
    timexes = tag("In 1923 he moved to Paris; the year was hard.")
    assert [t.value for t in timexes] == ["1923", "1923"]
    # A phrase that names another day is left alone.
    assert [t.text for t in tag("the day before the plunge", THURSDAY)] == []


def test_comparisons_looked_back_to_do_not_move_the_anchor():
    # "the year-earlier period", "a year ago" compare with the period under discussion
    # (TimeML: their anchor is that period); the text stays in it, so what follows
    # still counts from it (HeidelTime: UNDEF-REF is the last date the text is at).
    text = (
        "Net fell in the third quarter from the year-earlier period. A year ago it had"
        " risen, and earlier in the year it rose too."
    )
    values = [t.value for t in tag(text, date(1989, 10, 26))]
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3", "1989"]


# Vague spans before or after now (HeidelTime's English date rules: "recent %reUnit"
# is PAST_REF, "coming %reUnit" FUTURE_REF, "several|a few|some %reUnit ago|earlier"
# PAST_REF; TimeML 1.2.1 guidelines, 2.2.1: an indefinite past or future is
# PAST_REF or FUTURE_REF).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Growth has been slow in recent years.", ("DATE", "PAST_REF", None, "recent years")),
        ("in recent days", ("DATE", "PAST_REF", None, "recent days")),
        ("in recent weeks and months", ("DATE", "PAST_REF", None, "recent weeks and months")),
        ("Rates will fall in coming months.", ("DATE", "FUTURE_REF", None, "coming months")),
        ("in the coming weeks", ("DATE", "FUTURE_REF", None, "the coming weeks")),
        ("It rose several years ago.", ("DATE", "PAST_REF", None, "several years ago")),
        ("a few months earlier", ("DATE", "PAST_REF", None, "a few months earlier")),
        ("an offering in the near future", ("DATE", "FUTURE_REF", None, "the near future")),
        ("the challenges of the near term", ("DATE", "FUTURE_REF", None, "the near term")),
    ],
)
def test_vague_past_and_future(text, expected):
    assert one(text, THURSDAY) == expected


# Financial news compares a period with the one a year before (HeidelTime: "the
# year-earlier|year-ago %rePartOfYear" is REF-year-MINUS-1); "the current quarter" is
# the one the creation date falls in; "the fiscal year ended June 30" is a span.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the year-ago third quarter", ("DATE", "1988-Q3", None, "the year-ago third quarter")),
        ("The year-earlier results were restated.", ("DATE", "1988", None, "year-earlier")),
        ("compared with a year-earlier loss", ("DATE", "1988", None, "year-earlier")),
        (
            "with the current quarter having begun well",
            ("DATE", "1989-Q4", None, "the current quarter"),
        ),
        ("for the fiscal year ended June 30", ("DURATION", "P1Y", None, "the fiscal year")),
        # HeidelTime: "the %reYear4Digit %rePartOfYear", "next year's %rePartOfYear".
        ("in the 1988 third quarter", ("DATE", "1988-Q3", None, "the 1988 third quarter")),
        ("next year's first quarter", ("DATE", "1990-Q1", None, "next year's first quarter")),
    ],
)
def test_year_ago_periods(text, expected):
    timex = tag(text, THURSDAY)[0]
    assert (timex.type, timex.value, timex.mod, timex.text) == expected


def test_weekday_nights_are_a_set():
    # TimeML 1.2.1 guidelines, 2.2.4: "every Tuesday night" is XXXX-WXX-2TNI.
    assert one("flights leave on Tuesday nights", THURSDAY) == (
        "SET",
        "XXXX-WXX-2TNI",
        None,
        "Tuesday nights",
    )


# Biographies count "the next day", "the following week", "the day after", "a day
# later" from the date the narrative has reached, at the unit's own precision (TimeML
# 1.2.1 guidelines, 2.2.1: anaphoric expressions take their value from the time they
# refer back to). Values worked out by hand: 1917-03-05 is the Monday of ISO week 10;
# 1920-06-10 is the Thursday of ISO week 24.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On September 3, 1838, he boarded a train, and he reached New York the next day.",
            ("the next day", "1838-09-04"),
        ),
        (
            "On 31 December 1899 he sailed; the following day he landed.",
            ("the following day", "1900-01-01"),
        ),
        (
            "He was arrested on 5 March 1917 and released the day after.",
            ("the day after", "1917-03-06"),
        ),
        (
            "On 3 September 1838 he boarded a train; a day later he reached New York.",
            ("a day later", "1838-09-04"),
        ),
        (
            "On 5 March 1917 he arrived; the following week he spoke.",
            ("the following week", "1917-W11"),
        ),
        (
            "He died on 10 June 1920; the week before, he had written to her.",
            ("the week before", "1920-W23"),
        ),
        (
            "In May 1923 he moved; the following month he married.",
            ("the following month", "1923-06"),
        ),
        (
            "In May 1923 he moved to Paris and married the month after.",
            ("the month after", "1923-06"),
        ),
        ("In 1923 he moved to Paris; he had met her the year before.", ("the year before", "1922")),
        ("He came in 1936 and the following year he left.", ("the following year", "1937")),
        ("He came in 1936 and the following winter he left.", ("the following winter", "1937-WI")),
        # Only the year is known: the day is in it, which one the text does not say.
        (
            "In 1838 he boarded a train north, and he reached New York the next day.",
            ("the next day", "1838-XX-XX"),
        ),
    ],
)
def test_the_next_day_counts_from_the_narrative(text, expected):
    assert (tag(text)[-1].text, tag(text)[-1].value) == expected


def test_the_day_after_something_named_is_left_alone():
    assert [t.text for t in tag("On 5 March 1917 he left, the day after the strike.")] == [
        "5 March 1917"
    ]


# "by the summer", "in the winter": the season of the year the narrative has reached,
# or of the next year when the narrative is already past it (its simple past moves on);
# a pluperfect looks back. TIMEX3 seasons: SP, SU, FA, WI.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In May 1796 she arrived; by the summer she was ill.", ("the summer", "1796-SU")),
        ("He came to Paris in 1796 and in the winter he fell ill.", ("the winter", "1796-WI")),
        ("In 1796 he came; over the winter he wrote.", ("the winter", "1796-WI")),
        ("In November 1923 he moved to Paris; in the spring he left.", ("the spring", "1924-SP")),
        ("In November 1923 he moved; he had arrived in the spring.", ("the spring", "1923-SP")),
        ("He came in 1796. That summer he left.", ("That summer", "1796-SU")),
    ],
)
def test_seasons_follow_the_narrative(text, expected):
    timex = tag(text)[-1]
    assert (timex.text, timex.value) == expected


def test_a_season_of_something_else_is_no_date():
    assert [t.text for t in tag("In 1796, in the summer of his life, he wrote.")] == ["1796"]


# Feasts with a year. Western Easter by the anonymous Gregorian computus, worked by
# hand: 1938, April 17; 1913, March 23; 1916, April 23. "Easter" on its own names the


# Feasts with a year. Western Easter by the anonymous Gregorian computus, worked by
# hand: 1938, April 17; 1913, March 23; 1916, April 23. "Easter" on its own names the
# feast's season, given as its month; a day of it is a day.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He died at Easter 1938.", ("Easter 1938", "1938-04")),
        ("At Easter 1913 they married.", ("Easter 1913", "1913-03")),
        ("It was Christmas 1914 at the front.", ("Christmas 1914", "1914-12-25")),
        ("On Christmas Eve 1914 they sang.", ("Christmas Eve 1914", "1914-12-24")),
        ("He left on New Year's Day 1900.", ("New Year's Day 1900", "1900-01-01")),
        ("He left on New Year’s Day 1900.", ("New Year’s Day 1900", "1900-01-01")),
        ("The rising began on Easter Monday 1916.", ("Easter Monday 1916", "1916-04-24")),
        ("He was arrested on Good Friday 1913.", ("Good Friday 1913", "1913-03-21")),
        ("At Christmas of 1914 they met.", ("Christmas of 1914", "1914-12-25")),
        # Before the Gregorian reform (1582) Easter is the Julian one: 1571, April 15.
        ("He retired on Easter Sunday 1571.", ("Easter Sunday 1571", "1571-04-15")),
    ],
)
def test_feasts_with_a_year(text, expected):
    [timex] = tag(text)
    assert (timex.text, timex.type, timex.value) == (expected[0], "DATE", expected[1])


def test_a_feast_without_a_year_is_not_dated():
    assert [t.value for t in tag("In 1912 he wrote A Christmas Carol of his own.")] == ["1912"]
