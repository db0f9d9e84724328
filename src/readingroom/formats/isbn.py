"""ISBNs as lists write them ("ISBN 978-0-14-044568-8", "ISBN: 0-14-044568-1"), checked
by their check digit, and kept in the compact form (13 or 10 characters)."""

from __future__ import annotations

import re

ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*(?P<digits>[\dXx][\d\s‐-]{8,16}[\dXx])\b")


def compact(text: str) -> str:
    return re.sub(r"[\s‐-]", "", text).upper()


def is_valid(isbn: str) -> bool:
    """Whether a compact ISBN-10 or ISBN-13 has the right check digit."""
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", isbn):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False
