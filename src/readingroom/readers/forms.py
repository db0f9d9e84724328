"""The forms of readers' pages: signing up, shelving, logging a sitting, importing
history, what to share, and deleting the account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from .dates import sitting_day
from .models import Shelf

MAX_EXPORT_BYTES = 20 * 1024 * 1024  # a Goodreads export of 10,000 books is about 5 MB


class SignUpForm(UserCreationForm):
    """A user name, an email address (for password resets) and a password that the
    configured validators accept."""

    email = forms.EmailField(
        help_text="Only for resetting your password; never shown to anyone.",
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "This address already has an account: log in, or reset its password."
            )
        return email


class ShelfForm(forms.Form):
    """Which shelf the work goes on; none takes it off the reader's shelves."""

    shelf = forms.ChoiceField(
        choices=[("", "not on a shelf"), *Shelf.choices],
        required=False,
        error_messages={"invalid_choice": "“%(value)s” is not one of the shelves."},
    )


class LogForm(forms.Form):
    """One sitting: the day, the page or chapter reached, and how long it took."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    page_reached = forms.IntegerField(
        min_value=1, max_value=100_000, required=False, label="Page reached"
    )
    chapter = forms.CharField(max_length=100, required=False, label="Or chapter reached")
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60, required=False, label="Minutes")

    def clean_day(self) -> Any:
        day = self.cleaned_data["day"]
        sitting_day(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("page_reached") is None and not data.get("chapter") and not self.errors:
            raise forms.ValidationError("Give the page you reached or the chapter.")
        return data


class HistoryForm(forms.Form):
    export = forms.FileField(
        label="Goodreads or StoryGraph export (CSV)",
        help_text="Goodreads: My Books → Import and export → Export library. "
        "StoryGraph: Manage account → Export StoryGraph library.",
    )

    def clean_export(self) -> Any:
        upload = self.cleaned_data["export"]
        if upload.size > MAX_EXPORT_BYTES:
            raise forms.ValidationError("The file is over 20 MB: no reader's export is so big.")
        return upload


class PrivacyForm(forms.Form):
    public_shelves = forms.BooleanField(
        required=False,
        label="Share my shelves",
        help_text="Anyone may then see your shelves and how far you have read, at your "
        "public page. Your notes and reading log stay private.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your password, to be sure it is you.",
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password
