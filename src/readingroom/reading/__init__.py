"""Reading with the catalog: reading time from page counts, counts in words (pure Python)."""

from .counts import format_count, format_pages
from .time import DEFAULT_SPEED, ReadingSpeed, format_duration, reading_minutes

__all__ = [
    "DEFAULT_SPEED",
    "ReadingSpeed",
    "format_count",
    "format_duration",
    "format_pages",
    "reading_minutes",
]
