"""An OPDS 1.2 catalog of the guides, for reading apps that browse catalogs.

``/opds/`` is the navigation feed: one entry a guide, leading to its acquisition
feed. ``/opds/guides/<slug>/`` lists the guide's works in its order, a page of 100 at
a time (``rel="next"``/``"previous"``), each with its authors, year, the editor's
annotation as its summary, a link to its page and, where the guide links to the text
on the web, an open-access acquisition link. Built on Django's syndication framework,
like the Atom feed of recent works.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from readingroom.catalog.models import Guide, GuideEntry, Work

from .markdown import render_markdown

NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
PAGE_SIZE = 100


class _OPDSFeed(Atom1Feed):
    """Atom with OPDS's links: where the catalog starts, and between pages."""

    kind = NAVIGATION

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.links: list[tuple[str, str, str]] = kwargs.pop("opds_links", [])
        super().__init__(*args, **kwargs)
        self.content_type = f"{self.kind};charset=utf-8"

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:dc": "http://purl.org/dc/terms/"}

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        start = self.links[0][1] if self.links else "/opds/"
        handler.addQuickElement("link", "", {"rel": "start", "href": start, "type": NAVIGATION})
        for rel, href, kind in self.links:
            handler.addQuickElement("link", "", {"rel": rel, "href": href, "type": kind})

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for rel, href, kind in item.get("opds_links", []):
            handler.addQuickElement("link", "", {"rel": rel, "href": href, "type": kind})
        for name in item.get("opds_authors", []):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item.get("opds_issued"):
            handler.addQuickElement("dc:issued", str(item["opds_issued"]))


class _Acquisition(_OPDSFeed):
    kind = ACQUISITION


class GuidesCatalog(Feed):
    """The navigation feed: every guide."""

    feed_type = _OPDSFeed
    title = "readingroom: reading guides"
    link = "/guides/"
    subtitle = "The catalog's reading guides, each a list of works in its editor's order."

    def feed_extra_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"opds_links": [("self", reverse("opds"), NAVIGATION)]}

    def items(self) -> list[Guide]:
        return list(Guide.objects.order_by("title", "pk"))

    def item_title(self, item: Guide) -> str:
        return item.title

    def item_description(self, item: Guide) -> str:
        return str(render_markdown(item.description)) if item.description else item.subtitle

    def item_link(self, item: Guide) -> str:
        return reverse("opds-guide", args=[item.slug])

    def item_extra_kwargs(self, item: Guide) -> dict[str, Any]:
        href = reverse("opds-guide", args=[item.slug])
        return {"opds_links": [("subsection", href, ACQUISITION)]}


class GuideCatalog(Feed):
    """The acquisition feed of one guide: its works in order, a page at a time."""

    feed_type = _Acquisition

    def get_object(self, request: HttpRequest, slug: str) -> tuple[Guide, int, int]:
        guide = get_object_or_404(Guide, slug=slug)
        page = request.GET.get("page", "1")
        number = int(page) if page.isdigit() and 0 < len(page) < 7 else 1
        return guide, max(number, 1), guide.entries.count()

    def title(self, obj: tuple[Guide, int, int]) -> str:
        return obj[0].title

    def link(self, obj: tuple[Guide, int, int]) -> str:
        return obj[0].get_absolute_url()

    def subtitle(self, obj: tuple[Guide, int, int]) -> str:
        return obj[0].subtitle

    def feed_extra_kwargs(self, obj: tuple[Guide, int, int]) -> dict[str, Any]:
        guide, number, total = obj
        here = reverse("opds-guide", args=[guide.slug])
        links = [
            ("start", reverse("opds"), NAVIGATION),
            ("self", f"{here}?page={number}", ACQUISITION),
        ]
        if number > 1:
            links.append(("previous", f"{here}?page={number - 1}", ACQUISITION))
        if number * PAGE_SIZE < total:
            links.append(("next", f"{here}?page={number + 1}", ACQUISITION))
        return {"opds_links": links}

    def items(self, obj: tuple[Guide, int, int]) -> list[GuideEntry]:
        guide, number, _ = obj
        start = (number - 1) * PAGE_SIZE
        entries = guide.entries.order_by("order").select_related("work")
        return list(
            entries.prefetch_related("work__contributions__author")[start : start + PAGE_SIZE]
        )

    def item_title(self, item: GuideEntry) -> str:
        return item.work.title

    def item_description(self, item: GuideEntry) -> str:
        text = item.note or item.work.annotation
        return str(render_markdown(text)) if text else ""

    def item_link(self, item: GuideEntry) -> str:
        return item.work.get_absolute_url()

    def item_guid(self, item: GuideEntry) -> str:
        return f"urn:readingroom:work:{item.work.slug}"

    def item_extra_kwargs(self, item: GuideEntry) -> dict[str, Any]:
        work: Work = item.work
        links = [("alternate", work.get_absolute_url(), "text/html")]
        if work.link:
            links.append((OPEN_ACCESS, work.link, "text/html"))
        authors = [c.author.name for c in sorted(work.contributions.all(), key=lambda c: c.order)]
        return {"opds_links": links, "opds_authors": authors, "opds_issued": work.year}
