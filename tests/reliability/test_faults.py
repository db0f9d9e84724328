"""Faults during writes: a process killed with SIGKILL mid-import or mid-load, and
imports running at the same time. Nothing is ever half-written."""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
import time
from pathlib import Path

import psycopg
import pytest

from readingroom.catalog.locking import ADVISORY_KEY

from .conftest import Catalog, generated_guide


def _writer_holds_the_lock(catalog: Catalog) -> bool:
    """Whether some process holds the catalog's write lock (is inside its transaction)."""
    if catalog.database == "sqlite":
        probe = sqlite3.connect(catalog.data_dir / "readingroom.sqlite3", timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with psycopg.connect(catalog.env["DATABASE_URL"], autocommit=True) as probe:
        taken = probe.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY]).fetchone()[0]
        if taken:
            probe.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        return not taken


def _kill_while_writing(catalog: Catalog, *args: str, after: float) -> None:
    """Start a command, wait until it is inside its write transaction (plus ``after``
    seconds), and kill it with SIGKILL."""
    process = catalog.start(*args)
    deadline = time.monotonic() + 120
    while not _writer_holds_the_lock(catalog):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the command never started writing"
        time.sleep(0.02)
    time.sleep(after)
    assert process.poll() is None, "the command finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.parametrize("after", [0.0, 0.5], ids=["at-start", "midway"])
def test_kill_9_during_an_import_writes_nothing(sample_catalog, prepared, after):
    guide = sample_catalog.write("big.txt", generated_guide(1_000, 10))
    _kill_while_writing(sample_catalog, "import", str(guide), after=after)
    assert sample_catalog.dump() == prepared.dump
    result = sample_catalog.run("import", str(guide))
    assert result.returncode == 0, result.stderr.decode()
    assert "authors: 1,000 created; works: 10,000 created" in result.stdout.decode()


def _copying_works(probe: psycopg.Connection) -> bool:
    """Whether a COPY is streaming works into the probe's database, a row in at least."""
    return bool(
        probe.execute(
            "SELECT count(*) FROM pg_stat_progress_copy WHERE datname = current_database()"
            " AND relid = 'catalog_work'::regclass AND tuples_processed > 0"
        ).fetchone()[0]
    )


@pytest.mark.parametrize("prepared", ["postgres"], indirect=True)
def test_kill_9_while_rows_are_copied_in_writes_nothing(sample_catalog, prepared):
    guide = sample_catalog.write("big.txt", generated_guide(1_000, 10))
    process = sample_catalog.start("import", str(guide))
    deadline = time.monotonic() + 240
    with psycopg.connect(sample_catalog.env["DATABASE_URL"], autocommit=True) as probe:
        # Killed in the middle of the second batch's COPY of 5,000 works: the first
        # batch (authors, works, credits, entries, search documents) is in already.
        copies, copying = 0, False
        while copies < 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the import never copied works in"
            now = _copying_works(probe)
            if now and not copying:
                copies += 1
            copying = now
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert sample_catalog.dump() == prepared.dump
    result = sample_catalog.run("import", str(guide))
    assert result.returncode == 0, result.stderr.decode()
    assert "authors: 1,000 created; works: 10,000 created" in result.stdout.decode()


# A database that refuses one search document: the last of the file's 10,000 works',
# written after the first batch of 5,000 works and everything else of the second.
_REFUSE_LAST = {
    "sqlite": [
        "CREATE TRIGGER refuse_last BEFORE INSERT ON search_searchdocument"
        " WHEN NEW.title = 'Work 999-9' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgres": [
        "CREATE FUNCTION refuse_last() RETURNS trigger AS $$ BEGIN"
        " IF NEW.title = 'Work 999-9' THEN RAISE EXCEPTION 'refused by the test'; END IF;"
        " RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_last BEFORE INSERT ON search_searchdocument"
        " FOR EACH ROW EXECUTE FUNCTION refuse_last()",
    ],
}


def _execute(catalog: Catalog, statements: list[str]) -> None:
    if catalog.database == "sqlite":
        with sqlite3.connect(catalog.data_dir / "readingroom.sqlite3") as db:
            for statement in statements:
                db.execute(statement)
        return
    with psycopg.connect(catalog.env["DATABASE_URL"], autocommit=True) as db:
        for statement in statements:
            db.execute(statement)


def test_a_row_the_database_refuses_late_in_an_import_writes_nothing(sample_catalog, prepared):
    guide = sample_catalog.write("big.txt", generated_guide(1_000, 10))
    _execute(sample_catalog, _REFUSE_LAST[sample_catalog.database])
    result = sample_catalog.run("import", str(guide))
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[0] == (
        "big.txt: error: the database refused the import (refused by the test); "
        "nothing was imported"
    )
    assert sample_catalog.dump() == prepared.dump


def test_kill_9_during_a_dump_load_writes_nothing(sample_catalog):
    guide = sample_catalog.write("big.txt", generated_guide(500, 10))
    assert sample_catalog.run("import", str(guide)).returncode == 0
    before = sample_catalog.dump()
    document = json.loads(before)
    for work in document["works"]:
        work["annotation"] = "changed by the dump"
    dump = sample_catalog.write("changed.json", json.dumps(document, ensure_ascii=False))
    _kill_while_writing(sample_catalog, "import", str(dump), after=0.2)
    assert sample_catalog.dump() == before


def test_imports_at_the_same_time_both_land(catalog):
    first = catalog.write("first.txt", generated_guide(200, 10, seed=1))
    second = catalog.write("second.txt", generated_guide(200, 10, seed=2).replace("Work ", "Book "))
    assert catalog.run("export").returncode == 0  # the database exists before both start
    processes = [catalog.start("import", str(path)) for path in (first, second)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    document = json.loads(catalog.dump())
    assert len(document["works"]) == 4_000
    assert {g["title"] for g in document["guides"]} == {"first", "second"}


def test_the_same_file_twice_at_the_same_time_lands_once(catalog):
    guide = catalog.write("guide.txt", generated_guide(200, 10))
    assert catalog.run("export").returncode == 0
    processes = [catalog.start("import", str(guide)) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    # The first line of each is the import's result (the checks' count follows).
    summaries = sorted(out.decode().splitlines()[0] for out, _ in outputs)
    assert summaries == [
        "guide.txt: created — authors: 200 created; works: 2,000 created",
        "guide.txt: unchanged",
    ]
    assert len(json.loads(catalog.dump())["works"]) == 2_000


def test_kill_9_during_an_open_library_import_writes_nothing(sample_catalog, prepared):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from ol_dumps import write_dump

    paths = [str(p) for p in write_dump(sample_catalog.data_dir, 3_000)]
    _kill_while_writing(sample_catalog, "import", *paths, after=0.5)
    assert sample_catalog.dump() == prepared.dump
    result = sample_catalog.run("import", *paths)
    assert result.returncode == 0, result.stderr.decode()
    assert "works: 2,9" in result.stdout.decode()
