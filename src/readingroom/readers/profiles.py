"""A reader's profile: made the first time they save something in it, not before."""

from __future__ import annotations

from typing import Any

from readingroom.reading import DEFAULT_SPEED, ReadingSpeed

from .models import ReaderProfile


def profile_of(user: Any) -> ReaderProfile:
    """The reader's profile, made now if they have none yet."""
    profile, _ = ReaderProfile.objects.get_or_create(user=user)
    return profile


def stored_speed(user: Any) -> ReadingSpeed | None:
    """The speed the reader saved with their account, if they have saved one."""
    profile = ReaderProfile.objects.filter(user=user).first()
    return profile.speed if profile is not None else None


def reader_speed(user: Any) -> ReadingSpeed:
    """The reader's own speed, or the default one until they set it."""
    return stored_speed(user) or DEFAULT_SPEED


def save_speed(user: Any, speed: ReadingSpeed) -> None:
    ReaderProfile.objects.update_or_create(
        user=user,
        defaults={
            "words_per_page": speed.words_per_page,
            "words_per_minute": speed.words_per_minute,
        },
    )
