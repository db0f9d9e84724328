"""The query parameters the views read, each checked by a small form.

A value that is not valid (a page "²", an author id of twenty digits, a search of
a megabyte) is left out, as though the reader had not given it: the view answers
with the page it would show without that parameter, never with an error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from readingroom.citing import STYLES
from readingroom.search.facets import LENGTH_BANDS

MAX_PAGE = 1_000_000
MAX_QUERY = 1_000  # characters; the engine reads no further
MAX_ID = 2**63 - 1  # the largest id a database column holds
MAX_URL = 2_000


class PageParams(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


class CiteParams(forms.Form):
    cite = forms.ChoiceField(required=False, choices=[(key, s.label) for key, s in STYLES.items()])


class SearchParams(PageParams):
    q = forms.CharField(required=False, max_length=MAX_QUERY)
    author = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    decade = forms.IntegerField(required=False, min_value=-9990, max_value=9990)
    length = forms.ChoiceField(
        required=False, choices=[(band, label) for band, label, _, _ in LENGTH_BANDS]
    )
    partial = forms.BooleanField(required=False)


class BackParams(forms.Form):
    next = forms.CharField(required=False, max_length=MAX_URL)


def valid_params(form_class: type[forms.Form], data: QueryDict) -> dict[str, Any]:
    """The form's fields whose values are valid; the others are absent."""
    form = form_class(data)
    form.is_valid()
    return form.cleaned_data
