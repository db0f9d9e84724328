"""Life events' dates as people write them: "March 1917", "spring 1921", "early 1920s".

Stored dates are partial ISO dates (a year, a month or a day) with a precision and a
TIMEX3 modifier beside them; this module words them for readers, and nothing else
(the machine-readable form stays in ``<time datetime=…>``). One order throughout:
day, month, year ("12 March 1917"). A range shares what its ends share ("March–May
1920", "3–9 May 1920"); its dash is spaced where an end has a space in it
("November 1920 – February 1921").
"""

from __future__ import annotations

import re

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
# A season's first and last months, as calendar.span writes them.
_SEASONS = {(3, 5): "spring", (6, 8): "summer", (9, 11): "autumn", (12, 2): "winter"}
_BEFORE = {
    "APPROX": "about {}",
    "START": "early {}",
    "MID": "mid-{}",
    "END": "late {}",
    "BEFORE": "before {}",
    "AFTER": "after {}",
    "ON_OR_BEFORE": "by {}",
    "ON_OR_AFTER": "{} or later",
    "LESS_THAN": "{} (or shorter)",
    "EQUAL_OR_LESS": "{} (or shorter)",
    "MORE_THAN": "{} (or longer)",
    "EQUAL_OR_MORE": "{} (or longer)",
}
# Early, mid and late say nothing more of a single day.
_WITHIN = frozenset({"START", "MID", "END"})


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    match = _ISO.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(p) if p else None for p in match.groups())
    assert year is not None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return year, month, day


def human_date(value: str) -> str:
    """One partial ISO date in words: "1909", "March 1917", "12 March 1917"; anything
    else as it is."""
    parts = _parts(value)
    if parts is None:
        return value
    year, month, day = parts
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _join(first: str, last: str) -> tuple[str, str, str]:
    return first, " – " if " " in first or " " in last else "–", last


def _named(start: str, end: str, precision: str | None) -> str | None:
    """A decade, a century or a season, where the precision says the range is one."""
    first, last = _parts(start), _parts(end)
    if first is None or last is None:
        return None
    (y1, m1, d1), (y2, m2, d2) = first, last
    if precision == "decade" and m1 is None and m2 is None and y1 % 10 == 0 and y2 == y1 + 9:
        return f"{y1}s"
    if precision == "century" and m1 is None and m2 is None and y1 % 100 == 0 and y2 == y1 + 99:
        return f"{_ordinal(y1 // 100 + 1)} century"
    if precision == "season" and m1 and m2 and d1 is None and d2 is None:
        season = _SEASONS.get((m1, m2))
        if season == "winter" and y2 == y1 + 1:
            return f"winter {y1}–{str(y2)[-2:]}"
        if season and season != "winter" and y1 == y2:
            return f"{season} {y1}"
    return None


def _range(start: str, end: str) -> tuple[str, str, str]:
    """A range's first end, what joins them, and its last end, in words."""
    first, last = _parts(start), _parts(end)
    if first is None or last is None:
        return _join(human_date(start), human_date(end))
    (y1, m1, d1), (y2, m2, d2) = first, last
    if (m1 is None) != (m2 is None) or (d1 is None) != (d2 is None):
        # Ends of different precision: one may lie within the other's year.
        if y1 == y2 and m2 is None:
            return human_date(start), " – ", f"later in {y1}"
        if y1 == y2 and m1 is None and m2 is not None:
            return str(y1), ", until ", human_date(end).removesuffix(f" {y2}")
        return _join(human_date(start), human_date(end))
    if m1 is None or m2 is None:
        return _join(str(y1), str(y2))
    if y1 != y2:
        return _join(human_date(start), human_date(end))
    if d1 is None or d2 is None:
        return MONTHS[m1 - 1], "–", f"{MONTHS[m2 - 1]} {y1}"
    if m1 == m2:
        return str(d1), "–", f"{d2} {MONTHS[m1 - 1]} {y1}"
    return f"{d1} {MONTHS[m1 - 1]}", " – ", f"{d2} {MONTHS[m2 - 1]} {y1}"


def human_period(
    start: str | None,
    end: str | None = None,
    modifier: str | None = None,
    precision: str | None = None,
) -> str:
    """How a life event's dates read: "1909", "late 1921", "early 1920s", "spring
    1921", "1936–1940", "March–May 1920", "3–9 May 1920", or "undated".

    ``modifier`` is TIMEX3's (APPROX, START, END …); ``precision`` (day, month, year,
    season, decade, century …) says whether a range is a season, a decade or a
    century, which its ends alone do not ("1920" to "1929" may be ten years).
    """
    return "".join(text for text, _ in period_parts(start, end, modifier, precision))


def period_parts(
    start: str | None,
    end: str | None = None,
    modifier: str | None = None,
    precision: str | None = None,
) -> list[tuple[str, str | None]]:
    """human_period's words in pieces, each with the ISO date it says, if it says one:
    [("about ", None), ("March", "1920-03"), ("–", None), ("May 1920", "1920-05")],
    for ``<time datetime=…>`` around each date."""
    if not start:
        return [("undated", None)]
    single = not end or end == start
    parts: list[tuple[str, str | None]]
    named = None if single or end is None else _named(start, end, precision)
    if single or named:
        parts = [(named or human_date(start), start if _parts(start) else None)]
    else:
        assert end is not None
        first, joint, last = _range(start, end)
        parts = [(first, start), (joint, None), (last, end)]
        parts = [(text, iso if _parts(iso or "") else None) for text, iso in parts]
    pattern = _BEFORE.get(modifier or "")
    if pattern is None:
        return parts
    day = _parts(start)
    if modifier in _WITHIN and single and day is not None and day[2] is not None:
        return parts
    before, after = pattern.split("{}")
    return [(before, None)] * bool(before) + parts + [(after, None)] * bool(after)
