"""Parse and import throughput on a generated guide, against plain inserts in the same run.

    python benchmarks/import_bench.py [--authors 10000] [--works-per-author 10]
                                      [--database-url postgres://user@host:port/name]

Generates one guide file of AUTHORS authors with WORKS_PER_AUTHOR works each, then
measures (1) parse_guide, (2) the import (`import_guide_file`, as `readingroom
import` runs it: both readings, every insert, the search index, life events, one
transaction) into a fresh, migrated catalog, in a process of its own whose peak
resident memory is reported, and (3) baselines: the same rows, already parsed,
written by the database's plain client into the same migrated tables (same
indexes, triggers, constraints and settings) in one transaction.

On SQLite (the default) the baseline is sqlite3 `executemany`. With
--database-url the catalog is on that PostgreSQL server (the named database is
only used to create and drop scratch databases beside it, NAME_bench_*) and there
are three baselines, all psycopg: `executemany` (pipelined INSERTs), `COPY` (the
rows through `Copy.write_row`), and `COPY` into tables whose secondary indexes are
dropped first and built again after the load (what dropping indexes for a first
load could save at most). Target: import >= 25% of the executemany baseline.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

from readingroom.guidetext import decode_guide, parse_guide
from readingroom.search.facets import document_tokens

# Real prose follows Zipf's law: a few words are everywhere, most are rare. The
# generated guides draw from 20,000 made-up words so weighted, with some real ones
# placed where such words rank in a catalog of radical and historical literature.
_SYLLABLES = "ba ko ri mu se ta lo ne vi da pe zu ka mi ro so ter pol gan dis".split()
_TOPICAL = {40: "revolution", 55: "history", 70: "capital", 90: "memoir", 120: "theory"}
_VOCABULARY_SIZE = 20_000


def _vocabulary() -> tuple[list[str], list[float]]:
    words = []
    for rank in range(1, _VOCABULARY_SIZE + 1):
        if rank in _TOPICAL:
            words.append(_TOPICAL[rank])
            continue
        n, parts = rank, []
        while n:
            n, digit = divmod(n, len(_SYLLABLES))
            parts.append(_SYLLABLES[digit])
        words.append("".join(parts))
    weights = [1 / rank**1.07 for rank in range(1, _VOCABULARY_SIZE + 1)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return words, cumulative


def generate_guide(authors: int, works_per_author: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    words, cumulative = _vocabulary()

    def text(n: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=n))

    blocks: list[str] = []
    for a in range(authors):
        blocks.append(f"# Author{a} Surname{a}")
        blocks.append(f"Author{a} was born in {1800 + a % 150} and wrote on {text(40)}.")
        for w in range(works_per_author):
            title = text(3).title() + f" {a}-{w}"
            year = f" ({1820 + rng.randrange(180)})" if rng.random() < 0.8 else ""
            annotation = ", " + text(25) if rng.random() < 0.6 else ""
            blocks.append(f"{title}{year}: {rng.randrange(40, 900)} pages{annotation}")
    return ("\n\n".join(blocks) + "\n").encode()


def generate_big_author(
    works: int = 100_000, biography_chars: int = 2_000_000, seed: int = 11
) -> bytes:
    """One author with a long biography (dated paragraphs, so it has life events) and
    many works: the big-author case of the web benchmark."""
    rng = random.Random(seed)
    words, cumulative = _vocabulary()

    def text(n: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=n))

    paragraphs, size = [], 0
    while size < biography_chars:
        year = 1850 + len(paragraphs) % 100
        paragraph = f"In {year} he moved to Paris and wrote on {text(60)}. Later he {text(40)}."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    entries = [
        f"Big Work {n} ({1850 + n % 100}): {100 + n % 500} pages, {text(15)}" for n in range(works)
    ]
    return ("# Big Author\n\n" + "\n\n".join(paragraphs + entries) + "\n").encode()


@dataclass
class Table:
    """Rows for one table, in ``columns`` order."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def _columns(self) -> str:
        return ", ".join(f'"{c}"' for c in self.columns)

    def insert(self, placeholder: str) -> str:
        values = ", ".join([placeholder] * len(self.columns))
        return f"INSERT INTO {self.name} ({self._columns()}) VALUES ({values})"

    def copy(self) -> str:
        return f"COPY {self.name} ({self._columns()}) FROM STDIN"


_CREATED = "2026-01-01 00:00:00+00:00"


