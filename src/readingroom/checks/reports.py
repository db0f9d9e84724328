"""Findings written for people and for tools: compiler-style lines, JSON, and SARIF
2.1.0 (which code-scanning services and editors read, fixes included)."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from .findings import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_dict(finding: Finding, filename: str) -> dict[str, Any]:
    where = finding.location
    return {
        "file": filename,
        "line": where.line,
        "column": where.column,
        "severity": finding.severity,
        "code": finding.code,
        "message": finding.message,
        "flagged": finding.flagged,
        "suggestion": finding.suggestion,
        "record": {"kind": where.record_kind, "name": where.record},
        "field": where.field,
        "offset": where.offset,
        "key": finding.key,
    }


def as_sarif(found: list[tuple[str, Finding]]) -> dict[str, Any]:
    """One SARIF run for (filename, finding) pairs."""
    codes = sorted({finding.code for _, finding in found})
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "readingroom",
                        "version": version("readingroom"),
                        "rules": [{"id": code, "name": code.replace("/", "-")} for code in codes],
                    }
                },
                # Columns count characters (code points), as lint prints them.
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(name, finding) for name, finding in found],
            }
        ],
    }


def _sarif_result(filename: str, finding: Finding) -> dict[str, Any]:
    where = finding.location
    region: dict[str, int] = {}
    if where.line is not None:
        region["startLine"] = where.line
        if where.column is not None:
            region["startColumn"] = where.column
            region["endColumn"] = where.column + len(finding.flagged)
    physical: dict[str, Any] = {"artifactLocation": {"uri": filename}}
    if region:
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"readingroom/v1": finding.key},
    }
    if finding.suggestion is not None and "startColumn" in region:
        result["fixes"] = [
            {
                "description": {"text": f"write {finding.suggestion!r}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": filename},
                        "replacements": [
                            {
                                "deletedRegion": dict(region),
                                "insertedContent": {"text": finding.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result
