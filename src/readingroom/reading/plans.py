"""Reading plans: a guide's pages spread over the days a reader has, as sessions.

A plan starts from the readings (each a work or the part of it a guide asks for, with
its page count and, where known, where its chapters start), a start date, the days
off, and one of three paces: pages a day, hours a week (turned into pages by the
reader's speed) or a date to finish by (the smallest daily load that fits, found by
trying). Each reading day takes the day's load of pages in the guide's order. A day
ends at the end of a work or chapter when one is near, so no session stops a page
short of one or reads two pages into the next: it finishes the work or chapter when
the rest is at most a quarter of the day's load, and stops at its end when that
comes in the day's last quarter. Otherwise the day ends at its load, mid-work, and
the next day takes up there. A long work is thus split by pages, a short one read
whole.

Pure Python: the web pages, the calendar feed and ``readingroom plan`` share it.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from readingroom.formats.bibliographic import range_of
from readingroom.formats.records import ListEntry

from .time import DEFAULT_SPEED, ReadingSpeed, format_duration, reading_minutes

# How far a day may run over or stop short of its load to end at a boundary.
BOUNDARY_SHARE = 0.25
# A finish-by date asking for more than this much reading a day is not a plan.
MOST_HOURS_A_DAY = 16
# Ten years of daily sessions: a plan longer than that is a slip in its pace.
MOST_SESSIONS = 3653
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A weekday by its name or its first three letters: "sat", "saturday".
_WEEKDAY_NAMES = {name: n for n, day in enumerate(WEEKDAYS) for name in (day, day[:3])}


class PlanError(ValueError):
    """A plan that cannot be made as asked; the message says why, and what would do."""


@dataclass(frozen=True)
class Reading:
    """Something to read, in the guide's order: a work, or the part of it asked for.

    ``first_page`` numbers its first page as the book does (a part "pp. 12–40" starts
    at 12); ``chapters`` are the page numbers where chapters begin, where known;
    ``resumed`` marks the rest of a reading begun, which is never read "whole";
    ``part`` is the part as the guide gives it ("pp. 12–40", "Chapter 2").
    """

    title: str
    pages: int
    first_page: int = 1
    chapters: tuple[int, ...] = ()
    key: str = ""
    section: str = ""
    resumed: bool = False
    part: str = ""

    @property
    def last_page(self) -> int:
        return self.first_page + self.pages - 1


def reading_of(entry: ListEntry, key: str = "") -> Reading | None:
    """What a guide's entry gives to read: the part it asks for when that has a page
    count (a range "pp. 12–40" keeps the book's numbering), else the whole work; None
    when neither has one."""
    if entry.part_pages:
        pages = range_of(entry.part)
        first = pages[0] if pages else 1
        return Reading(
            entry.title,
            entry.part_pages,
            first,
            key=key,
            section=entry.section_path or "",
            part=entry.part or "",
        )
    if entry.pages:
        return Reading(entry.title, entry.pages, key=key, section=entry.section_path or "")
    return None


@dataclass(frozen=True)
class DaysOff:
    """Weekdays (0 is Monday) and dates on which nothing is scheduled."""

    weekdays: frozenset[int] = frozenset()
    dates: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if len(self.weekdays) >= 7:
            raise PlanError("every weekday is a day off: no day is left to read on")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and (day.weekday() in self.weekdays or day in self.dates)

    @classmethod
    def parse(cls, text: str) -> DaysOff:
        """'sat,sun,2026-12-25': weekday names (three letters or whole) and ISO dates."""
        weekdays: set[int] = set()
        dates: set[date] = set()
        for item in (piece.strip().casefold() for piece in text.split(",")):
            if not item:
                continue
            if item in _WEEKDAY_NAMES:
                weekdays.add(_WEEKDAY_NAMES[item])
                continue
            try:
                dates.add(date.fromisoformat(item))
            except ValueError:
                raise PlanError(
                    f"{item!r} is not a day off: give weekdays (mon … sun) or dates (2026-12-25)"
                ) from None
        return cls(frozenset(weekdays), frozenset(dates))


@dataclass(frozen=True)
class Pace:
    """Exactly one of: pages a day, hours a week, or a date to finish by."""

    pages_per_day: float | None = None
    hours_per_week: float | None = None
    finish_by: date | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.pages_per_day, self.hours_per_week, self.finish_by) if v]
        if len(given) != 1:
            raise PlanError("give one pace: pages a day, hours a week or a date to finish by")
        for value in (self.pages_per_day, self.hours_per_week):
            if value is not None and not (0 < value < 1_000_000):
                raise PlanError(f"a pace of {value:g} is not a pace: give a positive number")


@dataclass(frozen=True)
class Portion:
    """Part of one reading in one session: its pages ``first`` to ``last``."""

    reading: int  # its index among the plan's readings
    title: str
    first: int
    last: int
    whole: bool  # the reading entire
    ends_reading: bool
    part: str = ""  # the guide's part, when the reading is one

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        """'Memoirs of a Revolutionary, pp. 1–30'; a reading read whole is its title, with
        the guide's part when it is one ('Essays, pp. 12–40', 'Essays, Chapter 2')."""
        if self.whole:
            return f"{self.title}, {self.part}" if self.part else self.title
        pages = f"p. {self.first}" if self.first == self.last else f"pp. {self.first}–{self.last}"
        return f"{self.title}, {pages}"


@dataclass(frozen=True)
class Session:
    day: date
    portions: tuple[Portion, ...]
    minutes: float

    @property
    def pages(self) -> int:
        return sum(p.pages for p in self.portions)

    @property
    def label(self) -> str:
        return "; ".join(p.label for p in self.portions)


@dataclass(frozen=True)
class Plan:
    readings: tuple[Reading, ...]
    sessions: tuple[Session, ...]
    start: date
    pages_per_day: int  # the daily load the plan was cut to
    days_off: DaysOff = field(default_factory=DaysOff)
    speed: ReadingSpeed = DEFAULT_SPEED

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.readings)

    @property
    def finish(self) -> date | None:
        return self.sessions[-1].day if self.sessions else None

    @property
    def minutes(self) -> float:
        return reading_minutes(self.pages, self.speed)

    def summary(self) -> str:
        if not self.sessions:
            return "nothing to read: no reading has a page count"
        days = len(self.sessions)
        daily = format_duration(reading_minutes(self.pages_per_day, self.speed))
        return (
            f"{self.pages:,} pages in {days:,} session{'s' if days != 1 else ''} of about "
            f"{self.pages_per_day:,} pages ({daily}), {self.start.isoformat()} to {self.finish}"
        )


