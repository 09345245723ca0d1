"""The profile chart as a PNG (Pillow): one bar per domain, coloured green / orange / red.

Drawn by the transport when it sends a Reply's chart, outside the update's transaction: the
features store only what the chart shows (a few labels), not 30 KB of image in the outbox.

Drawn as a palette image: its text is grey on white and its bars are four colours, so one
byte per pixel holds the picture exactly (the same pixels as drawing it in RGB), and the
PNG encoder, which was most of the ~11 ms of CPU a chart cost, has a third of the bytes to
filter and compress. The text is rendered once per label: the domain names and the legend
repeat from chart to chart.
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

from powbot.domain.messages import Chart

COLORS = {"green": "#2e7d32", "orange": "#ef6c00", "red": "#c62828", "unknown": "#9e9e9e"}
# Bar length says the same as the colour, for people who cannot tell the colours apart.
LENGTH = {"green": 1.0, "orange": 0.66, "red": 0.33, "unknown": 0.08}
WIDTH, ROW, MARGIN, LABEL_WIDTH = 720, 34, 24, 250
# Palette index == grey level, except the darkest four, which are the bar colours: the text
# (darkest grey 0x21, anti-aliased towards white) never reaches them.
TITLE_GREY, LABEL_GREY, LEGEND_GREY = 0x21, 0x21, 0x42
_BAR = {name: index for index, name in enumerate(COLORS)}


def _palette() -> list[int]:
    bars = [int(colour[i : i + 2], 16) for colour in COLORS.values() for i in (1, 3, 5)]
    return bars + [level for level in range(len(COLORS), 256) for _ in range(3)]


_PALETTE = _palette()


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in font: loading it (a base64 TrueType) cost more than the drawing."""
    return ImageFont.load_default(size=size)


@functools.lru_cache(maxsize=512)
def _rendered(text: str, size: int) -> tuple[Image.Image, int, int]:
    """The text's coverage (0-255) and where it sits from the point it is drawn at."""
    font = _font(size)
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=font)
    return mask, left, top


def _text(image: Image.Image, xy: tuple[int, int], text: str, size: int, grey: int) -> None:
    """As ImageDraw.text draws it (the same blend of the grey into the background)."""
    mask, left, top = _rendered(text, size)
    image.paste(grey, (xy[0] + left, xy[1] + top), mask)


@functools.lru_cache(maxsize=64)
def draw_chart(chart: Chart) -> bytes:
    """A PNG of chart.rows (domain label, colour) with chart.legend for green, orange, red.

    The picture follows from the (frozen) chart alone, so the last few are kept: people
    with the same profile in the same language get the same bytes without ~2 ms of CPU."""
    title, rows, legend = chart.title, chart.rows, chart.legend
    height = MARGIN * 2 + 44 + ROW * len(rows) + 40
    image = Image.new("L", (WIDTH, height), 255)
    draw = ImageDraw.Draw(image)
    _text(image, (MARGIN, MARGIN), title, 22, TITLE_GREY)
    top = MARGIN + 44
    bar_space = WIDTH - MARGIN * 2 - LABEL_WIDTH
    for index, (label, color) in enumerate(rows):
        y = top + index * ROW
        _text(image, (MARGIN, y + 6), label, 17, LABEL_GREY)
        length = max(4, int(bar_space * LENGTH[color]))
        draw.rectangle(
            (MARGIN + LABEL_WIDTH, y + 5, MARGIN + LABEL_WIDTH + length, y + ROW - 5),
            fill=_BAR[color],
        )
    x, y = MARGIN, top + ROW * len(rows) + 12
    for color, text in zip(("green", "orange", "red"), legend, strict=True):
        draw.rectangle((x, y + 4, x + 16, y + 20), fill=_BAR[color])
        _text(image, (x + 22, y + 2), text, 17, LEGEND_GREY)
        x += 40 + int(draw.textlength(text, font=_font(17))) + 12
    image.putpalette(_PALETTE)
    buffer = io.BytesIO()
    # zlib level 1: half the CPU of the default level for a file a little larger (Telegram
    # turns it into its own JPEG anyway).
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
