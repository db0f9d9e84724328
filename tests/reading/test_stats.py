"""Statistics by hand: periods, streaks and goals on days chosen to cross their edges."""

from __future__ import annotations

import re
from datetime import date

from readingroom.reading.charts import Bar, bar_chart
from readingroom.reading.stats import Sitting, goal_standing, streaks, totals


def test_weeks_start_on_monday_and_empty_weeks_are_kept():
    sittings = [
        Sitting(date(2026, 11, 30), 30, 40),  # Monday
        Sitting(date(2026, 12, 6), 20),  # Sunday of the same week: minutes at the speed
        Sitting(date(2026, 12, 21), 10, 15),  # two weeks on
    ]
    weeks = totals(sittings, "week", finished=[date(2026, 12, 2)])
    assert [(w.start, w.pages, w.sittings, w.finished) for w in weeks] == [
        (date(2026, 11, 30), 50, 2, 1),
        (date(2026, 12, 7), 0, 0, 0),
        (date(2026, 12, 14), 0, 0, 0),
        (date(2026, 12, 21), 10, 1, 0),
    ]
    # 20 pages at 275 words a page and 250 a minute: 22 minutes.
    assert weeks[0].minutes == 62
    assert weeks[0].label == "week of 30 Nov 2026"


def test_months_and_years_run_to_the_day_asked():
    sittings = [Sitting(date(2026, 11, 30), 30, 60), Sitting(date(2027, 1, 2), 5, 6)]
    months = totals(sittings, "month", until=date(2027, 3, 15))
    assert [(m.label, m.pages) for m in months] == [
        ("Nov 2026", 30),
        ("Dec 2026", 0),
        ("Jan 2027", 5),
        ("Feb 2027", 0),
        ("Mar 2027", 0),
    ]
    years = totals(sittings, "year")
    assert [(y.label, y.pages, y.hours) for y in years] == [("2026", 30, 1.0), ("2027", 5, 0.1)]
    assert totals([], "year") == []


def test_a_streak_lasts_until_a_day_is_missed():
    days = [date(2026, 12, d) for d in (1, 2, 3, 5, 6, 7, 8, 10, 11)]
    assert streaks(days, today=date(2026, 12, 11)) == streaks(days, today=date(2026, 12, 12))
    run = streaks(days, today=date(2026, 12, 12))
    assert (run.current, run.longest, run.longest_end) == (2, 4, date(2026, 12, 8))
    assert streaks(days, today=date(2026, 12, 13)).current == 0
    assert streaks([], today=date(2026, 12, 13)).longest == 0


def test_a_goal_is_on_track_when_done_keeps_up_with_the_days_gone():
    # 31 March is day 90 of 365: a goal of 3,650 pages expects 900 by then.
    behind = goal_standing("pages", 3650, 2026, 800, date(2026, 3, 31))
    assert (behind.expected, behind.on_track) == (900, False)
    assert behind.describe() == "800 of 3,650 pages: behind by 100 pages"
    ahead = goal_standing("works", 12, 2026, 4, date(2026, 3, 31))
    assert ahead.on_track
    assert ahead.describe() == "4 of 12 works: on track"
    assert goal_standing("hours", 100, 2026, 120, date(2026, 6, 1)).describe() == (
        "120.0 of 100 hours: reached"
    )
    assert goal_standing("pages", 100, 2027, 0, date(2026, 12, 1)).on_track  # not begun


def test_the_chart_says_what_it_shows_and_each_bar_its_value():
    svg = bar_chart(
        [Bar("Nov 2026", 30, "30 pages"), Bar("Dec <2026>", 60, "60 pages")],
        "Pages by month",
        "Pages read each month, from Nov 2026 to Dec 2026.",
        "months",
    )
    assert svg.startswith('<svg class="bar-chart"')
    assert 'role="img" aria-labelledby="months-title months-desc"' in svg
    assert "<title>Dec &lt;2026&gt;: 60 pages</title>" in svg
    heights = [float(h) for h in re.findall(r'height="([\d.]+)"', svg)]
    assert heights == [72.0, 144.0]  # the tallest bar takes the full 144 px


def test_a_sitting_at_the_calendars_end_ends_the_periods_there():
    years = totals([Sitting(date(9998, 6, 1), 10), Sitting(date(9999, 12, 31), 5)], "year")
    assert [(y.label, y.pages) for y in years] == [("9998", 10), ("9999", 5)]
    assert totals([Sitting(date(9999, 12, 31), 5)], "month")[-1].label == "Dec 9999"
