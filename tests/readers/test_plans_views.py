"""Reading plans on the website: made from a guide, a shelf or works picked by hand;
the plan page with today's reading, the standing and a form to log reading; edit and
delete by POST; the private calendar feed and its revocation; nobody else's plan."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.utils import timezone

from readingroom import readers
from readingroom.catalog.models import Work
from readingroom.readers.models import PlanWork, ReadingPlan, Shelf, ShelfItem
from readingroom.readers.plans import plan_state

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _today():
    return timezone.localdate()


def _form(**fields) -> dict[str, object]:
    data: dict[str, object] = {"start": _today().isoformat(), "pages_per_day": "30"}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def ann_plan(course, ann) -> ReadingPlan:
    """Ann's plan of the course at 30 pages a day, begun two days ago."""
    return ReadingPlan.objects.create(
        user=ann,
        title="My course",
        guide=course,
        start=_today() - timedelta(days=2),
        pages_per_day=30,
    )


@pytest.mark.parametrize(
    "path", ["/plans/", "/plans/new/", "/guides/a-course/plan/", "/plans/1/", "/plans/1/edit/"]
)
def test_anonymous_visitors_are_sent_to_log_in(course, path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def test_the_guide_page_offers_to_plan_it(course):
    assert 'href="/guides/a-course/plan/"' in Client().get("/guides/a-course/").content.decode()


def test_planning_a_guide_with_days_off_and_a_section(course, ann):
    client = _client(ann)
    page = client.get("/guides/a-course/plan/").content.decode()
    assert '<label for="id_start">' in page
    assert '<option value="Part two">Part two</option>' in page
    response = client.post(
        "/guides/a-course/plan/",
        _form(section="Part one", weekdays_off=["5", "6"], dates_off="2026-12-25, 2027-01-01"),
    )
    plan = ReadingPlan.objects.get(user=ann)
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert (plan.guide.slug, plan.section, plan.days_off) == (
        "a-course",
        "Part one",
        "sat,sun,2026-12-25,2027-01-01",
    )
    assert (plan.title, plan.pages_per_day, plan.start) == ("A course — Part one", 30, _today())
    assert client.get("/plans/").content.decode().count(f'href="/plans/{plan.pk}/"') == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"pages_per_day": None}, "pages_per_day", "Give one pace"),
        ({"hours_per_week": "5"}, "pages_per_day", "Give one pace"),
        ({"weekdays_off": [str(n) for n in range(7)]}, "weekdays_off", "no day is left"),
        ({"dates_off": "2026-12-25, Christmas"}, "dates_off", "“Christmas” is not a date"),
        (
            {"pages_per_day": None, "finish_by": "YESTERDAY"},
            "finish_by",
            "No day to read on between",
        ),
    ],
)
def test_a_plan_that_cannot_be_made_is_refused_beside_its_field(
    course, ann, fields, field, message
):
    if fields.get("finish_by") == "YESTERDAY":
        fields["finish_by"] = (_today() - timedelta(days=1)).isoformat()
    response = _client(ann).post("/guides/a-course/plan/", _form(**fields))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'id="id_{field}_error"' in page  # the error, linked from the field and the summary
    assert f'href="#id_{field}"' in page
    assert 'aria-describedby="' in page
    assert not ReadingPlan.objects.exists()


def test_the_plan_page_shows_today_the_standing_and_logs_reading(ann_plan, ann):
    client = _client(ann)
    page = client.get(f"/plans/{ann_plan.pk}/").content.decode()
    assert '<th scope="col">Date</th>' in page
    assert "60 pages behind (about 2 days)" in page
    assert 'aria-current="date"' in page
    alpha = Work.objects.get(title="Alpha")
    response = client.post(
        f"/plans/{ann_plan.pk}/log/",
        {"work": alpha.pk, "page_reached": "20", "day": _today().isoformat()},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Logged page 20 of Alpha." in page
    assert "40 pages behind (about 1 day): the rest now runs to" in page
    today = page.split('aria-current="date"', 1)[1].split("</tr>", 1)[0]
    assert "Alpha, pp. 21–50" in today
    state = plan_state(ann_plan, _today())
    assert state.read[0] == 20


def test_logging_a_page_the_work_has_not_is_refused(ann_plan, ann):
    alpha = Work.objects.get(title="Alpha")
    response = _client(ann).post(
        f"/plans/{ann_plan.pk}/log/",
        {"work": alpha.pk, "page_reached": "500", "day": _today().isoformat()},
    )
    assert response.status_code == 400
    assert "Alpha has 60 pages: give a page from 1 to 60" in response.content.decode()


def test_get_never_changes_a_plan(ann_plan, ann):
    client = _client(ann)
    assert client.get(f"/plans/{ann_plan.pk}/log/").status_code == 405
    assert client.get(f"/plans/{ann_plan.pk}/feed/revoke/").status_code == 405
    page = client.get(f"/plans/{ann_plan.pk}/delete/")
    assert page.status_code == 200
    assert "Delete this plan?" in page.content.decode()
    token = ann_plan.feed_token
    ann_plan.refresh_from_db()
    assert ann_plan.feed_token == token


def test_editing_and_deleting_take_a_post_with_csrf(ann_plan, ann):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ann)
    assert client.post(f"/plans/{ann_plan.pk}/delete/").status_code == 403
    client = _client(ann)
    response = client.post(
        f"/plans/{ann_plan.pk}/edit/",
        _form(title="Faster", start=ann_plan.start.isoformat(), pages_per_day="45", section=""),
    )
    assert response.status_code == 302
    ann_plan.refresh_from_db()
    assert (ann_plan.title, ann_plan.pages_per_day) == ("Faster", 45)
    assert client.post(f"/plans/{ann_plan.pk}/delete/")["Location"] == "/plans/"
    assert not ReadingPlan.objects.exists()


