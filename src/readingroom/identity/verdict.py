"""The answer to "are these the same?", with the reasons for it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    SAME = "same"
    CANDIDATE = "candidate"
    DIFFERENT = "different"


@dataclass(frozen=True)
class Match:
    verdict: Verdict
    evidence: tuple[str, ...] = ()

    @classmethod
    def same(cls, *evidence: str) -> Match:
        return cls(Verdict.SAME, evidence)

    @classmethod
    def candidate(cls, *evidence: str) -> Match:
        return cls(Verdict.CANDIDATE, evidence)

    @classmethod
    def different(cls, *evidence: str) -> Match:
        return cls(Verdict.DIFFERENT, evidence)
