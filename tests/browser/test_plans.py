"""A reader signs up, plans the seed guide in a real browser, logs reading short of the
plan, sees where they stand and the plan recalculated, and fetches the plan's calendar
feed; the plan page's screenshots at 1280 and 375 px are the README's."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from .conftest import sign_up

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_a_reader_plans_the_seed_falls_behind_and_subscribes(page, browser, server):
    today = datetime.now(UTC).date()  # the server's day (TIME_ZONE is UTC)
    sign_up(page, "clara")
    page.goto("/guides/")
    page.get_by_role("link", name="Victor Serge: a reading guide").click()
    page.get_by_role("link", name="Plan this guide").click()
    page.get_by_label("Start on").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("Pages a day").fill("30")
    page.get_by_role("button", name="Make the plan").click()
    page.wait_for_selector("h1:has-text('Victor Serge: a reading guide')")
    rows = page.locator("table.sessions tbody tr")
    assert rows.first.locator("td").first.inner_text() == "Memoirs of a Revolutionary, pp. 1–30"
    assert "90 pages behind (about 3 days)" in page.locator(".standing").inner_text()

    # 90 pages were due before today; the reader reached page 40.
    page.get_by_label("Work").select_option(label="Memoirs of a Revolutionary")
    page.get_by_label("Page reached").fill("40")
    page.get_by_role("button", name="Log it").click()
    page.wait_for_selector("text=Logged page 40 of Memoirs of a Revolutionary.")
    standing = page.locator(".standing").inner_text()
    assert "50 pages behind (about 2 days): the rest now runs to" in standing
    assert "2 days later than planned" in standing
    today_row = page.locator("tr[aria-current='date']")
    assert "Memoirs of a Revolutionary, pp. 41–70" in today_row.inner_text()

    # The calendar feed is the plan as it stands, session for session.
    assert page.locator("#feed a[href^='webcal://']").count() == 1
    feed = page.locator("#feed a[href^='http']").get_attribute("href")
    assert feed is not None
    assert feed.endswith(".ics")
    with urllib.request.urlopen(feed) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.read())
    events = [(e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")]
    labels = rows.locator("td:nth-child(2)").all_inner_texts()
    assert [summary for _, summary in events] == [f"Read {label}" for label in labels]
    assert (today, "Read Memoirs of a Revolutionary, pp. 41–70") in events

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "plan-1280.png"))
    phone = browser.new_context(base_url=server, viewport={"width": 375, "height": 800})
    phone.add_cookies(page.context.cookies())
    small = phone.new_page()
    small.goto(page.url)
    assert small.evaluate("document.documentElement.scrollWidth") <= 375
    small.screenshot(path=str(SCREENSHOTS / "plan-375.png"))
    phone.close()
