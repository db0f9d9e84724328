import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readingroom.catalog.editors import ensure_editors_group
from readingroom.catalog.importer import import_guide_bytes


@pytest.fixture
def seeded(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Victor Serge: a reading guide")
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    return Client()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "ed", password="a-long-editor-password", is_staff=True
    )
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def editor_client(seeded, editor):
    client = Client()
    client.force_login(editor)
    return client
