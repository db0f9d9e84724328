"""What a reader keeps: their speed, shelves, reading logged, plans and study groups.

Every row belongs to one account and goes with it when the account is deleted
(``on_delete=CASCADE`` throughout). Nothing here is public: a reader's shelves and
progress are theirs unless they choose to share them (``ReaderProfile``), and a study
group's organiser sees a member's progress only when that member shares it
(``Membership.share_progress``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from readingroom.catalog.models import Guide, Work
from readingroom.reading import DEFAULT_SPEED, ReadingSpeed


def new_token() -> str:
    """A private, unguessable token for a feed or an invitation link."""
    return secrets.token_urlsafe(24)


class ReaderProfile(models.Model):
    """A reader's settings: the speed reading times and plans use, and what they share."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader"
    )
    words_per_page = models.PositiveIntegerField(default=DEFAULT_SPEED.words_per_page)
    words_per_minute = models.PositiveIntegerField(default=DEFAULT_SPEED.words_per_minute)
    public_shelves = models.BooleanField(
        default=False, help_text="Let anyone see my shelves and what I have read."
    )

    def __str__(self) -> str:
        return f"{self.user} (reader)"

    @property
    def speed(self) -> ReadingSpeed:
        return ReadingSpeed(self.words_per_page, self.words_per_minute)


class Shelf(models.TextChoices):
    WANT = "want", "want to read"
    READING = "reading", "reading"
    READ = "read", "read"
    ABANDONED = "abandoned", "abandoned"


class ShelfItem(models.Model):
    """A work on one of a reader's shelves, with when they started and finished it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shelf_items"
    )
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    shelf = models.CharField(max_length=10, choices=Shelf.choices)
    added_at = models.DateTimeField(default=timezone.now)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    rating = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True, help_text="Out of 5."
    )
    notes = models.TextField(blank=True, help_text="Private: only you see them.")
    imported_from = models.CharField(
        max_length=255, blank=True, help_text="The export file it came from, if any."
    )

    class Meta:
        ordering = ["user", "-added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "work"], name="shelf_item_unique_work")
        ]

    def __str__(self) -> str:
        return f"{self.work} ({self.get_shelf_display()})"


class ReadingLog(models.Model):
    """One sitting: the day, how far the reader got (a page, or a chapter), how long."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_logs"
    )
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(default=timezone.localdate)
    page_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="The last page read, as the book numbers it."
    )
    chapter = models.CharField(max_length=100, blank=True, help_text="Or the chapter reached.")
    pages = models.PositiveIntegerField(
        null=True, blank=True, help_text="Pages read in this sitting."
    )
    minutes = models.PositiveIntegerField(null=True, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "-day", "-logged_at"]
        indexes = [models.Index(fields=["user", "day"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.work} on {self.day}"


class ReadingPlan(models.Model):
    """A reader's plan (or a study group's): what to read, from when, at what pace.

    The sessions are not stored: they are computed from these choices and the reading
    logged (readingroom.reading.plans), so a plan recalculates as the reader reads.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_plans"
    )
    title = models.CharField(max_length=255)
    guide = models.ForeignKey(Guide, null=True, blank=True, on_delete=models.CASCADE)
    section = models.CharField(
        max_length=255, blank=True, help_text="Only this section of the guide."
    )
    shelf = models.CharField(max_length=10, blank=True, choices=Shelf.choices)
    works = models.ManyToManyField(Work, through="PlanWork", blank=True, related_name="+")
    start = models.DateField()
    pages_per_day = models.FloatField(null=True, blank=True)
    hours_per_week = models.FloatField(null=True, blank=True)
    finish_by = models.DateField(null=True, blank=True)
    days_off = models.CharField(
        max_length=255, blank=True, help_text="Weekdays and dates: 'sat,sun,2026-12-25'."
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return self.title


class PlanWork(models.Model):
    """A hand-picked work in a plan, in the reader's order."""

    plan = models.ForeignKey(ReadingPlan, on_delete=models.CASCADE)
    work = models.ForeignKey(Work, on_delete=models.CASCADE)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "work"], name="plan_work_unique")]


class StudyGroup(models.Model):
    """A study circle reading a guide together, meeting on set dates."""

    name = models.CharField(max_length=255)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organised_groups"
    )
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="+")
    invite_token = models.CharField(max_length=64, unique=True, default=new_token)
    feed_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    share_progress = models.BooleanField(
        default=False, help_text="Let the organiser see how far I have read."
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="membership_unique")]


class Meeting(models.Model):
    """A group's meeting: the day, and the organiser's questions for it (Markdown)."""

    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="meetings")
    day = models.DateField()
    questions = models.TextField(blank=True)

    class Meta:
        ordering = ["group", "day"]
        constraints = [models.UniqueConstraint(fields=["group", "day"], name="meeting_unique_day")]


class ReadingGoal(models.Model):
    """A reader's goal for a year: pages, hours or works."""

    class Unit(models.TextChoices):
        PAGES = "pages"
        HOURS = "hours"
        WORKS = "works"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_goals"
    )
    year = models.PositiveIntegerField()
    unit = models.CharField(max_length=5, choices=Unit.choices)
    target = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "year", "unit"], name="goal_unique")]
