"""Turning a guide file's bytes into text and back, refusing what is not text.

Editors save guides from many tools, so UTF-8 with or without a byte-order mark and
UTF-16 with a mark are all accepted. Anything else is refused with a message that
says where the bytes stopped being text, because a silent replacement character
would lose what the editor wrote.

Files are read piece by piece (:class:`TextStream`), so a guide of hundreds of
megabytes is checked and imported without ever being held in memory whole.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

from readingroom.limits import CONTROL_CHARACTER, MAX_FILE_BYTES

Encoding = Literal["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be")
CHUNK_BYTES = 1 << 20

_EXPECTED = "expected a UTF-8 (or UTF-16 with a byte-order mark) text file"
_BOMS: tuple[tuple[bytes, Encoding], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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


def detect_encoding(data: bytes) -> Encoding:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return "utf-8"


def _size(megabytes: float) -> str:
    return f"{megabytes:,.0f} MB" if megabytes >= 10 else f"{megabytes:,.1f} MB"


class TextStream:
    """A guide file's text, decoded piece by piece as it is iterated.

    Iterating yields the text in pieces (the byte-order mark left out) and raises
    :class:`GuideDecodeError` where the bytes stop being text. Once the iteration
    is complete, ``encoding``, ``sha256`` (of the bytes) and ``size`` are known.
    """

    def __init__(self, file: BinaryIO, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.file = file
        self.chunk_bytes = chunk_bytes
        self.encoding: Encoding = "utf-8"
        self.sha256 = ""
        self.size = 0
        self._lines = 0  # line feeds decoded so far
        self._text_seen = False

    def __iter__(self) -> Iterator[str]:
        digest = hashlib.sha256()
        chunk = self.file.read(self.chunk_bytes)
        self.encoding = detect_encoding(chunk)
        bom = next((len(b) for b, encoding in _BOMS if encoding == self.encoding), 0)
        codec = "utf-8" if self.encoding.startswith("utf-8") else self.encoding
        decoder = codecs.getincrementaldecoder(codec)("strict")
        head_offset = bom
        while chunk:
            digest.update(chunk)
            self.size += len(chunk)
            if self.size > MAX_FILE_BYTES:
                raise GuideDecodeError(
                    f"the file is larger than {_size(MAX_FILE_BYTES / 1e6)}, the most readingroom "
                    "imports at once (docs/limits.md); split it into several guides"
                )
            if text := self._decode(decoder, chunk[head_offset:], final=False):
                yield text
            chunk, head_offset = self.file.read(self.chunk_bytes), 0
        if text := self._decode(decoder, b"", final=True):
            yield text
        self.sha256 = digest.hexdigest()
        if not self._text_seen:
            raise GuideDecodeError(
                "the file is empty; expected a biography followed by works "
                "('Title (Year): N pages, annotation')"
            )

    def _decode(self, decoder: codecs.IncrementalDecoder, data: bytes, final: bool) -> str:
        pending = decoder.getstate()[0]
        if self.encoding.startswith("utf-8") and b"\x00" in data:
            raise GuideDecodeError(
                f"contains NUL bytes, so it looks like a binary file; {_EXPECTED}",
                self._line_at(pending + data, len(pending) + data.index(b"\x00")),
            )
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, pending + data) from None
        if control := CONTROL_CHARACTER.search(text):
            raise GuideDecodeError(
                f"contains the control character U+{ord(control.group()):04X}, "
                f"so it looks like a binary file; {_EXPECTED}",
                self._lines + text.count("\n", 0, control.start()) + 1,
            )
        self._text_seen = self._text_seen or bool(text.strip())
        self._lines += text.count("\n")
        return text

    def _line_at(self, data: bytes, offset: int) -> int:
        codec = "utf-8" if self.encoding.startswith("utf-8") else self.encoding
        return self._lines + data[:offset].decode(codec, "replace").count("\n") + 1

    def _decode_error(self, exc: UnicodeDecodeError, data: bytes) -> GuideDecodeError:
        line = self._line_at(data, exc.start)
        truncated = exc.end == len(data) and exc.reason in (
            "unexpected end of data",
            "truncated data",
        )
        if self.encoding.startswith("utf-16"):
            if truncated:
                return GuideDecodeError(
                    "UTF-16 text ends in the middle of a character (is the file truncated?)", line
                )
            return GuideDecodeError(f"invalid UTF-16 (unpaired surrogate); {_EXPECTED}", line)
        if truncated:
            return GuideDecodeError(
                "ends in the middle of a UTF-8 character (is the file truncated?)", line
            )
        return GuideDecodeError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text; {_EXPECTED}", line
        )


def decode_guide(data: bytes) -> DecodedText:
    """Decode a whole guide file, raising :class:`GuideDecodeError` for anything but text."""
    stream = TextStream(io.BytesIO(data))
    text = "".join(stream)
    return DecodedText(text, stream.encoding)


def encode_guide(text: str, encoding: Encoding = "utf-8") -> bytes:
    """The inverse of :func:`decode_guide`: the byte-order mark comes back too."""
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)
