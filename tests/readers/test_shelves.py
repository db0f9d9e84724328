"""Shelves and reading logged, on the work page and "My reading"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from readingroom.catalog.models import Work
from readingroom.readers.models import ReadingLog, Shelf, ShelfItem

pytestmark = pytest.mark.django_db

WORK = "/works/birth-of-our-power/"
SHELF = "/reading/works/birth-of-our-power/shelf/"
LOG = "/reading/works/birth-of-our-power/log/"


def test_the_work_page_offers_shelves_to_a_logged_in_reader_only(seeded, reader_client):
    html = reader_client.get(WORK).content.decode()
    assert f'action="{SHELF}"' in html
    assert f'action="{LOG}"' in html
    anonymous = Client().get(WORK).content.decode()
    assert SHELF not in anonymous
    assert "/accounts/login/?next=/works/birth-of-our-power/" in anonymous


def test_shelving_moving_and_removing(seeded, reader, reader_client):
    response = reader_client.post(SHELF, {"shelf": "want"})
    assert response.status_code == 302
    assert response["Location"] == WORK
    assert ShelfItem.objects.get(user=reader).shelf == Shelf.WANT
    reader_client.post(SHELF, {"shelf": "read"})
    item = ShelfItem.objects.get(user=reader)
    assert item.shelf == Shelf.READ
    assert item.finished_on == date.today()
    assert "On your shelf: read" in reader_client.get(WORK).content.decode()
    reader_client.post(SHELF, {"shelf": ""})  # "not on a shelf"
    assert not ShelfItem.objects.exists()


def test_a_bad_shelf_is_refused_with_a_message(seeded, reader_client):
    response = reader_client.post(SHELF, {"shelf": "favourites"}, follow=True)
    assert response.status_code == 400
    assert "not one of the shelves" in response.content.decode()
    assert not ShelfItem.objects.exists()


def test_get_never_changes_state_and_posts_need_csrf(seeded, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.get(SHELF + "?shelf=want").status_code == 405
    assert client.get(LOG + "?page_reached=10").status_code == 405
    assert client.post(SHELF, {"shelf": "want"}).status_code == 403
    assert not ShelfItem.objects.exists()


def test_anonymous_posts_go_to_the_login(seeded):
    response = Client().post(SHELF, {"shelf": "want"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ShelfItem.objects.exists()


def test_logging_sittings_shows_progress(seeded, reader, reader_client):
    today = date.today()
    yesterday = today - timedelta(days=1)
    reader_client.post(LOG, {"day": yesterday.isoformat(), "page_reached": "40", "minutes": "30"})
    reader_client.post(LOG, {"day": today.isoformat(), "page_reached": "121", "minutes": "90"})
    reader_client.post(LOG, {"day": today.isoformat(), "chapter": "Part two", "minutes": "10"})
    logs = list(ReadingLog.objects.order_by("pk").values_list("page_reached", "pages", "chapter"))
    assert logs == [(40, 40, ""), (121, 81, ""), (None, None, "Part two")]
    # Logging a work not yet on a shelf puts it on "reading", from the first sitting.
    item = ShelfItem.objects.get(user=reader)
    assert (item.shelf, item.started_on) == (Shelf.READING, yesterday)
    html = reader_client.get(WORK).content.decode()
    assert "Page 121 of 221 (55%)" in html
    mine = reader_client.get("/reading/").content.decode()
    assert "Birth of Our Power" in mine
    assert "Page 121 of 221 (55%)" in mine
    assert "Part two" in mine
    assert "90 min" in mine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minutes": "20"}, "Give the page you reached or the chapter"),
        ({"page_reached": "0"}, "greater than or equal to 1"),
        ({"page_reached": "12", "day": "2999-01-01"}, "in the future"),
        ({"page_reached": "12", "day": "yesterday"}, "Enter a valid date"),
    ],
)
def test_a_bad_sitting_is_refused_with_a_message(seeded, reader_client, data, message):
    response = reader_client.post(LOG, {"day": date.today().isoformat(), **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReadingLog.objects.exists()


def test_my_reading_lists_each_shelf_and_is_private(seeded, reader, reader_client):
    for slug, shelf in [("birth-of-our-power", "reading"), ("reform-or-revolution", "want")]:
        ShelfItem.objects.create(user=reader, work=Work.objects.get(slug=slug), shelf=shelf)
    html = reader_client.get("/reading/").content.decode()
    assert html.index("Reading") < html.index("Birth of Our Power")
    assert html.index("Want to read") < html.index("Reform or Revolution")
    assert "no-store" in reader_client.get("/reading/")["Cache-Control"]
    assert Client().get("/reading/")["Location"] == "/accounts/login/?next=/reading/"


def test_an_unknown_work_is_a_404(seeded, reader_client):
    assert reader_client.post("/reading/works/nope/shelf/", {"shelf": "want"}).status_code == 404
