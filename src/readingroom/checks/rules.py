"""The checks' data (data/rules.toml): each code's severity, and the limits and words
the rules read."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

from .findings import SEVERITIES, Severity


@dataclass(frozen=True)
class Rules:
    severity: dict[str, Severity]
    longest_life: int
    fewest_pages: int
    most_pages: int
    times_median: float
    later_edition: frozenset[str]
    posthumous: tuple[str, ...]
    birth_words: frozenset[str]
    death_words: frozenset[str]
    others: frozenset[str]
    subjects: frozenset[str]
    auxiliaries: frozenset[str]
    undated_death: tuple[str, ...]


def read_data(name: str) -> dict[str, Any]:
    """One of the checks' data files, parsed."""
    text = resources.files("readingroom.checks").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


@cache
def rules() -> Rules:
    data = read_data("rules.toml")
    severity = data["severity"]
    if not set(severity.values()) <= set(SEVERITIES):
        raise ValueError(f"rules.toml: a severity is not one of {SEVERITIES}")
    return Rules(
        severity=cast(dict[str, Severity], severity),
        longest_life=data["lives"]["longest_life"],
        fewest_pages=data["pages"]["fewest"],
        most_pages=data["pages"]["most"],
        times_median=data["pages"]["times_median"],
        later_edition=frozenset(data["works"]["later_edition"].split()),
        posthumous=tuple(data["works"]["posthumous"]),
        birth_words=frozenset(data["life"]["birth"].split()),
        death_words=frozenset(data["life"]["death"].split()),
        others=frozenset(data["life"]["others"].split()),
        subjects=frozenset(data["life"]["subjects"].split()),
        auxiliaries=frozenset(data["life"]["auxiliaries"].split()),
        undated_death=tuple(data["life"]["undated_death"]),
    )
