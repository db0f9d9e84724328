"""Megabytes of stored HTML into a response, as the bytes they are stored as.

An author page can carry a biography of megabytes. Passing it through the template
engine as text means decoding it from the database, copying it at every level of
the template and encoding it again: most of the page's time. Instead the template
gets a placeholder for each big part, and the rendered bytes have the stored bytes
spliced in at the placeholders, once.
"""

from __future__ import annotations

import re
import secrets

from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe

# Unguessable, so that no text an editor wrote can be taken for a placeholder.
_TOKEN = secrets.token_hex(16)


def placeholder(name: str) -> SafeString:
    return mark_safe(f"<!--{_TOKEN}:{name}-->")


def splice(response: HttpResponse, parts: dict[str, bytes]) -> HttpResponse:
    """Put each part's bytes where the response's placeholder for it stands."""
    pattern = re.compile(
        b"<!--"
        + _TOKEN.encode()
        + b":("
        + b"|".join(re.escape(n.encode()) for n in parts)
        + b")-->"
    )
    pieces = pattern.split(response.content)
    # Split on a pattern with one group: text, name, text, name, … text.
    for index in range(1, len(pieces), 2):
        pieces[index] = parts[pieces[index].decode()]
    response.content = b"".join(pieces)
    return response
