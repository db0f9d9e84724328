"""The API's fixtures: the sample guide in the catalog, an editor and their token."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from readingroom.catalog.editors import ensure_editors_group
from readingroom.catalog.importer import import_guide_bytes

SAMPLE_TITLE = "Sample guide"


@pytest.fixture
def sample(db, sample_bytes):
    """The sample guide (five authors, seventeen works), imported as `make run` does."""
    import_guide_bytes("sample-guide.txt", sample_bytes, SAMPLE_TITLE)


@pytest.fixture
def anonymous(sample) -> APIClient:
    return APIClient()


@pytest.fixture
def editor_token(db) -> Token:
    user = get_user_model().objects.create_user("ed", password="a-long-editor-password")
    user.groups.add(ensure_editors_group())
    return Token.objects.create(user=user)


@pytest.fixture
def reader_token(db) -> Token:
    """The token of a user who is not an editor: it reads, and writes nothing."""
    user = get_user_model().objects.create_user("reader", password="a-long-reader-password")
    return Token.objects.create(user=user)


def token_client(token: Token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(sample, editor_token) -> APIClient:
    return token_client(editor_token)


@pytest.fixture
def reader_api(sample, reader_token) -> APIClient:
    return token_client(reader_token)
