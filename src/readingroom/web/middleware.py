"""Requests refused before any view sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


def refuse_nul_parameters(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL character in a query parameter is a 400, whichever view it is for.

    No field stores one, and PostgreSQL refuses them in any query: a NUL that
    reached a filter (even one of the admin's own) would be a 500.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("A query parameter holds a NUL character.")
        return get_response(request)

    return middleware
