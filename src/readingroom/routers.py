"""Where django-axes keeps its login attempts: a database of their own on SQLite.

On SQLite one transaction writes at a time and an import is one long transaction;
a failed login, which axes records, would wait for it (the issue measured 16.9 s).
settings.py gives axes a second SQLite file, "logins", when the catalog is on SQLite;
on PostgreSQL, which writes rows concurrently, everything stays in one database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

LOGINS = "logins"
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
