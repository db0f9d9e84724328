"""The OpenAPI document against the API itself: schemathesis sends what the document
allows (and what it does not) to every operation and runs all its checks on every
answer: no server error, every status, content type, header and body as documented.

It runs on the database of the pass (SQLite, then PostgreSQL under `make test`),
in a transaction rolled back at the end, with the sample guide loaded; requests
carry an editor's token, so writes are tried too, and reads again without it.
Paths name real records about half the time, so reads and writes reach them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from readingroom.catalog.models import Author, Guide, Work
from readingroom.limits import EARLIEST_YEAR, latest_plausible_year

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MODELS = {"authors": Author, "works": Work, "guides": Guide}


@pytest.fixture
def api_schema(sample, editor_token):
    # The test's transaction is the app's: Django must not close the connection
    # between requests as it does for a server's.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        app = WSGIHandler()
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
        real = {
            kind: list(model.objects.values_list("slug", flat=True))
            for kind, model in _MODELS.items()
        }

        @schema.hook
        def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
            kind = context.operation.path.split("/")[2]
            slug = (path_parameters or {}).get("slug")
            if kind not in real or not isinstance(slug, str) or not SLUG.fullmatch(slug):
                return st.just(path_parameters)
            return st.sampled_from([slug, *real[kind]]).map(
                lambda chosen: {**path_parameters, "slug": chosen}
            )

        @schema.hook
        def map_body(context: Any, body: Any) -> Any:
            # A rule no schema states: an end year needs a start year no later than it.
            if not context.operation.path.startswith("/api/works/") or not isinstance(body, dict):
                return body
            year, end = body.get("year"), body.get("year_end")
            if _a_year(end) and not (_a_year(year) and year <= end):
                return {name: value for name, value in body.items() if name != "year_end"}
            return body

        @schema.hook
        def map_query(context: Any, query: Any) -> Any:
            # Another: an export is of a guide or of an author, not of both.
            both = isinstance(query, dict) and all(
                isinstance(query.get(name), str) and SLUG.fullmatch(query[name])
                for name in ("guide", "author")
            )
            return {"guide": query["guide"]} if both else query

        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _a_year(value: Any) -> bool:
    return type(value) is int and EARLIEST_YEAR <= value <= latest_plausible_year()


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> int:
    """Run one operation's examples in one mode; how many were sent."""
    sent = 0

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def examples(case: Any) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate(headers=headers)

    examples()
    return sent


def _takes_input(operation: Any) -> bool:
    return bool(list(operation.iter_parameters())) or bool(list(operation.body))


def _run_all(api_schema: Any, headers: dict[str, str], methods: set[str]) -> None:
    """All checks on every operation of these methods, positive and negative data;
    every operation's failures are reported, not only the first."""
    failures, sent = [], 0
    operations = [result.ok() for result in api_schema.get_all_operations()]
    operations = [op for op in operations if op.method.upper() in methods]
    for operation in operations:
        for mode in GenerationMode:
            try:
                sent += _run(operation, mode, headers)
            except Unsatisfiable:
                # Nothing to get wrong: an operation with no parameter and no body.
                if mode is not GenerationMode.NEGATIVE or _takes_input(operation):
                    failures.append(f"{operation.label} [{mode.value}]: no examples")
            except (Exception, BaseExceptionGroup) as exc:  # each operation's, then the next
                failures.append(f"{operation.label} [{mode.value}]: {exc}")
    print(f"schemathesis: {len(operations)} operations, {sent} examples")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def test_the_api_answers_an_editor_as_its_document_says(api_schema, editor_token):
    """Reads and writes with an editor's token."""
    headers = {"Authorization": f"Token {editor_token.key}"}
    _run_all(api_schema, headers, {"GET", "POST", "PUT", "PATCH", "DELETE"})


def test_the_api_answers_anyone_as_its_document_says(api_schema):
    """Reads without a token."""
    _run_all(api_schema, {}, {"GET"})
