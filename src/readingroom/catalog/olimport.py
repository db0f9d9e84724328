"""Open Library dumps into the catalog: streamed, one transaction, updated in place by revision.

``readingroom import`` gives every Open Library dump among its files to
:func:`import_dumps` (formats/openlibrary.py reads them): the three files of a dump
(authors, works, editions, in any order on the command line; they are read in
that order) or the one of every type. They are imported together, in one
transaction under the catalog's write lock:

* **Streamed.** Each file is read a megabyte at a time, and its records written a
  batch of 5,000 at a time. Nothing grows with the dump in memory: a work's authors
  and an edition's work are looked up in the catalog by their key (the ``olid``
  Identifier) a batch at a time, and a reference to a record not yet written (an
  edition before its work, as in the dump of every type, which is sorted by key; a
  work before its authors) waits in a temporary table and is resolved at the end.
* **Nothing half-written.** A line that is no dump line is an error at its line:
  the import stops writing, reads on to report every such line, and rolls back.
  What the catalog's limits refuse in a record is left out with a warning (a field)
  or the record skipped with one (a work without a title): Open Library's data
  has such records, and a dump of millions must not fail on one.
* **Idempotent, in place.** Each record's key, revision and last modification are
  kept (OpenLibraryRecord). A record whose revision the catalog already holds is
  left alone, so the same dump again writes nothing; a newer revision updates the
  record in place (its id and slug stay), unless an editor changed it since, which
  is kept and reported (``overwrite_edits`` takes the dump's). A redirect merges
  the record it names into the one it leads to; a deletion removes a record only
  the dumps brought (one a guide lists, or an editor changed, loses its key).
* **One catalog.** An Open Library author that the identity rules are certain is an
  author the catalog has from elsewhere (the whole name, and life years given on
  both sides that agree) is that author, given the key as an Identifier; a work
  of such an author with a title the rules judge the same is that work.
* **Provenance.** Every author, work and edition points at its dump file and line.
  The dump's text is not copied into the catalog (it is tens of gigabytes, and
  Open Library keeps every dump); the source keeps its name, size, lines and sha256.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO, TypeVar

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from readingroom.formats import openlibrary as ol
from readingroom.guidetext import Problem
from readingroom.identity import Verdict
from readingroom.identity.index import PersonIndex
from readingroom.identity.people import Person
from readingroom.identity.sorting import heading_sort_name
from readingroom.identity.titles import compare_titles
from readingroom.search.index import reindex
from readingroom.search.text import fold

from .bulk import chunks, insert_rows, insert_rows_returning_ids
from .identitymerge import certainly_same
from .locking import write_transaction
from .merging import merge_authors, merge_works
from .models import (
    Author,
    Contribution,
    Edition,
    Identifier,
    LifeEvent,
    OpenLibraryRecord,
    Source,
    Work,
)
from .signals import catalog_changed
from .slugs import SlugAllocator
from .timelines import recompute

BATCH = 5_000
# Redirects chained longer than this are taken to lead nowhere (a loop).
_MOST_HOPS = 5
_FILE_ORDER = {"author": 0, "work": 2, "edition": 3}
# Told how far an import has come: a stage (the file's name), bytes done, bytes in all.
Progress = Callable[[str, int, int], None]

_RECORD_COLUMNS = [
    "key", "kind", "revision", "last_modified", "edition_id", "location", "birth_date",
    "death_date", "matched", "source_id", "line_start", "line_end",
]  # fmt: skip
_AUTHOR_COLUMNS = [
    "name", "sort_name", "slug", "name_inferred", "biography", "source_id", "line_start",
    "line_end", "position", "created_at",
]  # fmt: skip
_WORK_COLUMNS = [
    "title", "slug", "year", "annotation", "source_text", "source_id", "line_start",
    "line_end", "position", "created_at",
]  # fmt: skip
_EDITION_COLUMNS = [
    "work_id", "year", "publisher", "place", "pages", "isbn", "translator", "language",
    "position", "source_id", "line_start", "line_end",
]  # fmt: skip
_PENDING_EDITION = [
    "key", "revision", "last_modified", "line", "source_id", "work_key", "year", "publisher",
    "place", "pages", "isbn", "language",
]  # fmt: skip


class DumpRefused(Exception):
    """Lines of the dump are not dump lines; nothing was written."""

    def __init__(self, problems: list[tuple[str, Problem]], more: int) -> None:
        super().__init__(f"{len(problems) + more} lines are not Open Library dump lines")
        self.problems = problems  # (file name, problem)
        self.more = more


@dataclass
class DumpReport:
    files: list[str]
    authors: Counter[str] = field(default_factory=Counter)
    works: Counter[str] = field(default_factory=Counter)
    editions: Counter[str] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)
    warnings: ol.Warnings = field(default_factory=ol.Warnings)
    conflicts: list[tuple[str, Problem]] = field(default_factory=list)

    def summary(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{n:,} {what}" for what, n in sorted(counter.items()) if n) or "none"

        others = f"; {counts(self.others)}" if any(self.others.values()) else ""
        conflicts = f"; {len(self.conflicts)} editors' changes kept" if self.conflicts else ""
        return (
            f"{', '.join(self.files)}: authors: {counts(self.authors)}; works: "
            f"{counts(self.works)}; editions: {counts(self.editions)}{others}{conflicts}"
        )


def file_kind(file: BinaryIO) -> str:
    """What the dump file holds, by its first record's type: "author", "work",
    "edition" (a dump of one type) or "other" (redirects, or every type)."""
    kind = ol.first_type(ol.head_of(file))
    return kind.removeprefix("/type/") if kind else "other"


class _Hashed(io.RawIOBase):
    """A file read through, its sha256 and the bytes read so far kept (for the source
    and for progress)."""

    def __init__(self, file: BinaryIO, on_read: Callable[[int], None]) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        self.sha256.update(data)
        self.size += len(data)
        self.on_read(self.size)
        return len(data)


def _olids(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


class _DumpImport:
    """Writing the dump's records; see the module's docstring."""

    def __init__(self, report: DumpReport, now: datetime, overwrite_edits: bool) -> None:
        self.report = report
        self.now = now
        self.overwrite_edits = overwrite_edits
        self.author_slugs = SlugAllocator(Author, "author")
        self.work_slugs = SlugAllocator(Work, "work")
        self.sources: list[int] = []
        self.name = ""
        self.source_id = 0
        # Authors the catalog has from elsewhere (no Open Library key): for the identity
        # rules. Loaded once; as many as the catalog's guides hold, not the dump.
        self._people: PersonIndex[int] | None = None
        self._persons: dict[int, Person] = {}
        self._surnames: set[str] = set()
        self._keyed: set[int] | None = None
        self._their_works: dict[int, list[tuple[int, str]]] = {}
        self.renamed = array("q")
        self.names: dict[int, str] = {}
        self._matched: set[str] | None = None

    # Temporary tables: references waiting for their record.

    def create_pending(self) -> None:
        """The temporary tables where references to records not yet written wait."""
        # Dropped with the transaction on PostgreSQL; on SQLite at the end (drop_pending).
        ending = "" if connection.vendor == "sqlite" else " ON COMMIT DROP"
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS ol_pending_credit")
            cursor.execute("DROP TABLE IF EXISTS ol_pending_edition")
            cursor.execute(
                "CREATE TEMPORARY TABLE ol_pending_credit (n bigint PRIMARY KEY, "
                f"work_id bigint, author_key varchar(16), position integer){ending}"
            )
            cursor.execute(
                "CREATE TEMPORARY TABLE ol_pending_edition (n bigint PRIMARY KEY, "
                "key varchar(16), revision integer, last_modified varchar(32), line integer, "
                "source_id bigint, work_key varchar(16), year integer, publisher varchar(255), "
                "place varchar(255), pages integer, isbn varchar(13), language varchar(64))"
                f"{ending}"
            )

    def drop_pending(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS ol_pending_credit")
            cursor.execute("DROP TABLE IF EXISTS ol_pending_edition")

    # Keys and revisions.

    def _held(self, keys: Sequence[str]) -> dict[str, tuple[str, int]]:
        """The kind and revision the catalog holds of each of these keys."""
        rows = _select_in("catalog_openlibraryrecord", ["key", "kind", "revision"], "key", keys)
        return {key: (kind, revision) for key, kind, revision in rows}

    def _fresh(
        self, records: Sequence[ol.Record], counter: Counter[str]
    ) -> tuple[list[Any], list[Any]]:
        """Which records are new and which newer than the catalog's; the rest are
        counted unchanged."""
        held = self._held([r.key for r in records])
        new, newer = [], []
        for record in records:
            had = held.get(record.key)
            if had is None:
                new.append(record)
            elif record.revision > had[1]:
                newer.append(record)
        counter["unchanged"] += len(records) - len(new) - len(newer)
        return new, newer

    def resolve(self, keys: Iterable[str], kind: str) -> dict[str, int]:
        """The catalog's author or work for each key that has one, through redirects."""
        wanted = _olids(keys)
        found: dict[str, int] = {}
        asked = {key: key for key in wanted}
        for _ in range(_MOST_HOPS):
            if not asked:
                break
            held: dict[str, int] = {}
            rows = _select_in(
                "catalog_identifier",
                ["value", f"{kind}_id", "id"],
                "value",
                sorted(set(asked.values())),
                f"scheme = 'olid' AND {kind}_id IS NOT NULL",
            )
            for value, pk, _ in sorted(rows, key=lambda row: row[2]):
                held.setdefault(value, pk)
            for key, target in list(asked.items()):
                if target in held:
                    found[key] = held[target]
                    del asked[key]
            if not asked:
                break
            redirects = dict(
                _select_in(
                    "catalog_openlibraryrecord",
                    ["key", "location"],
                    "key",
                    sorted(set(asked.values())),
                    "kind = 'redirect'",
                )
            )
            asked = {key: redirects[t] for key, t in asked.items() if t in redirects}
        return found

    def write_records(
        self,
        records: Sequence[ol.Record],
        kind: str,
        editions: dict[str, int] | None = None,
        replacing: Sequence[ol.Record] = (),
    ) -> None:
        """Keep the key, revision and place of each record, in place of what was held of
        those ``replacing`` (records newer than the catalog's)."""
        for chunk in chunks([r.key for r in replacing]):
            OpenLibraryRecord.objects.filter(key__in=chunk)._raw_delete(
                OpenLibraryRecord.objects.db
            )
        rows = []
        for r in records:
            born = r.birth_date if isinstance(r, ol.Author) else ""
            died = r.death_date if isinstance(r, ol.Author) else ""
            location = r.location if isinstance(r, ol.Redirect) else ""
            edition = (editions or {}).get(r.key)
            rows.append(
                (
                    *(r.key, kind, r.revision, r.last_modified[:32], edition, location),
                    *(born[:255], died[:255], r.key in self.matched_keys(), self.source_id),
                    *(r.line, r.line),
                )
            )
        insert_rows(OpenLibraryRecord, _RECORD_COLUMNS, rows)

    def conflict(self, record: Author | Work, line: int) -> None:
        self.report.conflicts.append(
            (
                self.name,
                Problem(
                    f"'{record}' was edited in readingroom on {record.edited_at:%Y-%m-%d} and "
                    "changed in the dump too; the edit was kept (import with "
                    "--overwrite-edits to take the dump's version)",
                    line,
                    "warning",
                ),
            )
        )

    def _take(self, record: Author | Work, values: Mapping[str, object], line: int) -> bool:
        """The dump's values into a record, unless an editor changed it since."""
        if record.edited_at is not None and not self.overwrite_edits:
            self.conflict(record, line)
            return False
        for name, value in values.items():
            setattr(record, name, value)
        record.edited_at, record.edited_by, record.edited_by_name = None, None, ""
        return True

    def matched_keys(self) -> set[str]:
        """The keys the identity rules gave to records from elsewhere (a guide's): as
        many as such matches, never the dump's size."""
        if self._matched is None:
            held = OpenLibraryRecord.objects.filter(matched=True)
            self._matched = set(held.values_list("key", flat=True))
        return self._matched

    # Authors.

    def _index(self) -> PersonIndex[int]:
        """The catalog's authors from elsewhere, with the life years it has of them."""
        if self._people is not None:
            return self._people
        self._people = PersonIndex()
        keyed = Identifier.objects.filter(scheme="olid", author__isnull=False)
        others = Author.objects.filter(name_inferred=False).exclude(
            pk__in=keyed.values("author_id")
        )
        years: dict[int, dict[str, int]] = defaultdict(dict)
        events = LifeEvent.objects.filter(
            author__in=others, kind__in=("birth", "death"), hidden=False, start__isnull=False
        ).order_by("position")
        for author_id, kind, start in events.values_list("author_id", "kind", "start"):
            years[author_id].setdefault(kind, int(start[:4]) if start[:4].isdigit() else 0)
        for pk, name in others.values_list("pk", "name").iterator(chunk_size=10_000):
            said = years.get(pk, {})
            person = Person.of(name, born=said.get("birth") or None, died=said.get("death") or None)
            self._people.add(pk, person)
            self._persons[pk] = person
            if person.key.surname:
                self._surnames.add(person.key.surname)
        return self._people

    def _same_author(self, record: ol.Author) -> int | None:
        """The catalog's author from elsewhere that this one certainly is: the same whole
        name, and life years on both sides that agree (a name alone is not enough, at
        Open Library's scale: it has many John Smiths)."""
        index = self._index()
        if not self._surnames or not set(fold(record.name).split()) & self._surnames:
            return None
        person = Person.of(record.name, born=record.born, died=record.died)
        for pk, _ in index.matches(person):
            theirs = self._persons[pk]
            dated = (person.key.born and theirs.key.born) or (person.key.died and theirs.key.died)
            if dated and certainly_same(person, theirs) is not None:
                return pk
        return None

    def write_authors(self, batch: list[ol.Author]) -> None:
        new, newer = self._fresh(batch, self.report.authors)
        known = self._known(new, "author")
        created, matched = _sorted_out(new, known, self._same_author)
        slugs = self.author_slugs.allocate([r.name for r in created])
        ids = insert_rows_returning_ids(
            Author,
            _AUTHOR_COLUMNS,
            [
                (
                    *(r.name, heading_sort_name(r.name)[:255], slug, False, r.biography),
                    *(self.source_id, r.line, r.line, 0, self.now),
                )
                for r, slug in zip(created, slugs, strict=True)
            ],
        )
        self._guide_authors().update([*(pk for _, pk in matched), *known.values()])
        self.matched_keys().update(r.key for r, _ in matched)
        keyed = [*zip([r.key for r in created], ids, strict=True)]
        keyed += [(r.key, pk) for r, pk in matched]
        self.update_authors(newer)
        insert_rows(
            Identifier, ["scheme", "value", "author_id"], [("olid", k, pk) for k, pk in keyed]
        )
        self.write_records(batch_of(new, newer), "author", replacing=newer)
        self.report.authors.update(created=len(created), matched=len(matched) + len(known))

    def update_authors(self, records: list[ol.Author]) -> None:
        found = self.resolve([r.key for r in records], "author")
        authors = Author.objects.select_for_update().in_bulk(list(found.values()))
        changed = []
        for record in records:
            author = authors.get(found.get(record.key, 0))
            if author is None:
                self.report.authors["gone"] += 1  # deleted in readingroom since
                continue
            if record.key in self.matched_keys():
                continue  # an author from a guide, known by this key: the guide's words stay
            name = author.name
            values: dict[str, object] = {
                "name": record.name,
                "sort_name": heading_sort_name(record.name)[:255],
                "biography": record.biography,
                "source_id": self.source_id,
                "line_start": record.line,
                "line_end": record.line,
            }
            if self._take(author, values, record.line):
                changed.append(author)
                if author.name != name:
                    self.renamed.append(author.pk)
        Author.objects.bulk_update(
            changed,
            [
                "name",
                "sort_name",
                "biography",
                "source_id",
                "line_start",
                "line_end",
                "edited_at",
                "edited_by",
                "edited_by_name",
            ],
        )
        self.report.authors["updated"] += len(changed)

    # Works.

    def _works_of(self, author_id: int) -> list[tuple[int, str]]:
        """A catalog author's works that hold no Open Library key, for the identity rules."""
        if author_id not in self._their_works:
            keyed = Identifier.objects.filter(scheme="olid", work__isnull=False)
            works = Work.objects.filter(
                contributions__author_id=author_id, contributions__role="author"
            ).exclude(pk__in=keyed.values("work_id"))
            self._their_works[author_id] = list(works.values_list("pk", "title"))
        return self._their_works[author_id]

    def _known(self, records: Sequence[ol.Record], kind: str) -> dict[str, int]:
        """New keys the catalog already holds as an identifier (an editor gave it, or the
        catalog was loaded from a JSON dump, which keeps no revisions): those records
        are matched, kept as they are, never made twice."""
        known = self.resolve([r.key for r in records], kind)
        self.matched_keys().update(known)
        return known

    def _guide_authors(self) -> set[int]:
        """The catalog's authors from elsewhere that hold an Open Library key (the identity
        rules gave it, in this import or an earlier one): their works are compared."""
        if self._keyed is None:
            self._keyed = set(self.resolve(self.matched_keys(), "author").values())
        return self._keyed

    def _same_work(self, record: ol.Work, authors: list[int]) -> int | None:
        """The catalog's work from elsewhere this one is: by an author from elsewhere the
        dump credits, with a title the identity rules judge the same."""
        for author_id in authors:
            if author_id in self._guide_authors():
                for pk, title in self._works_of(author_id):
                    if compare_titles(record.title, title).verdict is Verdict.SAME:
                        return pk
        return None

    def write_works(self, batch: list[ol.Work]) -> None:
        new, newer = self._fresh(batch, self.report.works)
        found = self.resolve([k for r in batch for k in r.authors], "author")
        known = self._known(new, "work")
        created, matched = _sorted_out(
            new, known, lambda r: self._same_work(r, [found[k] for k in r.authors if k in found])
        )
        slugs = self.work_slugs.allocate([r.title for r in created])
        ids = insert_rows_returning_ids(
            Work,
            _WORK_COLUMNS,
            [
                (
                    *(r.title, slug, r.year, r.description, ""),
                    *(self.source_id, r.line, r.line, 0, self.now),
                )
                for r, slug in zip(created, slugs, strict=True)
            ],
        )
        self.credit(list(zip(created, ids, strict=True)), found)
        updated = self.update_works(newer, found)
        keyed = [*zip([r.key for r in created], ids, strict=True)]
        keyed += [(r.key, pk) for r, pk in matched]
        insert_rows(
            Identifier, ["scheme", "value", "work_id"], [("olid", k, pk) for k, pk in keyed]
        )
        self.write_records(batch_of(new, newer), "work", replacing=newer)
        self.report.works.update(
            created=len(created), matched=len(matched) + len(known), updated=updated
        )

    def credit(self, works: list[tuple[ol.Work, int]], found: dict[str, int]) -> None:
        """Each work's authors, in order; those not yet in the catalog wait."""
        rows, pending = [], []
        for record, work_id in works:
            seen: set[int] = set()
            for position, key in enumerate(record.authors):
                author_id = found.get(key)
                if author_id is None:
                    pending.append((work_id, key, position))
                elif author_id not in seen:
                    seen.add(author_id)
                    rows.append((work_id, author_id, "author", position))
        insert_rows(Contribution, ["work_id", "author_id", "role", "order"], rows)
        insert_rows_into("ol_pending_credit", ["work_id", "author_key", "position"], pending)

    def update_works(self, records: list[ol.Work], authors: dict[str, int]) -> int:
        found = self.resolve([r.key for r in records], "work")
        works = Work.objects.select_for_update().in_bulk(list(found.values()))
        changed: list[tuple[ol.Work, Work]] = []
        for record in records:
            work = works.get(found.get(record.key, 0))
            if work is None:
                self.report.works["gone"] += 1
                continue
            if record.key in self.matched_keys():
                continue  # a work from a guide, known by this key: the guide's words stay
            values = {
                "title": record.title, "year": record.year, "annotation": record.description,
                "source_id": self.source_id, "line_start": record.line, "line_end": record.line,
            }  # fmt: skip
            if self._take(work, values, record.line):
                changed.append((record, work))
        Work.objects.bulk_update(
            [w for _, w in changed],
            [
                "title",
                "year",
                "annotation",
                "source_id",
                "line_start",
                "line_end",
                "edited_at",
                "edited_by",
                "edited_by_name",
            ],
        )
        # Their credits are the dump's again (an editor's own are kept: another role).
        ids = [w.pk for _, w in changed]
        for chunk in chunks(ids):
            Contribution.objects.filter(work_id__in=chunk, role="author")._raw_delete(
                Contribution.objects.db
            )
        self.credit([(r, w.pk) for r, w in changed], authors)
        return len(changed)

    # Editions.

    def write_editions(self, batch: list[ol.Edition]) -> None:
        new, newer = self._fresh(batch, self.report.editions)
        works = self.resolve([r.work for r in new], "work")
        ready = [r for r in new if r.work in works]
        waiting = [r for r in new if r.work not in works]
        insert_rows_into(
            "ol_pending_edition",
            _PENDING_EDITION,
            [
                (
                    *(r.key, r.revision, r.last_modified[:32], r.line, self.source_id, r.work),
                    *(r.year, r.publisher, r.place, r.pages, r.isbn, r.language),
                )
                for r in waiting
            ],
        )
        editions = self.insert_editions([(r, works[r.work], self.source_id) for r in ready])
        self.update_editions(newer)
        self.write_records(batch_of(ready, newer), "edition", editions, replacing=newer)
        # Those waiting for their work are kept with it when it comes.
        self.write_records(waiting, "edition")

    def insert_editions(self, editions: list[tuple[ol.Edition, int, int]]) -> dict[str, int]:
        ids = insert_rows_returning_ids(
            Edition,
            _EDITION_COLUMNS,
            [
                (
                    *(work_id, r.year, r.publisher, r.place, r.pages, r.isbn, ""),
                    *(r.language, 0, source_id, r.line, r.line),
                )
                for r, work_id, source_id in editions
            ],
        )
        self.report.editions["created"] += len(ids)
        return {r.key: pk for (r, _, _), pk in zip(editions, ids, strict=True)}

    def update_editions(self, records: list[ol.Edition]) -> None:
        """Newer revisions of editions: their fields, and their work where Open Library
        moved them to another that the catalog has."""
        works = self.resolve([r.work for r in records], "work")
        held = dict(
            OpenLibraryRecord.objects.filter(
                key__in=[r.key for r in records], edition__isnull=False
            ).values_list("key", "edition_id")
        )
        editions = Edition.objects.in_bulk(list(held.values()))
        changed = []
        for record in records:
            edition = editions.get(held.get(record.key, 0))
            if edition is None:
                continue
            for name in ("year", "publisher", "place", "pages", "isbn", "language"):
                setattr(edition, name, getattr(record, name))
            edition.work_id = works.get(record.work, edition.work_id)
            edition.source_id, edition.line_start, edition.line_end = (
                self.source_id,
                record.line,
                record.line,
            )
            changed.append(edition)
        fields = ["work_id", "year", "publisher", "place", "pages", "isbn", "language",
                  "source_id", "line_start", "line_end"]  # fmt: skip
        Edition.objects.bulk_update(changed, fields)
        self.report.editions["updated"] += len(changed)

    def write_moves(self, records: list[ol.Redirect] | list[ol.Delete], kind: str) -> None:
        """Redirects and deletions are kept as records now, and carried out at the end,
        once what they name is in (a deleted edition's row is kept to find it by)."""
        counter: Counter[str] = Counter()
        new, newer = self._fresh(records, counter)
        editions = dict(
            OpenLibraryRecord.objects.filter(
                key__in=[r.key for r in newer], edition__isnull=False
            ).values_list("key", "edition_id")
        )
        self.write_records(batch_of(new, newer), kind, editions, replacing=newer)
        self.report.others[f"{kind}s"] += len(new) + len(newer)

    def flush(self, batch: dict[type, list[Any]]) -> None:
        """Write a batch: authors before the works that credit them, works before their
        editions."""
        if batch.get(ol.Author):
            self.write_authors(batch[ol.Author])
        if batch.get(ol.Work):
            self.write_works(batch[ol.Work])
        if batch.get(ol.Edition):
            self.write_editions(batch[ol.Edition])
        if batch.get(ol.Redirect):
            self.write_moves(batch[ol.Redirect], "redirect")
        if batch.get(ol.Delete):
            self.write_moves(batch[ol.Delete], "delete")
        batch.clear()

    # After the last line.

    def resolve_waiting(self) -> None:
        """Editions whose work, and credits whose author, came after them (or never)."""
        for rows in _pending_rows("ol_pending_edition", _PENDING_EDITION):
            records = [(ol.Edition(r[0], r[1], r[2], r[3], r[5], *r[6:]), r[4]) for r in rows]
            works = self.resolve([e.work for e, _ in records], "work")
            for edition, source_id in records:
                if edition.work not in works:
                    self.report.editions["skipped"] += 1
                    self.report.warnings.add(
                        self.names[source_id],
                        Problem(
                            f"the edition's work {edition.work} is not in the catalog (in no dump "
                            "imported, or skipped): skipped",
                            edition.line,
                            "warning",
                        ),
                        "editions of works in no dump",
                    )
            # Not kept as held, so that a later dump with the work brings them in.
            orphans = [e.key for e, _ in records if e.work not in works]
            OpenLibraryRecord.objects.filter(key__in=orphans)._raw_delete(
                OpenLibraryRecord.objects.db
            )
            ready = [(e, works[e.work], s) for e, s in records if e.work in works]
            made = self.insert_editions(ready)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE catalog_openlibraryrecord SET edition_id = %s WHERE key = %s",
                    [(pk, key) for key, pk in made.items()],
                )
        for rows in _pending_rows("ol_pending_credit", ["work_id", "author_key", "position"]):
            authors = self.resolve([r[1] for r in rows], "author")
            credits = [(w, authors[k], "author", p) for w, k, p in rows if k in authors]
            held = set(
                Contribution.objects.filter(
                    work_id__in=[c[0] for c in credits], role="author"
                ).values_list("work_id", "author_id")
            )
            fresh = [c for c in credits if (c[0], c[1]) not in held]
            insert_rows(Contribution, ["work_id", "author_id", "role", "order"], list(set(fresh)))
            self.report.works["credits to authors in no dump"] += len(rows) - len(credits)

    def read_by_editions(self, work_ids: Sequence[int]) -> None:
        """A new work without a page count reads by its first edition that has one."""
        first: dict[int, tuple[int, int]] = {}
        editions = (
            Edition.objects.filter(work_id__in=work_ids, pages__isnull=False)
            .order_by("pk")
            .values_list("work_id", "pk", "pages")
        )
        for work_id, pk, pages in editions:
            first.setdefault(work_id, (pk, pages))
        rows = list(
            Work.objects.filter(
                pk__in=list(first), pages__isnull=True, edition__isnull=True
            ).values_list("pk", flat=True)
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE catalog_work SET edition_id = %s, pages = %s WHERE id = %s",
                [(first[pk][0], first[pk][1], pk) for pk in rows],
            )

    def apply_redirects_and_deletes(self) -> None:
        """Records Open Library merged (redirects) or deleted, where the catalog has them."""
        moves = OpenLibraryRecord.objects.filter(source_id__in=self.sources)
        for kind, merge in (("author", _merge_authors), ("work", _merge_works)):
            redirects = moves.filter(kind="redirect", key__endswith=kind[0].upper())
            for chunk in chunks(list(redirects.values_list("key", "location"))):
                olds = self.resolve([k for k, _ in chunk], kind)
                news = self.resolve([t for _, t in chunk], kind)
                for key, target in chunk:
                    old, new = olds.get(key), news.get(target)
                    if old is not None and new is not None and old != new:
                        merge(min(old, new), max(old, new))
                        self.report.others[f"{kind}s merged by redirects"] += 1
        deletes = list(moves.filter(kind="delete").values_list("key", flat=True))
        for chunk in chunks(deletes):
            self.delete(chunk)

    def delete(self, keys: Sequence[str]) -> None:
        """What Open Library deleted goes, where only the dumps brought it; a record a
        guide lists or an editor changed stays, without the key."""
        editions = Edition.objects.filter(
            pk__in=[
                pk
                for pk in OpenLibraryRecord.objects.filter(key__in=keys).values_list(
                    "edition_id", flat=True
                )
                if pk is not None
            ]
        )
        gone = editions.filter(entries__isnull=True).delete()[1].get(Edition._meta.label, 0)
        self.report.editions["deleted"] += gone
        # Only the dumps' own: a record from elsewhere given the key just loses it.
        theirs = [key for key in keys if key not in self.matched_keys()]
        works = Work.objects.filter(identifiers__scheme="olid", identifiers__value__in=theirs)
        kept = Q(guide_entries__isnull=False) | Q(edited_at__isnull=False) | Q(merged__isnull=False)
        self.report.works["deleted"] += works.exclude(kept).delete()[1].get(Work._meta.label, 0)
        authors = Author.objects.filter(identifiers__scheme="olid", identifiers__value__in=theirs)
        alone = authors.filter(contributions__isnull=True, edited_at__isnull=True)
        self.report.authors["deleted"] += alone.delete()[1].get(Author._meta.label, 0)
        Identifier.objects.filter(scheme="olid", value__in=keys).delete()

    def index(self) -> None:
        """Search documents, reading editions and life events for what this import
        wrote: once each, now that every credit and edition is in."""
        works = Work.objects.filter(source_id__in=self.sources).order_by("pk")
        for ids in _id_chunks(works):
            self.read_by_editions(ids)
            reindex(ids, ())
        renamed = sorted(set(self.renamed))
        for chunk in chunks(renamed):
            reindex(
                Contribution.objects.filter(author_id__in=chunk).values_list("work_id", flat=True)
            )
        authors = Author.objects.filter(source_id__in=self.sources).order_by("pk")
        for ids in _id_chunks(authors):
            reindex((), ids)
            recompute(Author.objects.filter(pk__in=ids).exclude(biography=""))


