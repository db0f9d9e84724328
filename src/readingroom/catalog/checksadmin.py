"""The editors' "Checks" page of a guide or an author: what the editorial checks find
in the records as they stand, each in its context, with the suggestion to apply in one
click and "ignore" for what is no problem (remembered across re-imports, with who
and when)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from readingroom.checks import Document, Finding
from readingroom.checks.document import texts

from .checking import (
    NotApplied,
    add_word,
    applicable,
    apply_suggestion,
    author_document,
    checked,
    guide_document,
    ignore,
)
from .locking import CatalogLocked
from .models import Author, Guide, IgnoredFinding

# Characters of context shown either side of the words a finding flags.
CONTEXT = 80


class ActForm(forms.Form):
    key = forms.CharField(max_length=100_000)
    action = forms.ChoiceField(
        choices=[("apply", "apply"), ("ignore", "ignore"), ("open", "open"), ("word", "word")]
    )


def checks_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = Guide if kind == "guide" else Author
    if not request.user.has_perm(f"catalog.view_{kind}"):
        raise PermissionDenied
    record = model.objects.filter(pk=pk).first()
    if record is None:
        raise Http404(f"no {kind} {pk}")
    document = guide_document(record) if isinstance(record, Guide) else author_document(record)
    if request.method == "POST":
        return _act(request, kind, record, document)
    result = checked(document)
    said = _texts(document)
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": f"Checks: {record}",
        "kind": kind,
        "record": record,
        "change_url": reverse(f"admin:catalog_{kind}_change", args=[record.pk]),
        "changelist_url": reverse(f"admin:catalog_{kind}_changelist"),
        "can_ignore": request.user.has_perm("catalog.add_ignoredfinding"),
        "can_add_word": request.user.has_perm("catalog.add_addedword"),
        "can_reopen": request.user.has_perm("catalog.delete_ignoredfinding"),
        "open": [_row(request, f, said) for f in result.open],
        "ignored": [(_row(request, f, said), why) for f, why in result.ignored],
    }
    return TemplateResponse(request, "admin/catalog/checks.html", context)


def _texts(document: Document) -> dict[str, str]:
    """Each stored text the findings may point into, by its ref."""
    found = {p.text.ref: p.text.value for p in texts(document) if p.text.ref}
    found |= {w.title.ref: w.title.value for w in document.works if w.title.ref}
    return found


def _row(request: HttpRequest, finding: Finding, said: dict[str, str]) -> dict[str, Any]:
    where = finding.location
    text = said.get(where.ref or "")
    before = after = ""
    if text is not None and finding.flagged:
        start, end = where.offset, where.offset + len(finding.flagged)
        before = ("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT] + ("…" if end + CONTEXT < len(text) else "")
    return {
        "finding": finding,
        "before": before,
        "after": after,
        "applicable": applicable(finding) and _may_change(request, finding),
        "admin_url": _admin_url(where.ref),
    }


def _may_change(request: HttpRequest, finding: Finding) -> bool:
    kind = (finding.location.ref or ":").split(":")[0]
    return bool(kind) and request.user.has_perm(f"catalog.change_{kind}")


def _admin_url(ref: str | None) -> str | None:
    if not ref:
        return None
    kind, pk = ref.split(":")[:2]
    return reverse(f"admin:catalog_{kind}_change", args=[int(pk)])


def _act(request: HttpRequest, kind: str, record: Any, document: Document) -> HttpResponse:
    back = HttpResponseRedirect(reverse(f"admin:catalog_{kind}_checks", args=[record.pk]))
    form = ActForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That finding could not be read; nothing was changed.")
        return back
    key, action = form.cleaned_data["key"], form.cleaned_data["action"]
    if action == "open":
        if not request.user.has_perm("catalog.delete_ignoredfinding"):
            raise PermissionDenied
        IgnoredFinding.objects.filter(key=key).delete()
        messages.success(request, "The finding is open again.")
        return back
    result = checked(document)
    finding = next((f for f in result.open if f.key == key), None)
    if finding is None:
        messages.error(request, "That finding is no longer open (fixed or ignored meanwhile).")
        return back
    if action == "word":
        if finding.code != "spelling/unknown-word":
            messages.error(request, "Only a word the spelling check flags can be added.")
            return back
        if not request.user.has_perm("catalog.add_addedword"):
            raise PermissionDenied
        word = add_word(finding, request.user)
        messages.success(request, f"'{word}' is in the dictionary now, for every guide.")
        return back
    if action == "ignore":
        if not request.user.has_perm("catalog.add_ignoredfinding"):
            raise PermissionDenied
        ignore([finding], request.user)
        messages.success(request, f"Ignored: {finding.message}.")
        return back
    if not _may_change(request, finding):
        raise PermissionDenied
    try:
        apply_suggestion(finding, request.user)
    except NotApplied as exc:
        messages.error(request, f"Not applied: {exc}.")
    except CatalogLocked:
        messages.error(request, "An import is running; nothing was changed. Try again shortly.")
    else:
        where = finding.location.record
        messages.success(
            request, f"Applied: '{finding.flagged}' is now '{finding.suggestion}' in {where}."
        )
    return back
