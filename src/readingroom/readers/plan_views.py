"""Reading plans on the website: a reader's own, and the private calendar feed.

Every page but the feed is the logged-in reader's: another reader's plan is a 404,
as if it did not exist. Every change is a POST with CSRF; a GET changes nothing.
The feed needs no login: its unguessable token is the key, and revoking it makes a
new one (the old address then answers 404).
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from readingroom.catalog.models import Guide, Work
from readingroom.reading.calendar import plan_calendar
from readingroom.reading.plans import Plan, long_date
from readingroom.reading.time import format_duration

from .models import ReadingPlan, new_token
from .plan_forms import LogForm, PlanForm, plan_kind
from .plans import PlanState, plan_state, section_label
from .progress import log_reading


def _own(request: HttpRequest, pk: int) -> ReadingPlan:
    return get_object_or_404(ReadingPlan, pk=pk, user=request.user)


def _form_page(
    request: HttpRequest, form: PlanForm, heading: str, plan: ReadingPlan | None = None
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "heading": heading, "plan": plan, "guide": form.guide}
    return render(request, "readers/plan_form.html", context, status=status)


def _saved(request: HttpRequest, form: PlanForm, heading: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        return redirect("plan", pk=plan.pk)
    return _form_page(request, form, heading, form.instance)


@login_required
@require_http_methods(["GET", "POST"])
def plan_guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide, slug=slug)
    form = PlanForm(request.POST or None, kind="guide", user=request.user, guide=guide)
    return _saved(request, form, f"Plan {guide.title}")


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    kind = "shelf" if request.GET.get("from") == "shelf" else "works"
    form = PlanForm(request.POST or None, kind=kind, user=request.user)
    heading = "Plan a shelf" if kind == "shelf" else "Plan works of your choice"
    return _saved(request, form, heading)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _own(request, pk)
    form = PlanForm(
        request.POST or None,
        kind=plan_kind(plan),
        user=request.user,
        guide=plan.guide,
        instance=plan,
    )
    return _saved(request, form, f"Change {plan.title}")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = ReadingPlan.objects.filter(user=request.user).select_related("guide")
    return render(request, "readers/plan_list.html", {"plans": plans})


def pace_text(plan: ReadingPlan) -> str:
    if plan.pages_per_day:
        return f"{plan.pages_per_day:g} pages a day"
    if plan.hours_per_week:
        return f"{plan.hours_per_week:g} hours a week"
    return f"to finish by {long_date(plan.finish_by)}" if plan.finish_by else ""


def _log_works(state: PlanState) -> dict[int, tuple[str, int]]:
    """The plan's works for the log form, with the last page one can reach in each."""
    readings = dict(zip(state.found.works, state.found.readings, strict=True))
    pages = dict(Work.objects.filter(pk__in=readings).values_list("pk", "pages"))
    return {
        pk: (reading.title, max(pages.get(pk) or 0, reading.last_page))
        for pk, reading in readings.items()
    }


def _next_work(state: PlanState, today: Any) -> int | None:
    """The work of today's reading, or of the next one: the log form's choice."""
    if state.progress is None:
        return None
    for session in state.progress.sessions:
        if session.day >= today and session.portions:
            return state.found.works[session.portions[0].reading]
    return None


def _feed_urls(request: HttpRequest, plan: ReadingPlan) -> tuple[str, str]:
    https = request.build_absolute_uri(reverse("plan-feed", args=[plan.feed_token]))
    return https, "webcal://" + https.split("://", 1)[1]


_ROW_MARKS = (' class="past"', ' class="today" aria-current="date"', "")
_TODAY = ' <strong class="badge">today</strong>'


def _rows(sessions: tuple[Any, ...], today: Any) -> SafeString:
    """The sessions' table rows, made here in one pass (every text escaped): a long
    plan has a thousand, and a template loop would spend most of the page's time."""
    rows = []
    for s in sessions:
        when = (s.day > today) - (s.day < today) + 1  # past, today, to come
        rows.append(
            f'<tr{_ROW_MARKS[when]}><th scope="row">{s.day:%a} {s.day.day} {s.day:%b %Y}'
            f"{_TODAY if when == 1 else ''}</th><td>{escape(s.label)}</td>"
            f'<td class="num">{s.pages:,}</td><td class="num">{escape(format_duration(s.minutes))}'
            "</td></tr>"
        )
    return mark_safe("\n".join(rows))  # built from escaped text


def _plan_page(
    request: HttpRequest, plan: ReadingPlan, log_form: LogForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    state = plan_state(plan, today)
    works = _log_works(state)
    if log_form is None:
        log_form = LogForm(works=works, initial={"work": _next_work(state, today)})
    https, webcal = _feed_urls(request, plan)
    progress = state.progress
    context = {
        "plan": plan,
        "state": state,
        "pace": pace_text(plan),
        "section": section_label(plan.section),
        "rows": _rows(progress.sessions if progress else (), today),
        "log_form": log_form,
        "feed_https": https,
        "feed_webcal": webcal,
        "today": today,
    }
    return render(request, "readers/plan.html", context, status=status)


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, _own(request, pk))


@login_required
@require_POST
def plan_log(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _own(request, pk)
    works = _log_works(plan_state(plan, timezone.localdate()))
    form = LogForm(request.POST, works=works)
    if not form.is_valid():
        return _plan_page(request, plan, form, status=400)
    work = Work.objects.get(pk=form.cleaned_data["work"])
    page = form.cleaned_data["page_reached"]
    log_reading(
        request.user, work, form.cleaned_data["day"], page, minutes=form.cleaned_data["minutes"]
    )
    messages.success(request, f"Logged page {page:,} of {work.title}.")
    return redirect("plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _own(request, pk)
    if request.method == "POST":
        plan.delete()
        messages.success(request, f"Deleted the plan “{plan.title}”.")
        return redirect("plans")
    return render(request, "readers/plan_delete.html", {"plan": plan})


@login_required
@require_POST
def plan_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _own(request, pk)
    plan.feed_token = new_token()
    plan.save(update_fields=["feed_token"])
    messages.success(request, "The old calendar link no longer works; here is the new one.")
    return redirect(reverse("plan", args=[plan.pk]) + "#feed")


def plan_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The plan as it stands today, as iCalendar: no login, the token is the key."""
    plan = get_object_or_404(ReadingPlan, feed_token=token)
    state = plan_state(plan, timezone.localdate())
    current = Plan(
        state.plan.readings if state.plan else (),
        state.progress.sessions if state.progress else (),
        plan.start,
        state.plan.pages_per_day if state.plan else 0,
    )
    stamp = datetime.now(UTC).replace(microsecond=0)
    body = plan_calendar(current, f"Reading {plan.title}", f"plan-{plan.pk}", stamp)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
