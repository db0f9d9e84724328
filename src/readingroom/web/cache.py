"""Whole-page caching for readers, keyed by the catalog's version.

Readers (not logged in) asking for the same page at the same reading speed get
the same bytes until the catalog changes; any save, delete or import moves the
version on (catalog/signals.py), so a cached page is never stale. Editors always
get fresh pages. READINGROOM_PAGE_CACHE=0 turns it off.

The cache is each worker's memory, or Redis with REDIS_URL (settings.py), where
every worker and app server shares it. A Redis that does not answer costs the
page its cache, never the page: it is rendered, and the failure logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from redis.exceptions import RedisError

from readingroom.catalog.models import CatalogVersion

from .reading import reading_speed

View = Callable[..., HttpResponse]
logger = logging.getLogger(__name__)


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
        try:
            response = cache.get(key)
        except RedisError as exc:
            logger.warning("page cache unavailable, serving uncached: %s", exc)
            return view(request, *args, **kwargs)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                _store(key, response)
        return response

    return wrapped


def _store(key: str, response: HttpResponse) -> None:
    try:
        cache.set(key, response, settings.PAGE_CACHE_SECONDS)
    except RedisError as exc:
        logger.warning("page cache unavailable, page not stored: %s", exc)
