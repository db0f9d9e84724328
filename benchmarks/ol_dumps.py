"""Open Library dumps generated in Open Library's own format, for tests and benchmarks.

    python benchmarks/ol_dumps.py DIRECTORY [--works 1000] [--all] [--plain]

Writes ``ol_dump_authors_…``, ``ol_dump_works_…`` and ``ol_dump_editions_…`` (or,
with --all, one ``ol_dump_…`` of every type) as openlibrary/data/dump.py prints
them: ``type<TAB>key<TAB>revision<TAB>last_modified<TAB>JSON``, each file sorted by
key as Open Library's are (so in the dump of every type, /books/ editions come
before the /works/ they belong to). The records are as messy as Open Library's:
dates as people write them ("c. 1820", "3 March 1818", "18th century"), names
given only as ``personal_name``, descriptions and bios as text or as
``{"type": "/type/text", "value": …}``, authors credited as objects or as bare key
strings, works crediting authors no dump holds, editions of works no dump holds,
ISBNs with wrong check digits, works without titles, redirects and (in the dump
of every type) deletions. Every record is drawn from a seed and its own number,
so a dump of any size is written in constant memory, and the same arguments
always write the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from array import array
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from readingroom.formats.isbn import is_valid
from readingroom.formats.openlibrary import dump_line

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import _vocabulary

_DATE = "2024-04-30"
AUTHORS_PER_WORK = 0.4
_LANGUAGES = ["eng", "eng", "eng", "fre", "ger", "spa", "rus", "ita"]


@cache
def _words() -> tuple[list[str], list[float]]:
    """The import benchmark's Zipf-weighted vocabulary, with its topical words."""
    return _vocabulary()


def _text(rng: random.Random, n: int) -> str:
    words, cumulative = _words()
    return " ".join(rng.choices(words, cum_weights=cumulative, k=n))


def _rng(seed: int, kind: str, number: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{number}")


def _stamp(rng: random.Random) -> dict[str, str]:
    return {
        "type": "/type/datetime",
        "value": f"20{rng.randrange(8, 24):02d}-{rng.randrange(1, 13):02d}-"
        f"{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:"
        f"{rng.randrange(60):02d}.{rng.randrange(10**6):06d}",
    }


def _prose(rng: random.Random, words: int) -> Any:
    text = _text(rng, words).capitalize() + "."
    return {"type": "/type/text", "value": text} if rng.random() < 0.5 else text


def _date(rng: random.Random, year: int) -> str:
    return rng.choice(
        [str(year), f"c. {year}", f"{rng.randrange(1, 29)} March {year}", f"{year}?",
         f"March {rng.randrange(1, 29)}, {year}", f"{year // 100 + 1}th century"]
    )  # fmt: skip


def _isbn13(rng: random.Random) -> str:
    stem = "978" + "".join(str(rng.randrange(10)) for _ in range(9))
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem)) % 10) % 10
    isbn = stem + str(check)
    assert is_valid(isbn)
    return isbn if rng.random() > 0.01 else stem + str((check + 1) % 10)  # a wrong check digit


def _record(kind: str, key: str, rng: random.Random, data: dict[str, Any]) -> str:
    revision = rng.randrange(1, 12)
    modified = _stamp(rng)
    record = {
        **data,
        "key": key,
        "type": {"key": kind},
        "revision": revision,
        "latest_revision": revision,
        "created": _stamp(rng),
        "last_modified": modified,
    }
    return dump_line(kind, key, revision, modified["value"], record)


