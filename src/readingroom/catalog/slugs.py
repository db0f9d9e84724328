"""Slugs that stay unique without a query per record (imports create a million)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify

from .bulk import chunks


def base_slug(text: str, fallback: str, max_length: int = 200) -> str:
    return slugify(text)[:max_length].strip("-") or fallback


def unique_slug(text: str, taken: set[str], fallback: str, max_length: int = 200) -> str:
    """A slug for ``text`` not in ``taken``, which it then joins."""
    base = base_slug(text, fallback, max_length)
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


class SlugAllocator:
    """Unique slugs for new records of one model, checked against the catalog a batch
    at a time: the slugs already taken are looked up, never all loaded."""

    def __init__(self, model: Any, fallback: str) -> None:
        self.model = model
        self.fallback = fallback
        # The next free number for each base slug found taken: only those, so that a
        # million new titles do not make a million entries.
        self.next_number: dict[str, int] = {}

    def _taken(self, slugs: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(sorted(set(slugs))):
            # Unordered: the model's ordering (by title or name) would sort each batch.
            taken = self.model.objects.filter(slug__in=chunk).order_by()
            found.update(taken.values_list("slug", flat=True))
        return found

    def _first_free_number(self, base: str) -> int:
        """One past the highest ``base-N`` in the catalog (an index range, not a scan)."""
        numbered = re.compile(re.escape(base) + r"-(\d+)")
        slugs = self.model.objects.filter(slug__gt=base + "-", slug__lt=base + ".").order_by()
        numbers = [
            int(match[1])
            for slug in slugs.values_list("slug", flat=True)
            if (match := numbered.fullmatch(slug))
        ]
        return max([1, *numbers]) + 1

    def allocate(self, texts: list[str]) -> list[str]:
        """One new slug for each text, unique in the catalog and among themselves."""
        bases = [base_slug(text, self.fallback) for text in texts]
        in_catalog = self._taken({b for b in bases if b not in self.next_number})
        slugs = []
        fresh: set[str] = set()  # bases this batch uses as they are
        for base in bases:
            if base not in self.next_number:
                if base not in in_catalog and base not in fresh:
                    fresh.add(base)
                    slugs.append(base)
                    continue
                self.next_number[base] = self._first_free_number(base)
            slugs.append(f"{base}-{self.next_number[base]}")
            self.next_number[base] += 1
        # A text may itself slugify to another's numbered slug ("x-2"): renumber the
        # rare slug that clashes with the catalog or with this batch.
        clashes = self._taken(slugs)
        used: set[str] = set()
        unique = []
        for slug in slugs:
            if slug in clashes or slug in used:
                slug = self._renumber(slug, used)
            used.add(slug)
            unique.append(slug)
        return unique

    def _renumber(self, slug: str, used: set[str]) -> str:
        number = self._first_free_number(slug)
        while f"{slug}-{number}" in used:
            number += 1
        return f"{slug}-{number}"
