"""Citations against the Citation Style Language processor test suite.

Each case of ../shared/corpora/csl-test-suite/humans/ (a style, CSL-JSON items, the
citations to make and the expected RESULT) runs through citeproc-py twice in this
process: as readingroom.citing runs it (citeproc-py with its one correction, see that
module) and as citeproc-py alone. A case passes when the output equals RESULT (its
lines trimmed). Cases whose citations carry note positions (a CITATIONS section) are
not run by this harness and count as failures for both. Reported overall, for the
cases about names (name_, nameattr_, nameorder_) and for those whose items include
a book.
"""

from __future__ import annotations

import io
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
    model,
)
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

import readingroom.citing as citing

SUITE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "csl-test-suite" / "humans"
_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)
_ITEM_OPTIONS = ("locator", "label", "prefix", "suffix")


def sections(text: str) -> dict[str, str]:
    return dict(_SECTION.findall(text))


def _citation(cluster: list[dict[str, Any]]) -> Citation:
    return Citation(
        [
            CitationItem(str(item["id"]), **{k: item[k] for k in _ITEM_OPTIONS if k in item})
            for item in cluster
        ]
    )


def run_case(case: dict[str, str]) -> str | None:
    """The processor's output for a case, or None where this harness cannot run it."""
    if "CITATIONS" in case or case.get("MODE", "").strip() not in ("citation", "bibliography"):
        return None
    items = json.loads(case["INPUT"])
    if "CITATION-ITEMS" in case:
        clusters = json.loads(case["CITATION-ITEMS"])
    else:
        clusters = [[{"id": item["id"]} for item in items]]
    style = CitationStylesStyle(io.BytesIO(case["CSL"].encode("utf-8")), validate=False)
    output = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    citations = [_citation(cluster) for cluster in clusters]
    for citation in citations:
        output.register(citation)
    if case["MODE"].strip() == "citation":
        return "\n".join(str(output.cite(c, lambda item: None)) for c in citations)
    output.sort()
    entries = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in output.bibliography())
    return f'<div class="csl-bib-body">\n{entries}</div>'


def _same(found: str | None, expected: str) -> bool:
    if found is None:
        return False
    lines = [line.strip() for line in found.strip().splitlines()]
    return lines == [line.strip() for line in expected.strip().splitlines()]


def score(paths: list[Path], initialize: Callable[..., Any]) -> Counter[str]:
    model.Name.initialize = initialize
    counts: Counter[str] = Counter()
    for path in paths:
        case = sections(path.read_text(encoding="utf-8"))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                passed = _same(run_case(case), case.get("RESULT", ""))
        except Exception:  # a processor that fails on a case fails it
            passed = False
        kinds = ["all"]
        if path.name.split("_")[0] in ("name", "nameattr", "nameorder"):
            kinds.append("names")
        if '"type": "book"' in case.get("INPUT", "").replace("'", '"'):
            kinds.append("books")
        for kind in kinds:
            counts[f"{kind} cases"] += 1
            counts[f"{kind} passed"] += passed
    return counts


def main() -> None:
    if not SUITE.exists():
        sys.exit(f"the CSL test suite is not at {SUITE}")
    paths = sorted(SUITE.glob("*.txt"))
    patched = model.Name.initialize
    ours = score(paths, patched)
    alone = score(paths, citing.CITEPROC_INITIALIZE)
    model.Name.initialize = patched
    print(f"{'cases':10} {'count':>6} {'readingroom':>12} {'citeproc-py alone':>18}")
    for kind in ("all", "names", "books"):
        total = ours[f"{kind} cases"]
        print(
            f"{kind:10} {total:>6} {ours[f'{kind} passed'] / total:>12.1%} "
            f"{alone[f'{kind} passed'] / total:>18.1%}"
        )


if __name__ == "__main__":
    main()
