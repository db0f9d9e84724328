"""Failed logins counted by the client's address behind load balancers (READINGROOM_PROXIES)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from readingroom.web.addresses import client_address

PASSWORD = "a-long-reader-password"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [(0, "203.0.113.7", "192.0.2.1"),  # no proxy: the header is the client's own words
     (1, "203.0.113.7", "203.0.113.7"),
     (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the forged entry stands further left
     (2, "203.0.113.7, 10.0.0.5", "203.0.113.7"),
     (2, "10.0.0.5", "192.0.2.1"),  # fewer entries than proxies: not through them all
     (1, "", "192.0.2.1")],
)  # fmt: skip
def test_the_address_the_outermost_proxy_saw(settings, proxies, forwarded, address) -> None:  # type: ignore[no-untyped-def]
    settings.PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


def _log_in(forwarded_for: str, password: str) -> int:
    return (
        Client(HTTP_X_FORWARDED_FOR=forwarded_for)
        .post("/accounts/login/", {"username": "ann", "password": password})
        .status_code
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxies", "another_client"),
    [(1, 302),  # behind a proxy, one client's failures lock out that client only
     (0, 429)],  # without, the forwarded header is not believed: all share one address
)  # fmt: skip
def test_failed_logins_count_by_the_clients_address(settings, proxies, another_client) -> None:  # type: ignore[no-untyped-def]
    settings.PROXIES = proxies
    get_user_model().objects.create_user("ann", password=PASSWORD)
    for _ in range(5):
        _log_in("203.0.113.7", "wrong")
    assert _log_in("203.0.113.7", PASSWORD) == 429
    assert _log_in("198.51.100.2", PASSWORD) == another_client
