"""Turning a guide file's bytes into text and back, refusing what is not text.

Editors save guides from many tools, so UTF-8 with or without a byte-order mark and
UTF-16 with a mark are all accepted. Anything else is refused with a message that
says where the bytes stopped being text, because a silent replacement character
would lose what the editor wrote.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

Encoding = Literal["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be")

_EXPECTED = "expected a UTF-8 (or UTF-16 with a byte-order mark) text file"
# C0 controls other than tab, line feed, form feed and carriage return never occur in prose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class GuideDecodeError(ValueError):
    """The bytes are not a guide text; ``line`` is where that became clear, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: Encoding


def _line_of(data: bytes, offset: int, unit: bytes = b"\n") -> int:
    return data[:offset].count(unit) + 1


def _decode_utf16(data: bytes, encoding: Encoding) -> str:
    body = data[2:]
    newline = "\n".encode(encoding)
    if len(body) % 2:
        raise GuideDecodeError(
            "UTF-16 text ends in the middle of a character (is the file truncated?)",
            _line_of(body, len(body), newline),
        )
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise GuideDecodeError(
            f"invalid UTF-16 (unpaired surrogate); {_EXPECTED}",
            _line_of(body, exc.start, newline),
        ) from None


def _decode_utf8(data: bytes, encoding: Encoding) -> str:
    body = data[3:] if encoding == "utf-8-sig" else data
    if b"\x00" in body:
        raise GuideDecodeError(
            f"contains NUL bytes, so it looks like a binary file; {_EXPECTED}",
            _line_of(body, body.index(b"\x00")),
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(body, exc.start)
        if exc.end == len(body) and exc.reason == "unexpected end of data":
            raise GuideDecodeError(
                "ends in the middle of a UTF-8 character (is the file truncated?)", line
            ) from None
        raise GuideDecodeError(
            f"byte 0x{body[exc.start]:02x} is not UTF-8 text; {_EXPECTED}", line
        ) from None


def detect_encoding(data: bytes) -> Encoding:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return "utf-8"


def decode_guide(data: bytes) -> DecodedText:
    """Decode a guide file, raising :class:`GuideDecodeError` for anything but text."""
    encoding = detect_encoding(data)
    if encoding.startswith("utf-16"):
        text = _decode_utf16(data, encoding)
    else:
        text = _decode_utf8(data, encoding)
    if not text.strip():
        raise GuideDecodeError(
            "the file is empty; expected a biography followed by works "
            "('Title (Year): N pages, annotation')"
        )
    control = _CONTROL.search(text)
    if control:
        raise GuideDecodeError(
            f"contains the control character U+{ord(control.group()):04X}, "
            f"so it looks like a binary file; {_EXPECTED}",
            text.count("\n", 0, control.start()) + 1,
        )
    return DecodedText(text, encoding)


def encode_guide(text: str, encoding: Encoding = "utf-8") -> bytes:
    """The inverse of :func:`decode_guide`: the byte-order mark comes back too."""
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)
