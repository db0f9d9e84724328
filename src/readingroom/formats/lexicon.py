"""The reading-list reader's word lists (data/lists.toml), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .records import Importance, Role


@dataclass(frozen=True)
class Lexicon:
    importance: dict[str, Importance]
    roles: dict[str, Role]
    table_columns: dict[str, str]  # a table's header cell → the field its column holds
    corporate: frozenset[str]
    name_particles: frozenset[str]
    title_words: frozenset[str]
    schedule_units: frozenset[str]
    number_words: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    given_names: frozenset[str]
    metadata: tuple[str, ...]


def _inverted(table: dict[str, list[str]]) -> dict[str, str]:
    return {phrase: key for key, phrases in table.items() for phrase in phrases}


@cache
def lexicon() -> Lexicon:
    data = tomllib.loads(
        resources.files("readingroom.formats").joinpath("data/lists.toml").read_text("utf-8")
    )
    words = {key: frozenset(value) for key, value in data["words"].items()}
    return Lexicon(
        importance=_inverted(data["importance"]),  # type: ignore[arg-type]
        roles=_inverted(data["roles"]),  # type: ignore[arg-type]
        table_columns=_inverted(data["table_columns"]),
        corporate=words["corporate"],
        name_particles=words["name_particles"],
        title_words=words["title_words"],
        schedule_units=words["schedule_units"],
        number_words=words["number_words"],
        months=words["months"],
        weekdays=words["weekdays"],
        given_names=words["given_names"],
        metadata=tuple(sorted(data["words"]["metadata"], key=len, reverse=True)),
    )
