# The editors' fixtures, shared with the website's tests.
from tests.web.conftest import editor, editor_client, seeded

__all__ = ["editor", "editor_client", "seeded"]
