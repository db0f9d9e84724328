"""Writing the catalog back out in the guide-text format."""

from __future__ import annotations

from django.db.models import F, QuerySet

from readingroom.guidetext import (
    AuthorEntry,
    Encoding,
    GuideText,
    TextLayout,
    WorkEntry,
    encode_guide,
    write_guide,
)
from readingroom.guidetext.encoding import ENCODINGS

from .models import Author, Contribution, GuideEntry, Source, Work


def _sections() -> dict[int, str | None]:
    """Each work's section in the guide made from the work's own source file."""
    entries = GuideEntry.objects.filter(guide__source=F("work__source"))
    return dict(entries.values_list("work_id", "section"))


def _work_entry(work: Work, section: str | None) -> WorkEntry:
    return WorkEntry(
        title=work.title,
        year=work.year,
        year_end=work.year_end,
        pages=work.pages,
        annotation=work.annotation,
        section=section,
        raw=work.source_text,
    )


def _layout(authors: list[Author]) -> tuple[TextLayout, Encoding]:
    """A single source's own conventions; the canonical ones for a mix."""
    source_ids = {a.source_id for a in authors}
    if len(source_ids) == 1 and None not in source_ids:
        source = Source.objects.only("encoding", "newline", "final_newline").get(
            pk=source_ids.pop()
        )
        encoding = source.encoding if source.encoding in ENCODINGS else "utf-8"
        return TextLayout(source.newline, source.final_newline), encoding  # type: ignore[return-value]
    return TextLayout(), "utf-8"


def ordered_authors(queryset: QuerySet[Author] | None = None) -> list[Author]:
    """Authors in their guides' order: by source file, then as the file lists them."""
    queryset = Author.objects.all() if queryset is None else queryset
    return list(
        queryset.order_by(F("source__name").asc(nulls_last=True), "position", "sort_name", "slug")
    )


def export_guide(authors: list[Author]) -> bytes:
    """The guide text for these authors and the works they lead, encoded as imported."""
    sections = _sections()
    entries: list[AuthorEntry] = []
    for index, author in enumerate(authors):
        works = Work.objects.filter(
            contributions__author=author,
            contributions__order=0,
            contributions__role=Contribution.Role.AUTHOR,
        )
        entries.append(
            AuthorEntry(
                name=author.name,
                name_inferred=author.name_inferred,
                biography=author.biography,
                works=[
                    _work_entry(w, sections.get(w.pk)) for w in works.order_by("position", "slug")
                ],
                # Only a file's first author can go without a heading line.
                has_heading=not (index == 0 and author.name_inferred),
            )
        )
    layout, encoding = _layout(authors)
    return encode_guide(write_guide(GuideText(entries, layout)), encoding)
