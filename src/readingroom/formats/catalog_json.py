"""The catalog's JSON dump: a complete, lossless, stably ordered snapshot.

Records refer to each other by slug (and sources by name), never by database id,
so a dump loads into any database and dumps again byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

FORMAT_NAME = "readingroom-catalog"
FORMAT_VERSION = 1

# Field name → accepted JSON types, per record kind; None marks a nullable field.
_STR, _INT, _BOOL, _LIST = (str,), (int,), (bool,), (list,)
_SCHEMA: dict[str, dict[str, tuple[type | None, ...]]] = {
    "sources": {
        "name": _STR,
        "sha256": _STR,
        "imported_at": _STR,
        "encoding": _STR,
        "newline": _STR,
        "final_newline": _BOOL,
        "text": _STR,
    },
    "authors": {
        "slug": _STR,
        "name": _STR,
        "sort_name": _STR,
        "name_inferred": _BOOL,
        "biography": _STR,
        "source": (str, None),
        "line_start": (int, None),
        "line_end": (int, None),
        "position": _INT,
        "created_at": _STR,
        "edited_at": (str, None),
        "edited_by": (str, None),
        "life_events": _LIST,
    },
    "works": {
        "slug": _STR,
        "title": _STR,
        "year": (int, None),
        "year_end": (int, None),
        "pages": (int, None),
        "annotation": (str, None),
        "source_text": _STR,
        "authors": _LIST,
        "source": (str, None),
        "line_start": (int, None),
        "line_end": (int, None),
        "position": _INT,
        "created_at": _STR,
        "edited_at": (str, None),
        "edited_by": (str, None),
    },
    "guides": {
        "slug": _STR,
        "title": _STR,
        "description": _STR,
        "source": (str, None),
        "line_start": (int, None),
        "line_end": (int, None),
        "created_at": _STR,
        "edited_at": (str, None),
        "edited_by": (str, None),
        "entries": _LIST,
    },
}
_NESTED: dict[tuple[str, str], dict[str, tuple[type | None, ...]]] = {
    ("works", "authors"): {"author": _STR, "role": _STR, "order": _INT},
    ("authors", "life_events"): {
        "start": (str, None),
        "end": (str, None),
        "precision": (str, None),
        "modifier": (str, None),
        "label": _STR,
        "text": _STR,
        "places": _LIST,
        "span": _LIST,
        "expression": _STR,
        "position": _INT,
        "origin": _STR,
        "key": _STR,
        "edited": _BOOL,
        "hidden": _BOOL,
    },
    ("guides", "entries"): {
        "work": _STR,
        "order": _INT,
        "section": (str, None),
        "note": _STR,
        "line_start": (int, None),
        "line_end": (int, None),
    },
}


class DumpError(ValueError):
    """The text is not a catalog dump this version can load."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def looks_like_dump(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def dumps(catalog: dict[str, Any]) -> str:
    """Serialise a dump; callers pass records already in their stable order."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **catalog}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _check_record(where: str, record: Any, schema: dict[str, tuple[type | None, ...]]) -> None:
    if not isinstance(record, dict):
        raise DumpError(f"{where} should be an object")
    for key, types in schema.items():
        if key not in record:
            raise DumpError(f"{where} has no {key!r}")
        value = record[key]
        if value is None and None in types:
            continue
        allowed = tuple(t for t in types if t is not None)
        # bool is an int in Python; a count given as true/false is still wrong.
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            names = " or ".join("null" if t is None else t.__name__ for t in types)
            raise DumpError(f"{where}.{key} should be {names}, not {type(value).__name__}")


def loads(text: str) -> dict[str, Any]:
    """Parse and validate a dump, raising :class:`DumpError` with a line where known."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DumpError(f"invalid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise DumpError(f'not a readingroom catalog dump (no "format": "{FORMAT_NAME}")')
    if document.get("version") != FORMAT_VERSION:
        raise DumpError(
            f"dump version {document.get('version')!r} is not supported (expected {FORMAT_VERSION})"
        )
    for kind, schema in _SCHEMA.items():
        records = document.get(kind)
        if not isinstance(records, list):
            raise DumpError(f"{kind!r} should be a list")
        for index, record in enumerate(records):
            where = f"{kind}[{index}]"
            _check_record(where, record, schema)
            for (parent, key), nested in _NESTED.items():
                if parent == kind:
                    for sub_index, item in enumerate(record[key]):
                        _check_record(f"{where}.{key}[{sub_index}]", item, nested)
    return document
