"""The OpenAPI document's view of every operation, as it answers.

drf-spectacular reads the serializers; this adds what every operation can answer
besides its success, so that the document lists every status the API gives: 400
(bad input or query parameters), 401 (a token that is not valid, or a write without
one), 404 (no such record or page), and for writes 403 (no permission) and 415
(a body that is not JSON) and 409 (a slug another record has). An action a view
names in ``locking_actions`` (a merge) runs under the catalog's write lock: it may
answer 503 (an import holds the lock), and sets no slug, so never 409. Reads need
no token (the empty security requirement).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {},
}
_MESSAGES = {
    "400": "The input or a query parameter is not valid; the body says which and why.",
    "401": "The token is not valid (or was revoked), or a write came without one.",
    "403": "The token's user may not make this change (editors may).",
    "404": "No such record, page or export.",
    "409": "Another record has the slug asked for.",
    "415": "The body is not JSON.",
    "503": "An import holds the catalog's write lock; nothing was changed. Retry-After "
    "says when to try again.",
}


def error_response(status: str) -> dict[str, Any]:
    return {"description": _MESSAGES[status], "content": {"application/json": {"schema": _ERROR}}}


class Schema(AutoSchema):
    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        statuses = ["400", "401", "404"]
        if self.method not in SAFE_METHODS:
            statuses += ["403", "415"]
            locking = getattr(self.view, "action", None) in getattr(
                self.view, "locking_actions", ()
            )
            statuses.append("503" if locking else "409")
        for status in statuses:
            responses.setdefault(status, error_response(status))
        return responses