def _boundaries(readings: Sequence[Reading]) -> list[int]:
    """Where works and chapters end, as offsets into all the plan's pages."""
    ends: list[int] = []
    offset = 0
    for reading in readings:
        for chapter in reading.chapters:
            inside = chapter - reading.first_page
            if 0 < inside < reading.pages:
                ends.append(offset + inside)
        offset += reading.pages
        ends.append(offset)
    return sorted(set(ends))


def reading_days(start: date, days_off: DaysOff) -> Iterator[date]:
    day = start
    while True:
        if day not in days_off:
            yield day
        day += timedelta(days=1)


def _cuts(total: int, load: int, boundaries: list[int]) -> list[int]:
    """Where each day ends, as offsets into the pages: the day's load, moved to a
    work's or chapter's end within a quarter of the load either side."""
    slack = math.floor(load * BOUNDARY_SHARE)
    cuts: list[int] = []
    done = 0
    while done < total:
        target = done + load
        if target >= total:
            cuts.append(total)
            break
        after = bisect_right(boundaries, target)  # the first boundary past the target
        before = after - 1
        if after < len(boundaries) and boundaries[after] - target <= slack:
            end = boundaries[after]  # finish the work or chapter
        elif before >= 0 and boundaries[before] > done and target - boundaries[before] <= slack:
            end = boundaries[before]  # stop at its end
        else:
            end = target
        cuts.append(end)
        done = end
    return cuts


