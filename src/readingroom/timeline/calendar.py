"""Partial ISO dates as TIMEX3 writes them, and arithmetic on them.

A value is a year ("1921"), a month ("1928-03"), a day ("1928-03-14"), an ISO
week ("1998-W07"), a quarter ("1989-Q3"), a half ("1989-H2"), a season
("1936-SP"), a decade ("192") or a century ("19", as TIMEX3 writes it, or "19XX").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# A year, a month or a day: the values dates of life events take.
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@lru_cache(maxsize=4096)
def shift(value: str, amount: int, unit: str) -> str | None:
    """A value moved by amount units (Y, M, W, D, Q), at the value's own precision."""
    parts = _ISO_DATE.fullmatch(value)
    if parts is None:
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if quarter and unit in ("Q", "Y"):
            index = int(quarter[1]) * 4 + int(quarter[2]) - 1 + amount * (4 if unit == "Y" else 1)
            return f"{index // 4}-Q{index % 4 + 1}"
        return None
    year, month, day = (int(p) if p else None for p in parts.groups())
    assert year is not None
    if unit == "Y":
        return str(year + amount) + value[4:]
    if month is None:
        return None
    if unit == "M":
        y, m = add_months(year, month, amount)
        return f"{y:04d}-{m:02d}" + (
            f"-{min(day, calendar.monthrange(y, m)[1]):02d}" if day else ""
        )
    if day is None:
        return None
    days = {"D": 1, "W": 7}.get(unit)
    if days is None:
        return None
    moved = date(year, month, day) + timedelta(days=amount * days)
    return moved.isoformat()


def easter(year: int) -> date:
    """Western Easter Sunday: by the anonymous Gregorian computus (Meeus/Jones/Butcher)
    from the reform of 1582 on, by the Julian computus before it (a Julian date)."""
    golden = year % 19
    if year < 1583:
        total = (19 * golden + 15) % 30
        total += (2 * (year % 4) + 4 * (year % 7) - total + 34) % 7
        return date(year, (total + 114) // 31, (total + 114) % 31 + 1)
    century, rest = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon + 15) % 30
    leap_years, year_rest = divmod(rest, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    correction = (golden + 11 * epact + 22 * weekday) // 451
    total = epact + weekday - 7 * correction + 114
    return date(year, total // 31, total % 31 + 1)


def is_calendar_date(value: str) -> bool:
    """Whether a value is a year, a month or a day that exists ("1928-02-30" is not)."""
    parts = _ISO_DATE.fullmatch(value)
    if parts is None:
        return False
    year, month, day = (int(p) if p else 1 for p in parts.groups())
    try:
        date(max(year, 1), month, day)
    except ValueError:
        return False
    return True


def ends_before_start(start: str, end: str) -> bool:
    """Whether a range runs backwards, compared at the coarser of the two precisions
    (1917 to 1917-03 does not)."""
    common = min(len(start), len(end))
    return end[:common] < start[:common]


def year_of(value: str | None) -> int | None:
    match = re.match(r"(\d{4})", value or "")
    return int(match[1]) if match else None


@lru_cache(maxsize=4096)
def span(value: str) -> tuple[str, str] | None:
    """The first and last day-precision-or-coarser ISO dates a value covers, for timelines."""
    if _ISO_DATE.fullmatch(value):
        return value, value
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        first = (int(m[2]) - 1) * 3 + 1
        return f"{m[1]}-{first:02d}", f"{m[1]}-{first + 2:02d}"
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return (f"{m[1]}-01", f"{m[1]}-06") if m[2] == "1" else (f"{m[1]}-07", f"{m[1]}-12")
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        first, last = _SEASON_MONTHS[m[2]]
        end_year = int(m[1]) + (1 if m[2] == "WI" else 0)
        return f"{m[1]}-{first:02d}", f"{end_year}-{last:02d}"
    if m := re.fullmatch(r"(\d{3})", value):
        return f"{m[1]}0", f"{m[1]}9"
    if m := re.fullmatch(r"(\d{2})(?:XX)?", value):
        return f"{m[1]}00", f"{m[1]}99"
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return None


@lru_cache(maxsize=4096)
def precision(value: str) -> str:
    """How precise a value is: day, month, year, decade, century, season or quarter."""
    if parts := _ISO_DATE.fullmatch(value):
        return "day" if parts[3] else "month" if parts[2] else "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if value.endswith("XX") or re.fullmatch(r"\d{2}", value):
        return "century"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if "-Q" in value:
        return "quarter"
    return "year"
