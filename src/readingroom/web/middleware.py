"""A write that meets an import holding the catalog gets a page saying so.

On SQLite one writer works at a time. Readers never wait (pages are read in WAL
mode, sessions and login throttling live outside the database), but an editor's
save during a long import waits for the busy timeout and would then fail with
"database is locked": the editor gets "busy, try again" with Retry-After instead
of a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 30


class CatalogBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
