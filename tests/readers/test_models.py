"""A reader's records: theirs alone, gone with their account, kept through merges."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from readingroom.catalog.merging import merge_works
from readingroom.catalog.models import Work
from readingroom.readers.models import (
    PlanWork,
    ReaderProfile,
    ReadingLog,
    ReadingPlan,
    Shelf,
    ShelfItem,
)

pytestmark = pytest.mark.django_db


def _work(title: str) -> Work:
    return Work.objects.create(title=title, slug=title.lower().replace(" ", "-"), pages=300)


def test_a_merged_works_shelves_logs_and_plan_places_follow_it():
    ann, bo = (get_user_model().objects.create_user(n) for n in ("ann", "bo"))
    keep, other = _work("Memoirs"), _work("Memoirs 2")
    ShelfItem.objects.create(user=ann, work=other, shelf=Shelf.READING)
    ShelfItem.objects.create(user=bo, work=keep, shelf=Shelf.READ)
    ShelfItem.objects.create(user=bo, work=other, shelf=Shelf.WANT)
    ReadingLog.objects.create(user=ann, work=other, day=date(2026, 12, 1), page_reached=40)
    plan = ReadingPlan.objects.create(user=ann, title="Mine", start=date(2026, 12, 1))
    PlanWork.objects.create(plan=plan, work=other, order=1)
    merge_works(keep, other)
    assert dict(ShelfItem.objects.values_list("user__username", "shelf")) == {
        "ann": "reading",
        "bo": "read",  # bo had the kept work on a shelf already: that place stays
    }
    assert ShelfItem.objects.filter(work=keep).count() == 2
    assert ReadingLog.objects.get().work == keep
    assert list(plan.works.all()) == [keep]


def test_deleting_an_account_deletes_its_reading_records():
    ann = get_user_model().objects.create_user("ann")
    work = _work("Memoirs")
    ReaderProfile.objects.create(user=ann, words_per_minute=300)
    ShelfItem.objects.create(user=ann, work=work, shelf=Shelf.READ)
    ReadingLog.objects.create(user=ann, work=work, page_reached=10)
    ReadingPlan.objects.create(user=ann, title="Mine", start=date(2026, 12, 1))
    ann.delete()
    for model in (ReaderProfile, ShelfItem, ReadingLog, ReadingPlan, PlanWork):
        assert not model.objects.exists(), model.__name__
    assert Work.objects.filter(pk=work.pk).exists()
