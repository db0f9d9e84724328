"""Keeping a reader's records when the catalog merges the works they point at."""

from __future__ import annotations

from typing import Any

from readingroom.catalog.models import Work

from .models import PlanWork, ReadingLog, ShelfItem


def follow_merged_work(sender: type[Work], keep: Work, other: Work, **kwargs: Any) -> None:
    """Reading logged of ``other`` is of ``keep`` now; so are its shelf places and plan
    places, except where the reader already has ``keep`` there (that one stays)."""
    ReadingLog.objects.filter(work=other).update(work=keep)
    shelved = ShelfItem.objects.filter(work=keep).values_list("user_id", flat=True)
    ShelfItem.objects.filter(work=other).exclude(user_id__in=list(shelved)).update(work=keep)
    planned = PlanWork.objects.filter(work=keep).values_list("plan_id", flat=True)
    PlanWork.objects.filter(work=other).exclude(plan_id__in=list(planned)).update(work=keep)
