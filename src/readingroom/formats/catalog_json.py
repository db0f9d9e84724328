"""The catalog's JSON dump: a complete, lossless, stably ordered snapshot.

Records refer to each other by slug (and sources by name), never by database id,
so a dump loads into any database and dumps again byte for byte.

A dump is validated completely before anything is written: every field against
the limits every door enforces (readingroom.limits), no unknown keys, unique
natural keys and references that resolve within the dump. Every problem is
reported with its JSON path (``$.authors[3].slug``); the catalog checks the
references that point outside the dump (catalog/dump.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from readingroom import limits
from readingroom.guidetext.encoding import encode_guide
from readingroom.identity.identifiers import BadIdentifier, normal_identifier

FORMAT_NAME = "readingroom-catalog"
FORMAT_VERSION = 7
# What each version added: an older dump loads as if it said none of it.
_ADDED: dict[int, dict[str, dict[str, Any]]] = {
    # Importance and the part to read on guide entries; publisher, place, edition
    # year, URL and ISBN on works; compilers and date on guides.
    2: {
        "works": {"edition_year": None, "publisher": "", "place": "", "url": "", "isbn": ""},
        "guides": {"compilers": "", "date": ""},
        "entries": {"importance": None, "part": "", "part_pages": None},
    },
    # A guide's subtitle and closing text.
    3: {"guides": {"subtitle": "", "closing": ""}},
    # Records merged into authors and works, and pairs editors judged not the same.
    4: {
        "authors": {"merged": [], "not_same": [], "identifiers": []},
        "works": {"merged": [], "not_same": [], "identifiers": []},
    },
    # Editions under works: a work's edition year, publisher, place and ISBN become
    # its first edition (_editions_from_works), which its own guide's entries cite.
    5: {"works": {"editions": [], "edition": None}, "entries": {"edition": None}},
    # What each life event is about (readingroom.timeline.kinds).
    6: {"life_events": {"kind": "other"}},
}
# Lists a version added beside the records (version 7: editors' decisions about the
# editorial checks): an older dump has none.
_ADDED_LISTS = {7: ("ignored_findings", "added_words")}
# The fields version 5 moved from a work, and from a work merged into it, to an edition.
_EDITION_FIELDS = {
    "edition_year": "year",
    "publisher": "publisher",
    "place": "place",
    "isbn": "isbn",
}
_UPGRADES: dict[int, dict[str, dict[str, Any]]] = {
    old: {
        kind: {
            key: value
            for new in range(old + 1, FORMAT_VERSION + 1)
            for key, value in _ADDED.get(new, {}).get(kind, {}).items()
        }
        for kind in ("authors", "works", "guides", "entries", "life_events")
    }
    for old in range(1, FORMAT_VERSION)
}
# Beyond this many, problems are counted rather than listed.
MAX_PROBLEMS = 100

Schema = Mapping[str, limits.Field]
_SOURCE_REF = limits.Field("text", "source", null=True, max_length=255)
_AUTHOR_REF = limits.Field("slug", "author", max_length=255, blank=False)
_WORK_REF = limits.Field("slug", "work", max_length=255, blank=False)
# An edition is named by its place in its work's list of editions.
_EDITION_REF = limits.Field("integer", "edition", null=True, minimum=0, maximum=limits.MAX_INT)


@dataclass(frozen=True)
class Kind:
    """One list of records in a dump: its fields, its natural key, its nested lists."""

    fields: Schema
    key: str
    nested: Mapping[str, Schema]


KINDS: dict[str, Kind] = {
    "sources": Kind(limits.SOURCE, "name", {}),
    "authors": Kind(
        {**limits.AUTHOR, "source": _SOURCE_REF},
        "slug",
        {
            "life_events": limits.LIFE_EVENT,
            "merged": {**limits.MERGED_AUTHOR, "source": _SOURCE_REF},
            "not_same": {"author": _AUTHOR_REF},
            "identifiers": limits.IDENTIFIER,
        },
    ),
    "works": Kind(
        {**limits.WORK, "edition": _EDITION_REF, "source": _SOURCE_REF},
        "slug",
        {
            "authors": {"author": _AUTHOR_REF, **limits.CONTRIBUTION},
            "editions": {**limits.EDITION, "source": _SOURCE_REF},
            "merged": {**limits.MERGED_WORK, "source": _SOURCE_REF},
            "not_same": {"work": _WORK_REF},
            "identifiers": limits.IDENTIFIER,
        },
    ),
    "guides": Kind(
        {**limits.GUIDE, "source": _SOURCE_REF},
        "slug",
        {"entries": {"work": _WORK_REF, "edition": _EDITION_REF, **limits.GUIDE_ENTRY}},
    ),
    "ignored_findings": Kind(limits.IGNORED_FINDING, "key", {}),
    "added_words": Kind(limits.ADDED_WORD, "word", {}),
}


class DumpError(ValueError):
    """The text is not a catalog dump this version can load; ``problems`` says why."""

    def __init__(self, problems: str | list[str], line: int | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))
        self.message = self.problems[0]
        self.line = line


def looks_like_dump(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def dumps(catalog: dict[str, Any]) -> str:
    """Serialise a dump; callers pass records already in their stable order."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **catalog}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fields(
    path: str, record: object, schema: Schema, lists: tuple[str, ...] = ()
) -> Iterator[str]:
    """Problems with one record's keys and values (``lists`` name its nested lists)."""
    if not isinstance(record, dict):
        yield f"{path}: should be an object"
        return
    unknown = sorted(set(record) - set(schema) - set(lists))
    if unknown:
        yield f"{path}: unknown key{'s' if len(unknown) > 1 else ''} " + ", ".join(
            repr(k) for k in unknown
        )
    for name in (*schema, *lists):
        if name not in record:
            yield f"{path}: has no {name!r}"
        elif name in lists:
            if not isinstance(record[name], list):
                yield f"{path}.{name}: should be a list"
        elif problem := schema[name].problem(record[name]):
            yield f"{path}.{name}: {problem}"


