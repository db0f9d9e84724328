"""Search latency against the raw full-text index's own top 20, in one run.

    python benchmarks/search_bench.py [--works 100000] [--data-dir DIR]
                                      [--database-url postgres://…] [--runs 100]

Builds a catalog of WORKS works (WORKS / 10 authors, the import benchmark's
generator) with `readingroom import` — on SQLite in DIR (a temporary directory
unless given), or in the PostgreSQL database at URL — unless it holds those works
already, so that a catalog built once is measured again and again.

Then, in this process, for each kind of query — a common word ("revolution", in 5%
of documents), a rare word (about 1 in 7,000), a two-word prefix, a misspelling —
with and without a facet filter (the 1890s), it runs `search.engine.search` RUNS
times, uncached (nothing is kept between searches but the database's own buffers),
each time beside the raw index's own top 20 for the same words and filter: FTS5's
`bm25()` with ORDER BY … LIMIT 20 on SQLite, `ts_rank` over the GIN index on
PostgreSQL. For the misspelling the raw index runs the typed words, which find
nothing, then the corrected ones, as the search must.

Target (issue 14), at 1,000,000 works: search p99 at most 5 × the raw top-20 time,
facets included, on both databases.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import generate_guide

QUERIES = [
    ("common word", "revolution"),
    ("rare word", "babatako"),  # rank 10,000 of the generator's 20,000 words
    ("two-word prefix", "capital theo"),
    ("misspelling", "revolutoin"),
]
FILTERS: list[tuple[str, dict[str, str]]] = [("none", {}), ("decade 1890s", {"decade": "1890"})]
TARGET = 5


def _catalog(works: int, env: dict[str, str]) -> None:
    """Import a generated guide of `works` works unless the catalog holds them already."""
    from readingroom.catalog.models import Work

    held = Work.objects.count()
    if held == works:
        return
    if held:
        raise SystemExit(f"the catalog holds {held:,} works, not {works:,}: use another")
    with tempfile.TemporaryDirectory() as scratch:
        guide = Path(scratch) / "bench-guide.txt"
        guide.write_bytes(generate_guide(works // 10, 10))
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "readingroom", "import", str(guide), "--guide", "Benchmark"],
            env=env,
            check=True,
        )
    print(f"imported {works:,} works in {time.perf_counter() - start:.0f} s")


def _raw_top_20() -> Callable[[list[str], list[str]], None]:
    """The index's own best 20 for some words and facet tokens, and nothing else."""
    from django.db import connection

    from readingroom.search.backends import PostgresBackend, SQLiteBackend

    if connection.vendor == "postgresql":
        weights = PostgresBackend.WEIGHTS

        def postgres(words: list[str], tokens: list[str]) -> None:
            narrowed = " AND d.facet_vector @@ %s::tsquery" if tokens else ""
            facets = [PostgresBackend.facet_tsquery(tokens)] if tokens else []
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT d.id FROM search_searchdocument d, to_tsquery('readingroom', %s) q"
                    f" WHERE d.vector @@ q{narrowed}"
                    f" ORDER BY ts_rank('{weights}'::float4[], d.vector, q) DESC LIMIT 20",
                    [PostgresBackend.tsquery(words), *facets],
                )
                cursor.fetchall()

        return postgres

    def sqlite(words: list[str], tokens: list[str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
                f" ORDER BY bm25(search_fts, {SQLiteBackend.WEIGHTS}) LIMIT 20",
                [SQLiteBackend.expression(words, tokens)],
            )
            cursor.fetchall()

    return sqlite


def _ms(seconds: list[float], q: float) -> float:
    return statistics.quantiles(seconds, n=100, method="inclusive")[int(q) - 1] * 1000


def _database_line() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            cursor.execute("SHOW shared_buffers")
            return f"{version}, shared_buffers {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, help="Where the SQLite catalog is kept.")
    parser.add_argument("--database-url", help="A PostgreSQL database to build and measure.")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument(
        "--only", metavar="TEXT", help="Only the kinds of query whose name has TEXT."
    )
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="readingroom-search-bench-"))
    os.environ["READINGROOM_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "readingroom.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from readingroom.search.engine import search
    from readingroom.search.facets import token_for
    from readingroom.search.text import query_words

    call_command("migrate", interactive=False, verbosity=0)
    _catalog(args.works, dict(os.environ))
    raw = _raw_top_20()
    print(
        f"{date.today()}, {_cpu()}, {os.cpu_count()} cores, Python {sys.version.split()[0]},"
        f" {_database_line()}; {args.works:,} works; {args.runs} runs of each;"
        f" load average {os.getloadavg()[0]:.2f} at the start"
    )
    print(
        f"{'query':32} {'filter':13} {'matches':>9} {'search p50':>11} {'p99':>9}"
        f" {'raw p50':>9} {'raw p99':>9} {'p99/raw p50':>12}"
    )
    worst = 0.0
    for kind, query in QUERIES:
        if args.only and args.only not in kind:
            continue
        for label, filters in FILTERS:
            tokens = [t for name, value in filters.items() if (t := token_for(name, value))]
            first = search(query, filters)
            raw_queries = [query_words(query)] + ([first.words] if first.corrected else [])
            searched, indexed = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                search(query, filters)
                searched.append(time.perf_counter() - start)
                start = time.perf_counter()
                for words in raw_queries:
                    raw(words, tokens)
                indexed.append(time.perf_counter() - start)
            ratio = _ms(searched, 99) / _ms(indexed, 50)
            worst = max(worst, ratio)
            name = f'{kind} "{query}"' + (f" → {first.corrected}" if first.corrected else "")
            print(
                f"{name:32} {label:13} {first.total:>9,} {_ms(searched, 50):>8.2f} ms"
                f" {_ms(searched, 99):>6.2f} ms {_ms(indexed, 50):>6.2f} ms"
                f" {_ms(indexed, 99):>6.2f} ms {ratio:>11.1f}×",
                flush=True,
            )
    print(
        f"worst p99 / raw p50: {worst:.1f}× (target ≤ {TARGET}×);"
        f" load average {os.getloadavg()[0]:.2f} at the end"
    )


if __name__ == "__main__":
    main()
