"""The reading-list reader's word lists (formats/data/lists.toml) hold together."""

from __future__ import annotations

import tomllib
from importlib import resources

from readingroom.formats.lexicon import lexicon
from readingroom.formats.records import IMPORTANCE_LEVELS


def _data() -> dict:
    text = resources.files("readingroom.formats").joinpath("data/lists.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_word_list_is_lower_case_and_without_repeats():
    data = _data()
    lists = {**data["importance"], **data["roles"], **data["table_columns"], **data["words"]}
    for name, words in lists.items():
        assert words, name
        assert all(w == w.casefold() and w == w.strip() for w in words), name
        assert len(set(words)) == len(words), f"{name} repeats a word"


def test_importance_levels_and_roles_are_the_records_choices():
    data = _data()
    assert set(data["importance"]) == set(IMPORTANCE_LEVELS)
    assert set(data["roles"]) == {"editor", "translator", "introduction"}


def test_no_phrase_means_two_things():
    data = _data()
    for table in ("importance", "roles", "table_columns"):
        seen: dict[str, str] = {}
        for key, phrases in data[table].items():
            for phrase in phrases:
                assert seen.setdefault(phrase, key) == key, (
                    f"{phrase!r} is {seen[phrase]} and {key}"
                )


def test_given_names_and_particles_are_words():
    words = _data()["words"]
    assert all(n.isalpha() for n in words["given_names"])
    assert not set(words["given_names"]) & set(words["title_words"])
    assert not set(words["name_particles"]) & set(words["given_names"])


def test_the_loaded_lexicon_answers_from_the_file():
    loaded = lexicon()
    assert loaded.importance["optional"] == "optional"
    assert loaded.importance["further reading"] == "further"
    assert loaded.roles["trans."] == "translator"
    assert "party" in loaded.corporate


def test_table_columns_name_fields_of_a_citation():
    from readingroom.formats.records import Cited

    fields = {"authors", *Cited.__dataclass_fields__}
    assert set(_data()["table_columns"]) <= fields
