"""The command line as a user runs it: a real process, a real data directory."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

ROOT_TESTS = Path(__file__).resolve().parents[1]


def run(
    *args: str, data_dir: Path, stdin: bytes | None = None, **environment: str
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "READINGROOM_DATA_DIR": str(data_dir), **environment}
    return subprocess.run(
        [sys.executable, "-m", "readingroom", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_parse_seed_json(seed_path, tmp_path):
    result = run("parse", str(seed_path), "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    [author] = parsed["authors"]
    assert (author["name"], author["name_inferred"]) == ("Serge", True)
    assert author["biography"].count("\n\n") == 4
    assert [w["year"] for w in author["works"]] == [None, 1926, 1931, 1939, None]
    assert [w["pages"] for w in author["works"]] == [396, 131, 221, 199, 309]
    assert parsed["problems"] == []
    assert not (tmp_path / "readingroom.sqlite3").exists()  # parse touches no database


def test_import_export_round_trip(seed_path, tmp_path):
    assert run("import", str(seed_path), data_dir=tmp_path).returncode == 0
    again = run("import", str(seed_path), data_dir=tmp_path)
    assert again.stdout.decode().splitlines()[0].endswith("unchanged")
    exported = run("export", "--format", "guide", data_dir=tmp_path)
    assert exported.stdout == seed_path.read_bytes()
    assert (
        run(
            "export", "--author", "serge", "-o", str(tmp_path / "s.txt"), data_dir=tmp_path
        ).returncode
        == 0
    )
    assert (tmp_path / "s.txt").read_bytes() == seed_path.read_bytes()


def test_json_dump_round_trip_through_a_fresh_database(seed_path, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    run("import", str(seed_path), data_dir=first)
    run("import", str(SAMPLE), "--guide", "Sample", data_dir=first)
    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "-o", str(dump), data_dir=first).returncode == 0
    assert run("import", str(dump), data_dir=second).returncode == 0
    assert run("export", "--format", "json", data_dir=second).stdout == dump.read_bytes()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02binary\x00", "looks like a binary file"),
        (b"", "the file is empty"),
        (b"caf\xe9\n", "byte 0xe9 is not UTF-8 text"),
        ("# Serge\n\nT (1900): 1 pages, caf\u00e9".encode()[:-1], "ends in the middle of a UTF-8"),
        (random.Random(1).randbytes(10 * 1024 * 1024), "looks like a binary file"),
        (
            " ".join(
                random.Random(2).choices(["lorem", "ipsum:", "(dolor)"], k=1_700_000)
            ).encode(),
            "paragraph runs past 4,000,000 characters",
        ),
        (b'{"format": "readingroom-catalog", "version": 1, "sources": [', "invalid JSON"),
    ],
    ids=["binary", "empty", "latin-1", "truncated", "10MB-bytes", "10MB-words", "truncated-json"],
)
def test_bad_input_one_line_error_nothing_imported(content, expected, tmp_path, seed_path):
    run("import", str(seed_path), data_dir=tmp_path)
    before = run("export", "--format", "json", data_dir=tmp_path).stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("import", str(bad), data_dir=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in stderr
    assert stderr.startswith("bad.txt")
    assert expected in stderr.splitlines()[0]
    assert run("export", "--format", "json", data_dir=tmp_path).stdout == before


def test_parse_reports_errors_with_file_and_line(tmp_path):
    guide = tmp_path / "g.txt"
    guide.write_text("# A\n\nT (1900): 10 pages\n\nnot a work\n")
    result = run("parse", str(guide), data_dir=tmp_path)
    assert result.returncode == 1
    assert "g.txt:5: error: expected a work" in result.stderr.decode()


def test_missing_file_and_unknown_author(tmp_path):
    missing = run("import", str(tmp_path / "nope.txt"), data_dir=tmp_path)
    assert missing.returncode != 0
    assert "Traceback" not in missing.stderr.decode()
    assert "No such file" in missing.stderr.decode()
    unknown = run("export", "--author", "nobody", data_dir=tmp_path)
    assert unknown.returncode == 1
    assert "no author with the slug 'nobody'" in unknown.stderr.decode()


def test_demo_loads_the_sample(tmp_path):
    result = run("demo", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 created" in result.stdout.decode()
    exported = run("export", data_dir=tmp_path)
    assert exported.stdout == SAMPLE.read_bytes()


@pytest.mark.parametrize(
    "command", ["parse", "import", "export", "serve", "demo", "createuser", "check", "timeline"]
)
def test_every_command_has_help(command, tmp_path):
    result = run(command, "--help", data_dir=tmp_path)
    assert result.returncode == 0
    assert b"Usage: readingroom " + command.encode() in result.stdout


def test_createuser_makes_an_editor(tmp_path):
    password = "a-long-editor-password"
    result = run("createuser", "ed", "--editor", data_dir=tmp_path, READINGROOM_PASSWORD=password)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "created editor ed"
    again = run("createuser", "ed", data_dir=tmp_path, READINGROOM_PASSWORD=password)
    assert again.returncode == 1
    assert "a user called 'ed' already exists" in again.stderr.decode()


def test_createuser_refuses_a_weak_password(tmp_path):
    result = run("createuser", "ed", data_dir=tmp_path, READINGROOM_PASSWORD="123")
    assert result.returncode == 1
    assert "password refused" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_deploy_check_is_clean_under_https(tmp_path):
    result = run("check", "--deploy", data_dir=tmp_path, READINGROOM_HTTPS="1")
    assert result.returncode == 0, result.stderr.decode()
    assert "no issues" in result.stdout.decode()
    insecure = run("check", "--deploy", data_dir=tmp_path)
    assert insecure.returncode == 1  # without HTTPS settings Django rightly complains


def test_secret_key_is_generated_into_the_data_dir(tmp_path):
    run("parse", "--help", data_dir=tmp_path)
    run("export", data_dir=tmp_path)
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_timeline_json(seed_path, tmp_path):
    result = run("timeline", str(seed_path), "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    [author] = json.loads(result.stdout)["authors"]
    assert author["name"] == "Serge"
    first = author["events"][0]
    assert set(first) == {
        "start",
        "end",
        "precision",
        "modifier",
        "kind",
        "label",
        "text",
        "places",
        "span",
    }
    assert (first["start"], first["end"], first["label"]) == (
        "1909",
        "1909",
        "expelled from Belgium",
    )
    stored = run("import", str(seed_path), data_dir=tmp_path)
    assert stored.returncode == 0
    from_catalog = run("timeline", "--author", "serge", data_dir=tmp_path)
    assert "expelled from Belgium" in from_catalog.stdout.decode()
    assert run("timeline", data_dir=tmp_path).returncode == 1


def test_parse_shows_year_ranges_and_counts(tmp_path):
    guide = tmp_path / "g.txt"
    guide.write_text("# A\n\nLetters (1940–41): 1 page\n\nDiary (1999–00): 1,200 pages\n")
    text = run("parse", str(guide), data_dir=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "Letters (1940–41), 1 page" in text.stdout.decode()
    assert "Diary (1999–2000), 1,200 pages" in text.stdout.decode()
    parsed = json.loads(run("parse", str(guide), "--json", data_dir=tmp_path).stdout)
    works = parsed["authors"][0]["works"]
    assert [(w["year"], w["year_end"]) for w in works] == [(1940, 1941), (1999, 2000)]


def test_a_cr_only_file_is_one_convention(tmp_path):
    guide = tmp_path / "mac.txt"
    guide.write_bytes(b"# A\r\rBio.\r\rT (1900): 10 pages\r")
    result = run("parse", str(guide), data_dir=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert run("import", str(guide), data_dir=tmp_path).returncode == 0
    assert run("export", data_dir=tmp_path).stdout == guide.read_bytes()


def test_an_import_piped_prints_only_its_result(seed_path, tmp_path):
    result = run("import", str(seed_path), data_dir=tmp_path)
    assert result.stderr == b""
    created, checks = result.stdout.decode().splitlines()
    assert created == "000_d7e0673283ee09be.txt: created — authors: 1 created; works: 5 created"
    assert checks.startswith("000_d7e0673283ee09be.txt: the editorial checks found ")
    assert "(1 error: missing 8" in checks
    assert checks.endswith("`readingroom lint` lists them")


def test_an_import_on_a_terminal_shows_its_progress(tmp_path):
    import pty

    guide = tmp_path / "big.txt"
    guide.write_text(
        "# A\n\n"
        + "\n\n".join(f"Work {n} (1900): 10 pages, {'words ' * 40}" for n in range(20_000))
    )
    pid, terminal = pty.fork()
    if pid == 0:  # the child: readingroom on the pseudo-terminal
        os.environ["READINGROOM_DATA_DIR"] = str(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "readingroom", "import", str(guide)])
    output = b""
    while True:
        try:
            data = os.read(terminal, 65536)
        except OSError:
            break
        if not data:
            break
        output += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert b"big.txt: checking" in output or b"big.txt: importing" in output
    assert b"big.txt: created" in output


def test_an_import_waits_for_another_writer_and_then_gives_up(seed_path, tmp_path):
    import sqlite3

    assert run("import", str(SAMPLE), data_dir=tmp_path).returncode == 0
    before = run("export", "--format", "json", data_dir=tmp_path).stdout
    holder = sqlite3.connect(tmp_path / "readingroom.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the catalog
    try:
        result = run("import", str(seed_path), "--wait", "1", data_dir=tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 1
    assert lines[0].startswith("000_d7e0673283ee09be.txt: waiting for another import to finish")
    assert lines[1] == (
        "000_d7e0673283ee09be.txt: error: the catalog stayed locked by another import for 1 s; "
        "nothing was imported (try again once it has finished, or wait longer with --wait SECONDS)"
    )
    assert run("export", "--format", "json", data_dir=tmp_path).stdout == before
    assert run("import", str(seed_path), data_dir=tmp_path).returncode == 0


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", str(port), data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        f"Error: cannot serve on 127.0.0.1:{port}: the port is already in use "
        "(is readingroom already running?); choose another with --port"
    ]


def test_exports_get_the_mode_the_umask_allows(seed_path, tmp_path):
    run("import", str(seed_path), data_dir=tmp_path)
    target = tmp_path / "serge.txt"
    old = os.umask(0o022)
    try:
        assert run("export", "-o", str(target), data_dir=tmp_path).returncode == 0
    finally:
        os.umask(old)
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    target.chmod(0o600)  # an existing file keeps its own mode
    assert run("export", "-o", str(target), data_dir=tmp_path).returncode == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_guide_title_beyond_the_limit_is_refused(seed_path, tmp_path):
    result = run("import", str(seed_path), "--guide", "T" * 300, data_dir=tmp_path)
    assert result.returncode == 1
    assert "guide title is 300 characters long; the limit is 255" in result.stderr.decode()


def test_a_guide_from_a_pipe_imports_like_a_file(seed_path, tmp_path):
    fifo = tmp_path / "guide.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "readingroom", "import", str(fifo)]
    env = {**os.environ, "READINGROOM_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    fifo.write_bytes(seed_path.read_bytes())
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.decode().startswith("guide.txt: created")
    assert run("export", data_dir=tmp_path).stdout == seed_path.read_bytes()


def test_parse_reads_a_reading_list_and_says_what_it_understood(tmp_path):
    listing = tmp_path / "list.md"
    listing.write_text(
        "# Strikes and their histories\n\n"
        "A short list for the branch.\n\n"
        "## Classics\n\n"
        "- Rosa Luxemburg, *The Mass Strike* (1906), pp. 1–40 (optional)\n"
        "- Jeremy Brecher – Strike! (1972)\n\n"
        "Ask Sam for the spare copies.\n",
        encoding="utf-8",
    )
    shown = run("parse", str(listing), data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout.decode()
    assert "Title: Strikes and their histories" in out
    assert "Rosa Luxemburg — The Mass Strike (1906), read pp. 1–40, optional" in out
    assert "Jeremy Brecher — Strike! (1972)" in out
    assert "list.md:10: warning: not read as a work" in shown.stderr.decode()
    parsed = json.loads(run("parse", "--json", str(listing), data_dir=tmp_path).stdout)
    assert parsed["reader"] == "list"
    assert [e["title"] for e in parsed["entries"]] == ["The Mass Strike", "Strike!"]
    assert parsed["entries"][0]["part_pages"] == 40
    assert parsed["sections"][0]["title"] == "Classics"
    assert {"line": 3, "read_as": "introduction"} in parsed["lines"]


def test_parse_from_forces_a_reader(seed_path, tmp_path):
    as_list = run("parse", "--from", "list", "--json", str(seed_path), data_dir=tmp_path)
    assert as_list.returncode == 0, as_list.stderr
    assert json.loads(as_list.stdout)["reader"] == "list"
    unknown = run("parse", "--from", "marc", str(seed_path), data_dir=tmp_path)
    assert unknown.returncode == 2
    assert "Invalid value for '--from'" in unknown.stderr.decode()
    wrong = run("parse", "--from", "bibtex", str(seed_path), data_dir=tmp_path)
    assert "warning: no BibTeX entries in this text" in wrong.stderr.decode()
    assert wrong.stdout.decode().strip() == "0 entries"


VERSION_2 = """\
Title: Strikes
Subtitle: A reading course
Compiled by: Sam Roe

