"""A reader's plan from the catalog: what a ReadingPlan reads, and where the reader stands.

The scheduling is the core's (readingroom.reading.plans); this module only gathers its
inputs from the database — the readings of a guide (or one of its sections, with the
parts the guide asks for), of a shelf or of works picked by hand; the reader's speed;
the days off and the pace — and the pages read of each reading from the reading logged
(readers.progress). Sessions are never stored: a plan is computed again each time, so
it recalculates as the reader reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models.functions import Coalesce

from readingroom.catalog.models import Guide, Work
from readingroom.formats.records import SECTION_SEPARATOR, ListEntry
from readingroom.reading import ReadingSpeed
from readingroom.reading.plans import (
    DaysOff,
    Pace,
    Plan,
    PlanError,
    Progress,
    Reading,
    make_plan,
    pages_read,
    progress,
    reading_of,
)

from .models import PlanWork, ReadingPlan, ShelfItem
from .profiles import reader_speed
from .progress import pages_reached


@dataclass(frozen=True)
class PlanReadings:
    """The readings in order, the work each reads, and the titles with no page count."""

    readings: tuple[Reading, ...]
    works: tuple[int, ...]
    unplanned: tuple[str, ...]


def guide_sections(guide: Guide) -> list[str]:
    """The guide's sections in its order (each nested one as 'Outer › Inner')."""
    seen: dict[str, None] = {}
    for section in guide.entries.order_by("order").values_list("section", flat=True):
        if section:
            seen.setdefault(section, None)
    return list(seen)


def section_label(section: str) -> str:
    return section.replace(SECTION_SEPARATOR, " › ")


def _in_section(section: str | None, wanted: str) -> bool:
    return not wanted or section == wanted or (section or "").startswith(wanted + SECTION_SEPARATOR)


def _gathered(pairs: Iterable[tuple[int, Reading | None, str]]) -> PlanReadings:
    readings, works, unplanned = [], [], []
    for work_id, reading, title in pairs:
        if reading is None:
            unplanned.append(title)
        else:
            readings.append(reading)
            works.append(work_id)
    return PlanReadings(tuple(readings), tuple(works), tuple(unplanned))


def _whole(work: Work) -> tuple[int, Reading | None, str]:
    reading = Reading(work.title, work.pages, key=str(work.pk)) if work.pages else None
    return work.pk, reading, work.title


def guide_readings(guide: Guide, section: str = "") -> PlanReadings:
    """A guide's entries in order (or one section's, its subsections too): the part to
    read where the guide gives one with its pages, else the whole work — as the guide's
    records say (catalog.exporter.guide_records: the pages of the edition the entry
    cites, else the work's), read in one query of the few columns a plan needs."""
    entries = guide.entries.order_by("order").values_list(
        "work_id",
        "work__title",
        Coalesce("edition__pages", "work__pages"),
        "part",
        "part_pages",
        "section",
    )
    return _gathered(
        (
            work_id,
            reading_of(
                ListEntry(
                    title,
                    pages=pages,
                    part=part or None,
                    part_pages=part_pages,
                    sections=tuple(in_section.split(SECTION_SEPARATOR)) if in_section else (),
                ),
                key=str(work_id),
            ),
            title,
        )
        for work_id, title, pages, part, part_pages, in_section in entries
        if _in_section(in_section, section)
    )


def shelf_readings(user: Any, shelf: str) -> PlanReadings:
    """The works on one of the reader's shelves, in the order they were shelved."""
    items = ShelfItem.objects.filter(user=user, shelf=shelf).select_related("work")
    return _gathered(_whole(item.work) for item in items.order_by("added_at", "pk"))


def works_readings(works: Sequence[Work]) -> PlanReadings:
    """Works picked by hand, whole, in the reader's order."""
    return _gathered(_whole(work) for work in works)


def readings_for(plan: ReadingPlan) -> PlanReadings:
    if plan.guide_id is not None:
        return guide_readings(plan.guide, plan.section)
    if plan.shelf:
        return shelf_readings(plan.user, plan.shelf)
    picked = PlanWork.objects.filter(plan=plan).select_related("work").order_by("order", "pk")
    return works_readings([row.work for row in picked])


def pace_of(plan: ReadingPlan) -> Pace:
    return Pace(plan.pages_per_day, plan.hours_per_week, plan.finish_by)


def made(plan: ReadingPlan, found: PlanReadings, speed: ReadingSpeed) -> Plan:
    """The plan's sessions as first made; PlanError says why it cannot be made."""
    return make_plan(found.readings, plan.start, pace_of(plan), DaysOff.parse(plan.days_off), speed)


@dataclass(frozen=True)
class PlanState:
    """A plan as a reader sees it today: the plan made, the pages read of each reading
    and the progress (standing and the rest recalculated); or why it cannot be made."""

    model: ReadingPlan
    found: PlanReadings
    plan: Plan | None
    read: list[int]
    progress: Progress | None
    error: str = ""


def plan_state(plan: ReadingPlan, today: date) -> PlanState:
    found = readings_for(plan)
    try:
        first = made(plan, found, reader_speed(plan.user))
    except PlanError as exc:
        return PlanState(plan, found, None, [], None, str(exc))
    reached = pages_reached(plan.user)
    read = [pages_read(r, reached.get(w)) for r, w in zip(found.readings, found.works, strict=True)]
    return PlanState(plan, found, first, read, progress(first, read, today, pace_of(plan)))
