"""Details a reader or an editor meets on every page: references between elements,
the icon, the sitemap, unknown page counts, the page for a refused request."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from readingroom.catalog.models import Work

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/authors/serge/", "/works/birth-of-our-power/", "/guides/sample-guide/",
    "/guides/victor-serge-a-reading-guide/", "/search/?q=revolution", "/search/?q=Serje",
    "/settings/reading/", "/nope/",
]  # fmt: skip
ID_LISTS = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-owns")


class _References(HTMLParser):
    """The ids a page defines and the ids its elements point at."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ID_LISTS:
            self.references += [(name, id_) for id_ in attributes.get(name, "").split()]
        if tag == "label" and attributes.get("for"):
            self.references.append(("for", attributes["for"]))
        if attributes.get("href", "").startswith("#") and len(attributes["href"]) > 1:
            self.references.append(("href", attributes["href"][1:]))
        if attributes.get("data-results"):
            self.references.append(("data-results", attributes["data-results"]))


def _dangling(html: str) -> list[tuple[str, str]]:
    page = _References()
    page.feed(html)
    return [(name, id_) for name, id_ in page.references if id_ not in page.ids]


@pytest.mark.parametrize("as_editor", [False, True])
@pytest.mark.parametrize("url", PAGES)
def test_every_id_reference_resolves(editor_client, as_editor, url):
    client = editor_client if as_editor else Client()
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert _dangling(response.content.decode()) == []


def test_the_reading_speed_form_describes_its_fields_and_errors(seeded):
    html = seeded.get("/settings/reading/").content.decode()
    assert 'aria-describedby="id_words_per_page_helptext"' in html
    assert 'id="id_words_per_page_helptext"' in html
    refused = seeded.post("/settings/reading/", {"words_per_page": 0, "words_per_minute": "x"})
    html = refused.content.decode()
    assert 'aria-describedby="id_words_per_page_helptext id_words_per_page_error"' in html
    assert 'aria-invalid="true"' in html
    assert _dangling(html) == []


def test_the_site_has_an_icon(seeded):
    icon = seeded.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/vnd.microsoft.icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    html = seeded.get("/").content.decode()
    svg = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)[1]
    drawn = b"".join(seeded.get(svg).streaming_content)
    assert drawn.startswith(b"<svg")


def test_the_sitemap_lists_the_home_page(seeded):
    assert "<loc>http://testserver/</loc>" in seeded.get("/sitemap.xml").content.decode()


def test_unknown_page_counts_are_shown_as_unknown(seeded, editor_client):
    Work.objects.filter(slug="the-accumulation-of-capital").update(pages=None)
    editor = editor_client.get("/guides/sample-guide/").content.decode()
    entry = re.search(r"The Accumulation of Capital</a>.*?</li>", editor, re.S)[0]
    assert '<span class="missing">pages unknown</span>' in entry
    reader = seeded.get("/guides/sample-guide/").content.decode()
    assert "pages unknown" not in reader
    note = "1 work without a page count is not in the totals."
    assert note in reader
    assert note in editor
    author = editor_client.get("/authors/rosa-luxemburg/").content.decode()
    assert '<span class="missing">pages unknown</span>' in author
    assert note in author
    work = editor_client.get("/works/the-accumulation-of-capital/").content.decode()
    assert '<dd class="missing">pages unknown</dd>' in work
    assert "pages unknown" not in seeded.get("/works/the-accumulation-of-capital/").content.decode()


@pytest.mark.parametrize(
    "request_kwargs",
    [{"HTTP_HOST": "evil.example"}, {"path": "/search/?" + "&".join(["a=1"] * 1001)},
     {"path": "/search/?q=%00"}],
)  # fmt: skip
def test_a_refused_request_gets_a_page_in_the_site_style(seeded, request_kwargs):
    response = seeded.get(request_kwargs.pop("path", "/"), **request_kwargs)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert re.search(r'<link rel="stylesheet" href="/static/readingroom/site\.css">', html)
    assert 'class="brand"' in html
