"""Every family of rules shows its rules at work in its docstring; the examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

from readingroom.checks import FAMILIES
from readingroom.checks.dictionary import english, missing_message


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_docstring_examples_hold(family: str) -> None:
    if family == "spelling" and english() is None:
        pytest.skip(missing_message())
    module = importlib.import_module(f"readingroom.checks.{family}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2
    assert result.failed == 0
