"""The forms of reading plans: making or editing one, and logging reading against it.

Every error stands beside its field, which points to it (aria-describedby,
aria-invalid), so the page's error summary can link each one.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlparse

from django import forms
from django.db import transaction
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.models import Guide, Work
from readingroom.reading.plans import WEEKDAYS, DaysOff, PlanError

from .dates import near_today, sitting_day
from .models import PlanWork, ReadingPlan, Shelf
from .plans import (
    PlanReadings,
    guide_readings,
    guide_sections,
    made,
    section_label,
    shelf_readings,
    works_readings,
)
from .profiles import reader_speed

DAYS_OFF_LENGTH = ReadingPlan._meta.get_field("days_off").max_length or 255


class LinkedErrors(forms.Form):
    """A form whose fields point to their errors, for screen readers and the summary."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"{described} id_{name}_error".strip()


class DateInput(forms.DateInput):
    input_type = "date"


class PlanForm(LinkedErrors):
    """A plan of a guide (``kind`` "guide"), a shelf ("shelf") or works picked by hand
    ("works"): what to read, the start, one pace and the days off."""

    title = forms.CharField(
        max_length=255, required=False, help_text="Leave it empty to name it after what it reads."
    )
    section = forms.ChoiceField(required=False, label="Section of the guide")
    shelf = forms.ChoiceField(choices=Shelf.choices, label="Shelf")
    works = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Works, in the order to read them",
        help_text="One a line: a work's address (/works/…/), its slug or its exact title.",
    )
    start = forms.DateField(widget=DateInput, label="Start on", validators=[near_today])
    pages_per_day = forms.FloatField(
        required=False, min_value=1, max_value=100_000, label="Pages a day"
    )
    hours_per_week = forms.FloatField(
        required=False, min_value=0.1, max_value=168, label="Hours a week"
    )
    finish_by = forms.DateField(
        required=False, widget=DateInput, label="Finish by", validators=[near_today]
    )
    weekdays_off = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(n), day.capitalize()) for n, day in enumerate(WEEKDAYS)],
        label="Weekdays off",
    )
    dates_off = forms.CharField(
        required=False,
        label="Dates off",
        help_text="Dates with no reading, separated by commas: 2026-12-25, 2027-01-01.",
    )

    SOURCE_FIELDS = {"guide": "section", "shelf": "shelf", "works": "works"}

    def __init__(
        self,
        *args: Any,
        kind: str,
        user: Any,
        guide: Guide | None = None,
        instance: ReadingPlan | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(instance)
        super().__init__(*args, **kwargs)
        self.kind, self.user, self.guide, self.instance = kind, user, guide, instance
        for name in set(self.SOURCE_FIELDS.values()) - {self.SOURCE_FIELDS[kind]}:
            del self.fields[name]
        if guide is not None:
            sections = [("", "The whole guide")]
            sections += [(s, section_label(s)) for s in guide_sections(guide)]
            self.fields["section"].choices = sections
        self.fields["start"].initial = self.fields["start"].initial or timezone.localdate()
        self.picked: list[Work] = []
        self.found: PlanReadings | None = None

    def pace_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("pages_per_day", "hours_per_week", "finish_by")]

    def clean_works(self) -> str:
        text: str = self.cleaned_data["works"]
        problems = []
        for number, line in enumerate(text.splitlines(), 1):
            wanted = line.strip()
            if not wanted:
                continue
            work = _work_named(wanted)
            if work is None:
                problems.append(f"line {number}: no work “{wanted}” in the catalog")
            elif work not in self.picked:
                self.picked.append(work)
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean_dates_off(self) -> list[date]:
        dates = []
        for piece in self.cleaned_data["dates_off"].split(","):
            if piece.strip():
                try:
                    dates.append(date.fromisoformat(piece.strip()))
                except ValueError:
                    raise forms.ValidationError(
                        f"“{piece.strip()}” is not a date: write dates as 2026-12-25"
                    ) from None
        return dates

    def days_off(self) -> str:
        weekdays = [WEEKDAYS[int(n)][:3] for n in sorted(self.cleaned_data["weekdays_off"])]
        return ",".join(weekdays + [d.isoformat() for d in self.cleaned_data["dates_off"]])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        paces = [data.get(name) for name in ("pages_per_day", "hours_per_week", "finish_by")]
        if sum(value is not None for value in paces) != 1:
            self.add_error(
                "pages_per_day", "Give one pace: pages a day, hours a week or a date to finish by."
            )
        if len(data.get("weekdays_off") or []) == 7:
            self.add_error("weekdays_off", "Every weekday is a day off: no day is left to read on.")
        if self.errors:
            return data
        days_off = self.days_off()
        if len(days_off) > DAYS_OFF_LENGTH:
            self.add_error("dates_off", f"Too many days off: at most {DAYS_OFF_LENGTH} characters.")
            return data
        self.found = self._readings(data)
        if not self.found.readings:
            self.add_error(
                self.SOURCE_FIELDS[self.kind], "Nothing here has a page count to plan by."
            )
            return data
        trial = self._fill(ReadingPlan(user=self.user))
        try:
            made(trial, self.found, reader_speed(self.user))
        except PlanError as exc:
            field = "finish_by" if data.get("finish_by") else "pages_per_day"
            self.add_error(field, str(exc)[:1].upper() + str(exc)[1:] + ".")
        return data

    def _readings(self, data: dict[str, Any]) -> PlanReadings:
        if self.kind == "guide" and self.guide is not None:
            return guide_readings(self.guide, data.get("section") or "")
        if self.kind == "shelf":
            return shelf_readings(self.user, data["shelf"])
        return works_readings(self.picked)

    def _title(self) -> str:
        data = self.cleaned_data
        if data.get("title"):
            return str(data["title"])
        if self.kind == "guide" and self.guide is not None:
            section = data.get("section")
            return self.guide.title + (f" — {section_label(section)}" if section else "")
        if self.kind == "shelf":
            return f"My shelf: {Shelf(data['shelf']).label}"
        titles = [work.title for work in self.picked]
        if len(titles) > 3:
            return f"{titles[0]}, {titles[1]} and {len(titles) - 2:,} more"
        return " and ".join([", ".join(titles[:-1]), titles[-1]]) if len(titles) > 1 else titles[0]

    def _fill(self, plan: ReadingPlan) -> ReadingPlan:
        data = self.cleaned_data
        plan.title = self._title()[:255]
        if self.kind == "guide":
            plan.guide = self.guide
            plan.section = data.get("section") or ""
        elif self.kind == "shelf":
            plan.shelf = data["shelf"]
        plan.start = data["start"]
        plan.pages_per_day = data.get("pages_per_day")
        plan.hours_per_week = data.get("hours_per_week")
        plan.finish_by = data.get("finish_by")
        plan.days_off = self.days_off()
        return plan

    @transaction.atomic
    def save(self) -> ReadingPlan:
        plan = self._fill(self.instance or ReadingPlan(user=self.user))
        plan.save()
        if self.kind == "works":
            PlanWork.objects.filter(plan=plan).delete()
            PlanWork.objects.bulk_create(
                PlanWork(plan=plan, work=work, order=n) for n, work in enumerate(self.picked, 1)
            )
        return plan


