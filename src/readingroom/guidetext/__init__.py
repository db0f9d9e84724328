"""The plain-text guide format: decoding, parsing and writing (no Django here)."""

from .encoding import DecodedText, Encoding, GuideDecodeError, decode_guide, encode_guide
from .names import infer_author_name, sort_name
from .parser import parse_guide, parse_work
from .records import AuthorEntry, GuideText, ParseResult, Problem, TextLayout, WorkEntry
from .writer import render_work, write_guide

__all__ = [
    "AuthorEntry",
    "DecodedText",
    "Encoding",
    "GuideDecodeError",
    "GuideText",
    "ParseResult",
    "Problem",
    "TextLayout",
    "WorkEntry",
    "decode_guide",
    "encode_guide",
    "infer_author_name",
    "parse_guide",
    "parse_work",
    "render_work",
    "sort_name",
    "write_guide",
]
