"""Pages of long lists (an author's works, a guide's entries) that the database counts.

Only the rows of the page asked for are loaded; the total comes from an aggregate,
so a page costs the same few queries for ten works or half a million.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    number: int
    last: int
    size: int

    @property
    def start(self) -> int:
        """How many rows come before this page: its offset."""
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return self.number * self.size


def page_of(total: int, size: int, asked: int | None) -> Page:
    """The page asked for, or the nearest one there is (the first, or the last)."""
    last = max(1, -(-total // size))
    return Page(min(max(asked or 1, 1), last), last, size)
