"""Writing the catalog back out in the guide-text format: authors with their works
(version 1, as their files were written), or one guide across authors (version 2)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from readingroom.formats.guide_v2 import is_version_2, write_guide_list
from readingroom.formats.guidefile import read_guide_format
from readingroom.formats.records import (
    SECTION_SEPARATOR,
    Contributor,
    ListEntry,
    ListGuide,
    split_compilers,
)
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

from .models import Author, Contribution, Edition, Guide, GuideEntry, Source, Work


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


def _layout(records: list[Author] | list[Guide]) -> tuple[TextLayout, Encoding]:
    """A single source's own conventions; the canonical ones for a mix."""
    source_ids = {r.source_id for r in records}
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


def _lead_credits() -> QuerySet[Contribution]:
    """The credits that make a work its author's in version 1: the first, as author."""
    return Contribution.objects.filter(order=0, role=Contribution.Role.AUTHOR)


def works_without_lead_author() -> int:
    """How many works no author leads, which a version 1 export cannot hold."""
    lead = _lead_credits().filter(work=OuterRef("pk"))
    return Work.objects.filter(~Exists(lead)).count()


def export_guide(authors: list[Author]) -> bytes:
    """The guide text for these authors and the works they lead, encoded as imported."""
    sections = _sections()
    entries: list[AuthorEntry] = []
    for index, author in enumerate(authors):
        works = Work.objects.filter(pk__in=_lead_credits().filter(author=author).values("work"))
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


def _list_entry(entry: GuideEntry) -> ListEntry:
    """The entry as its guide wrote it: where its work was merged from the guide's
    source into another's, with that source's annotation and paragraph."""
    work = entry.work
    listed = work_entry(
        work,
        entry.edition,
        part=entry.part or None,
        part_pages=entry.part_pages,
        importance=entry.importance,
        sections=tuple(entry.section.split(SECTION_SEPARATOR)) if entry.section else (),
    )
    said = work.merged_from(entry.source_id)
    if said is None:
        return listed
    return replace(listed, note=said.annotation, raw=str(said.fields.get("source_text", "")))


def work_entry(work: Work, edition: Edition | None = None, **guide: Any) -> ListEntry:
    """A work as the core records hold it, in the edition a guide cites (else the one
    its pages are from); ``guide`` adds what the guide says of reading it."""
    edition = edition or work.edition
    return ListEntry(
        title=work.title,
        contributors=[
            Contributor(c.author.name, c.role)
            for c in sorted(work.contributions.all(), key=lambda c: c.order)
        ],
        year=work.year,
        year_end=work.year_end,
        edition_year=edition.year if edition else None,
        pages=edition.pages if edition and edition.pages is not None else work.pages,
        publisher=edition.publisher or None if edition else None,
        place=edition.place or None if edition else None,
        url=work.url or None,
        isbn=edition.isbn or None if edition else None,
        language=edition.language or None if edition else None,
        note=work.annotation,
        raw=work.source_text,
        **guide,
    )


def works_records(works: QuerySet[Work]) -> ListGuide:
    """Works outside any one guide (an author's, the catalog's) as core records."""
    entries = works.select_related("edition").prefetch_related("contributions__author")
    return ListGuide(entries=[work_entry(work) for work in entries.iterator(chunk_size=2000)])


def guide_records(guide: Guide) -> ListGuide:
    """A guide as the core records: its entries in order, each with its work, and
    the notes on the people its own source brought in (another source's author is
    that source's to write)."""
    entries = (
        guide.entries.select_related("work__edition", "edition")
        .prefetch_related("work__contributions__author", "work__merged")
        .order_by("order")
    )
    records = ListGuide(
        title=guide.title,
        subtitle=guide.subtitle or None,
        compilers=split_compilers(guide.compilers),
        date=guide.date or None,
        introduction=guide.description,
        closing=guide.closing,
        entries=[_list_entry(entry) for entry in entries],
    )
    if guide.source_id is not None:
        credited = Author.objects.filter(
            source_id=guide.source_id, contributions__work__guide_entries__guide=guide
        )
        for name, biography in (
            credited.exclude(biography="")
            .order_by("position", "pk")
            .values_list("name", "biography")
        ):
            records.author_notes.setdefault(name, biography)
    return records


def export_guide_list(guide: Guide) -> bytes:
    """One guide across authors in version 2 of the guide format, in its source's
    encoding and line breaks: the source itself, byte for byte, while the catalog
    still says what it says."""
    layout, encoding = _layout([guide])
    text = write_guide_list(guide_records(guide))
    original = guide.source.text if guide.source is not None else ""
    if is_version_2(original):
        said = read_guide_format(original)
        # A note on an author another source brought in was never the guide's to keep.
        owned = set(Author.objects.filter(source=guide.source).values_list("name", flat=True))
        said.author_notes = {n: v for n, v in said.author_notes.items() if n in owned}
        if write_guide_list(said) == text:
            return encode_guide(original, encoding)
    if not layout.final_newline:
        text = text.removesuffix("\n")
    return encode_guide(text.replace("\n", layout.newline), encoding)
