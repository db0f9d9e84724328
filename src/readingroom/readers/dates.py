"""The dates a reader may give: plans and meetings within ten years of today, sittings
from 1900 to today. Beyond those lies a typing slip, not a reading plan (and, near the
year 9999, dates the calendar cannot count on from)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

YEARS_AHEAD_OR_BACK = 10
EARLIEST_SITTING = date(1900, 1, 1)


def near_today(day: date) -> None:
    """A plan's start or finish, or a meeting: within ten years of today."""
    today = timezone.localdate()
    reach = timedelta(days=round(365.25 * YEARS_AHEAD_OR_BACK))
    if not today - reach <= day <= today + reach:
        raise ValidationError(
            f"{day.isoformat()} is more than {YEARS_AHEAD_OR_BACK} years from today: "
            "choose a nearer date."
        )


def sitting_day(day: date) -> None:
    """A sitting: from 1900 up to today (a day ahead allows for readers east of the
    server)."""
    if day > timezone.localdate() + timedelta(days=1):
        raise ValidationError("A sitting cannot be in the future.")
    if day < EARLIEST_SITTING:
        raise ValidationError("A sitting cannot be before 1900.")


def plausible_sitting(day: date | None) -> date | None:
    """An imported date, or None where it could not be a sitting's."""
    try:
        if day is not None:
            sitting_day(day)
    except ValidationError:
        return None
    return day
