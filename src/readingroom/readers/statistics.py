"""A reader's statistics page: pages and hours by week, month and year, works
finished, streaks and the year's goals, as SVG charts with their tables.

Private: a reader sees their own (logging in first); nobody else does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from readingroom.reading import format_count
from readingroom.reading.charts import Bar, bar_chart
from readingroom.reading.stats import Period, Sitting, Span, goal_standing, streaks, totals

from .models import ReadingGoal, ReadingLog, Shelf, ShelfItem
from .profiles import reader_speed

# How many of each period the charts show, the latest last.
SHOWN: dict[Span, int] = {"week": 12, "month": 12, "year": 10}


class GoalForm(forms.ModelForm):
    class Meta:
        model = ReadingGoal
        fields = ("unit", "target")
        labels = {"unit": "Goal in", "target": "How many this year"}

    def clean_target(self) -> int:
        target = self.cleaned_data["target"]
        if not 1 <= target <= 1_000_000:
            raise forms.ValidationError("Give a goal from 1 to 1,000,000.")
        return int(target)


def _chart(periods: list[Period], span: Span, chart_id: str) -> dict[str, Any]:
    shown = periods[-SHOWN[span] :]
    bars = [Bar(p.label, p.pages, format_count(p.pages, "page")) for p in shown]
    first, last = (shown[0].label, shown[-1].label) if shown else ("", "")
    description = f"Pages read each {span}, from {first} to {last}." if shown else "Nothing yet."
    return {
        "svg": bar_chart(bars, f"Pages by {span}", description, chart_id),
        "periods": list(reversed(shown)),
        "span": span,
    }


def _goals(user: Any, year: int, periods: list[Period], finished: int, today: date) -> list[Any]:
    this_year = next((p for p in periods if p.start.year == year), None)
    done = {
        "pages": this_year.pages if this_year else 0,
        "hours": this_year.hours if this_year else 0.0,
        "works": finished,
    }
    return [
        goal_standing(goal.unit, goal.target, year, done[goal.unit], today)
        for goal in ReadingGoal.objects.filter(user=user, year=year).order_by("unit")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def statistics(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            ReadingGoal.objects.update_or_create(
                user=user,
                year=today.year,
                unit=form.cleaned_data["unit"],
                defaults={"target": form.cleaned_data["target"]},
            )
        return redirect("reader-statistics")
    logs = ReadingLog.objects.filter(user=user).values_list("day", "pages", "minutes")
    sittings = [Sitting(day, pages or 0, minutes) for day, pages, minutes in logs]
    finished = list(
        ShelfItem.objects.filter(
            user=user, shelf=Shelf.READ, finished_on__isnull=False
        ).values_list("finished_on", flat=True)
    )
    speed = reader_speed(user)
    by = {span: totals(sittings, span, finished, speed, until=today) for span in SHOWN}
    years = by["year"]
    finished_this_year = sum(1 for day in finished if day.year == today.year)
    return render(
        request,
        "readers/statistics.html",
        {
            "charts": [_chart(by[span], span, f"chart-{span}") for span in ("week", "month")],
            "years": list(reversed(years)),
            "streak": streaks((s.day for s in sittings if s.pages or s.minutes), today),
            "goals": _goals(user, today.year, years, finished_this_year, today),
            "form": form,
            "year": today.year,
            "total_pages": sum(s.pages for s in sittings),
            "total_works": len(finished),
        },
        status=400 if request.method == "POST" else 200,
    )
