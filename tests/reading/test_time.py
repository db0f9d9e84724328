import pytest

from readingroom.reading import ReadingSpeed, format_duration, reading_minutes


def test_defaults():
    assert reading_minutes(250) == 275


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0.2, "under a minute"),
        (44.6, "about 45 min"),
        (520, "about 8 h 40 min"),
        (1381.6, "about 23 h"),
        (60, "about 1 h"),
        (3_059_096, "about 50,985 h"),
    ],
)
def test_format(minutes, text):
    assert format_duration(minutes) == text


def test_custom_speed():
    assert reading_minutes(100, ReadingSpeed(300, 200)) == 150
