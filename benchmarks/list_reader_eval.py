"""How well the reading-list reader reads lists, against hand-written gold.

For each fixture in tests/formats/lists/ (a list and its `.gold.json`, written before
the reader was run on it): precision and recall of the entries' (authors, title,
year, pages), compared case-, accent- and punctuation-insensitively; and how many
non-blank lines the reader neither read nor reported (it must be 0). Then the
reader's speed in entries per second.
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from collections import Counter
from pathlib import Path

from readingroom.formats.readinglist import clear_caches, read_list
from readingroom.formats.records import ListEntry

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "formats" / "lists"

Key = tuple[frozenset[str], str, int | None, int | None]
# Each set of lists (a folder under tests/formats/lists/) and who wrote it when.
LIST_SETS = {
    "development": "the 13 shapes the reader was built on",
    "heldout": "6 shapes by a second hand, studied after their first measurement",
    "fresh": "6 shapes by a third hand after the reader was built, studied after theirs",
    "unseen": "6 shapes by a fourth hand, measured before anyone studied them",
}


def normal(text: str) -> str:
    """Case, accents, punctuation and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def key(authors: list[str], title: str, year: int | None, pages: int | None) -> Key:
    return (frozenset(normal(a) for a in authors), normal(title), year, pages)


def entry_key(entry: ListEntry) -> Key:
    return key(entry.authors, entry.title, entry.year, entry.pages)


def gold_of(path: Path) -> Path:
    return path.with_name(path.name.split(".")[0] + ".gold.json")


def fixtures(folder: Path = FIXTURES) -> list[Path]:
    """The lists that have a gold file beside them."""
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".txt", ".md") and gold_of(p).exists()
    )


def score(path: Path) -> dict[str, object]:
    gold = json.loads(gold_of(path).read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    guide = read_list(text)
    expected = Counter(
        key(g["authors"], g["title"], g.get("year"), g.get("pages")) for g in gold["entries"]
    )
    found = Counter(entry_key(e) for e in guide.entries)
    right = sum((expected & found).values())
    reported = {n for p in guide.problems if p.line is not None for n in range(p.line, p.line + 1)}
    lost = [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and number not in guide.kept and number not in reported
    ]
    return {
        "fixture": path.name,
        "gold": sum(expected.values()),
        "found": sum(found.values()),
        "right": right,
        "lost": lost,
        "missed": sorted(expected - found, key=str),
        "wrong": sorted(found - expected, key=str),
    }


def speed(paths: list[Path], seconds: float = 3.0) -> float:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    entries, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            clear_caches()  # each list read afresh, as it would be
            entries += len(read_list(text).entries)
    return entries / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="Show each missed and wrong entry.")
    parser.add_argument(
        "--lists",
        choices=sorted(LIST_SETS),
        default="development",
        help="Which lists to score: "
        + "; ".join(f"{name}: {what}" for name, what in LIST_SETS.items()),
    )
    args = parser.parse_args()
    folder = "" if args.lists == "development" else args.lists
    paths = fixtures(FIXTURES / folder if folder else FIXTURES)
    totals = Counter[str]()
    print(f"{'fixture':44} {'gold':>5} {'found':>6} {'right':>6} {'P':>7} {'R':>7} {'lost':>5}")
    for path in paths:
        result = score(path)
        gold, found, right = int(result["gold"]), int(result["found"]), int(result["right"])
        lost = len(result["lost"])  # type: ignore[arg-type]
        totals.update(gold=gold, found=found, right=right, lost=lost)
        precision = right / found if found else 0.0
        recall = right / gold if gold else 0.0
        print(
            f"{path.name:44} {gold:>5} {found:>6} {right:>6} {precision:>7.1%} {recall:>7.1%} "
            f"{lost:>5}"
        )
        if args.errors:
            for missed in result["missed"]:  # type: ignore[attr-defined]
                print(f"    missed: {missed}")
            for wrong in result["wrong"]:  # type: ignore[attr-defined]
                print(f"    wrong:  {wrong}")
            if lost:
                print(f"    lost lines: {result['lost']}")
    precision = totals["right"] / totals["found"] if totals["found"] else 0.0
    recall = totals["right"] / totals["gold"] if totals["gold"] else 0.0
    print(
        f"{'total':44} {totals['gold']:>5} {totals['found']:>6} {totals['right']:>6} "
        f"{precision:>7.1%} {recall:>7.1%} {totals['lost']:>5}"
    )
    print("targets: precision >= 98%, recall >= 95%, lost lines 0")
    print(f"speed: {speed(paths):,.0f} entries/s (target >= 20,000)")


if __name__ == "__main__":
    main()
