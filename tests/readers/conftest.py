"""Readers' fixtures: a small course guide for plans, the seed and sample guides, and
readers (one logged in)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Guide, GuideEntry, Work

PASSWORD = "a-long-reader-password"


def make_work(title: str, pages: int | None) -> Work:
    slug = title.lower().replace(" ", "-")
    return Work.objects.create(title=title, slug=slug, pages=pages)


@pytest.fixture
def course(db) -> Guide:
    """'A course': Part one — Alpha (60 pages), Beta pp. 12–40 (29 of its 200);
    Part two — Gamma (90 pages), Delta (no page count)."""
    guide = Guide.objects.create(title="A course", slug="a-course")
    rows = [
        ("Alpha", 60, "Part one", "", None),
        ("Beta", 200, "Part one", "pp. 12–40", 29),
        ("Gamma", 90, "Part two", "", None),
        ("Delta", None, "Part two", "", None),
    ]
    for order, (title, pages, section, part, part_pages) in enumerate(rows, 1):
        GuideEntry.objects.create(
            guide=guide,
            work=make_work(title, pages),
            order=order,
            section=section,
            part=part,
            part_pages=part_pages,
        )
    return guide


@pytest.fixture
def ann(db):
    return get_user_model().objects.create_user("ann", password=PASSWORD)


@pytest.fixture
def bo(db):
    return get_user_model().objects.create_user("bo", password=PASSWORD)


@pytest.fixture
def seeded(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Victor Serge: a reading guide")
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user("ann", "ann@example.org", PASSWORD)


@pytest.fixture
def reader_client(reader):
    client = Client()
    client.force_login(reader)
    return client
