"""The editors' "Import a list" page: paste or upload a reading list, see what it reads
as (entries, authors already in the catalog, lines not understood), correct the text,
and save it as a guide — the same reader and import as `readingroom import`."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from readingroom import limits
from readingroom.formats.readinglist import read_list
from readingroom.formats.records import ListGuide
from readingroom.guidetext import GuideDecodeError, decode_guide

from .importer import ImportRefused
from .listimport import import_list
from .locking import CatalogLocked
from .models import Author, Guide

# A pasted list is small; a bigger one belongs in `readingroom import`.
MAX_LIST_BYTES = 2_000_000


class ListForm(forms.Form):
    title = forms.CharField(
        required=False,
        max_length=limits.GUIDE["title"].max_length,
        help_text="Leave empty to take the list's own title.",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        label="The list",
        help_text="Paste it as it is: numbered or bulleted, Markdown, a schedule by week…",
    )
    file = forms.FileField(required=False, label="…or a file")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_LIST_BYTES:
                raise forms.ValidationError(
                    "The file is too big for this page; use `readingroom import`."
                )
            try:
                data["text"] = decode_guide(upload.read()).text
            except GuideDecodeError as exc:
                raise forms.ValidationError(f"The file is not text: {exc.message}.") from None
        text = data.get("text") or ""
        if not text.strip():
            raise forms.ValidationError("Paste a list or choose a file.")
        if len(text.encode()) > MAX_LIST_BYTES:
            raise forms.ValidationError(
                "The list is too long for this page; use `readingroom import`."
            )
        return data


def _preview(records: ListGuide) -> dict[str, Any]:
    names = {c.name for e in records.entries for c in e.contributors}
    known = set(
        Author.objects.filter(name__in=names).values_list("name", flat=True)
    ) if names else set()  # fmt: skip
    return {
        "records": records,
        "rows": [
            {
                "entry": e,
                "section": e.section_path,
                "known": [c.name in known for c in e.contributors],
            }
            for e in records.entries
        ],
        "known_count": len(known),
    }


def import_list_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("catalog.add_guide"):
        raise PermissionDenied
    form = ListForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": "Import a list",
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        records = read_list(text)
        if "save" in request.POST:
            saved = _save(request, form, text, records)
            if saved is not None:
                return saved
        context["text"] = text
        context.update(_preview(records))
    return TemplateResponse(request, "admin/catalog/import_list.html", context)


def _save(
    request: HttpRequest, form: ListForm, text: str, records: ListGuide
) -> HttpResponse | None:
    data = text.encode()
    upload = form.cleaned_data.get("file")
    name = upload.name if upload else f"pasted-{hashlib.sha256(data).hexdigest()[:12]}.txt"
    try:
        report = import_list(
            name, data, text, "utf-8", records, form.cleaned_data.get("title") or None, wait=5
        )
    except ImportRefused as exc:
        for problem in exc.problems:
            where = f"line {problem.line}: " if problem.line else ""
            messages.error(request, f"{where}{problem.message}")
        return None
    except CatalogLocked:
        messages.error(request, "An import is running; nothing was saved. Try again shortly.")
        return None
    guide = Guide.objects.filter(source__name=name).first()
    messages.success(request, report.summary())
    target = guide.get_absolute_url() if guide else reverse("admin:catalog_guide_changelist")
    return HttpResponseRedirect(target)
