"""How fast the list reader could be if everything but its regular expressions cost nothing.

Reads every fixture list once while recording each regular-expression call the reader
makes (the patterns of citation.py, names.py and readinglist.py, and calls through
the ``re`` module), then replays those calls alone, best of five. The replay's time
per entry is a floor no rearrangement of the Python around the same patterns can go
below; it is printed beside the reader's own time per entry and beside the 50 µs an
entry that 20,000 entries a second allows.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from list_reader_eval import FIXTURES, LIST_SETS, fixtures
from readingroom.formats import citation, names, readinglist

Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class _Recorded:
    """A compiled pattern that notes each call made of it."""

    def __init__(self, pattern: re.Pattern[str], calls: list[Call]) -> None:
        self.pattern, self.calls = pattern, calls

    def __getattr__(self, attribute: str) -> Any:
        method = getattr(self.pattern, attribute)
        if not callable(method):
            return method

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((method, args, kwargs))
            return method(*args, **kwargs)

        return recorded


def _record(texts: list[str]) -> tuple[list[Call], int, float]:
    """Read the lists, noting every regular-expression call; the calls, the entries
    read and the time the reading took (without the recording)."""
    start = time.perf_counter()
    entries = 0
    for text in texts:
        readinglist.clear_caches()
        entries += len(readinglist.read_list(text).entries)
    reading = time.perf_counter() - start
    calls: list[Call] = []
    patched: list[tuple[object, str, object]] = []
    for module in (citation, names, readinglist):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                patched.append((module, name, value))
                setattr(module, name, _Recorded(value, calls))
    for function in ("search", "match", "fullmatch", "sub", "split", "findall", "finditer"):
        original = getattr(re, function)
        patched.append((re, function, original))

        def through_re(pattern: Any, *args: Any, _f: str = function, **kwargs: Any) -> Any:
            flags = kwargs.pop("flags", 0)
            compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
            method = getattr(compiled, _f)
            calls.append((method, args, kwargs))
            return method(*args, **kwargs)

        setattr(re, function, through_re)
    try:
        for text in texts:
            readinglist.clear_caches()
            readinglist.read_list(text)
    finally:
        for owner, name, value in patched:
            setattr(owner, name, value)
    return calls, entries, reading


def _replay(calls: list[Call]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for method, args, kwargs in calls:
            result = method(*args, **kwargs)
            if method.__name__ == "finditer":
                list(result)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    paths: list[Path] = []
    for folder in LIST_SETS:
        paths += fixtures(FIXTURES if folder == "development" else FIXTURES / folder)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    _record(texts)  # once to warm the interpreter and the ``re`` cache
    calls, entries, reading = _record(texts)
    floor = _replay(calls)
    print(f"{len(paths)} lists, {entries} entries, {len(calls):,} regular-expression calls")
    print(f"reader:            {reading / entries * 1e6:7.1f} µs an entry")
    per_entry = len(calls) / entries
    print(f"its regexes alone: {floor / entries * 1e6:7.1f} µs an entry ({per_entry:.0f} calls)")
    print("20,000 entries/s:     50.0 µs an entry")


if __name__ == "__main__":
    main()
