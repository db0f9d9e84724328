"""How long a book takes to read: pages × words per page ÷ words per minute.

The defaults are documented estimates: a trade paperback page holds about 275
words, and an adult reads non-fiction at about 250 words a minute. Readers change
both in the site's reading settings.
"""

from __future__ import annotations

from dataclasses import dataclass

WORDS_PER_PAGE = 275
WORDS_PER_MINUTE = 250


@dataclass(frozen=True)
class ReadingSpeed:
    words_per_page: int = WORDS_PER_PAGE
    words_per_minute: int = WORDS_PER_MINUTE


DEFAULT_SPEED = ReadingSpeed()


def reading_minutes(pages: int, speed: ReadingSpeed = DEFAULT_SPEED) -> float:
    return pages * speed.words_per_page / speed.words_per_minute


def format_duration(minutes: float) -> str:
    """'about 45 min', 'about 8 h 40 min', 'about 23 h': rounded as a person would say it."""
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"about {round(minutes)} min"
    rounded = round(minutes / 10) * 10 if minutes < 600 else round(minutes / 60) * 60
    hours, rest = divmod(int(rounded), 60)
    return f"about {hours:,} h {rest} min" if rest else f"about {hours:,} h"
