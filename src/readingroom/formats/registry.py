"""The readers a guide can be written for, and which one a given text is for.

Each reader turns text into the core records (records.ListGuide). `readingroom parse`
and `import` pick one by name (`--from`) or by detection: the plain-text guide format
when most of the text parses as its works, else the reading-list reader, which takes
whatever editors write. The formats of the next issues (BibTeX, RIS, CSL-JSON,
CSV) register here the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readingroom.guidetext import parse_guide

from .guide_v2 import is_version_2
from .guidefile import read_guide_format
from .readinglist import read_list
from .records import ListGuide

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


def streams(reader: Reader, head: str) -> bool:
    """Whether the text is read as it arrives, author by author (version 1 of the guide
    format, whose files can be of any size), rather than whole into core records."""
    return reader.name == "guide" and not is_version_2(head)


def detect_reader(text: str) -> Reader:
    """The first reader whose detection accepts the text's beginning."""
    head = text[:DETECT_CHARACTERS]
    return next(reader for reader in READERS.values() if reader.detect(head))
