"""One export, whoever asks for it: `readingroom export` and the API's /api/exports/.

Both name a format and, optionally, a guide or an author by slug; both get the same
bytes from :func:`export`, and the same refusals (:class:`ExportRefused`) to show
in their own way (a one-line error and exit status 1, or a 400 or 404 answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.formats import catalog_json
from readingroom.formats.records import ListGuide
from readingroom.formats.registry import WRITERS

# guide: the plain-text format; json: the complete dump; then the bibliographic writers.
FORMATS = ("guide", "json", *WRITERS)


class ExportRefused(Exception):
    """An export that cannot be made as asked (two selections, a dump of a part)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NothingToExport(ExportRefused):
    """The guide or author named is not in the catalog."""


@dataclass(frozen=True)
class Export:
    data: bytes
    # Works a whole-catalog guide-text export leaves out: no author is credited first.
    left_out: int = 0


def records(author_slug: str | None, guide_slug: str | None) -> ListGuide:
    """The core records an export writes: one guide's, one author's works, or every work."""
    from .exporter import guide_records, works_records
    from .models import Author, Guide, Work

    if author_slug and guide_slug:
        raise ExportRefused("give --author or --guide, not both")
    if guide_slug:
        guide = Guide.objects.filter(slug=guide_slug).first()
        if guide is None:
            raise NothingToExport(f"no guide with the slug {guide_slug!r}")
        return guide_records(guide)
    if author_slug:
        author = Author.objects.filter(slug=author_slug).first()
        if author is None:
            raise NothingToExport(f"no author with the slug {author_slug!r}")
        return works_records(author.works.order_by("position", "pk").distinct())
    return works_records(Work.objects.order_by("title", "pk"))


def export(format_: str, author_slug: str | None = None, guide_slug: str | None = None) -> Export:
    """The catalog, a guide (version 2 of the guide format) or an author's works in
    one of :data:`FORMATS`; with neither, the guide format writes every author with
    the works they lead (version 1: a file imported unchanged comes back byte for byte)."""
    from .dump import catalog_dump
    from .exporter import (
        export_guide,
        export_guide_list,
        ordered_authors,
        works_without_lead_author,
    )
    from .models import Author, Guide

    if format_ not in FORMATS:
        raise NothingToExport(f"no export format {format_!r} (one of {', '.join(FORMATS)})")
    if format_ in WRITERS:
        return Export(WRITERS[format_](records(author_slug, guide_slug)).encode())
    if format_ == "json":
        if author_slug or guide_slug:
            raise ExportRefused(
                "--author and --guide apply to --format guide; the JSON dump is always complete"
            )
        return Export(catalog_json.dumps(catalog_dump()).encode("utf-8"))
    if guide_slug:
        if author_slug:
            raise ExportRefused("give --author or --guide, not both")
        guide = Guide.objects.filter(slug=guide_slug).first()
        if guide is None:
            raise NothingToExport(f"no guide with the slug {guide_slug!r}")
        return Export(export_guide_list(guide))
    authors = ordered_authors(Author.objects.filter(slug=author_slug) if author_slug else None)
    if author_slug and not authors:
        raise NothingToExport(f"no author with the slug {author_slug!r}")
    left_out = 0 if author_slug else works_without_lead_author()
    return Export(export_guide(authors), left_out)
