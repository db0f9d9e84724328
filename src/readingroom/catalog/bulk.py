"""Inserting many new rows fast, for imports of whole guides.

Django's bulk_create builds a model instance and prepares every value field by
field; for a guide of 100,000 works that is most of the import's time. The rows
an import creates hold only ints, strings, booleans and NULLs, which both SQLite
and PostgreSQL take as they are, so they go straight into multi-row INSERTs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection, models

T = TypeVar("T")
# Ids bound in one IN (...): far below either database's limit on parameters.
CHUNK = 5_000
# PostgreSQL's limit on bound parameters in one statement.
_POSTGRES_MAX_PARAMS = 65_535


def _max_params() -> int:
    """The server's own limit: Django assumes SQLite's old 999; builds since 3.32 take 32,766."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return int(connection.features.max_query_params or _POSTGRES_MAX_PARAMS)


def _columns(model: type[models.Model], fields: Sequence[str]) -> tuple[str, str]:
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    return quote(meta.db_table), columns


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """The items a bounded slice at a time, for queries that bind them."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in ``fields`` order) with one prepared statement."""
    table, columns = _columns(model, fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def insert_rows_returning_ids(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Like :func:`insert_rows`, returning the new rows' ids in order."""
    if not rows:
        return []
    table, columns = _columns(model, fields)
    quote = connection.ops.quote_name
    batch = max(1, _max_params() // len(fields))
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
