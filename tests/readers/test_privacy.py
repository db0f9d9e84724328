"""Privacy: a public page only by choice, all of a reader's data to take away, and an
account deleted with everything it kept."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readingroom.catalog.models import Guide, Work
from readingroom.readers.models import (
    Meeting,
    Membership,
    PlanWork,
    ReaderProfile,
    ReadingGoal,
    ReadingLog,
    ReadingPlan,
    Shelf,
    ShelfItem,
    StudyGroup,
)

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

READER_TABLES = (
    ReaderProfile, ShelfItem, ReadingLog, ReadingPlan, PlanWork, ReadingGoal, StudyGroup,
    Meeting, Membership,
)  # fmt: skip


@pytest.fixture
def records(seeded, reader):
    """Ann's records of every kind, and bo's, which must outlive ann's account."""
    bo = get_user_model().objects.create_user("bo", "bo@example.org", PASSWORD)
    birth = Work.objects.get(slug="birth-of-our-power")
    guide = Guide.objects.get(slug="sample-guide")
    for user in (reader, bo):
        ReaderProfile.objects.create(user=user, words_per_minute=200)
        ShelfItem.objects.create(
            user=user, work=birth, shelf=Shelf.READING, notes=f"{user}'s secret note", rating=4
        )
        ReadingLog.objects.create(user=user, work=birth, day=date(2026, 1, 2), page_reached=50)
        plan = ReadingPlan.objects.create(user=user, title="Plan", start=date(2026, 1, 1))
        PlanWork.objects.create(plan=plan, work=birth, order=1)
        ReadingGoal.objects.create(user=user, year=2026, unit="pages", target=5000)
        group = StudyGroup.objects.create(name=f"{user}'s circle", organiser=user, guide=guide)
        Meeting.objects.create(group=group, day=date(2026, 2, 1), questions="Why?")
        Membership.objects.create(group=group, user=user, share_progress=True)
    return bo


def test_shelves_are_private_unless_the_reader_shares_them(records, reader, reader_client):
    assert Client().get("/readers/ann/").status_code == 404
    assert Client().get("/readers/nobody/").status_code == 404
    response = reader_client.post("/accounts/settings/", {"public_shelves": "on"})
    assert response.status_code == 302
    assert ReaderProfile.objects.get(user=reader).public_shelves
    html = Client().get("/readers/ann/").content.decode()
    assert "Birth of Our Power" in html
    assert "Page 50 of 221" in html
    assert "secret note" not in html
    reader_client.post("/accounts/settings/", {})  # unticked
    assert Client().get("/readers/ann/").status_code == 404


def test_downloading_my_data_as_json(records, reader_client):
    response = reader_client.get("/accounts/data.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "ann"
    assert data["profile"]["words_per_minute"] == 200
    assert [s["work"] for s in data["shelves"]] == ["birth-of-our-power"]
    assert data["shelves"][0]["notes"] == "ann's secret note"
    assert data["reading_log"][0]["page_reached"] == 50
    assert data["plans"][0]["works"] == ["birth-of-our-power"]
    assert data["goals"] == [{"year": 2026, "unit": "pages", "target": 5000}]
    assert data["memberships"][0]["group"] == "ann's circle"
    assert data["groups_organised"][0]["meetings"][0]["questions"] == "Why?"
    assert "bo's" not in response.content.decode()
    assert "feed_token" not in response.content.decode()


def test_downloading_my_data_as_csv(records, reader_client):
    response = reader_client.get("/accounts/data.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == [
        "account.csv", "goals.csv", "groups_organised.csv", "memberships.csv", "plans.csv",
        "profile.csv", "reading_log.csv", "shelves.csv",
    ]  # fmt: skip
    shelves = list(csv.DictReader(io.StringIO(archive.read("shelves.csv").decode())))
    assert shelves[0]["work"] == "birth-of-our-power"
    assert shelves[0]["shelf"] == "reading"
    assert Client().get("/accounts/data.zip").status_code == 302  # to the login


def test_deleting_an_account_needs_the_password(records, reader, reader_client):
    response = reader_client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "password is not right" in response.content.decode()
    assert get_user_model().objects.filter(username="ann").exists()
    assert reader_client.get("/accounts/delete/").status_code == 200  # GET only asks


def test_deleting_an_account_deletes_all_its_reading_records(records, reader, reader_client):
    before = {model.__name__: model.objects.count() for model in READER_TABLES}
    assert before == dict.fromkeys(before, 2)
    response = reader_client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()
    after = {model.__name__: model.objects.count() for model in READER_TABLES}
    assert after == dict.fromkeys(after, 1)  # bo's are left, ann's are gone
    assert not get_user_model().objects.filter(username="ann").exists()
    assert ShelfItem.objects.get().user == records
    assert Work.objects.filter(slug="birth-of-our-power").exists()
    assert "_auth_user_id" not in reader_client.session


def test_the_deletion_is_said_once_not_to_the_next_reader_on_the_browser(records, reader_client):
    reader_client.post("/accounts/delete/", {"password": PASSWORD})
    reader_client.force_login(get_user_model().objects.create_user("cy", password=PASSWORD))
    assert "deleted" not in reader_client.get("/reading/").content.decode()


def test_a_download_is_named_for_a_reader_of_any_script(db):
    client = Client()
    client.force_login(get_user_model().objects.create_user("Дмитрий", password=PASSWORD))
    disposition = client.get("/accounts/data.json")["Content-Disposition"]
    assert disposition == (
        "attachment; filename*=utf-8''readingroom-%D0%94%D0%BC%D0%B8%D1%82%D1%80%D0%B8%D0%B9.json"
    )
