"""A reading plan as an iCalendar file (RFC 5545): one all-day event per session.

Calendar apps subscribe to it by URL, and a subscription updates in place: each
event's UID is the plan's key and the session's date, so a recalculated plan moves
a day's reading rather than adding a second copy of it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from .plans import Plan
from .time import format_duration


def new_calendar(name: str, kind: str) -> Calendar:
    """An empty calendar called ``name``, made by readingroom for a ``kind`` of plan."""
    calendar = Calendar()
    calendar.add("prodid", f"-//readingroom//{kind}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def all_day_event(key: str, day: date, stamp: datetime, summary: str) -> Event:
    """An event filling ``day``, its UID ``key`` and the day (so a recalculated plan
    moves it rather than adding a copy), ``stamp`` its DTSTAMP."""
    event = Event()
    event.add("uid", f"{key}-{day.isoformat()}@readingroom")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    return event


def plan_calendar(plan: Plan, name: str, key: str, stamp: datetime) -> bytes:
    """The plan's sessions as a calendar called ``name``; ``key`` makes the events'
    UIDs unique to the plan, ``stamp`` is when it was made (each event's DTSTAMP)."""
    calendar = new_calendar(name, "reading plan")
    for session in plan.sessions:
        event = all_day_event(key, session.day, stamp, f"Read {session.label}")
        event.add(
            "description",
            f"{session.pages:,} page{'s' if session.pages != 1 else ''}, "
            f"{format_duration(session.minutes)} of reading.",
        )
        event.add("transp", "TRANSPARENT")  # reading time does not make the reader busy
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
