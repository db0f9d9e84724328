"""A study group in a real browser (issue 11): three readers plan the sample guide over
six weekly meetings; two join by the invitation link; one shares their progress and
logs reading; each member's page shows where they stand against the group, and the
organiser sees the one who shares."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .conftest import CHROMIUM, readingroom, serving

SCREENSHOTS = ROOT / "docs" / "screenshots"
NAME = "Tuesday circle"
# Readers, each logged in by a session made for them on the server's own data
# directory (the sign-up and log-in pages are another branch's; readers are not
# staff, so the admin's login is not theirs).
SESSIONS = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
keys = {}
for name in ("ann", "bo", "cy"):
    user = get_user_model().objects.create_user(name, password="a-long-reader-password")
    client = Client()
    client.force_login(user)
    keys[name] = client.cookies["sessionid"].value
print(json.dumps(keys))
"""
LOG = """
from datetime import date
from django.contrib.auth import get_user_model
from readingroom.catalog.models import Work
from readingroom.readers.progress import log_reading
bo = get_user_model().objects.get(username="bo")
for title, page in (("Reform or Revolution", 96), ("The Accumulation of Capital", 120)):
    log_reading(bo, Work.objects.get(title=title), date.today(), page_reached=page)
"""


@pytest.fixture(scope="module")
def group_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    data_dir = tmp_path_factory.mktemp("group-data")
    readingroom(data_dir, "demo")
    printed = readingroom(data_dir, "manage", "shell", "--no-imports", "-c", SESSIONS)
    keys = json.loads(printed.decode().strip().splitlines()[-1])
    with serving(data_dir) as url:
        yield url, data_dir, keys


def _as(browser, url: str, key: str, width: int = 1280):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=url, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": key, "url": url}])
    return context, context.new_page()


def test_a_group_of_three_reads_the_sample_guide_over_six_weekly_meetings(browser, group_site):  # type: ignore[no-untyped-def]
    url, data_dir, keys = group_site
    first = date.today() - timedelta(weeks=2)
    days = [first + timedelta(weeks=n) for n in range(6)]

    # The organiser starts the group from the guide's page, with six weekly meetings.
    ann_context, ann = _as(browser, url, keys["ann"])
    ann.goto("/guides/")
    ann.get_by_role("link", name="A readingroom sample guide").first.click()
    ann.get_by_role("link", name="Start a study group").click()
    ann.get_by_label("Name of the group").fill(NAME)
    ann.get_by_label("Meeting dates").fill("\n".join(d.isoformat() for d in days))
    ann.get_by_role("button", name="Start the group").click()
    ann.wait_for_selector(f"h1:text-is('{NAME}')")
    assert ann.locator("section.meeting").count() == 6
    assert "Reform or Revolution" in ann.locator("section.meeting").first.inner_text()
    invite = ann.get_by_label(re.compile("Send this link")).input_value()
    assert invite.startswith(f"{url}/groups/join/")

    # Two members join by the link, each with a POST.
    members = {}
    for name in ("bo", "cy"):
        context, page = _as(browser, url, keys[name])
        page.goto(invite)
        page.get_by_role("button", name=f"Join {NAME}").click()
        page.wait_for_selector(f"h1:text-is('{NAME}')")
        members[name] = (context, page)
    bo = members["bo"][1]
    bo.get_by_role("button", name="Share my progress with the organiser").click()
    bo.wait_for_selector("text=The organiser sees how far you have read.")
    readingroom(data_dir, "manage", "shell", "-c", LOG)  # bo reads 216 pages

    # Each member sees their progress against the group's.
    due_by_name = {}
    for name, page in (("ann", ann), ("bo", bo), ("cy", members["cy"][1])):
        page.reload()
        progress = page.locator("#progress").inner_text()
        due = re.search(r"Due by today: ([\d,]+) pages", progress)
        assert due is not None, progress
        due_by_name[name] = int(due.group(1).replace(",", ""))
        read = 216 if name == "bo" else 0
        assert f"You read {read} of them: {due_by_name[name] - read:,} pages behind" in progress
    assert len(set(due_by_name.values())) == 1  # one group, one reading due

    # The organiser sees bo's standing, and cy only by name.
    ann.reload()
    rows = ann.locator("#members tbody tr")
    table = {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").first.inner_text()
        for i in range(rows.count())
    }
    due = due_by_name["ann"]
    assert table == {
        "ann": f"{due:,} pages behind",
        "bo": f"{due - 216:,} pages behind",
        "cy": "not shared",
    }

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ann.screenshot(path=str(SCREENSHOTS / "study-group-1280.png"))
    phone_context, phone = _as(browser, url, keys["ann"], width=375)
    phone.goto(ann.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=str(SCREENSHOTS / "study-group-375.png"))
    for context in (ann_context, phone_context, *(c for c, _ in members.values())):
        context.close()
