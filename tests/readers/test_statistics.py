"""The statistics page: a reader's own numbers, charts with tables, goals set by POST."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from readingroom.catalog.models import Work
from readingroom.readers.models import ReadingGoal, ReadingLog, Shelf, ShelfItem

pytestmark = pytest.mark.django_db
URL = "/reading/statistics/"


@pytest.fixture
def ann(client):
    user = get_user_model().objects.create_user("ann", password="a-long-reader-password")
    work = Work.objects.create(title="Memoirs", slug="memoirs", pages=396)
    today = timezone.localdate()
    for days_ago, pages, minutes in ((2, 30, 35), (1, 25, None), (0, 40, 50)):
        ReadingLog.objects.create(
            user=user, work=work, day=today - timedelta(days=days_ago), pages=pages, minutes=minutes
        )
    ShelfItem.objects.create(user=user, work=work, shelf=Shelf.READ, finished_on=today)
    client.force_login(user)
    return user


def test_a_reader_sees_their_pages_streak_and_tables(client, ann):
    html = client.get(URL).content.decode()
    assert "<dt>Pages logged</dt><dd>95</dd>" in html
    assert "<dt>Works finished</dt><dd>1</dd>" in html
    assert re.search(r"<dt>Days in a row</dt><dd>3 now; the longest 3", html)
    assert html.count('<svg class="bar-chart"') == 2
    assert "<caption>Reading by week, latest first</caption>" in html


def test_a_goal_is_set_by_post_and_shown_against_the_year(client, ann):
    response = client.post(URL, {"unit": "works", "target": "12"})
    assert response.status_code == 302
    goal = ReadingGoal.objects.get(user=ann)
    assert (goal.year, goal.unit, goal.target) == (timezone.localdate().year, "works", 12)
    html = client.get(URL).content.decode()
    assert "1 of 12 works:" in html
    bad = client.post(URL, {"unit": "works", "target": "0"})
    assert bad.status_code == 400
    assert "Give a goal from 1 to 1,000,000." in bad.content.decode()


def test_statistics_are_private(client, ann):
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302  # to the login page
    other = get_user_model().objects.create_user("bo")
    client.force_login(other)
    html = client.get(URL).content.decode()
    assert "<dt>Pages logged</dt><dd>0</dd>" in html  # not ann's 95
    assert "Nothing logged yet." in html


def test_my_reading_leads_to_plans_groups_and_statistics(client, ann):
    html = client.get("/reading/").content.decode()
    nav = re.search(r'<nav aria-label="Your reading".*?</nav>', html, re.S)
    assert nav is not None
    assert re.findall(r'href="([^"]+)"', nav.group()) == ["/plans/", "/groups/", URL]
