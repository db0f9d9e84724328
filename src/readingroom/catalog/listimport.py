"""A reading list, read into core records (formats.records.ListGuide), into the catalog.

The list becomes one guide whose entries keep the list's order, sections, importance
marks and parts to read; each entry's work is new, credited to its contributors with
their roles. An author is the catalog's author of the same name when there is one
(recognising the same author across differently written names is the catalog's next
step), else a new one, whose biography is the list's note on them. The list's text is
kept as the source, and every record points at the lines it came from.

Everything is checked before anything is written, and written in one transaction under
the catalog's write lock. A changed list replaces what it imported before, unless an
editor has changed any of it since: then nothing is written and the import says so.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import PurePath

from django.db.models import Q
from django.utils import timezone

from readingroom.formats.records import Contributor, ListEntry, ListGuide, join_compilers
from readingroom.formats.validation import with_limits
from readingroom.guidetext import Problem
from readingroom.guidetext.parser import line_count
from readingroom.identity import Verdict
from readingroom.identity.people import Person, compare_people
from readingroom.identity.sorting import heading_sort_name
from readingroom.search.index import reindex

from .bulk import delete_rows
from .importer import ImportRefused, ImportReport, update_merged
from .locking import write_transaction
from .models import (
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    MergedRecord,
    Source,
    SourceChunk,
    Work,
)
from .signals import catalog_changed
from .slugs import SlugAllocator
from .timelines import recompute

# The source's text is kept in pieces of this many characters, as a guide file's is.
CHUNK_CHARACTERS = 1_000_000


def _newline(text: str) -> str:
    """The text's commonest line break."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda kind: (counts[kind], kind == "\n"))


def _edited(source: Source) -> bool:
    edited = Q(edited_at__isnull=False)
    return any(
        model.objects.filter(edited, source=source).exists() for model in (Author, Work, Guide)
    )


def _remove_previous(source: Source) -> dict[str, Work]:
    """What the list imported last time: its guide, its works, and its authors that
    no other work credits. A work of the list's that another guide lists, or that
    another record was merged into, stays: returned by title, for the list to take
    up again (deleting it would take it from those guides)."""
    delete_rows(GuideEntry.objects.filter(guide__source=source))
    Edition.objects.filter(source=source).delete()
    Guide.objects.filter(source=source).delete()
    works = Work.objects.filter(source=source)
    used = works.filter(Q(guide_entries__isnull=False) | Q(merged__isnull=False)).distinct()
    shared = {work.title.casefold(): work for work in used.order_by("position", "pk")}
    works.exclude(pk__in=[work.pk for work in shared.values()]).delete()
    Author.objects.filter(source=source, contributions__isnull=True).delete()
    delete_rows(source.chunks.all())
    return shared


