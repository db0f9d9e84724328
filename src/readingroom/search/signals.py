"""Editors' changes reach the search index as soon as they are saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from readingroom.catalog.models import Author, Contribution, Work

from .index import reindex as _reindex

_paused: ContextVar[bool] = ContextVar("search_signals_paused", default=False)


@contextmanager
def search_signals_paused() -> Iterator[None]:
    """For bulk loads that rebuild the index once at the end instead of per record."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def reindex(**kwargs: Any) -> None:
    if not _paused.get():
        _reindex(**kwargs)


@receiver(post_save, sender=Work)
def work_saved(sender: type[Work], instance: Work, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        reindex(work_ids=[instance.pk])


@receiver(post_save, sender=Author)
def author_saved(sender: type[Author], instance: Author, raw: bool = False, **kwargs: Any) -> None:
    # A work's document carries its authors' names, so those change with the author.
    if not raw:
        reindex(
            work_ids=instance.contributions.values_list("work_id", flat=True),
            author_ids=[instance.pk],
        )


@receiver(post_save, sender=Contribution)
def contribution_saved(
    sender: type[Contribution], instance: Contribution, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        reindex(work_ids=[instance.work_id])


@receiver(post_delete, sender=Contribution)
def contribution_deleted(sender: type[Contribution], instance: Contribution, **kwargs: Any) -> None:
    # The work may be on its way out in the same deletion: look once the dust settles.
    def reindex_if_kept() -> None:
        if Work.objects.filter(pk=instance.work_id).exists():
            reindex(work_ids=[instance.work_id])

    transaction.on_commit(reindex_if_kept)
