"""The name an author heading is filed under, as library catalogues file it.

A person by surname ("Serge, Victor"); two or more people in one heading each so, in
the heading's order ("Marx, Karl & Engels, Friedrich"), so that the heading files
under its first name; a body ("Council on Foreign Relations") and an unknown or
anonymous author ("Unknown author") as written.
"""

from __future__ import annotations

from readingroom import limits
from readingroom.formats.names import is_corporate_name, parse_names
from readingroom.guidetext import sort_name
from readingroom.search.text import fold

from .lexicon import identity_lexicon

_LONGEST = limits.AUTHOR["sort_name"].max_length or 255


def heading_sort_name(heading: str) -> str:
    text = heading.strip()
    if fold(text) in identity_lexicon().anonymous or is_corporate_name(text):
        return text
    people = parse_names(text)
    if people and len(people) > 1 and not any(p.corporate for p in people):
        joined = " & ".join(sort_name(p.name) for p in people)
        if len(joined) <= _LONGEST:  # else as one name, which the parser has checked
            return joined
    return sort_name(text)
