"""The author page's life timeline in Chromium, at a desktop's and a phone's width:
the seed's author (1909–1940) and one whose works span four centuries (1580, 1588,
1595 and a 1993 translation), with events of the times and an editor's event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

from .conftest import CHROMIUM, readingroom, serious_violations, serving

SCREENSHOTS = ROOT / "docs" / "screenshots"
MONTAIGNE = """\
Michel de Montaigne was born on 28 February 1533 at the Château de Montaigne, near \
Bordeaux. He sat in the Parlement of Bordeaux from 1557 to 1570. He was mayor of Bordeaux \
from 1581 to 1585. He died on 13 September 1592 at the Château de Montaigne.

Essais (1580): 500 pages, the first two books.

Essais, second edition (1588): 900 pages, with the third book.

Essais, posthumous edition (1595): 1100 pages, prepared by Marie de Gournay.

The Complete Essays (1993): 1344 pages, M. A. Screech's translation.
"""
# The seed's events of the times come from its biography; Montaigne's, and one of his
# travels, are rows an editor added.
EVENTS = """\
from readingroom.catalog.models import Author, LifeEvent
montaigne = Author.objects.get(slug="montaigne")
LifeEvent.objects.create(author=montaigne, start="1562", end="1598", label="the French Wars \
of Religion", origin="editor", kind="context")
LifeEvent.objects.create(author=montaigne, start="1580-06", end="1581-11", label="travelled \
to Rome through Switzerland and Germany", origin="editor", kind="travel")
"""
PAGES = {"seed": "/authors/serge/", "long-span": "/authors/montaigne/"}
LABEL_OVERLAPS = """() => {
    const boxes = [...document.querySelectorAll("svg.timeline .tick-label")]
        .map(label => [label.textContent, label.getBoundingClientRect()]);
    const overlaps = [];
    boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
        if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
            overlaps.push(a + " and " + b);
    }));
    return [boxes.length, overlaps];
}"""


@pytest.fixture(scope="module")
def timeline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not SEED.exists():
        pytest.skip(f"the seed guide is not present at {SEED}")
    data_dir = tmp_path_factory.mktemp("timeline-data")
    montaigne = data_dir / "montaigne.txt"
    montaigne.write_text(MONTAIGNE, encoding="utf-8")
    readingroom(data_dir, "import", str(SEED), "--guide", "Victor Serge: a reading guide")
    readingroom(data_dir, "import", str(montaigne), "--guide", "Montaigne")
    readingroom(data_dir, "manage", "shell", "-c", EVENTS)
    with serving(data_dir) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 375])
def test_timeline_labels_never_overlap(browser, timeline_server, axe_path, width):
    # axe-core is injected, which the CSP forbids: this context bypasses it.
    context = browser.new_context(
        base_url=timeline_server, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(path)
        count, overlaps = page.evaluate(LABEL_OVERLAPS)
        assert count >= 2, name
        assert overlaps == [], name
        # The page never scrolls sideways; the drawing does, inside its figure, and
        # says so only when it has to.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        overflows = page.locator(".timeline-scroll").evaluate("s => s.scrollWidth > s.clientWidth")
        assert overflows == (width < 800), name
        assert page.locator(".scroll-hint").is_visible() == overflows, name
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("section.life").screenshot(
            path=str(SCREENSHOTS / f"timeline-{name}-{width}.png")
        )
        assert serious_violations(page, axe_path) == [], name
    # The drawing breaks its axis across the empty centuries.
    assert page.locator("svg.timeline .axis-break").count() == 1
    assert page.locator("svg.timeline .band").count() == 1
    assert page.locator("svg.timeline .editor").count() == 1
    # The contents reach the works at once.
    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="Works").click()
    assert page.evaluate("location.hash") == "#works-heading"
    assert page.locator("#works-heading").is_visible()
    context.close()
