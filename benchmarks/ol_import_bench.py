"""Importing a generated Open Library dump, against plain sqlite3 inserts of the same rows.

    python benchmarks/ol_import_bench.py [--works 1000000] [--plain]

Writes a dump of WORKS works in Open Library's format (benchmarks/ol_dumps.py: the
authors, works and editions files, gzipped as Open Library's are), then measures
(1) `readingroom import` of the three files into a fresh SQLite catalog, in a child
process: wall time, CPU time and peak resident memory (getrusage), beside the dump's
size gzipped and unpacked; and (2) the baseline the import benchmark uses
(benchmarks/import_bench.py): the same rows — authors, works, credits, editions,
their Open Library identifiers and records, and the search documents — written
with sqlite3 `executemany` into the same migrated tables (same indexes, triggers
and pragmas) in one transaction, with the rows already read and resolved.
Target: import >= 50% of the baseline's works a second. Both are given of wall time
and of CPU time: on a machine others share, CPU time is the steadier measure.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import migrated_database
from ol_dumps import write_dump
from readingroom.formats import openlibrary as ol


def _records(paths: list[Path]) -> dict[type, list[ol.DumpRecord]]:
    found: dict[type, list[ol.DumpRecord]] = {}
    for path in paths:
        with path.open("rb") as file:
            for item in ol.read_records(file):
                if not isinstance(item, ol.Problem):
                    found.setdefault(type(item), []).append(item)
    return found


def baseline_rate(paths: list[Path], database: Path) -> tuple[float, float, int, int]:
    """Plain sqlite3 `executemany` of the import's rows into the same empty tables: works
    a second of wall time and of CPU time."""
    records = _records(paths)
    authors = [a for a in records.get(ol.Author, []) if isinstance(a, ol.Author)]
    works = [w for w in records.get(ol.Work, []) if isinstance(w, ol.Work)]
    editions = [e for e in records.get(ol.Edition, []) if isinstance(e, ol.Edition)]
    author_id = {a.key: n for n, a in enumerate(authors, 1)}
    work_id = {w.key: n for n, w in enumerate(works, 1)}
    editions = [e for e in editions if e.work in work_id]
    names = {a.key: a.name for a in authors}
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    start, cpu = time.perf_counter(), time.process_time()
    db.execute("BEGIN IMMEDIATE")
    for n, path in enumerate(paths, 1):
        db.execute(
            "INSERT INTO catalog_source (id, name, sha256, imported_at, encoding, newline,"
            " final_newline, lines, size) VALUES (?, ?, '', '2026-01-01', 'utf-8', ?, 1, 0, ?)",
            (n, path.name, "\n", path.stat().st_size),
        )
    db.executemany(
        "INSERT INTO catalog_author (id, name, sort_name, slug, name_inferred, biography,"
        " source_id, line_start, line_end, position, created_at, edited_by_name)"
        " VALUES (?,?,?,?,0,?,1,?,?,0,'2026-01-01','')",
        [
            (n, a.name, a.name, f"a{n}", a.biography, a.line, a.line)
            for n, a in enumerate(authors, 1)
        ],
    )
    db.executemany(
        "INSERT INTO catalog_work (id, title, slug, year, annotation, source_text, source_id,"
        " line_start, line_end, position, created_at, url, edited_by_name)"
        " VALUES (?,?,?,?,?,'',2,?,?,0,'2026-01-01','','')",
        [
            (n, w.title, f"w{n}", w.year, w.description, w.line, w.line)
            for n, w in enumerate(works, 1)
        ],
    )
    db.executemany(
        'INSERT INTO catalog_contribution (work_id, author_id, role, "order")'
        " VALUES (?,?,'author',?)",
        [
            (work_id[w.key], author_id[k], place)
            for w in works
            for place, k in enumerate(w.authors)
            if k in author_id
        ],
    )
    db.executemany(
        "INSERT INTO catalog_edition (id, work_id, year, publisher, place, pages, isbn,"
        " translator, language, position, source_id, line_start, line_end)"
        " VALUES (?,?,?,?,?,?,?,'',?,0,3,?,?)",
        [
            (
                n,
                work_id[e.work],
                e.year,
                e.publisher,
                e.place,
                e.pages,
                e.isbn,
                e.language,
                e.line,
                e.line,
            )
            for n, e in enumerate(editions, 1)
        ],
    )
    db.executemany(
        "INSERT INTO catalog_identifier (scheme, value, author_id, work_id) VALUES ('olid',?,?,?)",
        [(a.key, author_id[a.key], None) for a in authors]
        + [(w.key, None, work_id[w.key]) for w in works],
    )
    db.executemany(
        "INSERT INTO catalog_openlibraryrecord (key, kind, revision, last_modified, edition_id,"
        " location, birth_date, death_date, matched, source_id, line_start, line_end)"
        " VALUES (?,?,?,?,?,'',?,?,0,1,?,?)",
        [(a.key, "author", a.revision, a.last_modified, None, a.birth_date, a.death_date, a.line,
          a.line) for a in authors]
        + [(w.key, "work", w.revision, w.last_modified, None, "", "", w.line, w.line)
           for w in works]
        + [(e.key, "edition", e.revision, e.last_modified, n, "", "", e.line, e.line)
           for n, e in enumerate(editions, 1)],
    )  # fmt: skip
    pages = {}
    for n, e in enumerate(editions, 1):
        if e.pages is not None:
            pages.setdefault(e.work, (n, e.pages))
    db.executemany(
        "UPDATE catalog_work SET edition_id = ?, pages = ? WHERE id = ?",
        [(n, count, work_id[key]) for key, (n, count) in pages.items()],
    )
    db.executemany(
        "INSERT INTO search_searchdocument (kind, work_id, title, people, annotation,"
        " biography, facet_author_id, year, pages) VALUES ('work',?,?,?,?,'',?,?,?)",
        [
            (
                work_id[w.key],
                w.title,
                " ".join(names[k] for k in w.authors if k in names),
                w.description or "",
                author_id.get(w.authors[0]) if w.authors else None,
                w.year,
                pages.get(w.key, (0, None))[1],
            )
            for w in works
        ],
    )
    db.executemany(
        "INSERT INTO search_searchdocument (kind, author_id, title, people, annotation,"
        " biography, facet_author_id) VALUES ('author',?,?,?,'',?,?)",
        [(n, a.name, a.name, a.biography, n) for n, a in enumerate(authors, 1)],
    )
    db.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    return len(works) / elapsed, len(works) / cpu, len(works), len(editions)


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a command in a child process: its wall time (s), CPU time (user and system,
    s) and peak RSS (MB). CPU time is what the machine's other work does not inflate."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _unpacked(path: Path) -> int:
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as file:
        return sum(len(piece) for piece in iter(lambda: file.read(1 << 20), b""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--plain", action="store_true", help="Dump files not gzipped.")
    parser.add_argument(
        "--dump", type=Path, nargs=3, metavar="FILE", help="These dump files, made before."
    )
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="readingroom-ol-bench-"))
    os.environ["READINGROOM_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "readingroom.settings"
    start = time.perf_counter()
    paths = args.dump or write_dump(directory, args.works, plain=args.plain)
    print(f"generated in {time.perf_counter() - start:.0f} s", flush=True)
    size = sum(p.stat().st_size for p in paths)
    unpacked = sum(_unpacked(p) for p in paths)
    baseline_db = migrated_database(directory)

    env = {**os.environ}
    command = [sys.executable, "-m", "readingroom", "import", *map(str, paths)]
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    seconds, cpu, peak = run_measured(command, env)
    baseline, baseline_cpu, works, editions = baseline_rate(paths, baseline_db)
    imported, imported_cpu = works / seconds, works / cpu  # the works both write (titled)
    load = f"{load_before} before, " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + " after"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"load average: {load}")
    print(
        f"dump: {works:,} works, {editions:,} editions; {size / 1e6:.1f} MB as files, "
        f"{unpacked / 1e6:.1f} MB unpacked"
    )
    print(
        f"import:   {imported:>8,.0f} works/s ({seconds:.1f} s); of CPU time {imported_cpu:,.0f} "
        f"works/s ({cpu:.1f} s); peak RSS {peak:.0f} MB"
    )
    print(
        f"baseline: {baseline:>8,.0f} works/s; of CPU time {baseline_cpu:,.0f} works/s "
        "(sqlite3 executemany, same rows and tables)"
    )
    print(
        f"import / baseline: {imported / baseline:.0%}; of CPU time "
        f"{imported_cpu / baseline_cpu:.0%} (target >= 50%)"
    )


if __name__ == "__main__":
    main()
