"""Study groups on the website: an organiser makes a group on a guide, sets meetings
and questions, invites by a revocable link; members see each meeting's reading and
their own standing; the organiser sees only what members share; a calendar feed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Work
from readingroom.readers.models import Meeting, Membership, StudyGroup
from readingroom.readers.progress import log_reading

pytestmark = pytest.mark.django_db
NEW = "/groups/new/sample-guide/"


def _reader(name: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user(name, password="a-long-password-1"))
    return client


@pytest.fixture
def guide(sample_bytes):
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")


@pytest.fixture
def ann(guide) -> Client:
    return _reader("ann")


def _weekly(first_days_ago: int, count: int) -> list[str]:
    first = timezone.localdate() - timedelta(days=first_days_ago)
    return [(first + timedelta(weeks=n)).isoformat() for n in range(count)]


def _create(client: Client, dates: list[str], name: str = "Thursday circle") -> StudyGroup:
    response = client.post(NEW, {"name": name, "dates": "\n".join(dates)})
    assert response.status_code == 302, response.content.decode()
    group = StudyGroup.objects.get(name=name)
    assert response["Location"] == f"/groups/{group.pk}/"
    return group


def _join(client: Client, group: StudyGroup) -> None:
    response = client.post(f"/groups/join/{group.invite_token}/")
    assert response.status_code == 302


def test_the_guide_page_offers_a_study_group(ann):
    html = Client().get("/guides/sample-guide/").content.decode()
    assert f'<a href="{NEW}">Start a study group</a>' in html


def test_anonymous_visitors_are_sent_to_log_in(guide):
    group_less = Client()
    for url in (NEW, "/groups/", "/groups/1/", "/groups/join/token/"):
        response = group_less.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")


def test_an_organiser_creates_a_group_with_meetings_and_their_reading(ann):
    group = _create(
        ann, ["2026-12-03", "2026-12-10", "2026-12-17, 2026-12-24 2026-12-31;2027-01-07"]
    )
    assert group.guide.slug == "sample-guide"
    assert group.meetings.order_by("day").first().day.isoformat() == "2026-12-03"
    assert group.meetings.count() == 6
    assert Membership.objects.filter(group=group, user__username="ann").exists()
    html = ann.get(f"/groups/{group.pk}/").content.decode()
    assert "<h1>Thursday circle</h1>" in html
    first = html[html.index("3 December 2026") : html.index("10 December 2026")]
    assert "Reform or Revolution" in first
    assert "The Russian Revolution" in first
    assert "The Conquest of Bread" not in first
    # The guide's annotation of each work read for the meeting.
    assert "her answer to Eduard Bernstein" in first
    assert "Thursday circle" in ann.get("/groups/").content.decode()


def test_bad_dates_and_names_are_refused_beside_their_fields(ann):
    response = ann.post(NEW, {"name": " ", "dates": "2026-12-03 2026-13-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "&#x27;2026-13-01&#x27; is not a date: write dates as 2026-12-01" in html
    assert re.search(r'<textarea[^>]*aria-describedby="id_dates_error"', html)
    assert re.search(r'<input[^>]*aria-describedby="id_name_error"', html)
    assert 'id="id_dates_error"' in html
    assert not StudyGroup.objects.exists()
    assert ann.get("/groups/new/no-such-guide/").status_code == 404


def test_the_organiser_adds_and_removes_meetings(ann):
    group = _create(ann, ["2026-12-03"])
    response = ann.post(f"/groups/{group.pk}/meetings/", {"dates": "2026-12-03 2026-12-10"})
    assert response.status_code == 302
    assert [m.day.isoformat() for m in group.meetings.order_by("day")] == [
        "2026-12-03",
        "2026-12-10",
    ]
    meeting = group.meetings.get(day="2026-12-03")
    assert ann.post(f"/groups/{group.pk}/meetings/{meeting.pk}/remove/").status_code == 302
    assert [m.day.isoformat() for m in group.meetings.all()] == ["2026-12-10"]
    bad = ann.post(f"/groups/{group.pk}/meetings/", {"dates": ""})
    assert bad.status_code == 400
    assert "Give at least one date" in bad.content.decode()


def test_questions_are_markdown_rendered_safely(ann):
    group = _create(ann, ["2026-12-03"])
    meeting = group.meetings.get()
    url = f"/groups/{group.pk}/meetings/{meeting.pk}/"
    assert ann.get(url).status_code == 200
    text = "Why does she *disagree*?\n\n<script>alert(1)</script>"
    assert ann.post(url, {"questions": text}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).questions == text
    html = ann.get(f"/groups/{group.pk}/").content.decode()
    assert "Why does she <em>disagree</em>?" in html
    assert "<script>alert(1)</script>" not in html


def test_invitation_joins_by_post_and_a_new_link_revokes_the_old(ann):
    group = _create(ann, ["2026-12-03"])
    html = ann.get(f"/groups/{group.pk}/").content.decode()
    assert f"http://testserver/groups/join/{group.invite_token}/" in html
    bo = _reader("bo")
    invite = f"/groups/join/{group.invite_token}/"
    page = bo.get(invite)
    assert page.status_code == 200
    assert "Thursday circle" in page.content.decode()
    assert not Membership.objects.filter(user__username="bo").exists()  # a GET joins nobody
    assert bo.get(f"/groups/{group.pk}/").status_code == 404
    _join(bo, group)
    member_page = bo.get(f"/groups/{group.pk}/").content.decode()
    assert "Thursday circle" in member_page
    assert group.invite_token not in member_page  # the link is the organiser's to give
    assert bo.post(f"/groups/{group.pk}/invite/").status_code == 403
    assert ann.post(f"/groups/{group.pk}/invite/").status_code == 302
    assert _reader("cy").get(invite).status_code == 404
    group.refresh_from_db()
    assert _reader("di").get(f"/groups/join/{group.invite_token}/").status_code == 200


def test_the_organiser_removes_members_and_members_leave(ann):
    group = _create(ann, ["2026-12-03"])
    bo, cy = _reader("bo"), _reader("cy")
    _join(bo, group)
    _join(cy, group)
    bo_membership = Membership.objects.get(user__username="bo")
    assert cy.post(f"/groups/{group.pk}/members/{bo_membership.pk}/remove/").status_code == 403
    invite, feed = group.invite_token, group.feed_token
    removed = ann.post(f"/groups/{group.pk}/members/{bo_membership.pk}/remove/", follow=True)
    assert "bo is no longer in the group" in removed.content.decode()
    assert bo.get(f"/groups/{group.pk}/").status_code == 404
    # The links bo holds let them in no more.
    assert bo.post(f"/groups/join/{invite}/").status_code == 404
    assert bo.get(f"/groups/calendar/{feed}.ics").status_code == 404
    assert cy.post(f"/groups/{group.pk}/leave/").status_code == 302
    assert cy.get(f"/groups/{group.pk}/").status_code == 404
    assert ann.post(f"/groups/{group.pk}/leave/").status_code == 400  # the organiser stays
    assert list(group.memberships.values_list("user__username", flat=True)) == ["ann"]


def test_members_see_their_standing_and_the_organiser_only_what_is_shared(ann):
    group = _create(ann, _weekly(14, 6))  # two weeks ago, a week ago, today, then three more
    bo, cy = _reader("bo"), _reader("cy")
    _join(bo, group)
    _join(cy, group)
    today = timezone.localdate()
    work = Work.objects.get(title="The Accumulation of Capital")
    bo_user = get_user_model().objects.get(username="bo")
    for title, page in (
        ("Reform or Revolution", 96),
        ("The Mass Strike, the Political Party and the Trade Unions", 88),
    ):
        log_reading(bo_user, Work.objects.get(title=title), today, page_reached=page)
    log_reading(bo_user, work, today, page_reached=100)
    html = bo.get(f"/groups/{group.pk}/").content.decode()
    due = re.search(r"Due by today: ([\d,]+) pages", html)
    assert due is not None
    due_pages = int(due.group(1).replace(",", ""))
    assert due_pages > 739 * 2  # three meetings' shares (the first is 739 pages)
    assert f"{due_pages - 284:,} pages behind" in html
    assert "You read 284 of them" in html
    cy_html = cy.get(f"/groups/{group.pk}/").content.decode()
    assert f"{due_pages:,} pages behind" in cy_html
    # Nobody shares yet: the organiser sees members without numbers.
    organiser = ann.get(f"/groups/{group.pk}/").content.decode()
    table = organiser[organiser.index('id="members-heading"') :]
    assert re.search(r'<th scope="row">bo</th>\s*<td[^>]*>not shared</td>', table)
    assert f"{due_pages - 284:,} pages behind" not in table
    # bo shares; cy does not.
    assert bo.post(f"/groups/{group.pk}/share/", {"share": "1"}).status_code == 302
    assert Membership.objects.get(user=bo_user).share_progress
    table = ann.get(f"/groups/{group.pk}/").content.decode()
    table = table[table.index('id="members-heading"') :]
    assert re.search(
        rf'<th scope="row">bo</th>\s*<td[^>]*>{due_pages - 284:,} pages behind</td>', table
    )
    assert re.search(r'<th scope="row">cy</th>\s*<td[^>]*>not shared</td>', table)
    assert bo.post(f"/groups/{group.pk}/share/", {"share": "0"}).status_code == 302
    assert not Membership.objects.get(user=bo_user).share_progress
    # A member does not see the organiser's table.
    assert 'id="members-heading"' not in bo.get(f"/groups/{group.pk}/").content.decode()


def test_on_track_when_nothing_is_due_yet(ann):
    group = _create(ann, _weekly(-7, 2))  # a week from today
    html = ann.get(f"/groups/{group.pk}/").content.decode()
    assert "Due by today: 0 pages" in html
    assert "on track" in html


def test_the_calendar_feed_is_private_and_revocable(ann):
    group = _create(
        ann, ["2026-12-03", "2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31", "2027-01-07"]
    )
    meeting = group.meetings.get(day="2026-12-03")
    ann.post(f"/groups/{group.pk}/meetings/{meeting.pk}/", {"questions": "What is *reform*?"})
    feed = f"/groups/calendar/{group.feed_token}.ics"
    assert f"http://testserver{feed}" in ann.get(f"/groups/{group.pk}/").content.decode()
    response = Client().get(feed)  # a calendar app holds no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 6
    assert str(events[0]["summary"]).startswith("Thursday circle: read Reform or Revolution; ")
    assert str(events[0]["description"]) == "What is *reform*?"
    assert ann.post(f"/groups/{group.pk}/calendar/").status_code == 302
    assert Client().get(feed).status_code == 404
    group.refresh_from_db()
    assert Client().get(f"/groups/calendar/{group.feed_token}.ics").status_code == 200


def test_every_change_is_a_post_with_csrf(ann):
    group = _create(ann, ["2026-12-03"])
    meeting = group.meetings.get()
    for url in (
        f"/groups/{group.pk}/meetings/",
        f"/groups/{group.pk}/meetings/{meeting.pk}/remove/",
        f"/groups/{group.pk}/invite/",
        f"/groups/{group.pk}/calendar/",
        f"/groups/{group.pk}/share/",
        f"/groups/{group.pk}/leave/",
    ):
        assert ann.get(url).status_code == 405, url
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(get_user_model().objects.create_user("eve"))
    assert strict.post(f"/groups/join/{group.invite_token}/").status_code == 403
    assert strict.post(NEW, {"name": "x", "dates": ""}).status_code == 403
    assert not Membership.objects.filter(user__username="eve").exists()


def test_deleting_an_account_removes_its_memberships_and_groups(ann):
    group = _create(ann, ["2026-12-03"])
    bo = _reader("bo")
    _join(bo, group)
    get_user_model().objects.get(username="bo").delete()
    assert list(Membership.objects.values_list("user__username", flat=True)) == ["ann"]
    get_user_model().objects.get(username="ann").delete()
    assert not StudyGroup.objects.exists()
    assert not Membership.objects.exists()
    assert not Meeting.objects.exists()


def test_meetings_far_from_today_are_refused_not_a_broken_calendar(ann):
    response = ann.post(NEW, {"name": "Far", "dates": "9999-12-31"})
    assert response.status_code == 400
    assert "more than 10 years from today" in response.content.decode()
    assert not StudyGroup.objects.exists()


def test_an_id_no_database_key_could_be_is_not_found(ann):
    huge = "9" * 30
    for path in (f"/groups/{huge}/", f"/groups/{huge}/meetings/", f"/plans/{huge}/"):
        assert ann.get(path).status_code == 404, path
    assert ann.post(f"/groups/{huge}/meetings/", {"dates": "2026-12-03"}).status_code == 404
