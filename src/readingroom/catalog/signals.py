"""Keeping links and caches true when records change.

Renaming a record's slug leaves a redirect behind, so old links keep working; any
change to the catalog moves its version on, so no cached page outlives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from .models import (
    Author,
    CatalogVersion,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    Identifier,
    LifeEvent,
    MergedRecord,
    NotSame,
    SlugRedirect,
    Source,
    Work,
)


@receiver(pre_save, sender=Author)
@receiver(pre_save, sender=Work)
@receiver(pre_save, sender=Guide)
def remember_old_slug(
    sender: type[Author | Work | Guide], instance: Author | Work | Guide, **kwargs: Any
) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old is None or old == instance.slug:
        return
    SlugRedirect.point(sender.__name__.lower(), old, instance.slug)


# Sent with ``authors=[...]`` when their life events were extracted anew (an import,
# a biography edited, a dump loaded): what shows a biography can be made again.
life_events_recomputed = Signal()

# Sent with ``keep=`` and ``other=`` when a work is merged into another, before the
# other is deleted: what points at it from outside the catalog (readers' shelves,
# reading logged, plans) moves to the kept work.
work_merged = Signal()

# Inside catalog_changes_batched(): whether anything changed (the version moves once).
_batch: ContextVar[list[bool] | None] = ContextVar("catalog_batch", default=None)


@contextmanager
def catalog_changes_batched() -> Iterator[None]:
    """Move the catalog version on once for a whole import, not once per row saved."""
    batch: list[bool] = []
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch:
        CatalogVersion.bump()


def catalog_changed(sender: type | None = None, **kwargs: Any) -> None:
    """The catalog changed: move its version on (once, at the end, inside a batch).

    Bulk writes send no signals, so the code that makes them calls this itself.
    """
    batch = _batch.get()
    if batch is None:
        CatalogVersion.bump()
    elif not batch:
        batch.append(True)


for _model in (
    Author, Work, Edition, Contribution, Guide, GuideEntry, Identifier, LifeEvent, MergedRecord,
    NotSame, SlugRedirect, Source,
):  # fmt: skip
    post_save.connect(
        catalog_changed, sender=_model, dispatch_uid=f"version-save-{_model.__name__}"
    )
    post_delete.connect(
        catalog_changed, sender=_model, dispatch_uid=f"version-del-{_model.__name__}"
    )
