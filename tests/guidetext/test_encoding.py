import codecs

import pytest

from readingroom.guidetext import GuideDecodeError, decode_guide, encode_guide

TEXT = "# Serge\n\nBorn in Brussels.\xa0\n\nMidnight in the Century (1939): 199 pages\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"])
def test_round_trip_each_encoding(encoding):
    data = encode_guide(TEXT, encoding)
    decoded = decode_guide(data)
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)
    assert encode_guide(decoded.text, decoded.encoding) == data


def test_utf16_has_a_bom():
    assert encode_guide(TEXT, "utf-16-le").startswith(codecs.BOM_UTF16_LE)


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "the file is empty", None),
        (b"  \n\n ", "the file is empty", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file", 3),
        (b"\x89PNG\r\n\x1a\n", "byte 0x89 is not UTF-8 text", 1),
        (b"text\nmore\x00binary", "contains NUL bytes", 2),
        ("line one\nSerge’".encode()[:-1], "ends in the middle of a UTF-8 character", 2),
        (b"abc\n\xff\xfe\xfa", "byte 0xff is not UTF-8 text", 2),
        (codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"a", "UTF-16 text ends", 1),
        (b"abc\x01def", "control character U+0001", 1),
    ],
)
def test_refuses_what_is_not_text(data, message, line):
    with pytest.raises(GuideDecodeError) as caught:
        decode_guide(data)
    assert message in caught.value.message
    assert caught.value.line == line
