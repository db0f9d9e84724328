"""Importing a guide file into the catalog: one transaction, idempotent, in place.

Importing the same bytes twice writes nothing. Importing an edited file updates
the records it produced before — matched by name or title, then by position —
so their ids and slugs (and every link to them) survive the edit.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from readingroom.guidetext import (
    AuthorEntry,
    Problem,
    WorkEntry,
    decode_guide,
    parse_guide,
    sort_name,
)

from .models import Author, Contribution, Guide, GuideEntry, Source, Work
from .slugs import unique_slug

_AUTHOR_FIELDS = ("name", "sort_name", "name_inferred", "biography")
_WORK_FIELDS = ("title", "year", "year_end", "pages", "annotation", "source_text")
_PLACE_FIELDS = ("source", "line_start", "line_end", "position")
# Keeps IN (...) lists under SQLite's limit on bound parameters.
_CHUNK = 10_000


class ImportRefused(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class ImportReport:
    source: str
    status: str = "unchanged"
    authors: Counter[str] = field(default_factory=Counter)
    works: Counter[str] = field(default_factory=Counter)
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{n} {what}" for what, n in sorted(counter.items()) if n) or "none"

        if self.status == "unchanged":
            return f"{self.source}: unchanged"
        return (
            f"{self.source}: {self.status} — authors: {counts(self.authors)}; "
            f"works: {counts(self.works)}"
        )


def _changed(record: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def _work_values(entry: WorkEntry, source: Source, position: int) -> dict[str, object]:
    return {
        "title": entry.title,
        "year": entry.year,
        "year_end": entry.year_end,
        "pages": entry.pages,
        "annotation": entry.annotation,
        "source_text": entry.raw,
        "source": source,
        "line_start": entry.line_start,
        "line_end": entry.line_end,
        "position": position,
    }


def _author_values(entry: AuthorEntry, source: Source, position: int) -> dict[str, object]:
    return {
        "name": entry.name,
        "sort_name": sort_name(entry.name),
        "name_inferred": entry.name_inferred,
        "biography": entry.biography,
        "source": source,
        "line_start": entry.line_start,
        "line_end": entry.line_end,
        "position": position,
    }


def _match(
    keys: list[str], previous: list[tuple[str, object]]
) -> list[object | None]:
    """Pair new items with previous ones by key, then leftovers by position."""
    by_key: dict[str, object] = {}
    for key, record in previous:
        by_key.setdefault(key, record)
    matched: list[object | None] = [by_key.pop(key, None) for key in keys]
    claimed = {id(r) for r in matched if r is not None}
    for index, (_, record) in enumerate(previous):
        if index < len(keys) and matched[index] is None and id(record) not in claimed:
            matched[index] = record
            claimed.add(id(record))
    return matched


class _Import:
    """The state of one file's import; see :func:`import_guide_bytes`."""

    def __init__(self, source: Source, report: ImportReport, previous: bool) -> None:
        self.source = source
        self.report = report
        self.previous = previous
        self.author_slugs: set[str] = set()
        self.work_slugs: set[str] = set()
        self.stale_authors: list[int] = []

    def load_slugs(self) -> None:
        self.author_slugs = set(Author.objects.values_list("slug", flat=True))
        self.work_slugs = set(Work.objects.values_list("slug", flat=True))

    def authors(self, entries: list[AuthorEntry]) -> list[Author]:
        previous = (
            list(Author.objects.filter(source=self.source).order_by("position"))
            if self.previous
            else []
        )
        matched = _match(
            [e.name.casefold() for e in entries], [(a.name.casefold(), a) for a in previous]
        )
        authors: list[Author] = []
        updated: list[Author] = []
        created: list[Author] = []
        for position, (entry, match) in enumerate(zip(entries, matched, strict=True)):
            values = _author_values(entry, self.source, position)
            author = match if isinstance(match, Author) else None
            if author is None:
                author = Author(
                    slug=unique_slug(entry.name, self.author_slugs, "author"), **values
                )
                created.append(author)
            elif _changed(author, values):
                updated.append(author)
            authors.append(author)
        Author.objects.bulk_create(created)
        Author.objects.bulk_update(updated, [*_AUTHOR_FIELDS, *_PLACE_FIELDS])
        kept = {a.pk for a in authors}
        self.stale_authors = [a.pk for a in previous if a.pk not in kept]
        self.report.authors.update(
            created=len(created),
            updated=len(updated),
            unchanged=len(authors) - len(created) - len(updated),
        )
        return authors

    def remove_stale_authors(self) -> None:
        """Delete authors the file no longer names, unless another guide still uses them."""
        stale = Author.objects.filter(pk__in=self.stale_authors, contributions__isnull=True)
        self.report.authors["removed"] += stale.delete()[1].get(Author._meta.label, 0)

    def works(self, authors: list[Author], entries: list[AuthorEntry]) -> list[Work]:
        previous_by_author: dict[int, list[Work]] = defaultdict(list)
        if self.previous:
            for contribution in (
                Contribution.objects.filter(work__source=self.source, order=0)
                .select_related("work")
                .order_by("work__position")
            ):
                previous_by_author[contribution.author_id].append(contribution.work)
        works: list[Work] = []
        created: list[Work] = []
        updated: list[Work] = []
        for author, entry in zip(authors, entries, strict=True):
            previous = previous_by_author.pop(author.pk, [])
            matched = _match(
                [w.title.casefold() for w in entry.works],
                [(w.title.casefold(), w) for w in previous],
            )
            for position, (work_entry, match) in enumerate(
                zip(entry.works, matched, strict=True)
            ):
                values = _work_values(work_entry, self.source, position)
                if isinstance(match, Work):
                    if _changed(match, values):
                        updated.append(match)
                    works.append(match)
                    continue
                work = Work(slug=unique_slug(work_entry.title, self.work_slugs, "work"), **values)
                work.first_author = author  # type: ignore[attr-defined]
                created.append(work)
                works.append(work)
        Work.objects.bulk_create(created)
        Contribution.objects.bulk_create(
            [Contribution(work=w, author=w.first_author) for w in created]  # type: ignore[attr-defined]
        )
        Work.objects.bulk_update(updated, [*_WORK_FIELDS, *_PLACE_FIELDS])
        removed = self.remove_stale_works({w.pk for w in works}) if self.previous else 0
        self.report.works.update(
            created=len(created),
            updated=len(updated),
            unchanged=len(works) - len(created) - len(updated),
            removed=removed,
        )
        return works

    def remove_stale_works(self, kept: set[int]) -> int:
        """Delete the works this source listed before and lists no more."""
        stale = [
            pk
            for pk in Work.objects.filter(source=self.source).values_list("pk", flat=True)
            if pk not in kept
        ]
        for start in range(0, len(stale), _CHUNK):
            Work.objects.filter(pk__in=stale[start : start + _CHUNK]).delete()
        return len(stale)

    def guide(self, title: str | None, works: list[Work], entries: list[WorkEntry]) -> None:
        guide = Guide.objects.filter(source=self.source).first()
        if guide is None:
            title = title or PurePath(self.source.name).stem
            slugs = set(Guide.objects.values_list("slug", flat=True))
            guide = Guide.objects.create(
                title=title, slug=unique_slug(title, slugs, "guide"), source=self.source
            )
        elif title and guide.title != title:
            guide.title = title
            guide.save(update_fields=["title"])
        notes = dict(guide.entries.values_list("work_id", "note"))
        guide.entries.all().delete()
        GuideEntry.objects.bulk_create(
            GuideEntry(
                guide=guide,
                work=work,
                order=order,
                section=entry.section,
                note=notes.get(work.pk, ""),
                source=self.source,
                line_start=entry.line_start,
                line_end=entry.line_end,
            )
            for order, (work, entry) in enumerate(zip(works, entries, strict=True), start=1)
        )
        guide.line_start = 1
        guide.line_end = self.source.text.count("\n") + 1
        guide.save(update_fields=["line_start", "line_end"])


def import_guide_bytes(
    name: str, data: bytes, guide_title: str | None = None, now: datetime | None = None
) -> ImportReport:
    """Import one guide file's bytes; raises GuideDecodeError or ImportRefused untouched."""
    decoded = decode_guide(data)
    result = parse_guide(decoded.text)
    if result.errors:
        raise ImportRefused(result.errors)
    report = ImportReport(name, warnings=result.warnings)
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        source = Source.objects.filter(name=name).first()
        guide = Guide.objects.filter(source=source).first() if source else None
        if source and source.sha256 == sha256 and guide and guide_title in (None, guide.title):
            return report
        report.status = "updated" if source else "created"
        previous = source is not None
        source = source or Source(name=name)
        source.sha256 = sha256
        source.imported_at = now or timezone.now()
        source.encoding = decoded.encoding
        source.newline = result.guide.layout.newline
        source.final_newline = result.guide.layout.final_newline
        source.text = decoded.text
        source.save()
        run = _Import(source, report, previous)
        run.load_slugs()
        authors = run.authors(result.guide.authors)
        works = run.works(authors, result.guide.authors)
        run.remove_stale_authors()
        run.guide(guide_title, works, result.guide.works)
    return report