def _rules(path: str, kind: str, record: dict[str, Any]) -> Iterator[str]:
    """The rules across fields: line spans, years, an event's dates."""
    start, end = record.get("line_start"), record.get("line_end")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        yield f"{path}.line_end: ends ({end}) before line_start ({start})"
    if kind == "works":
        values = [record.get(k) for k in ("year", "year_end", "pages")]
        if all(v is None or type(v) is int for v in values):
            for rule in limits.work_rules(*values):
                if rule.severity == "error":
                    yield f"{path}.{rule.field}: {rule.message}"
        yield from _reading_edition(path, record)
    if kind == "life_events":
        dates = [record.get(k) for k in ("start", "end")]
        if all(v is None or isinstance(v, str) for v in dates):
            for rule in limits.life_event_rules(*dates):
                yield f"{path}.{rule.field}: {rule.message}"
    if kind == "identifiers" and not any(_fields(path, record, limits.IDENTIFIER)):
        try:
            if normal_identifier(record["scheme"], record["value"]) != record["value"]:
                yield f"{path}.value: {record['value']!r} is not in its normal form"
        except BadIdentifier as exc:
            yield f"{path}.value: {exc}"
    if kind == "sources" and not any(_fields(path, record, limits.SOURCE)):
        # The hash is of the file's bytes, which the text and encoding give back exactly.
        data = encode_guide(record["text"], record["encoding"])
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            yield f"{path}.sha256: does not match the source's text"


def _duplicates(path: str, records: list[Any], key: str | tuple[str, ...]) -> Iterator[str]:
    """Natural keys that occur twice: the second record would overwrite the first."""
    keys = (key,) if isinstance(key, str) else key
    seen: dict[tuple[object, ...], int] = {}
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        value = tuple(record.get(k) for k in keys)
        if any(not isinstance(v, str | int) for v in value):
            continue
        if value in seen:
            shown = value[0] if len(value) == 1 else value
            yield (f"{path}[{index}].{keys[0]}: {shown!r} is already used by {path}[{seen[value]}]")
        else:
            seen[value] = index


