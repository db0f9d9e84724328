"""Draws the site's icon, an open book on the accent colour, as SVG and as favicon.ico.

    python tools/make_favicon.py

Both files are written from the same shapes into the web app's static folder. The
ICO holds one 32 × 32 image, 32-bit BGRA with a transparent rounded corner, each
pixel averaged over 4 × 4 samples; no imaging library is needed.
"""

from __future__ import annotations

import struct
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "src/readingroom/web/static/readingroom"
SIZE, RADIUS, SAMPLES = 32, 6, 4
ACCENT, PAPER = (0x8A, 0x2B, 0x0F), (0xFD, 0xFB, 0xF7)
# The book, in the icon's 32-unit square: two pages, three lines of text on each.
PAGES = [(6, 9, 9.5, 15), (16.5, 9, 9.5, 15)]
LINES = [(x, y, 5.5, 1.2) for x in (8, 18.5) for y in (12.5, 16, 19.5)]


def _inside_square(x: float, y: float) -> bool:
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _within(x: float, y: float, boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(left <= x < left + w and top <= y < top + h for left, top, w, h in boxes)


def _colour(x: float, y: float) -> tuple[int, int, int] | None:
    if not _inside_square(x, y):
        return None
    if _within(x, y, PAGES) and not _within(x, y, LINES):
        return PAPER
    return ACCENT


def _pixel(px: int, py: int) -> bytes:
    """One pixel as BGRA, averaged over SAMPLES × SAMPLES points."""
    hits = [
        _colour(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES)
        for i in range(SAMPLES)
        for j in range(SAMPLES)
    ]
    drawn = [c for c in hits if c is not None]
    if not drawn:
        return bytes(4)
    r, g, b = (round(sum(c[k] for c in drawn) / len(drawn)) for k in range(3))
    return bytes([b, g, r, round(255 * len(drawn) / len(hits))])


def ico() -> bytes:
    rows = [b"".join(_pixel(x, y) for x in range(SIZE)) for y in reversed(range(SIZE))]
    mask = bytes(SIZE * SIZE // 8)  # all shown: the alpha channel does the masking
    header = struct.pack("<IiiHHIIiiII", 40, SIZE, SIZE * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    image = header + b"".join(rows) + mask
    directory = struct.pack("<HHH", 0, 1, 1) + struct.pack(
        "<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16
    )
    return directory + image


def svg() -> str:
    def rect(box: tuple[float, float, float, float], fill: str) -> str:
        left, top, w, h = box
        return f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="{fill}"/>'

    accent, paper = ("#" + bytes(colour).hex() for colour in (ACCENT, PAPER))
    shapes = [f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="{accent}"/>']
    shapes += [rect(box, paper) for box in PAGES] + [rect(box, accent) for box in LINES]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        + "".join(shapes)
        + "</svg>\n"
    )


if __name__ == "__main__":
    (STATIC / "favicon.ico").write_bytes(ico())
    (STATIC / "icon.svg").write_text(svg())
