"""The editors' forms: what an editor did not change is saved exactly as it was stored.

Browsers submit a textarea's line breaks as CRLF, and Django's text fields strip
leading and trailing whitespace (a no-break space too). Either would rewrite text
nobody edited, make the guide export differ from the imported file and turn up in
the next import as an editor's change. Here text keeps every character; line
breaks become line feeds, the stored form (readingroom.limits), and a field the
editor left alone keeps its stored value outright.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.admin import widgets
from django.db import models

_LINE_BREAK = re.compile(r"\r\n?")
# One place per line, or several on a line separated by semicolons.
_PLACE_SEPARATOR = re.compile(r"[;\r\n]+")


class StoredText(forms.CharField):
    """Text exactly as typed, with line feeds for line breaks; nothing stripped."""

    def __init__(self, *, strip: bool = False, **kwargs: Any) -> None:
        super().__init__(strip=strip, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return _LINE_BREAK.sub("\n", value) if isinstance(value, str) else value

    def validate(self, value: Any) -> None:
        # Nothing is stripped, but a required field of blanks is still empty.
        if self.required and isinstance(value, str) and not value.strip():
            raise forms.ValidationError(self.error_messages["required"], code="required")
        super().validate(value)


# Every text field of every catalog admin form is StoredText. Slugs (a CharField
# subclass) keep Django's slug field, which the CharField entry would replace.
TEXT_AS_STORED: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.CharField: {"form_class": StoredText, "widget": widgets.AdminTextInputWidget},
    models.TextField: {"form_class": StoredText, "widget": widgets.AdminTextareaWidget},
    models.SlugField: {"widget": widgets.AdminTextInputWidget},
}


class CatalogForm(forms.ModelForm):
    """A record's form that saves what the editor changed and leaves the rest alone."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        if self.instance.pk is None:
            return cleaned
        # A value that reads the same is not always stored the same (None and "",
        # places typed differently): a field the editor left alone keeps its own.
        for field in self.instance._meta.concrete_fields:
            unchanged = field.name in cleaned and field.name not in self.changed_data
            if unchanged and not field.is_relation:
                cleaned[field.name] = getattr(self.instance, field.attname)
        return cleaned


class PlacesField(forms.Field):
    """A list of place names, typed one per line or separated by semicolons."""

    widget = widgets.AdminTextareaWidget(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return [place.strip() for place in _PLACE_SEPARATOR.split(value or "") if place.strip()]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(data) != (initial or [])


def places_text(places: list[str]) -> str:
    """Places as the lists show them."""
    return "; ".join(places)
