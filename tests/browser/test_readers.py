"""A reader in a real browser: signs up, shelves a work, logs reading, sees progress."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from .conftest import serious_violations, sign_up


def test_a_reader_signs_up_shelves_a_work_and_logs_reading(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-reader-password")
    page.get_by_label("Password confirmation").fill("a-long-reader-password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="My reading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="rosa")).to_be_visible()

    page.goto("/works/birth-of-our-power/")
    page.get_by_label("Shelf").select_option("want")
    page.get_by_role("button", name="Put on shelf").click()
    expect(page.get_by_text("On your shelf: want to read")).to_be_visible()

    page.get_by_label("Day").fill(date.today().isoformat())
    page.get_by_label("Page reached").fill("121")
    page.get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Log reading").click()
    expect(page.get_by_text("On your shelf: reading")).to_be_visible()
    expect(page.get_by_text("Page 121 of 221 (55%)")).to_be_visible()

    page.get_by_role("link", name="My reading").first.click()
    reading = page.get_by_role("region", name=re.compile("^Reading"))
    expect(reading.get_by_role("link", name="Birth of Our Power")).to_be_visible()
    expect(reading.get_by_text("Page 121 of 221 (55%)")).to_be_visible()
    expect(page.get_by_role("cell", name="45 min")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.goto("/works/birth-of-our-power/")
    expect(page.get_by_text("Page 121 of 221")).to_have_count(0)
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def test_readers_pages_have_no_serious_accessibility_violations(browser, server, axe_path):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, bypass_csp=True)
    page = context.new_page()
    found = []
    for path in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        page.goto(path)
        found += serious_violations(page, axe_path)
    sign_up(page, "axel")
    page.goto("/guides/")
    page.get_by_role("link", name="Victor Serge: a reading guide").click()
    page.get_by_role("link", name="Plan this guide").click()
    found += serious_violations(page, axe_path)
    page.get_by_label("Start on").fill(date.today().isoformat())
    page.get_by_label("Pages a day").fill("30")
    page.get_by_role("button", name="Make the plan").click()
    page.wait_for_selector("table.sessions")
    found += serious_violations(page, axe_path)
    page.goto("/guides/")
    page.get_by_role("link", name="Victor Serge: a reading guide").click()
    page.get_by_role("link", name="Start a study group").click()
    found += serious_violations(page, axe_path)
    page.get_by_label("Name of the group").fill("Tuesday circle")
    page.get_by_label("Meeting dates").fill(date.today().isoformat())
    page.get_by_role("button", name="Start the group").click()
    page.wait_for_selector("h1:has-text('Tuesday circle')")
    found += serious_violations(page, axe_path)
    for path in (
        "/reading/",
        "/reading/statistics/",
        "/accounts/settings/",
        "/accounts/password/change/",
        "/plans/",
        "/groups/",
        "/works/birth-of-our-power/",
    ):
        page.goto(path)
        found += serious_violations(page, axe_path)
    context.close()
    assert found == []
