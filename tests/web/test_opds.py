"""The OPDS 1.2 catalog: guides to browse, each guide's works in order, a page at a time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from readingroom.catalog.models import Work
from readingroom.web.opds import ACQUISITION, NAVIGATION, OPEN_ACCESS

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def _links(element):
    return {
        (link.get("rel"), link.get("type")): link.get("href")
        for link in element.findall(f"{ATOM}link")
    }


def test_the_navigation_feed_leads_to_each_guide(seeded):
    response, feed = _feed(seeded, "/opds/")
    assert response["Content-Type"].startswith(NAVIGATION)
    assert _links(feed)[("start", NAVIGATION)] == "/opds/"
    entries = {e.findtext(f"{ATOM}title"): _links(e) for e in feed.findall(f"{ATOM}entry")}
    assert entries["Sample guide"][("subsection", ACQUISITION)] == "/opds/guides/sample-guide/"
    assert set(entries) == {"Sample guide", "Victor Serge: a reading guide"}


def test_a_guides_works_in_its_order_with_authors_and_annotations(seeded):
    work = Work.objects.get(slug="reform-or-revolution")
    work.url = "https://example.org/reform-or-revolution"
    work.save()
    response, feed = _feed(seeded, "/opds/guides/sample-guide/")
    assert response["Content-Type"].startswith(ACQUISITION)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 17
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Reform or Revolution"
    assert [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")] == ["Rosa Luxemburg"]
    assert first.findtext("{http://purl.org/dc/terms/}issued") == "1899"
    assert "Eduard Bernstein" in first.findtext(f"{ATOM}summary")
    links = _links(first)
    assert links[("alternate", "text/html")] == "/works/reform-or-revolution/"
    assert links[(OPEN_ACCESS, "text/html")] == "https://example.org/reform-or-revolution"
    assert ("next", ACQUISITION) not in _links(feed)


def test_a_long_guide_comes_a_page_at_a_time(seeded, monkeypatch):
    monkeypatch.setattr("readingroom.web.opds.PAGE_SIZE", 5)
    _, first = _feed(seeded, "/opds/guides/sample-guide/")
    assert _links(first)[("next", ACQUISITION)] == "/opds/guides/sample-guide/?page=2"
    _, last = _feed(seeded, "/opds/guides/sample-guide/?page=4")
    assert len(last.findall(f"{ATOM}entry")) == 2
    assert ("next", ACQUISITION) not in _links(last)
    assert _links(last)[("previous", ACQUISITION)] == "/opds/guides/sample-guide/?page=3"
    assert seeded.get("/opds/guides/no-such-guide/").status_code == 404
    _, odd = _feed(seeded, "/opds/guides/sample-guide/?page=x")
    assert len(odd.findall(f"{ATOM}entry")) == 5
