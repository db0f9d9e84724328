"""How far a reader has read: the one place that turns reading logged into progress."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Max

from readingroom.catalog.models import Work

from .models import ReadingLog


def pages_reached(user: Any, works: Iterable[Work] | None = None) -> dict[int, int]:
    """For each of these works (or every work) the reader has logged, the furthest page
    reached."""
    logged = ReadingLog.objects.filter(user=user, page_reached__isnull=False)
    if works is not None:
        logged = logged.filter(work__in=list(works))
    rows = logged.values("work_id").annotate(furthest=Max("page_reached"))
    return {row["work_id"]: row["furthest"] for row in rows}


def log_reading(
    user: Any,
    work: Work,
    day: date,
    page_reached: int | None = None,
    chapter: str = "",
    minutes: int | None = None,
) -> ReadingLog:
    """Record a sitting; the pages it read are those past the furthest page reached
    before it (none when it names a chapter, not a page)."""
    before = pages_reached(user, [work]).get(work.pk, 0)
    pages = max(page_reached - before, 0) if page_reached is not None else None
    return ReadingLog.objects.create(
        user=user,
        work=work,
        day=day,
        page_reached=page_reached,
        chapter=chapter,
        pages=pages,
        minutes=minutes,
    )
