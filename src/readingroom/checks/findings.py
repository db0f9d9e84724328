"""What a check reports: a problem, where it stands, and the fix it suggests.

A finding is located twice over: by line and column in the file it was read from
(for `readingroom lint` and an editor's text editor), and by record, field and
offset (for the catalog, whose records outlive the file). Its ``key`` names the
problem without either, so that an editor's "ignore" survives a re-import that
moves the text about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")


@dataclass(frozen=True)
class Location:
    """Where a finding stands: a record ("work", "Birth of Our Power"), one of its
    fields ("annotation") and an offset into that field's text; when the text came
    from a file, the line and column (both from 1) there; when from the catalog, the
    stored record or field."""

    record_kind: str
    record: str
    field: str
    offset: int = 0
    length: int = 0
    line: int | None = None
    column: int | None = None
    # The stored record or field ("work:12", "work:12:annotation") in the catalog.
    ref: str | None = None
    # What names the record for good: its slug in the catalog, else its name.
    ident: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem. ``code`` is "family/name" ("spelling/unknown-word"); ``flagged``
    the words it is about, as written; ``suggestion`` what to write instead of them
    (None when there is nothing to suggest, "" to delete them)."""

    code: str
    severity: Severity
    message: str
    location: Location
    flagged: str = ""
    suggestion: str | None = None
    # Which of the same words in the same field it is (0 for the first).
    occurrence: int = 0

    @property
    def family(self) -> str:
        return self.code.split("/", 1)[0]

    @property
    def key(self) -> str:
        """The problem without its place in the file: the same after a re-import that
        moves the text about, one for each record (by slug in the catalog) and for
        each time the same words stand in the field."""
        where = self.location
        parts = [self.code, where.record_kind, where.ident or where.record, where.field]
        parts.append(self.flagged)
        if self.occurrence:
            parts.append(str(self.occurrence))
        return "|".join(parts)

    def format(self, filename: str) -> str:
        """``FILE:LINE:COL: severity: code: message (suggestion)``, the compilers' form
        that editors and CI annotations read."""
        where = self.location
        place = filename
        if where.line is not None:
            place += f":{where.line}" + (f":{where.column}" if where.column is not None else "")
        text = f"{place}: {self.severity}: {self.code}: {self.message}"
        if self.suggestion is not None:
            text += f" (suggestion: {self.suggestion!r})" if self.suggestion else " (delete it)"
        return text