def test_another_reader_can_neither_see_nor_change_a_plan(ann_plan, bo):
    client = _client(bo)
    base = f"/plans/{ann_plan.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/edit/").status_code == 404
    assert client.post(f"{base}/edit/", _form(pages_per_day="99")).status_code == 404
    assert client.post(f"{base}/feed/revoke/").status_code == 404
    alpha = Work.objects.get(title="Alpha")
    log = {"work": alpha.pk, "page_reached": "5", "day": _today().isoformat()}
    assert client.post(f"{base}/log/", log).status_code == 404
    assert client.post(f"{base}/delete/").status_code == 404
    assert f"{base}/" not in client.get("/plans/").content.decode()
    ann_plan.refresh_from_db()
    assert ann_plan.pages_per_day == 30


def _events(response) -> list[tuple[object, str]]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return [(e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")]


def test_the_feed_is_the_current_plan_and_a_revoked_link_is_gone(ann_plan, ann):
    feed = f"/plans/feed/{ann_plan.feed_token}.ics"
    response = Client().get(feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    log = {"work": Work.objects.get(title="Alpha").pk, "page_reached": "20", "day": _today()}
    client = _client(ann)
    client.post(f"/plans/{ann_plan.pk}/log/", log)
    sessions = plan_state(ann_plan, _today()).progress.sessions
    assert _events(Client().get(feed)) == [(s.day, f"Read {s.label}") for s in sessions]
    assert (_today(), "Read Alpha, pp. 21–50") in _events(Client().get(feed))
    page = client.get(f"/plans/{ann_plan.pk}/").content.decode()
    assert f"webcal://testserver{feed}" in page
    assert client.post(f"/plans/{ann_plan.pk}/feed/revoke/").status_code == 302
    ann_plan.refresh_from_db()
    assert Client().get(feed).status_code == 404
    assert Client().get(f"/plans/feed/{ann_plan.feed_token}.ics").status_code == 200


def test_a_plan_from_a_shelf(course, ann):
    for title in ("Gamma", "Alpha"):
        ShelfItem.objects.create(user=ann, work=Work.objects.get(title=title), shelf=Shelf.WANT)
    client = _client(ann)
    assert "want to read" in client.get("/plans/new/?from=shelf").content.decode()
    response = client.post("/plans/new/?from=shelf", _form(shelf="want"))
    plan = ReadingPlan.objects.get()
    assert (plan.shelf, plan.title) == ("want", "My shelf: want to read")
    page = client.get(response["Location"]).content.decode()
    assert page.index("Gamma, pp. 1–30") < page.index("Alpha, pp. 1–30")


def test_a_plan_from_works_picked_by_hand(course, ann):
    client = _client(ann)
    response = client.post(
        "/plans/new/?from=works", _form(works="beta\n/works/alpha/\nNo such book")
    )
    assert response.status_code == 400
    assert "line 3: no work “No such book” in the catalog" in response.content.decode()
    response = client.post(
        "/plans/new/?from=works", _form(works="beta\nhttp://testserver/works/alpha/\nGamma")
    )
    plan = ReadingPlan.objects.get()
    assert plan.title == "Beta, Alpha and Gamma"
    works = PlanWork.objects.filter(plan=plan).order_by("order")
    assert [w.work.title for w in works] == ["Beta", "Alpha", "Gamma"]
    assert "Beta, pp. 1–30" in client.get(response["Location"]).content.decode()


def test_the_plan_page_prints_cleanly(ann_plan, ann):
    page = _client(ann).get(f"/plans/{ann_plan.pk}/").content.decode()
    assert 'media="print"' not in page  # one stylesheet, with its print rules in it
    assert "readers/plans.css" in page
    css = (Path(readers.__file__).parent / "static" / "readers" / "plans.css").read_text()
    assert "@media print" in css


def test_a_start_far_off_is_refused_beside_its_field(course, ann):
    response = _client(ann).post("/guides/a-course/plan/", _form(start="9999-12-30"))
    assert response.status_code == 400
    assert "more than 10 years from today" in response.content.decode()


def test_a_sitting_in_the_future_is_refused(ann_plan, ann):
    alpha = Work.objects.get(title="Alpha")
    response = _client(ann).post(
        f"/plans/{ann_plan.pk}/log/", {"work": alpha.pk, "page_reached": "5", "day": "9999-12-31"}
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
