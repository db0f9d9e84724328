"""Hostile guide files and dumps: one clear line each, a non-zero exit, nothing written.

The same inputs go to SQLite and to PostgreSQL, which must refuse exactly the same
data (SQLite alone would store a 3,000,000,000-page book and a NUL in a name).
"""

from __future__ import annotations

import json

import pytest

GUIDES = {
    "huge page count": (
        "# A\n\nT (1900): 3000000000 pages\n",
        "3: error: page count 3,000,000,000 is out of range (0 to 100,000)",
    ),
    "30-digit page count": (
        "# A\n\nT: 123456789012345678901234567890 pages\n",
        "3: error: page count has more than 18 digits; the most is 100,000",
    ),
    "long author name": (
        f"# {'N' * 1000}\n\nT (1900): 1 page\n",
        "1: error: name is 1,000 characters long; the limit is 255",
    ),
    "long section": (
        f"# A\n\n## {'S' * 300}\n\nT (1900): 1 page\n",
        "3: error: section is 300 characters long; the limit is 255",
    ),
    "long title": (
        f"# A\n\n{'T' * 600} (1900): 1 page\n",
        "3: error: title is 600 characters long; the limit is 500",
    ),
    "NUL": (
        "# A\n\nT (1900): 1 page, a\x00b\n",
        "3: error: contains NUL bytes, so it looks like a binary file",
    ),
    "control character": (
        "# A\n\nT (1900): 1 page, a\x1bb\n",
        "3: error: contains the control character U+001B",
    ),
    "future year": ("# A\n\nT (3000): 1 page\n", "3: error: year 3000 is in the future"),
    "backwards range": (
        "# A\n\nT (1940–1936): 1 page\n",
        "3: error: year range ends (1936) before it starts (1940)",
    ),
    "5 MB paragraph": (
        f"# A\n\n{'word ' * 1_000_000}\n\nT (1900): 1 page\n",
        "3: error: paragraph runs past 4,000,000 characters",
    ),
}


def _refused(result):
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    return stderr.splitlines()


@pytest.mark.parametrize("case", GUIDES)
def test_a_hostile_guide_is_refused_in_one_line(sample_catalog, prepared, case):
    text, expected = GUIDES[case]
    result = sample_catalog.run("import", str(sample_catalog.write("bad.txt", text)))
    lines = _refused(result)
    assert lines[0].startswith(f"bad.txt:{expected}"), lines
    assert sample_catalog.dump() == prepared.dump


def _mutations(dump):
    """Each hostile dump, made from a valid one, with the first line its refusal starts with."""
    first_author = json.loads(dump)["authors"][0]

    def changed(change):
        copy = json.loads(dump)
        change(copy)
        return json.dumps(copy, ensure_ascii=False)

    return {
        "an id": (
            changed(lambda d: d["authors"][0].update(id=1)),
            "$.authors[0]: unknown key 'id'",
        ),
        "the same slug twice": (
            changed(lambda d: d["authors"][1].update(slug=first_author["slug"])),
            f"$.authors[1].slug: '{first_author['slug']}' is already used by $.authors[0]",
        ),
        "a path as a slug": (
            changed(lambda d: d["authors"][0].update(slug="bad slug/../x")),
            "$.authors[0].slug: slug 'bad slug/../x' is not a slug",
        ),
        "a role outside the choices": (
            changed(lambda d: d["works"][0]["authors"][0].update(role="ghost")),
            "$.works[0].authors[0].role: role 'ghost' is not one of",
        ),
        "created yesterday": (
            changed(lambda d: d["authors"][0].update(created_at="yesterday")),
            "$.authors[0].created_at: timestamp 'yesterday' is not an ISO 8601",
        ),
        "a short span": (
            changed(lambda d: d["authors"][0]["life_events"][0].update(span=[3])),
            "$.authors[0].life_events[0].span: span should be [start, end]",
        ),
        "an unknown key": (changed(lambda d: d.update(editions=[])), "$: unknown key 'editions'"),
        "negative pages": (
            changed(lambda d: d["works"][0].update(pages=-5)),
            "$.works[0].pages: page count -5 is out of range",
        ),
        "2^31 pages": (
            changed(lambda d: d["works"][0].update(pages=2**31)),
            "$.works[0].pages: page count 2,147,483,648 is out of range",
        ),
        "a 20-digit year": (
            changed(lambda d: d["works"][0].update(year=10**19)),
            "$.works[0].year: year 10,000,000,000,000,000,000 is out of range",
        ),
        "a 1,000-character name": (
            changed(lambda d: d["authors"][0].update(name="N" * 1000)),
            "$.authors[0].name: name is 1,000 characters long; the limit is 255",
        ),
        "a NUL in a name": (
            changed(lambda d: d["authors"][0].update(name="A\x00B")),
            "$.authors[0].name: name contains the control character U+0000",
        ),
        "a lone surrogate": (
            changed(lambda d: d["authors"][0].update(biography="PLACEHOLDER")).replace(
                "PLACEHOLDER", "\\ud800"
            ),
            "$.authors[0].biography: biography contains an unpaired surrogate U+D800",
        ),
        "nested 200,000 deep": (
            dump.replace('"guides": [', '"guides": ' + "[" * 200_000 + "]" * 199_999, 1),
            "invalid dump: JSON nested too deeply",
        ),
        "lines the wrong way round": (
            changed(lambda d: d["works"][0].update(line_start=9, line_end=3)),
            "$.works[0].line_end: ends (3) before line_start (9)",
        ),
        "a missing work": (
            changed(lambda d: d["guides"][0]["entries"][0].update(work="nowhere")),
            "$.guides[0].entries[0].work: refers to work 'nowhere', which is neither in the dump "
            "nor in the catalog",
        ),
        "a missing author": (
            changed(lambda d: d["works"][0]["authors"][0].update(author="nobody")),
            "$.works[0].authors[0].author: refers to author 'nobody'",
        ),
    }


# The cases' names, from a skeleton with just the records the mutations touch.
_SKELETON = {
    "authors": [{"slug": "a", "life_events": [{}]}, {}],
    "works": [{"authors": [{}]}],
    "guides": [{"entries": [{}]}],
}
MUTATIONS = list(_mutations(json.dumps(_SKELETON)))


@pytest.mark.parametrize("case", MUTATIONS)
def test_a_hostile_dump_is_refused_with_its_json_path(sample_catalog, prepared, case):
    text, expected = _mutations(prepared.dump.decode())[case]
    result = sample_catalog.run("import", str(sample_catalog.write("bad.json", text)))
    lines = _refused(result)
    assert lines[0].startswith(f"bad.json: error: {expected}"), lines
    assert sample_catalog.dump() == prepared.dump
