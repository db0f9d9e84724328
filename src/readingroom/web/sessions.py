"""Sessions in the database, read through the Redis cache (with REDIS_URL on PostgreSQL).

Django's cached_db store, which already reads the database when the cache fails to
answer and logs a failed save; but after reading the database it puts the session
back in the cache unguarded, so a Redis that is down would turn every request that
carries a session into an error. Here that request reads the database alone.
Deleting a session (logging out) still needs Redis: a session must not live on in
a cache that comes back.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends import cached_db, db
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict[str, Any]:
        try:
            return super().load()
        except RedisError as exc:
            logger.warning("session cache unavailable, reading the database: %s", exc)
            return db.SessionStore.load(self)
