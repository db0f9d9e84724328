"""Which database a query goes to: login attempts, and reads from replicas.

LoginsRouter: where django-axes keeps its login attempts, a database of their own
on SQLite.

On SQLite one transaction writes at a time and an import is one long transaction;
a failed login, which axes records, would wait for it (the issue measured 16.9 s).
settings.py gives axes a second SQLite file, "logins", when the catalog is on SQLite;
on PostgreSQL, which writes rows concurrently, everything stays in one database.

ReplicaRouter: with DATABASE_REPLICA_URL, PostgreSQL read replicas serve readers'
pages (docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

LOGINS = "logins"
PRIMARY: str = DEFAULT_DB_ALIAS  # the database written to; replicas read from it
_APP = "axes"


def _separate() -> bool:
    return LOGINS in settings.DATABASES


class LoginsRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return LOGINS if model._meta.app_label == _APP and _separate() else None

    db_for_write = db_for_read

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if not _separate():
            return None
        return (app_label == _APP) == (db == LOGINS)


# Where this request's reads go: a replica's alias, while a reader's page is being
# made (web/middleware.py: read_from_replica); None (the primary) everywhere else.
_replica: ContextVar[str | None] = ContextVar("replica", default=None)
# What must be read where it is written: a login's failures counted on one server
# must be seen by the next, and a session just saved must be found.
_PRIMARY_ONLY = {"axes", "sessions"}


@contextmanager
def reading_from(alias: str | None) -> Iterator[None]:
    """Route reads outside a transaction to the replica ALIAS (None: the primary)."""
    token = _replica.set(alias)
    try:
        yield
    finally:
        _replica.reset(token)


class ReplicaRouter:
    """Reads to a read replica (DATABASE_REPLICA_URL) while a reader's page is made;
    writes, and every read inside a transaction, to the primary.

    Inside a transaction the primary is read so that what the transaction wrote, and
    the rows its checks rely on, are seen. Without replicas it decides nothing.
    """

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not settings.DATABASE_REPLICAS:
            return None
        alias = _replica.get()
        if (
            alias is None
            or model._meta.app_label in _PRIMARY_ONLY
            or connections[PRIMARY].in_atomic_block
        ):
            # Said outright: Django would otherwise read a record's relations from
            # the database the record came from, a replica's even in a transaction.
            return PRIMARY
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        # Said outright too: a record read from a replica is saved to the primary.
        return PRIMARY if settings.DATABASE_REPLICAS else None

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool | None:
        """A replica holds the primary's rows, so records from either may be related."""
        one_database = {PRIMARY, *settings.DATABASE_REPLICAS}
        if {first._state.db, second._state.db} <= one_database:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # A replica's schema comes from its primary, by replication.
        return False if db in settings.DATABASE_REPLICAS else None
