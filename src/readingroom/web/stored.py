"""Storing what a page view made, without ever making a reader wait for a writer."""

from __future__ import annotations

from django.db import IntegrityError, OperationalError, connection, models

from readingroom.catalog.locking import is_lock_wait, transaction_waiting_at_most


def store_unless_busy(record: models.Model, fields: list[str] | None = None) -> None:
    """Save (these fields), unless another writer holds what this needs: the view shows
    what it made anyway, and a later view stores it.

    Inside a writer's own transaction (an import making pages as it goes) this is a
    plain save: that writer holds the locks, and its transaction must keep its own
    lock timeout.
    """
    if connection.in_atomic_block:
        record.save(update_fields=fields)
        return
    try:
        with transaction_waiting_at_most(0):
            record.save(update_fields=fields)
    except OperationalError as exc:
        if not is_lock_wait(exc):
            raise
    except IntegrityError:
        pass  # two first views at once: the other one stored the same parts
