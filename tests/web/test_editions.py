"""A work's page: its editions, the guides citing each, and which its reading time uses."""

from __future__ import annotations

import re

import pytest

from readingroom.catalog.merging import merge_works
from readingroom.catalog.models import Work
from tests.catalog.test_editions import MEMOIRS_NYRB, MEMOIRS_OXFORD, _import

pytestmark = pytest.mark.django_db


def _cells(html: str) -> list[list[str]]:
    body = re.search(r'<table class="editions">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body is not None, "no table of editions"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in rows
    ]


def test_the_work_page_lists_each_edition_with_the_guide_that_cites_it(client):
    _import("oxford.json", MEMOIRS_OXFORD)
    _import("nyrb.json", MEMOIRS_NYRB)
    oxford, nyrb = Work.objects.order_by("pk")
    merge_works(oxford, nyrb)
    html = client.get(oxford.get_absolute_url()).content.decode()
    assert _cells(html) == [
        [
            "1963", "Oxford University Press", "London", "401", "Peter Sedgwick", "en",
            "9781590174517", "oxford (its reading time counts these pages)",
        ],
        ["2012", "New York Review Books", "New York", "576", "", "", "", "nyrb"],
    ]  # fmt: skip
    assert "the pages of the 1963 Oxford University Press edition, ISBN 9781590174517" in html
    assert "<dt>Translated by</dt><dd>Peter Sedgwick</dd>" in html


def test_a_work_with_no_edition_says_the_guide_does_not_say_which(client):
    _import("nyrb.json", {**MEMOIRS_NYRB, "publisher": None, "publisher-place": None,
                          "issued": None, "original-date": {"date-parts": [[1951]]}})  # fmt: skip
    html = client.get(Work.objects.get().get_absolute_url()).content.decode()
    assert "the guide does not say of which edition" in html
    assert 'class="editions"' not in html
