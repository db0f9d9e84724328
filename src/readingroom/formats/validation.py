"""What the catalog's limits (readingroom.limits) refuse in a guide's core records.

Every door checks the same: `readingroom parse` shows it, `import` and the admin's
"Import a list" refuse it, before anything is written.
"""

from __future__ import annotations

from readingroom import limits
from readingroom.guidetext import Problem

from .records import ListGuide, join_compilers


def limit_problems(guide: ListGuide, title: str) -> list[Problem]:
    """Everything in the guide that the catalog's limits refuse, at its line."""
    found: list[Problem] = []

    def check(spec: limits.Field, value: object, line: int | None) -> None:
        if (problem := spec.problem(value)) is not None:
            found.append(Problem(problem, line))

    check(limits.GUIDE["title"], title, None)
    check(limits.GUIDE["subtitle"], guide.subtitle or "", None)
    check(limits.GUIDE["description"], guide.introduction, None)
    check(limits.GUIDE["closing"], guide.closing, None)
    check(limits.GUIDE["compilers"], join_compilers(guide.compilers), None)
    check(limits.GUIDE["date"], guide.date or "", None)
    for name, note in guide.author_notes.items():
        check(limits.AUTHOR["biography"], note, None)
        check(limits.AUTHOR["name"], name, None)
    for entry in guide.entries:
        line = entry.line_start
        check(limits.WORK["title"], entry.title, line)
        for spec, value in (
            (limits.WORK["year"], entry.year),
            (limits.WORK["year_end"], entry.year_end),
            (limits.WORK["pages"], entry.pages),
            (limits.WORK["annotation"], entry.note),
            (limits.EDITION["year"], entry.edition_year),
            (limits.EDITION["publisher"], entry.publisher or ""),
            (limits.EDITION["place"], entry.place or ""),
            (limits.EDITION["isbn"], entry.isbn or ""),
            (limits.EDITION["language"], entry.language or ""),
            (limits.WORK["url"], entry.url or ""),
            (limits.GUIDE_ENTRY["section"], entry.section_path),
            (limits.GUIDE_ENTRY["part"], entry.part or ""),
            (limits.GUIDE_ENTRY["part_pages"], entry.part_pages),
        ):
            check(spec, value, line)
        for contributor in entry.contributors:
            check(limits.AUTHOR["name"], contributor.name, line)
        found.extend(
            Problem(rule.message, line, rule.severity)
            for rule in limits.work_rules(entry.year, entry.year_end, entry.pages)
        )
    return found


def with_limits(guide: ListGuide, title: str | None = None) -> list[Problem]:
    """The reader's problems, then what the limits refuse that it did not report
    already (a reader that checks a limit reports it at its own line)."""
    said = {(p.message, p.line) for p in guide.problems}
    messages = {message for message, _ in said}
    title = title or guide.title or "untitled"
    extra = [
        p
        for p in limit_problems(guide, title)
        if (p.message, p.line) not in said and not (p.line is None and p.message in messages)
    ]
    return [*guide.problems, *dict.fromkeys(extra)]
