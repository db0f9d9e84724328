"""Settings from the environment: the shared cache (REDIS_URL) and read replicas
(DATABASE_REPLICA_URL)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from readingroom.settings import _caches, _database, _replicas

PRIMARY = _database("postgres://app@db.example:5432/catalog")


def test_without_redis_each_process_keeps_its_own_cache() -> None:
    caches = _caches("", PRIMARY)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_chooses_djangos_redis_backend_keyed_by_the_database() -> None:
    cache = _caches("redis://cache.example:6379/2", PRIMARY)["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.example:6379/2"
    assert cache["KEY_PREFIX"] == "readingroom:db.example:5432/catalog"
    other = _caches("redis://cache.example:6379/2", _database("postgres://app@db.example/other"))
    assert other["default"]["KEY_PREFIX"] != cache["KEY_PREFIX"]


def test_replicas_are_numbered_and_mirror_the_primary_in_tests() -> None:
    replicas = _replicas(
        " postgres://app@r1.example/catalog, postgres://app@r2.example/catalog,", PRIMARY
    )
    assert list(replicas) == ["replica1", "replica2"]
    assert replicas["replica2"]["HOST"] == "r2.example"
    assert replicas["replica1"]["TEST"] == {"MIRROR": "default"}
    assert _replicas("", PRIMARY) == {}


@pytest.mark.parametrize(
    ("primary", "replica"),
    [("sqlite:///catalog.sqlite3", "postgres://app@r1.example/catalog"),
     ("postgres://app@db.example/catalog", "sqlite:///copy.sqlite3")],
)  # fmt: skip
def test_replicas_are_postgresql_replicas_of_postgresql(primary: str, replica: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        _replicas(replica, _database(primary))
