"""Ages as dates: "at fifteen", "at the age of six", "aged forty", "until she was
thirteen", "in his late sixties" — once the biography has told the birth year.

An age is the year of the birthday that reached it (birth year + age): a year's
precision is all a biography's "at fifteen" can claim. A decade of life is a span:
"in her twenties" is birth + 20 to birth + 29, its early, middle or late part a
third of that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .segmentation import word_matches
from .tagger import Timex
from .taggerdata import DATA

# A decade of life's part: the years of the decade it covers.
_PARTS = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9), None: (0, 9)}
_TEENS = (13, 19)


@cache
def _number_words() -> dict[str, int]:
    return {word: value for word, value in DATA.table("numbers").items() if " " not in word}


@cache
def _decade_words() -> dict[str, int]:
    return {word: value * 10 for word, value in DATA.table("decade_words").items()}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Point ages, and decades of life; both searched in the lowered text."""
    number = (
        r"(?:\d{1,3}|(?:"
        + "|".join(sorted(_number_words(), key=len, reverse=True))
        + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?)"
    )
    was = r"\s+(?:he|she|they)\s+(?:was|were)\s+"
    # Every alternative starts with a letter, not a group, so that the regex engine
    # skips ahead to the letters they start with: "until" and "till" each mark where
    # they end with an empty group of their own.
    point = re.compile(
        r"(?:at\s+the\s+age\s+of\s+|aged\s+"
        rf"|until(?P<until>){was}|till(?P<till>){was}|when{was}"
        # A bare "at sixteen" only before a comma or the subject: "at 3 p.m." is no age.
        rf"|at\s+(?={number}(?:,|\s+(?:he|she|they)\b)))"
        rf"(?P<number>{number})(?:\s+years?\s+old)?\b"
        r"(?!\s*(?:%|per\b|o'clock|pages|p\.m|a\.m|:|\d))"
    )
    decade = re.compile(
        r"in\s+(?:his|her|their)\s+(?:(?P<part>early|mid|middle|late)[- ]?)?"
        r"(?P<decade>teens|" + "|".join(_decade_words()) + r")\b"
    )
    return point, decade


def _value(number: str) -> int | None:
    if number.isdigit():
        return int(number)
    words = _number_words()
    head, _, unit = number.replace("-", " ").partition(" ")
    if head not in words or head in ("a", "an"):
        return None
    return words[head] + (words.get(unit, 0) if unit else 0)


@dataclass(frozen=True)
class Age:
    """An age the text names: where, how old, and whether it ends a span ("until he
    was thirteen", where "until" stays outside, before it, as with any date)."""

    start: int
    end: int
    years: int

    def as_timex(self, text: str, birth_year: int, anchor: str | None) -> Timex:
        """The age as the date of the year it was reached; `anchor` is the date the
        narrative has reached, where "until he was 13" starts."""
        value = str(birth_year + self.years)
        return Timex(
            self.start, self.end, text[self.start : self.end], "DATE", value, anchor=anchor
        )


def ages(lowered: str) -> list[Age]:
    """Every point age of a (lowered) biography, in order."""
    point, _ = _patterns()
    found = []
    for match in word_matches(point, lowered):
        years = _value(match["number"])
        if years is not None and 0 < years < 120:
            until = max(match.end("until"), match.end("till"))  # -1 when neither
            begin = until + 1 if until >= 0 else match.start()
            found.append(Age(begin, match.end(), years))
    return found


def life_decades(lowered: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first age, last age) of each decade of life the text names."""
    _, decade = _patterns()
    found = []
    for match in word_matches(decade, lowered):
        if match["decade"] == "teens":
            first, last = _TEENS
        else:
            low, high = _PARTS[match["part"]]
            first, last = (
                _decade_words()[match["decade"]] + low,
                _decade_words()[match["decade"]] + high,
            )
        found.append((match.start(), match.end(), first, last))
    return found
