"""An editor at work while an import holds the catalog (SQLite's one writer).

Logging in, failing to log in and reading pages never wait for the import;
saving waits a few seconds and then says the catalog is busy, with Retry-After.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import EDITOR_PASSWORD, loaded_data_dir, serving


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data_dir = loaded_data_dir(tmp_path_factory)
    with serving(data_dir) as url:
        yield url, data_dir


@pytest.fixture
def import_running(busy_site) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Another process holds the write lock, as a long import does."""
    writer = sqlite3.connect(busy_site[1] / "readingroom.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_logins_and_pages_do_not_wait_for_an_import(browser, busy_site, import_running):
    context = browser.new_context(base_url=busy_site[0])
    page = context.new_page()
    page.set_default_timeout(4_000)  # less than the busy timeout a database write would wait
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("text=Please enter the correct username and password")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    assert page.goto("/authors/serge/").status == 200
    context.close()


def test_a_save_during_an_import_says_the_catalog_is_busy(browser, busy_site):
    context = browser.new_context(base_url=busy_site[0])
    page = context.new_page()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.goto("/authors/serge/")
    page.get_by_role("link", name="Edit author").click()
    page.locator("#id_name").fill("Victor Serge")
    writer = sqlite3.connect(busy_site[1] / "readingroom.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with page.expect_response(lambda r: r.request.method == "POST") as saved:
            page.get_by_role("button", name="Save", exact=True).click()
        response = saved.value
        assert (response.status, response.headers.get("retry-after")) == (503, "30")
        assert page.get_by_role("heading", name="The catalog is busy").is_visible()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    context.close()
