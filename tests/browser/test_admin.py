"""The editors' admin in a real browser: saves that keep the text, pages that fit."""

from __future__ import annotations

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
