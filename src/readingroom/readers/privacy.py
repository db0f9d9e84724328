"""What a reader shares, takes away and deletes: their account settings, a public page
only if they choose one, all their data as JSON or CSV, and deleting the account."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .forms import DeleteAccountForm, PrivacyForm
from .models import ReaderProfile, ReadingGoal
from .profiles import profile_of
from .shelves import shelves_of


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    """The account page: whether the shelves are shared, the data, the password."""
    profile = ReaderProfile.objects.filter(user=request.user).first()
    shared = bool(profile and profile.public_shelves)
    form = PrivacyForm(
        request.POST if request.method == "POST" else None, initial={"public_shelves": shared}
    )
    if request.method == "POST" and form.is_valid():
        profile = profile_of(request.user)
        profile.public_shelves = form.cleaned_data["public_shelves"]
        profile.save(update_fields=["public_shelves"])
        messages.success(
            request,
            "Your shelves are public." if profile.public_shelves else "Your shelves are private.",
        )
        return redirect("account-settings")
    return render(request, "readers/settings.html", {"form": form, "shared": shared})


def public_shelves(request: HttpRequest, username: str) -> HttpResponse:
    """A reader's shelves and progress, if they share them (never notes, ratings or
    the reading log); otherwise the same 404 as for no such reader."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    profile = ReaderProfile.objects.filter(user=user).first() if user else None
    if profile is None or not profile.public_shelves:
        raise Http404("No public shelves here")
    return render(request, "readers/public.html", {"reader": user, "shelves": shelves_of(user)})


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def my_data(user: Any) -> dict[str, Any]:
    """Everything readingroom keeps of a reader, table by table (feed and invitation
    tokens aside: they are keys, not the reader's data)."""
    profile = ReaderProfile.objects.filter(user=user).first()
    shelves = user.shelf_items.select_related("work").order_by("added_at", "pk")
    logs = user.reading_logs.select_related("work").order_by("day", "logged_at", "pk")
    plans = user.reading_plans.select_related("guide").prefetch_related("planwork_set__work")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
        },
        "profile": {
            "words_per_page": profile.words_per_page if profile else None,
            "words_per_minute": profile.words_per_minute if profile else None,
            "public_shelves": bool(profile and profile.public_shelves),
        },
        "shelves": [
            {
                "work": i.work.slug,
                "title": i.work.title,
                "shelf": i.shelf,
                "added_at": _iso(i.added_at),
                "started_on": _iso(i.started_on),
                "finished_on": _iso(i.finished_on),
                "rating": float(i.rating) if i.rating is not None else None,
                "notes": i.notes,
                "imported_from": i.imported_from,
            }
            for i in shelves
        ],
        "reading_log": [
            {
                "work": log.work.slug,
                "title": log.work.title,
                "day": _iso(log.day),
                "page_reached": log.page_reached,
                "chapter": log.chapter,
                "pages": log.pages,
                "minutes": log.minutes,
            }
            for log in logs
        ],
        "plans": [
            {
                "title": p.title,
                "guide": p.guide.slug if p.guide else None,
                "section": p.section,
                "shelf": p.shelf,
                "works": [pw.work.slug for pw in p.planwork_set.all()],
                "start": _iso(p.start),
                "pages_per_day": p.pages_per_day,
                "hours_per_week": p.hours_per_week,
                "finish_by": _iso(p.finish_by),
                "days_off": p.days_off,
                "created_at": _iso(p.created_at),
            }
            for p in plans
        ],
        "goals": [
            {"year": g.year, "unit": g.unit, "target": g.target}
            for g in ReadingGoal.objects.filter(user=user).order_by("year", "unit")
        ],
        "memberships": [
            {
                "group": m.group.name,
                "guide": m.group.guide.slug,
                "share_progress": m.share_progress,
                "joined_at": _iso(m.joined_at),
            }
            for m in user.memberships.select_related("group__guide").order_by("joined_at")
        ],
        "groups_organised": [
            {
                "name": g.name,
                "guide": g.guide.slug,
                "created_at": _iso(g.created_at),
                "meetings": [
                    {"day": _iso(m.day), "questions": m.questions} for m in g.meetings.all()
                ],
            }
            for g in user.organised_groups.select_related("guide").prefetch_related("meetings")
        ],
    }


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@never_cache
@login_required
def data_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(my_data(request.user), indent=2, ensure_ascii=False)
    name = f"readingroom-{request.user.get_username()}.json"
    return _attachment(HttpResponse(body, content_type="application/json"), name)


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns = list(rows[0]) if rows else []
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


@never_cache
@login_required
def data_csv(request: HttpRequest) -> HttpResponse:
    """The same data as CSV: one file a table, in a ZIP archive (a group's meetings
    are flattened into rows of their own)."""
    data = my_data(request.user)
    groups = data.pop("groups_organised")
    data["groups_organised"] = [
        {"name": g["name"], "guide": g["guide"], "meeting": m["day"], "questions": m["questions"]}
        for g in groups
        for m in g["meetings"] or [{"day": None, "questions": ""}]
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in data.items():
            archive.writestr(f"{table}.csv", _csv(rows if isinstance(rows, list) else [rows]))
    name = f"readingroom-{request.user.get_username()}.zip"
    return _attachment(HttpResponse(buffer.getvalue(), content_type="application/zip"), name)


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account, with every reading record it holds (the models cascade),
    once the reader has typed their password again."""
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            user.delete()
        # Said on a page of its own: a message queued for later would greet whoever
        # next uses this browser.
        return render(request, "readers/deleted.html")
    return render(request, "readers/delete.html", {"form": form})