def plan_kind(plan: ReadingPlan) -> str:
    return "guide" if plan.guide_id is not None else "shelf" if plan.shelf else "works"


def _initial(plan: ReadingPlan) -> dict[str, Any]:
    days_off = DaysOff.parse(plan.days_off)
    picked = PlanWork.objects.filter(plan=plan).select_related("work").order_by("order")
    return {
        "title": plan.title,
        "section": plan.section,
        "shelf": plan.shelf,
        "works": "\n".join(row.work.slug for row in picked),
        "start": plan.start,
        "pages_per_day": plan.pages_per_day,
        "hours_per_week": plan.hours_per_week,
        "finish_by": plan.finish_by,
        "weekdays_off": [str(n) for n in sorted(days_off.weekdays)],
        "dates_off": ", ".join(d.isoformat() for d in sorted(days_off.dates)),
    }


def _work_named(wanted: str) -> Work | None:
    """A work by its address on the site, its slug, or its exact title (if one)."""
    path = urlparse(wanted).path if "/" in wanted else wanted
    parts = [p for p in path.split("/") if p]
    slug = parts[-1] if parts and (len(parts) == 1 or parts[-2] == "works") else wanted
    work = Work.objects.filter(slug=slug).first()
    if work is not None:
        return work
    titled = list(Work.objects.filter(title__iexact=wanted)[:2])
    return titled[0] if len(titled) == 1 else None


class QuickSelect(forms.Select):
    """A select rendered in Python: a plan's thousand works in one pass, not a template
    each (Django's own widget spends a millisecond on every ten options)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), options)


class LogForm(LinkedErrors):
    """A sitting read for one of the plan's works: the page reached, the day, minutes."""

    work = forms.TypedChoiceField(coerce=int, label="Work", widget=QuickSelect)
    page_reached = forms.IntegerField(min_value=1, label="Page reached")
    day = forms.DateField(widget=DateInput, label="Day", validators=[sitting_day])
    minutes = forms.IntegerField(
        required=False, min_value=1, max_value=24 * 60, label="Minutes (optional)"
    )

    def __init__(self, *args: Any, works: dict[int, tuple[str, int]], **kwargs: Any) -> None:
        """``works``: the plan's works by id, with each one's title and last page."""
        super().__init__(*args, **kwargs)
        self.works = works
        self.fields["work"].choices = [(pk, title) for pk, (title, _) in works.items()]
        self.fields["day"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        work, page = data.get("work"), data.get("page_reached")
        if work in self.works and page is not None:
            title, last = self.works[work]
            if page > last:
                self.add_error(
                    "page_reached", f"{title} has {last:,} pages: give a page from 1 to {last:,}."
                )
        return data
