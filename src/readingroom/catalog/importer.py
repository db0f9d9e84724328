"""Importing a guide file into the catalog: one transaction, idempotent, in place, streamed.

Importing the same bytes twice writes nothing. Importing an edited file updates
the records it produced before — matched by name or title, then by position —
so their ids and slugs (and every link to them) survive the edit.

A file is read twice, piece by piece, and never held whole: first to check it
(nothing is written if it has errors), then, holding the catalog's write lock, to
write it a batch of authors at a time. Memory stays proportional to the largest
author's entry, not to the file.
"""

from __future__ import annotations

import io
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import BinaryIO, TypeVar

from django.utils import timezone

from readingroom.guidetext import AuthorEntry, Problem, WorkEntry, parse_work
from readingroom.guidetext.encoding import TextStream
from readingroom.guidetext.parser import GuideReader
from readingroom.guidetext.records import TextLayout
from readingroom.identity import Verdict
from readingroom.identity.people import Person, compare_people
from readingroom.identity.sorting import heading_sort_name
from readingroom.identity.titles import compare_titles
from readingroom.search.index import reindex
from readingroom.search.models import SearchDocument, SearchTerm

from .bulk import (
    CHUNK,
    LoadStatistics,
    chunks,
    delete_rows,
    insert_rows,
    insert_rows_returning_ids,
)
from .locking import write_transaction
from .models import (
    Author,
    Contribution,
    Guide,
    GuideEntry,
    LifeEvent,
    MergedRecord,
    Source,
    SourceChunk,
    Work,
)
from .signals import catalog_changed
from .slugs import SlugAllocator
from .timelines import recompute

T = TypeVar("T")

# What editors can change, and so what an import may find edited.
_AUTHOR_FIELDS = ("name", "sort_name", "name_inferred", "biography")
_WORK_FIELDS = ("title", "year", "year_end", "pages", "annotation")
# Where a record stands in the file, and (for works) the paragraph as written:
# always the file's, edited or not.
_PLACE_FIELDS = ("source_id", "line_start", "line_end", "position")
_WORK_PLACE_FIELDS = (*_PLACE_FIELDS, "source_text")
_EDIT_FIELDS = ("edited_at", "edited_by", "edited_by_name")
_CONTENT_FIELDS: dict[type, tuple[str, ...]] = {Author: _AUTHOR_FIELDS, Work: _WORK_FIELDS}
_PLACE: dict[type, tuple[str, ...]] = {Author: _PLACE_FIELDS, Work: _WORK_PLACE_FIELDS}
# A batch is written once it holds this many works or characters of text: bounded
# queries, bounded memory (a few authors with biographies of megabytes fill one).
BATCH_WORKS = 5_000
BATCH_CHARACTERS = 16_000_000
# The summary names this many of the authors an import merged (the warnings name each).
_NAMES_SHOWN = 10
# The tables an import adds rows to, whose statistics it keeps up to date (bulk.py).
_WRITTEN = (Author, Work, Contribution, GuideEntry, LifeEvent, SearchDocument, SearchTerm)
_ENTRY_COLUMNS = [
    "guide_id", "work_id", "order", "section", "note", "source_id", "line_start", "line_end",
]  # fmt: skip

# Told how far an import has come: a stage ("checking", "importing"), bytes done, bytes in all.
Progress = Callable[[str, int, int], None]


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
    # The file's authors merged with the catalog's (catalog/identitymerge.py), by name.
    merged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{n:,} {what}" for what, n in sorted(counter.items()) if n) or "none"

        if self.status in ("unchanged", "retitled"):
            return f"{self.source}: {self.status}"
        conflicts = f"; {len(self.conflicts)} editors' changes kept" if self.conflicts else ""
        merged = ""
        if self.merged:
            many, more = len(self.merged) > 1, len(self.merged) - _NAMES_SHOWN
            names = ", ".join(self.merged[:_NAMES_SHOWN]) + (
                f" and {more:,} more" if more > 0 else ""
            )
            merged = (
                f"; merged {len(self.merged):,} author{'s' if many else ''} into "
                f"{'existing records' if many else 'an existing record'}: {names}"
            )
        return (
            f"{self.source}: {self.status} — authors: {counts(self.authors)}; "
            f"works: {counts(self.works)}{conflicts}{merged}"
        )