class _ListImport:
    def __init__(self, source: Source, guide: ListGuide, report: ImportReport) -> None:
        self.source, self.records, self.report = source, guide, report
        self.authors: dict[str, Author] = {}

    def author(self, name: str, entry: ListEntry) -> Author:
        key = name.casefold()
        if key not in self.authors:
            found = Author.objects.filter(name__iexact=name).order_by("pk").first()
            found = found or self._same_person(name)
            if found is None:
                found = Author(
                    name=name,
                    sort_name=heading_sort_name(name),
                    slug=SlugAllocator(Author, "author").allocate([name])[0],
                    biography=self.records.author_notes.get(name, ""),
                    position=len(self.authors),
                    source=self.source,
                    line_start=entry.line_start,
                    line_end=entry.line_end,
                )
                found.save()
                self.report.authors["created"] += 1
            else:
                self.report.authors["matched"] += 1
                note = self.records.author_notes.get(name)
                if note and note != found.biography:
                    self.report.warnings.append(
                        Problem(
                            f"the note on {name} is not stored: {name} is already in the "
                            "catalog, with a biography of their own",
                            entry.line_start,
                            "warning",
                        )
                    )
            self.authors[key] = found
        return self.authors[key]

    def _same_person(self, name: str) -> Author | None:
        """The catalog's author the identity rules are sure is this name's bearer
        ("Marx, K." and the Karl Marx of the same works), if there is one: among those
        filed under the same surname, the oldest record."""
        surname = heading_sort_name(name).split(",")[0].strip()
        if not surname:
            return None
        titles = [e.title for e in self.records.entries if name in {c.name for c in e.contributors}]
        person = Person.of(name, titles)
        for author in Author.objects.filter(sort_name__istartswith=surname).order_by("pk")[:50]:
            theirs = author.works.values_list("title", flat=True)
            match = compare_people(person, Person.of(author.name, theirs))
            if match.verdict is Verdict.SAME:
                self.report.warnings.append(
                    Problem(
                        f"{name} is taken for {author.name}, already in the catalog "
                        f"({'; '.join(match.evidence)})",
                        None,
                        "warning",
                    )
                )
                return author
        return None

    def works(self, shared: dict[str, Work]) -> list[Work]:
        """The list's works in its order: new ones, and those it had before that other
        guides use (``shared``) or that were merged into another (which it then lists)."""
        entries = self.records.entries
        merged = {
            m.name_in_file.casefold(): m
            for m in MergedRecord.objects.filter(kind="work", source=self.source)
        }
        found: dict[int, Work] = {}
        for index, e in enumerate(entries):
            key = e.title.casefold()
            said = {**_work_values(e), "position": index}
            said.update(line_start=e.line_start, line_end=e.line_end)
            if key in merged:
                record = merged.pop(key)
                update_merged(record, said, e.title)
                found[index] = Work.objects.get(pk=record.work_id)
            elif key in shared:
                work = shared.pop(key)
                for name, value in said.items():
                    setattr(work, name, value)
                work.save()
                found[index] = work
        MergedRecord.objects.filter(pk__in=[m.pk for m in merged.values()]).delete()
        # Works no longer in the list stay with the guides that use them, no longer its.
        Work.objects.filter(pk__in=[w.pk for w in shared.values()]).update(
            source=None, line_start=None, line_end=None
        )
        new = [(i, e) for i, e in enumerate(entries) if i not in found]
        slugs = SlugAllocator(Work, "work").allocate([e.title for _, e in new])
        created = Work.objects.bulk_create(
            Work(
                **_work_values(e),
                slug=slug,
                position=position,
                source=self.source,
                line_start=e.line_start,
                line_end=e.line_end,
            )
            for (position, e), slug in zip(new, slugs, strict=True)
        )
        found.update((i, work) for (i, _), work in zip(new, created, strict=True))
        works = [found[i] for i in range(len(entries))]
        self.report.works["created"] += len(created)
        self.report.works["updated"] += len(entries) - len(created)
        # A work taken up again keeps its credits; those the list gives are added.
        Contribution.objects.bulk_create(
            (
                Contribution(work=work, author=self.author(c.name, e), role=c.role, order=order)
                for e, work in zip(entries, works, strict=True)
                for order, c in enumerate(_once(e))
            ),
            ignore_conflicts=True,
        )
        return works

    def editions(self, works: list[Work]) -> list[Edition | None]:
        """The edition each entry cites, where it names one, among its work's editions;
        a work of the list's own, or one without, reads by it."""
        held = Counter(Edition.objects.filter(work__in=works).values_list("work_id", flat=True))
        cited: list[Edition | None] = []
        for e, work in zip(self.records.entries, works, strict=True):
            values = _edition_values(e)
            if values is not None:
                values.update(line_start=e.line_start, line_end=e.line_end)
                cited.append(
                    Edition(work=work, source=self.source, position=held[work.pk], **values)
                )
                held[work.pk] += 1
            else:
                cited.append(None)
        Edition.objects.bulk_create(c for c in cited if c is not None)
        reading = {
            work.pk: (work, edition)
            for work, edition in zip(works, cited, strict=True)
            if edition is not None and (work.source_id == self.source.pk or work.edition_id is None)
        }
        for work, edition in reading.values():
            work.edition = edition
        Work.objects.bulk_update([work for work, _ in reading.values()], ["edition"])
        return cited

    def guide(self, title: str, works: list[Work], editions: list[Edition | None]) -> Guide:
        guide = Guide(
            title=title,
            subtitle=self.records.subtitle or "",
            slug=SlugAllocator(Guide, "guide").allocate([title])[0],
            description=self.records.introduction,
            closing=self.records.closing,
            compilers=join_compilers(self.records.compilers),
            date=self.records.date or "",
            source=self.source,
            line_start=1,
            line_end=max(self.source.lines, 1),
        )
        guide.save()
        GuideEntry.objects.bulk_create(
            GuideEntry(
                guide=guide,
                work=work,
                order=order,
                section=e.section_path,
                importance=e.importance,
                part=e.part or "",
                part_pages=e.part_pages,
                edition=edition,
                source=self.source,
                line_start=e.line_start,
                line_end=e.line_end,
            )
            for order, (e, work, edition) in enumerate(
                zip(self.records.entries, works, editions, strict=True), 1
            )
        )
        return guide


