"""The tagger's rules as data (data/tagger-*.toml): every file parses, every table is
well formed, every pattern compiles, and every rule has its normalisation."""

import re
import tomllib
from importlib import resources

import pytest

from readingroom.timeline import tagger
from readingroom.timeline.calendar import is_calendar_date
from readingroom.timeline.taggerdata import DATA

# TIMEX3 value syntax (TimeML 1.2.1 guidelines, section 2.2): dates, weeks, seasons,
# quarters, halves, parts of day, durations and the fuzzy references.
TIMEX3_VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:T?(?:[\dX]+(?:\.\d+)?[YMWDHS]|[\dX]+(?:DE|CE|WE|Q|H))+|[\dX]+[YMWD](?:T[\dX]+[HMS])*)"
    r"|(?:\d{4}|XXXX|\d{2,3})(?:-(?:\d\d|XX|W\d\d|WXX|SP|SU|FA|WI|Q[1-4X]|H[12X])"
    r"(?:-(?:\d\d|XX|\d|WE))?)?(?:T(?:MO|AF|EV|NI|\d\d(?::\d\d)?))?)"
)
FILES = sorted(
    p.name
    for p in resources.files("readingroom.timeline").joinpath("data").iterdir()
    if p.name.startswith("tagger-")
)


@pytest.mark.parametrize("name", FILES)
def test_every_file_parses_without_repeated_keys(name):
    # tomllib refuses a key defined twice, so parsing is the uniqueness check.
    text = resources.files("readingroom.timeline").joinpath(f"data/{name}").read_text("utf-8")
    assert tomllib.loads(text)


def test_the_expected_files_are_there():
    assert {"tagger-lexicon.toml", "tagger-patterns.toml"} <= set(FILES)


def _numbers(table, low, high):
    values = DATA.table(table)
    assert values
    assert all(isinstance(v, int) and low <= v <= high for v in values.values()), table


def test_number_tables_are_in_range():
    _numbers("months", 1, 12)
    _numbers("month_abbreviations", 1, 12)
    assert set(DATA.table("months").values()) == set(range(1, 13))
    _numbers("weekdays", 1, 7)
    assert set(DATA.table("weekdays").values()) == set(range(1, 8))
    _numbers("numbers", 1, 100)
    _numbers("ordinals", 1, 31)
    _numbers("quarters", 1, 4)
    _numbers("decade_words", 1, 9)
    _numbers("offsets", -1, 1)
    _numbers("deictic_days", -2, 2)


def test_keys_are_lower_case_words():
    for name in DATA.lexicon:
        for key in DATA.words(name):
            assert key, name
            assert key == key.lower().strip(), (name, key)


def test_normalised_values_follow_timex3_syntax():
    for name in ("set_adverbs", "references"):
        for word, value in DATA.table(name).items():
            assert TIMEX3_VALUE.fullmatch(value), (name, word, value)
    assert set(DATA.table("parts_of_day").values()) <= {"MO", "AF", "EV", "NI"}
    assert set(DATA.table("seasons").values()) == {"SP", "SU", "FA", "WI"}
    assert set(DATA.table("units").values()) <= {"Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE",
                                                  "Q", "WE"}  # fmt: skip
    modifiers = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                 "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}  # fmt: skip
    assert set(DATA.table("modifiers").values()) <= modifiers


def test_every_pattern_compiles_and_every_rule_has_its_normalisation():
    names = [rule.name for rule in DATA.rules]
    assert len(names) == len(set(names))
    assert set(names) == set(tagger._FUNCTIONS)
    for rule in DATA.rules:
        assert "{" not in re.sub(r"\{\d+(?:,\d*)?\}", "", rule.pattern), rule.name
        re.compile(rule.pattern)
        assert rule.first, rule.name
    for piece in DATA.pieces.values():
        re.compile(DATA.expand(piece))


def test_followers_are_words():
    for word, followers in {**DATA.followers, "#": DATA.number_followers}.items():
        assert all(re.fullmatch(r"[a-z0-9']+", f) for f in followers), word


def test_feasts_are_days_of_the_year_or_days_from_easter():
    for feast, day in DATA.table("fixed_feasts").items():
        assert re.fullmatch(r"\d\d-\d\d", day), feast
        assert is_calendar_date(f"2000-{day}"), feast
    _numbers("movable_feasts", -50, 70)
    assert set(DATA.words("feast_months")) <= set(DATA.table("movable_feasts"))
