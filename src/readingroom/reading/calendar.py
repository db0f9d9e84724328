"""A reading plan as an iCalendar file (RFC 5545): one all-day event per session.

Calendar apps subscribe to it by URL, and a subscription updates in place: each
event's UID is the plan's key and the session's date, so a recalculated plan moves
a day's reading rather than adding a second copy of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from .plans import Plan
from .time import format_duration


def plan_calendar(plan: Plan, name: str, key: str, stamp: datetime) -> bytes:
    """The plan's sessions as a calendar called ``name``; ``key`` makes the events'
    UIDs unique to the plan, ``stamp`` is when it was made (each event's DTSTAMP)."""
    calendar = Calendar()
    calendar.add("prodid", "-//readingroom//reading plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in plan.sessions:
        event = Event()
        event.add("uid", f"{key}-{session.day.isoformat()}@readingroom")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.day)
        event.add("dtend", session.day + timedelta(days=1))
        event.add("summary", f"Read {session.label}")
        event.add(
            "description",
            f"{session.pages:,} page{'s' if session.pages != 1 else ''}, "
            f"{format_duration(session.minutes)} of reading.",
        )
        event.add("transp", "TRANSPARENT")  # reading time does not make the reader busy
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
