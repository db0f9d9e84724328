"""Requests refused before a view sees them, and writes that meet a running import.

* A NUL character in a query parameter is a 400, whichever view it is for.
* On SQLite one writer works at a time. Readers never wait (pages are read in WAL
  mode; sessions and login throttling live outside the catalog's database), but an
  editor's save during a long import waits for the busy timeout and would then fail
  with "database is locked": the editor gets "busy, try again" with Retry-After.
* With read replicas (DATABASE_REPLICA_URL), a page a reader asks for with GET
  reads from one of them; a POST, and the same browser's pages for a few seconds
  after it, read the primary, so a reader sees what they have just written. Editors
  always read the primary.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from readingroom.catalog.locking import is_lock_wait
from readingroom.routers import reading_from

RETRY_AFTER_SECONDS = 30
# Set by a POST while there are replicas: this browser reads the primary for a while.
PRIMARY_COOKIE = "readingroom_primary"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


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


def replica_reads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Readers' pages from a read replica, one chosen at random for the whole request
    (one replica's rows, never a mix); what writes, and the pages that follow it,
    from the primary."""

    def middleware(request: HttpRequest) -> HttpResponse:
        replicas = list(settings.DATABASE_REPLICAS)
        if not replicas:
            return get_response(request)
        if request.method in _SAFE_METHODS:
            if PRIMARY_COOKIE in request.COOKIES or request.user.is_staff:
                # An editor's forms show what their save will write: the primary's.
                return get_response(request)
            with reading_from(random.choice(replicas)):
                return get_response(request)
        response = get_response(request)
        response.set_cookie(
            PRIMARY_COOKIE,
            "1",
            max_age=settings.REPLICA_PIN_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response

    return middleware