def _portions(
    readings: Sequence[Reading], starts: list[int], start: int, end: int
) -> tuple[Portion, ...]:
    """The readings' pages between two offsets, a portion for each reading touched
    (``starts``: each reading's first offset, then the end of the last)."""
    portions = []
    index = bisect_right(starts, start) - 1
    while index < len(readings) and starts[index] < end:
        reading = readings[index]
        low = max(start, starts[index]) - starts[index]
        high = min(end, starts[index] + reading.pages) - starts[index]
        portions.append(
            Portion(
                index,
                reading.title,
                reading.first_page + low,
                reading.first_page + high - 1,
                whole=low == 0 and high == reading.pages and not reading.resumed,
                ends_reading=high == reading.pages,
                part=reading.part,
            )
        )
        index += 1
    return tuple(portions)


def _schedule(
    readings: Sequence[Reading], load: int, start: date, days_off: DaysOff, speed: ReadingSpeed
) -> tuple[Session, ...]:
    starts = [0]
    for reading in readings:
        starts.append(starts[-1] + reading.pages)
    cuts = _cuts(starts[-1], load, _boundaries(readings))
    sessions = []
    done = 0
    for end, day in zip(cuts, reading_days(start, days_off), strict=False):
        portions = _portions(readings, starts, done, end)
        sessions.append(Session(day, portions, reading_minutes(end - done, speed)))
        done = end
    return tuple(sessions)


def _days_until(start: date, finish: date, days_off: DaysOff) -> int:
    whole_weeks, rest = divmod((finish - start).days + 1, 7)
    days = whole_weeks * (7 - len(days_off.weekdays))
    days += sum(
        1 for n in range(rest) if (start + timedelta(days=n)).weekday() not in days_off.weekdays
    )
    return days - sum(
        1 for d in days_off.dates if start <= d <= finish and d.weekday() not in days_off.weekdays
    )


def _load_to_finish(
    readings: Sequence[Reading], start: date, finish: date, days_off: DaysOff, speed: ReadingSpeed
) -> int:
    """The smallest daily load whose plan ends by ``finish``."""
    total = sum(r.pages for r in readings)
    days = _days_until(start, finish, days_off) if finish >= start else 0
    if days <= 0:
        raise PlanError(
            f"no day to read on between {start} and {finish}: choose a later finish date"
        )
    most = math.floor(MOST_HOURS_A_DAY * 60 / reading_minutes(1, speed))
    low = math.ceil(total / days)
    if low > most:
        raise PlanError(
            f"finishing {total:,} pages by {finish} needs {low:,} pages a day "
            f"({format_duration(reading_minutes(low, speed))} of reading on each of {days:,} "
            f"days); choose a later date, or fewer readings"
        )
    boundaries = _boundaries(readings)
    high = max(low, total)
    while low < high:  # the loads that fit are those from some load up
        middle = (low + high) // 2
        if len(_cuts(total, middle, boundaries)) <= days:
            high = middle
        else:
            low = middle + 1
    return low


