"""The plain-text guide format (docs/guide-format.md) as core records.

Version 1 is one author's biography and works, or several authors under `# Name`
headings: guidetext parses it (streaming, for files of any size) and each author's
works become entries credited to that author. Version 2 (guide_v2) is a guide across
authors, read whole.
"""

from __future__ import annotations

from readingroom.guidetext import parse_guide

from .guide_v2 import is_version_2, read_version_2
from .records import Contributor, ListEntry, ListGuide, ListSection


def read_guide_format(text: str) -> ListGuide:
    """Read a guide-format text of either version into the core records."""
    if is_version_2(text):
        return read_version_2(text)
    result = parse_guide(text)
    guide = ListGuide(problems=list(result.problems))
    for author in result.guide.authors:
        credit = Contributor(author.name, "author", author.name)
        if author.biography:
            guide.author_notes[author.name] = author.biography
        section: str | None = None
        for work in author.works:
            if work.section and work.section != section:
                section = work.section
                guide.sections.append(ListSection(section, 1, work.line_start))
            sections = (work.section,) if work.section else ()
            guide.entries.append(ListEntry.from_work(work, [credit], sections))
    return guide
