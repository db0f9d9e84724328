"""The work page's "My reading" block: the reader's shelf, progress and forms.

A tag rather than the view's context, so the catalog's views stay the readers' app's
business only through one line of work.html."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from readingroom.readers.forms import LogForm
from readingroom.readers.models import Shelf, ShelfItem
from readingroom.readers.shelves import progress_of

register = template.Library()


@register.inclusion_tag("readers/_work_panel.html", takes_context=True)
def reading_panel(context: Any, work: Any) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    panel: dict[str, Any] = {"work": work, "request": request, "reader": None}
    if not user.is_authenticated:
        return panel  # the same for every anonymous reader: the page may be cached
    panel.update(
        reader=user,
        item=ShelfItem.objects.filter(user=user, work=work).first(),
        progress=progress_of(user, [work]).get(work.pk),
        shelves=Shelf.choices,
        log_form=LogForm(initial={"day": timezone.localdate()}, auto_id="id_log_%s"),
        csrf_token=context.get("csrf_token"),
    )
    return panel
