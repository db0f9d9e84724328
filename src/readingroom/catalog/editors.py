"""The editors group: who may complete and correct the catalog through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
# Editors change the catalog's records; imported source files stay read-only.
_EDITABLE = (
    "author",
    "work",
    "contribution",
    "guide",
    "guideentry",
    "slugredirect",
    "lifeevent",
    "notsame",
    "identifier",
    "ignoredfinding",
    "addedword",
)
_READABLE = ("source", "mergedrecord")


def ensure_editors_group(**kwargs: Any) -> Group:
    """Create or refresh the group; runs after every migrate, so new models join it."""
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        f"{action}_{model}" for model in _EDITABLE for action in ("view", "add", "change", "delete")
    ]
    codenames += [f"view_{model}" for model in _READABLE]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames)
    )
    return group
