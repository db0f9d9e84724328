"""Running the site under gunicorn from our own command line."""

from __future__ import annotations

import errno
import socket
from typing import Any
from urllib.parse import urlparse

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn 27's control socket is one path per user (~/.gunicorn), which
            # every server on the machine would claim; readingroom has no use for it.
            self.cfg.set("control_socket_disable", True)

    def load(self) -> Any:
        from readingroom.wsgi import application

        return application


def run_server(host: str, port: int, workers: int) -> None:
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": 4,
            "accesslog": "-",
            "graceful_timeout": 5,
        }
    ).run()


def address_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None if it can.

    Checked before starting gunicorn, whose own failure is several seconds of
    retries and tracebacks.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"{host!r} is not a host name or address of this machine"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    "the port is already in use (is readingroom already running?); "
                    "choose another with --port"
                )
            if exc.errno == errno.EACCES:
                return "permission denied (ports below 1024 need root); choose another with --port"
            return exc.strerror or str(exc)
    return None


def cache_problem() -> str | None:
    """Why the shared cache (REDIS_URL) does not answer, or None if it does (or there
    is none). Checked before serving, so that a wrong address is one line at start,
    not a slow first page on every worker."""
    from django.conf import settings
    from django.core.cache import cache
    from redis.exceptions import RedisError

    if not settings.REDIS_URL:
        return None
    try:
        cache.get("readingroom:answering")
    except RedisError as exc:
        address = urlparse(settings.REDIS_URL)
        return (
            f"REDIS_URL: Redis at {address.hostname}:{address.port or 6379} does not answer: {exc}"
        )
    return None