Four texts for the branch.

## Week 1 (3 March)

Rosa Luxemburg — The Mass Strike (1906): 86 pages
Read: pp. 1–40
Importance: essential

Jeremy Brecher — Strike! (1972)
Importance: optional

---

Ask Sam for the spare copies.
"""


def test_a_version_2_guide_is_parsed_imported_and_exported_as_written(tmp_path):
    guide = tmp_path / "strikes.txt"
    guide.write_bytes(VERSION_2.replace("\n", "\r\n").encode("utf-8"))
    parsed = json.loads(run("parse", "--json", str(guide), data_dir=tmp_path).stdout)
    assert (parsed["reader"], parsed["subtitle"], parsed["closing"]) == (
        "guide",
        "A reading course",
        "Ask Sam for the spare copies.",
    )
    assert [(e["title"], e["importance"]) for e in parsed["entries"]] == [
        ("The Mass Strike", "essential"),
        ("Strike!", "optional"),
    ]
    imported = run("import", str(guide), data_dir=tmp_path)
    assert imported.returncode == 0, imported.stderr
    exported = run("export", "--guide", "strikes", data_dir=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == guide.read_bytes()
    dump = json.loads(run("export", "--format", "json", data_dir=tmp_path).stdout)
    [stored] = dump["guides"]
    assert (stored["subtitle"], stored["closing"], stored["compilers"]) == (
        "A reading course",
        "Ask Sam for the spare copies.",
        "Sam Roe",
    )
    assert [e["section"] for e in stored["entries"]] == ["Week 1 (3 March)"] * 2


def test_a_version_2_guide_with_errors_is_not_imported(tmp_path):
    guide = tmp_path / "bad.txt"
    guide.write_text(VERSION_2.replace("Importance: optional", "Importance: vital"), "utf-8")
    parsed = run("parse", str(guide), data_dir=tmp_path)
    assert parsed.returncode == 1
    assert "bad.txt:14: error: importance 'vital' is not one of" in parsed.stderr.decode()
    imported = run("import", str(guide), data_dir=tmp_path)
    assert imported.returncode == 1
    assert "bad.txt:14: error: importance 'vital'" in imported.stderr.decode()
    listed = run("export", "--format", "json", data_dir=tmp_path)
    assert json.loads(listed.stdout)["guides"] == []


def test_export_of_one_guide_says_what_is_wrong(seed_path, tmp_path):
    assert run("import", str(seed_path), data_dir=tmp_path).returncode == 0
    missing = run("export", "--guide", "nope", data_dir=tmp_path)
    assert (missing.returncode, missing.stderr.decode().strip()) == (
        1,
        "Error: no guide with the slug 'nope'",
    )
    both = run("export", "--guide", "x", "--author", "serge", data_dir=tmp_path)
    assert both.returncode == 1
    assert "not both" in both.stderr.decode()
    # A guide from a version 1 file is written in version 2, across its authors.
    slug = json.loads(run("export", "--format", "json", data_dir=tmp_path).stdout)["guides"][0]
    text = run("export", "--guide", slug["slug"], data_dir=tmp_path).stdout.decode()
    assert text.startswith(f"Title: {slug['title']}\n\n# Serge\n")
    assert "Serge — Memoirs of a Revolutionary: 396 pages" not in text
    assert "\nMemoirs of a Revolutionary: 396 pages,\n" in text  # as the file wrote it


def test_export_says_which_works_only_a_guide_export_holds(tmp_path):
    guide = tmp_path / "edited.txt"
    guide.write_text(
        "Title: Edited\n\n## S\n\nWorkers' Inquiry: A Collection\nEdited by: Notebooks Collective\n"
        "\nKarl Marx — Capital (1867): 1,152 pages\n",
        "utf-8",
    )
    assert run("import", str(guide), data_dir=tmp_path).returncode == 0
    exported = run("export", data_dir=tmp_path)
    assert exported.returncode == 0
    assert b"Capital (1867)" in exported.stdout
    assert b"Workers' Inquiry" not in exported.stdout
    assert "export: left out 1 work that no author is credited first for" in (
        exported.stderr.decode()
    )
    whole = run("export", "--guide", "edited", data_dir=tmp_path)
    assert whole.stdout == guide.read_bytes()


@pytest.mark.parametrize(
    ("format_name", "suffix"),
    [("bibtex", "bib"), ("ris", "ris"), ("csl-json", "json"), ("goodreads", "csv")],
)
def test_a_guide_through_each_bibliographic_format_into_a_fresh_catalog(
    format_name, suffix, tmp_path
):
    first, second = tmp_path / "one", tmp_path / "two"
    assert run("import", str(SAMPLE), "--guide", "Sample", data_dir=first).returncode == 0
    exported = tmp_path / f"sample.{suffix}"
    result = run(
        "export", "--format", format_name, "--guide", "sample", "-o", str(exported), data_dir=first
    )
    assert result.returncode == 0, result.stderr
    imported = run("import", str(exported), "--guide", "Sample again", data_dir=second)
    assert imported.returncode == 0, imported.stderr
    assert "17 created" in imported.stdout.decode()
    again = run("export", "--format", format_name, "--guide", "sample-again", data_dir=second)
    assert again.stdout == exported.read_bytes()
    by_author = run("export", "--format", format_name, "--author", "rosa-luxemburg", data_dir=first)
    assert by_author.stdout.decode().count("Luxemburg") >= 3
    missing = run("export", "--format", format_name, "--author", "nobody", data_dir=first)
    assert missing.returncode != 0
    assert "no author with the slug 'nobody'" in missing.stderr.decode()


def test_cite_a_file_and_a_guide(tmp_path):
    bib = ROOT_TESTS / "formats" / "bibliographic" / "zotero.bib"
    result = run("cite", "--style", "mla", str(bib), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    lines = result.stdout.decode().splitlines()
    assert (
        "Marx, Karl. Capital: A Critique of Political Economy, Volume One. 1867. "
        "Translated by Ben Fowkes, Penguin, 1990."
    ) in lines
    assert len(lines) == 3
    assert run("import", str(SAMPLE), "--guide", "Sample", data_dir=tmp_path).returncode == 0
    apa = run("cite", "--style", "apa", "--guide", "sample", "--html", data_dir=tmp_path)
    assert "Luxemburg, R. (1899). <i>Reform or Revolution</i>." in apa.stdout.decode()
    neither = run("cite", data_dir=tmp_path)
    assert neither.returncode != 0
    assert "give one of FILE, --guide SLUG or --author SLUG" in neither.stderr.decode()


def test_marcxml_for_library_catalogs(tmp_path):
    import pymarc

    assert run("import", str(SAMPLE), "--guide", "Sample", data_dir=tmp_path).returncode == 0
    result = run("export", "--format", "marcxml", "--guide", "sample", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    records = pymarc.parse_xml_to_array(io.BytesIO(result.stdout))
    assert len(records) == 17
    assert records[0]["100"]["a"] == "Luxemburg, Rosa"


def test_merge_and_not_same(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("# Ada Byron\n\nNotes (1843): 66 pages, first note.\n")
    # A surname alone, with a work in common: "same", for an editor (the import merges
    # only a whole name it is certain of, as "Ada Byron (1815–1852)" would be).
    second.write_text("# Byron (1815–1852)\n\nNotes (1843): 70 pages, second note.\n")
    third = tmp_path / "third.txt"
    third.write_text("# A. Byron\n\nOther (1850): 1 pages, other.\n")
    for path in (first, second, third):
        assert run("import", str(path), data_dir=tmp_path).returncode == 0
    listed = run("duplicates", "--json", data_dir=tmp_path)
    pairs = {tuple(r["slug"] for r in p["records"]) for p in json.loads(listed.stdout)}
    assert ("ada-byron", "byron-18151852") in pairs
    assert ("ada-byron", "a-byron") in pairs
    merged = run("merge", "ada-byron", "byron-18151852", data_dir=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.decode().splitlines() == [
        "merged author 'byron-18151852' into 'ada-byron'",
        "  merged work 'notes-2' into 'notes'",
    ]
    noted = run("not-same", "a-byron", "ada-byron", data_dir=tmp_path)
    assert noted.returncode == 0, noted.stderr
    assert run("duplicates", data_dir=tmp_path).stdout.decode().strip() == "0 likely duplicates"
    # An old slug still names the record it became.
    again = run("merge", "byron-18151852", "ada-byron", data_dir=tmp_path)
    assert again.returncode == 1
    assert "are one author already" in again.stderr.decode()
    missing = run("merge", "ada-byron", "nobody", data_dir=tmp_path)
    assert missing.returncode == 1
    assert "no author or work with the slug 'nobody'" in missing.stderr.decode()
    mixed = run("merge", "ada-byron", "notes", data_dir=tmp_path)
    assert mixed.returncode == 1
    assert "Traceback" not in mixed.stderr.decode()


def test_an_import_says_which_authors_it_merged_with_the_catalogs(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("# Ada Byron\n\nNotes (1843): 66 pages, first note.\n")
    second.write_text("# Ada Byron\n\nNotes (1843): 70 pages, second note.\n")
    assert run("import", str(first), data_dir=tmp_path).returncode == 0
    result = run("import", str(second), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == (
        "second.txt: created — authors: 1 created; works: 1 created; "
        "merged 1 author into an existing record: Ada Byron"
    )
    assert result.stderr.decode() == (
        "second.txt:1: warning: Ada Byron is Ada Byron (first.txt:1–3), already in the "
        "catalog: the two are one author, 'ada-byron' (the same name)\n"
    )
    assert run("duplicates", data_dir=tmp_path).stdout.decode().strip() == "0 likely duplicates"


def test_open_library_dumps_imported_together_by_content(tmp_path):
    sys.path.insert(0, str(ROOT_TESTS.parent / "benchmarks"))
    from ol_dumps import write_dump

    authors, works, editions = write_dump(tmp_path, 50)
    result = run("import", str(editions), str(works), str(authors), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = result.stdout.decode().splitlines()[-1]
    assert summary.startswith(f"{authors.name}, {works.name}, {editions.name}: authors: ")
    assert "created" in summary
    again = run("import", str(authors), str(works), str(editions), data_dir=tmp_path)
    assert "created" not in again.stdout.decode()
    assert "unchanged" in again.stdout.decode()


def test_an_open_library_dump_with_a_broken_line_is_refused_at_its_line(tmp_path):
    dump = tmp_path / "ol_dump_works.txt"
    dump.write_text(
        '/type/work\t/works/OL1W\t1\t2020\t{"key": "/works/OL1W", "type": {"key": "/type/work"},'
        ' "title": "Fine"}\n/type/work\t/works/OL2W\t1\t2020\t{"key": "/works/OL2W"\n'
    )
    result = run("import", str(dump), data_dir=tmp_path)
    assert result.returncode == 1
    errors = result.stderr.decode()
    assert "ol_dump_works.txt:2: error: the record is not JSON" in errors
    assert "Traceback" not in errors
    assert "not imported" in errors


def test_an_open_library_import_on_a_terminal_shows_each_files_progress(tmp_path):
    import pty

    sys.path.insert(0, str(ROOT_TESTS.parent / "benchmarks"))
    from ol_dumps import write_dump

    paths = write_dump(tmp_path, 2_000)
    pid, terminal = pty.fork()
    if pid == 0:  # the child: readingroom on the pseudo-terminal
        os.environ["READINGROOM_DATA_DIR"] = str(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "readingroom", "import", *map(str, paths)])
    output = b""
    while True:
        try:
            data = os.read(terminal, 65536)
        except OSError:
            break
        if not data:
            break
        output += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    for path in paths:
        assert f"Open Library dump: {path.name}".encode() in output
    assert b"works: 1,9" in output  # the summary, once the bars are gone


def test_parse_checks_an_open_library_dump_without_a_database(tmp_path):
    sys.path.insert(0, str(ROOT_TESTS.parent / "benchmarks"))
    from ol_dumps import write_dump

    [dump] = write_dump(tmp_path, 200, every_type=True)
    result = run("parse", str(dump), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(f"{dump.name}: an Open Library dump: ")
    assert " works" in result.stdout.decode()
    assert not (tmp_path / "readingroom.sqlite3").exists()
    counted = json.loads(run("parse", "--json", str(dump), data_dir=tmp_path).stdout)
    assert counted["errors"] == 0
    assert counted["records"]["work"] > 190