def _select_in(
    table: str, columns: Sequence[str], column: str, values: Sequence[str], where: str = ""
) -> list[tuple[Any, ...]]:
    """Rows whose ``column`` is one of ``values``, a bounded chunk at a time: in SQL, as
    the ORM spends longer preparing thousands of parameters than the query takes."""
    found: list[tuple[Any, ...]] = []
    condition = f" AND {where}" if where else ""
    with connection.cursor() as cursor:
        for chunk in chunks(values):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE {column} IN ({marks}){condition}",
                list(chunk),
            )
            found.extend(tuple(row) for row in cursor.fetchall())
    return found


def batch_of(*groups: Sequence[Any]) -> list[Any]:
    return [record for group in groups for record in group]


_waiting = itertools.count(1)


def insert_rows_into(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Rows into one of the import's temporary tables, each numbered, in order."""
    if not rows:
        return
    placeholders = ", ".join(["%s"] * (len(columns) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (n, {', '.join(columns)}) VALUES ({placeholders})",
            [(next(_waiting), *row) for row in rows],
        )


def _pending_rows(table: str, columns: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
    """A temporary table's rows in order, a batch at a time (they may be millions): by
    their number, never by an offset that reads past every row before it."""
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT n, {', '.join(columns)} FROM {table} WHERE n > %s ORDER BY n "
                f"LIMIT {BATCH}",
                [last],
            )
            rows = [tuple(row) for row in cursor.fetchall()]
        if not rows:
            return
        yield [row[1:] for row in rows]
        last = rows[-1][0]


def _id_chunks(queryset: Any) -> Iterator[list[int]]:
    """A queryset's ids in order, a batch at a time, never all at once."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).values_list("pk", flat=True)[:BATCH])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def _merge_authors(keep: int, other: int) -> None:
    merge_authors(Author.objects.get(pk=keep), Author.objects.get(pk=other), stamp=False)


def _merge_works(keep: int, other: int) -> None:
    merge_works(Work.objects.get(pk=keep), Work.objects.get(pk=other))


def _file_size(file: BinaryIO) -> int:
    position = file.tell()
    size = file.seek(0, io.SEEK_END)
    file.seek(position)
    return size


def _prepare_source(name: str, now: datetime) -> Source:
    """The dump file's source: its name now, its sha256, size and lines once read.
    Written without signals: a dump read again unchanged changes nothing in the
    catalog, and must not move its version (which readers' cached pages key on)."""
    source = Source.objects.filter(name=name).first()
    if source is None:
        source = Source(name=name, imported_at=now, encoding="utf-8", newline="\n")
        source.save()
    Source.objects.filter(pk=source.pk).update(imported_at=now)
    return source


class _Errors:
    """Lines that are no dump lines: the first hundred kept, the rest counted."""

    KEPT = 100

    def __init__(self) -> None:
        self.kept: list[tuple[str, Problem]] = []
        self.more = 0

    def add(self, name: str, problem: Problem) -> None:
        if len(self.kept) < self.KEPT:
            self.kept.append((name, problem))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)


def _read_file(
    run: _DumpImport, name: str, file: BinaryIO, errors: _Errors, progress: Progress | None
) -> tuple[str, int, int]:
    """Write one dump file's records a batch at a time (once an error is found, only
    read on, to report every one); its sha256, size and lines."""
    total = _file_size(file)
    file.seek(0)

    def told(done: int) -> None:
        if progress is not None:
            progress(name, done, total)

    hashed = _Hashed(file, told)
    batch: dict[type, list[Any]] = defaultdict(list)
    count = lines = 0
    try:
        for item in ol.read_records(io.BufferedReader(hashed, ol.READ_BYTES)):
            if isinstance(item, Problem):
                lines = max(lines, item.line or 0)
                if item.severity == "error":
                    errors.add(name, item)
                else:
                    run.report.warnings.add(name, item)
                continue
            lines = item.line
            if errors:
                continue
            batch[type(item)].append(item)
            count += 1
            if count >= BATCH:
                run.flush(batch)
                count = 0
    except ol.DumpFileError as exc:
        errors.add(name, exc.problem)
    if not errors:
        run.flush(batch)
    return hashed.sha256.hexdigest(), hashed.size, lines


def import_dumps(
    files: Sequence[tuple[str, BinaryIO]],
    now: datetime | None = None,
    overwrite_edits: bool = False,
    progress: Progress | None = None,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> DumpReport:
    """Import Open Library dump files (name, seekable binary file) together, in one
    transaction; raises DumpRefused (nothing written) or CatalogLocked."""
    ordered = sorted(files, key=lambda named: _FILE_ORDER.get(file_kind(named[1]), 1))
    report = DumpReport([name for name, _ in ordered])
    now = now or timezone.now()
    errors = _Errors()
    with write_transaction(wait, on_wait):
        run = _DumpImport(report, now, overwrite_edits)
        run.create_pending()
        read: list[tuple[Source, tuple[str, int, int]]] = []
        for name, file in ordered:
            source = _prepare_source(name, now)
            run.source_id, run.name = source.pk, name
            run.sources.append(source.pk)
            run.names[source.pk] = name
            read.append((source, _read_file(run, name, file, errors, progress)))
        if errors:
            raise DumpRefused(errors.kept, errors.more)
        run.resolve_waiting()
        run.apply_redirects_and_deletes()
        run.index()
        run.drop_pending()
        for source, (sha256, size, lines) in read:
            Source.objects.filter(pk=source.pk).update(sha256=sha256, size=size, lines=lines)
        written = ("created", "updated", "deleted", "matched")
        if any(c[w] for c in (report.authors, report.works, report.editions) for w in written):
            catalog_changed()
    if connection.vendor == "postgresql" and report.works["created"] >= 50_000:
        # The planner's statistics would still describe the catalog before the import.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return report


_Keyed = TypeVar("_Keyed", ol.Author, ol.Work)


def _sorted_out(
    records: Sequence[_Keyed], known: dict[str, int], same: Callable[[_Keyed], int | None]
) -> tuple[list[_Keyed], list[tuple[_Keyed, int]]]:
    """A batch's records the catalog does not hold by key: those to create, and those
    the identity rules match to a record of the catalog's (with its id)."""
    created: list[_Keyed] = []
    matched: list[tuple[_Keyed, int]] = []
    for record in records:
        if record.key in known:
            continue
        pk = same(record)
        if pk is None:
            created.append(record)
        else:
            matched.append((record, pk))
    return created, matched
