"""The places a clause names, from the gazetteer's finds in the whole biography.

"Exiled to Orenberg (in present-day Kazakhstan)" names Orenberg: the modern name in
the bracket says where the place lies, not where the event happened, so it is left
out and the name before the bracket kept even when the gazetteer does not know it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from .gazetteers import place_positions
from .segmentation import Span

# The bracket alone starts with a "(", which the regex engine skips ahead to; the
# whole pattern, which starts with the name, is tried at every capital of every run.
_PRESENT_DAY_BRACKET = re.compile(
    r"\((?:in\s+|now\s+in\s+)?"
    r"(?:present-day|present day|modern|modern-day|today's|today’s|now)\s+[^)]*\)"
)
_PRESENT_DAY = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s*" + _PRESENT_DAY_BRACKET.pattern)
# Up to the last character before a bracket that no name holds.
_BEFORE_NAME = re.compile(r"(?s:.*)[^\w'’\s-]")
_WHERE = re.compile(r"\bwhere\s")


@dataclass
class Places:
    """Every place of a biography with where it stands, in order."""

    positions: list[tuple[int, str]]

    @classmethod
    def of(cls, text: str) -> Places:
        found = place_positions(text)
        if "(" in text:
            found = _with_present_day_names(text, found)
        return cls(found)

    def within(self, stretch: Span) -> list[str]:
        first = bisect_left(self.positions, (stretch[0], ""))
        last = bisect_left(self.positions, (stretch[1], ""))
        return list(dict.fromkeys(name for _, name in self.positions[first:last]))

    def where(self, lowered: str, clause_start: int, sentence: Span) -> str | None:
        """The place a clause that begins with "where" refers to: the last one named
        before it in the sentence."""
        # The clause starts with "where" or, split off before it, ends the last one.
        if not _WHERE.search(lowered, max(sentence[0], clause_start - 7), clause_start + 6):
            return None
        before = self.within((sentence[0], clause_start))
        return before[-1] if before else None


def _with_present_day_names(text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    for match in _present_day_names(text):
        bracket = (match.end(1), match.end())
        found = [p for p in found if not bracket[0] <= p[0] < bracket[1]]
        if not any(position == match.start(1) for position, _ in found):
            found.append((match.start(1), match.group(1)))
    return sorted(found)


def _present_day_names(text: str) -> Iterator[re.Match[str]]:
    """What `_PRESENT_DAY.finditer` finds, found from the brackets: the name before a
    bracket stands between it and the last character no name holds, so the whole
    pattern need only be tried there."""
    position = 0
    while bracket := _PRESENT_DAY_BRACKET.search(text, position):
        before = _BEFORE_NAME.match(text, position, bracket.start())
        match = _PRESENT_DAY.search(text, before.end() if before else position, bracket.end())
        if match is None:
            position = bracket.start() + 1  # a bracket inside this one may have a name
            continue
        yield match
        position = match.end()
