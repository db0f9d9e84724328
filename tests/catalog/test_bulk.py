"""Bulk inserts (catalog/bulk.py) on the real database: COPY on PostgreSQL, prepared
INSERTs on SQLite. Both must store every value the limits allow exactly as given:
COPY's text format gives tabs, line breaks, backslashes and ``\\N`` (its NULL) and
``\\.`` (its end of data) meanings of their own."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from readingroom.catalog.bulk import insert_rows, insert_rows_returning_ids
from readingroom.catalog.models import Author, Contribution, Source, Work
from readingroom.limits import LONG_TEXT, characters_problem

pytestmark = pytest.mark.django_db

_AUTHOR_FIELDS = [
    "name", "sort_name", "slug", "biography", "source_id", "line_start", "position",
    "name_inferred", "created_at",
]  # fmt: skip
_WORK_FIELDS = [
    "title", "slug", "annotation", "source_text", "source_id", "position", "year", "year_end",
    "pages", "created_at",
]  # fmt: skip
NOW = timezone.now()

# Every character the limits let into stored prose that COPY's text format treats
# specially, or that a hand-made escaping could get wrong.
AWKWARD = [
    "tab\tbetween",
    "line\nfeed",
    "form\x0cfeed",
    "back\\slash, C:\\new\\101 and a trailing backslash\\",
    "\\N",  # COPY's NULL, as text
    "before\n\\.\nafter",  # COPY's end of data, on a line of its own
    "\\.",
    "",  # empty, which is not NULL
    "Zürich — “quoted” ‘single’ « guillemets » 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301 \u200f\u05e9\u05dc\u05d5\u05dd",
    "separators\u2028\u2029\u0085 and a BOM \ufeff",
    "a" * LONG_TEXT,
]


def _source() -> Source:
    return Source.objects.create(
        name="bulk.txt", sha256="0" * 64, imported_at=timezone.now(), encoding="utf-8"
    )


def test_the_awkward_values_are_allowed_by_the_limits():
    assert [characters_problem("text", value) for value in AWKWARD] == [None] * len(AWKWARD)


def test_every_value_comes_back_as_it_was_given():
    source = _source()
    rows = [
        (f"Name {n}\t{value[:200]}", "", f"name-{n}", value, source.pk, None, n, n % 2 == 0, NOW)
        for n, value in enumerate(AWKWARD)
    ]
    ids = insert_rows_returning_ids(Author, _AUTHOR_FIELDS, rows)
    assert ids == sorted(set(ids))
    assert len(ids) == len(rows)
    stored = {
        author.pk: (author.name, author.sort_name, author.slug, author.biography)
        for author in Author.objects.filter(pk__in=ids)
    }
    # Each id is its own row's: the ids come back in the order of the rows.
    assert [stored[pk] for pk in ids] == [row[:4] for row in rows]
    assert Author.objects.filter(pk__in=ids, line_start__isnull=True).count() == len(rows)
    assert [a.name_inferred for a in Author.objects.filter(pk__in=ids).order_by("pk")] == [
        n % 2 == 0 for n in range(len(rows))
    ]
    assert {a.created_at for a in Author.objects.filter(pk__in=ids)} == {NOW}


def test_rows_without_ids_come_back_as_they_were_given():
    source = _source()
    author = insert_rows_returning_ids(
        Author, _AUTHOR_FIELDS, [("A", "", "a", "", None, 1, 0, False, NOW)]
    )
    work_ids = insert_rows_returning_ids(
        Work,
        _WORK_FIELDS,
        [(f"T{n}", f"t{n}", value, f"T{n}: {value}\r\n", source.pk, n, -3000, 9999, 100_000, NOW)
         for n, value in enumerate(AWKWARD)],
    )  # fmt: skip
    insert_rows(
        Contribution,
        ["work_id", "author_id", "role", "order"],
        [(work_id, author[0], "author", 0) for work_id in work_ids],
    )
    works = Work.objects.filter(pk__in=work_ids).order_by("pk")
    assert [w.annotation for w in works] == AWKWARD
    assert [w.source_text for w in works] == [f"T{n}: {v}\r\n" for n, v in enumerate(AWKWARD)]
    assert set(works.values_list("year", "year_end", "pages")) == {(-3000, 9999, 100_000)}
    assert Contribution.objects.filter(author_id=author[0]).count() == len(AWKWARD)


def test_a_row_the_database_refuses_is_djangos_error_and_takes_the_others_with_it():
    source = _source()
    before = Author.objects.count()

    def two_batches() -> None:
        with transaction.atomic():
            good = [(f"N{n}", "", f"n{n}", "", source.pk, 1, n, False, NOW) for n in range(2_000)]
            insert_rows_returning_ids(Author, _AUTHOR_FIELDS, good)
            # The last of another thousand holds a position the table's check refuses.
            late = [(f"M{n}", "", f"m{n}", "", source.pk, 1, n, False, NOW) for n in range(999)]
            late.append(("M", "", "m", "", source.pk, 1, -1, False, NOW))
            insert_rows_returning_ids(Author, _AUTHOR_FIELDS, late)

    with pytest.raises(IntegrityError):
        two_batches()
    assert Author.objects.count() == before


def test_nothing_to_insert_writes_nothing():
    assert insert_rows_returning_ids(Author, _AUTHOR_FIELDS, []) == []
    insert_rows(Contribution, ["work_id", "author_id", "role", "order"], [])
    assert not Author.objects.exists()
