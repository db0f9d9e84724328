"""`readingroom lint` as an editor's CI runs it: real processes, real files."""

from __future__ import annotations

import json

from tests.cli.test_cli import run

CLEAN = (
    "# Rosa Luxemburg\n\nRosa Luxemburg was born in Zamość in 1871 and was murdered in Berlin"
    " in 1919.\n\nThe Accumulation of Capital (1913): 480 pages, her theory of imperialism.\n"
)


def test_the_seed_has_errors(seed_path, tmp_path):
    result = run("lint", str(seed_path), data_dir=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert f"{seed_path}:16:125: error: chronology/setting:" in "\n".join(lines)
    assert any(":8:474: warning: places/misspelt: 'Orenberg'" in line for line in lines)
    assert "(1 error) in 1 file" in result.stderr.decode()
    assert not (tmp_path / "readingroom.sqlite3").exists()  # lint touches no database


def test_a_clean_guide_passes(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("lint", str(path), data_dir=tmp_path)
    assert (result.returncode, result.stdout) == (0, b"")
    assert "0 problems (0 errors) in 1 file" in result.stderr.decode()


def test_warnings_alone_pass(tmp_path):
    path = tmp_path / "warn.txt"
    path.write_text(CLEAN.replace(", her theory of imperialism.", ","), encoding="utf-8")
    result = run("lint", str(path), data_dir=tmp_path)
    assert result.returncode == 0
    assert b"warning: missing/annotation" in result.stdout


def test_json_and_sarif_for_several_files(seed_path, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    as_json = run("lint", "--format", "json", str(path), str(seed_path), data_dir=tmp_path)
    found = json.loads(as_json.stdout)
    assert {f["file"] for f in found} == {str(seed_path)}
    assert {"line", "column", "code", "severity", "key", "suggestion"} <= set(found[0])
    sarif = run("lint", "--format", "sarif", str(seed_path), data_dir=tmp_path)
    assert json.loads(sarif.stdout)["version"] == "2.1.0"
    assert sarif.returncode == 1


def test_one_family(seed_path, tmp_path):
    result = run("lint", "--family", "places", str(seed_path), data_dir=tmp_path)
    codes = {line.split(": ")[2] for line in result.stdout.decode().splitlines()}
    assert codes == {"places/misspelt", "places/wrong-country"}
    assert result.returncode == 0


def test_user_errors(tmp_path):
    nothing = run("lint", data_dir=tmp_path)
    assert nothing.returncode != 0
    assert b"give one or more guide files to check, or --guide SLUG" in nothing.stderr
    missing = run("lint", str(tmp_path / "nope.txt"), data_dir=tmp_path)
    assert missing.returncode != 0
    assert b"Traceback" not in missing.stderr
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\x00")
    result = run("lint", str(binary), data_dir=tmp_path)
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr


def test_a_guide_in_the_catalog(seed_path, tmp_path):
    run("import", str(seed_path), "--guide", "Serge", data_dir=tmp_path)
    result = run("lint", "--guide", "serge", "--family", "chronology", data_dir=tmp_path)
    assert result.returncode == 1
    assert b"000_d7e0673283ee09be.txt:16: error: chronology/setting:" in result.stdout
    assert b"(1 error) in serge" in result.stderr
    nothing = run("lint", "--guide", "nope", data_dir=tmp_path)
    assert nothing.returncode == 1
    assert b"no guide with the slug 'nope'" in nothing.stderr
    both = run("lint", "--guide", "serge", str(seed_path), data_dir=tmp_path)
    assert both.returncode == 1
    assert b"or --guide SLUG" in both.stderr
