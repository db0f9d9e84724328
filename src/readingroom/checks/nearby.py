"""Words within one or two typing slips of a known word: a symmetric-delete index
(the method of Wolf Garbe's SymSpell), which finds them by lookup, not by measuring
the distance to every known word."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA


class NearbyWords:
    """Known words, looked up by what a misspelling of them could be."""

    def __init__(self, words: Iterable[str], distance: int = 2) -> None:
        self.distance = distance
        self._by_deletion: dict[str, set[str]] = {}
        for word in words:
            key = word.casefold()
            for variant in _deletions(key, distance):
                self._by_deletion.setdefault(variant, set()).add(word)

    def near(self, word: str, distance: int | None = None) -> list[tuple[int, str]]:
        """Known words within `distance` edits (insertions, deletions, substitutions
        and swaps of neighbours) of `word`, nearest first, as (distance, word)."""
        limit = self.distance if distance is None else min(distance, self.distance)
        key = word.casefold()
        found: set[str] = set()
        for variant in _deletions(key, limit):
            found |= self._by_deletion.get(variant, set())
        scored = ((OSA.distance(key, known.casefold()), known) for known in found)
        return sorted((d, known) for d, known in scored if d <= limit)


def _deletions(word: str, distance: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
