"""Read replicas (DATABASE_REPLICA_URL) through readingroom.routers, on real PostgreSQL.

A real replica follows its primary by streaming replication, which a test cannot
set up on one server. A second database stands in for it: a copy of the primary
(CREATE DATABASE … TEMPLATE) that the test then lets fall behind, by importing a
guide into the primary alone. What the site reads shows where it read it: the
new author is on the primary only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.serving import (
    Browser,
    app_server,
    database_name,
    postgres_database,
    readingroom,
    site_environment,
)

NEW_AUTHOR = "/authors/ada-primary/"
NEW_GUIDE = """# Ada Primary

Ada Primary was born in 1901 and wrote one book.

Only On The Primary (1950): 120 pages, a book the replica has not yet seen.
"""
ROUTING = """
import json
from django.db import transaction
from readingroom.catalog.models import Author, Guide
from readingroom.routers import reading_from

seen = {"primary": Author.objects.count()}
with reading_from("replica1"):
    seen["replica"] = Author.objects.count()
    with transaction.atomic():
        seen["in a transaction"] = Author.objects.count()
    author = Author.objects.get(slug="peter-kropotkin")
    seen["read from"] = author._state.db
    seen["its works read from"] = author.works.first()._state.db
    author.biography = author.biography + " Saved through the router."
    author.save(update_fields=["biography"])
    seen["saved to"] = author._state.db
print(json.dumps(seen))
"""

# One site for the module's tests, made once: on one xdist worker.
pytestmark = pytest.mark.xdist_group("replica")


@dataclass
class Replicated:
    primary: str
    replica: str
    env: dict[str, str]
    data_dir: Path
    port: int  # `readingroom serve` on the primary and the replica


@pytest.fixture(scope="module")
def replicated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicated]:
    data_dir = tmp_path_factory.mktemp("replicated")
    with postgres_database() as primary:
        alone = site_environment(DATABASE_URL=primary)
        readingroom(alone, data_dir, "demo")
        readingroom(alone, data_dir, "createuser", "ed-the-editor", "--editor")
        with postgres_database(template=database_name(primary)) as replica:
            guide = data_dir / "ada.txt"
            guide.write_text(NEW_GUIDE)
            readingroom(alone, data_dir, "import", str(guide))
            env = {**alone, "DATABASE_REPLICA_URL": replica, "READINGROOM_PAGE_CACHE": "0"}
            with app_server(env, data_dir) as port:
                yield Replicated(primary, replica, env, data_dir, port)


def _authors(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM catalog_author").fetchone()[0]  # type: ignore[index]


def test_reads_go_to_the_replica_and_writes_to_the_primary(replicated: Replicated) -> None:
    printed = readingroom(replicated.env, replicated.data_dir, "manage", "shell", "-c", ROUTING)
    seen = json.loads(printed.strip().splitlines()[-1])
    assert seen == {
        "primary": 6,  # the sample's five authors and Ada
        "replica": 5,
        "in a transaction": 6,
        "read from": "replica1",
        "its works read from": "replica1",
        "saved to": "default",
    }
    with psycopg.connect(replicated.primary) as connection:
        biography = connection.execute(
            "SELECT biography FROM catalog_author WHERE slug = 'peter-kropotkin'"
        ).fetchone()[0]  # type: ignore[index]
    assert biography.endswith("Saved through the router.")
    assert _authors(replicated.replica) == 5  # the replica was not written


def test_the_site_reads_the_replica_until_a_reader_writes(replicated: Replicated) -> None:
    port = replicated.port
    reader = Browser()
    assert reader.get(port, NEW_AUTHOR).status == 404  # not on the replica yet
    saved = reader.post(
        port, "/settings/reading/", {"words_per_page": "300", "words_per_minute": "200"}
    )
    assert saved.status == 302
    assert "readingroom_primary" in reader.cookies
    # The reader who has just written reads the primary for a while.
    assert reader.get(port, NEW_AUTHOR).status == 200
    assert Browser().get(port, NEW_AUTHOR).status == 404


def test_editors_and_logins_use_the_primary(replicated: Replicated) -> None:
    """Logging in reads and writes the primary (sessions, login attempts), an editor's
    pages read it, and the replica is never written."""
    editor = Browser()
    assert editor.log_in(replicated.port, "ed-the-editor").status == 302
    # Not for a while after a POST only: an editor's forms always show the primary's.
    del editor.cookies["readingroom_primary"]
    page = editor.get(replicated.port, "/admin/catalog/author/?q=Ada")
    assert page.status == 200
    assert "Ada Primary" in page.text
    with psycopg.connect(replicated.primary) as connection:
        sessions = connection.execute("SELECT count(*) FROM django_session").fetchone()[0]  # type: ignore[index]
    with psycopg.connect(replicated.replica) as connection:
        copied = connection.execute("SELECT count(*) FROM django_session").fetchone()[0]  # type: ignore[index]
    assert sessions >= 1
    assert copied == 0
