"""The scheduler: its promises as properties (Hypothesis), and the seed's plan by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.reading.plans import (
    DaysOff,
    Pace,
    PlanError,
    Reading,
    make_plan,
    meeting_readings,
    replan,
    standing,
)

START = date(2026, 12, 1)  # a Tuesday

# The seed guide's five works and their page counts, in its order (1,256 pages).
SEED = [
    Reading("Memoirs of a Revolutionary", 396),
    Reading("What Every Radical Should Know", 131),
    Reading("Birth of Our Power", 221),
    Reading("Midnight in the Century", 199),
    Reading("The Case of Comrade Tulayev", 309),
]


@st.composite
def _readings(draw):
    readings = []
    for n in range(draw(st.integers(1, 12))):
        pages = draw(st.integers(1, 900))
        first = draw(st.sampled_from([1, 1, 12, 101]))
        chapters = draw(
            st.lists(st.integers(first + 1, first + pages), max_size=6, unique=True).map(sorted)
        )
        readings.append(Reading(f"Work {n}", pages, first, tuple(chapters)))
    return readings


_DAYS_OFF = st.builds(
    DaysOff,
    st.frozensets(st.integers(0, 6), max_size=5),
    st.frozensets(st.dates(START, START + timedelta(days=60)), max_size=10),
)
_PACES = st.one_of(
    st.builds(Pace, pages_per_day=st.integers(1, 400)),
    st.builds(Pace, hours_per_week=st.floats(0.5, 60)),
    st.builds(Pace, finish_by=st.dates(START + timedelta(days=7), START + timedelta(days=400))),
)


def _pages_read(plan):
    """Every (reading, page) the plan's sessions read, in order."""
    return [
        (portion.reading, page)
        for session in plan.sessions
        for portion in session.portions
        for page in range(portion.first, portion.last + 1)
    ]


def _plan_or_none(readings, pace, days_off):
    try:
        return make_plan(readings, START, pace, days_off)
    except PlanError as refused:
        # Only a finish date can be out of reach, or a pace too slow to end in ten years.
        message = str(refused)
        assert pace.finish_by is not None or "sessions" in message
        return None


@settings(max_examples=300, deadline=None)
@given(readings=_readings(), pace=_PACES, days_off=_DAYS_OFF)
def test_every_page_once_in_order_and_never_on_a_day_off(readings, pace, days_off):
    plan = _plan_or_none(readings, pace, days_off)
    if plan is None:
        return
    expected = [
        (index, page)
        for index, reading in enumerate(readings)
        for page in range(reading.first_page, reading.last_page + 1)
    ]
    assert _pages_read(plan) == expected
    days = [session.day for session in plan.sessions]
    assert days == sorted(set(days))
    assert not [day for day in days if day in days_off]
    assert days[0] >= START


@settings(max_examples=300, deadline=None)
@given(readings=_readings(), pace=_PACES, days_off=_DAYS_OFF)
def test_a_day_runs_over_its_load_only_to_finish_a_work_or_chapter(readings, pace, days_off):
    plan = _plan_or_none(readings, pace, days_off)
    if plan is None:
        return
    ends = {(index, reading.last_page) for index, reading in enumerate(readings)} | {
        (index, chapter - 1)
        for index, reading in enumerate(readings)
        for chapter in reading.chapters
    }
    for session in plan.sessions:
        over = session.pages - plan.pages_per_day
        if over > 0:
            last = session.portions[-1]
            assert (last.reading, last.last) in ends  # it ends at a work's or chapter's end
            assert over <= last.pages  # and runs over by no more than that remainder


@settings(max_examples=300, deadline=None)
@given(
    readings=_readings(),
    days_off=_DAYS_OFF,
    finish=st.dates(START, START + timedelta(days=400)),
)
def test_a_finish_date_is_met_or_refused_with_the_pace_it_needs(readings, days_off, finish):
    try:
        plan = make_plan(readings, START, Pace(finish_by=finish), days_off)
    except PlanError as refused:
        message = str(refused)
        assert "pages a day" in message or "no day to read on" in message
        return
    assert plan.finish <= finish


def test_the_seed_at_thirty_pages_a_day():
    plan = make_plan(SEED, START, Pace(pages_per_day=30))
    assert plan.pages == 1256
    labels = [session.label for session in plan.sessions]
    assert labels[0] == "Memoirs of a Revolutionary, pp. 1–30"
    assert plan.sessions[0].day == START
    # Day 13 would stop 6 pages short of the end of the Memoirs: it finishes them.
    assert labels[12] == "Memoirs of a Revolutionary, pp. 361–396"
    assert labels[13] == "What Every Radical Should Know, pp. 1–30"
    assert sum(session.pages for session in plan.sessions) == 1256


