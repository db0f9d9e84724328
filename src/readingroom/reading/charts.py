"""Bar charts as accessible SVG, drawn on the server: no JavaScript, and the numbers
they show are in a table beside them (the statistics page puts it there).

The SVG has a title and a description that say what it shows, and each bar a
``<title>`` with its label and value, which screen readers and tooltips read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT, BOTTOM, TOP, LEFT = 640, 180, 24, 12, 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the table writes it: "1,256 pages"


def bar_chart(bars: Sequence[Bar], title: str, description: str, chart_id: str) -> str:
    """An SVG of ``bars``, tallest at full height; labels under every few bars so they
    never overlap."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    if bars:
        most = max(bar.value for bar in bars) or 1
        slot = (WIDTH - 2 * LEFT) / len(bars)
        room = HEIGHT - BOTTOM - TOP
        every = max(1, round(len(bars) / 8))  # about eight labels, however many bars
        baseline = HEIGHT - BOTTOM
        parts.append(
            f'<line x1="{LEFT}" y1="{baseline}" x2="{WIDTH - LEFT}" y2="{baseline}" class="axis"/>'
        )
        for n, bar in enumerate(bars):
            height = room * bar.value / most
            x = LEFT + n * slot
            parts.append(
                f'<rect x="{x + slot * 0.1:.1f}" y="{baseline - height:.1f}" '
                f'width="{slot * 0.8:.1f}" height="{height:.1f}" class="bar">'
                f"<title>{escape(bar.label)}: {escape(bar.shown)}</title></rect>"
            )
            if n % every == 0:
                parts.append(
                    f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
                    f'class="bar-label">{escape(bar.label)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
