"""identity/data/identity.toml: each list well formed, nothing that contradicts itself."""

from __future__ import annotations

import re

from readingroom.identity.lexicon import identity_lexicon


def test_word_lists_are_folded_words() -> None:
    vocab = identity_lexicon()
    for words in (
        vocab.articles,
        vocab.volume_words,
        vocab.sequel_words,
        vocab.edition_words,
        vocab.anonymous,
        vocab.particles,
    ):
        assert words
        for word in words:
            assert word == word.casefold().strip(), word
            assert re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*", word), word


def test_spellings_map_one_way() -> None:
    spellings = identity_lexicon().spellings
    assert spellings
    for british, american in spellings.items():
        assert british != american
        assert american not in spellings, f"{american} would be respelt again"
        assert re.fullmatch(r"[a-z]+", british)
        assert re.fullmatch(r"[a-z]+", american)


def test_no_word_is_both_an_article_and_a_volume_word() -> None:
    vocab = identity_lexicon()
    assert not vocab.articles & vocab.volume_words
