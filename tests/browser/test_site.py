"""The website in a real browser: what a reader and an editor see and do."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

from .conftest import log_in, serious_violations

SCREENSHOTS = ROOT / "docs" / "screenshots"


def test_author_page_shows_works_and_pages(page):
    page.goto("/authors/serge/")
    assert page.locator("h1").inner_text() == "Serge"
    assert page.locator("table.works tbody tr").count() == 5
    assert "5 works · 1,256 pages · about 23 h" in page.locator(".summary").inner_text()
    assert page.locator("table.works tfoot").inner_text().split()[:2] == ["5", "works"]


@pytest.mark.parametrize("query", ["tulayev", "Tulayv"])
def test_search_reaches_the_work(page, query):
    page.goto("/")
    page.get_by_label("Search the catalog").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.get_by_role("link", name="The Case of Comrade Tulayev").first.click()
    page.wait_for_url("**/works/the-case-of-comrade-tulayev/")
    assert page.locator("h1").inner_text() == "The Case of Comrade Tulayev"


def test_search_as_you_type(page):
    page.goto("/search/")
    page.locator("#search-q").press_sequentially("midnig", delay=40)
    # On a busy machine a pause between keys sends a search for the start ("m"), whose
    # results hold the title too: the last search has answered once the address shows it.
    expect(page).to_have_url(re.compile("q=midnig"))
    page.wait_for_selector("text=Midnight in the Century")


def _edit_name(page, name: str, sort_name: str) -> None:
    page.goto("/authors/serge/")
    page.get_by_role("link", name="Edit author").click()
    page.get_by_label("Name:", exact=True).fill(name)
    page.get_by_label("Sort name:").fill(sort_name)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=was changed successfully")


def test_editor_completes_serges_name(page):
    log_in(page)
    page.goto("/authors/serge/")
    assert page.locator(".badge", has_text="name incomplete").is_visible()
    _edit_name(page, "Victor Serge", "Serge, Victor")
    page.goto("/authors/serge/")
    assert page.locator("h1").inner_text() == "Victor Serge"
    assert page.locator(".badge", has_text="name incomplete").count() == 0
    # Put the seed's state back for the other tests, which share this server.
    _edit_name(page, "Serge", "Serge")


def test_keyboard_navigation(page):
    page.goto("/authors/serge/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert "Memoirs of a Revolutionary" in reached
    # Focus is always visible: the outline style is set for focused links.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize(
    "path",
    ["/", "/authors/serge/", "/works/birth-of-our-power/", "/guides/sample-guide/",
     "/search/?q=revolution", "/search/?q=Serje", "/settings/reading/", "/nope/"],
)  # fmt: skip
def test_no_serious_accessibility_violations(browser, server, axe_path, path):
    # CSP forbids injected scripts, so this one context bypasses it to load axe.
    context = browser.new_context(base_url=server, bypass_csp=True)
    page = context.new_page()
    page.goto(path)
    serious = serious_violations(page, axe_path)
    context.close()
    assert serious == []


HIDDEN_SOURCE_LINKS = """() => [...document.querySelectorAll("ol.timeline-list a.source")]
    .filter(link => {
        link.scrollIntoView({block: "center"});
        const box = link.getBoundingClientRect();
        const there = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
        return box.width === 0 || !link.contains(there);
    })
    .map(link => link.closest("li").id)"""


@pytest.mark.parametrize("width", [1280, 375])
def test_timeline_screenshot(browser, server, width):
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/authors/serge/")
    life = page.locator("section.life")
    assert life.locator('svg.timeline a[href^="#event-"]').count() >= 20
    assert life.locator("ol.timeline-list li").first.inner_text().startswith("1909")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    life.screenshot(path=str(SCREENSHOTS / f"author-timeline-{width}.png"))
    # Every event's link to its sentence is drawn where a reader can click it.
    assert page.evaluate(HIDDEN_SOURCE_LINKS) == []
    # An event in the drawing leads to its line in the list, and that to its sentence.
    page.locator('svg.timeline a[href^="#event-"]').first.click()
    assert page.evaluate("location.hash") == "#event-1"
    page.locator("#event-1 a.source").click()
    assert page.evaluate("location.hash") == "#sentence-1"
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 1000), (375, 800)])
def test_screenshots(browser, server, width, height):
    context = browser.new_context(base_url=server, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto("/authors/serge/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"author-{width}.png"
    page.screenshot(path=str(path))
    context.close()
    assert path.stat().st_size > 10_000
    # Nothing spills sideways on a phone.
    if width == 375:
        context = browser.new_context(base_url=server, viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto("/authors/serge/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
