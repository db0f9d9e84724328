from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from readingroom.catalog.models import Author, Guide, Work


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


SITEMAPS = {"authors": AuthorSitemap, "works": WorkSitemap, "guides": GuideSitemap}
