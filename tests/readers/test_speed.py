"""A reader's speed goes with their account; the page cache never crosses readers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from readingroom.catalog.models import Work
from readingroom.readers.models import ReaderProfile, Shelf, ShelfItem

pytestmark = pytest.mark.django_db

SLOW = {"words_per_page": "275", "words_per_minute": "125"}


def test_a_logged_in_readers_speed_is_kept_in_their_profile(reader, reader_client):
    assert not ReaderProfile.objects.exists()  # made on first use, not before
    reader_client.post("/settings/reading/", SLOW)
    profile = ReaderProfile.objects.get(user=reader)
    assert (profile.words_per_page, profile.words_per_minute) == (275, 125)
    assert "reading_speed" not in reader_client.session
    # Another browser, the same account: the same speed.
    other = Client()
    other.force_login(reader)
    assert "125 words a minute" in other.get("/settings/reading/").content.decode()


def test_an_anonymous_readers_speed_stays_in_the_session():
    client = Client()
    client.post("/settings/reading/", SLOW)
    assert client.session["reading_speed"]["words_per_minute"] == 125
    assert not ReaderProfile.objects.exists()
    assert "125 words a minute" in client.get("/settings/reading/").content.decode()


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_cached_pages_never_show_one_readers_state_to_another(
    seeded, reader, reader_client, page_cache
):
    work = Work.objects.get(slug="birth-of-our-power")
    ShelfItem.objects.create(user=reader, work=work, shelf=Shelf.READING, notes="secret note")
    ReaderProfile.objects.create(user=reader, words_per_minute=125)
    url = "/works/birth-of-our-power/"
    # An anonymous reader fills the cache first; then ann, then another anonymous one.
    first = Client().get(url).content.decode()
    theirs = reader_client.get(url)
    mine = theirs.content.decode()
    second = Client().get(url).content.decode()
    assert "Log in" in first
    assert first == second
    assert ">ann</a>" not in second
    assert "Remove from my shelves" not in second
    assert "250 words a minute" in second
    assert ">ann</a>" in mine
    assert "Remove from my shelves" in mine
    assert "125 words a minute" in mine
    assert "private" in theirs["Cache-Control"]


def test_a_logged_in_page_is_not_served_from_the_cache_after_logging_out(
    seeded, reader, page_cache
):
    client = Client()
    client.force_login(reader)
    assert "Log out" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Log out" not in client.get("/").content.decode()