def baseline_tables(data: bytes) -> list[Table]:
    """What an import of ``data`` writes, as rows: catalog rows and search documents
    (the databases' triggers index them), in the order foreign keys want."""
    guide = parse_guide(decode_guide(data).text).guide
    text = data.decode()
    chunk = 1 << 20
    authors, works, contributions, entries, documents = [], [], [], [], []
    for i, author in enumerate(guide.authors):
        authors.append(
            (
                *(i + 1, author.name, author.name, f"a{i}", False, author.biography, 1),
                *(author.line_start, author.line_end, i, _CREATED),
            )
        )
        for position, work in enumerate(author.works):
            n = len(works) + 1
            works.append(
                (
                    *(n, work.title, f"w{n}", work.year, work.year_end, work.pages),
                    *(work.annotation, work.raw, 1, work.line_start, work.line_end, position),
                    _CREATED,
                )
            )
            contributions.append((n, i + 1, "author", 0))
            entries.append((1, n, n, work.section, "", 1, work.line_start, work.line_end))
            documents.append(
                (
                    *("work", n, None, work.title, author.name, work.annotation or "", ""),
                    *(i + 1, work.year, work.pages),
                    document_tokens("work", n, i + 1, work.year, work.pages),
                )
            )
    documents += [
        (
            *("author", None, i + 1, a.name, a.name, "", a.biography, i + 1, None, None),
            document_tokens("author", i + 1, i + 1, None, None),
        )
        for i, a in enumerate(guide.authors)
    ]
    return [
        Table(
            "catalog_source",
            ("id", "name", "sha256", "imported_at", "encoding", "newline", "final_newline",
             "lines", "size"),
            [(1, "bench.txt", "", _CREATED, "utf-8", "\n", True, 0, len(data))],
        ),
        Table(
            "catalog_sourcechunk",
            ("source_id", "number", "text"),
            [(1, n, text[i : i + chunk]) for n, i in enumerate(range(0, len(text), chunk))],
        ),
        Table(
            "catalog_author",
            ("id", "name", "sort_name", "slug", "name_inferred", "biography", "source_id",
             "line_start", "line_end", "position", "created_at"),
            authors,
        ),
        Table(
            "catalog_work",
            ("id", "title", "slug", "year", "year_end", "pages", "annotation", "source_text",
             "source_id", "line_start", "line_end", "position", "created_at"),
            works,
        ),
        Table("catalog_contribution", ("work_id", "author_id", "role", "order"), contributions),
        Table(
            "catalog_guide",
            ("id", "title", "slug", "description", "source_id", "created_at"),
            [(1, "Benchmark", "benchmark", "", 1, _CREATED)],
        ),
        Table(
            "catalog_guideentry",
            ("guide_id", "work_id", "order", "section", "note", "source_id", "line_start",
             "line_end"),
            entries,
        ),
        Table(
            "search_searchdocument",
            ("kind", "work_id", "author_id", "title", "people", "annotation", "biography",
             "facet_author_id", "year", "pages", "facets"),
            documents,
        ),
    ]  # fmt: skip


def _works(tables: list[Table]) -> int:
    return next(len(t.rows) for t in tables if t.name == "catalog_work")


def sqlite_baseline(tables: list[Table], database: Path) -> float:
    """Plain sqlite3 `executemany` of the rows into the same (migrated, empty) tables."""
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    for table in tables:
        db.executemany(table.insert("?"), table.rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return _works(tables) / elapsed


def _secondary_indexes(cursor: Any, tables: list[Table]) -> list[tuple[str, str]]:
    """The indexes of these tables that no constraint owns (primary keys and unique
    constraints stay): their names and the statements that build them."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        " WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [[t.name for t in tables]],
    )
    return list(cursor.fetchall())


def postgres_baseline(tables: list[Table], url: str, method: str) -> float:
    """The rows through psycopg into the same (migrated, empty) tables, one transaction:
    ``executemany``, ``copy``, or ``copy-indexes-after`` (secondary indexes dropped
    first and built again before the commit)."""
    import psycopg

    with psycopg.connect(url) as db, db.cursor() as cursor:
        start = time.perf_counter()
        indexes = _secondary_indexes(cursor, tables) if method == "copy-indexes-after" else []
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for table in tables:
            if method == "executemany":
                cursor.executemany(table.insert("%s"), table.rows)
                continue
            with cursor.copy(table.copy()) as copy:
                for row in table.rows:
                    copy.write_row(row)
        if indexes:
            # An index cannot be built while the deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, statement in indexes:
            cursor.execute(statement)
        db.commit()
        elapsed = time.perf_counter() - start
    return _works(tables) / elapsed


def _timed_import(path: str, results: Connection) -> None:
    """In a process of its own: import the file as `readingroom import` does, and send
    back the works created, the seconds it took and the process's peak RSS (MB)."""
    import django

    django.setup()
    from readingroom.catalog.importer import import_guide_file

    with open(path, "rb") as file:
        start = time.perf_counter()
        report = import_guide_file("bench.txt", file, "Benchmark")
        elapsed = time.perf_counter() - start
    results.send((report.works["created"], elapsed, _peak_rss()))


def _peak_rss() -> float:
    """This process's peak resident memory (MB). Linux carries ru_maxrss across exec,
    so a new process would report its parent's peak: the kernel's high-water mark of
    the process's own memory (VmHWM) is read instead where there is one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_rate(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Works a second and peak RSS (MB) of importing ``path`` into the fresh catalog
    that ``env`` names, in a new process."""
    os.environ.update(env)
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_timed_import, args=(str(path), sending))
    child.start()
    created, elapsed, peak = receiving.recv()
    child.join()
    return created / elapsed, peak