def test_weekends_off_and_a_holiday_are_skipped():
    days_off = DaysOff.parse("sat,Sunday,2026-12-25")
    assert days_off == DaysOff(frozenset({5, 6}), frozenset({date(2026, 12, 25)}))
    plan = make_plan(SEED, START, Pace(pages_per_day=30), days_off)
    days = [session.day for session in plan.sessions]
    assert date(2026, 12, 5) not in days  # a Saturday
    assert date(2026, 12, 25) not in days
    assert days[:5] == [date(2026, 12, d) for d in (1, 2, 3, 4, 7)]


def test_hours_a_week_become_pages_a_day_at_the_readers_speed():
    # 275 words a page at 250 words a minute: 1.1 minutes a page. 7 hours over 7 days is
    # 60 minutes a day, 55 pages (54.5, rounded).
    plan = make_plan(SEED, START, Pace(hours_per_week=7))
    assert plan.pages_per_day == 55


def test_a_finish_date_gives_the_smallest_load_that_meets_it():
    plan = make_plan(SEED, START, Pace(finish_by=date(2026, 12, 31)))  # 31 days
    assert plan.finish <= date(2026, 12, 31)
    assert plan.pages_per_day >= 41  # 1,256 / 31, rounded up
    tighter = make_plan(SEED, START, Pace(pages_per_day=plan.pages_per_day - 1))
    assert tighter.finish > date(2026, 12, 31)


def test_an_impossible_finish_date_says_what_pace_it_would_need():
    with pytest.raises(PlanError, match=r"needs 1,256 pages a day"):
        make_plan(SEED, START, Pace(finish_by=START))
    with pytest.raises(PlanError, match="no day to read on"):
        make_plan(SEED, START, Pace(finish_by=START - timedelta(days=1)))
    with pytest.raises(PlanError, match="one pace"):
        Pace(pages_per_day=30, finish_by=START)
    with pytest.raises(PlanError, match="not a day off"):
        DaysOff.parse("sat,someday")


def test_falling_behind_recalculates_the_rest_and_says_by_how_much():
    plan = make_plan(SEED, START, Pace(pages_per_day=30))
    today = START + timedelta(days=4)  # four sessions, 120 pages, were due before today
    read = [75, 0, 0, 0, 0]
    where = standing(plan, read, today)
    assert (where.scheduled, where.read, where.behind) == (120, 75, 45)
    assert where.describe() == "45 pages behind (about 2 days)"
    rest = replan(plan, read, today, Pace(pages_per_day=30))
    assert rest.sessions[0].day == today
    assert rest.sessions[0].label == "Memoirs of a Revolutionary, pp. 76–105"
    assert rest.pages == 1256 - 75
    ahead = standing(plan, [130, 0, 0, 0, 0], today)
    assert ahead.describe() == "10 pages ahead (under a day)"


@settings(max_examples=300, deadline=None)
@given(
    readings=_readings(),
    meetings=st.lists(st.dates(START, START + timedelta(days=200)), min_size=1, max_size=30),
)
def test_a_group_reads_every_page_once_over_its_meetings(readings, meetings):
    shares = meeting_readings(readings, meetings)
    assert [s.day for s in shares] == sorted(set(meetings))
    read = [
        (p.reading, page)
        for share in shares
        for p in share.portions
        for page in range(p.first, p.last + 1)
    ]
    assert read == [
        (index, page)
        for index, reading in enumerate(readings)
        for page in range(reading.first_page, reading.last_page + 1)
    ]
    total = sum(r.pages for r in readings)
    share = total / len(shares)
    for n in range(1, len(shares)):
        so_far = sum(s.pages for s in shares[:n])
        assert abs(so_far - n * share) <= share / 4 + 1  # within a quarter share of even


def test_the_seed_over_six_weekly_meetings_ends_a_share_at_a_works_end_when_near():
    # Shares of 209⅓ pages, a work's end taken within 52 pages: the second share's
    # even end (419) moves to the Memoirs' end (396); the works' other ends (527, 748,
    # 947) lie over 52 pages from the shares' even ends (628, 837, 1047).
    weekly = [START + timedelta(weeks=n) for n in range(6)]
    shares = meeting_readings(SEED, weekly)
    assert [s.pages for s in shares] == [209, 187, 232, 209, 210, 209]
    assert [s.portions[-1].ends_reading for s in shares] == [False, True, False, False, False, True]
    assert shares[1].portions[-1].label == "Memoirs of a Revolutionary, pp. 210–396"


def test_a_plan_with_no_day_to_read_on_or_no_end_in_sight_is_refused():
    with pytest.raises(PlanError, match="every weekday is a day off"):
        make_plan(SEED, START, Pace(hours_per_week=5), DaysOff(frozenset(range(7))))
    long = [Reading(f"Work {n}", 300) for n in range(1000)]
    with pytest.raises(PlanError, match="take over 3,653 sessions"):
        make_plan(long, START, Pace(pages_per_day=1))
    with pytest.raises(PlanError, match="past the last date"):
        make_plan(SEED, date(9999, 12, 1), Pace(pages_per_day=30))
