"""Study groups: a guide read together, its pages cut into one share per meeting.

The readings are the guide's (``catalog.exporter.guide_records``: each entry as the
guide wrote it, the part it asks to read, and its own annotation where its work was
merged into another's), cut by ``reading.plans.meeting_readings``; a member's
standing comes from the reading they logged (``readers.progress``) through
``reading.meetings.group_standing``. Every change here is the organiser's or the
member's own, checked by the views before it gets here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from readingroom.catalog.exporter import guide_records
from readingroom.catalog.models import Guide, Work
from readingroom.reading.meetings import GroupStanding, group_standing
from readingroom.reading.plans import MeetingReading, Reading, meeting_readings, reading_of

from .models import Meeting, Membership, StudyGroup, new_token
from .progress import pages_reached

# The most meetings a group has: a year of weekly meetings, twice over, and more.
MOST_MEETINGS = 200


@dataclass(frozen=True)
class MeetingWork:
    """A portion of a work read for a meeting, with the guide's annotation of it."""

    label: str
    annotation: str


@dataclass(frozen=True)
class MeetingPlan:
    meeting: Meeting
    share: MeetingReading
    works: tuple[MeetingWork, ...]


@dataclass(frozen=True)
class GroupPlan:
    group: StudyGroup
    readings: tuple[Reading, ...]
    meetings: tuple[MeetingPlan, ...]

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.readings)


def guide_readings(guide: Guide) -> list[tuple[Reading, str]]:
    """The guide's readings in its order, each keyed by its work's id, with the guide's
    annotation; entries without a page count give nothing to read."""
    entries = guide_records(guide).entries
    work_ids = guide.entries.order_by("order").values_list("work_id", flat=True)
    readings = []
    for entry, work_id in zip(entries, work_ids, strict=True):
        reading = reading_of(entry, key=str(work_id))
        if reading is not None and reading.pages > 0:
            readings.append((reading, entry.note or ""))
    return readings


def group_plan(group: StudyGroup) -> GroupPlan:
    """The group's meetings, in order, each with its share of the guide's reading."""
    pairs = guide_readings(group.guide)
    readings = tuple(r for r, _ in pairs)
    meetings = list(group.meetings.order_by("day"))
    if not meetings:
        return GroupPlan(group, readings, ())
    shares = meeting_readings(readings, [m.day for m in meetings])
    planned = tuple(
        MeetingPlan(
            meeting,
            share,
            tuple(MeetingWork(p.label, pairs[p.reading][1]) for p in share.portions),
        )
        for meeting, share in zip(meetings, shares, strict=True)
    )
    return GroupPlan(group, readings, planned)


def standing_of(plan: GroupPlan, user: Any, today: date) -> GroupStanding:
    """Where ``user`` stands against the group on ``today``."""
    ids = {int(r.key) for r in plan.readings}
    reached = pages_reached(user, Work.objects.filter(pk__in=ids))
    return group_standing(
        [m.share for m in plan.meetings],
        plan.readings,
        {str(work_id): page for work_id, page in reached.items()},
        today,
    )


@transaction.atomic
def create_group(organiser: Any, guide: Guide, name: str, days: Iterable[date]) -> StudyGroup:
    """A group on ``guide`` with its organiser as its first member."""
    group = StudyGroup.objects.create(name=name, organiser=organiser, guide=guide)
    Membership.objects.create(group=group, user=organiser)
    add_meetings(group, days)
    return group


@transaction.atomic
def add_meetings(group: StudyGroup, days: Iterable[date]) -> list[date]:
    """Meetings on these days; a day the group already meets on is skipped. Returns
    the days added, in order."""
    taken = set(group.meetings.values_list("day", flat=True))
    new = sorted(set(days) - taken)
    # Two quick identical submissions: the second's days are already there.
    Meeting.objects.bulk_create(
        (Meeting(group=group, day=day) for day in new), ignore_conflicts=True
    )
    return new


def join(group: StudyGroup, user: Any) -> Membership:
    membership, _ = Membership.objects.get_or_create(group=group, user=user)
    return membership


def remove(group: StudyGroup, membership: Membership) -> None:
    """Take a member out of the group, and renew the invitation link and the calendar
    address, which they still hold: neither lets them back in or shows the meetings."""
    with transaction.atomic():
        membership.delete()
        renew(group, "invite_token")
        renew(group, "feed_token")


def renew(group: StudyGroup, token: str) -> None:
    """A new ``invite_token`` or ``feed_token``: the old link or calendar address leads
    nowhere from now on."""
    setattr(group, token, new_token())
    group.save(update_fields=[token])
