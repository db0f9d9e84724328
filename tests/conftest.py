"""Shared fixtures, and the rules that make database tests run on PostgreSQL too.

`make test` runs the suite on SQLite, then the database tests again with
DATABASE_URL pointing at PostgreSQL. Where no PostgreSQL answers, that second
pass is skipped with the reason; under CI=true a skipped test fails the run.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_d7e0673283ee09be.txt"
SAMPLE = ROOT / "src" / "readingroom" / "samples" / "sample-guide.txt"
IN_CI = os.environ.get("CI") == "true"


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _reachable(url: str) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2):
            return True
    except OSError:
        return False


def pytest_report_header(config: pytest.Config) -> str:
    url = _postgres_url()
    return f"database: {'PostgreSQL ' + url if url else 'SQLite'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # On SQLite, login attempts live in a database of their own (readingroom.routers),
    # which any test that logs someone in touches: database tests may use every one.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and "databases" not in marker.kwargs:
            kwargs = {**marker.kwargs, "databases": "__all__"}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
    url = _postgres_url()
    if url and not _reachable(url):
        reason = f"PostgreSQL not reachable at {url} (start it, or run the SQLite pass only)"
        if IN_CI:
            raise pytest.UsageError(reason)
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped:
        reporter.write_line(f"CI: {len(skipped)} tests were skipped; CI requires every test to run")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings) -> None:  # type: ignore[no-untyped-def]
    """Tests roll the database back, so a version-keyed page could outlive its data."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _quick_password_hashes(settings) -> None:  # type: ignore[no-untyped-def]
    """Django's PBKDF2 spends a quarter of a second on each password, and most database
    tests make a user or log one in: tests in this process hash with MD5 instead. The
    command line, the server and so the browser tests (other processes) keep PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed guide is not present at {SEED}")
    return SEED


@pytest.fixture
def seed_bytes(seed_path: Path) -> bytes:
    return seed_path.read_bytes()


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
