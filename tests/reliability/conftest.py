"""The reliability suite: what a fault probe throws at readingroom, on both databases.

Hostile guides and dumps, SIGKILL during writes, imports at the same time and large
valid input go through the command line as a user's do, against a catalog on each
database; the web's odd parameters (test_web_parameters.py) go through Django's
test client, in the database tests that `make test` runs on both.

A catalog on each database, driven through the command line as a user drives it.

The reliability suite runs every case twice: on SQLite (a data directory of its
own) and on PostgreSQL (a database of its own, created for the test and dropped
after). PostgreSQL is found at READINGROOM_TEST_POSTGRES (`make test` passes its
PG_URL), else at 127.0.0.1:5432; without one the PostgreSQL cases skip, saying why,
and under CI=true a skipped test fails the run.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from tests.conftest import SAMPLE, _reachable
from tests.web.conftest import editor, editor_client, seeded  # noqa: F401 (the web probes')

POSTGRES = os.environ.get(
    "READINGROOM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class Catalog:
    """One catalog, on one database, used only through `python -m readingroom`."""

    database: str
    data_dir: Path
    env: dict[str, str]

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "readingroom", *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            self.command(*args), env=self.env, capture_output=True, timeout=timeout, check=False
        )

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.command(*args), env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    def dump(self) -> bytes:
        result = self.run("export", "--format", "json")
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.data_dir / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path


def _with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def _new_catalog(database: str, data_dir: Path, template: str | None = None) -> Catalog:
    """An empty catalog (or a copy of a PostgreSQL template database) in data_dir."""
    env = {**os.environ, "READINGROOM_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    if database == "sqlite":
        return Catalog("sqlite", data_dir, env)
    if not _reachable(POSTGRES):
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES} (set READINGROOM_TEST_POSTGRES)")
    name = f"readingroom_reliability_{uuid.uuid4().hex[:12]}"
    _admin(POSTGRES, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return Catalog("postgres", data_dir, {**env, "DATABASE_URL": _with_database(POSTGRES, name)})


def _drop(catalog: Catalog) -> None:
    if catalog.database == "postgres":
        name = urlparse(catalog.env["DATABASE_URL"]).path.lstrip("/")
        _admin(POSTGRES, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Catalog]:
    """An empty catalog on each database."""
    made = _new_catalog(request.param, tmp_path)
    try:
        yield made
    finally:
        _drop(made)


@dataclass
class Prepared:
    """A catalog holding the sample guide, made once, and its JSON dump."""

    catalog: Catalog
    dump: bytes


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def prepared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Prepared]:
    made = _new_catalog(request.param, tmp_path_factory.mktemp("prepared"))
    try:
        result = made.run("import", str(SAMPLE))
        assert result.returncode == 0, result.stderr.decode()
        yield Prepared(made, made.dump())
    finally:
        _drop(made)


@pytest.fixture
def sample_catalog(prepared: Prepared, tmp_path: Path) -> Iterator[Catalog]:
    """A fresh copy of the prepared catalog: the sample guide, imported."""
    source = prepared.catalog
    if source.database == "sqlite":
        for path in source.data_dir.iterdir():
            if path.is_file():
                shutil.copy2(path, tmp_path / path.name)
        yield _new_catalog("sqlite", tmp_path)
        return
    template = urlparse(source.env["DATABASE_URL"]).path.lstrip("/")
    made = _new_catalog("postgres", tmp_path, template)
    try:
        yield made
    finally:
        _drop(made)


def generated_guide(authors: int, works: int, seed: int = 1) -> str:
    """A guide of many authors with short biographies and annotated works."""
    rng = random.Random(seed)
    words = "revolution history capital memoir theory letters state labour press".split()
    blocks = []
    for a in range(authors):
        blocks += [f"# Author {a} Surname", f"Author {a} was born in {1800 + a % 150}."]
        for w in range(works):
            note = " ".join(rng.choices(words, k=12))
            year, pages = 1820 + rng.randrange(150), rng.randrange(40, 900)
            blocks.append(f"Work {a}-{w} ({year}): {pages} pages, {note}")
    return "\n\n".join(blocks) + "\n"
