"""Whole-page caching for readers, keyed by the catalog's version.

Readers (not logged in) asking for the same page at the same reading speed get
the same bytes until the catalog changes; any save, delete or import moves the
version on (catalog/signals.py), so a cached page is never stale. Editors always
get fresh pages. READINGROOM_PAGE_CACHE=0 turns it off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from readingroom.catalog.models import CatalogVersion

from .reading import reading_speed

View = Callable[..., HttpResponse]


def cached_for_readers(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            # Never stored: the page may show this reader's own shelves and progress.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        if not settings.PAGE_CACHE or request.method != "GET":
            return view(request, *args, **kwargs)
        speed = reading_speed(request)
        raw = "|".join(
            [
                str(CatalogVersion.current()),
                request.get_host(),
                request.get_full_path(),
                str(speed.words_per_page),
                str(speed.words_per_minute),
            ]
        )
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped
