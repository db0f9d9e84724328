"""The editors' admin in a real browser: saves that keep the text, pages that fit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED

from .conftest import loaded_data_dir, log_in, readingroom, serving


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own: these tests save records, and compare the export with the seed."""
    data_dir = loaded_data_dir(tmp_path_factory)
    with serving(data_dir) as url:
        yield url, data_dir


@pytest.fixture
def editor_page(browser, admin_site):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=admin_site[0], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page)
    yield page
    context.close()


def _export(data_dir: Path) -> bytes:
    return readingroom(data_dir, "export", "--format", "guide", "--author", "serge")


def test_saving_the_author_untouched_keeps_the_guide_byte_for_byte(editor_page, admin_site):
    data_dir = admin_site[1]
    assert _export(data_dir) == SEED.read_bytes()
    editor_page.goto("/authors/serge/")
    editor_page.get_by_role("link", name="Edit author").click()
    editor_page.get_by_role("button", name="Save", exact=True).click()
    editor_page.wait_for_selector("text=was changed successfully")
    assert _export(data_dir) == SEED.read_bytes()


PUBLIC_PAGES = {
    "author": "/authors/serge/",
    "work": "/works/birth-of-our-power/",
    "guide": "/guides/victor-serge-a-reading-guide/",
}


def _link(page, url: str, name: str | re.Pattern[str]) -> str:  # type: ignore[no-untyped-def]
    page.goto(url)
    return str(page.get_by_role("link", name=name).first.get_attribute("href"))


def _admin_urls(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The change pages of the seed's records, and the lists linked from them."""
    author, work, guide = (_link(page, url, f"Edit {kind}") for kind, url in PUBLIC_PAGES.items())
    events = _link(page, author, re.compile(r"Life events \(\d+\) — edit"))
    entries = _link(page, guide, re.compile(r"Guide entries \(\d+\) — edit"))
    event = _link(page, events, "expelled from Belgium")
    return [author, work, guide, events, entries, event]


# The page does not scroll sideways, nor does a list's table inside its box.
FITS = """() => [document.documentElement, ...document.querySelectorAll("#changelist .results")]
    .map(box => [box, box === document.documentElement ? innerWidth : box.clientWidth])
    .filter(([box, width]) => box.scrollWidth > width)
    .map(([box, width]) => `${box.className || "page"}: ${box.scrollWidth} px > ${width} px`)"""


@pytest.mark.parametrize("width", [1280, 375])
def test_admin_pages_fit_the_screen(editor_page, width):
    urls = _admin_urls(editor_page)
    refused: list[str] = []

    def csp_refusal(message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    editor_page.on("console", csp_refusal)
    editor_page.set_viewport_size({"width": width, "height": 900})
    for url in urls:
        editor_page.goto(url)
        assert editor_page.evaluate(FITS) == [], url
    assert refused == []
