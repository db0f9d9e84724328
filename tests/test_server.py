"""Two app servers, one site: two `readingroom serve` processes, each with a data
directory of its own (as on two machines), on one PostgreSQL and one Redis.

What one server does, the other knows: a login, a failed login's count, a cached
page, and an edit that makes every cached page old (docs/deployment.md).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.serving import (
    Browser,
    api_patch,
    api_token,
    app_server,
    database_name,
    forget_redis_keys,
    free_port,
    postgres_database,
    readingroom,
    redis_keys,
    redis_url,
    site_environment,
)

READER = "zelda-reader"
LOCKED_OUT = "yannick-reader"
EDITOR = "ed-the-editor"
AUTHOR_PAGE = "/authors/peter-kropotkin/"
WORK_PAGE = "/works/reform-or-revolution/"

# One site for the module's tests, made once: on one xdist worker.
pytestmark = pytest.mark.xdist_group("two-app-servers")


@dataclass
class Site:
    database_url: str
    env: dict[str, str]
    first: int  # the two servers' ports
    second: int
    data_dir: Path  # the first machine's


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample guide, two readers and an editor, served by two app servers (made
    once: each test below uses records and users of its own)."""
    redis = redis_url()
    with postgres_database() as url:
        env = site_environment(DATABASE_URL=url, REDIS_URL=redis)
        first_machine = tmp_path_factory.mktemp("first-machine")
        second_machine = tmp_path_factory.mktemp("second-machine")
        readingroom(env, first_machine, "demo")
        readingroom(env, first_machine, "createuser", READER)
        readingroom(env, first_machine, "createuser", LOCKED_OUT)
        readingroom(env, first_machine, "createuser", EDITOR, "--editor")
        try:
            with (
                app_server(env, first_machine) as first,
                app_server(env, second_machine) as second,
            ):
                yield Site(url, env, first, second, first_machine)
        finally:
            forget_redis_keys(database_name(url))


def test_a_login_on_one_server_is_valid_on_the_other(site: Site) -> None:
    reader = Browser()
    assert reader.log_in(site.first, READER).status == 302
    page = reader.get(site.second, "/reading/")
    assert page.status == 200
    assert READER in page.text
    assert Browser().get(site.second, "/reading/").status == 302  # to the login page
    # Logging out on the second ends the session on the first too.
    assert reader.post(site.second, "/accounts/logout/", {}).status == 302
    assert reader.get(site.first, "/reading/").status == 302


def test_failed_logins_are_counted_across_servers(site: Site) -> None:
    for attempt in range(4):  # two on each server: one short of AXES_FAILURE_LIMIT
        port = site.first if attempt % 2 == 0 else site.second
        assert Browser().log_in(port, LOCKED_OUT, "a-wrong-password").status == 200
    # The fifth failure, whichever server counts it, locks the account on both.
    assert Browser().log_in(site.second, LOCKED_OUT, "a-wrong-password").status == 429
    assert Browser().log_in(site.first, LOCKED_OUT).status == 429
    assert Browser().log_in(site.second, LOCKED_OUT).status == 429


def test_a_page_cached_by_one_server_is_served_by_the_other(site: Site) -> None:
    reader = Browser()
    first = reader.get(site.first, AUTHOR_PAGE)
    assert first.status == 200
    assert "Peter Kropotkin" in first.text
    assert any(":page:" in key for key in redis_keys(database_name(site.database_url)))
    # Changed behind the site's back (no save, so the catalog version stays): only a
    # page from the shared cache can still show the old name.
    with psycopg.connect(site.database_url, autocommit=True) as connection:
        connection.execute(
            "UPDATE catalog_author SET name = 'Renamed Behind The Back' "
            "WHERE slug = 'peter-kropotkin'"
        )
    second = reader.get(site.second, AUTHOR_PAGE)
    assert second.status == 200
    assert second.text == first.text


def test_an_edit_through_one_server_refreshes_the_others_pages(site: Site) -> None:
    reader = Browser()
    before = reader.get(site.second, WORK_PAGE)
    assert "96 pages" in before.text
    assert reader.get(site.second, WORK_PAGE).text == before.text  # now cached
    token = api_token(site.env, site.data_dir, EDITOR)
    edited = api_patch(site.first, "/api/works/reform-or-revolution/", token, '{"pages": 123}')
    assert edited.status == 200, edited.text
    after = reader.get(site.second, WORK_PAGE)
    assert "123 pages" in after.text
    assert "96 pages" not in after.text


def test_a_readers_settings_follow_them_to_the_other_server(site: Site) -> None:
    """An anonymous reader's session (their reading speed) is the site's, not a server's."""
    reader = Browser()
    saved = reader.post(
        site.first, "/settings/reading/", {"words_per_page": "500", "words_per_minute": "100"}
    )
    assert saved.status == 302
    form = reader.get(site.second, "/settings/reading/")
    assert 'value="500"' in form.text
    assert 'value="100"' in form.text


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [("REDIS_URL", "redis://127.0.0.1:1/0", "REDIS_URL: Redis at 127.0.0.1:1 does not answer"),
     ("DATABASE_REPLICA_URL", "postgres://app@127.0.0.1:1/catalog",
      "DATABASE_REPLICA_URL: read replicas are PostgreSQL replicas of a PostgreSQL DATABASE_URL"),
     ("READINGROOM_PROXIES", "one", "READINGROOM_PROXIES: a number (0, 1, 2…), not 'one'")],
)  # fmt: skip
def test_serve_refuses_a_setting_it_cannot_use_in_one_line(
    tmp_path: Path, setting: str, value: str, message: str
) -> None:
    """On SQLite, so the second case's primary is no PostgreSQL."""
    result = subprocess.run(
        [sys.executable, "-m", "readingroom", "serve", "--port", str(free_port())],
        env={**site_environment(**{setting: value}), "READINGROOM_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert len(result.stderr.splitlines()) == 1
