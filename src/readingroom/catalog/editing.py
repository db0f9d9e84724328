"""What every editor's change does besides saving the record: the admin's and the API's.

The record is stamped as edited (when, and by whom, the name kept beside the
account), which is what stops a later import from silently overwriting it; an
author whose name an editor completed is no longer "inferred", and an author whose
biography changed has the life events read from it again.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.utils import timezone

from .models import Author
from .timelines import recompute


def stamp_edit(record: Any, user: Any) -> None:
    """Mark the record (not yet saved) as changed by this editor now."""
    record.edited_at = timezone.now()
    record.edited_by = user
    record.edited_by_name = user.get_username()


def before_author_saved(author: Author, changed: Collection[str], change: bool) -> None:
    """Completing an inferred name is the point of editing it."""
    if change and "name" in changed:
        author.name_inferred = False


def after_author_saved(author: Author, changed: Collection[str]) -> None:
    """A biography that changed is read again for the author's life events."""
    if "biography" in changed:
        recompute([author])
