"""readers.groups: a group's readings from its guide, cut per meeting, with the guide's
own annotations; a member's standing from the reading they logged."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.merging import merge_works
from readingroom.catalog.models import Guide, GuideEntry, Work
from readingroom.readers.groups import add_meetings, create_group, group_plan, standing_of
from readingroom.readers.progress import log_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(sample_bytes) -> Guide:
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    return Guide.objects.get(slug="sample-guide")


def test_a_group_reads_the_whole_guide_once_over_its_meetings(guide):
    ann = get_user_model().objects.create_user("ann")
    days = [date(2026, 12, 3 + 7 * n) if n < 4 else date(2027, 1, 7 * (n - 3)) for n in range(6)]
    group = create_group(ann, guide, "Circle", days)
    plan = group_plan(group)
    assert [m.meeting.day for m in plan.meetings] == days
    assert sum(m.share.pages for m in plan.meetings) == 4_934  # the sample's pages, once
    first = plan.meetings[0]
    assert [w.label for w in first.works] == [
        "Reform or Revolution",
        "The Mass Strike, the Political Party and the Trade Unions",
        "The Accumulation of Capital",
        "The Russian Revolution",
    ]
    assert first.share.pages == 739
    assert "her answer to Eduard Bernstein" in first.works[0].annotation


def test_a_guides_part_to_read_is_what_the_group_reads(guide):
    ann = get_user_model().objects.create_user("ann")
    entry = GuideEntry.objects.get(guide=guide, work__title="Living My Life")
    entry.part, entry.part_pages = "pp. 101–150", 50
    entry.save()
    group = create_group(ann, guide, "Circle", [date(2026, 12, 3)])
    labels = [w.label for w in group_plan(group).meetings[0].works]
    assert "Living My Life, pp. 101–150" in labels
    assert sum(m.share.pages for m in group_plan(group).meetings) == 4_934 - 993 + 50


def test_a_merged_work_shows_the_guides_own_annotation(guide):
    ann = get_user_model().objects.create_user("ann")
    sample_work = Work.objects.get(title="Reform or Revolution")
    keep = Work.objects.create(
        title="Reform or Revolution",
        slug="reform-elsewhere",
        pages=96,
        annotation="Another guide's words.",
    )
    merge_works(keep, sample_work)
    group = create_group(ann, guide, "Circle", [date(2026, 12, 3)])
    work = group_plan(group).meetings[0].works[0]
    assert work.label == "Reform or Revolution"
    assert "her answer to Eduard Bernstein" in work.annotation
    assert "Another guide's words." not in work.annotation


def test_adding_meetings_skips_days_already_set(guide):
    ann = get_user_model().objects.create_user("ann")
    group = create_group(ann, guide, "Circle", [date(2026, 12, 3)])
    added = add_meetings(group, [date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 10)])
    assert added == [date(2026, 12, 10)]
    assert group.meetings.count() == 2


def test_a_members_standing_counts_the_pages_they_logged(guide):
    ann = get_user_model().objects.create_user("ann")
    group = create_group(ann, guide, "Circle", [date(2026, 12, 3), date(2026, 12, 10)])
    plan = group_plan(group)
    log_reading(ann, Work.objects.get(title="Reform or Revolution"), date(2026, 12, 1), 50)
    standing = standing_of(plan, ann, date(2026, 12, 3))
    assert (standing.due, standing.read) == (plan.meetings[0].share.pages, 50)
    assert standing_of(plan, ann, date(2026, 12, 2)).describe() == "on track"
