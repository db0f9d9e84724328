"""Slugs that stay unique without a query per record (imports create thousands)."""

from __future__ import annotations

from django.utils.text import slugify


def unique_slug(text: str, taken: set[str], fallback: str, max_length: int = 200) -> str:
    """A slug for ``text`` not in ``taken``, which it then joins."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug
