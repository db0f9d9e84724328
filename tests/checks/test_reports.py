import json

from readingroom.checks import check_document
from readingroom.checks.reports import as_dict, as_sarif
from tests.checks.conftest import guide

TEXT = (
    "# Victor Serge\n\nVictor Serge was born in Brussels in 1890 and died in 1947.\n\n"
    "Letters (1919–1893): 480 pages,\n"
)


def test_a_finding_reads_like_a_compilers_message():
    found = check_document(guide(TEXT))
    lines = [f.format("serge.txt") for f in found]
    assert lines == [
        "serge.txt:5:1: warning: missing/annotation: 'Letters' has no annotation",
        "serge.txt:5:10: error: consistency/year-range: the years 1919–1893 run the wrong way"
        " round (suggestion: '1893–1919')",
        "serge.txt:5:31: warning: consistency/punctuation: stray ',' after the page count"
        " (delete it)",
    ]


def test_the_key_survives_a_move():
    moved = "\n\n\n" + TEXT
    assert [f.key for f in check_document(guide(TEXT))] == [
        f.key for f in check_document(guide(moved))
    ]


def test_json_and_sarif():
    found = check_document(guide(TEXT))
    record = as_dict(found[1], "serge.txt")
    assert record["record"] == {"kind": "work", "name": "Letters"}
    assert (record["line"], record["column"], record["suggestion"]) == (5, 10, "1893–1919")
    sarif = json.loads(json.dumps(as_sarif([("serge.txt", f) for f in found])))
    [run] = sarif["runs"]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {f.code for f in found}
    result = run["results"][1]
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 10, "endColumn": 19}
    [fix] = result["fixes"]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "1893–1919"
