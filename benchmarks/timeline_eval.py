"""How well readingroom.timeline finds and dates what biographies and news say.

    python benchmarks/timeline_eval.py [--errors N]

1. TimeBank (TempEval-3's TBAQ-cleaned TimeBank part, from ../shared/corpora/timebank):
   strict and relaxed extent F1, value F1 and type F1, beside HeidelTime's published
   TempEval-3 figures.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from readingroom.timeline.evaluation import read_timeml, score

ROOT = Path(__file__).resolve().parent.parent
TIMEBANK = ROOT.parent / "shared" / "corpora" / "timebank"
# HeidelTime on the TempEval-3 platinum test set (UzZaman et al., SemEval-2013).
HEIDELTIME = {"strict extent": 81.34, "relaxed extent": 90.30, "value": 77.61, "type": 82.09}


def timebank(show_errors: int) -> None:
    if not TIMEBANK.exists():
        print(f"TimeBank not found at {TIMEBANK}; skipped")
        return
    documents = [read_timeml(path) for path in sorted(TIMEBANK.glob("*.tml"))]
    scores = score(documents)
    print(f"TimeBank: {len(documents)} documents, {scores.gold} gold TIMEX3, {scores.system} found")
    print(f"{'measure':16} {'P':>6} {'R':>6} {'F1':>6}   HeidelTime F1")
    for name, (p, r, f) in scores.table().items():
        print(f"{name:16} {p:6.1%} {r:6.1%} {f:6.1%}   {HEIDELTIME[name]:.2f}")
    if show_errors:
        kinds = collections.Counter(kind for _, kind, _, _ in scores.errors)
        print(dict(kinds))
        for kind in ("missed", "spurious", "value"):
            common = collections.Counter(
                (text.lower(), detail if kind == "value" else "")
                for _, k, text, detail in scores.errors
                if k == kind
            )
            print(kind, common.most_common(show_errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="Show the N commonest errors.")
    args = parser.parse_args()
    timebank(args.errors)


if __name__ == "__main__":
    main()
