"""The editors' "Duplicates" page: the catalog's likely duplicates with their evidence,
each resolved by one action — merge one into the other, or "not the same" (remembered).

The same pairs as `readingroom duplicates` and the same merge as `readingroom merge`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .duplicates import duplicates
from .locking import CatalogLocked
from .merging import MERGEABLE, MergeRefused, mark_not_same, merge_authors, merge_works


class ResolveForm(forms.Form):
    kind = forms.ChoiceField(choices=[("author", "author"), ("work", "work")])
    keep = forms.SlugField(max_length=255)
    other = forms.SlugField(max_length=255)
    action = forms.ChoiceField(choices=[("merge", "merge"), ("not-same", "not the same")])


def _allowed(request: HttpRequest, kind: str) -> bool:
    return request.user.has_perm(f"catalog.change_{kind}") and request.user.has_perm(
        f"catalog.delete_{kind}"
    )


def duplicates_view(request: HttpRequest) -> HttpResponse:
    if not (
        request.user.has_perm("catalog.view_author") and request.user.has_perm("catalog.view_work")
    ):
        raise PermissionDenied
    if request.method == "POST":
        return _resolve(request)
    pairs = duplicates()
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": "Likely duplicates",
        "pairs": pairs,
        "can_resolve": {kind: _allowed(request, kind) for kind in MERGEABLE},
    }
    return TemplateResponse(request, "admin/catalog/duplicates.html", context)


def _resolve(request: HttpRequest) -> HttpResponse:
    back = HttpResponseRedirect(reverse("admin:catalog_author_duplicates"))
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That pair could not be read; nothing was changed.")
        return back
    kind, action = form.cleaned_data["kind"], form.cleaned_data["action"]
    if not _allowed(request, kind):
        raise PermissionDenied
    model = MERGEABLE[kind]
    keep = model.objects.filter(slug=form.cleaned_data["keep"]).first()
    other = model.objects.filter(slug=form.cleaned_data["other"]).first()
    if keep is None or other is None:
        messages.error(request, "One of the two is no longer in the catalog; nothing was changed.")
        return back
    try:
        if action == "not-same":
            mark_not_same(kind, keep, other, request.user)
            messages.success(request, f"'{keep}' and '{other}' are not the same: noted.")
            return back
        merger = merge_authors if kind == "author" else merge_works
        report = merger(keep, other, request.user)
    except MergeRefused as exc:
        messages.error(request, str(exc))
        return back
    except CatalogLocked:
        messages.error(request, "An import is running; nothing was changed. Try again shortly.")
        return back
    messages.success(request, report.summary())
    return HttpResponseRedirect(reverse(f"admin:catalog_{kind}_change", args=[keep.pk]))
