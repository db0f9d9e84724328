"""A record's id in a URL: digits a database key can hold (at most 18, under 2⁶³), so
an address with a longer number is a 404, not an integer SQLite cannot take."""

from __future__ import annotations

from django.urls import register_converter


class RecordId:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RecordId, "id")
