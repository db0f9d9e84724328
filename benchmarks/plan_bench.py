"""How fast the scheduler plans: a 1,000-work guide over a year, in the core.

Target (issue 11): under 50 ms a plan. The readings are made up but shaped like a
long course guide's: four in five a part to read (an article or chapters, 8 to 60
pages, numbered as in the book), one in five a whole book (100 to 500 pages, a third
of those with chapter starts). Each pace is timed over several runs and the median kept:
pages a day, hours a week with weekends off, and a finish-by date a year on (the
smallest load that meets it is searched for). As a baseline in the same run, the time
to build the readings themselves.
"""

from __future__ import annotations

import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from readingroom.reading.plans import DaysOff, Pace, Reading, make_plan

START = date(2027, 1, 4)
RUNS = 21


def readings(count: int, seed: int = 11) -> list[Reading]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        chapters: tuple[int, ...] = ()
        if n % 5:
            pages, first = rng.randint(8, 60), rng.randint(1, 300)
        else:
            pages, first = rng.randint(100, 500), 1
            if n % 3 == 0:
                chapters = tuple(sorted(rng.sample(range(2, pages + 1), k=12)))
        made.append(Reading(f"Work {n}", pages, first, chapters, key=f"work-{n}"))
    return made


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    works = readings(1000)
    pages = sum(r.pages for r in works)
    year_on = START + timedelta(days=365)
    weekends = DaysOff.parse("sat,sun")
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"1,000 works, {pages:,} pages; median of {RUNS} runs")
    print(f"  building the readings (baseline): {median_ms(lambda: readings(1000)):.1f} ms")
    cases = {
        "finish by a date a year on": (Pace(finish_by=year_on), DaysOff()),
        f"{round(pages / 365)} pages a day": (Pace(pages_per_day=round(pages / 365)), DaysOff()),
        "15 hours a week, weekends off": (Pace(hours_per_week=15), weekends),
    }
    for name, (pace, days_off) in cases.items():
        plan = make_plan(works, START, pace, days_off)
        took = median_ms(
            lambda pace=pace, days_off=days_off: make_plan(works, START, pace, days_off)
        )
        print(f"  {name}: {took:.1f} ms ({len(plan.sessions):,} sessions, to {plan.finish})")


if __name__ == "__main__":
    main()
