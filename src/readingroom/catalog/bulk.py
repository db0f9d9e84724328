"""Inserting many new rows fast, for imports of whole guides.

Django's bulk_create builds a model instance and prepares every value field by
field; for a guide of 100,000 works that is most of the import's time. The rows
an import creates hold only ints, strings, booleans, datetimes and NULLs, which
both databases take as they are: on SQLite they go straight into prepared and
multi-row INSERTs, on PostgreSQL through COPY, its bulk-load protocol, a row at a
time through psycopg's row writer (which escapes tabs, line breaks and
backslashes by COPY's own rules; nothing here formats a value by hand).

COPY runs inside the caller's transaction like any INSERT: a failure anywhere
rolls back every row of it, and of the rest of the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import DatabaseError, connection, models, transaction

T = TypeVar("T")
# Ids bound in one IN (...): far below either database's limit on parameters.
CHUNK = 5_000


def _sqlite_max_params() -> int:
    """SQLite's own limit: Django assumes the old 999; builds since 3.32 take 32,766."""
    connection.ensure_connection()
    return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _columns(model: type[models.Model], fields: Sequence[str]) -> tuple[str, str]:
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    return quote(meta.db_table), columns


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """The items a bounded slice at a time, for queries that bind them."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _copy_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """PostgreSQL: the rows through ``COPY … FROM STDIN``; its errors are Django's
    database errors, as an INSERT's would be."""
    table, columns = _columns(model, fields)
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in ``fields`` order): COPY on PostgreSQL, one prepared
    statement on SQLite."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy_rows(model, fields, rows)
        return
    table, columns = _columns(model, fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """PostgreSQL: ``count`` new ids from the table's own sequence, in increasing order.

    Taken as the INSERTs would take them, so they are unique however many writers
    there are; like theirs, ids taken by a transaction that rolls back are not reused.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def insert_rows_returning_ids(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Like :func:`insert_rows`, returning the new rows' ids in order.

    On PostgreSQL the ids are taken from the table's sequence first and the rows
    copied in with them; on SQLite, multi-row ``INSERT … RETURNING``.
    """
    if not rows:
        return []
    if connection.vendor == "postgresql":
        reserved = _reserve_ids(model, len(rows))
        with_ids = ((pk, *row) for pk, row in zip(reserved, rows, strict=True))
        _copy_rows(model, [model._meta.pk.attname, *fields], with_ids)
        return reserved
    table, columns = _columns(model, fields)
    quote = connection.ops.quote_name
    batch = max(1, _sqlite_max_params() // len(fields))
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) "
                f"VALUES {', '.join([placeholder] * len(chunk))} "
                f"RETURNING {quote(model._meta.pk.column)}",
                [value for row in chunk for value in row],
            )
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def delete_rows(queryset: models.QuerySet[Any]) -> int:
    """Delete the rows with one DELETE, without loading them or sending signals.

    Only for rows nothing refers to (guide entries, pieces of a source's text):
    Django's delete() loads every row first, to send signals and follow relations,
    which for a guide's million entries is most of an import's memory.
    """
    return int(queryset._raw_delete(queryset.db))


def _keys(model: type[models.Model]) -> list[str]:
    """The columns rows are looked up by: the primary key, foreign keys, unique fields."""
    quote = connection.ops.quote_name
    return [
        quote(f.column)
        for f in model._meta.concrete_fields
        if f.primary_key or f.is_relation or f.unique
    ]


class LoadStatistics:
    """PostgreSQL: the planner's statistics of the tables a load writes, kept in step
    while it grows them inside its one transaction, and brought up to date after it.

    A load reads what it has written as it goes (the slugs taken, the credits the
    search index needs). Planned with statistics of the tables as they were before it
    (none at all, on a first load), those reads become scans of whole tables, each
    slower than the last: measured on a million works, a batch's lookup of its credits
    took 2.7 s unanalyzed and 0.14 s analyzed. So inside the transaction, whenever the
    load has added as many rows of ``grown`` as the statistics counted (the table has
    doubled: a handful of times for a million rows), the columns rows are looked up by
    are analyzed. ANALYZE sees the transaction's own rows and reads a bounded sample; it
    takes no lock that readers or writers wait for, only one that keeps VACUUM and
    another ANALYZE off those tables until the load ends. The row counts it makes
    (``pg_class``) are seen by others at once, its statistics once the load commits.

    After the commit, :meth:`settle` analyzes the tables whole (every column, the
    search vectors' words too) if the load added as many rows as autovacuum waits
    for: its threshold and its share of the rows counted before (any, on a first
    load). Autovacuum would do the same, but only when it next comes round, and
    readers' queries would be planned for the catalog before the load until then.
    """

    def __init__(self, grown: type[models.Model], written: Sequence[type[models.Model]]) -> None:
        self.grown = grown
        self.written = written
        self.on = connection.vendor == "postgresql"
        self.added = self.since = 0
        self.before, self.threshold, self.share = self._counted() if self.on else (0, 0, 0.0)
        self.counted = self.before

    def _counted(self) -> tuple[int, int, float]:
        """The rows of ``grown`` the statistics count (0 if never analyzed), and
        autovacuum's threshold and share of them for analyzing."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples, current_setting('autovacuum_analyze_threshold')::int,"
                " current_setting('autovacuum_analyze_scale_factor')::float"
                " FROM pg_class WHERE oid = %s::regclass",
                [connection.ops.quote_name(self.grown._meta.db_table)],
            )
            counted, threshold, share = cursor.fetchone()
        return max(0, int(counted)), threshold, share

    def _analyze(self, keys_only: bool) -> None:
        quote = connection.ops.quote_name
        tables = ", ".join(
            quote(m._meta.db_table) + (f" ({', '.join(_keys(m))})" if keys_only else "")
            for m in self.written
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")

    def grew(self, rows: int) -> None:
        """Inside the load's transaction: ``rows`` more rows of ``grown`` are written."""
        self.added += rows
        self.since += rows
        if self.on and self.since >= max(self.counted, self.threshold):
            self._analyze(keys_only=True)
            self.counted, self.since = self._counted()[0], 0

    def settle(self) -> None:
        """After the load has committed. It is in: a failure here (another ANALYZE
        holding a table past the lock timeout) changes nothing and is left to autovacuum."""
        if not self.on or self.added < self.threshold + self.share * self.before:
            return
        try:
            with transaction.atomic():
                self._analyze(keys_only=False)
        except DatabaseError:
            pass
