"""The reader's reading speed: with their account when they are logged in, else in the
session, so no account is needed."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from readingroom.readers.profiles import save_speed, stored_speed
from readingroom.reading import DEFAULT_SPEED, ReadingSpeed

_SESSION_KEY = "reading_speed"


class ReadingSpeedForm(forms.Form):
    words_per_page = forms.IntegerField(
        min_value=50,
        max_value=1000,
        initial=DEFAULT_SPEED.words_per_page,
        help_text="A paperback page holds about 275 words; large print about 200.",
    )
    words_per_minute = forms.IntegerField(
        min_value=50,
        max_value=1500,
        initial=DEFAULT_SPEED.words_per_minute,
        help_text="Most adults read non-fiction at 200–300 words a minute.",
    )


def _reader(request: HttpRequest) -> object | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def reading_speed(request: HttpRequest) -> ReadingSpeed:
    """The account's speed, once saved there; else the session's; else the default."""
    if (user := _reader(request)) is not None:
        # Asked once a request (every page's footer and reading times use it).
        if not hasattr(request, "_account_speed"):
            request._account_speed = stored_speed(user)
        if request._account_speed is not None:
            return request._account_speed
    stored = request.session.get(_SESSION_KEY) if hasattr(request, "session") else None
    if isinstance(stored, dict):
        form = ReadingSpeedForm(stored)
        if form.is_valid():
            return ReadingSpeed(**form.cleaned_data)
    return DEFAULT_SPEED


def save_reading_speed(request: HttpRequest, speed: ReadingSpeed) -> None:
    if (user := _reader(request)) is not None:
        save_speed(user, speed)
        request._account_speed = speed
        return
    request.session[_SESSION_KEY] = {
        "words_per_page": speed.words_per_page,
        "words_per_minute": speed.words_per_minute,
    }


def context(request: HttpRequest) -> dict[str, object]:
    """Template context for every page: the reader's speed and whether they edit."""
    user = getattr(request, "user", None)
    return {
        "speed": reading_speed(request),
        "is_editor": bool(user and user.has_perm("catalog.change_work")),
    }
