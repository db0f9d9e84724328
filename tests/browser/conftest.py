"""A real readingroom server and a real Chromium for the browser tests.

The server is `python -m readingroom serve` on its own data directory, loaded
the way a user loads it; Chromium is Debian's (/usr/bin/chromium), driven by
Playwright — never a browser that Playwright downloads.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

CHROMIUM = os.environ.get("READINGROOM_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
EDITOR_PASSWORD = "a-long-editor-password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `pytest -n` (`make test`), the browser tests share one worker: one server
    and one Chromium for them all, while the other worker runs the rest."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def readingroom(data_dir: Path, *args: str) -> bytes:
    """Run a readingroom command on this data directory; returns what it printed."""
    env = {
        **os.environ,
        "READINGROOM_DATA_DIR": str(data_dir),
        "READINGROOM_PASSWORD": EDITOR_PASSWORD,
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "readingroom", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True).stdout


_loaded: list[Path] = []  # the data directory loaded once in this test process


def loaded_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory of its own holding the seed guide, the sample guide and the
    editor "ed": a copy of one loaded once, the way a user loads it."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not SEED.exists():
        pytest.skip(f"the seed guide is not present at {SEED}")
    if not _loaded:
        loaded = tmp_path_factory.mktemp("browser-loaded")
        readingroom(loaded, "import", str(SEED), "--guide", "Victor Serge: a reading guide")
        readingroom(loaded, "demo")
        readingroom(loaded, "createuser", "ed", "--editor")
        _loaded.append(loaded)
    data_dir = tmp_path_factory.mktemp("browser-data")
    shutil.copytree(_loaded[0], data_dir, dirs_exist_ok=True)
    return data_dir


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """`readingroom serve` on this data directory; yields its address."""
    port = _free_port()
    env = {**os.environ, "READINGROOM_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "readingroom", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("readingroom serve did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(loaded_data_dir(tmp_path_factory)) as url:
        yield url


@pytest.fixture(scope="session")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def log_in(page) -> None:  # type: ignore[no-untyped-def]
    """Log in to the admin as the editor "ed"."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def serious_violations(page, axe_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """What axe-core finds serious or critical on the page as it stands (the page's
    context must bypass the CSP, which forbids the injected script)."""
    page.add_script_tag(path=str(axe_path))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def sign_up(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Sign up on the site as a new reader (and so be logged in)."""
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-reader-password")
    page.get_by_label("Password confirmation").fill("a-long-reader-password")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_selector("h1:has-text('My reading')")


@pytest.fixture
def axe_path() -> Path:
    if not AXE.exists():
        if shutil.which("npm") is None:
            pytest.skip("axe-core is not installed and npm is missing (npm ci)")
        pytest.skip("axe-core is not installed (run npm ci)")
    return AXE
