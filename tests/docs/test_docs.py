"""The documentation says what the code does: checked here, so neither drifts."""

from __future__ import annotations

import re
import subprocess

from readingroom import limits
from tests.conftest import ROOT

LIMITS_DOC = ROOT / "docs" / "limits.md"


def limits_table() -> str:
    """docs/limits.md's table of every field, as readingroom.limits declares it."""
    rows = ["| record | field | limit |", "|---|---|---|"]
    for record, fields in limits.RECORDS.items():
        for name, spec in fields.items():
            rows.append(f"| {record} | `{name}` | {limits.describe(spec)} |")
    return "\n".join(rows)


def test_the_limits_page_lists_the_declared_limits():
    text = LIMITS_DOC.read_text()
    table = re.search(r"^\| record \| field \| limit \|\n(?:\|.*\n?)+", text, re.M)
    assert table is not None, "docs/limits.md has no table of fields"
    assert table.group().strip() == limits_table()
    for number in (limits.LONG_TEXT, limits.MAX_PAGES, limits.MAX_PLACES, limits.SEARCHED_TEXT):
        assert f"{number:,}" in text


def test_the_readme_says_how_to_put_readingroom_on_the_path():
    readme = (ROOT / "README.md").read_text()
    first_bare_use = readme.index("\nreadingroom ")
    assert ". .venv/bin/activate" in readme[:first_bare_use]


def test_make_run_takes_a_port_and_a_host():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=9123", "HOST=0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "readingroom serve --host 0.0.0.0 --port 9123" in dry_run


def _assert_commands_exist(commands: set[str]) -> None:
    from click.testing import CliRunner

    from readingroom.cli import cli

    # (`manage` hands --help on to Django's own commands.)
    for command in commands - {"manage"}:
        assert command in cli.commands, command
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)


def test_every_command_the_readme_shows_exists():
    readme = (ROOT / "README.md").read_text()
    commands = set(re.findall(r"^(?:\S+=\S+ )?readingroom (\w+)", readme, re.M))
    assert commands >= {"parse", "import", "export", "serve", "demo"}
    _assert_commands_exist(commands)


def test_the_deployment_page_shows_real_commands_and_settings():
    """docs/deployment.md's shell blocks: each command exists, and each variable they
    set is one settings.py reads."""
    page = (ROOT / "docs" / "deployment.md").read_text()
    shell = "\n".join(re.findall(r"^```sh\n(.*?)^```", page, re.M | re.S))
    commands = set(re.findall(r"^(?:\S+=\S+ )*readingroom (\w+)", shell, re.M))
    assert commands >= {"serve", "check", "createuser", "manage"}
    _assert_commands_exist(commands)
    variables = set(re.findall(r"\b([A-Z][A-Z_]+)=", shell))
    assert variables >= {"DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URL"}
    read = (ROOT / "src" / "readingroom" / "settings.py").read_text()
    for variable in variables:
        assert f'os.environ.get("{variable}"' in read, variable


def test_the_reading_lists_page_lists_the_importance_words():
    from readingroom.formats.lexicon import lexicon
    from readingroom.formats.records import IMPORTANCE_LEVELS

    marks = lexicon().importance
    rows = [
        f"| {level} | {', '.join(p for p, m in marks.items() if m == level)} |"
        for level in IMPORTANCE_LEVELS
    ]
    text = (ROOT / "docs" / "reading-lists.md").read_text()
    table = "| importance | words |\n|---|---|\n" + "\n".join(rows)
    assert table in text
