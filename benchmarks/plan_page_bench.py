"""How fast the plan page renders: 1,000 sessions, uncached, through Django's test Client.

Target (issue 11): under 100 ms. A SQLite catalog in a temporary data directory holds
a guide of 1,000 works of 30 pages (so 30 pages a day makes 1,000 sessions); a reader
plans it from 100 days ago and has logged reading in 50 of its works, so the page
computes the plan, the pages read, the standing and the rest, and renders every
session. As a baseline in the same run, the guide's own page (its first 100 entries,
the page cache off). Each page is fetched several times and the median kept.

    python benchmarks/plan_page_bench.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from plan_bench import RUNS, median_ms

WORKS = 1000


def main() -> None:
    os.environ["READINGROOM_DATA_DIR"] = tempfile.mkdtemp(prefix="plan-page-bench-")
    os.environ["READINGROOM_PAGE_CACHE"] = "0"
    os.environ["READINGROOM_ALLOWED_HOSTS"] = "testserver"  # the test Client's host
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "readingroom.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from readingroom.catalog.models import Guide, GuideEntry, Work
    from readingroom.readers.models import ReadingLog, ReadingPlan

    for alias in ("default", "logins"):
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    works = Work.objects.bulk_create(
        Work(title=f"Work {n}", slug=f"work-{n}", pages=30) for n in range(WORKS)
    )
    guide = Guide.objects.create(title="Benchmark course", slug="bench")
    GuideEntry.objects.bulk_create(
        GuideEntry(guide=guide, work=work, order=n) for n, work in enumerate(works, 1)
    )
    reader = get_user_model().objects.create_user("reader")
    today = timezone.localdate()
    plan = ReadingPlan.objects.create(
        user=reader, title="Bench", guide=guide, start=today - timedelta(days=100), pages_per_day=30
    )
    ReadingLog.objects.bulk_create(
        ReadingLog(user=reader, work=work, day=today, page_reached=30) for work in works[:50]
    )
    client = Client()
    client.force_login(reader)
    page = client.get(f"/plans/{plan.pk}/")
    assert page.status_code == 200, page.status_code
    sessions = page.content.decode().count('<th scope="row">')
    assert client.get("/guides/bench/").status_code == 200

    plan_ms = median_ms(lambda: client.get(f"/plans/{plan.pk}/"))
    guide_ms = median_ms(lambda: client.get("/guides/bench/"))
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"SQLite; {WORKS:,} works of 30 pages; median of {RUNS} runs, page cache off")
    print(f"  guide page, 100 of its entries (baseline): {guide_ms:.1f} ms")
    print(
        f"  plan page, {sessions:,} sessions: {plan_ms:.1f} ms "
        f"({plan_ms / guide_ms:.1f}× the guide page)"
    )
    sys.exit(0 if plan_ms < 100 else 1)


if __name__ == "__main__":
    main()