def _reading_edition(path: str, work: dict[str, Any]) -> Iterator[str]:
    """The edition a work's pages are from is one of its own, with the same count."""
    index, editions = work.get("edition"), work.get("editions")
    if type(index) is not int or not isinstance(editions, list):
        return
    if index >= len(editions):
        yield f"{path}.edition: the work has no edition {index} (it has {len(editions)})"
    elif isinstance(cited := editions[index], dict):
        pages, own = cited.get("pages"), work.get("pages")
        if type(pages) is int and pages != own and not limits.WORK["pages"].problem(own):
            yield (f"{path}.pages: edition {index} has {pages} pages, not {work.get('pages')}")


def _cited_editions(document: dict[str, Any]) -> Iterator[str]:
    """An entry cites one of its work's editions, and only of a work the dump holds."""
    editions = {
        w.get("slug"): len(w["editions"])
        for w in _dicts(document.get("works"))
        if isinstance(w.get("editions"), list)
    }
    for index, guide in enumerate(_dicts(document.get("guides"))):
        entries = guide.get("entries")
        for n, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or type(cited := entry.get("edition")) is not int:
                continue
            path = f"$.guides[{index}].entries[{n}].edition"
            held = editions.get(entry.get("work"))
            if held is None:
                yield f"{path}: names an edition of a work the dump does not hold"
            elif cited >= held:
                yield f"{path}: the work has no edition {cited} (it has {held})"


def _cited_edition(values: dict[str, Any], pages: object) -> dict[str, Any] | None:
    """What an older dump held of the edition cited, taken out of ``values``."""
    said = {new: values.pop(old, None) for old, new in _EDITION_FIELDS.items()}
    if not any(said.values()):
        return None
    text = {k: v if isinstance(v, str) else "" for k, v in said.items() if k != "year"}
    return {"year": said["year"], **text, "pages": pages, "translator": "", "language": ""}


def _editions_from_works(document: dict[str, Any]) -> None:
    """A dump before version 5, its works' cited editions as editions: a work's own is
    its first, cited by its source's guides; one merged in is cited by the merged
    record's source's guides."""
    cited: dict[tuple[object, object], int] = {}  # (work slug, source) -> edition
    for work in _dicts(document.get("works")):
        editions: list[dict[str, Any]] = []
        records = [(work, work.get("pages"), True)]
        records += [(m, m.get("pages"), False) for m in _dicts(work.get("merged"))]
        for record, pages, own in records:
            edition = _cited_edition(record, pages)
            if edition is None:
                continue
            place = {k: record.get(k) for k in ("source", "line_start", "line_end")}
            editions.append({**edition, **place, "position": len(editions)})
            cited[(work.get("slug"), record.get("source"))] = len(editions) - 1
            if own:
                work["edition"] = 0
        work["editions"] = editions
    for guide in _dicts(document.get("guides")):
        for entry in _dicts(guide.get("entries")):
            entry["edition"] = cited.get((entry.get("work"), guide.get("source")))


def _dicts(records: object) -> list[dict[str, Any]]:
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


# What makes a nested record unique within its parent (the database's constraints).
def _upgrade(document: dict[str, Any], defaults: dict[str, dict[str, Any]]) -> None:
    """An older dump, given the fields it predates (where its shape allows)."""

    def fill(records: object, kind: str) -> None:
        for record in records if isinstance(records, list) else []:
            if isinstance(record, dict):
                for key, value in defaults[kind].items():
                    record.setdefault(key, list(value) if isinstance(value, list) else value)
                if kind == "guides":
                    fill(record.get("entries"), "entries")
                if kind == "authors":
                    fill(record.get("life_events"), "life_events")

    fill(document.get("authors"), "authors")
    fill(document.get("works"), "works")
    fill(document.get("guides"), "guides")
    document["version"] = FORMAT_VERSION


_NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "authors": ("author", "role"),
    "entries": ("order",),
    "identifiers": ("scheme", "value"),
}


