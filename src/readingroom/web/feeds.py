"""An Atom feed of the works most recently added to the catalog.

Each entry's summary is HTML (`type="html"`): the annotation rendered and sanitized
exactly as on the work's page, so a feed reader gets nothing a page would not show.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from readingroom.catalog.models import Work
from readingroom.guidetext.writer import format_years
from readingroom.reading import format_duration, format_pages, reading_minutes

from .markdown import render_markdown


class RecentWorksFeed(Feed):
    feed_type = Atom1Feed
    title = "readingroom: recently added works"
    link = "/"
    subtitle = "Works newly added to the reading guides."

    def items(self) -> list[Work]:
        return list(
            Work.objects.prefetch_related("contributions__author").order_by("-created_at", "-pk")[
                :50
            ]
        )

    def item_title(self, item: Work) -> str:
        authors = ", ".join(c.author.name for c in item.contributions.all())
        year = f" ({format_years(item.year, item.year_end)})" if item.year else ""
        return f"{item.title}{year} — {authors}" if authors else f"{item.title}{year}"

    def item_description(self, item: Work) -> str:
        parts = []
        if item.pages:
            length = f"{format_pages(item.pages)}, {format_duration(reading_minutes(item.pages))}."
            parts.append(format_html("<p>{}</p>", length))
        if item.annotation:
            parts.append(render_markdown(item.annotation))
        return "".join(parts)

    def item_pubdate(self, item: Work) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Work) -> datetime:
        return item.edited_at or item.created_at
