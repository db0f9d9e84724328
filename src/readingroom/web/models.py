"""What the website stores: pages' costly parts, made once per change of the catalog."""

from __future__ import annotations

from django.db import models

from readingroom.catalog.models import Author, Guide


class AuthorPage(models.Model):
    """An author page's costly parts (web/authorpages.py).

    ``digest`` is of the biography and events the first group was made from;
    ``version`` the catalog version the works' totals and order and the drawing were.
    """

    author = models.OneToOneField(
        Author, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # The page's three big parts are kept as the UTF-8 bytes a response sends: a
    # view splices them in without decoding and encoding megabytes (web/splice.py).
    digest = models.CharField(max_length=64, blank=True)
    biography_html = models.BinaryField(default=bytes)
    events_html = models.BinaryField(default=bytes)
    event_count = models.PositiveIntegerField(default=0, help_text="Of the life, not the times.")
    editor_event_count = models.PositiveIntegerField(default=0)
    context_count = models.PositiveIntegerField(default=0, help_text="Events of the times.")
    description = models.TextField(blank=True)
    version = models.BigIntegerField(default=-1)
    timeline_svg = models.BinaryField(default=bytes)
    work_count = models.PositiveIntegerField(default=0)
    page_total = models.BigIntegerField(default=0)
    missing_pages = models.PositiveIntegerField(default=0)
    work_ids = models.BinaryField(default=bytes, help_text="The works' ids in page order.")

    def __str__(self) -> str:
        return f"page of {self.author_id}"


class GuidePage(models.Model):
    """A guide page's totals and sections (web/guidepages.py), made once per catalog
    version: counted over every entry, so a view of any page costs the same."""

    guide = models.OneToOneField(
        Guide, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=-1)
    entry_count = models.PositiveIntegerField(default=0)
    page_total = models.BigIntegerField(default=0)
    missing_pages = models.PositiveIntegerField(default=0)
    sections = models.JSONField(default=list, help_text="[section, first entry, count] runs.")

    def __str__(self) -> str:
        return f"page of guide {self.guide_id}"