class DumpShape:
    """How many of each record a dump of ``works`` works has, and who made what."""

    def __init__(self, works: int, seed: int = 7) -> None:
        self.works, self.seed = works, seed
        self.authors = max(1, int(works * AUTHORS_PER_WORK))
        # Editions per work (0 to 4, 1.3 on average), and the first edition's number.
        self.first_edition = array("q", [1])
        for number in range(1, works + 1):
            rng = _rng(seed, "editions", number)
            count = rng.choices([0, 1, 2, 3, 4], [10, 60, 20, 6, 4])[0]
            self.first_edition.append(self.first_edition[-1] + count)

    @property
    def editions(self) -> int:
        return self.first_edition[-1] - 1

    def author_of(self, work: int, place: int) -> int:
        """A work's authors: a few write many works (Zipf), most one or two."""
        rng = _rng(self.seed, f"credit{place}", work)
        return (
            min(self.authors, int(rng.paretovariate(0.6)))
            if rng.random() < 0.3
            else ((work * 7919 + place * 104729) % self.authors + 1)
        )

    def work_of(self, edition: int) -> int:
        lo, hi = 1, self.works
        while lo < hi:  # the last work whose first edition is at or before this one
            mid = (lo + hi + 1) // 2
            if self.first_edition[mid - 1] <= edition:
                lo = mid
            else:
                hi = mid - 1
        return lo


def author_lines(shape: DumpShape) -> Iterator[tuple[str, str]]:
    for number in sorted(range(1, shape.authors + 1), key=str):
        key = f"/authors/OL{number}A"
        rng = _rng(shape.seed, "author", number)
        if rng.random() < 0.01 and number > 1:
            yield (
                key,
                _record("/type/redirect", key, rng, {"location": f"/authors/OL{number // 2}A"}),
            )
            continue
        name = f"{_text(rng, 1).capitalize()} {_text(rng, 1).capitalize()}{number}"
        data: dict[str, Any] = {"personal_name": name}
        if rng.random() > 0.02:
            data["name"] = name
        born = 1500 + rng.randrange(500)
        if rng.random() < 0.4:
            data["birth_date"] = _date(rng, born)
        if rng.random() < 0.3:
            data["death_date"] = _date(rng, born + 20 + rng.randrange(70))
        if rng.random() < 0.07:
            data["bio"] = _prose(rng, rng.randrange(20, 120))
        if rng.random() < 0.1:
            data["remote_ids"] = {"wikidata": f"Q{rng.randrange(1, 10**8)}"}
        data["source_records"] = [f"bwb:{rng.randrange(10**12)}"]
        yield key, _record("/type/author", key, rng, data)


def _credit(rng: random.Random, author: int) -> dict[str, Any]:
    key = f"/authors/OL{author}A"
    if rng.random() < 0.01:
        return {"type": "/type/author_role", "author": key}  # as some old records have it
    return {"type": {"key": "/type/author_role"}, "author": {"key": key}}


def work_lines(shape: DumpShape) -> Iterator[tuple[str, str]]:
    for number in sorted(range(1, shape.works + 1), key=str):
        key = f"/works/OL{number}W"
        rng = _rng(shape.seed, "work", number)
        if rng.random() < 0.005 and number > 1:
            yield key, _record("/type/redirect", key, rng, {"location": f"/works/OL{number - 1}W"})
            continue
        data: dict[str, Any] = {}
        if rng.random() > 0.001:
            title = _text(rng, rng.randrange(1, 6)).title()
            # Most titles are told apart; some are shared ("Poems"), as at Open Library.
            data["title"] = f"{title} {number}" if rng.random() < 0.9 else title
        if rng.random() < 0.2:
            data["subtitle"] = _text(rng, 4)
        count = rng.choices([0, 1, 2, 3], [3, 80, 14, 3])[0]
        authors = [shape.author_of(number, place) for place in range(count)]
        if rng.random() < 0.005:
            authors.append(shape.authors + 1 + number)  # an author no dump holds
        if authors:
            data["authors"] = [_credit(rng, a) for a in authors]
        if rng.random() < 0.6:
            data["first_publish_date"] = _date(rng, 1600 + rng.randrange(424))
        if rng.random() < 0.3:
            data["description"] = _prose(rng, rng.randrange(15, 90))
        if rng.random() < 0.5:
            data["subjects"] = [_text(rng, 2).title() for _ in range(rng.randrange(1, 6))]
        if rng.random() < 0.4:
            data["covers"] = [rng.randrange(10**7)]
        yield key, _record("/type/work", key, rng, data)


