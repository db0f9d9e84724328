"""`readingroom plan`: the seed's plan printed, as JSON and as a calendar read back."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from readingroom.cli import cli

SEED_PLAN = ["--start", "2026-12-01", "--pages-per-day", "30"]


def _plan(*args: str):
    return CliRunner().invoke(cli, ["plan", *args])


def test_the_seed_at_thirty_pages_a_day_reads_each_page_once(seed_path):
    result = _plan(str(seed_path), *SEED_PLAN, "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert (plan["pages"], plan["start"], plan["pages_per_day"]) == (1256, "2026-12-01", 30)
    sessions = plan["sessions"]
    assert sessions[0]["label"] == "Memoirs of a Revolutionary, pp. 1–30"
    pages = [
        (portion["title"], page)
        for session in sessions
        for portion in session["portions"]
        for page in range(portion["first_page"], portion["last_page"] + 1)
    ]
    assert len(pages) == len(set(pages)) == 1256
    assert [s["date"] for s in sessions] == [
        (date(2026, 12, 1) + timedelta(days=n)).isoformat() for n in range(len(sessions))
    ]
    assert plan["not_planned"] == []


def test_the_calendar_parses_back_to_the_same_sessions(seed_path, tmp_path):
    ics = tmp_path / "plan.ics"
    result = _plan(str(seed_path), *SEED_PLAN, "--json", "--ics", str(ics))
    sessions = json.loads(result.output)["sessions"]
    calendar = Calendar.from_ical(ics.read_bytes())
    events = calendar.walk("VEVENT")
    assert [(e.decoded("dtstart").isoformat(), str(e["summary"])) for e in events] == [
        (s["date"], f"Read {s['label']}") for s in sessions
    ]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1) for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_the_plan_is_printed_a_session_a_line(seed_path):
    result = _plan(str(seed_path), *SEED_PLAN, "--days-off", "sat,sun")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1,256 pages in ")
    assert lines[1].split() == [
        "Tue", "2026-12-01", "30", "pp.", "about", "33", "min",
        "Memoirs", "of", "a", "Revolutionary,", "pp.", "1–30",
    ]  # fmt: skip
    assert not [line for line in lines[1:] if line.startswith(("Sat", "Sun"))]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give one pace"),
        (["--pages-per-day", "30", "--finish-by", "2027-01-01"], "one pace"),
        (["--finish-by", "2026-12-01"], "needs 1,256 pages a day"),
        (["--finish-by", "2026-11-01"], "no day to read on"),
        (["--pages-per-day", "30", "--days-off", "fri,someday"], "not a day off"),
    ],
)
def test_a_plan_that_cannot_be_made_says_why(seed_path, args, message):
    result = _plan(str(seed_path), "--start", "2026-12-01", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.django_db
def test_a_guide_in_the_catalog_is_planned_by_its_slug(seed_bytes):
    from readingroom.catalog.importer import import_guide_bytes
    from readingroom.catalog.models import Guide

    import_guide_bytes("seed.txt", seed_bytes, "Victor Serge")
    slug = Guide.objects.get().slug
    result = _plan("--guide", slug, *SEED_PLAN, "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert (plan["pages"], plan["sessions"][0]["label"]) == (
        1256,
        "Memoirs of a Revolutionary, pp. 1–30",
    )
