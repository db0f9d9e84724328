"""The editorial checks in a real browser: an editor opens the seed guide's Checks
page, applies a spelling suggestion and ignores a problem; the public page shows the
fix, and importing the file again keeps the problem ignored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.checks.dictionary import english, missing_message
from tests.conftest import SEED

from .conftest import CHROMIUM, log_in, readingroom, serious_violations, serving

GUIDE = "Victor Serge: a reading guide"


@pytest.fixture(scope="module")
def checks_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not SEED.exists():
        pytest.skip(f"the seed guide is not present at {SEED}")
    if english() is None:
        pytest.skip(missing_message())
    data_dir = tmp_path_factory.mktemp("checks-data")
    readingroom(data_dir, "import", str(SEED), "--guide", GUIDE)
    readingroom(data_dir, "createuser", "ed", "--editor")
    with serving(data_dir) as url:
        yield url, data_dir


def test_an_editor_applies_a_suggestion_and_ignores_a_problem(  # type: ignore[no-untyped-def]
    browser, checks_site, axe_path
):
    url, data_dir = checks_site
    context = browser.new_context(
        base_url=url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    log_in(page)

    page.goto("/admin/catalog/guide/")
    page.get_by_role("link", name=GUIDE).click()
    page.get_by_role("link", name="What the editorial checks find").click()
    page.wait_for_selector("text=findings to look at")
    assert serious_violations(page, axe_path) == []
    row = page.locator("tr.finding", has_text="'recieved' is not in")
    assert "he <mark>recieved</mark> the same treatment" in row.inner_html()

    page.get_by_role("button", name="Apply the suggestion received for recieved in Serge").click()
    page.wait_for_selector("text=Applied: 'recieved' is now 'received' in Serge.")
    page.get_by_role("button", name="Ignore: the biography gives no year of death").click()
    page.wait_for_selector("text=Ignored: the biography gives no year of death.")
    assert page.locator("tr.finding", has_text="'recieved' is not in").count() == 0
    assert page.locator("details.ignored summary").inner_text() == "1 ignored"

    # The public page shows the fix.
    page.goto("/authors/serge/")
    biography = page.locator("article").inner_text()
    assert "he received the same treatment from Trotskyists" in biography
    assert "recieved" not in biography

    # The file imported again: the editor's fix stands, the problem stays ignored.
    said = readingroom(data_dir, "import", str(SEED), "--guide", GUIDE).decode()
    assert "the editorial checks found" in said
    page.goto("/admin/catalog/guide/")
    page.get_by_role("link", name=GUIDE).click()
    page.get_by_role("link", name="What the editorial checks find").click()
    page.wait_for_selector("text=findings to look at")
    assert page.locator("details.ignored summary").inner_text() == "1 ignored"
    open_rows = page.locator("tr.finding")
    texts = [open_rows.nth(i).inner_text() for i in range(open_rows.count())]
    assert not any("no year of death" in t for t in texts)
    assert not any("recieved" in t for t in texts)
    assert any("Orenberg" in t for t in texts)
    context.close()
