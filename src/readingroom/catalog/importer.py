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
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from readingroom.guidetext import (
    AuthorEntry,
    Problem,
    WorkEntry,
    decode_guide,
    parse_guide,
    parse_work,
    sort_name,
)
from readingroom.search.index import reindex

from .bulk import insert_rows, insert_rows_returning_ids
from .models import Author, CatalogVersion, Contribution, Guide, GuideEntry, Source, Work
from .slugs import unique_slug
from .timelines import recompute

T = TypeVar("T")

_AUTHOR_FIELDS = ("name", "sort_name", "name_inferred", "biography")
_WORK_FIELDS = ("title", "year", "year_end", "pages", "annotation", "source_text")
_PLACE_FIELDS = ("source_id", "line_start", "line_end", "position")
_EDIT_FIELDS = ("edited_at", "edited_by")
_CONTENT_FIELDS: dict[type, tuple[str, ...]] = {Author: _AUTHOR_FIELDS, Work: _WORK_FIELDS}
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
    conflicts: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{n} {what}" for what, n in sorted(counter.items()) if n) or "none"

        if self.status == "unchanged":
            return f"{self.source}: unchanged"
        conflicts = f"; {len(self.conflicts)} editors' changes kept" if self.conflicts else ""
        return (
            f"{self.source}: {self.status} — authors: {counts(self.authors)}; "
            f"works: {counts(self.works)}{conflicts}"
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
        "source_id": source.pk,
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
        "source_id": source.pk,
        "line_start": entry.line_start,
        "line_end": entry.line_end,
        "position": position,
    }


def _match(keys: list[str], previous: list[tuple[str, T]]) -> list[T | None]:
    """Pair new items with previous ones by key, then leftovers by position."""
    by_key: dict[str, T] = {}
    for key, record in previous:
        by_key.setdefault(key, record)
    matched: list[T | None] = [by_key.pop(key, None) for key in keys]
    claimed = {id(r) for r in matched if r is not None}
    for index, (_, record) in enumerate(previous):
        if index < len(keys) and matched[index] is None and id(record) not in claimed:
            matched[index] = record
            claimed.add(id(record))
    return matched


def _insert(model: type[Author] | type[Work], rows: list[dict[str, object]]) -> list[int]:
    fields = list(rows[0]) if rows else []
    return insert_rows_returning_ids(model, fields, [tuple(row.values()) for row in rows])


