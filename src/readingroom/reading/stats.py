"""A reader's statistics: pages and hours by week, month and year, streaks, goals.

From the sittings a reader logged (a day, the pages read, the minutes when they said)
and the days they finished works. A sitting without minutes counts the time its
pages take at the reader's speed, so hours are never blank. Pure Python: the
statistics page draws these as SVG charts with the numbers in tables beside them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .time import DEFAULT_SPEED, ReadingSpeed, reading_minutes

Span = Literal["week", "month", "year"]
Unit = Literal["pages", "hours", "works"]


@dataclass(frozen=True)
class Sitting:
    day: date
    pages: int
    minutes: float | None = None


@dataclass(frozen=True)
class Period:
    """One week (starting Monday), month or year, and what was read in it."""

    start: date
    span: Span
    pages: int
    minutes: float
    sittings: int
    finished: int

    @property
    def label(self) -> str:
        if self.span == "year":
            return str(self.start.year)
        if self.span == "month":
            return self.start.strftime("%b %Y")
        return f"week of {self.start.day} {self.start:%b %Y}"

    @property
    def hours(self) -> float:
        return self.minutes / 60


def period_start(day: date, span: Span) -> date:
    if span == "year":
        return day.replace(month=1, day=1)
    if span == "month":
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def _next(start: date, span: Span) -> date:
    if span == "year":
        return start.replace(year=start.year + 1)
    if span == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=7)


def totals(
    sittings: Iterable[Sitting],
    span: Span,
    finished: Iterable[date] = (),
    speed: ReadingSpeed = DEFAULT_SPEED,
    until: date | None = None,
) -> list[Period]:
    """Every period from the first sitting (or finished work) to ``until`` (else the
    last), empty ones included so a chart's gaps show."""
    pages: dict[date, int] = defaultdict(int)
    minutes: dict[date, float] = defaultdict(float)
    count: dict[date, int] = defaultdict(int)
    done: dict[date, int] = defaultdict(int)
    for sitting in sittings:
        key = period_start(sitting.day, span)
        pages[key] += sitting.pages
        took = sitting.minutes
        minutes[key] += took if took is not None else reading_minutes(sitting.pages, speed)
        count[key] += 1
    for day in finished:
        done[period_start(day, span)] += 1
    keys = set(pages) | set(done)
    if not keys:
        return []
    start, last = min(keys), max(keys)
    if until is not None:
        last = max(last, period_start(until, span))
    periods = []
    while start <= last:
        periods.append(Period(start, span, pages[start], minutes[start], count[start], done[start]))
        try:
            start = _next(start, span)
        except (OverflowError, ValueError):  # the last period the calendar holds
            break
    return periods


@dataclass(frozen=True)
class Streak:
    """Days in a row with reading: the run that reaches today (or yesterday, not yet
    broken), and the longest, with its last day."""

    current: int
    longest: int
    longest_end: date | None


def streaks(days: Iterable[date], today: date) -> Streak:
    read = sorted(set(days))
    longest, longest_end, run = 0, None, 0
    previous: date | None = None
    for day in read:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run > longest:
            longest, longest_end = run, day
        previous = day
    current = 0
    if read and today - read[-1] <= timedelta(days=1):
        current = run
    return Streak(current, longest, longest_end)


@dataclass(frozen=True)
class GoalStanding:
    """A year's goal against what was done by ``today``: on track when done is at
    least the share of the target that the days gone of the year call for."""

    unit: Unit
    target: int
    done: float
    expected: float

    @property
    def on_track(self) -> bool:
        return self.done >= self.expected

    @property
    def share(self) -> float:
        return min(self.done / self.target, 1.0) if self.target else 1.0

    def describe(self) -> str:
        done = f"{self.done:,.0f}" if self.unit != "hours" else f"{self.done:,.1f}"
        said = f"{done} of {self.target:,} {self.unit}"
        if self.done >= self.target:
            return f"{said}: reached"
        gap = self.expected - self.done
        if gap <= 0:
            return f"{said}: on track"
        gap_said = f"{gap:,.0f}" if self.unit != "hours" else f"{gap:,.1f}"
        return f"{said}: behind by {gap_said} {self.unit}"


def goal_standing(unit: Unit, target: int, year: int, done: float, today: date) -> GoalStanding:
    first, last = date(year, 1, 1), date(year, 12, 31)
    if today < first:
        gone = 0.0
    elif today > last:
        gone = 1.0
    else:
        gone = ((today - first).days + 1) / ((last - first).days + 1)
    return GoalStanding(unit, target, done, target * gone)