@dataclass
class CheckedFile:
    """What the first reading of a file found: enough to decide, and to match authors."""

    sha256: str
    encoding: str
    layout: TextLayout
    lines: int
    size: int
    author_keys: list[str]
    warnings: list[Problem]


def _file_size(file: BinaryIO) -> int:
    position = file.tell()
    size = file.seek(0, io.SEEK_END)
    file.seek(position)
    return size


def _read(
    file: BinaryIO, progress: Progress | None, stage: str
) -> tuple[TextStream, Iterator[str]]:
    """The file's text as a stream of pieces, telling ``progress`` as they are read."""
    total = _file_size(file)
    file.seek(0)
    stream = TextStream(file)

    def pieces() -> Iterator[str]:
        for piece in stream:
            if progress:
                progress(stage, stream.size, total)
            yield piece

    return stream, pieces()


def check_guide_file(file: BinaryIO, progress: Progress | None = None) -> CheckedFile:
    """Read a guide file once without writing anything; raises GuideDecodeError or
    ImportRefused (with every error) if it cannot be imported."""
    stream, pieces = _read(file, progress, "checking")
    reader = GuideReader()
    keys = [author.name.casefold() for author in reader.authors(pieces)]
    errors = [p for p in reader.problems if p.severity == "error"]
    if errors:
        raise ImportRefused(errors)
    return CheckedFile(
        sha256=stream.sha256,
        encoding=stream.encoding,
        layout=reader.layout,
        lines=reader.lines,
        size=stream.size,
        author_keys=keys,
        warnings=reader.problems,
    )


