"""The OpenAPI document against the API itself: schemathesis sends what the document
allows (and what it does not) to every operation and runs all its checks on every
answer: no server error, every status, content type, header and body as documented.

It runs on the database of the pass (SQLite, then PostgreSQL under `make test`),
in a transaction rolled back at the end, with the sample guide loaded; requests
carry an editor's token, so writes are tried too, and reads again without it.
Paths name real records about half the time, so reads and writes reach them, and so
does a merge's other record: positive examples merge the sample's records.
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
from schemathesis.specs.openapi.checks import positive_data_acceptance

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

        def real_slug(path: str, given: str) -> Any:
            """The slug given, or about half the time a real record's of the path's kind:
            the sample's, or for a merge one there is now (earlier writes renamed the
            sample's records, and merges fold them), drawn the same way either way."""
            kind = path.split("/")[2]
            if kind not in real or not SLUG.fullmatch(given):
                return st.just(given)
            if not _RESOLVING.search(path):
                return st.sampled_from([given, *real[kind]])
            model = _MODELS[kind]

            def now(place: int) -> str:
                slugs = list(model.objects.order_by("pk").values_list("slug", flat=True))
                return slugs[place % len(slugs)] if slugs else given

            return st.one_of(st.just(given), st.integers(0, 99).map(now))

        @schema.hook
        def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
            slug = (path_parameters or {}).get("slug")
            if not isinstance(slug, str):
                return st.just(path_parameters)
            return real_slug(context.operation.path, slug).map(
                lambda chosen: {**path_parameters, "slug": chosen}
            )

        @schema.hook
        def flatmap_body(context: Any, body: Any) -> Any:
            # A merge's or a "not the same"'s other record: a real one about half the
            # time, so that records are merged, and then merged into themselves.
            other = body.get("other") if isinstance(body, dict) else None
            if not isinstance(other, str):
                return st.just(body)
            return real_slug(context.operation.path, other).map(
                lambda chosen: {**body, "other": chosen}
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


# Which slugs name records, and which of them are one record, the document cannot say:
# a merge or a "not the same" may refuse schema-valid data for its `other`, and only so.
_RESOLVING = re.compile(r"/\{slug\}/(merge|not-same)/$")
_OTHER_REFUSED = re.compile(
    r"No (author|work) has the slug '[^']*'\."
    r"|'[^']*' (was merged into|is now) '[^']*' already\."
    r"|'[^']*' and '[^']*' are one (author|work) already\."
)


def _refused_only_for_its_other(ctx: Any, response: Any, case: Any) -> bool | None:
    """positive_data_acceptance, but for a 400 that names the other record's state."""
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if not positive or response.status_code != 400:
        return positive_data_acceptance(ctx, response, case)
    body = response.json()
    messages = body.get("other") if isinstance(body, dict) and list(body) == ["other"] else None
    assert messages, f"Valid data refused, not for its other record: {body}"
    assert all(_OTHER_REFUSED.fullmatch(m) for m in messages), f"Valid data refused: {body}"
    return None


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> int:
    """Run one operation's examples in one mode; how many were sent."""
    sent = 0
    checks: dict[str, Any] = {}
    if _RESOLVING.search(operation.path):
        checks = {
            "excluded_checks": [positive_data_acceptance],
            "additional_checks": [_refused_only_for_its_other],
        }

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
        case.call_and_validate(headers=headers, **checks)

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
    # Deletes last, so that the other writes (merges among them) meet the sample's records.
    operations.sort(key=lambda op: op.method.upper() == "DELETE")
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