def make_plan(
    readings: Sequence[Reading],
    start: date,
    pace: Pace,
    days_off: DaysOff | None = None,
    speed: ReadingSpeed = DEFAULT_SPEED,
) -> Plan:
    """The sessions that read ``readings`` in order from ``start`` at ``pace``."""
    days_off = days_off or DaysOff()
    readings = tuple(r for r in readings if r.pages > 0)
    if pace.finish_by is not None:
        load = _load_to_finish(readings, start, pace.finish_by, days_off, speed)
    elif pace.hours_per_week is not None:
        days_a_week = 7 - len(days_off.weekdays)
        minutes = pace.hours_per_week * 60 / days_a_week
        load = max(1, round(minutes / reading_minutes(1, speed)))
    else:
        load = max(1, round(pace.pages_per_day or 0))
    total = sum(r.pages for r in readings)
    # A day reads at most its load and a quarter: fewer sessions than this cannot be.
    fewest = math.ceil(total / (load + math.floor(load * BOUNDARY_SHARE)))
    if fewest > MOST_SESSIONS:
        raise PlanError(
            f"at {load:,} page{'s' if load != 1 else ''} a day, {total:,} pages take over "
            f"{MOST_SESSIONS:,} sessions (some ten years): choose more pages a day"
        )
    try:
        sessions = _schedule(readings, load, start, days_off, speed) if readings else ()
    except OverflowError:  # the days ran past the year 9999
        raise PlanError("the plan runs past the last date a calendar can hold") from None
    return Plan(readings, sessions, start, load, days_off, speed)


@dataclass(frozen=True)
class Standing:
    """Where a reader is against their plan: pages it had them read before today, and
    pages they have read."""

    scheduled: int
    read: int
    pages_per_day: int

    @property
    def behind(self) -> int:
        """Pages behind the plan; negative when ahead."""
        return self.scheduled - self.read

    def describe(self) -> str:
        """'on schedule', '45 pages behind (about 2 days)', '10 pages ahead (under a day)'."""
        if self.behind == 0:
            return "on schedule"
        pages = abs(self.behind)
        days = pages / max(self.pages_per_day, 1)
        said = (
            "under a day"
            if days < 1
            else f"about {round(days):,} day{'s' if round(days) != 1 else ''}"
        )
        side = "behind" if self.behind > 0 else "ahead"
        return f"{pages:,} page{'s' if pages != 1 else ''} {side} ({said})"


def standing(plan: Plan, read: Sequence[int], today: date) -> Standing:
    """The reader's standing on ``today``: ``read`` is the pages read of each reading."""
    scheduled = sum(s.pages for s in plan.sessions if s.day < today)
    done = sum(min(max(n, 0), r.pages) for n, r in zip(read, plan.readings, strict=False))
    return Standing(scheduled, done, plan.pages_per_day)


def replan(plan: Plan, read: Sequence[int], today: date, pace: Pace) -> Plan:
    """The rest of the plan from ``today``, after the pages read of each reading: what a
    reader who fell behind or read ahead has left, cut to the same pace (or, for a
    finish-by date, to the load that still meets it)."""
    left = []
    for reading, n in zip(plan.readings, [*read, *[0] * len(plan.readings)], strict=False):
        n = min(max(n, 0), reading.pages)
        if n < reading.pages:
            left.append(
                Reading(
                    reading.title,
                    reading.pages - n,
                    reading.first_page + n,
                    reading.chapters,
                    reading.key,
                    reading.section,
                    resumed=reading.resumed or n > 0,
                    part=reading.part,
                )
            )
    return make_plan(left, today, pace, plan.days_off, plan.speed)


@dataclass(frozen=True)
class MeetingReading:
    """What a study group reads for one meeting: the portions since the last one."""

    day: date
    portions: tuple[Portion, ...]

    @property
    def pages(self) -> int:
        return sum(p.pages for p in self.portions)


def meeting_readings(readings: Sequence[Reading], meetings: Sequence[date]) -> list[MeetingReading]:
    """The readings cut into one share per meeting, in order: even shares of the pages,
    each ending at a work's or chapter's end when one lies within a quarter of a share
    of where it would fall. Every page is read for exactly one meeting; a meeting can
    get nothing only when there are more meetings than pages."""
    days = sorted(set(meetings))
    readings = tuple(r for r in readings if r.pages > 0)
    if not days:
        raise PlanError("a group plan needs at least one meeting date")
    if not readings:  # nothing has a page count: meetings with nothing to read
        return [MeetingReading(day, ()) for day in days]
    starts = [0]
    for reading in readings:
        starts.append(starts[-1] + reading.pages)
    total = starts[-1]
    share = total / len(days)
    slack = share * BOUNDARY_SHARE
    boundaries = _boundaries(readings)
    ends: list[int] = []
    done = 0
    for n in range(1, len(days) + 1):
        target = round(n * share)
        end = target
        if n < len(days):
            near = [b for b in boundaries if done < b < total and abs(b - target) <= slack]
            if near:
                end = min(near, key=lambda b: (abs(b - target), b))
        end = max(end, done)
        ends.append(end)
        done = end
    shares = []
    done = 0
    for day, end in zip(days, ends, strict=True):
        shares.append(MeetingReading(day, _portions(readings, starts, done, end)))
        done = end
    return shares


