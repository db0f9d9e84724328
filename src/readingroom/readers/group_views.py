"""The study-group pages. A group is private to its members: anyone else gets a 404
(a visitor not logged in is asked to log in first), and what only the organiser may
do is a 403 for a member. Every change is a POST with Django's CSRF token. The
organiser sees a member's standing only where the member shares it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from readingroom.catalog.models import Guide
from readingroom.reading.meetings import meetings_calendar
from readingroom.web.markdown import render_markdown

from . import groups
from .group_forms import GroupForm, MeetingDatesForm, QuestionsForm
from .models import Meeting, Membership, StudyGroup

PRIVATE = "private, no-store"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE
    return response


def _membership(request: HttpRequest, pk: int) -> Membership:
    """The reader's membership of group ``pk``; a 404 for anyone not in it."""
    membership = (
        Membership.objects.select_related("group__guide", "group__organiser")
        .filter(group_id=pk, user_id=request.user.pk)
        .first()
    )
    if membership is None:
        raise Http404("No such group.")
    return membership


def _organised(request: HttpRequest, pk: int) -> StudyGroup:
    group = _membership(request, pk).group
    if group.organiser_id != request.user.pk:
        raise PermissionDenied("Only the group's organiser can do that.")
    return group


def _to_group(group: StudyGroup) -> HttpResponse:
    return redirect("group", pk=group.pk)


@login_required
@require_GET
def my_groups(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user_id=request.user.pk)
        .select_related("group__guide", "group__organiser")
        .order_by("group__name", "group__pk")
    )
    return _private(render(request, "readers/groups.html", {"memberships": memberships}))


@login_required
@require_http_methods(["GET", "POST"])
def new_group(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide, slug=slug)
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        group = groups.create_group(
            request.user, guide, form.cleaned_data["name"].strip(), form.cleaned_data["dates"]
        )
        return _to_group(group)
    status = 400 if request.method == "POST" else 200
    return _private(
        render(request, "readers/group_new.html", {"guide": guide, "form": form}, status=status)
    )


@login_required
@require_GET
def group_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _private(_group_page(request, _membership(request, pk)))


def _group_page(
    request: HttpRequest, membership: Membership, dates_form: Any = None, status: int = 200
) -> HttpResponse:
    group = membership.group
    today = timezone.localdate()
    plan = groups.group_plan(group)
    organiser = group.organiser_id == request.user.pk
    members = []
    if organiser:
        for other in group.memberships.select_related("user").order_by("user__username"):
            shown = other.share_progress or other.user_id == request.user.pk
            members.append(
                {
                    "membership": other,
                    "standing": groups.standing_of(plan, other.user, today) if shown else None,
                }
            )
    context = {
        "group": group,
        "membership": membership,
        "plan": plan,
        "meetings": [
            {
                "plan": meeting,
                "questions": render_markdown(meeting.meeting.questions)
                if meeting.meeting.questions.strip()
                else "",
                "past": meeting.meeting.day < today,
            }
            for meeting in plan.meetings
        ],
        "standing": groups.standing_of(plan, request.user, today),
        "today": today,
        "organiser": organiser,
        "members": members,
        "member_count": group.memberships.count(),
        "dates_form": dates_form or MeetingDatesForm(),
        "invite_url": request.build_absolute_uri(reverse("group-join", args=[group.invite_token])),
        "feed_url": request.build_absolute_uri(reverse("group-feed", args=[group.feed_token])),
    }
    return render(request, "readers/group.html", context, status=status)


@login_required
@require_POST
def add_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    group = _organised(request, pk)
    form = MeetingDatesForm(request.POST, group=group)
    if form.is_valid():
        groups.add_meetings(group, form.cleaned_data["dates"])
        return _to_group(group)
    return _private(_group_page(request, _membership(request, pk), form, status=400))


@login_required
@require_POST
def remove_meeting(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    group = _organised(request, pk)
    get_object_or_404(Meeting, pk=meeting, group=group).delete()
    return _to_group(group)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_questions(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    group = _organised(request, pk)
    instance = get_object_or_404(Meeting, pk=meeting, group=group)
    form = QuestionsForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(reverse("group", args=[group.pk]) + f"#meeting-{instance.pk}")
    status = 400 if request.method == "POST" else 200
    context = {"group": group, "meeting": instance, "form": form}
    return _private(render(request, "readers/group_meeting.html", context, status=status))


@login_required
@require_POST
def renew_token(request: HttpRequest, pk: int, token: str, anchor: str) -> HttpResponse:
    """A new invitation link or calendar address (``token``), the old one revoked."""
    group = _organised(request, pk)
    groups.renew(group, token)
    return redirect(reverse("group", args=[group.pk]) + anchor)


@login_required
@require_http_methods(["GET", "POST"])
def join_group(request: HttpRequest, token: str) -> HttpResponse:
    group = get_object_or_404(
        StudyGroup.objects.select_related("guide", "organiser"), invite_token=token
    )
    if request.method == "POST":
        groups.join(group, request.user)
        return _to_group(group)
    if group.memberships.filter(user_id=request.user.pk).exists():
        return _to_group(group)
    context = {
        "group": group,
        "meeting_count": group.meetings.count(),
        "member_count": group.memberships.count(),
    }
    return _private(render(request, "readers/group_join.html", context))


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, membership: int) -> HttpResponse:
    group = _organised(request, pk)
    other = get_object_or_404(Membership, pk=membership, group=group)
    if other.user_id == group.organiser_id:
        return _refused(request, group, "The organiser stays in their own group.")
    groups.remove(group, other)
    messages.info(
        request,
        f"{other.user.get_username()} is no longer in the group. The invitation link and "
        "the calendar address are new, so the old ones no longer let them in: give "
        "the members the new calendar address.",
    )
    return redirect(reverse("group", args=[group.pk]) + "#members")


@login_required
@require_POST
def leave_group(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    if membership.group.organiser_id == request.user.pk:
        return _refused(request, membership.group, "The organiser stays in their own group.")
    membership.delete()
    return redirect("groups")


@login_required
@require_POST
def share_progress(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    with transaction.atomic():
        membership.share_progress = request.POST.get("share") == "1"
        membership.save(update_fields=["share_progress"])
    return redirect(reverse("group", args=[pk]) + "#progress")


def _refused(request: HttpRequest, group: StudyGroup, message: str) -> HttpResponse:
    context = {"group": group, "message": message}
    return _private(render(request, "readers/group_refused.html", context, status=400))


@require_GET
def group_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The group's meetings as iCalendar, at a private address a calendar app holds."""
    group = get_object_or_404(StudyGroup.objects.select_related("guide"), feed_token=token)
    plan = groups.group_plan(group)
    data = meetings_calendar(
        group.name,
        [m.share for m in plan.meetings],
        {m.meeting.day: m.meeting.questions for m in plan.meetings},
        f"group-{group.pk}",
        timezone.now(),
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="study-group.ics"'
    response["X-Robots-Tag"] = "noindex"
    return _private(response)
