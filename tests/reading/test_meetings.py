"""A study group's meetings in the core: a member's standing against the group's
reading, and the meetings as an iCalendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from readingroom.reading.meetings import GroupStanding, group_standing, meetings_calendar
from readingroom.reading.plans import Reading, meeting_readings

READINGS = [
    Reading("Memoirs of a Revolutionary", 396, key="1"),
    Reading("The Case of Comrade Tulayev", 100, first_page=201, key="2"),  # pp. 201–300
]
MEETINGS = [date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15), date(2026, 12, 22)]


def test_a_member_who_has_read_what_is_due_is_on_track():
    shares = meeting_readings(READINGS, MEETINGS)
    assert [s.pages for s in shares] == [124, 124, 148, 100]  # the third ends Memoirs at 396
    due = shares[0].pages + shares[1].pages  # the meetings on or before 8 December
    standing = group_standing(shares, READINGS, {"1": 248}, date(2026, 12, 8))
    assert standing == GroupStanding(due=due, read=248)
    assert standing.describe() == "on track"
    ahead = group_standing(shares, READINGS, {"1": 396, "2": 250}, date(2026, 12, 8))
    assert (ahead.read, ahead.describe()) == (396 + 50, "on track")


def test_a_member_behind_is_told_by_how_many_pages():
    shares = meeting_readings(READINGS, MEETINGS)
    standing = group_standing(shares, READINGS, {"1": 100}, date(2026, 12, 9))
    assert standing.behind == 148
    assert standing.describe() == "148 pages behind"
    one = group_standing(shares, READINGS, {"1": 123}, date(2026, 12, 1))
    assert one.describe() == "1 page behind"


def test_pages_read_count_within_the_part_the_group_reads():
    shares = meeting_readings(READINGS, MEETINGS)
    # Page 150 of Tulayev is before the part (pp. 201–300); page 400 is past its end.
    before = group_standing(shares, READINGS, {"2": 150}, date(2026, 12, 1))
    past = group_standing(shares, READINGS, {"2": 400}, date(2026, 12, 1))
    assert (before.read, past.read) == (0, 100)
    nothing_due = group_standing(shares, READINGS, {}, date(2026, 11, 30))
    assert (nothing_due.due, nothing_due.describe()) == (0, "on track")


def test_the_meetings_calendar_has_one_all_day_event_a_meeting():
    shares = meeting_readings(READINGS, MEETINGS)
    questions = {MEETINGS[0]: "Why does Serge *write*?\n\n1. Who is Tulayev?"}
    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    data = meetings_calendar("Serge circle", shares, questions, "group-7", stamp)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == MEETINGS
    assert [e.decoded("dtend") for e in events] == [
        date(2026, 12, 2),
        date(2026, 12, 9),
        date(2026, 12, 16),
        date(2026, 12, 23),
    ]
    assert str(events[0]["summary"]) == "Serge circle: read Memoirs of a Revolutionary, pp. 1–124"
    assert str(events[2]["summary"]) == (
        "Serge circle: read Memoirs of a Revolutionary, pp. 249–396"
    )
    assert str(events[3]["summary"]) == "Serge circle: read The Case of Comrade Tulayev"
    assert str(events[0]["description"]) == "Why does Serge *write*?\n\n1. Who is Tulayev?"
    assert "description" not in events[1]
    assert str(events[0]["uid"]) == "group-7-2026-12-01@readingroom"
    assert len({str(e["uid"]) for e in events}) == 4


def test_a_meeting_with_nothing_to_read_is_still_a_meeting():
    shares = meeting_readings([], [date(2026, 12, 1)])
    data = meetings_calendar("Circle", shares, {}, "group-1", datetime(2026, 11, 1))
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Circle: meeting"


def test_a_part_read_whole_is_labelled_with_the_guides_part():
    part = Reading("Living My Life", 50, first_page=101, part="pp. 101–150")
    (share,) = meeting_readings([part], [date(2026, 12, 1)])
    assert share.portions[0].label == "Living My Life, pp. 101–150"
    halves = meeting_readings([part], [date(2026, 12, 1), date(2026, 12, 8)])
    assert [s.portions[0].label for s in halves] == [
        "Living My Life, pp. 101–125",
        "Living My Life, pp. 126–150",
    ]
