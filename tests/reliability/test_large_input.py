"""Large valid input is taken alike on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import string

from readingroom.limits import LONG_TEXT


def _distinct_words(characters: int) -> str:
    """Prose of words that never repeat: the worst case for a full-text index."""
    letters = string.ascii_lowercase
    words = ("".join(w) for n in itertools.count(5) for w in itertools.product(letters, repeat=n))
    text, length = [], 0
    for word in words:
        if length + len(word) + 1 > characters:
            break
        text.append(word)
        length += len(word) + 1
    return " ".join(text)


def test_a_biography_at_the_limit_imports_on_both_databases(catalog):
    biography = _distinct_words(LONG_TEXT - 10)
    guide = catalog.write("long.txt", f"# Long\n\n{biography}.\n\nT (1900): 10 pages\n")
    result = catalog.run("import", str(guide))
    assert result.returncode == 0, result.stderr.decode()
    assert "authors: 1 created; works: 1 created" in result.stdout.decode()
