"""The profile chart as a PNG (Pillow): one bar per domain, coloured green / orange / red.

Drawn by the transport when it sends a Reply's chart, outside the update's transaction: the
features store only what the chart shows (a few labels), not 30 KB of image in the outbox."""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

from powbot.domain.messages import Chart

COLORS = {"green": "#2e7d32", "orange": "#ef6c00", "red": "#c62828", "unknown": "#9e9e9e"}
# Bar length says the same as the colour, for people who cannot tell the colours apart.
LENGTH = {"green": 1.0, "orange": 0.66, "red": 0.33, "unknown": 0.08}
WIDTH, ROW, MARGIN, LABEL_WIDTH = 720, 34, 24, 250


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in font: loading it (a base64 TrueType) cost more than the drawing."""
    return ImageFont.load_default(size=size)


def draw_chart(chart: Chart) -> bytes:
    """A PNG of chart.rows (domain label, colour) with chart.legend for green, orange, red."""
    title, rows, legend = chart.title, chart.rows, chart.legend
    height = MARGIN * 2 + 44 + ROW * len(rows) + 40
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, font = _font(22), _font(17)
    draw.text((MARGIN, MARGIN), title, fill="#212121", font=title_font)
    top = MARGIN + 44
    bar_space = WIDTH - MARGIN * 2 - LABEL_WIDTH
    for index, (label, color) in enumerate(rows):
        y = top + index * ROW
        draw.text((MARGIN, y + 6), label, fill="#212121", font=font)
        length = max(4, int(bar_space * LENGTH[color]))
        draw.rectangle(
            (MARGIN + LABEL_WIDTH, y + 5, MARGIN + LABEL_WIDTH + length, y + ROW - 5),
            fill=COLORS[color],
        )
    x, y = MARGIN, top + ROW * len(rows) + 12
    for color, text in zip(("green", "orange", "red"), legend, strict=True):
        draw.rectangle((x, y + 4, x + 16, y + 20), fill=COLORS[color])
        draw.text((x + 22, y + 2), text, fill="#424242", font=font)
        x += 40 + int(draw.textlength(text, font=font)) + 12
    buffer = io.BytesIO()
    # zlib level 1: half the CPU of the default level for a file about twice as large (tens of
    # KB, which Telegram turns into its own JPEG anyway).
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
