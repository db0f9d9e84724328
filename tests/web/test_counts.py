"""Counts read right on every page: "1 page", "1,256 pages", "1 work"."""

from __future__ import annotations

import re

import pytest

from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, Work

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def counts(seeded):
    """A one-page leaflet alone in its guide, and Tulayev at 1,256 pages."""
    author = Author.objects.create(name="Solo", sort_name="Solo", slug="solo")
    leaflet = Work.objects.create(title="Leaflet", slug="leaflet", year=1926, pages=1)
    Contribution.objects.create(work=leaflet, author=author)
    guide = Guide.objects.create(title="Tiny guide", slug="tiny-guide")
    GuideEntry.objects.create(guide=guide, work=leaflet, order=1)
    Work.objects.filter(slug="the-case-of-comrade-tulayev").update(pages=1256)
    return seeded


def test_counts_read_right_everywhere(counts):
    pages = {
        "feed": counts.get("/feeds/works.atom").content.decode(),
        "search leaflet": _text(counts.get("/search/?q=leaflet")),
        "search tulayev": _text(counts.get("/search/?q=tulayev")),
        "tiny guide": _text(counts.get("/guides/tiny-guide/")),
        "serge guide": _text(counts.get("/guides/victor-serge-a-reading-guide/")),
        "work": _text(counts.get("/works/leaflet/")),
        "author": _text(counts.get("/authors/solo/")),
        "home": _text(counts.get("/")),
    }
    for name, text in pages.items():
        assert not re.search(r"\b1 (pages|works|results)\b", text), name
        assert not re.search(r"\b\d{4,} (pages|works)\b", text), name  # no separator
    assert "&lt;p&gt;1 page, about 1 min.&lt;/p&gt;" in pages["feed"]
    assert "&lt;p&gt;1,256 pages, about 23 h" in pages["feed"]
    assert "1 result" in pages["search leaflet"]
    assert "1 page, about 1 min" in pages["search leaflet"]
    assert "1,256 pages, about 23 h" in pages["search tulayev"]
    assert "1 work · 1 page · about 1 min" in pages["tiny guide"]
    assert "1 page, about 1 min" in pages["tiny guide"]
    assert "1,256 pages, about 23 h" in pages["serge guide"]
    assert "Pages 1 page" in pages["work"]
    assert "1 work · 1 page · about 1 min" in pages["author"]
    assert "Tiny guide 1 work, 1 page, about 1 min" in pages["home"]
