"""The readers' page cache (readingroom.web.cache) and sessions (readingroom.web.sessions)
when their Redis does not answer: pages are served, sessions read from the database."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from readingroom.catalog.importer import import_guide_bytes

# Nothing listens on port 1: every cache call fails at once.
SILENT_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.mark.django_db
def test_a_page_is_served_uncached_when_redis_does_not_answer(
    client, sample_bytes, settings, caplog
) -> None:  # type: ignore[no-untyped-def]
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    settings.PAGE_CACHE = True
    settings.CACHES = SILENT_REDIS
    for _ in range(2):
        response = client.get("/authors/rosa-luxemburg/")
        assert response.status_code == 200
        assert "Reform or Revolution" in response.content.decode()
    assert "page cache unavailable" in caplog.text


@pytest.mark.django_db
def test_a_session_is_read_from_the_database_when_redis_does_not_answer(
    client, settings, caplog
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_ENGINE = "readingroom.web.sessions"
    reader = get_user_model().objects.create_user("reader", password="a-long-password")
    client.force_login(reader)  # saved to the database (and to the cache: Redis answers)
    settings.CACHES = SILENT_REDIS
    response = client.get("/reading/")
    assert response.status_code == 200
    assert response.context["user"] == reader
    assert "session cache unavailable" in caplog.text
