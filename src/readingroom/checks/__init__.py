"""Editorial checks: what is missing, misspelt or historically impossible in a guide.

Pure Python (no Django). Each family of rules is one module with a ``check(document)``
that yields findings; `check_document` runs them all, in the order an editor would
fix them. A guide becomes a `Document` through `document.from_guide_text` (the guide
format) or `document.from_list` (every other reader's records).
"""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Callable, Iterable, Iterator

from . import chronology, consistency, missing, places, spelling
from .document import Document, from_guide_text, from_list
from .findings import SEVERITIES, Finding, Location, Severity

Family = Callable[[Document], Iterator[Finding]]

# A misspelt place is the places family's (its suggestion is a place), so it comes
# before spelling: of two findings on the same words the first is kept.
FAMILIES: dict[str, Family] = {
    "missing": missing.check,
    "places": places.check,
    "spelling": spelling.check,
    "chronology": chronology.check,
    "consistency": consistency.check,
}


def check_document(document: Document, families: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the chosen families (all by default), in the guide's order."""
    chosen = list(FAMILIES) if families is None else list(families)
    found = [finding for name in chosen for finding in FAMILIES[name](document)]
    return _one_per_problem(sorted(found, key=_order))


def examples(text: str, family: str) -> list[str]:
    """A guide-format text's findings of one family, shortly: "LINE:COL code 'flagged'
    -> 'suggestion'". The rules' docstrings show their examples with it."""
    from readingroom.guidetext import parse_guide

    found = check_document(from_guide_text(parse_guide(text).guide, text), [family])
    lines = []
    for finding in found:
        where = finding.location
        line = f"{where.line}:{where.column}" if where.column else f"{where.line}"
        line += f" {finding.code}" + (f" {finding.flagged!r}" if finding.flagged else "")
        if finding.suggestion is not None:
            line += f" -> {finding.suggestion!r}"
        lines.append(line)
    return lines


def _order(finding: Finding) -> tuple[int, int, int]:
    where = finding.location
    return (where.line or 0, where.column or 0, SEVERITIES.index(finding.severity))


def _one_per_problem(found: list[Finding]) -> list[Finding]:
    """Where two rules flag the same words of the same field, the graver finding
    stands alone: "set during WWII" in a novel of 1931 is one problem, not two."""
    kept: list[Finding] = []
    seen: set[tuple[str, str, str, int, str]] = set()
    times: collections.Counter[str] = collections.Counter()
    for finding in found:
        where = finding.location
        place = (where.record_kind, where.record, where.field, where.offset, finding.flagged)
        if finding.flagged and place in seen:
            continue
        seen.add(place)
        occurrence = times[finding.key]
        times[finding.key] += 1
        kept.append(dataclasses.replace(finding, occurrence=occurrence))
    return kept


__all__ = [
    "FAMILIES",
    "Document",
    "Finding",
    "Location",
    "Severity",
    "check_document",
    "examples",
    "from_guide_text",
    "from_list",
]