def pages_read(reading: Reading, furthest: int | None) -> int:
    """The pages of ``reading`` read by a reader whose furthest page (as the book
    numbers it) is ``furthest``: for a part "pp. 12–40", page 25 reached is 14 read."""
    if furthest is None:
        return 0
    return min(max(furthest - reading.first_page + 1, 0), reading.pages)


def long_date(day: date) -> str:
    """'5 December 2026'."""
    return f"{day.day} {day:%B %Y}"


def _days(n: int) -> str:
    return f"{n:,} day{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class Progress:
    """A plan as it stands for a reader today: the days before ``begin`` as planned,
    the rest recalculated from ``begin`` for the pages still unread."""

    plan: Plan
    standing: Standing
    rest: Plan
    begin: date
    finish_by: date | None = None
    missed: bool = False  # the finish-by date can no longer be met: the pace was kept

    @property
    def sessions(self) -> tuple[Session, ...]:
        kept = tuple(s for s in self.plan.sessions if s.day < self.begin)
        return kept + self.rest.sessions

    @property
    def finish(self) -> date | None:
        return self.rest.finish

    def describe(self) -> str:
        """'45 pages behind (about 2 days): the rest now runs to 12 January 2027, 3 days
        later than planned', 'on schedule: …, as planned', 'all 1,256 pages read'."""
        if self.rest.finish is None:
            return f"all {self.plan.pages:,} page{'s' if self.plan.pages != 1 else ''} read"
        said = self.standing.describe()
        finish = long_date(self.rest.finish)
        if self.missed and self.finish_by is not None:
            return (
                f"{said}: {long_date(self.finish_by)} can no longer be met; at "
                f"{self.rest.pages_per_day:,} pages a day the rest runs to {finish}"
            )
        if self.finish_by is not None and self.rest.pages_per_day != self.plan.pages_per_day:
            return (
                f"{said}: the rest now takes {self.rest.pages_per_day:,} pages a day (was "
                f"{self.plan.pages_per_day:,}) to finish by {long_date(self.finish_by)}"
            )
        planned = self.plan.finish or self.rest.finish
        later = (self.rest.finish - planned).days
        if later == 0:
            return f"{said}: the rest runs to {finish}, as planned"
        side = "later" if later > 0 else "earlier"
        return f"{said}: the rest now runs to {finish}, {_days(abs(later))} {side} than planned"


def progress(plan: Plan, read: Sequence[int], today: date, pace: Pace) -> Progress:
    """Where a reader stands on ``today`` (``read``: the pages read of each reading) and
    the rest of the plan recalculated. A reader who has read today's session too stands
    against the plan to the end of today, and the rest starts tomorrow."""
    now = standing(plan, read, today)
    todays = sum(s.pages for s in plan.sessions if s.day == today)
    begin = today
    if todays and now.read >= now.scheduled + todays:
        now = Standing(now.scheduled + todays, now.read, plan.pages_per_day)
        begin = today + timedelta(days=1)
    begin = max(begin, plan.start)
    try:
        rest = replan(plan, read, begin, pace)
        missed = False
    except PlanError:  # a finish-by date passed or out of reach: keep the plan's load
        rest = replan(plan, read, begin, Pace(pages_per_day=plan.pages_per_day))
        missed = True
    return Progress(plan, now, rest, begin, pace.finish_by, missed)
