"""The forms of the study-group pages: a group's name and meeting dates, a meeting's
questions. A field in error names its message (aria-describedby), so a screen reader
reads the two together."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from .dates import near_today
from .groups import MOST_MEETINGS
from .models import Meeting, StudyGroup

MOST_QUESTION_CHARACTERS = 20_000
_SEPARATORS = re.compile(r"[\s,;]+")


class DescribedErrors:
    """Each field in error points at its message (``<auto_id>_error`` in the templates)."""

    def full_clean(self) -> None:
        form: Any = self
        super().full_clean()  # type: ignore[misc]
        for name in form.errors:
            if name in form.fields:
                attrs = form.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{form[name].auto_id}_error"
                attrs["aria-invalid"] = "true"


class DatesField(forms.CharField):
    """Several dates, as 2026-12-01, separated by spaces, commas or new lines."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 24})

    def to_python(self, value: Any) -> list[date]:
        text = super().to_python(value)
        days = []
        for word in _SEPARATORS.split(text.strip()):
            if not word:
                continue
            try:
                days.append(date.fromisoformat(word))
            except ValueError:
                raise forms.ValidationError(
                    f"'{word[:40]}' is not a date: write dates as 2026-12-01"
                ) from None
            near_today(days[-1])
            if len(days) > MOST_MEETINGS:
                raise forms.ValidationError(f"Give at most {MOST_MEETINGS} dates.")
        return sorted(set(days))

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError("Give at least one date.", code="required")


class GroupForm(DescribedErrors, forms.Form):
    name = forms.CharField(
        label="Name of the group", max_length=StudyGroup._meta.get_field("name").max_length
    )
    dates = DatesField(
        label="Meeting dates",
        required=False,
        help_text="As 2026-12-03, one a line or separated by spaces; you can add more later.",
    )


class MeetingDatesForm(DescribedErrors, forms.Form):
    dates = DatesField(
        label="Add meeting dates", help_text="As 2026-12-03, one a line or separated by spaces."
    )

    def __init__(self, *args: Any, group: StudyGroup | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group

    def clean_dates(self) -> list[date]:
        days: list[date] = self.cleaned_data["dates"]
        if self.group is not None:
            taken = set(self.group.meetings.values_list("day", flat=True))
            if len(taken | set(days)) > MOST_MEETINGS:
                raise forms.ValidationError(f"A group meets at most {MOST_MEETINGS} times.")
        return days


class QuestionsForm(DescribedErrors, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ("questions",)
        labels = {"questions": "Questions for discussion"}
        help_texts = {"questions": "Markdown: *emphasis*, lists with 1. or -, links."}
        widgets = {"questions": forms.Textarea(attrs={"rows": 10, "cols": 60})}

    def clean_questions(self) -> str:
        text = str(self.cleaned_data["questions"]).replace("\r\n", "\n")
        if len(text) > MOST_QUESTION_CHARACTERS:
            raise forms.ValidationError(
                f"Keep the questions under {MOST_QUESTION_CHARACTERS:,} characters."
            )
        return text