def _work_values(e: ListEntry) -> dict[str, object]:
    """A work's fields as the list gives them (its annotation is the entry's note)."""
    return {
        "title": e.title,
        "annotation": e.note,
        "year": e.year,
        "year_end": e.year_end,
        "pages": e.pages,
        "url": e.url or "",
        "source_text": e.raw,
    }


def _edition_values(e: ListEntry) -> dict[str, object] | None:
    """The edition the entry cites, if it names one: by year, publisher, place or ISBN
    (a page count alone is the work's, of an edition the list does not say)."""
    if not (e.edition_year or e.publisher or e.place or e.isbn or e.language):
        return None
    translators = [c.name for c in e.contributors if c.role == "translator"]
    return {
        "year": e.edition_year,
        "publisher": e.publisher or "",
        "place": e.place or "",
        "pages": e.pages,
        "isbn": e.isbn or "",
        "translator": " and ".join(translators),
        "language": e.language or "",
    }


def _once(entry: ListEntry) -> list[Contributor]:
    """The entry's contributors, each once in each role (a list may repeat a name)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for contributor in entry.contributors:
        key = (contributor.name.casefold(), contributor.role)
        if key not in seen:
            seen.add(key)
            kept.append(contributor)
    return kept


def import_list(
    name: str,
    data: bytes,
    text: str,
    encoding: str,
    records: ListGuide,
    guide_title: str | None = None,
    now: datetime | None = None,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ImportReport:
    """Import a list read from the file ``name`` (its bytes, decoded text and records);
    raises ImportRefused (nothing written) or CatalogLocked."""
    title = guide_title or records.title or PurePath(name).stem
    # A reader reports what breaks its format's rules; a limit it also checks is
    # reported once.
    problems = with_limits(records, title)
    if errors := [p for p in problems if p.severity == "error"]:
        raise ImportRefused(errors)
    report = ImportReport(name, warnings=problems)
    sha256 = hashlib.sha256(data).hexdigest()
    with write_transaction(wait, on_wait):
        source = Source.objects.filter(name=name).first()
        if source is not None and source.sha256 == sha256:
            return report
        if source is not None and _edited(source):
            raise ImportRefused(
                [
                    Problem(
                        "an editor has changed records this list imported before; importing "
                        "the changed list would replace them, so nothing was imported"
                    )
                ]
            )
        report.status = "updated" if source else "created"
        shared = _remove_previous(source) if source is not None else {}
        source = source or Source(name=name)
        source.sha256 = sha256
        source.imported_at = now or timezone.now()
        source.encoding = encoding
        source.newline = _newline(text)
        source.final_newline = text.endswith(("\n", "\r"))
        source.lines = line_count(text)
        source.size = len(data)
        source.save()
        SourceChunk.objects.bulk_create(
            SourceChunk(source=source, number=n, text=text[start : start + CHUNK_CHARACTERS])
            for n, start in enumerate(range(0, len(text), CHUNK_CHARACTERS))
        )
        run = _ListImport(source, records, report)
        works = run.works(shared)
        run.guide(title, works, run.editions(works))
        authors = [a.pk for a in run.authors.values()]
        reindex([w.pk for w in works], authors)
        recompute(Author.objects.filter(pk__in=authors, source=source).exclude(biography=""))
        catalog_changed()
    return report
