"""The sitemap: the home page and every author, work and guide."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from readingroom.catalog.models import Author, Guide, Work


class PagesSitemap(Sitemap):
    """The pages that are no record's: the home page and the indexes of every author and
    guide."""

    def items(self) -> list[str]:
        return ["home", "authors", "guides"]

    def location(self, item: str) -> str:
        return reverse(item)


class _RecordSitemap(Sitemap):
    model: type[Author] | type[Work] | type[Guide]
    limit = 10_000

    def items(self) -> QuerySet[Author] | QuerySet[Work] | QuerySet[Guide]:
        return self.model.objects.order_by("pk")

    def lastmod(self, item: Author | Work | Guide) -> datetime:
        return item.edited_at or item.created_at


class AuthorSitemap(_RecordSitemap):
    model = Author


class WorkSitemap(_RecordSitemap):
    model = Work


class GuideSitemap(_RecordSitemap):
    model = Guide


SITEMAPS = {
    "pages": PagesSitemap,
    "authors": AuthorSitemap,
    "works": WorkSitemap,
    "guides": GuideSitemap,
}
