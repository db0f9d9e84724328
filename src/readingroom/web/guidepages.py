"""A guide page's totals and sections, stored once per catalog version.

Counting a guide's entries, their pages and its sections means reading every entry;
for a guide of 100,000 that is a few hundred milliseconds, too much for every view.
They are counted at the first view after the catalog changes, and stored.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from readingroom.catalog.models import CatalogVersion, Guide

from .models import GuidePage
from .sections import Section, section_runs
from .stored import store_unless_busy


class GuideParts:
    def __init__(self, page: GuidePage) -> None:
        self.entry_count: int = page.entry_count
        self.page_total: int = page.page_total
        self.missing_pages: int = page.missing_pages
        self._runs = [tuple(run) for run in page.sections]

    def sections(self, page_size: int) -> list[Section]:
        """Every section of the guide, in order, with the page it starts on."""
        # Runs stored before sections counted their pages have three fields.
        runs = [(*run, None)[:4] for run in self._runs]
        return [
            Section(name, number, first, count, (first - 1) // page_size + 1, pages)
            for number, (name, first, count, pages) in enumerate(runs, 1)
        ]


def _count(page: GuidePage, guide: Guide) -> None:
    # A part to read counts its own pages, not the whole work's.
    pages = Coalesce("part_pages", "work__pages")
    totals = guide.entries.aggregate(
        count=Count("pk"),
        page_total=Coalesce(Sum(pages), 0),
        missing=Count("pk", filter=Q(part_pages__isnull=True, work__pages__isnull=True)),
    )
    page.entry_count, page.page_total = totals["count"], totals["page_total"]
    page.missing_pages = totals["missing"]
    page.sections = [list(run) for run in section_runs(guide)]


def guide_parts(guide: Guide) -> GuideParts:
    """The guide's stored totals and sections, counted again first if the catalog changed."""
    version = CatalogVersion.current()
    page = GuidePage.objects.filter(guide_id=guide.pk).first()
    if page is None or page.version != version:
        page = page or GuidePage(guide_id=guide.pk)
        _count(page, guide)
        page.version = version
        store_unless_busy(page)
    return GuideParts(page)
