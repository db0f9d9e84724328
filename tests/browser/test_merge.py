"""One catalog, in a real browser: the sample guide, then the seed; an editor completes
the seed's "Serge" to "Victor Serge" and merges the two through the admin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED

from .conftest import CHROMIUM, log_in, readingroom, serving

SHARED = ("Memoirs of a Revolutionary", "Midnight in the Century", "The Case of Comrade Tulayev")


@pytest.fixture(scope="module")
def merge_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own, loaded in the order of the issue: sample guide, then seed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not SEED.exists():
        pytest.skip(f"the seed guide is not present at {SEED}")
    data_dir = tmp_path_factory.mktemp("merge-data")
    readingroom(data_dir, "demo")
    readingroom(data_dir, "import", str(SEED), "--guide", "Victor Serge: a reading guide")
    readingroom(data_dir, "createuser", "ed", "--editor")
    with serving(data_dir) as url:
        yield url, data_dir


def test_an_editor_renames_serge_and_merges_him_in_one_action(browser, merge_site):  # type: ignore[no-untyped-def]
    url, data_dir = merge_site
    context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page)

    page.goto("/authors/serge/")
    page.get_by_role("link", name="Edit author").click()
    page.get_by_label("Name:", exact=True).fill("Victor Serge")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=was changed successfully")

    page.goto("/admin/catalog/author/")
    page.get_by_role("link", name="Likely duplicates").click()
    page.get_by_role(
        "button", name="Merge Victor Serge (serge) into Victor Serge (victor-serge)"
    ).click()
    page.wait_for_selector("text=merged author 'serge' into 'victor-serge'")

    # One Victor Serge, with five works; the old slug leads to him.
    page.goto("/authors/serge/")
    assert page.url == f"{url}/authors/victor-serge/"
    assert page.locator("h1").inner_text() == "Victor Serge"
    assert readingroom(data_dir, "duplicates").decode().strip() == "0 likely duplicates"
    exported = readingroom(data_dir, "export", "--format", "guide", "--author", "victor-serge")
    assert exported.decode().count(" pages") == 5

    for title in SHARED:
        # One search result per work, and each of the two guides' annotations on its page.
        page.goto(f"/search/?q={title.replace(' ', '+')}")
        assert page.get_by_role("link", name=title, exact=True).count() == 1
        page.get_by_role("link", name=title, exact=True).click()
        guides = page.locator(".in-guides > li")
        assert guides.count() == 2
        names = [guides.nth(i).locator("a").first.inner_text() for i in range(2)]
        assert sorted(names) == ["A readingroom sample guide", "Victor Serge: a reading guide"]
    page.goto("/works/the-case-of-comrade-tulayev-2/")  # the seed's, now the sample's
    assert page.url == f"{url}/works/the-case-of-comrade-tulayev/"
    text = page.locator("article").inner_text()
    assert "a novel of the purges that begins with a single shot" in text  # the sample's
    context.close()
