"""Counts as a person reads them: "1 page", "1,256 pages", "3 entries"."""

from __future__ import annotations


def format_count(count: int, noun: str, plural: str | None = None) -> str:
    """The count with thousands separators and the noun agreeing with it."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def format_pages(count: int) -> str:
    return format_count(count, "page")
