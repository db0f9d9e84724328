"""Parse and import throughput on a generated guide, against plain sqlite3 in the same run.

    python benchmarks/import_bench.py [--authors 10000] [--works-per-author 10]

Generates one guide file of AUTHORS authors with WORKS_PER_AUTHOR works each, then
measures (1) parse_guide, (2) `readingroom import` into a fresh SQLite catalog and
(3) the baseline: the same rows written with sqlite3 `executemany` into the same
migrated tables (same indexes, same pragmas, the same search documents), in one
transaction. Target: import >= 25% of baseline.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

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


def baseline_rate(data: bytes, database: Path) -> float:
    """Plain sqlite3 `executemany` of the same rows into the same (migrated, empty) tables."""
    guide = parse_guide(decode_guide(data).text).guide
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO catalog_source (id, name, sha256, imported_at, encoding, newline,"
        " final_newline, lines, size) VALUES (1, 'bench.txt', '', '2026-01-01', 'utf-8', ?,"
        " 1, 0, ?)",
        ("\n", len(data)),
    )
    text = data.decode()
    db.executemany(
        "INSERT INTO catalog_sourcechunk (source_id, number, text) VALUES (1, ?, ?)",
        [(n, text[i : i + (1 << 20)]) for n, i in enumerate(range(0, len(text), 1 << 20))],
    )
    db.executemany(
        "INSERT INTO catalog_author (id, name, sort_name, slug, name_inferred, biography,"
        " source_id, line_start, line_end, position, created_at)"
        " VALUES (?,?,?,?,0,?,1,?,?,?,'2026-01-01')",
        [
            (i + 1, a.name, a.name, f"a{i}", a.biography, a.line_start, a.line_end, i)
            for i, a in enumerate(guide.authors)
        ],
    )
    works, contributions, entries, documents = [], [], [], []
    for i, author in enumerate(guide.authors):
        for position, work in enumerate(author.works):
            n = len(works) + 1
            works.append(
                (
                    *(n, work.title, f"w{n}", work.year, work.year_end, work.pages),
                    *(work.annotation, work.raw, work.line_start, work.line_end, position),
                )
            )
            contributions.append((n, i + 1))
            facets = document_tokens("work", n, i + 1, work.year, work.pages)
            documents.append(
                (
                    *(n, work.title, author.name, work.annotation or "", i + 1),
                    *(work.year, work.pages, facets),
                )
            )
            entries.append((n, n, work.section, work.line_start, work.line_end))
    db.executemany(
        "INSERT INTO catalog_work (id, title, slug, year, year_end, pages, annotation,"
        " source_text, source_id, line_start, line_end, position, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,1,?,?,?,'2026-01-01')",
        works,
    )
    db.executemany(
        'INSERT INTO catalog_contribution (work_id, author_id, role, "order")'
        " VALUES (?,?,'author',0)",
        contributions,
    )
    db.execute(
        "INSERT INTO catalog_guide (id, title, slug, description, source_id, created_at)"
        " VALUES (1, 'Benchmark', 'benchmark', '', 1, '2026-01-01')"
    )
    db.executemany(
        'INSERT INTO catalog_guideentry (guide_id, work_id, "order", section, note,'
        " source_id, line_start, line_end) VALUES (1,?,?,?,'',1,?,?)",
        entries,
    )
    # The import indexes what it writes for search; so does the baseline (the
    # FTS triggers fire for both).
    db.executemany(
        "INSERT INTO search_searchdocument (kind, work_id, title, people, annotation,"
        " biography, facet_author_id, year, pages, facets) VALUES ('work',?,?,?,?,'',?,?,?,?)",
        documents,
    )
    db.executemany(
        "INSERT INTO search_searchdocument (kind, author_id, title, people, annotation,"
        " biography, facet_author_id, facets) VALUES ('author',?,?,?,'',?,?,?)",
        [
            (
                i + 1,
                a.name,
                a.name,
                a.biography,
                i + 1,
                document_tokens("author", i + 1, i + 1, None, None),
            )
            for i, a in enumerate(guide.authors)
        ],
    )
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return len(works) / elapsed


def migrated_database(directory: Path) -> Path:
    """An empty catalog, migrated by Django; returns a copy for the baseline to fill."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    connection.close()
    copy = directory / "baseline.sqlite3"
    shutil.copyfile(settings.DATABASES["default"]["NAME"], copy)
    return copy


def import_rate(data: bytes) -> float:
    from readingroom.catalog.importer import import_guide_bytes

    start = time.perf_counter()
    report = import_guide_bytes("bench.txt", data, "Benchmark")
    elapsed = time.perf_counter() - start
    return report.works["created"] / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authors", type=int, default=10_000)
    parser.add_argument("--works-per-author", type=int, default=10)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="readingroom-bench-"))
    os.environ["READINGROOM_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "readingroom.settings"

    data = generate_guide(args.authors, args.works_per_author)
    works = args.authors * args.works_per_author
    start = time.perf_counter()
    parsed = parse_guide(decode_guide(data).text)
    parse_seconds = time.perf_counter() - start
    if parsed.errors or len(parsed.guide.works) != works:
        raise SystemExit(f"the generated guide did not parse: {parsed.errors[:3]}")

    baseline = baseline_rate(data, migrated_database(directory))
    imported = import_rate(data)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"guide: {args.authors} authors, {works} works, {len(data) / 1e6:.1f} MB")
    print(f"parse:    {works / parse_seconds:>10,.0f} works/s ({parse_seconds:.2f} s)")
    print(f"import:   {imported:>10,.0f} works/s ({works / imported:.2f} s)")
    print(f"baseline: {baseline:>10,.0f} works/s (sqlite3 executemany, same rows and tables)")
    print(f"import / baseline: {imported / baseline:.0%} (target >= 25%)")


if __name__ == "__main__":
    main()