def _changed(record: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def _work_values(entry: WorkEntry, source_id: int, position: int) -> dict[str, object]:
    return {
        "title": entry.title,
        "year": entry.year,
        "year_end": entry.year_end,
        "pages": entry.pages,
        "annotation": entry.annotation,
        "source_text": entry.raw,
        "source_id": source_id,
        "line_start": entry.line_start,
        "line_end": entry.line_end,
        "position": position,
    }


def _author_values(entry: AuthorEntry, source_id: int, position: int) -> dict[str, object]:
    return {
        "name": entry.name,
        "sort_name": heading_sort_name(entry.name),
        "name_inferred": entry.name_inferred,
        "biography": entry.biography,
        "source_id": source_id,
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


def title_in_file(work: Work) -> str:
    """The title the work's paragraph in the file gave it (``source_text``)."""
    parsed = parse_work(work.source_text)
    return parsed.title if parsed is not None else work.title


def _previous_title(work: Work | MergedRecord) -> str:
    return work.name_in_file if isinstance(work, MergedRecord) else title_in_file(work)


def _other_person(a: str, b: str) -> bool:
    return compare_people(Person.of(a), Person.of(b)).verdict is Verdict.DIFFERENT


def _other_work(a: str, b: str) -> bool:
    return compare_titles(a, b).verdict is Verdict.DIFFERENT


def _strangers(merged: MergedRecord, name: str, different: Callable[[str, str], bool]) -> bool:
    """Whether the file's record, in the place of one merged into another, is someone
    (or something) else: matched by place alone, it must not be judged different, or
    it would be folded into a record it has nothing to do with."""
    return merged.name_in_file.casefold() != name.casefold() and different(
        merged.name_in_file, name
    )


def update_merged(merged: MergedRecord, values: dict[str, object], name: str) -> bool:
    """Keep what the file now says of a record merged into another; whether it changed."""
    fields = {k: v for k, v in values.items() if k in merged.fields}
    place = {k: values[k] for k in ("line_start", "line_end", "position")}
    if merged.fields == {**merged.fields, **fields} and merged.name_in_file == name:
        if all(getattr(merged, k) == v for k, v in place.items()):
            return False
        MergedRecord.objects.filter(pk=merged.pk).update(**place)
        return False
    merged.fields = {**merged.fields, **fields}
    merged.name_in_file = name
    for key, value in place.items():
        setattr(merged, key, value)
    merged.save()
    return True


def _follow_biography(author_id: int, said: object, biography: str) -> bool:
    """The author a file's author was merged into took its biography (it had none of
    its own, and no editor has changed it since): it follows the file's new one."""
    if not isinstance(said, str) or said == biography:
        return False
    unedited = Author.objects.filter(pk=author_id, edited_at__isnull=True, biography=said)
    return unedited.update(biography=biography) > 0


def _biography_merged_in(author: Author) -> bool:
    """Whether the author's biography is one a merged record's file gave it (it had
    none of its own): its own file, still giving none, does not take it away."""
    if not author.biography or author.edited_at is not None:
        return False
    return MergedRecord.objects.filter(
        kind="author", author=author, fields__biography=author.biography
    ).exists()


def _insert(model: type[Author] | type[Work], rows: list[dict[str, object]]) -> list[int]:
    fields = list(rows[0]) if rows else []
    return insert_rows_returning_ids(model, fields, [tuple(row.values()) for row in rows])


@dataclass(frozen=True)
class _Previous:
    """An author the previous version of the file produced (the record, lightly)."""

    pk: int
    position: int
    edited: bool
    # Set when the file's author was merged into another (``pk``): the file then
    # updates what it said of them (the MergedRecord), never the author it became.
    merged: MergedRecord | None = None


class _Import:
    """Writing one checked file; see :func:`import_guide_file`."""

    def __init__(
        self, source: Source, report: ImportReport, checked: CheckedFile, overwrite_edits: bool
    ) -> None:
        self.source = source
        self.report = report
        self.checked = checked
        self.overwrite_edits = overwrite_edits
        self.author_slugs = SlugAllocator(Author, "author")
        self.work_slugs = SlugAllocator(Work, "work")
        self.kept_works = array("q")
        # The authors the file wrote (not those merged into another before): in its order.
        self.written_authors = array("q")
        self.entry_order = 0
        self.previous_authors: list[tuple[str, _Previous]] = []
        self.matched: list[_Previous | None] = []
        self.matched_ids: set[int] = set()
        self.previous_entries: dict[int, AuthorEntry] = {}
        # This source's works merged into others, by the work each became.
        self.merged_works: dict[int, list[MergedRecord]] = defaultdict(list)
        self.kept_merged: set[int] = set()
        self.claimed_works: set[tuple[type, int]] = set()
        self.guide: Guide | None = None
        self.statistics = LoadStatistics(Work, _WRITTEN)
        self.notes: dict[int, str] = {}
        self.added_entries: list[tuple[object, ...]] = []

    # The previous version of the file, read before its text is replaced.

    def remember_previous(self) -> None:
        """What the file produced last time: its authors, matched to the new ones by the
        name the file gave them (an editor may have renamed one since), then by
        position; and for those an editor changed, what the file said of them."""
        rows = list(
            Author.objects.filter(source=self.source)
            .order_by("position")
            .values_list("pk", "name", "position", "edited_at")
        )
        edited = {position for _, _, position, edited_at in rows if edited_at is not None}
        if edited:
            reader = GuideReader()
            for position, entry in enumerate(reader.authors(self.source.text_pieces())):
                if position in edited:
                    self.previous_entries[position] = entry
        previous = [
            (self._name_in_file(name, position).casefold(), _Previous(pk, position, bool(e)))
            for pk, name, position, e in rows
        ]
        for merged in MergedRecord.objects.filter(kind="author", source=self.source):
            previous.append(
                (
                    merged.name_in_file.casefold(),
                    _Previous(merged.author_id or 0, merged.position, False, merged),
                )
            )
        self.previous_authors = sorted(previous, key=lambda item: item[1].position)
        matched = _match(self.checked.author_keys, self.previous_authors)
        self.matched = [
            None if p is not None and p.merged and _strangers(p.merged, key, _other_person) else p
            for key, p in zip(self.checked.author_keys, matched, strict=True)
        ]
        for merged in MergedRecord.objects.filter(kind="work", source=self.source):
            self.merged_works[merged.work_id or 0].append(merged)
        # Only these authors can have works from the file's previous version.
        self.matched_ids = {p.pk for p in self.matched if p is not None}

    def _name_in_file(self, name: str, position: int) -> str:
        entry = self.previous_entries.get(position)
        return entry.name if entry is not None else name

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
                record.edited_at, record.edited_by, record.edited_by_name = None, None, ""
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
        return _changed(record, {f: values[f] for f in _PLACE[type(record)]})

    # Writing, a batch of authors at a time.

    def start_guide(self, title: str | None) -> None:
        """The guide this file is: its entries are rebuilt in file order, editors' notes
        kept; entries an editor added (works from elsewhere) follow the file's."""
        guide = Guide.objects.filter(source=self.source).first()
        if guide is None:
            title = title or PurePath(self.source.name).stem
            slug = SlugAllocator(Guide, "guide").allocate([title])[0]
            guide = Guide(title=title, slug=slug, source=self.source)
        elif title:
            guide.title = title
        guide.line_start = 1
        guide.line_end = max(self.checked.lines, 1)
        guide.save()
        self.notes = dict(guide.entries.exclude(note="").values_list("work_id", "note"))
        # The file's own entries are those from its lines (their work may have been
        # merged into one from elsewhere); the others an editor added.
        self.added_entries = list(
            guide.entries.exclude(source=self.source)
            .order_by("order")
            .values_list("work_id", "section", "note", "source_id", "line_start", "line_end")
        )
        delete_rows(guide.entries.all())
        self.guide = guide

    def finish_guide(self) -> None:
        """Entries an editor added to the guide, after the file's, in their own order."""
        assert self.guide is not None
        first = self.entry_order + 1
        rows = [
            (self.guide.pk, work_id, order, *rest)
            for order, (work_id, *rest) in enumerate(self.added_entries, first)
        ]
        insert_rows(GuideEntry, _ENTRY_COLUMNS, rows)

    def write(self, batch: list[tuple[int, AuthorEntry]]) -> None:
        if not batch:
            return
        created = self.report.works["created"]
        author_ids, bios_changed, renamed = self.write_authors(batch)
        work_ids, entries = self.write_works(author_ids, [entry for _, entry in batch])
        self.write_entries(work_ids, entries)
        renamed_works = Contribution.objects.filter(author_id__in=renamed).values_list(
            "work_id", flat=True
        )
        reindex([*work_ids, *renamed_works], author_ids)
        recompute(Author.objects.filter(pk__in=bios_changed))
        self.statistics.grew(self.report.works["created"] - created)

    def write_authors(
        self, batch: list[tuple[int, AuthorEntry]]
    ) -> tuple[list[int], list[int], list[int]]:
        """Create or update a batch's authors; returns their ids in file order, the ids
        of those whose biography changed and of those renamed."""
        previous = [self.matched[index] for index, _ in batch]
        # Locked (on PostgreSQL) until the import commits: an editor's save in between
        # waits for it rather than being overwritten by what was read before it.
        records = Author.objects.select_for_update().in_bulk(
            [p.pk for p in previous if p is not None]
        )
        ids: list[int | None] = []
        updated: list[Author] = []
        created: list[dict[str, object]] = []
        updated_merged = 0
        bios_changed: list[int] = []
        renamed: list[int] = []
        for (index, entry), match in zip(batch, previous, strict=True):
            values = _author_values(entry, self.source.pk, index)
            if match is None:
                created.append(values)
                ids.append(None)
                continue
            if match.merged is not None:
                ids.append(match.pk)
                said = match.merged.fields.get("biography")
                if update_merged(match.merged, values, entry.name):
                    updated_merged += 1
                    if _follow_biography(match.pk, said, entry.biography):
                        bios_changed.append(match.pk)
                continue
            author = records[match.pk]
            old_name, old_biography = author.name, author.biography
            before_entry = self.previous_entries.get(match.position)
            before = _author_values(before_entry, self.source.pk, index) if before_entry else None
            if not entry.biography and _biography_merged_in(author):
                values["biography"] = author.biography
            if self.update(author, values, before, entry.line_start):
                updated.append(author)
            if author.biography != old_biography:
                bios_changed.append(author.pk)
            if author.name != old_name:
                renamed.append(author.pk)
            ids.append(author.pk)
        slugs = self.author_slugs.allocate([str(values["name"]) for values in created])
        for values, slug in zip(created, slugs, strict=True):
            values.update(slug=slug, created_at=self.source.imported_at)
        new_ids = _insert(Author, created)
        Author.objects.bulk_update(updated, [*_AUTHOR_FIELDS, *_PLACE_FIELDS, *_EDIT_FIELDS])
        fresh = iter(new_ids)
        kept = [pk if pk is not None else next(fresh) for pk in ids]
        merged_into = {m.pk for m in previous if m is not None and m.merged is not None}
        self.written_authors.extend(pk for pk in kept if pk not in merged_into)
        changed = len(updated) + updated_merged
        self.report.authors.update(
            created=len(created), updated=changed, unchanged=len(kept) - len(created) - changed
        )
        return kept, [*new_ids, *bios_changed], renamed

    def _previous_works(self, author_ids: list[int]) -> dict[int, list[Work | MergedRecord]]:
        """The works each of these (previously imported) authors led in this source, and
        the works of this source merged into one they are credited for, in file order.

        Looked up by author, then narrowed to the source in Python: asked for both at
        once, SQLite walks every work of the source, a whole import's worth by the end.
        """
        by_author: dict[int, list[Work | MergedRecord]] = defaultdict(list)
        contributions = (
            Contribution.objects.filter(
                order=0, role=Contribution.Role.AUTHOR, author_id__in=author_ids
            )
            .select_related("work")
            .select_for_update(of=("self", "work"))
            .order_by("work__position")
        )
        for contribution in contributions:
            if contribution.work.source_id == self.source.pk:
                by_author[contribution.author_id].append(contribution.work)
        if self.merged_works:
            credits = Contribution.objects.filter(
                work_id__in=self.merged_works, author_id__in=author_ids, role="author"
            ).values_list("work_id", "author_id")
            for work_id, author_id in credits:
                by_author[author_id].extend(self.merged_works[work_id])
            for works in by_author.values():
                works.sort(key=lambda w: w.position)
        return by_author

    def write_works(
        self, author_ids: list[int], entries: list[AuthorEntry]
    ) -> tuple[list[int], list[WorkEntry]]:
        """Create or update each author's works; returns their ids and entries in file order."""
        previous_by_author = self._previous_works(sorted(self.matched_ids.intersection(author_ids)))
        ids: list[int | None] = []
        created: list[dict[str, object]] = []
        created_by: list[int] = []
        updated: list[Work] = []
        merged_updated = 0
        work_entries: list[WorkEntry] = []
        for author_id, entry in zip(author_ids, entries, strict=True):
            # An author named twice in a file, merged into one, has each work once.
            previous = [
                w
                for w in previous_by_author.get(author_id, [])
                if (type(w), w.pk) not in self.claimed_works
            ]
            # By the title the file gave a work: an editor may have changed it since.
            matched = [
                None if isinstance(w, MergedRecord) and _strangers(w, e.title, _other_work) else w
                for e, w in zip(
                    entry.works,
                    _match(
                        [w.title.casefold() for w in entry.works],
                        [(_previous_title(w).casefold(), w) for w in previous],
                    ),
                    strict=True,
                )
            ]
            self.claimed_works.update((type(w), w.pk) for w in matched if w is not None)
            for position, (work_entry, work) in enumerate(zip(entry.works, matched, strict=True)):
                work_entries.append(work_entry)
                values = _work_values(work_entry, self.source.pk, position)
                if isinstance(work, MergedRecord):
                    self.kept_merged.add(work.pk)
                    if update_merged(work, values, work_entry.title):
                        merged_updated += 1
                    ids.append(work.work_id)
                    continue
                if work is None:
                    created.append(values)
                    created_by.append(author_id)
                    ids.append(None)
                    continue
                old = parse_work(work.source_text)
                before = _work_values(old, self.source.pk, position) if old else None
                if self.update(work, values, before, work_entry.line_start):
                    updated.append(work)
                ids.append(work.pk)
        slugs = self.work_slugs.allocate([str(values["title"]) for values in created])
        for values, slug in zip(created, slugs, strict=True):
            values.update(slug=slug, created_at=self.source.imported_at)
        new_ids = _insert(Work, created)
        insert_rows(
            Contribution,
            ["work_id", "author_id", "role", "order"],
            [
                (work_id, author_id, "author", 0)
                for work_id, author_id in zip(new_ids, created_by, strict=True)
            ],
        )
        Work.objects.bulk_update(updated, [*_WORK_FIELDS, *_WORK_PLACE_FIELDS, *_EDIT_FIELDS])
        fresh = iter(new_ids)
        kept = [pk if pk is not None else next(fresh) for pk in ids]
        self.kept_works.extend(kept)
        changed = len(updated) + merged_updated
        self.report.works.update(
            created=len(created), updated=changed, unchanged=len(kept) - len(created) - changed
        )
        return kept, work_entries

    def write_entries(self, work_ids: list[int], entries: list[WorkEntry]) -> None:
        assert self.guide is not None
        rows = []
        for work_id, entry in zip(work_ids, entries, strict=True):
            self.entry_order += 1
            rows.append(
                (
                    *(self.guide.pk, work_id, self.entry_order, entry.section),
                    *(self.notes.get(work_id, ""), self.source.pk),
                    *(entry.line_start, entry.line_end),
                )
            )
        insert_rows(
            GuideEntry,
            _ENTRY_COLUMNS,
            rows,
        )

    # After the last batch: the authors the catalog has from elsewhere are one with
    # theirs; what the file no longer lists goes.

    def fold_authors(self) -> None:
        """Merge the file's authors that the identity rules are certain are the
        catalog's from another source (catalog/identitymerge.py), and say so."""
        from .identitymerge import fold_certain_authors  # it merges, and merging imports us

        for folded in fold_certain_authors(self.source, self.written_authors):
            self.report.merged.append(folded.name)
            self.report.warnings.append(
                Problem(
                    f"{folded.name} is {folded.other} ({folded.where}), already in the "
                    f"catalog: the two are one author, '{folded.kept}' "
                    f"({'; '.join(folded.evidence)})",
                    folded.line,
                    "warning",
                )
            )

    def remove_stale(self) -> None:
        """Delete the works this source listed before and lists no more, then the
        authors it no longer names, unless another guide still uses them; those are
        no longer the file's (its text no longer has their lines), so that a later
        version of the file is not matched against them."""
        kept = sorted(self.kept_works)
        stale = [
            pk
            for pk in Work.objects.filter(source=self.source)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=CHUNK)
            if not _contains(kept, pk)
        ]
        for chunk in chunks(stale, 1000):
            Work.objects.filter(pk__in=chunk).delete()
        self.report.works["removed"] += len(stale)
        kept_merged = self.kept_merged | {p.merged.pk for p in self.matched if p and p.merged}
        MergedRecord.objects.filter(source=self.source).exclude(pk__in=kept_merged).delete()
        gone = [
            p.pk
            for _, p in self.previous_authors
            if p.merged is None and p.pk not in self.matched_ids
        ]
        for chunk in chunks(gone, 1000):
            stale_authors = Author.objects.filter(pk__in=chunk, contributions__isnull=True)
            self.report.authors["removed"] += stale_authors.delete()[1].get(Author._meta.label, 0)
            Author.objects.filter(pk__in=chunk).update(source=None, line_start=None, line_end=None)


def _contains(ordered: list[int], value: int) -> bool:
    index = bisect_left(ordered, value)
    return index < len(ordered) and ordered[index] == value


def _stored_pieces(source: Source, pieces: Iterable[str]) -> Iterator[str]:
    """Pass the file's text on, storing each piece as the source's verbatim text."""
    for number, piece in enumerate(pieces):
        SourceChunk.objects.create(source=source, number=number, text=piece)
        yield piece


def _changed_meanwhile() -> ImportRefused:
    """The file was written to between the two readings: what was checked is not what
    would be stored, so nothing is (the transaction rolls back)."""
    return ImportRefused(
        [
            Problem(
                "the file changed while it was being imported; nothing was imported "
                "(import it again once it is saved)"
            )
        ]
    )


def _compare(name: str, sha256: str, guide_title: str | None, overwrite_edits: bool) -> str:
    """How the file relates to what the catalog holds: "same" bytes and title, the same
    bytes under a new "title", or "changed" (or new). With ``overwrite_edits``, the
    same bytes over records an editor changed are "changed": the file is to win."""
    source = Source.objects.filter(name=name).first()
    guide = Guide.objects.filter(source=source).first() if source else None
    if source is None or guide is None or source.sha256 != sha256:
        return "changed"
    if overwrite_edits and any(
        model.objects.filter(source=source, edited_at__isnull=False).exists()
        for model in (Author, Work)
    ):
        return "changed"
    return "same" if guide_title in (None, guide.title) else "title"


def import_guide_file(
    name: str,
    file: BinaryIO,
    guide_title: str | None = None,
    now: datetime | None = None,
    overwrite_edits: bool = False,
    progress: Progress | None = None,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ImportReport:
    """Import one guide file (a seekable binary file), raising GuideDecodeError or
    ImportRefused untouched, or CatalogLocked if another import holds the catalog.

    Records an editor changed since the last import keep the editor's change (the
    report lists each conflict) unless ``overwrite_edits`` is set.
    """
    checked = check_guide_file(file, progress)
    report = ImportReport(name, warnings=checked.warnings)
    if _compare(name, checked.sha256, guide_title, overwrite_edits) == "same":
        return report
    with write_transaction(wait, on_wait):
        compared = _compare(name, checked.sha256, guide_title, overwrite_edits)
        if compared == "same":
            return report
        if compared == "title":
            Guide.objects.filter(source__name=name).update(title=guide_title)
            catalog_changed()
            report.status = "retitled"
            return report
        source = Source.objects.filter(name=name).first()
        report.status = "updated" if source else "created"
        source = source or Source(name=name)
        source.sha256 = checked.sha256
        source.imported_at = now or timezone.now()
        source.encoding = checked.encoding
        source.newline = checked.layout.newline
        source.final_newline = checked.layout.final_newline
        source.lines = checked.lines
        source.size = checked.size
        source.save()
        run = _Import(source, report, checked, overwrite_edits)
        run.remember_previous()
        delete_rows(source.chunks.all())
        run.start_guide(guide_title)
        stream, pieces = _read(file, progress, "importing")
        reader = GuideReader()
        batch: list[tuple[int, AuthorEntry]] = []
        works = characters = 0
        for index, author in enumerate(reader.authors(_stored_pieces(source, pieces))):
            # The first reading found no error: one now means the file changed, and
            # its value must not reach the database (PostgreSQL would refuse a page
            # count beyond its integers where SQLite would store it).
            if index >= len(checked.author_keys) or reader.errors:
                raise _changed_meanwhile()
            batch.append((index, author))
            works += len(author.works)
            characters += len(author.biography) + sum(len(w.raw) for w in author.works)
            if works >= BATCH_WORKS or characters >= BATCH_CHARACTERS:
                run.write(batch)
                batch, works, characters = [], 0, 0
        if stream.sha256 != checked.sha256:
            raise _changed_meanwhile()
        run.write(batch)
        if report.status == "updated":
            # A new source has nothing stale; sorting a million kept ids would be waste.
            run.remove_stale()
        run.finish_guide()
        run.fold_authors()
        catalog_changed()
    run.statistics.settle()
    return report


def import_guide_bytes(
    name: str,
    data: bytes,
    guide_title: str | None = None,
    now: datetime | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    """Import one guide file's bytes (see :func:`import_guide_file`)."""
    return import_guide_file(name, io.BytesIO(data), guide_title, now, overwrite_edits)
