"""A reader's plan from the catalog: its readings (a guide, a section, a shelf, works
picked by hand), the reader's speed, days off and pace, and progress from reading logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from readingroom.catalog.models import Work
from readingroom.readers.models import (
    PlanWork,
    ReaderProfile,
    ReadingPlan,
    Shelf,
    ShelfItem,
)
from readingroom.readers.plans import guide_sections, plan_state, readings_for
from readingroom.readers.progress import log_reading
from readingroom.reading import DEFAULT_SPEED, ReadingSpeed

pytestmark = pytest.mark.django_db
START = date(2026, 12, 1)


def _plan(user, **fields) -> ReadingPlan:
    return ReadingPlan.objects.create(
        user=user, title="Mine", start=fields.pop("start", START), **fields
    )


def _titles(found):
    return [(r.title, r.first_page, r.pages) for r in found.readings]


def test_a_guide_gives_every_entry_with_a_page_count_the_part_in_the_books_numbers(course, ann):
    found = readings_for(_plan(ann, guide=course, pages_per_day=30))
    assert _titles(found) == [("Alpha", 1, 60), ("Beta", 12, 29), ("Gamma", 1, 90)]
    assert found.unplanned == ("Delta",)
    assert [Work.objects.get(pk=w).title for w in found.works] == ["Alpha", "Beta", "Gamma"]


def test_one_section_of_a_guide(course, ann):
    assert guide_sections(course) == ["Part one", "Part two"]
    found = readings_for(_plan(ann, guide=course, section="Part two", pages_per_day=30))
    assert _titles(found) == [("Gamma", 1, 90)]
    assert found.unplanned == ("Delta",)


def test_a_shelf_gives_its_works_in_the_order_they_were_shelved(course, ann, bo):
    for title in ("Gamma", "Alpha"):
        ShelfItem.objects.create(user=ann, work=Work.objects.get(title=title), shelf=Shelf.WANT)
    ShelfItem.objects.create(user=ann, work=Work.objects.get(title="Beta"), shelf=Shelf.READ)
    ShelfItem.objects.create(user=bo, work=Work.objects.get(title="Delta"), shelf=Shelf.WANT)
    found = readings_for(_plan(ann, shelf=Shelf.WANT, pages_per_day=30))
    assert _titles(found) == [("Gamma", 1, 90), ("Alpha", 1, 60)]


def test_hand_picked_works_in_the_readers_order(course, ann):
    plan = _plan(ann, pages_per_day=30)
    for order, title in enumerate(("Beta", "Alpha", "Delta"), 1):
        PlanWork.objects.create(plan=plan, work=Work.objects.get(title=title), order=order)
    found = readings_for(plan)
    assert _titles(found) == [("Beta", 1, 200), ("Alpha", 1, 60)]  # the whole work: no guide
    assert found.unplanned == ("Delta",)


def test_the_plan_uses_the_readers_speed_days_off_and_pace(course, ann):
    plan = _plan(ann, guide=course, hours_per_week=5, days_off="sat,sun,2026-12-02")
    state = plan_state(plan, START)
    assert state.plan.speed == DEFAULT_SPEED
    # 5 hours over 5 weekdays: 60 minutes a day at 1.1 minutes a page is 55 pages.
    assert state.plan.pages_per_day == 55
    days = [s.day for s in state.plan.sessions]
    assert date(2026, 12, 2) not in days
    assert date(2026, 12, 5) not in days
    ReaderProfile.objects.create(user=ann, words_per_minute=500)
    state = plan_state(plan, START)
    assert state.plan.speed == ReadingSpeed(275, 500)
    assert state.plan.pages_per_day == 109  # 60 minutes at 0.55 minutes a page


def test_reading_logged_moves_the_standing_and_the_rest(course, ann, bo):
    plan = _plan(ann, guide=course, pages_per_day=30)
    state = plan_state(plan, START)
    assert [s.label for s in state.progress.sessions] == [
        "Alpha, pp. 1–30",
        "Alpha, pp. 31–60",
        "Beta, pp. 12–40",
        "Gamma, pp. 1–30",
        "Gamma, pp. 31–60",
        "Gamma, pp. 61–90",
    ]
    today = START + timedelta(days=3)  # Alpha and Beta's part were due
    alpha, beta = Work.objects.get(title="Alpha"), Work.objects.get(title="Beta")
    log_reading(ann, alpha, START, page_reached=60)
    log_reading(ann, beta, START + timedelta(days=2), page_reached=25)  # pp. 12–25: 14 read
    log_reading(bo, beta, START, page_reached=200)  # someone else's reading counts not
    state = plan_state(plan, today)
    assert state.read == [60, 14, 0]
    assert state.progress.standing.behind == 15  # 89 due (Beta's part ends a day), 74 read
    assert [s.label for s in state.progress.rest.sessions] == [
        "Beta, pp. 26–40; Gamma, pp. 1–15",
        "Gamma, pp. 16–45",
        "Gamma, pp. 46–75",
        "Gamma, pp. 76–90",
    ]
    assert state.progress.describe() == (
        "15 pages behind (under a day): the rest now runs to 7 December 2026, "
        "1 day later than planned"
    )


def test_a_plan_that_cannot_be_made_says_why(course, ann):
    state = plan_state(_plan(ann, guide=course, finish_by=START - timedelta(days=1)), START)
    assert state.plan is None
    assert state.error.startswith("no day to read on between 2026-12-01 and 2026-11-30")


def test_a_guides_readings_are_those_its_records_give(seed_bytes, sample_bytes, ann):
    from readingroom.catalog.exporter import guide_records
    from readingroom.catalog.importer import import_guide_bytes
    from readingroom.catalog.models import Guide
    from readingroom.readers.plans import guide_readings
    from readingroom.reading.plans import reading_of

    import_guide_bytes("seed.txt", seed_bytes, "Victor Serge: a reading guide")
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    for guide in Guide.objects.all():
        records = guide_records(guide)
        expected = [reading_of(entry) for entry in records.entries]
        found = guide_readings(guide)
        assert [(r.title, r.pages, r.first_page, r.part, r.section) for r in found.readings] == [
            (r.title, r.pages, r.first_page, r.part, r.section) for r in expected if r is not None
        ]
    seed = Guide.objects.get(title__startswith="Victor")
    assert sum(r.pages for r in guide_readings(seed).readings) == 1256
