"""A reader's progress against a plan: pages read of each reading, the standing, the rest
recalculated from today, and the sentence that says by how much."""

from __future__ import annotations

from datetime import date

import pytest

from readingroom.reading.plans import Pace, Reading, make_plan, pages_read, progress

START = date(2026, 12, 1)  # a Tuesday
TWO = [Reading("A", 60), Reading("B", 60)]
# 1 Dec A pp. 1–30, 2 Dec A pp. 31–60, 3 Dec B pp. 1–30, 4 Dec B pp. 31–60.


def _labels(sessions):
    return [(s.day.day, s.label) for s in sessions]


@pytest.mark.parametrize(
    ("furthest", "read"), [(None, 0), (5, 0), (11, 0), (12, 1), (25, 14), (40, 29), (900, 29)]
)
def test_pages_read_of_a_part_count_from_its_first_page_and_stop_at_its_last(furthest, read):
    assert pages_read(Reading("Essays", 29, first_page=12), furthest) == read


def test_a_reader_behind_sees_the_rest_run_later_and_by_how_much():
    plan = make_plan(TWO, START, Pace(pages_per_day=30))
    now = progress(plan, [40, 0], date(2026, 12, 3), Pace(pages_per_day=30))
    assert now.standing.behind == 20
    assert _labels(now.rest.sessions) == [
        (3, "A, pp. 41–60; B, pp. 1–10"),
        (4, "B, pp. 11–40"),
        (5, "B, pp. 41–60"),
    ]
    # The days before today as planned, then the rest.
    assert _labels(now.sessions) == [
        (1, "A, pp. 1–30"),
        (2, "A, pp. 31–60"),
        *_labels(now.rest.sessions),
    ]
    assert now.describe() == (
        "20 pages behind (under a day): the rest now runs to 5 December 2026, "
        "1 day later than planned"
    )


def test_todays_reading_done_is_on_schedule_and_the_rest_starts_tomorrow():
    plan = make_plan(TWO, START, Pace(pages_per_day=30))
    now = progress(plan, [60, 0], date(2026, 12, 2), Pace(pages_per_day=30))
    assert now.standing.behind == 0
    assert _labels(now.sessions) == _labels(plan.sessions)
    assert now.describe() == "on schedule: the rest runs to 4 December 2026, as planned"


def test_a_reader_ahead_finishes_earlier():
    plan = make_plan(TWO, START, Pace(pages_per_day=30))
    now = progress(plan, [60, 30], date(2026, 12, 2), Pace(pages_per_day=30))
    assert _labels(now.rest.sessions) == [(3, "B, pp. 31–60")]
    assert now.describe() == (
        "30 pages ahead (about 1 day): the rest now runs to 3 December 2026, "
        "1 day earlier than planned"
    )


def test_before_the_start_the_plan_is_as_made():
    plan = make_plan(TWO, START, Pace(pages_per_day=30))
    now = progress(plan, [0, 0], date(2026, 11, 20), Pace(pages_per_day=30))
    assert _labels(now.sessions) == _labels(plan.sessions)
    assert now.describe() == "on schedule: the rest runs to 4 December 2026, as planned"


def test_everything_read():
    plan = make_plan(TWO, START, Pace(pages_per_day=30))
    now = progress(plan, [60, 60], date(2026, 12, 2), Pace(pages_per_day=30))
    assert now.rest.sessions == ()
    assert now.describe() == "all 120 pages read"


def test_a_finish_date_still_met_takes_a_bigger_load():
    pace = Pace(finish_by=date(2026, 12, 4))
    plan = make_plan(TWO, START, pace)
    assert plan.pages_per_day == 30
    now = progress(plan, [40, 0], date(2026, 12, 3), pace)
    assert _labels(now.rest.sessions) == [(3, "A, pp. 41–60; B, pp. 1–20"), (4, "B, pp. 21–60")]
    assert now.describe() == (
        "20 pages behind (under a day): the rest now takes 40 pages a day (was 30) "
        "to finish by 4 December 2026"
    )


def test_a_finish_date_passed_keeps_the_pace_and_says_so():
    pace = Pace(finish_by=date(2026, 12, 4))
    plan = make_plan(TWO, START, pace)
    now = progress(plan, [40, 0], date(2026, 12, 6), pace)
    assert _labels(now.rest.sessions) == [
        (6, "A, pp. 41–60; B, pp. 1–10"),
        (7, "B, pp. 11–40"),
        (8, "B, pp. 41–60"),
    ]
    assert now.describe() == (
        "80 pages behind (about 3 days): 4 December 2026 can no longer be met; "
        "at 30 pages a day the rest runs to 8 December 2026"
    )


def test_a_part_read_whole_says_which_part_and_split_says_its_pages():
    essays = Reading("Essays", 29, first_page=12, part="pp. 12–40")
    chapter = Reading("Novel", 20, part="Chapter 2")
    plan = make_plan([essays, chapter], START, Pace(pages_per_day=29))
    assert [s.label for s in plan.sessions] == ["Essays, pp. 12–40", "Novel, Chapter 2"]
    split = make_plan([essays], START, Pace(pages_per_day=15))
    assert [s.label for s in split.sessions] == ["Essays, pp. 12–26", "Essays, pp. 27–40"]
