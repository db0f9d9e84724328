"""Keeping the search documents in step with the catalog.

Imports call :func:`reindex` with the ids they touched; editors' saves go through
signals (readingroom.search.signals). Database triggers carry each document into
the full-text index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TypeVar

from django.db import connection

from readingroom.catalog.bulk import insert_rows
from readingroom.catalog.models import Author, Contribution, Work
from readingroom.limits import SEARCHED_TEXT

from .models import SearchDocument, SearchTerm
from .text import words

_FIELDS = [
    "kind", "work_id", "author_id", "title", "people", "annotation", "biography",
    "facet_author_id", "year", "pages",
]  # fmt: skip
_CHUNK = 5_000
T = TypeVar("T")


def _searched(text: str | None) -> str:
    """The part of a long text that search indexes (readingroom.limits.SEARCHED_TEXT)."""
    return (text or "")[:SEARCHED_TEXT]


def _chunks(items: list[T]) -> Iterable[list[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _work_rows(work_ids: list[int]) -> list[tuple[object, ...]]:
    people: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    rows: list[tuple[object, ...]] = []
    for chunk in _chunks(work_ids):
        contributions = Contribution.objects.filter(work_id__in=chunk).values_list(
            "work_id", "order", "author_id", "author__name"
        )
        for work_id, order, author_id, name in contributions:
            people[work_id].append((order, author_id, name))
        for work_id, title, annotation, year, pages in Work.objects.filter(
            pk__in=chunk
        ).values_list("pk", "title", "annotation", "year", "pages"):
            credited = sorted(people[work_id])
            rows.append(
                (
                    *("work", work_id, None, title, " ".join(n for _, _, n in credited)),
                    *(_searched(annotation), "", credited[0][1] if credited else None),
                    *(year, pages),
                )
            )
    return rows


def _author_rows(author_ids: list[int]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for chunk in _chunks(author_ids):
        for author_id, name, biography in Author.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "biography"
        ):
            rows.append(
                (
                    *("author", None, author_id, name, name, ""),
                    *(_searched(biography), author_id, None, None),
                )
            )
    return rows


def _add_vocabulary(rows: list[tuple[object, ...]]) -> None:
    """Titles and names feed the vocabulary that misspelt queries are corrected against."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(w for w in set(words(f"{row[3]} {row[4]}")) if len(w) >= 3 and w.isalpha())
    known = set()
    for chunk in _chunks(list(counts)):
        known.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", flat=True))
    insert_rows(
        SearchTerm,
        ["term", "frequency"],
        [(term, n) for term, n in counts.items() if term not in known and len(term) <= 100],
    )


def reindex(work_ids: Iterable[int] = (), author_ids: Iterable[int] = ()) -> None:
    """Replace the search documents of these works and authors (deleted ones just go)."""
    work_ids, author_ids = sorted(set(work_ids)), sorted(set(author_ids))
    for chunk in _chunks(work_ids):
        SearchDocument.objects.filter(work_id__in=chunk).delete()
    for chunk in _chunks(author_ids):
        SearchDocument.objects.filter(author_id__in=chunk).delete()
    rows = _work_rows(work_ids) + _author_rows(author_ids)
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
