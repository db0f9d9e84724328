import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readingroom.catalog.importer import import_guide_bytes

PASSWORD = "a-long-reader-password"


@pytest.fixture
def seeded(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Victor Serge: a reading guide")
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user("ann", "ann@example.org", PASSWORD)


@pytest.fixture
def reader_client(reader):
    client = Client()
    client.force_login(reader)
    return client
