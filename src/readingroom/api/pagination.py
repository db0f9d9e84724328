"""Pages of every list: 50 records unless ``page_size`` asks for up to 200.

Unlike the website, which shows the nearest page for any odd value, the API says
what is wrong: a page or page size that is not a whole number in range is a 400,
and a page past the last is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000


def whole_number(request: Request, name: str, low: int, high: int) -> int | None:
    """A query parameter that must be a whole number from low to high, if given."""
    value = request.query_params.get(name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise ValidationError({name: [f"{name} must be a whole number from {low} to {high:,}."]})
    return int(value)


class Pages(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        return whole_number(request, "page_size", 1, MAX_PAGE_SIZE) or PAGE_SIZE

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return whole_number(request, "page", 1, MAX_PAGE) or 1

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        ranges = {"page": (1, MAX_PAGE), "page_size": (1, MAX_PAGE_SIZE)}
        for parameter in parameters:
            low, high = ranges[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
        return parameters
