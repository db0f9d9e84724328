"""Identity: whether two names are one person (or body) and two titles one work.

Pure Python, no Django. Each comparison gives a :class:`Verdict` with its evidence:
``same`` (certain: the catalog may merge silently), ``candidate`` (likely: shown to
editors with the evidence, merged by one action) or ``different``. Precision comes
first: a wrong silent merge mixes two people's works, which editors may never notice,
while a missed one is a candidate or a duplicate they can see and merge.
"""

from __future__ import annotations

from .verdict import Match, Verdict

__all__ = ["Match", "Verdict"]
