"""Keeping the search documents in step with the catalog.

Imports call :func:`reindex` with the ids they touched; editors' saves go through
signals (readingroom.search.signals). Database triggers carry each document into
the full-text index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models.functions import Substr

from readingroom.catalog.bulk import chunks, insert_rows
from readingroom.catalog.models import Author, Contribution, Work
from readingroom.limits import SEARCHED_TEXT

from .models import SearchDocument, SearchTerm
from .text import words

_FIELDS = [
    "kind", "work_id", "author_id", "title", "people", "annotation", "biography",
    "facet_author_id", "year", "pages",
]  # fmt: skip


def _searched(field: str) -> Substr:
    """The part of a long text that search indexes (readingroom.limits.SEARCHED_TEXT),
    cut in SQL, so that a biography of megabytes is never fetched whole."""
    return Substr(field, 1, SEARCHED_TEXT)


def _work_rows(chunk: Sequence[int]) -> list[tuple[object, ...]]:
    people: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    contributions = (
        Contribution.objects.filter(work_id__in=chunk)
        .order_by()  # credited is sorted below; the model's ordering joins every work
        .values_list("work_id", "order", "author_id", "author__name")
    )
    for work_id, order, author_id, name in contributions:
        people[work_id].append((order, author_id, name))
    rows: list[tuple[object, ...]] = []
    works = Work.objects.filter(pk__in=chunk).annotate(searched=_searched("annotation"))
    for work_id, title, annotation, year, pages in works.values_list(
        "pk", "title", "searched", "year", "pages"
    ):
        credited = sorted(people[work_id])
        rows.append(
            (
                *("work", work_id, None, title, " ".join(n for _, _, n in credited)),
                *(annotation or "", "", credited[0][1] if credited else None, year, pages),
            )
        )
    return rows


def _author_rows(chunk: Sequence[int]) -> list[tuple[object, ...]]:
    authors = Author.objects.filter(pk__in=chunk).annotate(searched=_searched("biography"))
    return [
        ("author", None, author_id, name, name, "", biography or "", author_id, None, None)
        for author_id, name, biography in authors.values_list("pk", "name", "searched")
    ]


def _add_vocabulary(rows: list[tuple[object, ...]]) -> None:
    """Titles and names feed the vocabulary that misspelt queries are corrected against.

    A word the vocabulary has keeps its entry (the insert ignores the conflict), so
    nothing is looked up first: on PostgreSQL, with the table analyzed, the planner
    answers ``term IN (…)`` through the trigram index, 120 s for 5,000 words.
    """
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(w for w in set(words(f"{row[3]} {row[4]}")) if len(w) >= 3 and w.isalpha())
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term, frequency=n) for term, n in counts.items() if len(term) <= 100],
        ignore_conflicts=True,
    )


def reindex(work_ids: Iterable[int] = (), author_ids: Iterable[int] = ()) -> None:
    """Replace the search documents of these works and authors (deleted ones just go),
    a chunk at a time: memory holds one chunk's documents, however many there are."""
    for ids, key, make_rows in (
        (sorted(set(work_ids)), "work_id", _work_rows),
        (sorted(set(author_ids)), "author_id", _author_rows),
    ):
        for chunk in chunks(ids):
            SearchDocument.objects.filter(**{f"{key}__in": chunk}).delete()
            rows = make_rows(chunk)
            insert_rows(SearchDocument, _FIELDS, rows)
            _add_vocabulary(rows)


def rebuild() -> None:
    """Index the whole catalog afresh."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    reindex(Work.objects.values_list("pk", flat=True), Author.objects.values_list("pk", flat=True))