class _Import:
    """The state of one file's import; see :func:`import_guide_bytes`."""

    def __init__(
        self, source: Source, report: ImportReport, previous_text: str | None, overwrite_edits: bool
    ) -> None:
        self.source = source
        self.report = report
        self.previous = previous_text is not None
        # What the previous version of the file said, to tell an editor's change
        # from a change in the file.
        self.previous_entries = parse_guide(previous_text).guide.authors if previous_text else []
        self.overwrite_edits = overwrite_edits
        self.touched_works: set[int] = set()
        self.touched_authors: set[int] = set()
        self.author_slugs = set(Author.objects.values_list("slug", flat=True))
        self.work_slugs = set(Work.objects.values_list("slug", flat=True))
        self.stale_authors: list[int] = []
        self.biographies_before: dict[int, str] = {}
        self.biographies_changed: set[int] = set()

    def update(
        self,
        record: Author | Work,
        values: dict[str, object],
        before: dict[str, object] | None,
        line: int,
    ) -> bool:
        """Apply the file's values, unless that would undo an editor's change.

        ``before`` is what the previous version of the file said of this record. An
        edited record keeps its edit; when the file changed the same record too,
        that is a conflict, and the report says so.
        """
        if record.edited_at is None or self.overwrite_edits:
            changed = _changed(record, values)
            if changed and record.edited_at is not None:
                record.edited_at, record.edited_by = None, None
            return changed
        content = _CONTENT_FIELDS[type(record)]
        file_changed = before is None or any(before[f] != values[f] for f in content)
        differs = [f for f in content if getattr(record, f) != values[f]]
        if file_changed and differs:
            self.report.conflicts.append(
                Problem(
                    f"'{record}' was edited in readingroom on {record.edited_at:%Y-%m-%d} "
                    f"({', '.join(differs)}) and changed in the file too; the edit was kept "
                    "(import with --overwrite-edits to take the file's version)",
                    line,
                    "warning",
                )
            )
        return _changed(record, {f: values[f] for f in _PLACE_FIELDS})

    def authors(self, entries: list[AuthorEntry]) -> list[int]:
        """Create or update the file's authors; returns their ids in file order."""
        previous = (
            list(Author.objects.filter(source=self.source).order_by("position"))
            if self.previous
            else []
        )
        matched = _match(
            [e.name.casefold() for e in entries], [(a.name.casefold(), a) for a in previous]
        )
        self.biographies_before = {a.pk: a.biography for a in previous}
        ids: list[int | None] = []
        updated: list[Author] = []
        created: list[dict[str, object]] = []
        for position, (entry, author) in enumerate(zip(entries, matched, strict=True)):
            values = _author_values(entry, self.source, position)
            if author is None:
                values["slug"] = unique_slug(entry.name, self.author_slugs, "author")
                values["created_at"] = self.source.imported_at
                created.append(values)
                ids.append(None)
                continue
            before = (
                _author_values(self.previous_entries[author.position], self.source, position)
                if author.position < len(self.previous_entries)
                else None
            )
            if self.update(author, values, before, entry.line_start):
                updated.append(author)
            ids.append(author.pk)
        new_ids = _insert(Author, created)
        Author.objects.bulk_update(updated, [*_AUTHOR_FIELDS, *_PLACE_FIELDS, *_EDIT_FIELDS])
        fresh = iter(new_ids)
        kept = [pk if pk is not None else next(fresh) for pk in ids]
        self.touched_authors.update(new_ids, (a.pk for a in updated))
        self.biographies_changed = set(new_ids) | {
            a.pk for a in updated if a.biography != self.biographies_before.get(a.pk)
        }
        self.stale_authors = [a.pk for a in previous if a.pk not in set(kept)]
        self.report.authors.update(
            created=len(created),
            updated=len(updated),
            unchanged=len(kept) - len(created) - len(updated),
        )
        return kept

    def remove_stale_authors(self) -> None:
        """Delete authors the file no longer names, unless another guide still uses them."""
        stale = Author.objects.filter(pk__in=self.stale_authors, contributions__isnull=True)
        self.report.authors["removed"] += stale.delete()[1].get(Author._meta.label, 0)

    def _previous_works(self) -> dict[int, list[Work]]:
        by_author: dict[int, list[Work]] = defaultdict(list)
        if self.previous:
            contributions = (
                Contribution.objects.filter(work__source=self.source, order=0)
                .select_related("work")
                .order_by("work__position")
            )
            for contribution in contributions:
                by_author[contribution.author_id].append(contribution.work)
        return by_author

    def works(self, author_ids: list[int], entries: list[AuthorEntry]) -> list[int]:
        """Create or update each author's works; returns their ids in file order."""
        previous_by_author = self._previous_works()
        ids: list[int | None] = []
        created: list[dict[str, object]] = []
        created_by: list[int] = []
        updated: list[Work] = []
        for author_id, entry in zip(author_ids, entries, strict=True):
            previous = previous_by_author.get(author_id, [])
            matched = _match(
                [w.title.casefold() for w in entry.works],
                [(w.title.casefold(), w) for w in previous],
            )
            for position, (work_entry, work) in enumerate(zip(entry.works, matched, strict=True)):
                values = _work_values(work_entry, self.source, position)
                if work is None:
                    values["slug"] = unique_slug(work_entry.title, self.work_slugs, "work")
                    values["created_at"] = self.source.imported_at
                    created.append(values)
                    created_by.append(author_id)
                    ids.append(None)
                    continue
                old = parse_work(work.source_text)
                before = _work_values(old, self.source, position) if old else None
                if self.update(work, values, before, work_entry.line_start):
                    updated.append(work)
                ids.append(work.pk)
        new_ids = _insert(Work, created)
        insert_rows(
            Contribution,
            ["work_id", "author_id", "role", "order"],
            [
                (work_id, author_id, "author", 0)
                for work_id, author_id in zip(new_ids, created_by, strict=True)
            ],
        )
        Work.objects.bulk_update(updated, [*_WORK_FIELDS, *_PLACE_FIELDS, *_EDIT_FIELDS])
        self.touched_works.update(new_ids, (w.pk for w in updated))
        fresh = iter(new_ids)
        kept = [pk if pk is not None else next(fresh) for pk in ids]
        removed = self.remove_stale_works(set(kept)) if self.previous else 0
        self.report.works.update(
            created=len(created),
            updated=len(updated),
            unchanged=len(kept) - len(created) - len(updated),
            removed=removed,
        )
        return kept

    def reindex(self) -> None:
        """Search documents for what changed; a renamed author renames their works' too."""
        renamed = Contribution.objects.filter(author_id__in=self.touched_authors)
        self.touched_works.update(renamed.values_list("work_id", flat=True))
        reindex(self.touched_works, self.touched_authors)

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

    def guide(self, title: str | None, work_ids: list[int], entries: list[WorkEntry]) -> None:
        """The guide this file is: its entries rebuilt in file order, editors' notes kept."""
        guide = Guide.objects.filter(source=self.source).first()
        if guide is None:
            title = title or PurePath(self.source.name).stem
            slugs = set(Guide.objects.values_list("slug", flat=True))
            guide = Guide(title=title, slug=unique_slug(title, slugs, "guide"), source=self.source)
        elif title:
            guide.title = title
        guide.line_start = 1
        guide.line_end = self.source.text.count("\n") + 1
        guide.save()
        notes = dict(guide.entries.values_list("work_id", "note"))
        guide.entries.all().delete()
        insert_rows(
            GuideEntry,
            [
                "guide_id",
                "work_id",
                "order",
                "section",
                "note",
                "source_id",
                "line_start",
                "line_end",
            ],
            [
                (
                    *(guide.pk, work_id, order, entry.section, notes.get(work_id, "")),
                    *(self.source.pk, entry.line_start, entry.line_end),
                )
                for order, (work_id, entry) in enumerate(zip(work_ids, entries, strict=True), 1)
            ],
        )


def import_guide_bytes(
    name: str,
    data: bytes,
    guide_title: str | None = None,
    now: datetime | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    """Import one guide file's bytes; raises GuideDecodeError or ImportRefused untouched.

    Records an editor changed since the last import keep the editor's change (the
    report lists each conflict) unless ``overwrite_edits`` is set.
    """
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
        previous_text = source.text if source else None
        source = source or Source(name=name)
        source.sha256 = sha256
        source.imported_at = now or timezone.now()
        source.encoding = decoded.encoding
        source.newline = result.guide.layout.newline
        source.final_newline = result.guide.layout.final_newline
        source.text = decoded.text
        source.save()
        run = _Import(source, report, previous_text, overwrite_edits)
        authors = run.authors(result.guide.authors)
        works = run.works(authors, result.guide.authors)
        run.remove_stale_authors()
        run.reindex()
        recompute(Author.objects.filter(pk__in=run.biographies_changed))
        CatalogVersion.bump()
        run.guide(guide_title, works, result.guide.works)
    return report
