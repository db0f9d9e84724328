"""A study group's meetings: where a member stands against the group's reading, and
the meetings as an iCalendar file (RFC 5545), one all-day event a meeting.

The shares come from ``plans.meeting_readings``; pages read are the furthest page a
member reached in each reading's work, counted within the part the group reads. Pure
Python, like the rest of ``readingroom.reading``: the group page and its calendar feed
share it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .calendar import all_day_event, new_calendar
from .plans import MeetingReading, Reading, pages_read


@dataclass(frozen=True)
class GroupStanding:
    """A member against the group: pages of its reading due by today (the shares of
    the meetings up to and including today), and pages of it they have read."""

    due: int
    read: int

    @property
    def behind(self) -> int:
        """Pages behind the group; 0 when on track (ahead counts as on track)."""
        return max(self.due - self.read, 0)

    def describe(self) -> str:
        """'on track', '1 page behind', '148 pages behind'."""
        if not self.behind:
            return "on track"
        return f"{self.behind:,} page{'s' if self.behind != 1 else ''} behind"


def group_standing(
    shares: Sequence[MeetingReading],
    readings: Sequence[Reading],
    reached: Mapping[str, int],
    today: date,
) -> GroupStanding:
    """A member's standing on ``today``; ``reached`` is the furthest page they reached,
    by each reading's key."""
    due = sum(share.pages for share in shares if share.day <= today)
    read = sum(pages_read(r, reached.get(r.key, 0)) for r in readings if r.pages > 0)
    return GroupStanding(due, read)


def meetings_calendar(
    group: str,
    shares: Sequence[MeetingReading],
    questions: Mapping[date, str],
    key: str,
    stamp: datetime,
) -> bytes:
    """The group's meetings as a calendar called ``group``: each an all-day event,
    "<group>: read <labels>", with the meeting's questions (``questions`` by day, as
    the organiser wrote them) as its description. ``key`` makes the UIDs the group's,
    so a subscribed calendar moves a meeting rather than copying it."""
    calendar = new_calendar(group, "study group")
    for share in shares:
        labels = "; ".join(p.label for p in share.portions)
        summary = f"{group}: read {labels}" if labels else f"{group}: meeting"
        event = all_day_event(key, share.day, stamp, summary)
        if text := questions.get(share.day, "").strip():
            event.add("description", text)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