def edition_lines(shape: DumpShape) -> Iterator[tuple[str, str]]:
    for number in sorted(range(1, shape.editions + 1), key=str):
        key = f"/books/OL{number}M"
        rng = _rng(shape.seed, "edition", number)
        work = shape.work_of(number)
        data: dict[str, Any] = {"title": f"{_text(rng, 3).title()}"}
        if rng.random() < 0.002:
            work = shape.works + number  # a work no dump holds
        if rng.random() > 0.001:
            data["works"] = [{"key": f"/works/OL{work}W"}]
        data["authors"] = [{"key": f"/authors/OL{shape.author_of(work, 0)}A"}]
        if rng.random() < 0.9:
            data["publishers"] = [_text(rng, 2).title() + " Press"]
        if rng.random() < 0.5:
            data["publish_places"] = [_text(rng, 1).title()]
        data["publish_date"] = _date(rng, 1700 + rng.randrange(324))
        if rng.random() < 0.7:
            data["number_of_pages"] = rng.randrange(20, 1200)
        if rng.random() < 0.6:
            data["isbn_13"] = [_isbn13(rng)]
        if rng.random() < 0.3:
            data["isbn_10"] = [_isbn13(rng)[3:12] + "X"]  # often wrong: read on to isbn_13
        if rng.random() < 0.8:
            data["languages"] = [{"key": f"/languages/{rng.choice(_LANGUAGES)}"}]
        data["physical_format"] = rng.choice(["Paperback", "Hardcover", "Unknown Binding"])
        data["source_records"] = [f"marc:marc_loc/{rng.randrange(10**9)}"]
        yield key, _record("/type/edition", key, rng, data)


def delete_lines(shape: DumpShape) -> Iterator[tuple[str, str]]:
    """A few records deleted at Open Library, under keys no other record has."""
    for number in range(1, max(2, shape.works // 1000) + 1):
        key = f"/works/OL{shape.works * 10 + number}W"
        yield key, _record("/type/delete", key, _rng(shape.seed, "delete", number), {})


def _open(path: Path, plain: bool) -> IO[str]:
    if plain:
        return path.open("w", encoding="utf-8")
    return gzip.open(path, "wt", encoding="utf-8", compresslevel=1)


def write_dump(
    directory: Path, works: int, *, seed: int = 7, every_type: bool = False, plain: bool = False
) -> list[Path]:
    """Write a dump of ``works`` works (its authors and editions too) into ``directory``:
    three files, or one of every type; returns their paths."""
    shape = DumpShape(works, seed)
    suffix = ".txt" if plain else ".txt.gz"
    groups = {
        "authors": author_lines(shape),
        "works": work_lines(shape),
        "editions": edition_lines(shape),
    }
    if every_type:
        path = directory / f"ol_dump_{_DATE}{suffix}"
        with _open(path, plain) as out:
            # Sorted by key: /authors/ < /books/ < /works/ (the deletions' keys last).
            for name in ("authors", "editions", "works"):
                out.writelines(line for _, line in groups[name])
            out.writelines(line for _, line in delete_lines(shape))
        return [path]
    paths = []
    for name, lines in groups.items():
        path = directory / f"ol_dump_{name}_{_DATE}{suffix}"
        with _open(path, plain) as out:
            out.writelines(line for _, line in lines)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--works", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--all", action="store_true", help="One file of every type.")
    parser.add_argument("--plain", action="store_true", help="Not gzipped.")
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    for path in write_dump(
        args.directory, args.works, seed=args.seed, every_type=args.all, plain=args.plain
    ):
        print(path, f"{path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
