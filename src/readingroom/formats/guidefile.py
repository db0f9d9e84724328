"""The plain-text guide format as core records: each author's works become entries
credited to that author, in the file's order, under the file's sections."""

from __future__ import annotations

from readingroom.guidetext import parse_guide

from .records import Contributor, ListEntry, ListGuide, ListSection


def read_guide_format(text: str) -> ListGuide:
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
            guide.entries.append(
                ListEntry(
                    title=work.title,
                    contributors=[credit],
                    year=work.year,
                    year_end=work.year_end,
                    pages=work.pages,
                    note=work.annotation,
                    sections=(work.section,) if work.section else (),
                    line_start=work.line_start,
                    line_end=work.line_end,
                    raw=work.raw,
                )
            )
    return guide
