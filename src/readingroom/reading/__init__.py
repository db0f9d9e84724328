"""Reading with the catalog: reading time from page counts (pure Python)."""

from .time import DEFAULT_SPEED, ReadingSpeed, format_duration, reading_minutes

__all__ = ["DEFAULT_SPEED", "ReadingSpeed", "format_duration", "reading_minutes"]