def migrate(env: dict[str, str]) -> None:
    """Migrate the catalog that ``env`` names (in a new process: each catalog its own)."""
    command = [sys.executable, "-m", "readingroom", "manage", "migrate", "--verbosity", "0"]
    subprocess.run(command, env={**os.environ, **env}, check=True)


@contextmanager
def sqlite_catalogs(directory: Path) -> Iterator[Callable[[str], dict[str, str]]]:
    """Fresh catalogs in data directories under ``directory``, each a copy of one
    migrated catalog: a function from a name to the environment that selects it."""
    template = directory / "template"
    template.mkdir()
    migrate({"READINGROOM_DATA_DIR": str(template)})

    def fresh(name: str) -> dict[str, str]:
        data = directory / name
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(template, data)
        return {"READINGROOM_DATA_DIR": str(data)}

    yield fresh


@contextmanager
def postgres_catalogs(url: str) -> Iterator[Callable[[str], dict[str, str]]]:
    """Fresh catalogs in scratch databases beside the one ``url`` names (NAME_bench_*),
    each a copy of one migrated catalog; all dropped afterwards."""
    import psycopg

    parts = urlparse(url)
    prefix = f"{parts.path.lstrip('/')}_bench"
    made: list[str] = []

    def admin(statement: str) -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(statement)

    def create(name: str, template: str | None = None) -> dict[str, str]:
        name = f"{prefix}_{name}"
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        if name not in made:
            made.append(name)
        return {"DATABASE_URL": urlunparse(parts._replace(path=f"/{name}"))}

    try:
        migrate(create("template"))
        yield lambda name: create(name, f"{prefix}_template")
    finally:
        for name in reversed(made):
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        return f"PostgreSQL {connection.execute('SHOW server_version').fetchone()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authors", type=int, default=10_000)
    parser.add_argument("--works-per-author", type=int, default=10)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server, as postgres://user@host:port/name (default: SQLite)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="measure each this many times, each on a fresh catalog, and keep the best "
        "(on a machine others share)",
    )
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="readingroom-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "readingroom.settings"
    os.environ.pop("DATABASE_URL", None)
    os.environ["READINGROOM_DATA_DIR"] = str(directory)
    loads = [os.getloadavg()[0]]

    data = generate_guide(args.authors, args.works_per_author)
    works = args.authors * args.works_per_author
    start = time.perf_counter()
    parsed = parse_guide(decode_guide(data).text)
    parse_seconds = time.perf_counter() - start
    if parsed.errors or len(parsed.guide.works) != works:
        raise SystemExit(f"the generated guide did not parse: {parsed.errors[:3]}")
    del parsed
    path = directory / "bench.txt"
    path.write_bytes(data)
    size = len(data)
    tables = baseline_tables(data)
    del data

    url = args.database_url
    methods = ("executemany", "copy", "copy-indexes-after") if url else ("executemany",)
    baselines = dict.fromkeys(methods, 0.0)
    imported = peak = 0.0
    try:
        database = _server(url) if url else f"SQLite {sqlite3.sqlite_version}"
        catalogs = postgres_catalogs(url) if url else sqlite_catalogs(directory)
        with catalogs as fresh:
            for run in range(args.runs):
                for method in methods:
                    env = fresh(method)
                    if url:
                        rate = postgres_baseline(tables, env["DATABASE_URL"], method)
                    else:
                        rate = sqlite_baseline(
                            tables, Path(env["READINGROOM_DATA_DIR"]) / "readingroom.sqlite3"
                        )
                    baselines[method] = max(baselines[method], rate)
                    loads.append(os.getloadavg()[0])
                if run == args.runs - 1:
                    del tables  # the import's process is measured without them around
                rate, memory = import_rate(path, fresh("import"))
                imported, peak = max(imported, rate), max(peak, memory)
                loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(directory)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"database: {database}")
    print(
        f"load average (1 min) during the run: {min(loads):.2f} to {max(loads):.2f}; "
        f"best of {args.runs} run{'s' if args.runs > 1 else ''}"
    )
    print(f"guide: {args.authors} authors, {works} works, {size / 1e6:.1f} MB")
    print(f"parse:    {works / parse_seconds:>10,.0f} works/s ({parse_seconds:.2f} s)")
    print(
        f"import:   {imported:>10,.0f} works/s ({works / imported:.2f} s), peak RSS {peak:,.0f} MB"
    )
    for method, rate in baselines.items():
        print(f"baseline: {rate:>10,.0f} works/s ({method}, same rows and tables)")
    for method, rate in baselines.items():
        target = " (target >= 25%)" if method == "executemany" else ""
        print(f"import / baseline {method}: {imported / rate:.0%}{target}")


if __name__ == "__main__":
    main()
