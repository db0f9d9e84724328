"""A reader's shelves and reading logged: the work page's forms and "My reading".

Every change is a POST (CSRF-checked by Django's middleware); a GET only shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from readingroom.catalog.models import Work

from .forms import HistoryForm, LogForm, ShelfForm
from .history import HistoryError, import_history
from .models import ReadingLog, Shelf, ShelfItem
from .progress import log_reading, pages_reached

RECENT_SITTINGS = 20
# The order "My reading" shows the shelves in: what is being read first.
SHELF_ORDER = (Shelf.READING, Shelf.WANT, Shelf.READ, Shelf.ABANDONED)


@dataclass(frozen=True)
class Progress:
    """How far a reader is into a work: the furthest page logged, of how many."""

    page: int
    pages: int | None

    @property
    def percent(self) -> int | None:
        if not self.pages:
            return None
        return min(100, round(100 * self.page / self.pages))

    def __str__(self) -> str:
        if self.percent is None:
            return f"Page {self.page}"
        return f"Page {self.page} of {self.pages} ({self.percent}%)"


def progress_of(user: Any, works: Iterable[Work]) -> dict[int, Progress]:
    """Progress in each of these works the reader has logged a page of."""
    works = list(works)
    reached = pages_reached(user, works)
    return {w.pk: Progress(reached[w.pk], w.pages) for w in works if w.pk in reached}


def _problem(request: HttpRequest, work: Work, form: Any) -> HttpResponse:
    """A refused change: what was wrong, and the way back (a 400, never a traceback)."""
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    return render(request, "readers/problem.html", {"work": work, "errors": errors}, status=400)


@login_required
@require_POST
def shelve(request: HttpRequest, slug: str) -> HttpResponse:
    """Put the work on a shelf, move it, or (no shelf) take it off the reader's shelves.
    Moving to "read" notes today as the day finished, unless a day is known."""
    work = get_object_or_404(Work, slug=slug)
    form = ShelfForm(request.POST)
    if not form.is_valid():
        return _problem(request, work, form)
    shelf = form.cleaned_data["shelf"]
    if not shelf:
        ShelfItem.objects.filter(user=request.user, work=work).delete()
        return redirect(work.get_absolute_url())
    item, _ = ShelfItem.objects.get_or_create(
        user=request.user, work=work, defaults={"shelf": shelf}
    )
    item.shelf = shelf
    today = timezone.localdate()
    if shelf == Shelf.READING and item.started_on is None:
        item.started_on = today
    if shelf == Shelf.READ and item.finished_on is None:
        item.finished_on = today
    item.save()
    return redirect(work.get_absolute_url())


@login_required
@require_POST
def log_sitting(request: HttpRequest, slug: str) -> HttpResponse:
    """Log a sitting. A work not yet on a shelf, or only wanted, is being read from then."""
    work = get_object_or_404(Work, slug=slug)
    form = LogForm(request.POST)
    if not form.is_valid():
        return _problem(request, work, form)
    data = form.cleaned_data
    with transaction.atomic():
        log_reading(
            request.user,
            work,
            data["day"],
            page_reached=data["page_reached"],
            chapter=data["chapter"],
            minutes=data["minutes"],
        )
        item = ShelfItem.objects.filter(user=request.user, work=work).first()
        if item is None:
            item = ShelfItem(user=request.user, work=work, shelf=Shelf.READING)
        if item.shelf == Shelf.WANT:
            item.shelf = Shelf.READING
        if item.shelf == Shelf.READING and (
            item.started_on is None or item.started_on > data["day"]
        ):
            item.started_on = data["day"]
        item.save()
    return redirect(work.get_absolute_url())


def shelves_of(user: Any) -> list[tuple[str, list[tuple[ShelfItem, Progress | None]]]]:
    """The reader's shelves in SHELF_ORDER, each with its works and their progress."""
    items = list(ShelfItem.objects.filter(user=user).select_related("work"))
    progress = progress_of(user, [item.work for item in items])
    labels = dict(Shelf.choices)
    return [
        (labels[shelf], [(i, progress.get(i.work_id)) for i in items if i.shelf == shelf])
        for shelf in SHELF_ORDER
    ]


@never_cache
@login_required
def my_reading(request: HttpRequest) -> HttpResponse:
    """The reader's shelves with progress, their recent sittings, and the history import."""
    sittings = ReadingLog.objects.filter(user=request.user).select_related("work")
    return render(
        request,
        "readers/my_reading.html",
        {
            "shelves": shelves_of(request.user),
            "sittings": sittings[:RECENT_SITTINGS],
            "history_form": HistoryForm(),
        },
    )


@never_cache
@login_required
@require_POST
def import_view(request: HttpRequest) -> HttpResponse:
    """The upload form on My reading: a report of what matched, or why nothing did."""
    form = HistoryForm(request.POST, request.FILES)
    report, error = None, ""
    if form.is_valid():
        try:
            report = import_history(request.user, form.cleaned_data["export"])
        except HistoryError as exc:
            error = str(exc)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    return render(
        request,
        "readers/imported.html",
        {"report": report, "error": error, "form": form},
        status=400 if error else 200,
    )
