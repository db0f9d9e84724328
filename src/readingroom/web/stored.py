"""Storing what a page view made, without ever making a reader wait for a writer."""

from __future__ import annotations

from django.db import OperationalError, models

from readingroom.catalog.locking import is_lock_wait, transaction_waiting_at_most


def store_unless_busy(record: models.Model) -> None:
    """Save, unless another writer (an import) holds what this needs: the view shows
    what it made anyway, and a later view stores it."""
    try:
        with transaction_waiting_at_most(0):
            record.save()
    except OperationalError as exc:
        if not is_lock_wait(exc):
            raise
