"""Migrations that move data: run on a real database, from the schema before to after."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("catalog", "0008_identifiers")]
AFTER = [("catalog", "0009_editions")]


def _apps(executor: MigrationExecutor, target: list[tuple[str, str]]):
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_a_works_cited_edition_and_a_merged_ones_become_editions():
    executor = MigrationExecutor(connection)
    try:
        old = _apps(executor, BEFORE)
        sources, works = old.get_model("catalog", "Source"), old.get_model("catalog", "Work")
        guides, entries = (
            old.get_model("catalog", "Guide"),
            old.get_model("catalog", "GuideEntry"),
        )
        merged_records = old.get_model("catalog", "MergedRecord")
        now = timezone.now()
        oxford = sources.objects.create(name="oxford.md", sha256="0" * 64, imported_at=now)
        nyrb = sources.objects.create(name="nyrb.md", sha256="1" * 64, imported_at=now)
        memoirs = works.objects.create(
            title="Memoirs of a Revolutionary", slug="memoirs", year=1951, pages=401,
            edition_year=1963, publisher="Oxford University Press", place="London",
            isbn="9780192810403", source=oxford, line_start=3, line_end=4,
        )  # fmt: skip
        plain = works.objects.create(title="Conquered City", slug="city", pages=200)
        merged_records.objects.create(
            kind="work", work=memoirs, slug="memoirs-2", name="Memoirs", source=nyrb,
            line_start=7, line_end=7,
            fields={"pages": 576, "publisher": "New York Review Books", "edition_year": 2012,
                    "place": "", "isbn": "", "annotation": "The complete text."},
        )  # fmt: skip
        for source, slug in ((oxford, "oxford"), (nyrb, "nyrb")):
            guide = guides.objects.create(title=slug, slug=slug, source=source)
            entries.objects.create(guide=guide, work=memoirs, order=1, source=source)
            entries.objects.create(guide=guide, work=plain, order=2, source=source)

        new = _apps(executor, AFTER)
        works, edition_rows = new.get_model("catalog", "Work"), new.get_model("catalog", "Edition")
        entries = new.get_model("catalog", "GuideEntry")
        merged_records = new.get_model("catalog", "MergedRecord")
        memoirs = works.objects.get(slug="memoirs")
        editions = list(edition_rows.objects.filter(work=memoirs).order_by("position"))
        assert [
            (e.year, e.publisher, e.place, e.pages, e.isbn, e.source.name, e.line_start)
            for e in editions
        ] == [
            (1963, "Oxford University Press", "London", 401, "9780192810403", "oxford.md", 3),
            (2012, "New York Review Books", "", 576, "", "nyrb.md", 7),
        ]
        assert memoirs.edition_id == editions[0].pk
        cited = entries.objects.filter(work=memoirs).values_list("guide__slug", "edition_id")
        assert dict(cited) == {"oxford": editions[0].pk, "nyrb": editions[1].pk}
        assert works.objects.get(slug="city").edition_id is None
        assert not edition_rows.objects.filter(work__slug="city").exists()
        assert merged_records.objects.get().fields == {
            "pages": 576,
            "annotation": "The complete text.",
        }

        old = _apps(executor, BEFORE)
        memoirs = old.get_model("catalog", "Work").objects.get(slug="memoirs")
        assert (memoirs.edition_year, memoirs.publisher, memoirs.isbn) == (
            1963,
            "Oxford University Press",
            "9780192810403",
        )
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
