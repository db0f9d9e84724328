"""The address a request came from, as django-axes counts failed logins by it.

Behind a load balancer every request reaches the app server from the balancer's
address. Each proxy appends the address it received the request from to
X-Forwarded-For, so behind READINGROOM_PROXIES of them the client's address is that
many entries from the right; what stands further left the client wrote itself, and
may have forged.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    proxies = settings.PROXIES
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
