"""Real `readingroom serve` processes on a real PostgreSQL and Redis, and a client
that talks to them as a browser does (cookies, CSRF tokens), for the tests of a
deployment on several app servers (tests/test_server.py, tests/test_routers.py).

PostgreSQL is READINGROOM_TEST_POSTGRES (as in tests/reliability/), Redis is
READINGROOM_TEST_REDIS (default redis://127.0.0.1:6379/3: database 3 of the local
server). Each test makes a database of its own, and its Redis keys begin with that
database's name (settings.py), so tests running at once never meet; the keys are
deleted after, and nothing else in Redis is touched. Without either server the
tests skip, saying why; under CI=true (.ci/run starts both) a skip fails the run.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from tests.conftest import _reachable
from tests.reliability.conftest import POSTGRES, _admin, _with_database

REDIS = os.environ.get("READINGROOM_TEST_REDIS", "redis://127.0.0.1:6379/3")
# The site's one public name: a load balancer passes it to every app server alike.
HOST = "localhost"
PASSWORD = "a-long-reader-password"


def redis_url() -> str:
    """The test Redis, or a skip that says where it was looked for."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis not reachable at {REDIS} ({exc}; set READINGROOM_TEST_REDIS)")
    return REDIS


def forget_redis_keys(database: str) -> None:
    """Delete the keys the servers of one test database wrote, and only those."""
    import redis

    client = redis.Redis.from_url(REDIS)
    keys = list(client.scan_iter(match=f"readingroom:*/{database}:*"))
    if keys:
        client.delete(*keys)


def redis_keys(database: str) -> list[str]:
    import redis

    client = redis.Redis.from_url(REDIS)
    return [key.decode() for key in client.scan_iter(match=f"readingroom:*/{database}:*")]


@contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own (a copy of TEMPLATE, if given): its URL."""
    if not _reachable(POSTGRES):
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES} (set READINGROOM_TEST_POSTGRES)")
    name = f"readingroom_serving_{uuid.uuid4().hex[:12]}"
    _admin(POSTGRES, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield _with_database(POSTGRES, name)
    finally:
        _admin(POSTGRES, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def site_environment(**settings: str) -> dict[str, str]:
    """The environment every app server of one site shares: one secret key (it signs
    sessions and cookies), the same database and Redis."""
    env = {**os.environ, "READINGROOM_SECRET_KEY": secrets.token_urlsafe(50), **settings}
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "READINGROOM_DATA_DIR"):
        if name not in settings:
            env.pop(name, None)
    return env


def readingroom(env: dict[str, str], data_dir: Path, *args: str) -> str:
    """Run a readingroom command as one machine of the site; what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "readingroom", *args],
        env={**env, "READINGROOM_DATA_DIR": str(data_dir), "READINGROOM_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def app_server(env: dict[str, str], data_dir: Path) -> Iterator[int]:
    """`readingroom serve` as one app server (its own data directory, as on a machine
    of its own) until the block ends; yields its port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "readingroom", "serve", "--port", str(port), "--workers", "2"],
        env={**env, "READINGROOM_DATA_DIR": str(data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"readingroom serve stopped: {process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", port), 1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("readingroom serve did not start in 60 s")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Browser:
    """One visitor: their cookies go to whichever app server they ask, under the site's
    one host name, as behind a load balancer."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, port: int, path: str) -> Response:
        return self._request(port, "GET", path)

    def post(self, port: int, path: str, fields: dict[str, str]) -> Response:
        """A form's POST, with the CSRF token the site gave this browser."""
        if "csrftoken" not in self.cookies:
            self.get(port, path)
        body = urlencode({**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self._request(port, "POST", path, body, headers)

    def log_in(self, port: int, username: str, password: str = PASSWORD) -> Response:
        return self.post(port, "/accounts/login/", {"username": username, "password": password})

    def _request(
        self,
        port: int,
        method: str,
        path: str,
        body: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = {"Host": HOST, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body, sent)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, text)


def api_token(env: dict[str, str], data_dir: Path, username: str) -> str:
    printed = readingroom(env, data_dir, "token", "create", username)
    return re.findall(r"\b[0-9a-f]{40}\b", printed)[0]


def api_patch(port: int, path: str, token: str, body: str) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "PATCH",
            path,
            body,
            {"Host": HOST, "Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode())
    finally:
        connection.close()
