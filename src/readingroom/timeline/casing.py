"""Lower-casing that keeps every character where it was."""


def lower(text: str) -> str:
    """``text.lower()`` with the same length as ``text``.

    The patterns run on lowered text and report offsets into the original, so the
    one character whose lower case is two characters long (U+0130, the Turkish
    dotted capital I) becomes a plain "i" instead.
    """
    return text.replace("\u0130", "i").lower()
