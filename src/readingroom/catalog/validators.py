"""The limits of readingroom.limits as Django validators, for models and their forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from readingroom import limits

RECORDS = {
    "source": limits.SOURCE,
    "author": limits.AUTHOR,
    "work": limits.WORK,
    "edition": limits.EDITION,
    "contribution": limits.CONTRIBUTION,
    "guide": limits.GUIDE,
    "guideentry": limits.GUIDE_ENTRY,
    "lifeevent": limits.LIFE_EVENT,
    "ignoredfinding": limits.IGNORED_FINDING,
    "addedword": limits.ADDED_WORD,
}


@deconstructible
class Limit:
    """Checks a value against one declared field, e.g. ``Limit("work", "pages")``."""

    def __init__(self, record: str, name: str) -> None:
        self.record, self.name = record, name

    @property
    def field(self) -> limits.Field:
        return RECORDS[self.record][self.name]

    def __call__(self, value: object) -> None:
        if problem := self.field.problem(value):
            raise ValidationError(limits.as_sentence(problem), code="limit")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Limit) and (self.record, self.name) == (other.record, other.name)

    def __hash__(self) -> int:
        return hash((self.record, self.name))


def limited(record: str, name: str) -> dict[str, object]:
    """The keyword arguments a model field takes from its declaration."""
    field = RECORDS[record][name]
    options: dict[str, object] = {"validators": [Limit(record, name)]}
    if field.kind in ("text", "slug") and field.max_length and field.max_length <= 500:
        options["max_length"] = field.max_length
    return options
