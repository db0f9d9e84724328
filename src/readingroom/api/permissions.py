"""Who may do what: anyone reads; a write takes the Django model permission for it.

The editors group (catalog/editors.py) holds the add, change and delete permissions
on authors, works and guides, so an editor's token writes and anyone else's reads.
A write without a token is a 401 (the answer names the Token scheme); one with the
token of a user who lacks the permission is a 403.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions
from rest_framework.request import Request


class EditorsWriteOthersRead(DjangoModelPermissions):
    authenticated_users_only = False

    def has_permission(self, request: Request, view: Any) -> bool:
        # Search, duplicates and exports hold no records to write: a write there is a 405.
        if request.method in SAFE_METHODS or getattr(view, "queryset", None) is None:
            return True
        return bool(super().has_permission(request, view))


class EditorsResolveDuplicates(EditorsWriteOthersRead):
    """Merging two records changes one and deletes the other: it takes both permissions
    on that kind of record, as the admin's "Likely duplicates" page does, and so does
    saying that two are not the same (the page's other action)."""

    perms_map = {
        **EditorsWriteOthersRead.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s", "%(app_label)s.delete_%(model_name)s"],
    }
