from __future__ import annotations

import pytest

from readingroom.checks import Document, Finding, check_document, from_guide_text, from_list
from readingroom.formats.readinglist import read_list
from readingroom.guidetext import parse_guide


def guide(text: str) -> Document:
    return from_guide_text(parse_guide(text).guide, text)


def listed(text: str) -> Document:
    return from_list(read_list(text), text)


def codes(found: list[Finding]) -> list[str]:
    return [f.code for f in found]


@pytest.fixture
def check():
    def run(document: Document, family: str) -> list[Finding]:
        return check_document(document, [family])

    return run
