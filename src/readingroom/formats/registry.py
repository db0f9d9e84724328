"""The readers a guide can be written for, and which one a given text is for.

Each reader turns text into the core records (records.ListGuide). `readingroom parse`
and `import` pick one by name (`--from`) or by detection: the plain-text guide format
when most of the text parses as its works, else the reading-list reader, which takes
whatever editors write. The field's formats (CSL-JSON, BibTeX, RIS, Goodreads and
StoryGraph CSV) are tried first: each is told by its own marks (a JSON list of items,
"@book{key,", "TY  - ", a CSV header with the service's own columns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readingroom.guidetext import parse_guide

from .bibtex import is_bibtex, read_bibtex, write_bibtex
from .csl_json import is_csl_json, read_csl_json, write_csl_json
from .guide_v2 import is_version_2
from .guidefile import read_guide_format
from .marcxml import write_marcxml
from .reader_csv import (
    is_goodreads,
    is_storygraph,
    read_goodreads,
    read_storygraph,
    write_goodreads,
)
from .readinglist import read_list
from .records import ListGuide
from .ris import is_ris, read_ris, write_ris

# Detection reads this much of a file: enough for many works, little of a big file.
DETECT_CHARACTERS = 65_536


@dataclass(frozen=True)
class Reader:
    name: str
    description: str
    detect: Callable[[str], bool]
    read: Callable[[str], ListGuide]


def _is_guide_format(head: str) -> bool:
    if is_version_2(head):
        return True
    if len(head) == DETECT_CHARACTERS:
        paragraphs = head[: head.rfind("\n\n") + 1]
        if len(paragraphs) < DETECT_CHARACTERS // 2:
            # A paragraph of tens of kilobytes is a biography (or a fault the guide
            # reader reports), never a list's.
            return True
        head = paragraphs
    result = parse_guide(head)
    # Text with nothing against the guide format is in it (a biography alone, say);
    # a guide-format file with a few mistakes still is (its errors are reported where
    # they are); a file that is mostly not works is a list.
    works = len(result.guide.works)
    return not result.errors or (works > 0 and len(result.errors) <= works)


READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        Reader(
            "csl-json", "CSL-JSON items (Zotero, citation processors)", is_csl_json, read_csl_json
        ),
        Reader("bibtex", "BibTeX and BibLaTeX (Zotero, JabRef)", is_bibtex, read_bibtex),
        Reader("ris", "RIS records (EndNote, Zotero, Talis Aspire)", is_ris, read_ris),
        Reader("goodreads", "a Goodreads library export (CSV)", is_goodreads, read_goodreads),
        Reader("storygraph", "a StoryGraph export (CSV)", is_storygraph, read_storygraph),
        Reader(
            "guide",
            "readingroom's plain-text guide format (docs/guide-format.md)",
            _is_guide_format,
            read_guide_format,
        ),
        Reader(
            "list",
            "reading lists as people write them: numbered or bulleted lists, annotated "
            "bibliographies, Markdown, course schedules",
            lambda head: True,
            read_list,
        ),
    )
}


# The formats a guide's or the catalog's works are written in besides the guide format
# and the JSON dump: each takes the core records (catalog/exporter.py makes them).
WRITERS: dict[str, Callable[[ListGuide], str]] = {
    "bibtex": write_bibtex,
    "ris": write_ris,
    "csl-json": write_csl_json,
    "goodreads": write_goodreads,
    "marcxml": write_marcxml,
}


def streams(reader: Reader, head: str) -> bool:
    """Whether the text is read as it arrives, author by author (version 1 of the guide
    format, whose files can be of any size), rather than whole into core records."""
    return reader.name == "guide" and not is_version_2(head)


def detect_reader(text: str) -> Reader:
    """The first reader whose detection accepts the text's beginning."""
    head = text[:DETECT_CHARACTERS]
    return next(reader for reader in READERS.values() if reader.detect(head))
