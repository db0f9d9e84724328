"""Writing records back to the guide format.

A work whose fields still say what its original paragraph said is written as
that paragraph, character for character; an edited one is written in the
canonical form of docs/guide-format.md.
"""

from __future__ import annotations

from .parser import parse_work
from .records import GuideText, WorkEntry


def format_years(year: int, year_end: int | None) -> str:
    if year_end is None:
        return str(year)
    if len(str(year)) == 4 and year_end // 100 == year // 100 and year_end > year:
        return f"{year}–{year_end % 100:02d}"
    return f"{year}–{year_end}"


def render_work(work: WorkEntry) -> str:
    """The canonical paragraph for a work's fields."""
    text = work.title
    if work.year is not None:
        text += f" ({format_years(work.year, work.year_end)})"
    text += ":"
    if work.pages is not None:
        text += f" {work.pages} pages"
    elif work.year is None:
        text += " ? pages"
    if work.annotation:
        text += ("," if work.pages is not None or work.year is None else "") + " " + work.annotation
    return text


def work_paragraph(work: WorkEntry) -> str:
    """The editor's own paragraph while it is still accurate, else the canonical one."""
    if work.raw:
        original = parse_work(work.raw)
        if original is not None and original.fields() == work.fields():
            return work.raw
    return render_work(work)


def write_guide(guide: GuideText) -> str:
    """Write a guide back as text, in its own newline convention."""
    blocks: list[str] = []
    for author in guide.authors:
        section: str | None = None
        if author.has_heading:
            blocks.append(f"# {author.name}")
        if author.biography:
            blocks.append(author.biography)
        for work in author.works:
            if work.section != section:
                blocks.append(f"## {work.section}" if work.section else "##")
                section = work.section
            blocks.append(work_paragraph(work))
    text = "\n\n".join(blocks)
    if guide.layout.final_newline:
        text += "\n"
    return text.replace("\n", guide.layout.newline)