class _Validator:
    """Walks a parsed dump once, collecting every problem."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.problems: list[str] = []
        self.count = 0

    def add(self, problems: Iterator[str]) -> None:
        for problem in problems:
            self.count += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)

    def run(self) -> list[str]:
        for name, kind in KINDS.items():
            records = self.document[name]
            for index, record in enumerate(records):
                self.record(f"$.{name}[{index}]", name, record, kind)
            self.add(_duplicates(f"$.{name}", records, kind.key))
        self.add(_cited_editions(self.document))
        if self.count > MAX_PROBLEMS:
            self.problems.append(f"… and {self.count - MAX_PROBLEMS:,} more problems")
        return self.problems

    def record(self, path: str, name: str, record: Any, kind: Kind) -> None:
        self.add(_fields(path, record, kind.fields, tuple(kind.nested)))
        if not isinstance(record, dict):
            return
        self.add(_rules(path, name, record))
        for key, schema in kind.nested.items():
            items = record.get(key)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                self.add(_fields(f"{path}.{key}[{index}]", item, schema))
                if isinstance(item, dict):
                    self.add(_rules(f"{path}.{key}[{index}]", key, item))
            unique = _NESTED_KEYS.get(key)
            if unique:
                self.add(_duplicates(f"{path}.{key}", items, unique))


def references(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    """What a valid dump refers to that it does not itself carry: for sources, authors
    and works, each name or slug with the path of the first record that refers to it.
    The catalog must already hold these for the dump to load."""
    carried = {
        kind: {r[KINDS[kind].key] for r in document[kind]}
        for kind in ("sources", "authors", "works")
    }
    wanted: dict[str, dict[str, str]] = {kind: {} for kind in carried}

    def want(kind: str, key: str, path: str) -> None:
        if key not in carried[kind]:
            wanted[kind].setdefault(key, path)

    for name in KINDS:
        for index, record in enumerate(document[name]):
            if record.get("source") is not None:
                want("sources", record["source"], f"$.{name}[{index}].source")
    for name in ("authors", "works"):
        for index, record in enumerate(document[name]):
            for n, merged in enumerate(record["merged"]):
                if merged["source"] is not None:
                    want("sources", merged["source"], f"$.{name}[{index}].merged[{n}].source")
            for n, other in enumerate(record["not_same"]):
                key = name[:-1]
                want(name, other[key], f"$.{name}[{index}].not_same[{n}].{key}")
    for index, work in enumerate(document["works"]):
        for n, contribution in enumerate(work["authors"]):
            want("authors", contribution["author"], f"$.works[{index}].authors[{n}].author")
    for index, guide in enumerate(document["guides"]):
        for n, entry in enumerate(guide["entries"]):
            want("works", entry["work"], f"$.guides[{index}].entries[{n}].work")
    return wanted


def loads(text: str) -> dict[str, Any]:
    """Parse and validate a dump, raising :class:`DumpError` with every problem found."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DumpError(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise DumpError("invalid dump: JSON nested too deeply") from None
    except ValueError:  # a number of thousands of digits, which Python will not read
        raise DumpError("invalid JSON: a number of more than 4,300 digits") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise DumpError(f'not a readingroom catalog dump (no "format": "{FORMAT_NAME}")')
    version = document.get("version")
    if version != FORMAT_VERSION and (type(version) is not int or version not in _UPGRADES):
        raise DumpError(f"dump version {version!r} is not supported (expected {FORMAT_VERSION})")
    if version in _UPGRADES:
        _upgrade(document, _UPGRADES[version])
        if version < 5:
            _editions_from_works(document)
        for added in range(version + 1, FORMAT_VERSION + 1):
            for kind in _ADDED_LISTS.get(added, ()):
                document.setdefault(kind, [])
    expected = {"format", "version", *KINDS}
    problems = [f"$: unknown key {key!r}" for key in sorted(set(document) - expected)]
    problems += [
        f"$.{kind}: should be a list" for kind in KINDS if not isinstance(document.get(kind), list)
    ]
    if problems:
        raise DumpError(problems)
    problems = _Validator(document).run()
    if problems:
        raise DumpError(problems)
    return document
