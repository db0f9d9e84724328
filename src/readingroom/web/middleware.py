"""Requests refused before a view sees them, and writes that meet a running import.

* A NUL character in a query parameter is a 400, whichever view it is for.
* On SQLite one writer works at a time. Readers never wait (pages are read in WAL
  mode; sessions and login throttling live outside the catalog's database), but an
  editor's save during a long import waits for the busy timeout and would then fail
  with "database is locked": the editor gets "busy, try again" with Retry-After.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from readingroom.catalog.locking import is_lock_wait

RETRY_AFTER_SECONDS = 30


def refuse_nul_parameters(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """No field stores a NUL, and PostgreSQL refuses them in any query: a NUL that
    reached a filter (even one of the admin's own) would be a 500."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("A query parameter holds a NUL character.")
        return get_response(request)

    return middleware


class CatalogBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and is_lock_wait(exception)):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
