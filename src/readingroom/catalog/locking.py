"""One writer at a time: imports and dump loads wait their turn, and say so.

SQLite lets one transaction write at a time; a second import would wait in
silence for the busy timeout and then fail with "database is locked". PostgreSQL
lets both run until they collide on a slug. So every import takes the catalog's
write lock first (SQLite's own, through BEGIN IMMEDIATE; an advisory lock on
PostgreSQL), telling the user once that it is waiting, and giving up with a clear
message after a configurable time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

from .signals import catalog_changes_batched

# An arbitrary constant naming readingroom's advisory lock on PostgreSQL.
ADVISORY_KEY = 0x7265616469  # "readi"
_POLL_SECONDS = 0.25


class CatalogLocked(Exception):
    """Another writer held the catalog for longer than we were willing to wait."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"the catalog stayed locked by another import for {waited:.0f} s")
        self.waited = waited


def _try_lock() -> bool:
    """Take the write lock inside a new transaction, without waiting; False if taken."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_KEY])
            return bool(cursor.fetchone()[0])
    return True  # SQLite: BEGIN IMMEDIATE has taken it already


@contextmanager
def busy_timeout(seconds: float) -> Iterator[None]:
    """On SQLite, wait at most this long for another writer inside the block (then
    "database is locked"); the configured wait again after it."""
    if connection.vendor != "sqlite":
        yield
        return
    configured = settings.WRITE_WAIT_SECONDS
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured * 1000)}")


@contextmanager
def transaction_waiting_at_most(seconds: float) -> Iterator[None]:
    """A transaction that waits at most this long for another writer's locks, on
    either database, and then fails with an error :func:`is_lock_wait` knows."""
    with busy_timeout(seconds), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = {max(1, int(seconds * 1000))}")
        yield


def is_lock_wait(exc: OperationalError) -> bool:
    """Whether the error is another writer's lock outwaiting us (either database)."""
    message = str(exc)
    return "database is locked" in message or "lock timeout" in message


@contextmanager
def write_transaction(
    wait: float | None = None, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """One transaction holding the catalog's write lock, in which the version moves once.

    Waits up to ``wait`` seconds (settings.IMPORT_LOCK_WAIT by default) for another
    writer to finish, calling ``on_wait`` once if it has to; raises
    :class:`CatalogLocked` if the lock does not come free in time.
    """
    wait = settings.IMPORT_LOCK_WAIT if wait is None else wait
    started = time.monotonic()
    told = False
    with busy_timeout(_POLL_SECONDS):
        while True:
            stack = ExitStack()
            try:
                stack.enter_context(transaction.atomic())
                if _try_lock():
                    break
                stack.close()
            except OperationalError as exc:
                stack.close()
                if not is_lock_wait(exc):
                    raise
            waited = time.monotonic() - started
            if waited >= wait:
                raise CatalogLocked(waited)
            if not told and on_wait is not None:
                on_wait()
                told = True
            time.sleep(_POLL_SECONDS)
    with stack, catalog_changes_batched():
        yield
