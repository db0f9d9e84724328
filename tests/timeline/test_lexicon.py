"""The extractor's word lists (timeline/data/lexicon.toml) are well formed."""

import re

import pytest

from readingroom.timeline.kinds import KINDS, LIFE_KINDS
from readingroom.timeline.lexicon import lexicon, raw, words

LISTS = [(section, key) for section, table in raw().items() for key in table]


@pytest.mark.parametrize(("section", "key"), LISTS, ids=lambda v: str(v))
def test_every_list_is_lower_case_words_without_repeats(section, key):
    listed = words(raw()[section][key])
    assert listed, f"[{section}] {key} is empty"
    assert len(listed) == len(set(listed)), f"[{section}] {key} repeats a word"
    for word in listed:
        assert re.fullmatch(r"[a-zà-ÿ'’-]+", word), f"[{section}] {key}: {word!r}"


def test_every_kind_is_a_life_kind_and_each_is_listed_once():
    kinds = [kind for kind, _ in lexicon().kinds]
    assert set(kinds) <= LIFE_KINDS
    assert set(LIFE_KINDS) - set(kinds) == {"other"}
    assert "context" in KINDS
    assert "context" not in kinds


def test_the_sections_the_code_reads_are_there():
    data = raw()
    assert {"verbs", "labels", "undated", "subjects", "named_events", "kinds"} <= set(data)
    # The lists the code reads as whole sets: no word in two that exclude each other.
    assert not lexicon().irregular_verbs & lexicon().not_verbs
