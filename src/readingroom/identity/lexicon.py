"""data/identity.toml, loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class IdentityLexicon:
    articles: frozenset[str]
    volume_words: frozenset[str]
    edition_words: frozenset[str]
    sequel_words: frozenset[str]
    spellings: dict[str, str]
    anonymous: frozenset[str]
    particles: frozenset[str]
    corporate_small: frozenset[str]


@cache
def identity_lexicon() -> IdentityLexicon:
    text = resources.files("readingroom.identity").joinpath("data/identity.toml").read_text()
    data = tomllib.loads(text)
    titles, people = data["titles"], data["people"]
    return IdentityLexicon(
        articles=frozenset(titles["articles"]),
        volume_words=frozenset(titles["volume_words"]),
        edition_words=frozenset(titles["edition_words"]),
        sequel_words=frozenset(titles["sequel_words"]),
        spellings=dict(titles["spellings"]),
        anonymous=frozenset(people["anonymous"]),
        particles=frozenset(people["particles"]),
        corporate_small=frozenset(people["corporate_small"]),
    )
